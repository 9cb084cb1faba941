/**
 * The legal basis of one transfer under GDPR Chapter V: what the residency config declares for an
 * endpoint (`transfer: { mechanism, module, document, tiaDate, note }`, or the older free-text
 * `transferBasis`), judged against where the endpoint is. Pure; used by decide.ts for the outcome
 * and by record.ts for the transfer register, so the finding, the register and the summary agree.
 *
 * ```yaml
 * endpoints:
 *   - match: logs.example.cn
 *     country: CN
 *     transfer: { mechanism: scc, module: 2, document: "DPA-2026-014 annex III", tiaDate: 2026-09-01 }
 *   - match: api.payments.example
 *     country: US
 *     transfer: { mechanism: dpf, document: "DPF List entry of Payments Inc., checked 2026-11-20" }
 * ```
 */
import type { TransferRecord } from '../findings/residency';
import type { JurisdictionVerdict } from './jurisdiction';

export const TRANSFER_MECHANISMS = ['art45', 'dpf', 'scc', 'bcr', 'art49'] as const;
export type DeclaredMechanism = (typeof TRANSFER_MECHANISMS)[number];
/** `none`: nothing declared, or nothing that can cover this destination. */
export type TransferMechanism = DeclaredMechanism | 'none';

/** SCC modules of Implementing Decision (EU) 2021/914. */
export const SCC_MODULES = ['1', '2', '3', '4'] as const;
export type SccModule = (typeof SCC_MODULES)[number];
/** Module number → the parties it is for. */
export const SCC_MODULE_PARTIES: Record<SccModule, string> = { '1': 'controller to controller', '2': 'controller to processor', '3': 'processor to processor', '4': 'processor to controller' };

/** Art. 49(1) derogations by letter. */
export const ART49_DEROGATIONS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'compelling-legitimate-interests'] as const;

export interface TransferDeclaration {
  mechanism: DeclaredMechanism;
  /** SCC module 1-4 (also accepted as C2C, C2P, P2P, P2C). */
  module?: SccModule;
  /** Which Art. 49(1) derogation (a–g) for `art49`. */
  derogation?: string;
  /** The signed document that carries it: DPA annex, SCC reference, BCR approval, DPF List entry. */
  document?: string;
  /** Date (YYYY-MM-DD) of the transfer impact assessment (EDPB Recommendations 01/2020). */
  tiaDate?: string;
  note?: string;
}

export type TransferStatus = 'covered' | 'covered-needs-review' | 'missing';

/** Why a basis does or does not cover this destination: a code the pack translates, plus English text for findings. */
export type TransferReason =
  | 'adequacy'
  | 'adequacy-in-scope'
  | 'dpf-certified'
  | 'scc-with-tia'
  | 'bcr-with-tia'
  | 'no-tia'
  | 'no-module'
  | 'no-document'
  | 'art49-exceptional'
  | 'free-text'
  | 'dpf-not-us'
  | 'no-adequacy'
  | 'not-declared'
  | 'not-declared-partial'
  | 'location-unknown'
  | 'needs-person';

/** What findings.json records (TransferRecord), with the module and the reason typed as decided here. */
export interface TransferAssessment extends Omit<TransferRecord, 'module' | 'reason'> {
  module: SccModule | null;
  reason: TransferReason;
}

/** The outcome rule's result: replaces decide.ts's outcome when a transfer basis decides it. */
export interface TransferOutcome {
  outcome: 'pass' | 'fail' | 'manual';
  why: string;
  remediation?: string;
}

type Fail = (path: string, msg: string) => never;

const MODULE_ALIASES: Record<string, SccModule> = { c2c: '1', c2p: '2', p2p: '3', p2c: '4', '1': '1', '2': '2', '3': '3', '4': '4' };

function text(v: unknown, path: string, fail: Fail): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ((typeof v !== 'string' && typeof v !== 'number') || String(v).trim() === '') fail(path, `must be a non-empty string, got ${JSON.stringify(v)}`);
  return String(v).trim();
}

