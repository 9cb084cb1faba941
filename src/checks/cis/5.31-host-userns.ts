import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { securityOptions } from '../docker/engine';
import { templates } from '../text';

const m = templates({
  host: { en: "{target} shares the host's user namespace (--userns=host).", nb: '{target} deler vertens brukernavnerom (--userns=host).' },
  noRemap: {
    en: '{target} runs on a daemon without userns-remap, so it shares the host user namespace like every container (see the user namespace remapping control, cis.userns-remap).',
    nb: '{target} kjører på en daemon uten userns-remap og deler derfor vertens brukernavnerom, slik alle containere der gjør (se kontrollen om omtilordning av brukernavnerom, cis.userns-remap).',
  },
  remapped: { en: '{target} runs in the remapped user namespace.', nb: '{target} kjører i det omtilordnede brukernavnerommet.' },
});

export default containerCheck({
  id: 'cis.host-userns',
  title: { en: "Containers do not share the host's user namespace", nb: 'Containere deler ikke vertens brukernavnerom' },
  section: 'containers',
  severity: 'high',
  ...cis('5.31'),
  automated: true,
  messages: m.templates,
  decidedBy: {
    // The userns-remap control is named by check id: its CIS number differs between benchmark versions (2.9 in 1.6.0, 2.10 in 1.8.0).
    en: 'HostConfig.UsernsMode = host fails. Without userns-remap on the daemon every container shares the host user namespace anyway, so the per-container setting is not applicable and cis.userns-remap carries the finding.',
    nb: 'HostConfig.UsernsMode = host gir ikke bestått. Uten userns-remap på daemonen deler alle containere vertens brukernavnerom uansett, så innstillingen per container er ikke relevant, og funnet hører til cis.userns-remap.',
  },
  rationale: {
    en: "--userns=host opts a container out of the daemon's user namespace remapping: root in it is root on the host again.",
    nb: '--userns=host tar en container ut av daemonens omtilordning av brukernavnerom: root i den er igjen root på verten.',
  },
  remediation: {
    en: 'Remove --userns=host (compose: userns_mode: host) so the daemon\'s remapping applies.',
    nb: 'Fjern --userns=host (compose: userns_mode: host), slik at daemonens omtilordning gjelder.',
  },
  judge: (c, { docker }) => {
    const remap = securityOptions(docker).some((o) => o.name === 'userns' || o.name === 'rootless');
    const host = c.HostConfig.UsernsMode === 'host';
    const observed = { UsernsMode: c.HostConfig.UsernsMode ?? '', daemonUsernsRemap: remap };
    const expected = { UsernsMode: 'not host' };
    if (host) return { outcome: 'fail', observed, expected, message: m('host'), fix: { drop: ['--userns'] } };
    if (!remap) return { outcome: 'not-applicable', observed, expected, message: m('noRemap') };
    return { outcome: 'pass', observed, expected, message: m('remapped') };
  },
});
