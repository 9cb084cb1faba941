import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { describeMount, hostBinds, normalizePath, sensitiveRoot } from '../docker/mounts';
import { templates } from '../text';

const m = templates({
  writable: { en: '{target} mounts host system directories writable: {mounts}.', nb: '{target} monterer systemmapper fra verten skrivbart: {mounts}.' },
  readOnlyDirs: {
    en: '{target} mounts whole host system directories read-only: {mounts}; mount only the files it needs.',
    nb: '{target} monterer hele systemmapper fra verten skrivebeskyttet: {mounts}; monter bare filene den trenger.',
  },
  none: { en: '{target} mounts no sensitive host directory writable.', nb: '{target} monterer ingen sensitive mapper fra verten skrivbart.' },
});

export default containerCheck({
  id: 'cis.sensitive-host-dirs',
  title: { en: 'Sensitive host directories are not mounted into containers', nb: 'Sensitive mapper på verten er ikke montert i containere' },
  section: 'containers',
  severity: 'high',
  ...cis('5.6'),
  automated: true,
  messages: m.templates,
  decidedBy: {
    en:
      "Every bind mount (Mounts): a writable mount of /, /boot, /dev, /etc, /lib, /proc, /sys, /usr, /bin, /sbin, /root, the engine's data root, or anything below them fails; " +
      'a read-only mount of one of those directories as a whole warns; read-only single files (e.g. /etc/localtime) pass. docker-bench only catches exact, writable matches.',
    nb:
      'Hver bind-montering (Mounts): en skrivbar montering av /, /boot, /dev, /etc, /lib, /proc, /sys, /usr, /bin, /sbin, /root, motorens datarot eller noe under dem gir ikke bestått; ' +
      'en skrivebeskyttet montering av en hel slik mappe gir advarsel; skrivebeskyttede enkeltfiler (f.eks. /etc/localtime) består. docker-bench fanger bare eksakte, skrivbare treff.',
  },
  rationale: {
    en: 'A writable host system directory lets the container change the host itself: /etc/shadow, systemd units, kernel parameters under /proc/sys.',
    nb: 'En skrivbar systemmappe fra verten lar containeren endre selve verten: /etc/shadow, systemd-enheter, kjerneparametere under /proc/sys.',
  },
  remediation: {
    en: 'Mount only the specific files the workload needs, read-only (-v /etc/localtime:/etc/localtime:ro); keep application data in named volumes.',
    nb: 'Monter bare de enkeltfilene arbeidslasten trenger, og skrivebeskyttet (-v /etc/localtime:/etc/localtime:ro); hold applikasjonsdata i navngitte volumer.',
  },
  judge: (c, { docker }) => {
    const extra = docker.info.DockerRootDir ? [docker.info.DockerRootDir] : [];
    const writable: string[] = [];
    const readOnlyDirs: string[] = [];
    for (const m of hostBinds(c)) {
      const root = sensitiveRoot(m.Source ?? '', extra);
      if (!root) continue;
      if (m.RW !== false) writable.push(describeMount(m));
      else if (normalizePath(m.Source ?? '') === root) readOnlyDirs.push(describeMount(m));
    }
    const observed = { writable, readOnlyDirectories: writable.length ? undefined : readOnlyDirs, mounts: hostBinds(c).map(describeMount) };
    const expected = { mounts: 'no writable host system directories' };
    const sources = new Set(writable.map((w) => w.split(':')[0]));
    const isBad = (source: string) => sources.has(source);
    const fix = {
      map: [
        { flag: '-v', to: (v: string) => (isBad(v.split(':')[0]) ? (/:(ro|rw)(,|$)/.test(v) ? v.replace(/:rw(,|$)/, ':ro$1') : `${v}:ro`) : v) },
        { flag: '--mount', to: (v: string) => (isBad(/(?:^|,)(?:source|src)=([^,]+)/.exec(v)?.[1] ?? '') && !/(^|,)(readonly|ro)(=true)?(,|$)/.test(v) ? `${v},readonly` : v) },
      ],
    };
    if (writable.length) return { outcome: 'fail', observed, expected, message: m('writable', { mounts: writable }), fix };
    if (readOnlyDirs.length) return { outcome: 'warn', observed, expected, message: m('readOnlyDirs', { mounts: readOnlyDirs }) };
    return { outcome: 'pass', observed, expected, message: m('none') };
  },
});
