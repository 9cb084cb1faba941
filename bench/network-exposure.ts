/**
 * Exposure model + network checks on a synthetic Docker host with N published ports (default 1,000): the
 * Docker 25 rule shape (one DNAT and one DOCKER ACCEPT per port) plus R source-range rules in DOCKER-USER
 * (default 20), each of which adds a source representative to try from every address. Prints time and heap.
 *   npm run build && node dist/bench/network-exposure.js [N=1000] [R=20]
 */
import { evaluateChecks } from '../src/checks/evaluate';
import { networkChecks } from '../src/checks/network';
import { exposureModel } from '../src/checks/network/exposure';
import { container, dockerEvidence, networkEvidence } from '../test/checks/network/fixture';

const n = Number(process.argv[2] ?? 1000);
const r = Number(process.argv[3] ?? 20);
const ip = (i: number) => `172.17.${(i + 2) >> 8}.${(i + 2) & 255}`;
const containers = Array.from({ length: n }, (_, i) => container(`c${i}`, ip(i), '80/tcp', i % 3 === 0 ? '127.0.0.1' : '', String(20000 + i)));
const net = networkEvidence('docker-25.0', {
  edit: (t) => {
    const dnat = containers.map((_, i) => `-A DOCKER ${i % 3 === 0 ? '-d 127.0.0.1/32 ' : ''}! -i docker0 -p tcp -m tcp --dport ${20000 + i} -j DNAT --to-destination ${ip(i)}:80`).join('\n');
    const accept = containers.map((_, i) => `-A DOCKER -d ${ip(i)}/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT`).join('\n');
    const user = Array.from({ length: r }, (_, k) => `-A DOCKER-USER -s 10.${k}.0.0/16 -p tcp -m conntrack --ctorigdstport ${20000 + k} -j DROP`).join('\n');
    return t
      .replace('-A DOCKER -i docker0 -j RETURN', `-A DOCKER -i docker0 -j RETURN\n${dnat}`)
      .replace('-A DOCKER-ISOLATION-STAGE-1 -i docker0', `${accept}\n-A DOCKER-ISOLATION-STAGE-1 -i docker0`)
      .replace('-A DOCKER-USER -j RETURN', `${user}\n-A DOCKER-USER -j RETURN`);
  },
});
net.listeners = containers.flatMap((_, i) => (i % 3 === 0 ? [{ address: '127.0.0.1', port: 20000 + i, family: 4 as const }] : [{ address: '0.0.0.0', port: 20000 + i, family: 4 as const }, { address: '::', port: 20000 + i, family: 6 as const }]));
const docker = dockerEvidence('25.0.0', containers);
const envelope = <T>(collector: string, data: T) => ({ schemaVersion: '1.0.0', collector, collectorVersion: 'b', startedAt: '', endedAt: '', host: { hostname: 'bench', engineId: null }, status: 'ok' as const, data });

const t0 = process.hrtime.bigint();
const m = exposureModel(docker, net);
const t1 = process.hrtime.bigint();
const findings = evaluateChecks(networkChecks, { docker: envelope('docker', docker), network: envelope('network', net) }, { now: new Date().toISOString() });
const t2 = process.hrtime.bigint();
if (!m.available) throw new Error(m.why);
const rules = m.read.ruleset.tables.reduce((s, t) => s + [...t.chains.values()].reduce((a, c) => a + c.rules.length, 0), 0);
const ms = (a: bigint, b: bigint) => `${(Number(b - a) / 1e6).toFixed(0)} ms`;
console.log(`ports ${n}, rules ${rules}, DOCKER-USER source rules ${r}, host addresses ${m.ingress.length}`);
console.log(`exposure model: ${ms(t0, t1)} (${m.ports.filter((p) => p.reachableFrom.some((x) => x.public)).length} publicly reachable)`);
console.log(`4 network checks (model cached): ${ms(t1, t2)}, ${findings.length} findings`);
console.log(`heap used ${(process.memoryUsage().heapUsed / 1048576).toFixed(1)} MB, rss ${(process.memoryUsage().rss / 1048576).toFixed(1)} MB`);
