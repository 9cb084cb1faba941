/**
 * The residency decisions of a run as recorded in findings.json (`residency`): the host's location,
 * one row per endpoint with its jurisdiction and the basis of that decision, and the Chapter V summary
 * in every pack language. Decided once, at evaluation; the pack only prints it.
 */
import type { LocalText, Outcome } from './types';

export type JurisdictionKey = 'eea' | 'eea-special' | 'adequate' | 'adequate-partial' | 'outside-eea-agreement' | 'third-country' | 'internal' | 'disputed' | 'unknown';
export const JURISDICTION_KEYS: readonly JurisdictionKey[] = ['eea', 'eea-special', 'adequate', 'adequate-partial', 'outside-eea-agreement', 'third-country', 'internal', 'disputed', 'unknown'];

export interface EndpointRecord {
  /** The endpoint id, also the finding target id. */
  id: string;
  /** As a reader writes it: `postgres://db.example.com:5432`. */
  display: string;
  kinds: string[];
  /** `container web: Env DATABASE_URL`, one per place found. */
  foundIn: string[];
  addresses: { ip: string; range: string; internal: boolean; country: string | null }[];
  resolution: { method: string; error: string | null };
  country: string | null;
  jurisdiction: JurisdictionKey;
  /** Where the location came from: declared, provider-region, host, geolocation, none. */
  basis: string;
  declared: boolean;
  provider: { name: string; parent: string | null; parentCountry: string | null } | null;
  providerRegion: { provider: string; region: string; country: string } | null;
  transferBasis: string | null;
  /** How the summary, the chart and the register count this endpoint (internal endpoints are `internal`, EU territories inside the EEA `eea`). */
  group: JurisdictionKey;
  /** The Chapter V basis, for a destination outside the EEA or of unknown location; null inside. */
  transfer: TransferRecord | null;
  /** The decision text (English) behind the outcome. */
  decision: string;
  /** Outcome as decided, before waivers. */
  outcome: Exclude<Outcome, 'waived' | 'attested'>;
  /** Ids of the findings about this endpoint. */
  findings: string[];
}

export type TransferMechanism = 'art45' | 'dpf' | 'scc' | 'bcr' | 'art49' | 'none';
export type TransferStatus = 'covered' | 'covered-needs-review' | 'missing';
export const TRANSFER_STATUSES: readonly TransferStatus[] = ['covered', 'covered-needs-review', 'missing'];

/** The legal basis of one transfer as decided (src/residency/transfer.ts). */
export interface TransferRecord {
  mechanism: TransferMechanism;
  /** SCC module 1-4 (1 controller→controller, 2 controller→processor, 3 processor→processor, 4 processor→controller). */
  module: string | null;
  /** Art. 49(1) derogation letter. */
  derogation: string | null;
  /** Adequacy decision act number (Art. 45, DPF). */
  act: string | null;
  /** The document declared in the config (DPA annex, SCC reference, DPF List entry, BCR approval). */
  document: string | null;
  /** Date of the transfer impact assessment declared in the config. */
  tiaDate: string | null;
  note: string | null;
  /** The older free-text `transferBasis`, when that is what the config gives. */
  basisText: string | null;
  status: TransferStatus;
  /** Why: adequacy, scc-with-tia, no-tia, not-declared, ... (translated by the pack). */
  reason: string;
  /** The same in one English sentence, with its condition. */
  text: string;
}

/** One row of the transfer register: a destination outside the EEA or of unknown location. */
export interface TransferRegisterRow {
  /** The endpoint id (also the finding target id). */
  endpoint: string;
  display: string;
  /** Containers that send to it (from the container configuration). */
  containers: string[];
  /** Other objects it was found in: `volume reports-cifs`, `host /etc/resolv.conf`. */
  objects: string[];
  kinds: string[];
  country: string | null;
  jurisdiction: JurisdictionKey;
  transfer: TransferRecord;
  /** The endpoint finding's outcome (before waivers). */
  outcome: Exclude<Outcome, 'waived' | 'attested'>;
  findings: string[];
}

export interface ResidencyRecord {
  host: { country: string | null; basis: string; detail: string };
  endpoints: EndpointRecord[];
  /** The plain-language GDPR Chapter V summary, one string per paragraph. */
  summary: { en: string[]; nb: string[] };
  /**
   * The transfer register: every endpoint outside the EEA or of unknown location, in register order
   * (missing first, then needing review, then covered). Host addresses are not data flows.
   */
  transfers: TransferRegisterRow[];
  /** Endpoints per jurisdiction, as the summary, chart and register count them (internal endpoints grouped as internal). */
  groups: { jurisdiction: JurisdictionKey; endpoints: string[]; countries: string[] }[];
  /**
   * Which residency config the decisions used: the audit config's, the one recorded with the evidence
   * at collection (file and hash), or the defaults; and whether the audit config's differs from the recorded one.
   */
  config: { source: 'audit-config' | 'collection' | 'default'; file: string | null; sha256: string | null; differsFromCollection: boolean };
  /** The geolocation sources as the evidence recorded them. */
  geolocation: unknown;
  resolver: { mode: string | null };
  /** Why the residency decisions could not be made from evidence that is present (malformed evidence). */
  error: LocalText | null;
}
