import { cis } from '../docker/cis';
import { engineTarget } from '../docker/engine';
import { defineCheck } from '../define';

export default defineCheck<'docker'>({
  id: 'cis.storage-driver',
  title: 'The storage driver is a maintained one (overlay2), not aufs or devicemapper',
  section: 'daemon',
  severity: 'medium',
  ...cis('2.6'),
  automated: true,
  requires: ['docker'],
  decidedBy:
    'Info.Driver and Info.DriverStatus: aufs fails (CIS 2.6; removed in Engine 24.0), devicemapper fails in loop-lvm mode ("Data loop file" in DriverStatus) and warns otherwise ' +
    '(removed in Engine 25.0; CIS 1.8.0 judges it on its own in 2.7), vfs and other drivers warn (vfs copies every layer), overlay2 (and btrfs/zfs on their own filesystems) passes.',
  rationale: 'aufs and devicemapper are gone from current engines (removed in Engine 24.0 and 25.0), so a daemon that still uses one cannot be upgraded in place; aufs had kernel crashes and escapes, loop-lvm is unfit for production (slow, data loss when the loop file fills); overlay2 is the maintained default.',
  remediation: 'daemon.json: { "storage-driver": "overlay2" } on an ext4 or xfs (ftype=1) data root; images and containers must be re-pulled or migrated (docker save / load) because layers are not converted.',
  evaluate: ({ docker }) => {
    const target = engineTarget(docker);
    const driver = docker.info.Driver;
    if (!driver) return [{ outcome: 'error', target, message: 'Not evaluated: the engine did not report its storage driver.' }];
    const status = Object.fromEntries(docker.info.DriverStatus ?? []);
    const observed = { Driver: driver, DriverStatus: status };
    const expected = { Driver: 'overlay2' };
    if (driver === 'aufs') return [{ outcome: 'fail', target, observed, expected, message: 'The daemon uses the aufs storage driver, removed in Engine 24.0: this engine is older than that and cannot be upgraded without moving to overlay2.' }];
    if (driver === 'devicemapper') {
      const loop = Object.keys(status).some((k) => /loop file/i.test(k)) || Object.values(status).some((v) => /^\/dev\/loop/.test(String(v)));
      return [loop
        ? { outcome: 'fail', target, observed, expected, message: 'The daemon uses devicemapper in loop-lvm mode (data on a loop file), which is not fit for production; devicemapper was removed in Engine 25.0.' }
        : { outcome: 'warn', target, observed, expected, message: 'The daemon uses devicemapper (direct-lvm), removed in Engine 25.0; plan a move to overlay2.' }];
    }
    if (driver === 'overlay2' || driver === 'btrfs' || driver === 'zfs') {
      return [{ outcome: 'pass', target, observed, expected, message: `The daemon uses the ${driver} storage driver${driver === 'overlay2' ? '' : ' on its own filesystem type'}.` }];
    }
    return [{ outcome: 'warn', target, observed, expected, message: `The daemon uses the ${driver} storage driver; overlay2 is the maintained default${driver === 'vfs' ? ' (vfs copies every layer in full and is meant for testing)' : ''}.` }];
  },
});
