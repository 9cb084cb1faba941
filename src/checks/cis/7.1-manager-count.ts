import { cis } from '../docker/cis';
import { swarmCheck } from '../docker/swarm-check';

export default swarmCheck({
  id: 'cis.manager-count',
  title: 'The swarm has an odd number of managers, no more than needed',
  section: 'swarm',
  severity: 'medium',
  ...cis('7.1'),
  automated: true,
  decidedBy: 'Info.Swarm.Managers: an odd number up to 7 passes; an even number (adds no fault tolerance) or more than 7 (slows consensus) warns.',
  rationale: 'Raft needs a majority of managers; an even count adds a node to compromise without adding tolerance, and every manager holds the cluster keys.',
  remediation: 'docker node demote <node> until the manager count is 1, 3 or 5 as the availability target requires.',
  judge: (docker) => {
    const n = docker.info.Swarm?.Managers;
    if (typeof n !== 'number') return [{ outcome: 'error', message: 'Not evaluated: the engine did not report the number of managers.' }];
    const ok = n % 2 === 1 && n <= 7;
    return [{ outcome: ok ? 'pass' : 'warn', observed: { Managers: n, Nodes: docker.info.Swarm?.Nodes ?? null }, expected: { Managers: '1, 3, 5 or 7' }, message: ok ? `The swarm has ${n} manager(s).` : `The swarm has ${n} managers: ${n % 2 === 0 ? 'an even number adds no fault tolerance' : 'more than 7 slows every decision'}.` }];
  },
});
