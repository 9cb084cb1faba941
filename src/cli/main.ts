import { TOOL_VERSION } from '../version';
import { AuditError } from '../errors';
import { EXIT, EXIT_FOR_ERROR } from './exit-codes';
import { exitOnEarlySignal } from './early-signal';

type Command = { run: (argv: string[]) => Promise<number>; summary: string };

/** Every subcommand, loaded on use so `--version` or `where` do not pay for pdfkit or dockerode. Each parses its own flags and prints its own --help. */
const COMMANDS: Record<string, Command> = {
  run: { run: async (a) => (require('./commands/run.js') as typeof import('./commands/run.js')).runCommand(a), summary: 'collect, evaluate and render the audit pack' },
  collect: { run: async (a) => (require('./commands/collect.js') as typeof import('./commands/collect.js')).collectCommand(a), summary: 'collect evidence only' },
  report: { run: async (a) => (require('./commands/report.js') as typeof import('./commands/report.js')).reportCommand(a), summary: 'evaluate and render from saved evidence (no engine needed)' },
  verify: { run: async (a) => (require('./commands/verify.js') as typeof import('./commands/verify.js')).verifyCommand(a), summary: 'check every file of a pack against its manifest (and its signature, with --key)' },
  fleet: { run: async (a) => (require('./commands/fleet.js') as typeof import('./commands/fleet.js')).fleetCommand(a), summary: 'audit every node of a Docker Swarm (or an inventory of engines) into one fleet pack' },
  keygen: { run: async (a) => (require('./commands/keygen.js') as typeof import('./commands/keygen.js')).keygenCommand(a), summary: 'create an Ed25519 key pair to sign packs with (run/report --sign-key)' },
  diff: { run: async (a) => (require('./commands/diff.js') as typeof import('./commands/diff.js')).diffCommand(a), summary: 'what is new, fixed and regressed between two packs (both verified first)' },
  attest: { run: async (a) => (require('./commands/attest.js') as typeof import('./commands/attest.js')).attestCommand(a), summary: 'record a person\'s answer to a manual control in attestations.yaml' },
  answer: { run: async (a) => (require('./commands/answer.js') as typeof import('./commands/answer.js')).answerCommand(a), summary: 'answer security-questionnaire questions (CAIQ v4) from a pack' },
  checks: { run: async (a) => (require('./commands/checks.js') as typeof import('./commands/checks.js')).checksCommand(a), summary: 'list every check: id, level, automated or manual, severity and how it is decided' },
  where: { run: async (a) => (require('./commands/where.js') as typeof import('./commands/where.js')).whereCommand(a), summary: 'country, jurisdiction and transfer basis of IPs, host names or country codes' },
  virt: { run: async (a) => (require('./commands/virt.js') as typeof import('./commands/virt.js')).virtCommand(a), summary: 'detect the virtualization and container layers under this host' },
  'bench-storage': { run: async (a) => (require('./commands/bench-storage.js') as typeof import('./commands/bench-storage.js')).benchStorageCommand(a), summary: 'measure random and sequential I/O of a folder honestly' },
};

export const USAGE = `residency-audit ${TOOL_VERSION}: EEA data-residency and container-hardening audit packs for Docker hosts

Usage: residency-audit <command> [options]

Commands:
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(14)} ${c.summary}`).join('\n')}

Run "residency-audit <command> --help" for a command's options.
Options: -h, --help   this help; -v, --version   print the version`;


export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    if (name === 'help' && rest[0] && COMMANDS[rest[0]]) return COMMANDS[rest[0]].run(['--help']);
    process.stdout.write(`${USAGE}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '-v' || name === '--version' || name === 'version') {
    process.stdout.write(`${TOOL_VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`residency-audit: unknown command "${name}"\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  // Commands that write a pack folder exit 130 on Ctrl-C from the start (their handler takes over in withInterrupt).
  if (name === 'run' || name === 'collect' || name === 'report') exitOnEarlySignal();
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof AuditError) {
      const hint = err.kind === 'input' ? `\n(run "residency-audit ${name} --help" for usage)` : '';
      process.stderr.write(`residency-audit: ${err.message}${hint}\n`);
      return EXIT_FOR_ERROR[err.kind];
    }
    process.stderr.write(`residency-audit: ${name} failed: ${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env.RESIDENCY_AUDIT_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return EXIT.failed;
  }
}
