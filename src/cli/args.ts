import { InputError } from '../errors';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SEVERITIES, type Severity } from '../findings/types';

/** Bad usage: printed with the command's help hint, exit code 2. */
export class UsageError extends InputError {}

type Options = NonNullable<ParseArgsConfig['options']>;

type HelpFlag = { help: { type: 'boolean'; short: 'h' } };
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O & HelpFlag; allowPositionals: boolean; strict: true }>>;

/** node:util parseArgs with errors turned into UsageError naming the command. */
export function parse<O extends Options>(command: string, argv: string[], options: O, allowPositionals = false): Parsed<O> {
  try {
    const help: HelpFlag = { help: { type: 'boolean', short: 'h' } };
    return parseArgs({ args: argv, options: { ...options, ...help }, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError(`${command}: ${(err as Error).message.replace(/\. To specify a positional argument.*$/s, '')}`);
  }
}

export function parseSeverity(v: string | undefined, flag: string): Severity | undefined {
  if (v === undefined) return undefined;
  if (!(SEVERITIES as readonly string[]).includes(v)) throw new UsageError(`${flag} takes one of ${SEVERITIES.join(', ')}; got "${v}"`);
  return v as Severity;
}

/** `--lang en`, `--lang nb` or `--lang en,nb` (the first is the main pack; others get a `.nb` suffix). */
export function parseLangs(v: string | undefined): ('en' | 'nb')[] {
  if (v === undefined) return ['en'];
  const langs = [...new Set(v.split(',').map((s) => s.trim()).filter(Boolean))];
  if (langs.length === 0) throw new UsageError('--lang takes en, nb or en,nb');
  return langs.map((l) => parseLang(l));
}

export function parseLang(v: string | undefined): 'en' | 'nb' {
  if (v === undefined) return 'en';
  if (v !== 'en' && v !== 'nb') throw new UsageError(`--lang takes en or nb; got "${v}"`);
  return v;
}
