import { InputError } from '../errors';
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { checkConfigLimits, ConfigLimitError } from './limits';
import type { Signoff, SignoffPerson, Waiver } from '../findings/types';
import { normalizeResidencyConfig } from '../residency/config';
import { benchmarkById, UnknownBenchmarkError } from '../frameworks/benchmarks';
import { yaml } from './yaml';

export type { Signoff, SignoffPerson };

export const SIGNOFF_ROLES = ['preparedBy', 'reviewedBy', 'approvedBy', 'dpo'] as const;

/** The audit configuration (`--config FILE`, YAML or JSON). Copied into the pack as config.json so `report` re-decides the same way. */
export interface AuditConfig {
  organisation?: string;
  period?: string;
  preparedBy?: string;
  /** Names and roles for the sign-off page (recorded in findings.json run.config.signoff). */
  signoff?: Signoff;
  /**
   * Benchmark version the CIS checks are numbered and judged by (`cis-docker-1.8.0`, `1.6.0`); default the
   * tool's. Waiver control ids (`cis-2.7`) are read in this numbering, whatever `--benchmark` a run uses.
   */
  benchmark?: string;
  /** Accepted risks: each with justification, approver and expiry (shown in the pack). */
  waivers?: Waiver[];
  /** Residency settings (allowed jurisdictions, declared endpoint locations, providers); validated by the residency checks. */
  residency?: Record<string, unknown>;
  /** Network exposure settings: ports that are meant to be reachable from public addresses. */
  network?: NetworkConfig;
}

export interface NetworkConfig {
  /** Published ports that are public on purpose: `{ container: name or id, port: host port, proto?: tcp|udp }`. */
  publicPorts?: { container: string; port: number; proto?: 'tcp' | 'udp' | 'sctp' }[];
}

const TOP_KEYS = new Set(['organisation', 'period', 'preparedBy', 'signoff', 'benchmark', 'waivers', 'residency', 'network']);

export class ConfigFileError extends InputError {}

