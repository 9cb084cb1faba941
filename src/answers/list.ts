/** `answer --list`: every question with our paraphrase, how far evidence answers it, the checks that decide it and the id's source. */
import { translator, type Lang, type MessageKey } from '../i18n';
import { QUESTIONS, SOURCES, type Scope } from './caiq';

export interface CatalogRow {
  id: string;
  control: string;
  controlName: string;
  question: string;
  scope: Scope;
  /** Stable check ids with the control id they have in the current benchmark, when known. */
  checks: { check: string; control: string | null }[];
  source: string;
}

export function questionCatalog(lang: Lang, controlOf: (check: string) => string | null = () => null): CatalogRow[] {
  const t = translator(lang);
  return QUESTIONS.map((q) => ({
    id: q.id,
    control: q.control,
    controlName: q.controlName,
    question: t(`caiq.${q.id}.q` as MessageKey),
    scope: q.scope,
    checks: q.checks.map((check) => ({ check, control: controlOf(check) })),
    source: SOURCES[q.source],
  }));
}

export function catalogText(rows: readonly CatalogRow[], lang: Lang): string {
  const t = translator(lang);
  const out: string[] = [];
  for (const r of rows) {
    out.push(`${r.id}  ${r.control} ${r.controlName}  [${t(`answers.scope.${r.scope}` as MessageKey)}]`);
    out.push(`  ${r.question}`);
    out.push(`  ${t('answers.list.checks')}: ${r.checks.map((c) => (c.control && c.control !== c.check ? `${c.check} (${c.control})` : c.check)).join(', ')}`);
    out.push(`  ${t('answers.list.source')}: ${r.source}`);
  }
  out.push('', t('answers.list.total', { n: rows.length }));
  return `${out.join('\n')}\n`;
}
