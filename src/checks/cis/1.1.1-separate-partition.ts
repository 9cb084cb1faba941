import { cis } from '../docker/cis';
import { hostDaemonTarget } from '../docker/host-check';
import { defineCheck } from '../define';
import { templates } from '../text';

const m = templates({
  mountUnknown: {
    en: 'Not evaluated: the filesystem under {dataRoot} is unknown (/proc/1/mountinfo not readable).',
    nb: 'Ikke vurdert: filsystemet under {dataRoot} er ukjent (/proc/1/mountinfo kan ikke leses).',
  },
  separate: {
    en: 'The data root {dataRoot} is on its own filesystem ({fsType} {source} at {mountPoint}).',
    nb: 'Datamappen {dataRoot} ligger på et eget filsystem ({fsType} {source} på {mountPoint}).',
  },
  sharedNoMount: {
    en: 'The data root {dataRoot} shares device {device} with / (no mount of its own): container data can fill the root filesystem.',
    nb: 'Datamappen {dataRoot} deler blokkenheten {device} med / (ingen egen montering): containerdata kan fylle rotfilsystemet.',
  },
  sharedBindMount: {
    en: 'The data root {dataRoot} shares device {device} with / ({mountPoint} is a bind mount of the root disk): container data can fill the root filesystem.',
    nb: 'Datamappen {dataRoot} deler blokkenheten {device} med / ({mountPoint} er en bind-montering av rotdisken): containerdata kan fylle rotfilsystemet.',
  },
});

export default defineCheck<'host'>({
  id: 'cis.separate-partition',
  title: { en: 'Container data lives on its own partition', nb: 'Containerdata ligger på en egen partisjon' },
  section: 'host',
  severity: 'medium',
  ...cis('1.1.1'),
  automated: true,
  requires: ['host'],
  messages: m.templates,
  decidedBy: {
    en:
      "Finds the filesystem that holds the engine's real data root (Info.DockerRootDir) in the host's /proc/1/mountinfo and compares its device with the device of /. " +
      'A bind mount of the root disk is not a separate partition (docker-bench\'s `mountpoint` test calls it one).',
    nb:
      'Finner filsystemet som har den faktiske datamappen til motoren (Info.DockerRootDir), i /proc/1/mountinfo på verten, og sammenligner blokkenheten med blokkenheten til /. ' +
      'En bind-montering av rotdisken er ingen egen partisjon (testen `mountpoint` i docker-bench regner den som det).',
  },
  rationale: {
    en: 'Images, layers, volumes and json-file logs grow with every deployment; on the root filesystem they can fill it and stop the host, its logging and sshd with it.',
    nb: 'Images, lag, volumer og json-file-logger vokser for hver utrulling. Ligger de på rotfilsystemet, kan de fylle det og stoppe verten, og med den loggingen og sshd.',
  },
  remediation: {
    en: 'Create a partition or LVM volume for container data, mount it at the data root (e.g. /var/lib/docker, via /etc/fstab), or point "data-root" in daemon.json at a path on it; then restart dockerd.',
    nb: 'Opprett en partisjon eller et LVM-volum for containerdata, og monter det på datamappen (f.eks. /var/lib/docker, via /etc/fstab), eller la "data-root" i daemon.json peke på en sti på det; start deretter dockerd på nytt.',
  },
  evaluate: ({ host }) => {
    const target = hostDaemonTarget(host);
    const mount = host.dataRoot.mount;
    const dataRoot = host.dataRoot.file.path;
    if (!mount) return [{ outcome: 'error', target, message: m('mountUnknown', { dataRoot }) }];
    const { mountPoint, fsType, device, source } = mount;
    const observed = { dataRoot, mountPoint, fsType, device, rootDevice: mount.rootDevice };
    const expected = { device: `different from the device of / (${mount.rootDevice ?? 'unknown'})` };
    if (mount.separateFromRoot) return [{ outcome: 'pass', target, observed, expected, message: m('separate', { dataRoot, fsType, source, mountPoint }) }];
    return [{ outcome: 'fail', target, observed, expected, message: m(mountPoint === '/' ? 'sharedNoMount' : 'sharedBindMount', { dataRoot, device, mountPoint }) }];
  },
});