export function parseConfig(text: string, source: string): AuditConfig {
  let doc: unknown;
  try {
    doc = yaml().parse(text);
  } catch (err) {
    throw new ConfigFileError(`${source}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new ConfigFileError(`${source}: expected a mapping at the top level`);
  // Lengths first: a 5 MB organisation name fails here, not after minutes of PDF layout.
  try {
    checkConfigLimits(doc, source);
  } catch (err) {
    if (err instanceof ConfigLimitError) throw new ConfigFileError(err.message);
    throw err;
  }
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
  const signoff = o.signoff === undefined || o.signoff === null ? undefined : parseSignoff(o.signoff, source);
  const network = o.network === undefined ? undefined : parseNetwork(o.network, source);
  return {
    ...(o.organisation !== undefined ? { organisation: o.organisation as string } : {}),
    ...(o.period !== undefined ? { period: o.period as string } : {}),
    ...(o.preparedBy !== undefined ? { preparedBy: o.preparedBy as string } : {}),
    ...(signoff ? { signoff } : {}),
    ...(o.benchmark !== undefined ? { benchmark: o.benchmark as string } : {}),
    ...(waivers ? { waivers } : {}),
    ...(o.residency ? { residency: o.residency as Record<string, unknown> } : {}),
    ...(network ? { network } : {}),
  };
}

function parseSignoff(v: unknown, source: string): Signoff {
  if (typeof v !== 'object' || Array.isArray(v)) throw new ConfigFileError(`${source}: "signoff" must be a mapping of ${SIGNOFF_ROLES.join(', ')}`);
  const out: Signoff = {};
  for (const [k, p] of Object.entries(v as Record<string, unknown>)) {
    if (!(SIGNOFF_ROLES as readonly string[]).includes(k)) throw new ConfigFileError(`${source}: signoff: unknown key "${k}" (allowed: ${SIGNOFF_ROLES.join(', ')})`);
    const where = `${source}: signoff.${k}`;
    // A bare string is a name without a role.
    const person = typeof p === 'string' ? { name: p } : p;
    if (!person || typeof person !== 'object' || Array.isArray(person)) throw new ConfigFileError(`${where} must be { name, role } or a name`);
    const o = person as Record<string, unknown>;
    for (const key of Object.keys(o)) if (key !== 'name' && key !== 'role') throw new ConfigFileError(`${where}: unknown key "${key}" (allowed: name, role)`);
    if (typeof o.name !== 'string' || !o.name.trim()) throw new ConfigFileError(`${where}: "name" is required (a string)`);
    if (o.role !== undefined && (typeof o.role !== 'string' || !o.role.trim())) throw new ConfigFileError(`${where}: "role" must be a string`);
    out[k as (typeof SIGNOFF_ROLES)[number]] = { name: o.name.trim(), ...(typeof o.role === 'string' ? { role: o.role.trim() } : {}) };
  }
  return out;
}

function parseNetwork(v: unknown, source: string): NetworkConfig {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new ConfigFileError(`${source}: "network" must be a mapping`);
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (k !== 'publicPorts') throw new ConfigFileError(`${source}: unknown key "network.${k}" (allowed: publicPorts)`);
  if (o.publicPorts === undefined) return {};
  if (!Array.isArray(o.publicPorts)) throw new ConfigFileError(`${source}: "network.publicPorts" must be a list`);
  const publicPorts = o.publicPorts.map((e, i) => {
    const where = `${source}: network.publicPorts[${i}]`;
    if (!e || typeof e !== 'object' || Array.isArray(e)) throw new ConfigFileError(`${where} must be a mapping with container and port`);
    const p = e as Record<string, unknown>;
    for (const k of Object.keys(p)) if (!['container', 'port', 'proto'].includes(k)) throw new ConfigFileError(`${where}: unknown key "${k}" (allowed: container, port, proto)`);
    if (typeof p.container !== 'string' || !p.container.trim()) throw new ConfigFileError(`${where}: "container" is required (a container name or id)`);
    // "8080/tcp" is accepted as well as 8080.
    const m = /^(\d+)(?:\/(tcp|udp|sctp))?$/.exec(String(p.port ?? ''));
    const port = m ? Number(m[1]) : NaN;
    if (!m || port < 1 || port > 65535) throw new ConfigFileError(`${where}: "port" must be a host port number 1-65535 (e.g. 8080 or "8080/tcp"), got ${JSON.stringify(p.port)}`);
    const proto = (p.proto ?? m[2]) as string | undefined;
    if (proto !== undefined && !['tcp', 'udp', 'sctp'].includes(proto)) throw new ConfigFileError(`${where}: "proto" must be tcp, udp or sctp`);
    return { container: p.container.trim(), port, ...(proto ? { proto: proto as 'tcp' | 'udp' | 'sctp' } : {}) };
  });
  return { publicPorts };
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

/** Largest config file read (no real config comes near it). */
export const MAX_CONFIG_FILE_BYTES = 4 * 1024 * 1024;

export function loadConfigFile(file: string): AuditConfig {
  let text: string;
  let fd: number | undefined;
  try {
    // O_NONBLOCK: a FIFO given as the config must not block the run; it is refused below.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (!st.isFile()) throw new ConfigFileError(`config file ${file} is not a regular file (${st.isFIFO() ? 'a FIFO' : st.isDirectory() ? 'a folder' : 'a device or socket'}): refused`);
    if (st.size > MAX_CONFIG_FILE_BYTES) throw new ConfigFileError(`config file ${file} is ${st.size} bytes, over the limit of ${MAX_CONFIG_FILE_BYTES}: refused`);
    text = readFileSync(fd, 'utf8');
  } catch (err) {
    if (err instanceof ConfigFileError) throw err;
    throw new ConfigFileError(`cannot read config file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return parseConfig(text, file);
}
