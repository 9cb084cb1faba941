import { cisSince180 } from '../../docker/cis';
import { engineTarget } from '../../docker/engine';
import { defineCheck } from '../../define';
import { templates } from '../../text';

/** DriverStatus keys devicemapper reports for the files behind its thin pool when it runs in loop-lvm mode. */
const LOOP_KEYS = ['Data file', 'Metadata file', 'Data loop file', 'Metadata loop file'];

const m = templates({
  unknown: {
    en: 'Not evaluated: the engine did not report its storage driver (Info.Driver).',
    nb: 'Ikke vurdert: motoren oppga ikke lagringsdriveren sin (Info.Driver).',
  },
  otherDriver: { en: 'The daemon uses the {driver} storage driver, not devicemapper.', nb: 'Daemonen bruker lagringsdriveren {driver}, ikke devicemapper.' },
  loopLvm: {
    en: 'The daemon uses devicemapper in loop-lvm mode ({files}): its thin pool sits in sparse files on loop devices, unfit for production, and the driver was removed in Engine 25.0.',
    nb: 'Daemonen bruker devicemapper i loop-lvm-modus ({files}): thin pool-en ligger i sparse-filer på loop-enheter, noe som ikke egner seg i produksjon, og driveren ble fjernet i Engine 25.0.',
  },
  directLvm: {
    en: 'The daemon uses devicemapper (direct-lvm), removed in Engine 25.0: this engine cannot be upgraded without moving to overlay2.',
    nb: 'Daemonen bruker devicemapper (direct-lvm), som ble fjernet i Engine 25.0: denne motoren kan ikke oppgraderes uten å gå over til overlay2.',
  },
  directLvmPool: {
    en: 'The daemon uses devicemapper (direct-lvm, pool {pool}), removed in Engine 25.0: this engine cannot be upgraded without moving to overlay2.',
    nb: 'Daemonen bruker devicemapper (direct-lvm, pool {pool}), som ble fjernet i Engine 25.0: denne motoren kan ikke oppgraderes uten å gå over til overlay2.',
  },
});

export default defineCheck<'docker'>({
  id: 'cis.devicemapper',
  title: { en: 'The devicemapper storage driver is not used', nb: 'Lagringsdriveren devicemapper brukes ikke' },
  section: 'daemon',
  severity: 'medium',
  ...cisSince180('2.7'),
  automated: true,
  requires: ['docker'],
  messages: m.templates,
  decidedBy: {
    en:
      'Info.Driver from the Engine API: devicemapper fails (deprecated in Engine 20.10, removed in Engine 25.0); in loop-lvm mode, named from Info.DriverStatus ' +
      '("Data file"/"Data loop file" on a /dev/loop device or a sparse file), the failure says so. Any other driver passes, naming it.',
    nb:
      'Info.Driver fra Engine API: devicemapper består ikke (foreldet fra Engine 20.10, fjernet i Engine 25.0); i loop-lvm-modus, gjenkjent fra Info.DriverStatus ' +
      '("Data file"/"Data loop file" på en /dev/loop-enhet eller en sparse-fil), sier funnet det. Alle andre drivere består, og funnet navngir driveren.',
  },
  rationale: {
    en:
      'devicemapper is gone from current engines, so a host that still uses it runs an engine that can no longer be upgraded in place; ' +
      'in loop-lvm mode its thin pool lives in sparse files on loop devices, which is slow and corrupts data when the file system under them fills up.',
    nb:
      'devicemapper finnes ikke lenger i dagens motorer, så en vert som fortsatt bruker den, kjører en motor som ikke lenger kan oppgraderes på stedet; ' +
      'i loop-lvm-modus ligger thin pool-en i sparse-filer på loop-enheter, noe som er tregt og ødelegger data når filsystemet under dem blir fullt.',
  },
  remediation: {
    en:
      'Move to overlay2 on an ext4 or xfs (ftype=1) data root: export what must be kept (docker save, volume backups), set "storage-driver": "overlay2" ' +
      'in daemon.json (or remove the setting), restart the daemon and pull or load the images again; layers are not converted between drivers.',
    nb:
      'Gå over til overlay2 på en datarot med ext4 eller xfs (ftype=1): eksporter det som må beholdes (docker save, sikkerhetskopier av volumer), sett "storage-driver": "overlay2" ' +
      'i daemon.json (eller fjern innstillingen), start daemonen på nytt, og hent eller last inn imagene igjen; lagene konverteres ikke mellom drivere.',
  },
  evaluate: ({ docker }) => {
    const target = engineTarget(docker);
    const driver = docker.info.Driver;
    if (!driver) return [{ outcome: 'error', target, message: m('unknown'), decidedFrom: [{ collector: 'docker', pointer: '/info' }] }];
    const status = Object.fromEntries(docker.info.DriverStatus ?? []) as Record<string, string>;
    const decidedFrom = [{ collector: 'docker' as const, pointer: '/info/Driver' }, { collector: 'docker' as const, pointer: '/info/DriverStatus' }];
    const expected = { Driver: 'not devicemapper (overlay2)' };
    if (driver !== 'devicemapper') {
      return [{ outcome: 'pass', target, observed: { Driver: driver }, expected, decidedFrom, message: m('otherDriver', { driver }) }];
    }
    const loopFiles = LOOP_KEYS.filter((k) => status[k]).map((k) => `${k}: ${status[k]}`);
    const observed = { Driver: driver, DriverStatus: status, mode: loopFiles.length ? 'loop-lvm' : 'direct-lvm' };
    const pool = status['Pool Name'];
    return [{
      outcome: 'fail',
      target,
      observed,
      expected,
      decidedFrom,
      message: loopFiles.length ? m('loopLvm', { files: loopFiles.join('; ') }) : pool ? m('directLvmPool', { pool }) : m('directLvm'),
    }];
  },
});
