/**
 * Questionnaire answers from findings (src/answers/caiq.ts lists the questions). Each answer has the
 * CAIQ value (Yes, No, NA; Needs review when the evidence cannot decide), a draft text in the
 * chosen language for the customer, what a person must confirm first, and the evidence behind it.
 * Nothing is inferred beyond findings.json: no evidence, no answer.
 */
import type { FindingsDocument } from '../findings/types';
import { translator, type Lang, type MessageKey } from '../i18n';
import { QUESTIONS, type Question, type Scope, type SsrmOwner } from './caiq';
import { decide, type CaiqValue } from './decide';
import { answerTexts } from './draft';

export type { CaiqValue } from './decide';

/**
 * One answer, as written to answers.json / .csv / .xlsx. Stable fields for readers (the HTML pack
 * links answers by `id` and `findings`):
 * - `id` CAIQ question id; `control`, `controlName` the CCM control.
 * - `question` our paraphrase of the question, in `lang`.
 * - `answer` the CAIQ value: `Yes`, `No`, `NA` or `Needs review`; `answerLabel` the same in `lang`.
 * - `draft` text to paste into the questionnaire (what is in place, where, as of when; names what is
 *   not); empty when the evidence has nothing to say.
 * - `confirm` what a person must check before sending it; `reason` why the value is what it is.
 * - `findings` ids of every deciding finding (findings.json `findings[].id`); `failing` the ids that
 *   make the answer No; `evidence` the pack-relative evidence files they were decided from.
 * - `checks` the deciding check ids; `controls` outcome counts per control (`cis-5.5: 5 pass, 1 fail`).
 * - `scope` how far the evidence can answer it (see caiq.ts); `owner`/`ownerLabel` the SSRM owner;
 *   `iso` ISO/IEC 27001:2022 Annex A controls (our mapping).
 */
export interface Answer {
  id: string;
  control: string;
  controlName: string;
  question: string;
  answer: CaiqValue;
  answerLabel: string;
  draft: string;
  confirm: string[];
  reason: string;
  findings: string[];
  failing: string[];
  evidence: string[];
  checks: string[];
  controls: string[];
  scope: Scope;
  owner: SsrmOwner;
  ownerLabel: string;
  iso: readonly string[];
}

export interface AnswerOptions {
  lang: Lang;
  /** ISO time the answers are given at (evidence age is measured against it). */
  now: string;
  /** Evidence older than this many days is not current (default 92: one quarter). */
  maxAgeDays?: number;
  /** Questions to answer (default all). */
  questions?: readonly Question[];
}

export const DEFAULT_MAX_AGE_DAYS = 92;

const VALUE_KEYS: Record<CaiqValue, MessageKey> = { Yes: 'answers.yes', No: 'answers.no', NA: 'answers.na', 'Needs review': 'answers.needsReview' };

export function valueLabel(lang: Lang, v: CaiqValue): string {
  return translator(lang)(VALUE_KEYS[v]);
}

export function answerQuestions(doc: FindingsDocument, opts: AnswerOptions): Answer[] {
  const t = translator(opts.lang);
  const o = { now: opts.now, maxAgeDays: opts.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS };
  return (opts.questions ?? QUESTIONS).map((q) => {
    const d = decide(q, doc, o);
    const texts = answerTexts(q, doc, d, opts.lang, o);
    const byControl = new Map<string, Map<string, number>>();
    for (const { finding: f } of d.related) {
      const c = byControl.get(f.control) ?? new Map<string, number>();
      c.set(f.outcome, (c.get(f.outcome) ?? 0) + 1);
      byControl.set(f.control, c);
    }
    return {
      id: q.id,
      control: q.control,
      controlName: q.controlName,
      question: t(`caiq.${q.id}.q` as MessageKey),
      answer: d.value,
      answerLabel: valueLabel(opts.lang, d.value),
      draft: texts.draft,
      confirm: texts.confirm,
      reason: texts.reason,
      findings: d.related.map((c) => c.finding.id),
      failing: d.value === 'No' && d.reason.kind === 'fail' ? d.reason.failing.map((c) => c.finding.id) : [],
      evidence: d.evidence,
      checks: [...q.checks],
      controls: [...byControl].map(([id, c]) => `${id}: ${[...c].map(([outcome, n]) => `${n} ${t(`outcome.${outcome}` as MessageKey)}`).join(', ')}`),
      scope: q.scope,
      owner: q.owner,
      ownerLabel: t(`answers.owner.${q.owner}` as MessageKey),
      iso: q.iso,
    };
  });
}

/** Counts per answer value, e.g. for the command's summary line. */
export function valueCounts(answers: readonly Answer[]): Record<CaiqValue, number> {
  const out: Record<CaiqValue, number> = { Yes: 0, No: 0, NA: 0, 'Needs review': 0 };
  for (const a of answers) out[a.answer]++;
  return out;
}
