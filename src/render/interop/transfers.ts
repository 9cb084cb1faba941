/**
 * The transfer register as rows for the Transfer register sheet of findings.xlsx: every destination
 * outside the EEA or of unknown location. Read from `findings.residency.transfers` when the findings
 * have one; from the endpoint register (`residency.endpoints`) of findings that predate it; no rows
 * without residency decisions. Read defensively: any field may be missing in a given findings.json.
 */
import type { FindingsDocument } from '../../findings/types';
import type { Translate } from '../../i18n';
import { fit } from './findings-table';

export interface TransferRow {
  endpoint: string;
  containers: string;
  foundIn: string;
  kinds: string;
  country: string;
  jurisdiction: string;
  mechanism: string;
  details: string;
  document: string;
  tia: string;
  status: string;
  why: string;
  outcome: string;
  findings: string;
}

export const TRANSFER_COLUMNS: readonly { key: keyof TransferRow; width: number }[] = [
  { key: 'endpoint', width: 40 },
  { key: 'containers', width: 30 },
  { key: 'foundIn', width: 40 },
  { key: 'kinds', width: 14 },
  { key: 'country', width: 9 },
  { key: 'jurisdiction', width: 22 },
  { key: 'mechanism', width: 30 },
  { key: 'details', width: 20 },
  { key: 'document', width: 30 },
  { key: 'tia', width: 14 },
  { key: 'status', width: 18 },
  { key: 'why', width: 60 },
  { key: 'outcome', width: 12 },
  { key: 'findings', width: 24 },
];

/** Inside the EEA or on the host's own networks: not a transfer under GDPR Chapter V. */
const NOT_A_TRANSFER = new Set(['eea', 'eea-special', 'internal']);

type Loose = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(str).filter(Boolean) : []);
const obj = (v: unknown): Loose | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : null);

function translated(t: Translate, key: string, raw: string): string {
  if (!raw) return '';
  const text = t(key as Parameters<Translate>[0]);
  return text === key ? raw : text;
}

function fromTransfer(row: Loose, t: Translate): TransferRow {
  const tr = obj(row.transfer) ?? {};
  const mechanism = str(tr.mechanism);
  const details = [str(tr.module) && `SCC module ${str(tr.module)}`, str(tr.derogation) && `Art. 49(1)(${str(tr.derogation)})`, str(tr.act)].filter(Boolean).join('; ');
  return {
    endpoint: str(row.display) || str(row.endpoint),
    containers: list(row.containers).join('\n'),
    foundIn: list(row.objects).join('\n'),
    kinds: list(row.kinds).join(', '),
    country: str(row.country),
    jurisdiction: translated(t, `jurisdiction.${str(row.jurisdiction)}`, str(row.jurisdiction)),
    mechanism: mechanism ? translated(t, `interop.mechanism.${mechanism}`, mechanism) : str(tr.basisText),
    details,
    document: str(tr.document),
    tia: str(tr.tiaDate),
    status: translated(t, `interop.status.${str(tr.status)}`, str(tr.status)),
    why: fit([str(tr.text), str(tr.note)].filter(Boolean).join(' ')),
    outcome: translated(t, `outcome.${str(row.outcome)}`, str(row.outcome)),
    findings: list(row.findings).join(' '),
  };
}

function fromEndpoint(e: Loose, t: Translate): TransferRow {
  return {
    endpoint: str(e.display) || str(e.id),
    containers: '',
    foundIn: list(e.foundIn).join('\n'),
    kinds: list(e.kinds).join(', '),
    country: str(e.country),
    jurisdiction: translated(t, `jurisdiction.${str(e.jurisdiction)}`, str(e.jurisdiction)),
    mechanism: str(e.transferBasis),
    details: '',
    document: '',
    tia: '',
    status: '',
    why: fit(str(e.decision)),
    outcome: translated(t, `outcome.${str(e.outcome)}`, str(e.outcome)),
    findings: list(e.findings).join(' '),
  };
}

export function transferRows(doc: FindingsDocument, t: Translate): TransferRow[] {
  const residency = obj(doc.residency);
  if (!residency) return [];
  if (Array.isArray(residency.transfers)) return residency.transfers.map(obj).filter((r): r is Loose => r !== null).map((r) => fromTransfer(r, t));
  const endpoints = Array.isArray(residency.endpoints) ? residency.endpoints.map(obj).filter((e): e is Loose => e !== null) : [];
  return endpoints.filter((e) => !NOT_A_TRANSFER.has(str(e.jurisdiction))).map((e) => fromEndpoint(e, t));
}
