import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { templates } from '../text';

const MAX_RETRIES = 5;

const m = templates({
  taskUnreadable: {
    en: '{target} is a swarm task whose service restart policy could not be read.',
    nb: '{target} er en swarm-oppgave, og omstartsregelen til tjenesten kunne ikke leses.',
  },
  taskBounded: {
    en: '{target} is a task of service {service} that restarts on failure at most {max} times.',
    nb: '{target} er en oppgave i tjenesten {service}, som startes på nytt ved feil med høyst {max} forsøk.',
  },
  taskOther: {
    en: '{target} is a task of service {service} with restart condition {condition} and {attempts} attempts.',
    nb: '{target} er en oppgave i tjenesten {service} med omstartsbetingelsen {condition} og {attempts} forsøk.',
  },
  unlimited: { en: 'unlimited', nb: 'ubegrenset antall' },
  taskFix: {
    en: "Set the service's restart policy: docker service update --restart-condition on-failure --restart-max-attempts {max} {service}",
    nb: 'Endre omstartsregelen til tjenesten: docker service update --restart-condition on-failure --restart-max-attempts {max} {service}',
  },
  bounded: { en: '{target} restarts on failure at most {retries} time(s).', nb: '{target} startes på nytt ved feil med høyst {retries} forsøk.' },
  noRetryLimit: { en: '{target} restarts on failure without a retry limit.', nb: '{target} startes på nytt ved feil uten noen grense på antall forsøk.' },
  tooMany: { en: '{target} restarts on failure up to {retries} times, more than {max}.', nb: '{target} startes på nytt ved feil opptil {retries} ganger, flere enn {max}.' },
  forever: {
    en: '{target} has restart policy {policy}: it is restarted without limit, so a crash loop never stops.',
    nb: '{target} har omstartsregelen «{policy}»: den startes på nytt uten grense, så en krasjløkke stopper aldri.',
  },
  never: {
    en: "{target} has restart policy 'no': it is never restarted, so a crash leaves the service down until someone notices; CIS expects on-failure with at most {max} retries.",
    nb: '{target} har omstartsregelen «no»: den startes aldri på nytt, så etter et krasj ligger tjenesten nede til noen merker det; CIS forventer on-failure med høyst {max} forsøk.',
  },
});

export default containerCheck({
  id: 'cis.restart-policy',
  title: { en: "Containers restart 'on-failure' at most 5 times", nb: 'Omstartsregelen er on-failure med høyst 5 forsøk' },
  section: 'containers',
  severity: 'low',
  ...cis('5.15'),
  automated: true,
  messages: m.templates,
  decidedBy: {
    en:
      'HostConfig.RestartPolicy: on-failure with 1-5 retries passes; always, unless-stopped and on-failure with no or more than 5 retries fail (they restart forever; docker-bench passes always and unless-stopped); ' +
      'no warns, because a crashed service stays down. Swarm task containers are judged by their service\'s restart policy.',
    nb:
      'HostConfig.RestartPolicy: on-failure med 1-5 forsøk består; always, unless-stopped og on-failure uten grense eller med mer enn 5 forsøk består ikke (de starter på nytt i det uendelige; docker-bench godkjenner always og unless-stopped); ' +
      'no gir advarsel, fordi en tjeneste som krasjer, blir liggende nede. Oppgavecontainere i swarm vurderes etter omstartsregelen til tjenesten sin.',
  },
  rationale: {
    en: 'A container that restarts forever hides a crash loop, burns CPU and can be used to keep a denial of service going; a bounded on-failure policy recovers from transient faults and then stops for a person to look.',
    nb: 'En container som startes på nytt i det uendelige, skjuler en krasjløkke, bruker CPU og kan brukes til å holde et tjenestenektangrep i gang; en begrenset on-failure-regel tar seg av forbigående feil og stopper så, slik at en person kan se på det.',
  },
  remediation: {
    en: 'docker run --restart on-failure:5 ... (compose: restart: on-failure, with deploy.restart_policy.max_attempts: 5 for swarm)',
    nb: 'docker run --restart on-failure:5 ... (compose: restart: on-failure, og deploy.restart_policy.max_attempts: 5 i swarm)',
  },
  judge: (c, { docker }) => {
    const taskService = c.Config.Labels?.['com.docker.swarm.service.id'];
    if (taskService) {
      const svc = docker.swarm?.services?.find((s) => s.ID === taskService);
      const rp = svc?.Spec?.TaskTemplate?.RestartPolicy;
      if (!rp) return { outcome: 'manual', observed: { service: taskService }, expected: { Condition: 'on-failure', MaxAttempts: `1-${MAX_RETRIES}` }, message: m('taskUnreadable') };
      const cond = rp.Condition ?? 'any';
      const max = rp.MaxAttempts ?? 0;
      const ok = cond === 'on-failure' && max > 0 && max <= MAX_RETRIES;
      const service = svc?.Spec?.Name ?? taskService;
      return {
        outcome: ok ? 'pass' : cond === 'none' ? 'warn' : 'fail',
        observed: { service, Condition: cond, MaxAttempts: max },
        expected: { Condition: 'on-failure', MaxAttempts: `1-${MAX_RETRIES}` },
        message: ok ? m('taskBounded', { service, max }) : m('taskOther', { service, condition: cond, attempts: max || m('unlimited') }),
        remediation: m('taskFix', { max: String(MAX_RETRIES), service }),
      };
    }
    const name = c.HostConfig.RestartPolicy?.Name || 'no';
    const retries = c.HostConfig.RestartPolicy?.MaximumRetryCount ?? 0;
    const observed = { RestartPolicy: { Name: name, MaximumRetryCount: retries } };
    const expected = { RestartPolicy: { Name: 'on-failure', MaximumRetryCount: `1-${MAX_RETRIES}` } };
    const fix = { drop: ['--restart'], add: [{ flag: '--restart', value: `on-failure:${MAX_RETRIES}` }] };
    if (name === 'on-failure') {
      if (retries > 0 && retries <= MAX_RETRIES) return { outcome: 'pass', observed, expected, message: m('bounded', { retries }) };
      return { outcome: 'fail', observed, expected, message: retries === 0 ? m('noRetryLimit') : m('tooMany', { retries, max: MAX_RETRIES }), fix };
    }
    if (name === 'always' || name === 'unless-stopped') {
      return { outcome: 'fail', observed, expected, message: m('forever', { policy: name }), fix };
    }
    return { outcome: 'warn', observed, expected, message: m('never', { max: MAX_RETRIES }), fix };
  },
});
