import { cis } from '../docker/cis';
import { hostDaemonTarget } from '../docker/host-check';
import { defineCheck } from '../define';

export default defineCheck<'host'>({
  id: 'cis.separate-partition',
  title: 'Container data lives on its own partition',
  section: 'host',
  severity: 'medium',
  ...cis('1.1.1'),
  automated: true,
  requires: ['host'],
  decidedBy:
    "Finds the filesystem that holds the engine's real data root (Info.DockerRootDir) in the host's /proc/1/mountinfo and compares its device with the device of /. " +
    'A bind mount of the root disk is not a separate partition (docker-bench\'s `mountpoint` test calls it one).',
  rationale: 'Images, layers, volumes and json-file logs grow with every deployment; on the root filesystem they can fill it and stop the host, its logging and sshd with it.',
  remediation: 'Create a partition or LVM volume for container data, mount it at the data root (e.g. /var/lib/docker, via /etc/fstab), or point "data-root" in daemon.json at a path on it; then restart dockerd.',
  evaluate: ({ host }) => {
    const target = hostDaemonTarget(host);
    const m = host.dataRoot.mount;
    const dr = host.dataRoot.file.path;
    if (!m) return [{ outcome: 'error', target, message: `Not evaluated: the filesystem under ${dr} is unknown (/proc/1/mountinfo not readable).` }];
    const observed = { dataRoot: dr, mountPoint: m.mountPoint, fsType: m.fsType, device: m.device, rootDevice: m.rootDevice };
    const expected = { device: `different from the device of / (${m.rootDevice ?? 'unknown'})` };
    return [m.separateFromRoot
      ? { outcome: 'pass', target, observed, expected, message: `The data root ${dr} is on its own filesystem (${m.fsType} ${m.source} at ${m.mountPoint}).` }
      : { outcome: 'fail', target, observed, expected, message: `The data root ${dr} shares device ${m.device} with / (${m.mountPoint === '/' ? 'no mount of its own' : `${m.mountPoint} is a bind mount of the root disk`}): container data can fill the root filesystem.` }];
  },
});