/** Validate `endpoints[].transfer` (idempotent: a parsed declaration parses to itself). */
export function parseTransfer(v: unknown, path: string, fail: Fail): TransferDeclaration {
  if (!v || typeof v !== 'object' || Array.isArray(v)) fail(path, `must be a map with \`mechanism\` (${TRANSFER_MECHANISMS.join(', ')})`);
  const o = v as Record<string, unknown>;
  const keys = ['mechanism', 'module', 'derogation', 'document', 'tiaDate', 'note'];
  for (const k of Object.keys(o)) if (!keys.includes(k)) fail(`${path}.${k}`, `unknown key (expected one of ${keys.join(', ')})`);
  const mechanism = text(o.mechanism, `${path}.mechanism`, fail)?.toLowerCase();
  if (!mechanism) fail(`${path}.mechanism`, `is required (${TRANSFER_MECHANISMS.join(', ')})`);
  if (!(TRANSFER_MECHANISMS as readonly string[]).includes(mechanism)) fail(`${path}.mechanism`, `"${mechanism}" is not a transfer mechanism (expected ${TRANSFER_MECHANISMS.join(', ')})`);
  const out: TransferDeclaration = { mechanism: mechanism as DeclaredMechanism };
  const module = text(o.module, `${path}.module`, fail);
  if (module !== undefined) {
    if (mechanism !== 'scc') fail(`${path}.module`, 'is only for mechanism scc');
    const m = MODULE_ALIASES[module.toLowerCase().replace(/^module\s*/, '')];
    if (!m) fail(`${path}.module`, `"${module}" is not an SCC module (1-4, or C2C, C2P, P2P, P2C)`);
    out.module = m;
  }
  const derogation = text(o.derogation, `${path}.derogation`, fail);
  if (derogation !== undefined) {
    if (mechanism !== 'art49') fail(`${path}.derogation`, 'is only for mechanism art49');
    const d = derogation.toLowerCase().replace(/^\(|\)$/g, '');
    if (!(ART49_DEROGATIONS as readonly string[]).includes(d)) fail(`${path}.derogation`, `"${derogation}" is not an Art. 49(1) derogation (${ART49_DEROGATIONS.join(', ')})`);
    out.derogation = d;
  }
  const document = text(o.document, `${path}.document`, fail);
  if (document !== undefined) out.document = document;
  const tia = text(o.tiaDate, `${path}.tiaDate`, fail);
  if (tia !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(tia) || Number.isNaN(Date.parse(tia))) fail(`${path}.tiaDate`, `"${tia}" is not a date (YYYY-MM-DD)`);
    out.tiaDate = tia;
  }
  const note = text(o.note, `${path}.note`, fail);
  if (note !== undefined) out.note = note;
  return out;
}

/** "SCCs (EU) 2021/914, module 2 (controller to processor)" and the like, for English findings. */
export function mechanismText(m: TransferMechanism, a: Pick<TransferAssessment, 'module' | 'act' | 'derogation'>): string {
  switch (m) {
    case 'art45':
      return `adequacy decision${a.act ? ` ${a.act}` : ''} (GDPR Art. 45)`;
    case 'dpf':
      return `EU–US Data Privacy Framework${a.act ? ` (${a.act})` : ''}, for certified organisations`;
    case 'scc':
      return `standard contractual clauses (EU) 2021/914${a.module ? `, module ${a.module} (${SCC_MODULE_PARTIES[a.module]})` : ''}`;
    case 'bcr':
      return 'binding corporate rules (GDPR Art. 47)';
    case 'art49':
      return `an Art. 49(1)${a.derogation && a.derogation.length === 1 ? `(${a.derogation})` : ''} derogation`;
    case 'none':
      return 'none';
  }
}

/** What the config declares for one endpoint (a DeclaredLocation/Declaration carries both forms). */
export interface DeclaredBasis {
  transfer?: TransferDeclaration;
  transferBasis?: string;
}

/** Destinations that are not a transfer under Chapter V (inside the EEA or on the host's own networks). */
export function isTransfer(verdict: Pick<JurisdictionVerdict, 'jurisdiction' | 'entry'>, internal: boolean): boolean {
  if (internal) return false;
  if ((verdict.jurisdiction as string) === 'eea' || (verdict.jurisdiction as string) === 'internal') return false;
  if (verdict.jurisdiction === 'eea-special' && verdict.entry?.withinEea === true) return false;
  return true;
}

/**
 * The basis of a transfer to this destination and whether it covers it. `baseOutcome` is the outcome
 * decide.ts reached on the destination alone (it holds the allowed-list and EEA EFTA rules): an
 * adequate country that still needs a person (`manual`) is covered-needs-review, not covered.
 */
