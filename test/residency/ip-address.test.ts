import { strict as assert } from 'node:assert';
import { findAddresses, parseAddressToken } from '../../src/residency/address-text';
import { classifyAddress } from '../../src/residency/ip-address';

describe('residency/ip-address', () => {
  const cases: [string, string, boolean][] = [
    ['10.1.2.3', 'private', true],
    ['172.31.255.255', 'private', true],
    ['172.32.0.1', 'public', false],
    ['192.168.0.10', 'private', true],
    ['127.0.0.11', 'loopback', true],
    ['169.254.169.254', 'link-local', true],
    ['100.64.0.1', 'cgnat', true],
    ['100.127.255.254', 'cgnat', true],
    ['100.128.0.1', 'public', false],
    ['0.0.0.0', 'unspecified', true],
    ['224.0.0.251', 'multicast', true],
    ['192.0.2.10', 'documentation', false],
    ['198.51.100.7', 'documentation', false],
    ['203.0.113.9', 'documentation', false],
    ['198.18.0.1', 'benchmarking', true],
    ['240.0.0.1', 'reserved', false],
    ['8.8.8.8', 'public', false],
    ['::1', 'loopback', true],
    ['::', 'unspecified', true],
    ['fd00::1', 'ula', true],
    ['fc12:3456::1', 'ula', true],
    ['fe80::1%eth0', 'link-local', true],
    ['ff02::1', 'multicast', true],
    ['2001:db8::1', 'documentation', false],
    ['2001:4860:4860::8888', 'public', false],
    ['[2a01:4f8::1]', 'public', false],
  ];
  for (const [ip, range, internal] of cases) {
    it(`${ip} is ${range}${internal ? ' (internal)' : ''}`, () => {
      const a = classifyAddress(ip)!;
      assert.equal(a.range, range);
      assert.equal(a.internal, internal);
    });
  }

  it('judges IPv4-mapped, NAT64 and 6to4 addresses by the IPv4 address inside', () => {
    const mapped = classifyAddress('::ffff:10.0.0.5')!;
    assert.deepEqual([mapped.ip, mapped.family, mapped.range, mapped.internal, mapped.mappedFrom], ['10.0.0.5', 4, 'private', true, '::ffff:a00:5']);
    const pub = classifyAddress('::FFFF:8.8.8.8')!;
    assert.deepEqual([pub.ip, pub.range], ['8.8.8.8', 'public']);
    assert.equal(classifyAddress('0:0:0:0:0:ffff:c0a8:0101')!.ip, '192.168.1.1');
    assert.equal(classifyAddress('64:ff9b::808:808')!.ip, '8.8.8.8');
    assert.equal(classifyAddress('2002:c000:0204::1')!.ip, '192.0.2.4');
  });

  it('canonicalises IPv6 text and rejects non-addresses', () => {
    assert.equal(classifyAddress('2001:DB8:0:0:0:0:0:1')!.ip, '2001:db8::1');
    assert.equal(classifyAddress('not-an-ip'), null);
    assert.equal(classifyAddress('999.1.1.1'), null);
  });
});

describe('residency/address-text', () => {
  it('reads URLs, host:port, bare IPs and names as the redaction leaves them', () => {
    assert.deepEqual(parseAddressToken('postgres://db.example.com:5432'), { host: 'db.example.com', port: 5432, scheme: 'postgres' });
    assert.deepEqual(parseAddressToken('https://user:pw@API.Example.COM/v1'), { host: 'api.example.com', port: null, scheme: 'https' });
    assert.deepEqual(parseAddressToken('[2001:db8::5]:8443'), { host: '2001:db8::5', port: 8443, scheme: null });
    assert.deepEqual(parseAddressToken('tcp://[2a01:4f8::1]:514'), { host: '2a01:4f8::1', port: 514, scheme: 'tcp' });
    assert.deepEqual(parseAddressToken('198.51.100.7:514'), { host: '198.51.100.7', port: 514, scheme: null });
    assert.deepEqual(parseAddressToken('redis:6379'), { host: 'redis', port: 6379, scheme: null });
    assert.deepEqual(parseAddressToken('nfs.example.net:/export'), { host: 'nfs.example.net', port: null, scheme: null });
    assert.equal(parseAddressToken('unix:///var/run/docker.sock'), null, 'local sockets are not endpoints');
    assert.equal(parseAddressToken('[redacted]'), null);
  });

  it('does not mistake file names, versions and words for hosts', () => {
    for (const t of ['app.py', 'config.yaml', '1.2.3', 'v2.1', 'sleep', '3600', 'ra-test/busybox:latest', '/etc/hosts', 'true']) {
      assert.equal(parseAddressToken(t, false), null, t);
    }
    assert.deepEqual(parseAddressToken('api.example.pl')?.host, 'api.example.pl');
  });

  it('finds every address in comma lists, flags and shell strings', () => {
    const hosts = (t: string) => findAddresses(t).map((a) => `${a.host}${a.port ? `:${a.port}` : ''}`);
    assert.deepEqual(hosts('kafka1.example.com:9092,kafka2.example.com:9092'), ['kafka1.example.com:9092', 'kafka2.example.com:9092']);
    assert.deepEqual(hosts('--upstream=https://cdn.example.org'), ['cdn.example.org']);
    assert.deepEqual(hosts('curl -s https://hooks.example.com/x && ping 192.0.2.1'), ['hooks.example.com', '192.0.2.1']);
    assert.deepEqual(hosts('Host(`shop.example.com`)'), ['shop.example.com']);
  });
});
