import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { joinTexts, templates } from '../text';
import type { LocalText } from '../types';

const m = templates({
  devices: { en: '{target} has host devices: {devices}; confirm each is needed.', nb: '{target} har enheter fra verten: {devices}; bekreft at hver av dem trengs.' },
  none: { en: '{target} has no host devices.', nb: '{target} har ingen enheter fra verten.' },
  // The items of {devices} that are not plain device paths.
  rule: { en: 'rule {rule}', nb: 'regel {rule}' },
  request: { en: '{driver} x{count}', nb: '{driver} x{count}' },
  allDevices: { en: 'all', nb: 'alle' },
});

export default containerCheck({
  id: 'cis.host-devices',
  title: { en: 'Host devices are not exposed to containers', nb: 'Vertens enheter er ikke eksponert for containere' },
  section: 'containers',
  severity: 'medium',
  ...cis('5.18'),
  automated: true,
  messages: m.templates,
  decidedBy: {
    en: 'HostConfig.Devices, DeviceCgroupRules and DeviceRequests (GPUs): any entry warns and is listed for review; privileged containers get every device and are covered by 5.5.',
    nb: 'HostConfig.Devices, DeviceCgroupRules og DeviceRequests (GPU-er): hver oppføring gir advarsel og listes til gjennomgang; privilegerte containere får alle enheter og dekkes av 5.5.',
  },
  rationale: {
    en: 'A host device in a container (a disk, /dev/mem, a USB or GPU device) gives direct access to hardware or host data around every other control.',
    nb: 'En enhet fra verten i en container (en disk, /dev/mem, en USB- eller GPU-enhet) gir direkte tilgang til maskinvare eller data på verten, forbi alle andre kontroller.',
  },
  remediation: {
    en: 'Remove --device unless the workload needs the hardware; when it does, grant the narrowest permission (--device /dev/ttyUSB0:/dev/ttyUSB0:r).',
    nb: 'Fjern --device med mindre arbeidslasten trenger maskinvaren; gjør den det, gi den snevrest mulig tilgang (--device /dev/ttyUSB0:/dev/ttyUSB0:r).',
  },
  judge: (c) => {
    const devices = (c.HostConfig.Devices ?? []).map((d) => `${d.PathOnHost}:${d.PathInContainer}:${d.CgroupPermissions}`);
    const rules = (c.HostConfig.DeviceCgroupRules as string[] | null | undefined) ?? [];
    const raw = (c.HostConfig.DeviceRequests as { Driver?: string; Count?: number }[] | null | undefined) ?? [];
    const requests = raw.map((r) => `${r.Driver || 'gpu'} x${r.Count ?? 'all'}`);
    const all: LocalText[] = [
      ...devices.map((d) => ({ en: d, nb: d })),
      ...rules.map((rule) => m('rule', { rule })),
      ...raw.map((r) => m('request', { driver: r.Driver || 'gpu', count: r.Count ?? m('allDevices') })),
    ];
    const observed = { Devices: devices, DeviceCgroupRules: rules, DeviceRequests: requests };
    return all.length
      ? { outcome: 'warn', observed, expected: { Devices: [] }, message: m('devices', { devices: joinTexts(all) }), fix: { drop: ['--device'] } }
      : { outcome: 'pass', observed, expected: { Devices: [] }, message: m('none') };
  },
});
