import { strict as assert } from 'node:assert';
import { activeScheduler, decodeDev, parseDeviceStat } from '../../../src/collectors/storage/block-device';
import { FS_MAGIC, redactMountOptions } from '../../../src/collectors/storage/filesystem';
import { hasHypervisorFlag } from '../../../src/collectors/storage/machine';
import { findMount, parseMountinfo, scrubMountSource } from '../../../src/collectors/storage/mountinfo';
import { isLocalEngine, targetsFromDocker } from '../../../src/collectors/storage/targets';
import type { DockerEvidence } from '../../../src/evidence/types/docker';

const MOUNTINFO = [
  '26 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard',
  '24 23 0:22 / /dev/shm rw,relatime - tmpfs tmpfs rw,size=24683620k',
  '40 26 0:45 / /var/lib/docker/overlay2/abc/merged rw,relatime - overlay overlay rw,lowerdir=/x',
  '41 26 0:46 / /mnt/my\\040data rw,noatime - nfs4 alice:secret@nas:/export rw,vers=4.2',
  '42 26 259:3 / /srv rw,noatime - xfs /dev/nvme0n1p3 rw,nobarrier',
  '43 26 259:3 /sub /srv rw,noatime - xfs /dev/nvme0n1p3 rw',
].join('\n');

describe('collectors/storage facts: mountinfo, sysfs, dev numbers', () => {
  it('parses mountinfo, unescaping \\040 and splitting options', () => {
    const m = parseMountinfo(MOUNTINFO);
    assert.equal(m.length, 6);
    assert.equal(m[3].mountPoint, '/mnt/my data');
    assert.equal(m[3].fsType, 'nfs4');
    assert.deepEqual(m[4].superOptions, ['rw', 'nobarrier']);
    assert.equal(m[0].majorMinor, '254:0');
  });

  it('finds the mount of a path: longest mount point, the last of stacked mounts', () => {
    const m = parseMountinfo(MOUNTINFO);
    assert.equal(findMount(m, '/var/lib/docker/volumes/x/_data')!.mountPoint, '/');
    assert.equal(findMount(m, '/dev/shm/x')!.fsType, 'tmpfs');
    assert.equal(findMount(m, '/srv/a')!.mountId, 43, 'a later mount on the same point hides the earlier one');
    assert.equal(findMount(m, '/srvx')!.mountPoint, '/', '/srvx is not under /srv');
    assert.equal(findMount(m, '/mnt/my data/f')!.fsType, 'nfs4');
  });

  it('drops credentials from mount sources and options', () => {
    assert.deepEqual(redactMountOptions(['rw', 'username=bob', 'password=hunter2', 'credentials=/etc/c', 'vers=3.0']), ['rw', 'username=[redacted]', 'password=[redacted]', 'credentials=[redacted]', 'vers=3.0']);
    assert.equal(scrubMountSource('alice:secret@nas:/export'), 'nas:/export');
    assert.equal(scrubMountSource('//bob@fileserver/share'), '//fileserver/share');
    assert.equal(scrubMountSource('/dev/vda1'), '/dev/vda1');
  });

  it('decodes st_dev into major:minor (glibc encoding, large numbers included)', () => {
    assert.deepEqual(decodeDev(BigInt(254 * 256 + 0)), { major: 254, minor: 0 });
    assert.deepEqual(decodeDev(BigInt((259 << 8) | 3)), { major: 259, minor: 3 });
    // major 4095+1 and minor 256+ use the high bits
    const dev = (BigInt(0x1000) << 32n) | (BigInt(0x12300) << 12n) | (BigInt(0x12) << 8n) | 0x45n;
    assert.deepEqual(decodeDev(dev), { major: 0x1012, minor: 0x12345 });
  });

  it('reads the device stat counters (reads, writes, flushes) and the active scheduler', () => {
    const s = parseDeviceStat('   77560    25129  3396322   241917    21558    26596  2175072    16356        0    87572   262537     4279       20   221664     2775     5467     1488');
    assert.deepEqual(s, { readIos: 77560, writeIos: 21558, flushIos: 5467 });
    assert.equal(parseDeviceStat('1 2 3 4 5 6 7 8 9 10 11')!.flushIos, null, 'old kernels have no flush column');
    assert.equal(parseDeviceStat('garbage'), null);
    assert.equal(activeScheduler('none [mq-deadline] kyber bfq'), 'mq-deadline');
    assert.equal(activeScheduler('none'), 'none');
  });

  it('names filesystems by statfs magic, tmpfs and ramfs included', () => {
    assert.equal(FS_MAGIC[0x01021994], 'tmpfs');
    assert.equal(FS_MAGIC[0x858458f6], 'ramfs');
    assert.equal(FS_MAGIC[0xef53], 'ext4');
  });

  it('sees the hypervisor CPU flag', () => {
    assert.equal(hasHypervisorFlag('flags\t\t: fpu vme sse2 hypervisor lahf_lm\n'), true);
    assert.equal(hasHypervisorFlag('flags\t\t: fpu vme sse2 lahf_lm\n'), false);
  });

  it('takes the data-root and local volumes from a local engine only, under --host-root', () => {
    const docker = {
      endpoint: 'unix:///var/run/docker.sock',
      info: { DockerRootDir: '/var/lib/docker' },
      volumes: [
        { Name: 'pg', Driver: 'local', Mountpoint: '/var/lib/docker/volumes/pg/_data' },
        { Name: 'remote', Driver: 'rexray', Mountpoint: '/mnt/rexray' },
      ],
    } as unknown as DockerEvidence;
    const local = targetsFromDocker(docker, '/host');
    assert.deepEqual(local.requests.map((r) => [r.role, r.path]), [['docker-data-root', '/host/var/lib/docker'], ['docker-volume', '/host/var/lib/docker/volumes/pg/_data']]);
    assert.match(local.warnings[0], /rexray/);
    const remote = targetsFromDocker({ ...docker, endpoint: 'tcp://10.0.0.5:2376' }, '/');
    assert.equal(remote.requests.length, 0);
    assert.match(remote.warnings[0], /not on this machine/);
    assert.equal(isLocalEngine('tcp://127.0.0.1:2375'), true);
    assert.equal(isLocalEngine('tcp://[::1]:2375'), true);
    assert.equal(isLocalEngine('ssh://me@host'), false);
  });
});
