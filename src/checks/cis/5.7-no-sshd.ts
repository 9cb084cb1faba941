import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';

const SSHD = /(^|\/)(sshd|dropbear)$/;

export default containerCheck({
  id: 'cis.no-sshd',
  title: 'No SSH daemon runs inside containers',
  section: 'containers',
  severity: 'medium',
  ...cis('5.7'),
  automated: true,
  requires: ['docker', 'host'],
  decidedBy:
    "The container's command (Path, Args) is checked for sshd/dropbear in every state. For running containers the process list is read through the engine's top endpoint, only with --exec-checks (it reads running workloads); without it running containers are left to a person.",
  rationale: 'An SSH server in a container is a second way in that bypasses docker exec auditing and needs its own keys, patches and hardening.',
  remediation: 'Remove the SSH server from the image and its start-up; use docker exec (audited through the daemon) for maintenance.',
  judge: (c, { host }) => {
    const command = [c.Path ?? '', ...(c.Args ?? [])].filter(Boolean);
    const inCommand = command.some((a) => SSHD.test(a.split(/\s+/)[0]));
    const observed: Record<string, unknown> = { command };
    const expected = { processes: 'no sshd' };
    if (inCommand) return { outcome: 'fail', observed, expected, message: `starts an SSH daemon as its command (${command.join(' ')}).` };
    if (!c.State?.Running) return { outcome: 'not-applicable', observed, expected, message: 'is not running, so no process can be checked; its command does not start sshd.' };
    const procs = host?.containerProcesses?.find((p) => p.id === c.Id);
    if (!host?.containerProcesses) return { outcome: 'manual', observed, expected, message: 'was not looked into: run the audit with --exec-checks to list its processes.' };
    if (!procs || procs.error) return { outcome: 'error', observed, expected, message: `could not be looked into${procs?.error ? `: ${procs.error}` : ' (it started after collection)'}.` };
    observed.processes = procs.commands;
    const ssh = procs.commands.filter((p) => SSHD.test(p));
    return ssh.length
      ? { outcome: 'fail', observed, expected, message: `runs an SSH daemon (${ssh.join(', ')}).` }
      : { outcome: 'pass', observed, expected, message: `runs no SSH daemon (${procs.commands.length} process(es) checked).` };
  },
});
