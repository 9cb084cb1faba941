import { cis } from '../docker/cis';
import { swarmCheck } from '../docker/swarm-check';

export default swarmCheck({
  id: 'cis.swarm-secrets',
  title: 'Swarm secrets are used for secrets',
  section: 'swarm',
  severity: 'medium',
  ...cis('7.4'),
  automated: false,
  needsManager: true,
  decidedBy: 'Counts swarm secrets (names and values are never read). Secrets in use pass; none leaves a person to confirm services get no secrets through environment variables or images.',
  rationale: 'Swarm secrets are encrypted at rest in Raft and delivered in memory only to the services granted them; environment variables are visible in inspect output.',
  remediation: 'printf %s "$value" | docker secret create db_password -; docker service update --secret-add db_password <service>; read it from /run/secrets/db_password.',
  judge: (docker) => {
    const n = docker.swarm?.secretCount ?? null;
    if (n === null) return [{ outcome: 'error', message: 'Not evaluated: the swarm secrets could not be listed.' }];
    return [n > 0
      ? { outcome: 'pass', observed: { secrets: n }, expected: { secrets: '> 0 where services need secrets' }, message: `The swarm manages ${n} secret(s).` }
      : { outcome: 'manual', observed: { secrets: 0 }, expected: { secrets: '> 0 where services need secrets' }, message: 'The swarm has no secrets; confirm no service needs one (passwords in environment variables count as needing one).' }];
  },
});
