import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';

export default containerCheck({
  id: 'cis.host-devices',
  title: 'Host devices are not exposed to containers',
  section: 'containers',
  severity: 'medium',
  ...cis('5.18'),
  automated: true,
  decidedBy: 'HostConfig.Devices, DeviceCgroupRules and DeviceRequests (GPUs): any entry warns and is listed for review; privileged containers get every device and are covered by 5.5.',
  rationale: 'A host device in a container (a disk, /dev/mem, a USB or GPU device) gives direct access to hardware or host data around every other control.',
  remediation: 'Remove --device unless the workload needs the hardware; when it does, grant the narrowest permission (--device /dev/ttyUSB0:/dev/ttyUSB0:r).',
  judge: (c) => {
    const devices = (c.HostConfig.Devices ?? []).map((d) => `${d.PathOnHost}:${d.PathInContainer}:${d.CgroupPermissions}`);
    const rules = (c.HostConfig.DeviceCgroupRules as string[] | null | undefined) ?? [];
    const requests = ((c.HostConfig.DeviceRequests as { Driver?: string; Count?: number }[] | null | undefined) ?? []).map((r) => `${r.Driver || 'gpu'} x${r.Count ?? 'all'}`);
    const all = [...devices, ...rules.map((r) => `rule ${r}`), ...requests];
    const observed = { Devices: devices, DeviceCgroupRules: rules, DeviceRequests: requests };
    return all.length
      ? { outcome: 'warn', observed, expected: { Devices: [] }, message: `has host devices: ${all.join(', ')}; confirm each is needed.`, fix: { drop: ['--device'] } }
      : { outcome: 'pass', observed, expected: { Devices: [] }, message: 'has no host devices.' };
  },
});
