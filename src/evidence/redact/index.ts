/**
 * Secret redaction for everything the collectors store. Runs in the collector, before anything is
 * written, so no secret reaches evidence, findings or a pack. One list of secret-bearing key names
 * (names.ts), one set of secret-value detectors (detectors.ts), and the rules per kind of value:
 * URLs (url.ts), free text (text.ts), command lines and shell strings (command.ts, shell.ts), env-style
 * values (values.ts), and maps, JSON trees, build steps and whole Engine API objects (structured.ts).
 *
 * What is kept and what is dropped is stated in the README's "Secrets" section.
 */
import { redactArgv, scrubCommandLine } from './command';

export { REDACTED } from './marker';
export { isAddressName, isSecretName, nameWords } from './names';
export { containsKnownSecret, looksRandom, scrubPem, scrubTokens } from './detectors';
export { reduceUrl, scrubUrls } from './url';
export { scrubText } from './text';
export { redactArgv, scrubCommandLine } from './command';
export { addressOnly, redactEnv, redactValue } from './values';
export { redactDeep, redactHealthcheckTest, redactOptions, redactOptionValue, redactTree, scrubHistoryLine } from './structured';

/** Credentials embedded in one free-text value (an engine address, an error message, a note). */
export function scrubString(text: string): string {
  return scrubCommandLine(text, {});
}

/** Command-line arguments (Cmd, Entrypoint, a process's argv) with every secret they carry dropped. */
export function redactArgs(args: readonly string[] | null | undefined): string[] | null {
  return args ? redactArgv(args) : null;
}
