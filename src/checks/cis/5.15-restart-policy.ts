import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';

const MAX_RETRIES = 5;

export default containerCheck({
  id: 'cis.restart-policy',
  title: "Containers restart 'on-failure' at most 5 times",
  section: 'containers',
  severity: 'low',
  ...cis('5.15'),
  automated: true,
  decidedBy:
    'HostConfig.RestartPolicy: on-failure with 1-5 retries passes; always, unless-stopped and on-failure with no or more than 5 retries fail (they restart forever; docker-bench passes always and unless-stopped); ' +
    'no warns, because a crashed service stays down. Swarm task containers are judged by their service\'s restart policy.',
  rationale: 'A container that restarts forever hides a crash loop, burns CPU and can be used to keep a denial of service going; a bounded on-failure policy recovers from transient faults and then stops for a person to look.',
  remediation: "docker run --restart on-failure:5 ... (compose: restart: on-failure, with deploy.restart_policy.max_attempts: 5 for swarm)",
  judge: (c, { docker }) => {
    const taskService = c.Config.Labels?.['com.docker.swarm.service.id'];
    if (taskService) {
      const svc = docker.swarm?.services?.find((s) => s.ID === taskService);
      const rp = svc?.Spec?.TaskTemplate?.RestartPolicy;
      if (!rp) return { outcome: 'manual', observed: { service: taskService }, expected: { Condition: 'on-failure', MaxAttempts: `1-${MAX_RETRIES}` }, message: 'is a swarm task whose service restart policy could not be read.' };
      const cond = rp.Condition ?? 'any';
      const max = rp.MaxAttempts ?? 0;
      const ok = cond === 'on-failure' && max > 0 && max <= MAX_RETRIES;
      return {
        outcome: ok ? 'pass' : cond === 'none' ? 'warn' : 'fail',
        observed: { service: svc?.Spec?.Name ?? taskService, Condition: cond, MaxAttempts: max },
        expected: { Condition: 'on-failure', MaxAttempts: `1-${MAX_RETRIES}` },
        message: ok ? `is a task of service ${svc?.Spec?.Name} that restarts on failure at most ${max} times.` : `is a task of service ${svc?.Spec?.Name} with restart condition ${cond} and ${max || 'unlimited'} attempts.`,
        remediation: `docker service update --restart-condition on-failure --restart-max-attempts ${MAX_RETRIES} ${svc?.Spec?.Name ?? taskService}`,
      };
    }
    const name = c.HostConfig.RestartPolicy?.Name || 'no';
    const retries = c.HostConfig.RestartPolicy?.MaximumRetryCount ?? 0;
    const observed = { RestartPolicy: { Name: name, MaximumRetryCount: retries } };
    const expected = { RestartPolicy: { Name: 'on-failure', MaximumRetryCount: `1-${MAX_RETRIES}` } };
    const fix = { drop: ['--restart'], add: [{ flag: '--restart', value: `on-failure:${MAX_RETRIES}` }] };
    if (name === 'on-failure') {
      if (retries > 0 && retries <= MAX_RETRIES) return { outcome: 'pass', observed, expected, message: `restarts on failure at most ${retries} time(s).` };
      return { outcome: 'fail', observed, expected, message: retries === 0 ? 'restarts on failure without a retry limit.' : `restarts on failure up to ${retries} times, more than ${MAX_RETRIES}.`, fix };
    }
    if (name === 'always' || name === 'unless-stopped') {
      return { outcome: 'fail', observed, expected, message: `has restart policy ${name}: it is restarted without limit, so a crash loop never stops.`, fix };
    }
    return {
      outcome: 'warn',
      observed,
      expected,
      message: "has restart policy 'no': it is never restarted, so a crash leaves the service down until someone notices; CIS expects on-failure with at most 5 retries.",
      fix,
    };
  },
});
