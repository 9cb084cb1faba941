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
import type { LocalText } from '../findings/types';
import { countryNames, type JurisdictionVerdict } from './jurisdiction';

export const TRANSFER_MECHANISMS = ['art45', 'dpf', 'scc', 'bcr', 'art49'] as const;
export type DeclaredMechanism = (typeof TRANSFER_MECHANISMS)[number];
/** `none`: nothing declared, or nothing that can cover this destination. */
export type TransferMechanism = DeclaredMechanism | 'none';

/** SCC modules of Implementing Decision (EU) 2021/914. */
export const SCC_MODULES = ['1', '2', '3', '4'] as const;
export type SccModule = (typeof SCC_MODULES)[number];
/** Module number → the parties it is for. */
export const SCC_MODULE_PARTIES: Record<SccModule, string> = { '1': 'controller to controller', '2': 'controller to processor', '3': 'processor to processor', '4': 'processor to controller' };
const SCC_MODULE_PARTIES_NB: Record<SccModule, string> = {
  '1': 'behandlingsansvarlig til behandlingsansvarlig',
  '2': 'behandlingsansvarlig til databehandler',
  '3': 'databehandler til databehandler',
  '4': 'databehandler til behandlingsansvarlig',
};

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
  /** The record's `text` in every pack language (`text` is its English). */
  sentence: LocalText;
}