export function assessTransfer(verdict: JurisdictionVerdict, declared: DeclaredBasis | null, baseOutcome: string): TransferAssessment {
  const d = declared?.transfer;
  const decision = verdict.entry?.decision;
  const base = {
    mechanism: (d?.mechanism ?? 'none') as TransferMechanism,
    module: d?.module ?? null,
    derogation: d?.derogation ?? null,
    act: null as string | null,
    document: d?.document ?? null,
    tiaDate: d?.tiaDate ?? null,
    note: d?.note ?? null,
    basisText: declared?.transferBasis ?? null,
  };
  const where = verdict.countryName ? `${verdict.countryName} (${verdict.country})` : 'an unknown location';
  const result = (status: TransferStatus, reason: TransferReason, txt: string, over: Partial<typeof base> = {}): TransferAssessment => ({ ...base, ...over, status, reason, text: txt });
  const j = verdict.jurisdiction as string;

  if (j === 'unknown' || j === 'disputed') return result('missing', 'location-unknown', `The location is not established, so no transfer basis can be judged; declare where ${where === 'an unknown location' ? 'the endpoint' : where} is.`);
  if (j === 'adequate') {
    const act = decision?.act ?? null;
    if (baseOutcome === 'manual') return result('covered-needs-review', 'needs-person', `Adequacy decision ${act ?? ''} for ${where}; a person must confirm it applies to this exporter.`.replace('  ', ' '), { mechanism: 'art45', act });
    return result('covered', 'adequacy', `Covered by the adequacy decision ${act ?? ''} for ${where} (GDPR Art. 45).`.replace('  ', ' '), { mechanism: 'art45', act });
  }
  if (!d) {
    if (base.basisText) return result('covered-needs-review', 'free-text', `The residency config names the basis “${base.basisText}” as free text: verify it is in place and covers this flow (declare it as transfer: { mechanism, module, document, tiaDate } to have it judged).`);
    if (j === 'adequate-partial') return result('missing', 'not-declared-partial', `${where} has an adequacy decision only for some recipients (${decision?.act ?? 'see the finding'}); no basis is declared for this recipient.`, { act: decision?.act ?? null });
    return result('missing', 'not-declared', `${where} has no adequacy decision and no transfer basis is declared.`);
  }
  const needTia = (reasonOk: TransferReason, what: string): TransferAssessment => {
    if (d.mechanism === 'scc' && !d.module) return result('covered-needs-review', 'no-module', `${what} are declared without a module: name the module (1-4) the signed clauses use, and keep them with the pack.`);
    if (!d.tiaDate) return result('covered-needs-review', 'no-tia', `${what} are declared without a transfer impact assessment date: after Schrems II (C-311/18) they cover the transfer only with a documented TIA (EDPB Recommendations 01/2020).`);
    return result('covered', reasonOk, `Covered by ${what} with a transfer impact assessment of ${d.tiaDate}${d.document ? ` (${d.document})` : ''}, on condition that the signed clauses and the TIA are kept with this pack and the TIA is re-assessed when the law or the recipient changes.`);
  };
  switch (d.mechanism) {
    case 'scc':
      return needTia('scc-with-tia', mechanismText('scc', base));
    case 'bcr':
      return needTia('bcr-with-tia', 'binding corporate rules (GDPR Art. 47)');
    case 'art49':
      return result('covered-needs-review', 'art49-exceptional', `An Art. 49 derogation${d.derogation ? ` (${d.derogation})` : ''} is declared: derogations cover only occasional, non-repetitive transfers, not routine hosting or logging; a person must confirm this flow qualifies.`);
    case 'dpf':
      if (verdict.country !== 'US') return result('missing', 'dpf-not-us', `The EU–US Data Privacy Framework is declared, but it covers only organisations in the United States, and this endpoint is in ${where}.`);
      if (!d.document) return result('covered-needs-review', 'no-document', 'The EU–US Data Privacy Framework is declared without a document: record the recipient’s DPF List entry (organisation and covered data) it relies on.', { act: decision?.act ?? null });
      return result('covered', 'dpf-certified', `Covered by the EU–US Data Privacy Framework (${decision?.act ?? '(EU) 2023/1795'}) for a certified recipient (${d.document}), on condition that the recipient stays on the DPF List for this data; while the framework is challenged, SCCs with a TIA are the fallback.`, { act: decision?.act ?? '(EU) 2023/1795' });
    case 'art45':
      if (j === 'adequate-partial') {
        if (!d.document) return result('covered-needs-review', 'no-document', `An adequacy decision is declared for ${where}, whose decision covers only some recipients: record the document showing this recipient is within its scope.`, { act: decision?.act ?? null });
        return result('covered', 'adequacy-in-scope', `Covered by the adequacy decision ${decision?.act ?? ''} for ${where}, on condition that the recipient is within its scope (${d.document}).`.replace('  ', ' '), { act: decision?.act ?? null });
      }
      return result('missing', 'no-adequacy', `An adequacy decision (Art. 45) is declared, but ${where} has none in the jurisdiction table.`);
  }
}

/**
 * The outcome rule for a declared basis: a transfer that is covered passes (with its condition stated),
 * one that needs review is for a person, and a basis that cannot cover the destination fails.
 * Returns null when the basis does not change decide.ts's outcome.
 */
export function transferOutcome(a: TransferAssessment, where: string): TransferOutcome | null {
  // Adequacy and unknown locations are decided without a basis; nothing declared leaves decide.ts's outcome.
  if (a.reason === 'adequacy' || a.reason === 'needs-person' || a.reason === 'location-unknown') return null;
  if (a.mechanism === 'none' && !a.basisText) return null;
  if (a.status === 'covered') return { outcome: 'pass', why: `${where}: pass with condition. ${a.text}` };
  if (a.status === 'covered-needs-review') return { outcome: 'manual', why: `${where}: ${a.text}`, remediation: 'Complete the declaration in the residency config (endpoints[].transfer: mechanism, module, document, tiaDate) and keep the signed documents with the audit pack.' };
  return { outcome: 'fail', why: `${where}: ${a.text}`, remediation: 'Declare a basis that covers this destination (SCCs (EU) 2021/914 with a transfer impact assessment, or BCRs), or move the endpoint into the EEA or an adequate country.' };
}
