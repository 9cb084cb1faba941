/**
 * The fleet pack's words in one language, from the i18n catalog (`fleet.*`, and the pack's `outcome.*`,
 * `severity.*`, `section.*`, `jurisdiction.*`, `status.*`, `storage.class.*`). Evidence values (host
 * names, reasons from the Docker task status, control ids, destinations, addresses) are printed as they are.
 */
import { CATALOGS, formatDecimal, formatInt, LOCALE, translator, type Lang, type MessageKey, type Translate } from '../../i18n';
import { FLEET_STORAGE_SKIP, type FleetHostRow } from '../../findings/fleet';
import type { Outcome } from '../../findings/types';
import { isoMinute } from '../format';

/** The outcomes a count line shows, worst first. */
export const SHOWN: Outcome[] = ['fail', 'error', 'warn', 'manual', 'pass'];
/** Every outcome, worst first (the in-browser filter and the fleet totals). */
export const RANKED: Outcome[] = ['fail', 'error', 'warn', 'manual', 'attested', 'waived', 'info', 'not-applicable', 'pass'];

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * src/fleet/summary.ts words the reasons a cell was not assessed, and the virtualization verdict, in
 * English (fleet-summary.json is machine-readable): the pack shows those it knows in its language, and
 * anything else (a collector's own error) as recorded.
 */
const NOT_ASSESSED: Record<string, MessageKey> = {
  'not assessed (engine API only)': 'fleet.na.engineApiOnly',
  'no virtualization evidence': 'fleet.na.noVirt',
  'no storage evidence': 'fleet.na.noStorage',
  'no target was measured': 'fleet.na.noTarget',
  'not collected': 'fleet.notCollected',
  [FLEET_STORAGE_SKIP]: 'fleet.na.fleetStorage',
};
/** The collection service's settings as src/fleet/service.ts names them in fleet.json. */
const SETTINGS: Record<string, MessageKey> = {
  'mode': 'fleet.setting.mode',
  'read-only root filesystem': 'fleet.setting.readOnlyRoot',
  'capabilities dropped': 'fleet.setting.capDrop',
  'capabilities added': 'fleet.setting.capAdd',
  'memory limit (bytes)': 'fleet.setting.memory',
  'CPU limit (nano CPUs)': 'fleet.setting.cpu',
  'PIDs limit': 'fleet.setting.pids',
  'host / mounted read-only at /host': 'fleet.setting.hostMount',
  'Docker socket mounted read-only': 'fleet.setting.socketMount',
  'health check (heartbeat younger than 30 s)': 'fleet.setting.health',
  'restart policy': 'fleet.setting.restart',
  'log driver': 'fleet.setting.logDriver',
};
const STATUSES = new Set(['ok', 'partial', 'failed', 'skipped', 'absent']);
const STATUS_REASON = /^(ok|partial|failed|skipped|absent): ([\s\S]*)$/;
/** `kvm VM` | `bare metal` | `machine kind unknown`, then ` on PROVIDER`, then `, inside LAYER › LAYER`. */
const VERDICT = /^(?:(.+) VM|(bare metal)|(machine kind unknown))(?: on (.+?))?(?:, inside (.+))?$/;

export class FleetText {
  readonly t: Translate;
  readonly locale: string;
  constructor(readonly lang: Lang) {
    this.t = translator(lang);
    this.locale = LOCALE[lang];
  }

  private has(key: string): key is MessageKey {
    return key in CATALOGS.en;
  }

  /** A catalog word for `prefix + id` when there is one, else the id as recorded. */
  private word(prefix: string, id: string): string {
    const key = `${prefix}${id}`;
    return this.has(key) ? this.t(key) : id;
  }

  outcome(o: string): string {
    return this.word('outcome.', o);
  }
  severity(s: string): string {
    return this.word('severity.', s);
  }
  /** A section's short name, for a table header (its full name, `section.*`, as the header's title). */
  section(s: string): string {
    return this.word('fleet.section.', s);
  }
  sectionName(s: string): string {
    return this.word('section.', s);
  }
  jurisdiction(j: string): string {
    return this.word('jurisdiction.', j);
  }
  status(s: string): string {
    return this.word('status.', s);
  }
  kernel(k: string): string {
    return this.word('fleet.kernel.', k);
  }

  /** A setting of the collection service by its name in the language; one this pack does not know, as recorded. */
  setting(key: string): string {
    const k = SETTINGS[key];
    return k ? this.t(k) : key;
  }

  int(n: number): string {
    return formatInt(this.lang, n);
  }
  /** A score 0–100 with the language's decimal sign; – when nothing was scored. */
  score(v: number | null | undefined): string {
    return v === null || v === undefined ? '–' : formatDecimal(this.lang, v);
  }
  /** The same minute in both languages (`2026-11-23 11:50 UTC`), as the single-host pack prints it. */
  when(iso: string): string {
    return isoMinute(iso);
  }

  /** `fail 3, warn 1` in the language; `none` when no shown outcome has a count. */
  counts(c: Partial<Record<Outcome, number>> | null | undefined, shown: readonly Outcome[] = SHOWN): string {
    if (!c) return '–';
    return shown.filter((o) => c[o]).map((o) => `${this.outcome(o)} ${this.int(c[o]!)}`).join(', ') || this.t('fleet.none');
  }

  notAssessed(reason: string): string {
    const key = NOT_ASSESSED[reason];
    if (key) return this.t(key);
    const m = STATUS_REASON.exec(reason);
    if (m && NOT_ASSESSED[m[2]]) return this.t(NOT_ASSESSED[m[2]]);
    return m ? `${this.status(m[1])}: ${m[2]}` : reason;
  }

  virt(v: FleetHostRow['virt']): string {
    if (v.notAssessed) return this.notAssessed(v.notAssessed);
    const m = VERDICT.exec(v.verdict ?? '');
    if (!m) return v.verdict ?? '';
    let s = m[1] !== undefined ? this.t('fleet.virt.vm', { vm: m[1] }) : m[2] ? this.t('fleet.virt.bareMetal') : this.t('fleet.virt.unknownMachine');
    if (m[4]) s = this.t('fleet.virt.on', { machine: s, provider: m[4] });
    if (m[5]) s = this.t('fleet.virt.inside', { machine: s, layers: m[5] });
    return s;
  }

  storage(st: FleetHostRow['storage']): string {
    if (st.notAssessed) return this.notAssessed(st.notAssessed);
    return st.class ? this.word('fleet.storage.', st.class) : (st.label ?? '');
  }

  /** `docker partial (reason)`: the collector's name and own error as recorded, its status in the language. */
  gap(g: FleetHostRow['gaps'][number]): string {
    const reason = STATUSES.has(g.reason) ? this.status(g.reason) : g.reason;
    return `${g.collector} ${this.status(g.status)} (${reason})`;
  }

  /** What the in-browser host parts print (FLEET_JS reads these from the embedded data). */
  scriptLabels(): Record<string, unknown> {
    const t = this.t;
    return {
      locale: this.locale,
      outcomes: Object.fromEntries(RANKED.map((o) => [o, this.outcome(o)])),
      noFindings: t('fleet.js.noFindings'),
      search: t('fleet.js.search'),
      every: t('fleet.js.every'),
      problems: (['fail', 'error', 'warn', 'manual'] as const).map((o) => this.outcome(o)).join(', '),
      columns: [t('fleet.col.control'), t('fleet.col.title'), t('fleet.col.severity'), t('fleet.col.outcomes'), t('fleet.col.targetsNotPassing')],
      showMore: t('fleet.js.showMore'),
      andMore: t('fleet.js.andMore'),
    };
  }
}

/**
 * A catalog message as HTML: its own words escaped, each `{name}` replaced by the HTML given for it
 * (already escaped by the caller), so markup can sit inside a translated sentence.
 */
export function fillHtml(ft: FleetText, key: MessageKey, html: Record<string, string>, esc: (v: unknown) => string): string {
  const message = ft.t(key);
  let out = '';
  let last = 0;
  for (const m of message.matchAll(PLACEHOLDER)) {
    out += esc(message.slice(last, m.index)) + (m[1] in html ? html[m[1]] : esc(m[0]));
    last = m.index! + m[0].length;
  }
  return out + esc(message.slice(last));
}
