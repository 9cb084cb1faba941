/**
 * The transfer register as the pack prints it (and transfers.csv writes it): one row per destination
 * outside the EEA or of unknown location, from the residency record in findings.json. Nothing is
 * decided here: mechanism, status and condition are the record's, put into the pack's language.
 */
import type { JurisdictionKey, TransferRegisterRow, TransferStatus } from '../../findings/residency';
import type { FindingsDocument, Outcome } from '../../findings/types';
import { type Lang, type MessageKey, type Translate } from '../../i18n';
import { anchor, visible } from '../format';

export interface TransferRowView {
  endpoint: string;
  anchor: string;
  /** Containers (and other objects) that send to it. */
  sentBy: string;
  kinds: string;
  country: string;
  jurisdiction: JurisdictionKey;
  jurisdictionLabel: string;
  mechanism: string;
  document: string;
  tiaDate: string;
  status: TransferStatus;
  statusLabel: string;
  outcome: Outcome;
  outcomeLabel: string;
  /** What covers the transfer and on what condition, or what is missing. */
  condition: string;
  findings: { id: string; anchor: string }[];
}

const names = new Map<Lang, Intl.DisplayNames>();
export function countryLabel(lang: Lang, code: string | null): string {
  if (!code) return '—';
  try {
    let n = names.get(lang);
    if (!n) names.set(lang, (n = new Intl.DisplayNames([lang === 'nb' ? 'nb' : 'en'], { type: 'region' })));
    const name = n.of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

/** The mechanism in the pack's language: "SCCs (EU) 2021/914, module 2 (controller to processor)". */
export function mechanismLabel(t: Translate, r: TransferRegisterRow['transfer']): string {
  switch (r.mechanism) {
    case 'art45':
      return t('transfer.mechanism.art45', { act: visible(r.act ?? '—') });
    case 'dpf':
      return t('transfer.mechanism.dpf');
    case 'scc':
      return r.module ? t('transfer.mechanism.scc', { module: visible(r.module), parties: t(`transfer.module.${r.module}` as MessageKey) }) : t('transfer.mechanism.sccNoModule');
    case 'bcr':
      return t('transfer.mechanism.bcr');
    case 'art49':
      return t('transfer.mechanism.art49', { derogation: visible(r.derogation ?? '?') });
    case 'none':
      return r.basisText ? t('transfer.mechanism.freeText', { text: visible(r.basisText) }) : t('transfer.mechanism.none');
  }
}

export function transferRows(t: Translate, lang: Lang, doc: FindingsDocument): TransferRowView[] {
  const rec = doc.residency;
  if (!rec) return [];
  const byId = new Map(doc.findings.map((f) => [f.id, f]));
  return rec.transfers.map((r) => {
    const fs = r.findings.map((id) => byId.get(id)).filter((f) => !!f);
    // The row shows the outcome as it stands (a waiver shows), else the decided one.
    const outcome: Outcome = (fs[0]?.outcome ?? r.outcome) as Outcome;
    const where = countryLabel(lang, r.country);
    const tr = r.transfer;
    const key = `transfer.reason.${tr.reason}` as MessageKey;
    const condition = t(key, { where, act: visible(tr.act ?? '—'), date: visible(tr.tiaDate ?? '—'), document: visible(tr.document ?? '—'), basis: visible(tr.basisText ?? '—'), mechanism: mechanismLabel(t, tr) });
    // What sends to it: the containers (objects such as volumes and images only when no container is named).
    const sent = r.containers.length ? r.containers.map(visible) : r.objects.map(visible);
    return {
      endpoint: visible(r.display),
      anchor: anchor('t', r.endpoint),
      sentBy: sent.length ? sent.join(', ') : '—',
      kinds: r.kinds.map((k) => t(`flow.${k}` as MessageKey)).join(', '),
      country: where,
      jurisdiction: r.jurisdiction,
      jurisdictionLabel: t(`jurisdiction.${r.jurisdiction}` as MessageKey),
      mechanism: mechanismLabel(t, tr),
      document: tr.document ? visible(tr.document) : '—',
      tiaDate: tr.tiaDate ? visible(tr.tiaDate) : '—',
      status: tr.status,
      statusLabel: t(`transfer.status.${tr.status}` as MessageKey),
      outcome,
      outcomeLabel: outcome === 'pass' && tr.status === 'covered' ? t('transfer.passWithCondition') : t(`outcome.${outcome}` as MessageKey),
      condition: tr.note ? `${condition} ${t('transfer.note', { note: visible(tr.note) })}` : condition,
      findings: r.findings.map((id) => ({ id, anchor: anchor('f', id) })),
    };
  });
}
