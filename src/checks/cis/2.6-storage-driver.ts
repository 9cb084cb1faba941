import { cis } from '../docker/cis';
import { engineTarget } from '../docker/engine';
import { defineCheck } from '../define';
import { templates } from '../text';

const m = templates({
  unknown: { en: 'Not evaluated: the engine did not report its storage driver.', nb: 'Ikke vurdert: motoren oppga ikke lagringsdriveren sin.' },
  aufs: {
    en: 'The daemon uses the aufs storage driver, removed in Engine 24.0: this engine is older than that and cannot be upgraded without moving to overlay2.',
    nb: 'Daemonen bruker lagringsdriveren aufs, som ble fjernet i Engine 24.0: denne motoren er eldre enn det og kan ikke oppgraderes uten å gå over til overlay2.',
  },
  loopLvm: {
    en: 'The daemon uses devicemapper in loop-lvm mode (data on a loop file), which is not fit for production; devicemapper was removed in Engine 25.0.',
    nb: 'Daemonen bruker devicemapper i loop-lvm-modus (data i en loop-fil), som ikke egner seg i produksjon; devicemapper ble fjernet i Engine 25.0.',
  },
  directLvm: {
    en: 'The daemon uses devicemapper (direct-lvm), removed in Engine 25.0; plan a move to overlay2.',
    nb: 'Daemonen bruker devicemapper (direct-lvm), som ble fjernet i Engine 25.0; planlegg overgangen til overlay2.',
  },
  overlay2: { en: 'The daemon uses the {driver} storage driver.', nb: 'Daemonen bruker lagringsdriveren {driver}.' },
  ownFilesystem: {
    en: 'The daemon uses the {driver} storage driver on its own filesystem type.',
    nb: 'Daemonen bruker lagringsdriveren {driver} på sin egen filsystemtype.',
  },
  vfs: {
    en: 'The daemon uses the {driver} storage driver; overlay2 is the maintained default (vfs copies every layer in full and is meant for testing).',
    nb: 'Daemonen bruker lagringsdriveren {driver}; overlay2 er standarden som vedlikeholdes (vfs kopierer hvert lag i sin helhet og er ment til testing).',
  },
  other: {
    en: 'The daemon uses the {driver} storage driver; overlay2 is the maintained default.',
    nb: 'Daemonen bruker lagringsdriveren {driver}; overlay2 er standarden som vedlikeholdes.',
  },
});

export default defineCheck<'docker'>({
  id: 'cis.storage-driver',
  title: {
    en: 'The storage driver is a maintained one (overlay2), not aufs or devicemapper',
    nb: 'Lagringsdriveren er en som vedlikeholdes (overlay2), ikke aufs eller devicemapper',
  },
  section: 'daemon',
  severity: 'medium',
  ...cis('2.6'),
  automated: true,
  requires: ['docker'],
  messages: m.templates,
  decidedBy: {
    en:
      'Info.Driver and Info.DriverStatus: aufs fails (CIS 2.6; removed in Engine 24.0), devicemapper fails in loop-lvm mode ("Data loop file" in DriverStatus) and warns otherwise ' +
      '(removed in Engine 25.0; CIS 1.8.0 judges it on its own in 2.7), vfs and other drivers warn (vfs copies every layer), overlay2 (and btrfs/zfs on their own filesystems) passes.',
    nb:
      'Info.Driver og Info.DriverStatus: aufs består ikke (CIS 2.6; fjernet i Engine 24.0); devicemapper består ikke i loop-lvm-modus ("Data loop file" i DriverStatus) og gir ellers advarsel ' +
      '(fjernet i Engine 25.0; CIS 1.8.0 vurderer den for seg i 2.7); vfs og andre drivere gir advarsel (vfs kopierer hvert lag); overlay2 (og btrfs/zfs på sine egne filsystemer) består.',
  },
  rationale: {
    en: 'aufs and devicemapper are gone from current engines (removed in Engine 24.0 and 25.0), so a daemon that still uses one cannot be upgraded in place; aufs had kernel crashes and escapes, loop-lvm is unfit for production (slow, data loss when the loop file fills); overlay2 is the maintained default.',
    nb: 'aufs og devicemapper finnes ikke lenger i dagens motorer (fjernet i Engine 24.0 og 25.0), så en daemon som fortsatt bruker en av dem, kan ikke oppgraderes på stedet; aufs har hatt kjernekrasj og utbrudd, og loop-lvm egner seg ikke i produksjon (tregt, og data går tapt når loop-filen blir full); overlay2 er standarden som vedlikeholdes.',
  },
  remediation: {
    en: 'daemon.json: { "storage-driver": "overlay2" } on an ext4 or xfs (ftype=1) data root; images and containers must be re-pulled or migrated (docker save / load) because layers are not converted.',
    nb: 'daemon.json: { "storage-driver": "overlay2" } på en datarot med ext4 eller xfs (ftype=1); images og containere må hentes på nytt eller flyttes over (docker save / load), fordi lagene ikke konverteres.',
  },
  evaluate: ({ docker }) => {
    const target = engineTarget(docker);
    const driver = docker.info.Driver;
    if (!driver) return [{ outcome: 'error', target, message: m('unknown') }];
    const status = Object.fromEntries(docker.info.DriverStatus ?? []);
    const observed = { Driver: driver, DriverStatus: status };
    const expected = { Driver: 'overlay2' };
    if (driver === 'aufs') return [{ outcome: 'fail', target, observed, expected, message: m('aufs') }];
    if (driver === 'devicemapper') {
      const loop = Object.keys(status).some((k) => /loop file/i.test(k)) || Object.values(status).some((v) => /^\/dev\/loop/.test(String(v)));
      return [loop
        ? { outcome: 'fail', target, observed, expected, message: m('loopLvm') }
        : { outcome: 'warn', target, observed, expected, message: m('directLvm') }];
    }
    if (driver === 'overlay2' || driver === 'btrfs' || driver === 'zfs') {
      return [{ outcome: 'pass', target, observed, expected, message: m(driver === 'overlay2' ? 'overlay2' : 'ownFilesystem', { driver }) }];
    }
    return [{ outcome: 'warn', target, observed, expected, message: m(driver === 'vfs' ? 'vfs' : 'other', { driver }) }];
  },
});
