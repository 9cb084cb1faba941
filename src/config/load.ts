import { InputError } from '../errors';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Waiver } from '../findings/types';
import { normalizeResidencyConfig } from '../residency/config';
import { benchmarkById, UnknownBenchmarkError } from '../frameworks/benchmarks';

/** The audit configuration (`--config FILE`, YAML or JSON). Copied into the pack as config.json so `report` re-decides the same way. */
export interface AuditConfig {
  organisation?: string;
  period?: string;
  preparedBy?: string;
  /**
   * Benchmark version the CIS checks are numbered and judged by (`cis-docker-1.8.0`, `1.6.0`); default the
   * tool's. Waiver control ids (`cis-2.7`) are read in this numbering, whatever `--benchmark` a run uses.
   */
  benchmark?: string;
  /** Accepted risks: each with justification, approver and expiry (shown in the pack). */
  waivers?: Waiver[];
  /** Residency settings (allowed jurisdictions, declared endpoint locations, providers); validated by the residency checks. */
  residency?: Record<string, unknown>;
}

const TOP_KEYS = new Set(['organisation', 'period', 'preparedBy', 'benchmark', 'waivers', 'residency']);

export class ConfigFileError extends InputError {}

export function parseConfig(text: string, source: string): AuditConfig {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new ConfigFileError(`${source}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new ConfigFileError(`${source}: expected a mapping at the top level`);
  const o = doc as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!TOP_KEYS.has(k)) throw new ConfigFileError(`${source}: unknown key "${k}" (allowed: ${[...TOP_KEYS].join(', ')})`);
  }
  for (const k of ['organisation', 'period', 'preparedBy', 'benchmark'] as const) {
    if (o[k] !== undefined && typeof o[k] !== 'string') throw new ConfigFileError(`${source}: "${k}" must be a string`);
  }
  if (typeof o.benchmark === 'string') {
    try {
      benchmarkById(o.benchmark);
    } catch (err) {
      if (err instanceof UnknownBenchmarkError) throw new ConfigFileError(`${source}: "benchmark": ${err.message}`);
      throw err;
    }
  }
  if (o.residency !== undefined && (typeof o.residency !== 'object' || o.residency === null || Array.isArray(o.residency))) {
    throw new ConfigFileError(`${source}: "residency" must be a mapping`);
  }
  if (o.residency !== undefined) {
    // Validated now so a typo fails the run before anything is collected (the checks re-validate offline).
    try {
      normalizeResidencyConfig(o.residency, source);
    } catch (err) {
      throw new ConfigFileError((err as Error).message);
    }
  }
  const waivers = o.waivers === undefined ? undefined : parseWaivers(o.waivers, source);
  return {
    ...(o.organisation !== undefined ? { organisation: o.organisation as string } : {}),
    ...(o.period !== undefined ? { period: o.period as string } : {}),
    ...(o.preparedBy !== undefined ? { preparedBy: o.preparedBy as string } : {}),
    ...(o.benchmark !== undefined ? { benchmark: o.benchmark as string } : {}),
    ...(waivers ? { waivers } : {}),
    ...(o.residency ? { residency: o.residency as Record<string, unknown> } : {}),
  };
}

function parseWaivers(v: unknown, source: string): Waiver[] {
  if (!Array.isArray(v)) throw new ConfigFileError(`${source}: "waivers" must be a list`);
  return v.map((w, i) => {
    const where = `${source}: waivers[${i}]`;
    if (!w || typeof w !== 'object') throw new ConfigFileError(`${where} must be a mapping`);
    const o = w as Record<string, unknown>;
    for (const k of ['control', 'justification', 'approvedBy', 'expires'] as const) {
      if (typeof o[k] !== 'string' && !(k === 'expires' && o[k] instanceof Date)) throw new ConfigFileError(`${where}: "${k}" is required (a string)`);
    }
    const expires = o.expires instanceof Date ? o.expires.toISOString().slice(0, 10) : (o.expires as string);
    if (Number.isNaN(Date.parse(expires))) throw new ConfigFileError(`${where}: "expires" is not a date: ${expires}`);
    if (o.target !== undefined && typeof o.target !== 'string') throw new ConfigFileError(`${where}: "target" must be a string`);
    return {
      control: o.control as string,
      justification: o.justification as string,
      approvedBy: o.approvedBy as string,
      expires,
      ...(o.target !== undefined ? { target: o.target as string } : {}),
    };
  });
}

export function loadConfigFile(file: string): AuditConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigFileError(`cannot read config file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return parseConfig(text, file);
}
