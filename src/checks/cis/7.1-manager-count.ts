import { cis } from '../docker/cis';
import { swarmCheck } from '../docker/swarm-check';
import { templates } from '../text';

const m = templates({
  unknown: { en: 'Not evaluated: the engine did not report the number of managers.', nb: 'Ikke vurdert: motoren oppga ikke antallet managere.' },
  ok: { en: 'The swarm has {n} manager(s).', nb: 'Swarm-klyngen har {n} manager(e).' },
  even: { en: 'The swarm has {n} managers: an even number adds no fault tolerance.', nb: 'Swarm-klyngen har {n} managere: et partall gir ingen ekstra feiltoleranse.' },
  many: { en: 'The swarm has {n} managers: more than 7 slows every decision.', nb: 'Swarm-klyngen har {n} managere: flere enn 7 gjør hver beslutning tregere.' },
});

export default swarmCheck({
  id: 'cis.manager-count',
  title: { en: 'The swarm has an odd number of managers, no more than needed', nb: 'Swarm-klyngen har et oddetall managere, ikke flere enn nødvendig' },
  section: 'swarm',
  severity: 'medium',
  ...cis('7.1'),
  automated: true,
  messages: m.templates,
  decidedBy: {
    en: 'Info.Swarm.Managers: an odd number up to 7 passes; an even number (adds no fault tolerance) or more than 7 (slows consensus) warns.',
    nb: 'Info.Swarm.Managers: et oddetall opp til 7 består; et partall (gir ingen ekstra feiltoleranse) eller flere enn 7 (gjør konsensus tregere) gir advarsel.',
  },
  rationale: {
    en: 'Raft needs a majority of managers; an even count adds a node to compromise without adding tolerance, and every manager holds the cluster keys.',
    nb: 'Raft trenger et flertall av managerne; et partall gir angripere én node til uten å gi mer toleranse, og hver manager har nøklene til klyngen.',
  },
  remediation: {
    en: 'docker node demote <node> until the manager count is 1, 3 or 5 as the availability target requires.',
    nb: 'docker node demote <node> til antallet managere er 1, 3 eller 5, slik tilgjengelighetsmålet krever.',
  },
  judge: (docker) => {
    const n = docker.info.Swarm?.Managers;
    if (typeof n !== 'number') return [{ outcome: 'error', message: m('unknown') }];
    const ok = n % 2 === 1 && n <= 7;
    return [{ outcome: ok ? 'pass' : 'warn', observed: { Managers: n, Nodes: docker.info.Swarm?.Nodes ?? null }, expected: { Managers: '1, 3, 5 or 7' }, message: m(ok ? 'ok' : n % 2 === 0 ? 'even' : 'many', { n }) }];
  },
});