/** The outcome rule's result: replaces decide.ts's outcome when a transfer basis decides it. */
export interface TransferOutcome {
  outcome: 'pass' | 'fail' | 'manual';
  why: LocalText;
  remediation?: LocalText;
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

/** mechanismText in bokmål. */
function mechanismTextNb(m: TransferMechanism, a: Pick<TransferAssessment, 'module' | 'act' | 'derogation'>): string {
  switch (m) {
    case 'art45':
      return `beslutning om tilstrekkelig beskyttelsesnivå${a.act ? ` ${a.act}` : ''} (GDPR art. 45)`;
    case 'dpf':
      return `EU–US Data Privacy Framework${a.act ? ` (${a.act})` : ''}, for sertifiserte virksomheter`;
    case 'scc':
      return `standard personvernbestemmelser (EU) 2021/914${a.module ? `, modul ${a.module} (${SCC_MODULE_PARTIES_NB[a.module]})` : ''}`;
    case 'bcr':
      return 'bindende virksomhetsregler (GDPR art. 47)';
    case 'art49':
      return `et unntak etter art. 49 nr. 1${a.derogation && a.derogation.length === 1 ? ` bokstav ${a.derogation}` : ''}`;
    case 'none':
      return 'ingen';
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
  const where: LocalText = verdict.country
    ? { en: `${verdict.countryName ?? verdict.country} (${verdict.country})`, nb: `${countryNames(verdict.country).nb} (${verdict.country})` }
    : { en: 'an unknown location', nb: 'et ukjent sted' };
  const result = (status: TransferStatus, reason: TransferReason, txt: LocalText, over: Partial<typeof base> = {}): TransferAssessment => ({ ...base, ...over, status, reason, text: txt.en, sentence: txt });
  const j = verdict.jurisdiction as string;
  const act = decision?.act ?? null;
  const sp = (x: string) => x.replace('  ', ' ');

  if (j === 'unknown' || j === 'disputed') {
    return result('missing', 'location-unknown', {
      en: `The location is not established, so no transfer basis can be judged; declare where ${verdict.country ? where.en : 'the endpoint'} is.`,
      nb: `Plasseringen er ikke fastslått, så ingen overføringsgrunnlag kan vurderes; oppgi hvor ${verdict.country ? where.nb : 'endepunktet'} er.`,
    });
  }
  if (j === 'adequate') {
    if (baseOutcome === 'manual') {
      return result('covered-needs-review', 'needs-person', {
        en: sp(`Adequacy decision ${act ?? ''} for ${where.en}; a person must confirm it applies to this exporter.`),
        nb: sp(`Beslutning om tilstrekkelig beskyttelsesnivå ${act ?? ''} for ${where.nb}; en person må bekrefte at den gjelder for denne dataeksportøren.`),
      }, { mechanism: 'art45', act });
    }
    return result('covered', 'adequacy', {
      en: sp(`Covered by the adequacy decision ${act ?? ''} for ${where.en} (GDPR Art. 45).`),
      nb: sp(`Dekket av beslutningen om tilstrekkelig beskyttelsesnivå ${act ?? ''} for ${where.nb} (GDPR art. 45).`),
    }, { mechanism: 'art45', act });
  }
  if (!d) {
    if (base.basisText) {
      return result('covered-needs-review', 'free-text', {
        en: `The residency config names the basis “${base.basisText}” as free text: verify it is in place and covers this flow (declare it as transfer: { mechanism, module, document, tiaDate } to have it judged).`,
        nb: `Residency-konfigurasjonen oppgir grunnlaget «${base.basisText}» som fritekst: kontroller at det er på plass og dekker denne dataflyten (oppgi det som transfer: { mechanism, module, document, tiaDate } for å få det vurdert).`,
      });
    }
    if (j === 'adequate-partial') {
      return result('missing', 'not-declared-partial', {
        en: `${where.en} has an adequacy decision only for some recipients (${act ?? 'see the finding'}); no basis is declared for this recipient.`,
        nb: `${where.nb} har en beslutning om tilstrekkelig beskyttelsesnivå bare for noen mottakere (${act ?? 'se funnet'}); det er ikke oppgitt noe grunnlag for denne mottakeren.`,
      }, { act });
    }
    return result('missing', 'not-declared', {
      en: `${where.en} has no adequacy decision and no transfer basis is declared.`,
      nb: `${where.nb} har ingen beslutning om tilstrekkelig beskyttelsesnivå, og det er ikke oppgitt noe overføringsgrunnlag.`,
    });
  }
  const needTia = (reasonOk: TransferReason, what: LocalText): TransferAssessment => {
    if (d.mechanism === 'scc' && !d.module) {
      return result('covered-needs-review', 'no-module', {
        en: `${what.en} are declared without a module: name the module (1-4) the signed clauses use, and keep them with the pack.`,
        nb: `${what.nb} er oppgitt uten modul: oppgi modulen (1–4) de signerte bestemmelsene bruker, og legg dem ved pakken.`,
      });
    }
    if (!d.tiaDate) {
      return result('covered-needs-review', 'no-tia', {
        en: `${what.en} are declared without a transfer impact assessment date: after Schrems II (C-311/18) they cover the transfer only with a documented TIA (EDPB Recommendations 01/2020).`,
        nb: `${what.nb} er oppgitt uten dato for vurdering av overføringen: etter Schrems II (C-311/18) dekker de overføringen bare med en dokumentert TIA (EDPB-anbefaling 01/2020).`,
      });
    }
    const doc = d.document ? ` (${d.document})` : '';
    return result('covered', reasonOk, {
      en: `Covered by ${what.en} with a transfer impact assessment of ${d.tiaDate}${doc}, on condition that the signed clauses and the TIA are kept with this pack and the TIA is re-assessed when the law or the recipient changes.`,
      nb: `Dekket av ${what.nb} med en vurdering av overføringen datert ${d.tiaDate}${doc}, på vilkår av at de signerte bestemmelsene og TIA-en oppbevares sammen med denne pakken, og at TIA-en vurderes på nytt når lovverket eller mottakeren endres.`,
    });
  };
  switch (d.mechanism) {
    case 'scc':
      return needTia('scc-with-tia', { en: mechanismText('scc', base), nb: mechanismTextNb('scc', base) });
    case 'bcr':
      return needTia('bcr-with-tia', { en: 'binding corporate rules (GDPR Art. 47)', nb: 'bindende virksomhetsregler (GDPR art. 47)' });
    case 'art49': {
      const which = d.derogation ? ` (${d.derogation})` : '';
      return result('covered-needs-review', 'art49-exceptional', {
        en: `An Art. 49 derogation${which} is declared: derogations cover only occasional, non-repetitive transfers, not routine hosting or logging; a person must confirm this flow qualifies.`,
        nb: `Et unntak etter art. 49${which} er oppgitt: unntakene dekker bare enkeltstående overføringer som ikke gjentas, ikke fast drift eller logging; en person må bekrefte at denne dataflyten oppfyller vilkårene.`,
      });
    }
    case 'dpf':
      if (verdict.country !== 'US') {
        return result('missing', 'dpf-not-us', {
          en: `The EU–US Data Privacy Framework is declared, but it covers only organisations in the United States, and this endpoint is in ${where.en}.`,
          nb: `EU–US Data Privacy Framework er oppgitt, men det dekker bare virksomheter i USA, og dette endepunktet er i ${where.nb}.`,
        });
      }
      if (!d.document) {
        return result('covered-needs-review', 'no-document', {
          en: 'The EU–US Data Privacy Framework is declared without a document: record the recipient’s DPF List entry (organisation and covered data) it relies on.',
          nb: 'EU–US Data Privacy Framework er oppgitt uten dokument: før inn mottakerens oppføring på DPF-listen (virksomhet og omfattede opplysninger) som grunnlaget bygger på.',
        }, { act });
      }
      return result('covered', 'dpf-certified', {
        en: `Covered by the EU–US Data Privacy Framework (${act ?? '(EU) 2023/1795'}) for a certified recipient (${d.document}), on condition that the recipient stays on the DPF List for this data; while the framework is challenged, SCCs with a TIA are the fallback.`,
        nb: `Dekket av EU–US Data Privacy Framework (${act ?? '(EU) 2023/1795'}) for en sertifisert mottaker (${d.document}), på vilkår av at mottakeren blir stående på DPF-listen for disse opplysningene; så lenge rammeverket er omstridt, er standard personvernbestemmelser med TIA reserveløsningen.`,
      }, { act: act ?? '(EU) 2023/1795' });
    case 'art45':
      if (j === 'adequate-partial') {
        if (!d.document) {
          return result('covered-needs-review', 'no-document', {
            en: `An adequacy decision is declared for ${where.en}, whose decision covers only some recipients: record the document showing this recipient is within its scope.`,
            nb: `En beslutning om tilstrekkelig beskyttelsesnivå er oppgitt for ${where.nb}, men beslutningen dekker bare noen mottakere: før inn dokumentet som viser at denne mottakeren er innenfor virkeområdet.`,
          }, { act });
        }
        return result('covered', 'adequacy-in-scope', {
          en: sp(`Covered by the adequacy decision ${act ?? ''} for ${where.en}, on condition that the recipient is within its scope (${d.document}).`),
          nb: sp(`Dekket av beslutningen om tilstrekkelig beskyttelsesnivå ${act ?? ''} for ${where.nb}, på vilkår av at mottakeren er innenfor virkeområdet (${d.document}).`),
        }, { act });
      }
      return result('missing', 'no-adequacy', {
        en: `An adequacy decision (Art. 45) is declared, but ${where.en} has none in the jurisdiction table.`,
        nb: `En beslutning om tilstrekkelig beskyttelsesnivå (art. 45) er oppgitt, men ${where.nb} har ingen i jurisdiksjonstabellen.`,
      });
  }
}

/**
 * The outcome rule for a declared basis: a transfer that is covered passes (with its condition stated),
 * one that needs review is for a person, and a basis that cannot cover the destination fails.
 * Returns null when the basis does not change decide.ts's outcome.
 */
export function transferOutcome(a: TransferAssessment, where: LocalText): TransferOutcome | null {
  // Adequacy and unknown locations are decided without a basis; nothing declared leaves decide.ts's outcome.
  if (a.reason === 'adequacy' || a.reason === 'needs-person' || a.reason === 'location-unknown') return null;
  if (a.mechanism === 'none' && !a.basisText) return null;
  const t = a.sentence;
  if (a.status === 'covered') return { outcome: 'pass', why: { en: `${where.en}: pass with condition. ${t.en}`, nb: `${where.nb}: godkjent med vilkår. ${t.nb}` } };
  if (a.status === 'covered-needs-review') {
    return {
      outcome: 'manual',
      why: { en: `${where.en}: ${t.en}`, nb: `${where.nb}: ${t.nb}` },
      remediation: {
        en: 'Complete the declaration in the residency config (endpoints[].transfer: mechanism, module, document, tiaDate) and keep the signed documents with the audit pack.',
        nb: 'Fullfør opplysningene i residency-konfigurasjonen (endpoints[].transfer: mechanism, module, document, tiaDate) og legg de signerte dokumentene ved revisjonspakken.',
      },
    };
  }
  return {
    outcome: 'fail',
    why: { en: `${where.en}: ${t.en}`, nb: `${where.nb}: ${t.nb}` },
    remediation: {
      en: 'Declare a basis that covers this destination (SCCs (EU) 2021/914 with a transfer impact assessment, or BCRs), or move the endpoint into the EEA or an adequate country.',
      nb: 'Oppgi et grunnlag som dekker dette mottakerstedet (standard personvernbestemmelser (EU) 2021/914 med en vurdering av overføringen, eller bindende virksomhetsregler), eller flytt endepunktet til EØS eller et land med tilstrekkelig beskyttelsesnivå.',
    },
  };
}
