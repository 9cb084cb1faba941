import { cis } from '../docker/cis';
import { swarmCheck } from '../docker/swarm-check';
import { templates } from '../text';

const m = templates({
  unknown: { en: 'Not evaluated: the swarm secrets could not be listed.', nb: 'Ikke vurdert: swarm-hemmelighetene kunne ikke listes opp.' },
  some: { en: 'The swarm manages {n} secret(s).', nb: 'Swarm-klyngen forvalter {n} hemmelighet(er).' },
  none: {
    en: 'The swarm has no secrets; confirm no service needs one (passwords in environment variables count as needing one).',
    nb: 'Swarm-klyngen har ingen hemmeligheter; bekreft at ingen tjeneste trenger en (passord i miljøvariabler betyr at tjenesten trenger en).',
  },
});

export default swarmCheck({
  id: 'cis.swarm-secrets',
  title: { en: 'Swarm secrets are used for secrets', nb: 'Swarm-hemmeligheter brukes for sensitive data' },
  section: 'swarm',
  severity: 'medium',
  ...cis('7.4'),
  automated: false,
  needsManager: true,
  messages: m.templates,
  decidedBy: {
    en: 'Counts swarm secrets (names and values are never read). Secrets in use pass; none leaves a person to confirm services get no secrets through environment variables or images.',
    nb: 'Teller swarm-hemmeligheter (navn og verdier leses aldri). Hemmeligheter i bruk: bestått; ingen: en person må bekrefte at tjenestene ikke får hemmeligheter gjennom miljøvariabler eller images.',
  },
  rationale: {
    en: 'Swarm secrets are encrypted at rest in Raft and delivered in memory only to the services granted them; environment variables are visible in inspect output.',
    nb: 'Swarm-hemmeligheter lagres kryptert i Raft og leveres bare i minnet til tjenestene som har fått tilgang til dem; miljøvariabler er synlige i utdataene fra inspect.',
  },
  remediation: {
    en: 'printf %s "$value" | docker secret create db_password -; docker service update --secret-add db_password <service>; read it from /run/secrets/db_password.',
    nb: 'printf %s "$value" | docker secret create db_password -; docker service update --secret-add db_password <service>; les den fra /run/secrets/db_password.',
  },
  judge: (docker) => {
    const n = docker.swarm?.secretCount ?? null;
    if (n === null) return [{ outcome: 'error', message: m('unknown') }];
    return [n > 0
      ? { outcome: 'pass', observed: { secrets: n }, expected: { secrets: '> 0 where services need secrets' }, message: m('some', { n }) }
      : { outcome: 'manual', observed: { secrets: 0 }, expected: { secrets: '> 0 where services need secrets' }, message: m('none') }];
  },
});
