import { cis } from '../docker/cis';
import { engineTarget } from '../docker/engine';
import { defineCheck } from '../define';

export default defineCheck<'docker'>({
  id: 'cis.storage-driver',
  title: 'The storage driver is a supported one: overlay2, not aufs or devicemapper loop-lvm',
  section: 'daemon',
  severity: 'medium',
  ...cis('2.6'),
  automated: true,
  requires: ['docker'],
  decidedBy:
    'Info.Driver and Info.DriverStatus: aufs fails (CIS 2.6; removed from current engines), devicemapper on loop devices (loop-lvm: "Data loop file" in DriverStatus) fails, ' +
    'other non-overlay2 drivers warn (devicemapper is deprecated, vfs copies every layer), overlay2 (and btrfs/zfs on their own filesystems) passes.',
  rationale: 'aufs is unmaintained and has had kernel crashes and escapes; loop-lvm is documented as unfit for production (slow, and data loss when the loop file fills); overlay2 is the maintained default.',
  remediation: 'daemon.json: { "storage-driver": "overlay2" } on an ext4 or xfs (ftype=1) data root; images and containers must be re-pulled or migrated (docker save / load) because layers are not converted.',
  evaluate: ({ docker }) => {
    const target = engineTarget(docker);
    const driver = docker.info.Driver;
    if (!driver) return [{ outcome: 'error', target, message: 'Not evaluated: the engine did not report its storage driver.' }];
    const status = Object.fromEntries(docker.info.DriverStatus ?? []);
    const observed = { Driver: driver, DriverStatus: status };
    const expected = { Driver: 'overlay2' };
    if (driver === 'aufs') return [{ outcome: 'fail', target, observed, expected, message: 'The daemon uses the aufs storage driver.' }];
    if (driver === 'devicemapper') {
      const loop = Object.keys(status).some((k) => /loop file/i.test(k)) || Object.values(status).some((v) => /^\/dev\/loop/.test(String(v)));
      return [loop
        ? { outcome: 'fail', target, observed, expected, message: 'The daemon uses devicemapper in loop-lvm mode (data on a loop file), which is not fit for production.' }
        : { outcome: 'warn', target, observed, expected, message: 'The daemon uses devicemapper (direct-lvm), deprecated and removed in Docker 25; plan a move to overlay2.' }];
    }
    if (driver === 'overlay2' || driver === 'btrfs' || driver === 'zfs') {
      return [{ outcome: 'pass', target, observed, expected, message: `The daemon uses the ${driver} storage driver${driver === 'overlay2' ? '' : ' on its own filesystem type'}.` }];
    }
    return [{ outcome: 'warn', target, observed, expected, message: `The daemon uses the ${driver} storage driver; overlay2 is the maintained default${driver === 'vfs' ? ' (vfs copies every layer in full and is meant for testing)' : ''}.` }];
  },
});
