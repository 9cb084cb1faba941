import { strict as assert } from 'node:assert';
import { groupFact } from '../../../src/collectors/host/groups';
import { mountOf, parseMountinfo } from '../../../src/collectors/host/mountinfo';
import { decodeProcAddress, parseProcNetTcp, systemdUnitFromCgroup } from '../../../src/collectors/host/proc';
import { listenStreams } from '../../../src/collectors/host/systemd';
import { ruleLines } from '../../../src/collectors/host/audit-rules';

describe('host collector parsers', () => {
  it('finds the filesystem of a path and whether it is a separate device (mountinfo)', () => {
    const text = [
      '26 1 254:0 / / rw,relatime - ext4 /dev/vda rw',
      '41 26 254:0 /tmp/ra-engine/data /tmp/ra-engine/data rw,relatime shared:1 - ext4 /dev/vda rw',
      '50 26 8:17 / /var/lib/docker rw - xfs /dev/sdb1 rw',
      '51 26 0:40 / /mnt/with\\040space rw - tmpfs tmpfs rw',
    ].join('\n');
    const lines = parseMountinfo(text);
    assert.equal(lines[3].mountPoint, '/mnt/with space');
    const bind = mountOf(lines, '/tmp/ra-engine/data')!;
    assert.equal(bind.mountPoint, '/tmp/ra-engine/data');
    assert.equal(bind.separateFromRoot, false, 'a bind mount of the root disk is not a partition');
    const own = mountOf(lines, '/var/lib/docker/overlay2')!;
    assert.equal(own.mountPoint, '/var/lib/docker');
    assert.equal(own.separateFromRoot, true);
    assert.equal(mountOf(lines, '/srv')!.mountPoint, '/');
  });

  it('decodes /proc/net/tcp addresses, IPv6 any included', () => {
    assert.equal(decodeProcAddress('0100007F'), '127.0.0.1');
    assert.equal(decodeProcAddress('00000000'), '0.0.0.0');
    assert.equal(decodeProcAddress('00000000000000000000000000000000'), '::');
    assert.equal(decodeProcAddress('00000000000000000000000001000000'), '::1');
    assert.equal(decodeProcAddress('0000000000000000FFFF00000100007F'), '::ffff:127.0.0.1');
    const tcp = '  sl  local_address rem_address   st\n   0: 00000000:0951 00000000:0000 0A 0\n   1: 0100007F:1F90 0100007F:D2C4 01 0\n';
    assert.deepEqual(parseProcNetTcp(tcp, 4), [{ address: '0.0.0.0', port: 2385, family: 4 }]);
  });

  it('reads the systemd service from cgroup v1 and v2 paths, and nothing from a non-systemd process', () => {
    assert.equal(systemdUnitFromCgroup('0::/system.slice/docker.service\n'), 'docker.service');
    assert.equal(systemdUnitFromCgroup('4:memory:/x\n1:name=systemd:/system.slice/docker.service\n'), 'docker.service');
    assert.equal(systemdUnitFromCgroup('9:name=systemd:/\n0::/\n'), null);
    assert.equal(systemdUnitFromCgroup('0::/user.slice/user-1000.slice/session-3.scope\n'), null);
  });

  it('reads ListenStream (an empty assignment resets), group members and audit rule lines', () => {
    assert.deepEqual(listenStreams('[Socket]\nListenStream=/run/docker.sock\nListenStream=\nListenStream=/run/d2.sock\n'), ['/run/d2.sock']);
    const g = groupFact('root:x:0:\ndocker:x:998:alice,bob\n', 'root:x:0:0::/root:/bin/sh\nci:x:1001:998::/home/ci:/bin/sh\n', { gid: 998 })!;
    assert.deepEqual([g.name, g.members, g.primaryMembers], ['docker', ['alice', 'bob'], ['ci']]);
    assert.equal(groupFact('docker:x:998:\n', '', { name: 'podman' }), null);
    assert.deepEqual(ruleLines('# docker\n\n-w /usr/bin/dockerd -k docker\n'), ['-w /usr/bin/dockerd -k docker']);
  });
});
