import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCheck } from '../../../src/checks/evaluate';
import { exposureModel } from '../../../src/checks/network/exposure';
import { evalHook, type Packet } from '../../../src/checks/network/packet';
import { rulesetFromEvidence } from '../../../src/checks/network/ruleset';
import { networkChecks } from '../../../src/checks/network';
import type { CheckOptions } from '../../../src/checks/types';
import type { DockerEvidence } from '../../../src/evidence/types/docker';
import type { NetworkEvidence } from '../../../src/evidence/types/network';
import type { Finding } from '../../../src/findings/types';
import { container, dockerEvidence, FIXTURES, networkEvidence, PUBLIC } from './fixture';

function envelope<T>(collector: string, data: T) {
  return { schemaVersion: '1.0.0', collector, collectorVersion: 't', startedAt: '', endedAt: '', host: { hostname: 'fx-host', engineId: null }, status: 'ok' as const, data };
}

function findings(docker: DockerEvidence, network: NetworkEvidence, options: Partial<CheckOptions> = {}): Finding[] {
  const ev = { docker: envelope('docker', docker), network: envelope('network', network) };
  return networkChecks.flatMap((c) => runCheck(c, ev, { now: '2026-12-01T00:00:00Z', ...options }));
}

function find(fs: Finding[], control: string, name: string): Finding {
  const f = fs.find((x) => x.control === control && x.target.name === name);
  assert.ok(f, `${control} for ${name}: ${fs.filter((x) => x.control === control).map((x) => x.target.name).join(', ')}`);
  return f;
}

const DUMPS = [
  { dir: 'docker-25.0', version: '25.0.0', backend: 'iptables' },
  { dir: 'docker-28.0', version: '28.0.0', backend: 'iptables' },
  { dir: 'docker-29.0', version: '29.0.0', backend: 'nftables' },
];

