import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { describeMount, hostBinds, normalizePath, sensitiveRoot } from '../docker/mounts';

export default containerCheck({
  id: 'cis.sensitive-host-dirs',
  title: 'Sensitive host directories are not mounted into containers',
  section: 'containers',
  severity: 'high',
  ...cis('5.6'),
  automated: true,
  decidedBy:
    "Every bind mount (Mounts): a writable mount of /, /boot, /dev, /etc, /lib, /proc, /sys, /usr, /bin, /sbin, /root, the engine's data root, or anything below them fails; " +
    'a read-only mount of one of those directories as a whole warns; read-only single files (e.g. /etc/localtime) pass. docker-bench only catches exact, writable matches.',
  rationale: 'A writable host system directory lets the container change the host itself: /etc/shadow, systemd units, kernel parameters under /proc/sys.',
  remediation: 'Mount only the specific files the workload needs, read-only (-v /etc/localtime:/etc/localtime:ro); keep application data in named volumes.',
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
    if (writable.length) return { outcome: 'fail', observed, expected, message: `mounts host system directories writable: ${writable.join(', ')}.`, fix };
    if (readOnlyDirs.length) return { outcome: 'warn', observed, expected, message: `mounts whole host system directories read-only: ${readOnlyDirs.join(', ')}; mount only the files it needs.` };
    return { outcome: 'pass', observed, expected, message: 'mounts no sensitive host directory writable.' };
  },
});
