import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { templates } from '../text';

const m = templates({
  host: { en: "{target} shares the host's process namespace.", nb: '{target} deler vertens prosessnavnerom.' },
  own: { en: '{target} has its own process namespace.', nb: '{target} har sitt eget prosessnavnerom.' },
});

export default containerCheck({
  id: 'cis.host-pid',
  title: { en: "Containers do not share the host's process namespace", nb: 'Containere deler ikke vertens prosessnavnerom' },
  section: 'containers',
  severity: 'high',
  ...cis('5.16'),
  automated: true,
  messages: m.templates,
  decidedBy: { en: 'HostConfig.PidMode = host fails.', nb: 'HostConfig.PidMode = host gir ikke bestått.' },
  rationale: {
    en: 'With the host PID namespace a container sees every host process, and as root can signal or ptrace them, including the Docker daemon.',
    nb: 'Med vertens PID-navnerom ser en container alle prosessene på verten, og som root kan den sende dem signaler eller bruke ptrace på dem, også på Docker-daemonen.',
  },
  remediation: {
    en: 'Remove --pid=host (compose: pid: host); use a sidecar that shares only the target container\'s namespace (--pid container:<name>) for debugging.',
    nb: 'Fjern --pid=host (compose: pid: host); ved feilsøking kan en sidecar dele navnerommet til bare den containeren som skal undersøkes (--pid container:<navn>).',
  },
  judge: (c) => {
    const host = c.HostConfig.PidMode === 'host';
    return {
      outcome: host ? 'fail' : 'pass',
      observed: { PidMode: c.HostConfig.PidMode ?? '' },
      expected: { PidMode: 'not host' },
      message: m(host ? 'host' : 'own'),
      fix: { drop: ['--pid'] },
    };
  },
});