describe('network exposure model on recorded and reconstructed rule dumps', () => {
  for (const d of DUMPS) {
    describe(`${d.dir} (${d.backend})`, () => {
      const docker = dockerEvidence(d.version);
      const net = networkEvidence(d.dir);

      it('a port published on every interface is reachable from the public address through the DNAT, past the INPUT drop', () => {
        const m = exposureModel(docker, net);
        assert.ok(m.available, m.available ? '' : m.why);
        assert.equal(m.backend, d.backend);
        const web = m.ports.find((p) => p.container === 'web')!;
        const r = web.reachableFrom.find((x) => x.address === PUBLIC);
        assert.ok(r, JSON.stringify(web, null, 1));
        assert.equal(r.via, 'dnat');
        assert.equal(r.sources, 'any');
        assert.ok(r.why.some((w) => /dnat|DNAT/.test(w)), r.why.join('\n'));
        assert.equal(web.inputBypass[0]?.address, PUBLIC);
        assert.match(web.inputBypass[0].rule, /--dport 8080 -j DROP/);
      });

      it('findings: web fails exposure and firewall bypass (with the fix for this backend), admin passes', () => {
        const fs = findings(docker, net);
        assert.equal(find(fs, 'network-port-exposure', 'web').outcome, 'fail');
        const bypass = find(fs, 'network-firewall-bypass', 'web');
        assert.equal(bypass.outcome, 'fail');
        if (d.backend === 'iptables') assert.match(bypass.remediation.en, /^iptables -I DOCKER-USER -i eth0 -p tcp -m conntrack --ctorigdstport 8080 -j DROP$/m);
        else assert.match(bypass.remediation.en, /nft add rule ip docker-user forward iifname "eth0" meta l4proto tcp ct original proto-dst 8080 drop/);
        if (d.dir !== 'docker-29.0') {
          const admin = find(fs, 'network-port-exposure', 'admin');
          assert.equal(admin.outcome, 'pass', admin.message.en);
          assert.deepEqual((admin.observed as { reachableFrom: { address: string }[] }).reachableFrom.map((x) => x.address), ['127.0.0.1']);
        }
        const icc = fs.find((f) => f.control === 'network-icc')!;
        assert.equal(icc.outcome, 'fail', icc.message.en);
      });
    });
  }

  it('Docker 28 blocks direct routing to the container address (raw PREROUTING), Docker 25 forwards it', () => {
    // A neighbour on eth0 that routes 172.17.0.0/16 via this host sends a packet for the container address itself.
    for (const [dir, expected] of [['docker-25.0', 'accept'], ['docker-28.0', 'drop']] as const) {
      const rs = rulesetFromEvidence(networkEvidence(dir)).ruleset;
      const pkt: Packet = { family: 4, proto: 'tcp', src: '198.51.100.7', dst: '172.17.0.2', dport: 80, sport: 40000, iif: 'eth0', oif: 'docker0', ctstate: 'NEW', origDst: '172.17.0.2', origDport: 80, origSrc: '198.51.100.7', local: new Set([PUBLIC, '172.17.0.1']) };
      const pre = evalHook(rs, pkt, 'prerouting');
      const verdict = pre.verdict === 'accept' ? evalHook(rs, pkt, 'forward').verdict : pre.verdict;
      assert.equal(verdict, expected, `${dir}: ${pre.trail.join(' | ')}`);
    }
  });

  it('a DOCKER-USER drop closes the port; a source-restricted one leaves it open to that range only (warn, not fail)', () => {
    const docker = dockerEvidence('25.0.0');
    const closed = findings(docker, networkEvidence('docker-25.0', { edit: (t) => t.replace('-A DOCKER-USER -j RETURN', '-A DOCKER-USER -i eth0 -p tcp -m conntrack --ctorigdstport 8080 -j DROP\n-A DOCKER-USER -j RETURN') }));
    const shut = find(closed, 'network-port-exposure', 'web');
    const reach = (shut.observed as { reachableFrom: { address: string }[] }).reachableFrom.map((x) => x.address);
    // IPv4 is closed (loopback too: the INPUT drop also applies on lo); the docker-proxy still answers on
    // eth0's link-local IPv6 address (ip6tables off): warn.
    assert.deepEqual(reach.filter((a) => !a.includes(':')), []);
    assert.ok(reach.includes('fe80::1'), reach.join(', '));
    assert.equal(shut.outcome, 'warn', shut.message.en);
    assert.equal(find(closed, 'network-firewall-bypass', 'web').outcome, 'not-applicable');
    const ranged = findings(docker, networkEvidence('docker-25.0', { edit: (t) => t.replace('-A DOCKER-USER -j RETURN', '-A DOCKER-USER ! -s 10.0.0.0/8 -p tcp -m conntrack --ctorigdstport 8080 -j DROP\n-A DOCKER-USER -j RETURN') }));
    const web = find(ranged, 'network-port-exposure', 'web');
    assert.equal(web.outcome, 'warn', web.message.en);
    const r = (web.observed as { reachableFrom: { address: string; sources: unknown }[] }).reachableFrom.find((x) => x.address === PUBLIC)!;
    assert.deepEqual(r.sources, ['10.0.0.0/8']);
  });

  it('an INPUT drop that lets one range in gives a DOCKER-USER fix keeping that range', () => {
    const net = networkEvidence('docker-25.0', { edit: (t) => t.replace('-A INPUT -p tcp -m tcp --dport 8080 -j DROP', '-A INPUT -s 10.1.0.0/16 -p tcp -m tcp --dport 8080 -j ACCEPT\n-A INPUT -p tcp -m tcp --dport 8080 -j DROP') });
    const bypass = find(findings(dockerEvidence('25.0.0'), net), 'network-firewall-bypass', 'web');
    assert.equal(bypass.outcome, 'fail');
    assert.match(bypass.remediation.en, /iptables -I DOCKER-USER -i eth0 ! -s 10\.1\.0\.0\/16 -p tcp -m conntrack --ctorigdstport 8080 -j DROP/);
  });

  it('a rule the model does not understand makes the port manual and names the rule, never pass', () => {
    const net = networkEvidence('docker-25.0', { edit: (t) => t.replace('-A DOCKER-USER -j RETURN', '-A DOCKER-USER -m mark --mark 0x1 -j DROP\n-A DOCKER-USER -j RETURN') });
    const web = find(findings(dockerEvidence('25.0.0'), net), 'network-port-exposure', 'web');
    assert.equal(web.outcome, 'manual', web.message.en);
    assert.match(web.message.en, /--mark 0x1/);
    // A LOG rule with an unknown match changes nothing: still decided.
    const logged = networkEvidence('docker-25.0', { edit: (t) => t.replace('-A DOCKER-USER -j RETURN', '-A DOCKER-USER -m mark --mark 0x1 -j LOG\n-A DOCKER-USER -j RETURN') });
    assert.equal(find(findings(dockerEvidence('25.0.0'), logged), 'network-port-exposure', 'web').outcome, 'fail');
  });

  it('ICC: a FORWARD drop between containers on docker0 passes, unless bridged frames bypass iptables', () => {
    const icc = (net: NetworkEvidence) => findings(dockerEvidence('25.0.0'), net).find((f) => f.control === 'network-icc')!;
    const dropped = networkEvidence('docker-25.0', { edit: (t) => t.replace('-A FORWARD -i docker0 -o docker0 -j ACCEPT', '-A FORWARD -i docker0 -o docker0 -j DROP') });
    const pass = icc(dropped);
    assert.equal(pass.outcome, 'pass', pass.message.en);
    assert.match(pass.message.en, /-A FORWARD -i docker0 -o docker0 -j DROP/);
    dropped.sysctl.bridgeNfCallIptables = { path: '/proc/sys/net/bridge/bridge-nf-call-iptables', status: 'read', value: '0' };
    const bypassed = icc(dropped);
    assert.equal(bypassed.outcome, 'fail');
    assert.match(bypassed.message.en, /bridge-nf-call-iptables is 0/);
  });

  it('a port declared in network.publicPorts passes', () => {
    const fs = findings(dockerEvidence('25.0.0'), networkEvidence('docker-25.0'), { network: { publicPorts: [{ container: 'web', port: 8080 }] } });
    assert.equal(find(fs, 'network-port-exposure', 'web').outcome, 'pass');
  });

  it('a created container is judged by the rules Docker adds when it starts', () => {
    const docker = dockerEvidence('25.0.0', [container('later', '', '80/tcp', '', '8081', false)]);
    const m = exposureModel(docker, networkEvidence('docker-25.0'));
    assert.ok(m.available);
    const p = m.ports[0];
    assert.equal(p.basis, 'predicted');
    assert.ok(p.reachableFrom.some((r) => r.address === PUBLIC && r.via === 'dnat'), JSON.stringify(p));
    assert.match(p.notes.join(' '), /not running/);
  });

  it('a created container without a fixed host port is manual, and each language says why in its own words', () => {
    const fs = findings(dockerEvidence('25.0.0', [container('later', '', '80/tcp', '', '', false)]), networkEvidence('docker-25.0'));
    const f = find(fs, 'network-port-exposure', 'later');
    assert.equal(f.outcome, 'manual', f.message.en);
    assert.match(f.message.en, /the host port is chosen when the container starts/);
    assert.match(f.message.nb, /vertsporten velges når containeren starter/);
    assert.doesNotMatch(f.message.nb, /chosen when/);
  });

  it('with the userland proxy on and ip6tables off, IPv6 reaches a wildcard binding through the docker-proxy', () => {
    const net = networkEvidence('docker-25.0');
    net.interfaces![1].addresses.push({ address: '2a02:214::11', prefixLength: 64, family: 6, scope: 'global', range: 'public', public: true });
    const fs = findings(dockerEvidence('25.0.0'), net);
    const v6 = find(fs, 'network-ipv6-exposure', 'web');
    assert.equal(v6.outcome, 'fail', v6.message.en);
    assert.match(v6.message.en, /docker-proxy with ip6tables off/);
    assert.equal(find(fs, 'network-ipv6-exposure', 'admin').outcome, 'pass');
  });

  it('the recorded Docker 20.10 rig evidence gives the same verdicts as the live probes did', () => {
    const docker = JSON.parse(readFileSync(path.join(FIXTURES, 'docker-20.10-rig/docker.json'), 'utf8')).data as DockerEvidence;
    const network = JSON.parse(readFileSync(path.join(FIXTURES, 'docker-20.10-rig/network.json'), 'utf8')).data as NetworkEvidence;
    const m = exposureModel(docker, network);
    assert.ok(m.available, m.available ? '' : m.why);
    const at = (name: string, addr: string) => m.ports.find((p) => p.container === name)!.reachableFrom.some((r) => r.address === addr);
    assert.equal(at('ranet-any', '10.214.0.11'), true);
    assert.equal(at('ranet-loopback', '10.214.0.11'), false);
    assert.equal(at('ranet-loopback', '127.0.0.1'), true);
    assert.equal(at('ranet-inputdrop', '10.214.0.11'), true);
    assert.equal(at('ranet-userdrop', '10.214.0.11'), false);
    assert.equal(at('ranet-userdrop', 'fd00:214::11'), true);
    assert.equal(m.ports.find((p) => p.container === 'ranet-created')!.basis, 'predicted');
  });

  it('unreadable rules give error findings that say why, never pass', () => {
    const net = networkEvidence('docker-25.0');
    net.filters = net.filters.map((f) => ({ command: f.command, status: 'denied' as const, exitCode: 1, detail: 'permission denied (needs root / CAP_NET_ADMIN): Permission denied (you must be root)' }));
    const fs = findings(dockerEvidence('25.0.0'), net);
    assert.ok(fs.length >= 4);
    for (const f of fs) {
      assert.equal(f.outcome, 'error', `${f.control}: ${f.message}`);
      assert.match(f.message.en, /permission denied/);
    }
    const missing = networkEvidence('docker-25.0');
    missing.filters = missing.filters.map((f) => ({ command: f.command, status: 'missing' as const, exitCode: null, detail: 'not installed' }));
    for (const f of findings(dockerEvidence('25.0.0'), missing)) assert.match(f.message.en, /iptables-save: not installed/);
  });
});
