import * as path from 'node:path';
import { answerQuestions, DEFAULT_MAX_AGE_DAYS, valueCounts, type Answer } from '../../answers/answer';
import { answersCsv } from '../../answers/csv';
import { answersJson, QUESTIONNAIRE } from '../../answers/json';
import { catalogText, questionCatalog } from '../../answers/list';
import { readVerifiedFindings } from '../../answers/pack';
import { answersXlsx } from '../../answers/xlsx';
import { findCheck } from '../../checks/registry';
import { loadVerifyingKey } from '../../evidence/signing/keys';
import { benchmarkById, controlIdOf, DEFAULT_BENCHMARK } from '../../frameworks/benchmarks';
import { writeFileAtomic } from '../../evidence/store';
import type { Lang } from '../../i18n';
import { parse, parseLangs, UsageError } from '../args';
import { EXIT } from '../exit-codes';

export const ANSWER_USAGE = `Usage: residency-audit answer DIR [--format csv|json|xlsx] [options]
       residency-audit answer --list [--json] [--lang en|nb]

Answer the CSA CAIQ v4 questions customers ask about data location, transfers and container/host
hardening (DSP-19.1, DSP-10.1, IVS-06.1, TVM-07.1, LOG-08.1, CEK-03.1, IAM-05.1, ...) from the pack in
DIR. The pack is verified first: without a manifest.json, or when findings.json, config.json or any
evidence file no longer matches it, no answers are given (exit 2).

Each answer is Yes, No, NA or Needs review, with a draft text to paste, what a person must confirm,
and the finding ids and evidence files behind it. A decided fail makes the answer No, naming what
fails. Yes and NA need every deciding finding decided (pass, fail, not applicable, or attested by a
person) on evidence collected within --max-age days by collectors that completed; questions the
evidence only partly covers, and questions about documents or contracts, are Needs review.

Options:
      --format FORMAT     csv (default; UTF-8 with BOM), json, or xlsx (one sheet per language;
                          needs --out)
      --lang LIST         en, nb or en,nb: language of questions and drafts (default en; csv and
                          json take one language)
  -o, --out FILE          write to FILE (atomically) instead of standard output
      --max-age DAYS      evidence older than this is not current (default ${DEFAULT_MAX_AGE_DAYS})
      --key KEYFILE.pub   also require the pack's signature (manifest.sig.json) to verify with this
                          key: a manifest alone does not stop someone who edits findings.json and
                          recomputes it
      --list              list the questions: id, our paraphrase, the checks that decide it
      --json              with --list: as JSON
  -h, --help              this help

Exit codes: 0 done; 2 bad usage, or DIR has no verifiable pack (no manifest, changed files, findings
not made from its evidence, a signature that does not verify with --key).`;

const FLAGS = {
  format: { type: 'string' },
  lang: { type: 'string' },
  out: { type: 'string', short: 'o' },
  'max-age': { type: 'string' },
  key: { type: 'string' },
  list: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

function listCommand(lang: Lang, json: boolean): number {
  const benchmark = benchmarkById(DEFAULT_BENCHMARK);
  const rows = questionCatalog(lang, (id) => {
    const c = findCheck(id, benchmark);
    return c ? controlIdOf(c, benchmark) : null;
  });
  process.stdout.write(json ? `${JSON.stringify(rows, null, 2)}\n` : catalogText(rows, lang));
  return EXIT.ok;
}

export async function answerCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse('answer', argv, FLAGS, true);
  if (values.help) {
    process.stdout.write(`${ANSWER_USAGE}\n`);
    return EXIT.ok;
  }
  const langs = parseLangs(values.lang);
  if (values.list) {
    if (positionals.length) throw new UsageError('answer --list takes no folder');
    if (langs.length > 1) throw new UsageError('answer --list takes one language: --lang en or --lang nb');
    return listCommand(langs[0], !!values.json);
  }
  if (values.json) throw new UsageError('--json goes with --list; for answers use --format json');
  if (positionals.length !== 1) throw new UsageError('answer takes exactly one folder: residency-audit answer DIR --format csv|json|xlsx');
  const format = values.format ?? 'csv';
  if (format !== 'csv' && format !== 'json' && format !== 'xlsx') throw new UsageError(`--format takes csv, json or xlsx; got "${format}"`);
  if (format !== 'xlsx' && langs.length > 1) throw new UsageError(`--format ${format} takes one language; use --format xlsx for one sheet per language, or run once per language`);
  if (format === 'xlsx' && !values.out) throw new UsageError('--format xlsx needs --out FILE.xlsx');
  let maxAgeDays = DEFAULT_MAX_AGE_DAYS;
  if (values['max-age'] !== undefined) {
    maxAgeDays = Number(values['max-age']);
    if (!Number.isFinite(maxAgeDays) || maxAgeDays <= 0) throw new UsageError(`--max-age takes a number of days above 0; got "${values['max-age']}"`);
  }

  const key = values.key === undefined ? undefined : await loadVerifyingKey(values.key, '--key');
  const dir = path.resolve(positionals[0]);
  const doc = await readVerifiedFindings(dir, { key });
  const now = new Date().toISOString();
  const sheets = langs.map((lang) => ({ lang, answers: answerQuestions(doc, { lang, now, maxAgeDays }) }));
  const first: Answer[] = sheets[0].answers;
  const output =
    format === 'xlsx'
      ? await answersXlsx(sheets, { created: new Date(now), title: `${QUESTIONNAIRE}: ${doc.run.host?.hostname ?? ''}` })
      : format === 'csv'
        ? answersCsv(first, langs[0])
        : answersJson(first, doc, { lang: langs[0], now, maxAgeDays });
  if (values.out) {
    const file = path.resolve(values.out);
    await writeFileAtomic(file, output);
    const counts = Object.entries(valueCounts(first)).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`);
    process.stderr.write(`residency-audit: ${first.length} answers (${counts.join(', ')}) written to ${file}\n`);
  } else {
    process.stdout.write(output);
  }
  return EXIT.ok;
}
