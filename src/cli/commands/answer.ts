import * as path from 'node:path';
import { answerQuestions, answersCsv, answersJson, DEFAULT_MAX_AGE_DAYS } from '../../answers/answer';
import { writeFileAtomic } from '../../evidence/store';
import { readFindings } from '../../findings/load';
import { parse, parseLang, UsageError } from '../args';
import { EXIT } from '../exit-codes';

export const ANSWER_USAGE = `Usage: residency-audit answer DIR [--format csv|json] [options]

Answer the security-questionnaire questions customers ask about data location, transfers and
container/host hardening (CSA CAIQ v4 ids: DSP-19, DSP-10, DSP-05, IVS-03, IVS-04, IVS-06, ...)
from DIR/findings.json. Each answer is Yes, No, Partial or Needs review, with the finding ids behind
it. Yes/No/Partial are given only where every related finding was decided (pass/fail) from evidence
collected within --max-age days by collectors that completed; everything else is Needs review, and
questions about documents, procedures or contracts are always Needs review.

Options:
      --format csv|json   output format (default csv; CSV is UTF-8 with BOM for spreadsheets)
      --lang en|nb        language of questions and answers (default en)
  -o, --out FILE          write to FILE (atomically) instead of standard output
      --max-age DAYS      evidence older than this is not current (default ${DEFAULT_MAX_AGE_DAYS})
  -h, --help              this help

Exit codes: 0 done; 2 bad usage, or DIR has no readable findings.json or one that does not match\nits schema (the message names the JSON path).`;

const FLAGS = {
  format: { type: 'string' },
  lang: { type: 'string' },
  out: { type: 'string', short: 'o' },
  'max-age': { type: 'string' },
} as const;

export async function answerCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse('answer', argv, FLAGS, true);
  if (values.help) {
    process.stdout.write(`${ANSWER_USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('answer takes exactly one folder: residency-audit answer DIR --format csv|json');
  const format = values.format ?? 'csv';
  if (format !== 'csv' && format !== 'json') throw new UsageError(`--format takes csv or json; got "${format}"`);
  const lang = parseLang(values.lang);
  let maxAgeDays = DEFAULT_MAX_AGE_DAYS;
  if (values['max-age'] !== undefined) {
    maxAgeDays = Number(values['max-age']);
    if (!Number.isFinite(maxAgeDays) || maxAgeDays <= 0) throw new UsageError(`--max-age takes a number of days above 0; got "${values['max-age']}"`);
  }
  const dir = path.resolve(positionals[0]);
  const doc = await readFindings(dir);
  const opts = { lang, now: new Date().toISOString(), maxAgeDays };
  const answers = answerQuestions(doc, opts);
  const text = format === 'csv' ? answersCsv(answers, lang) : answersJson(answers, doc, opts);
  if (values.out) {
    await writeFileAtomic(path.resolve(values.out), text);
    const counts = answers.reduce<Record<string, number>>((c, a) => ((c[a.answer] = (c[a.answer] ?? 0) + 1), c), {});
    process.stderr.write(`residency-audit: ${answers.length} answers (${Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ')}) written to ${path.resolve(values.out)}\n`);
  } else {
    process.stdout.write(text);
  }
  return EXIT.ok;
}
