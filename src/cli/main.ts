import { TOOL_VERSION } from '../version';
import { UsageError } from './args';
import { collectCommand } from './commands/collect';
import { reportCommand } from './commands/report';
import { runCommand } from './commands/run';
import { verifyCommand } from './commands/verify';
import { EXIT } from './exit-codes';
import { ConfigError } from '../collectors/docker/connection';
import { EvidenceIntegrityError } from '../pipeline/report';

type Command = { run: (argv: string[]) => Promise<number>; summary: string };

/** Every subcommand; each parses its own flags and prints its own --help. */
const COMMANDS: Record<string, Command> = {
  run: { run: runCommand, summary: 'collect, evaluate and render the audit pack' },
  collect: { run: collectCommand, summary: 'collect evidence only' },
  report: { run: reportCommand, summary: 'evaluate and render from saved evidence (no engine needed)' },
  verify: { run: verifyCommand, summary: 'check every file of a pack against its manifest' },
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
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError || err instanceof EvidenceIntegrityError) {
      process.stderr.write(`residency-audit: ${err.message}\n(run "residency-audit ${name} --help" for usage)\n`);
      return EXIT.usage;
    }
    process.stderr.write(`residency-audit: ${name} failed: ${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env.RESIDENCY_AUDIT_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return EXIT.usage;
  }
}
