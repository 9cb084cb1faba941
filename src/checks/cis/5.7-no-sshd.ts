import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { templates } from '../text';

const m = templates({
  inCommand: { en: '{target} starts an SSH daemon as its command ({command}).', nb: '{target} starter en SSH-daemon som kommando ({command}).' },
  notRunning: {
    en: '{target} is not running, so no process can be checked; its command does not start sshd.',
    nb: '{target} kjører ikke, så ingen prosesser kan kontrolleres; kommandoen starter ikke sshd.',
  },
  notLooked: {
    en: '{target} was not looked into: run the audit with --exec-checks to list its processes.',
    nb: '{target} ble ikke undersøkt: kjør revisjonen med --exec-checks, så listes prosessene.',
  },
  failed: { en: '{target} could not be looked into: {error}.', nb: '{target} kunne ikke undersøkes: {error}.' },
  startedLater: { en: '{target} could not be looked into (it started after collection).', nb: '{target} kunne ikke undersøkes (den startet etter innsamlingen).' },
  sshd: { en: '{target} runs an SSH daemon ({processes}).', nb: '{target} kjører en SSH-daemon ({processes}).' },
  clean: { en: '{target} runs no SSH daemon ({count} process(es) checked).', nb: '{target} kjører ingen SSH-daemon ({count} prosess(er) kontrollert).' },
});

const SSHD = /(^|\/)(sshd|dropbear)$/;

export default containerCheck({
  id: 'cis.no-sshd',
  title: { en: 'No SSH daemon runs inside containers', nb: 'Ingen SSH-daemon kjører i containere' },
  section: 'containers',
  severity: 'medium',
  ...cis('5.7'),
  automated: true,
  requires: ['docker', 'host'],
  messages: m.templates,
  decidedBy: {
    en: "The container's command (Path, Args) is checked for sshd/dropbear in every state. For running containers the process list is read through the engine's top endpoint, only with --exec-checks (it reads running workloads); without it running containers are left to a person.",
    nb: 'Kommandoen til containeren (Path, Args) sjekkes for sshd/dropbear uansett tilstand. For kjørende containere leses prosesslisten gjennom motorens top-endepunkt, men bare med --exec-checks (den leser kjørende arbeidslaster); uten det overlates kjørende containere til en person.',
  },
  rationale: {
    en: 'An SSH server in a container is a second way in that bypasses docker exec auditing and needs its own keys, patches and hardening.',
    nb: 'En SSH-server i en container er en ekstra vei inn som går utenom loggingen av docker exec, og den trenger egne nøkler, oppdateringer og herding.',
  },
  remediation: {
    en: 'Remove the SSH server from the image and its start-up; use docker exec (audited through the daemon) for maintenance.',
    nb: 'Fjern SSH-serveren fra imaget og oppstarten; bruk docker exec (som logges gjennom daemonen) til vedlikehold.',
  },
  judge: (c, { host }) => {
    const command = [c.Path ?? '', ...(c.Args ?? [])].filter(Boolean);
    const inCommand = command.some((a) => SSHD.test(a.split(/\s+/)[0]));
    const observed: Record<string, unknown> = { command };
    const expected = { processes: 'no sshd' };
    if (inCommand) return { outcome: 'fail', observed, expected, message: m('inCommand', { command: command.join(' ') }) };
    if (!c.State?.Running) return { outcome: 'not-applicable', observed, expected, message: m('notRunning') };
    const procs = host?.containerProcesses?.find((p) => p.id === c.Id);
    if (!host?.containerProcesses) return { outcome: 'manual', observed, expected, message: m('notLooked') };
    if (!procs || procs.error) {
      if (procs?.error) observed.error = procs.error;
      return { outcome: 'error', observed, expected, message: procs?.error ? m('failed', { error: procs.error }) : m('startedLater') };
    }
    observed.processes = procs.commands;
    const ssh = procs.commands.filter((p) => SSHD.test(p));
    return ssh.length
      ? { outcome: 'fail', observed, expected, message: m('sshd', { processes: ssh }) }
      : { outcome: 'pass', observed, expected, message: m('clean', { count: procs.commands.length }) };
  },
});
