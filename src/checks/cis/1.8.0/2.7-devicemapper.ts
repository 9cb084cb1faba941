import { cisSince180 } from '../../docker/cis';
import { engineTarget } from '../../docker/engine';
import { defineCheck } from '../../define';

/** DriverStatus keys devicemapper reports for the files behind its thin pool when it runs in loop-lvm mode. */
const LOOP_KEYS = ['Data file', 'Metadata file', 'Data loop file', 'Metadata loop file'];

export default defineCheck<'docker'>({
  id: 'cis.devicemapper',
  title: 'The devicemapper storage driver is not used',
  section: 'daemon',
  severity: 'medium',
  ...cisSince180('2.7'),
  automated: true,
  requires: ['docker'],
  decidedBy:
    'Info.Driver from the Engine API: devicemapper fails (deprecated in Engine 20.10, removed in Engine 25.0); in loop-lvm mode, named from Info.DriverStatus ' +
    '("Data file"/"Data loop file" on a /dev/loop device or a sparse file), the failure says so. Any other driver passes, naming it.',
  rationale:
    'devicemapper is gone from current engines, so a host that still uses it runs an engine that can no longer be upgraded in place; ' +
    'in loop-lvm mode its thin pool lives in sparse files on loop devices, which is slow and corrupts data when the file system under them fills up.',
  remediation:
    'Move to overlay2 on an ext4 or xfs (ftype=1) data root: export what must be kept (docker save, volume backups), set "storage-driver": "overlay2" ' +
    'in daemon.json (or remove the setting), restart the daemon and pull or load the images again; layers are not converted between drivers.',
  evaluate: ({ docker }) => {
    const target = engineTarget(docker);
    const driver = docker.info.Driver;
    if (!driver) return [{ outcome: 'error', target, message: 'Not evaluated: the engine did not report its storage driver (Info.Driver).', decidedFrom: [{ collector: 'docker', pointer: '/info' }] }];
    const status = Object.fromEntries(docker.info.DriverStatus ?? []) as Record<string, string>;
    const decidedFrom = [{ collector: 'docker' as const, pointer: '/info/Driver' }, { collector: 'docker' as const, pointer: '/info/DriverStatus' }];
    const expected = { Driver: 'not devicemapper (overlay2)' };
    if (driver !== 'devicemapper') {
      return [{ outcome: 'pass', target, observed: { Driver: driver }, expected, decidedFrom, message: `The daemon uses the ${driver} storage driver, not devicemapper.` }];
    }
    const loopFiles = LOOP_KEYS.filter((k) => status[k]).map((k) => `${k}: ${status[k]}`);
    const observed = { Driver: driver, DriverStatus: status, mode: loopFiles.length ? 'loop-lvm' : 'direct-lvm' };
    return [{
      outcome: 'fail',
      target,
      observed,
      expected,
      decidedFrom,
      message: loopFiles.length
        ? `The daemon uses devicemapper in loop-lvm mode (${loopFiles.join('; ')}): its thin pool sits in sparse files on loop devices, unfit for production, and the driver was removed in Engine 25.0.`
        : `The daemon uses devicemapper (direct-lvm${status['Pool Name'] ? `, pool ${status['Pool Name']}` : ''}), removed in Engine 25.0: this engine cannot be upgraded without moving to overlay2.`,
    }];
  },
});
