/** answers.json: the answers of one language with what they were given from. */
import type { FindingsDocument } from '../findings/types';
import type { Lang } from '../i18n';
import { DEFAULT_MAX_AGE_DAYS, type Answer } from './answer';

export const QUESTIONNAIRE = 'CSA CAIQ v4.0.x';

export function answersJson(answers: readonly Answer[], doc: FindingsDocument, opts: { lang: Lang; now: string; maxAgeDays?: number }): string {
  return `${JSON.stringify(
    {
      questionnaire: QUESTIONNAIRE,
      language: opts.lang,
      answeredAt: opts.now,
      evidenceCollectedAt: doc.run.collectedAt,
      maxAgeDays: opts.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS,
      host: doc.run.host,
      toolVersion: doc.run.toolVersion,
      answers,
    },
    null,
    2,
  )}\n`;
}
