import type { FileFact, HostEvidence } from '../../evidence/types/host';
import type { LocalText, Target } from '../../findings/types';
import { defineCheck } from '../define';
import { daemonTarget } from '../targets';
import type { AnyCheck, CheckMeta, CheckResult, Text } from '../types';
import { DAEMON_SETTINGS } from './container-check';
import { daemonSetting } from '../../domain/daemon-settings';
import { settingsGapText } from './setting-text';
import { AUDIT_MESSAGES, DAEMON_GAP_MESSAGES, FILE_MESSAGES, SELECTION_MESSAGES, WORDS } from './host-texts';

/** The daemon as a target, from host evidence (same id as `daemonTarget` from docker evidence). */
export function hostDaemonTarget(host: HostEvidence): Target {
  return daemonTarget(host.engineId, host.hostname);
}

export function fileTarget(f: FileFact): Target {
  return { kind: 'file', id: f.path, name: f.path };
}

export type HostMeta = Omit<CheckMeta<'host'>, 'requires'>;

type Messages = Readonly<Record<string, LocalText>>;

/** A check's own templates with those of the factory that runs it; a key in two sets is a bug, found at load. */
function withMessages(own: Messages | undefined, ...shared: Messages[]): Messages {
  const all: Record<string, LocalText> = {};
  for (const set of [...shared, own ?? {}]) {
    for (const [key, t] of Object.entries(set)) {
      if (key in all && all[key] !== t) throw new Error(`message template ${key} is defined twice`);
      all[key] = t;
    }
  }
  return all;
}

/**
 * Why the daemon's effective settings cannot be known, in every pack language (the cases of
 * `daemonSettingsGap`, which decides), or null when they can.
 */
export function daemonSettingsGapText(host: HostEvidence): LocalText | null {
  const reason = settingsGapText(host);
  return reason && DAEMON_GAP_MESSAGES('notEvaluated', { reason });
}

/** What a daemon-setting check concludes, before the target is attached. */
export type DaemonVerdict = Omit<CheckResult, 'target'>;

/**
 * A check on the daemon's effective configuration (command line + daemon.json + defaults).
 * When the daemon process or its config file cannot be read the result is `error`, never pass.
 * The verdict's message is a full sentence: a template's text (`m('key', {...})`), or (not yet
 * translated) an English string; the factory adds its own templates to the check's `messages`.
 */
export function daemonConfigCheck(meta: HostMeta & { judge(host: HostEvidence): DaemonVerdict }): AnyCheck {
  const { judge, ...rest } = meta;
  return defineCheck<'host'>({
    ...rest,
    messages: withMessages(rest.messages, DAEMON_GAP_MESSAGES.templates),
    requires: ['host'],
    evaluate: ({ host }) => {
      const target = hostDaemonTarget(host);
      const gap = daemonSettingsGapText(host);
      if (gap) return [{ outcome: 'error', target, message: gap, observed: { daemon: host.daemon?.pid ?? null, config: host.daemonConfig.path } }];
      return [{ decidedFrom: DAEMON_SETTINGS, ...judge(host), target }];
    },
  });
}

/** Observed value of a setting for a finding: value and where it came from. */
export function observedSetting(host: HostEvidence, name: string): { value: unknown; source: string } {
  const s = daemonSetting(host, name);
  return { value: s.value ?? null, source: s.where };
}

export type FileRule = { owner: 'root'; group: 'root' | 'socket-group' } | { maxMode: number };

/** Files to judge, or why there are none (`not-applicable` when the file is not in use, `error` when unknown). */
export type FileSelection = FileFact[] | { outcome: 'not-applicable' | 'error' | 'manual'; message: Text };

function modeOk(mode: string, max: number): boolean {
  return (Number.parseInt(mode, 8) & ~max & 0o7777) === 0;
}

function judgeFile(f: FileFact, rule: FileRule, host: HostEvidence): Omit<CheckResult, 'target'> {
  const m = FILE_MESSAGES;
  if (f.error) return { outcome: 'error', observed: { path: f.path, error: f.error }, message: m('fileUnreadable', { path: f.path, error: f.error }) };
  if (!f.exists) return { outcome: 'not-applicable', observed: { path: f.path, exists: false, origin: f.origin }, message: m('fileAbsent', { path: f.path, origin: f.origin }) };
  const via = f.namedAs ? m('via', { name: f.namedAs }) : WORDS.nothing;
  if ('maxMode' in rule) {
    const want = rule.maxMode.toString(8).padStart(4, '0');
    const ok = modeOk(f.mode!, rule.maxMode);
    return {
      outcome: ok ? 'pass' : 'fail',
      observed: { path: f.path, mode: f.mode, origin: f.origin },
      expected: { mode: `${want} or more restrictive` },
      message: m(ok ? 'modeOk' : 'modeTooOpen', { path: f.path, via, mode: f.mode!, want }),
    };
  }
  const wantGroup = rule.group === 'root' ? 'root' : String(daemonSetting(host, 'group').value ?? 'docker');
  const ownerOk = f.uid === 0;
  // root:root is stricter than root:docker, so it also passes a root:docker rule.
  const groupOk = f.gid === 0 || (rule.group === 'socket-group' && f.group === wantGroup);
  const ok = ownerOk && groupOk;
  const owner = `${f.owner ?? f.uid}:${f.group ?? f.gid}`;
  return {
    outcome: ok ? 'pass' : 'fail',
    observed: { path: f.path, owner: f.owner ?? null, group: f.group ?? null, uid: f.uid, gid: f.gid, origin: f.origin },
    expected: { owner: 'root', group: wantGroup },
    message: m(ok ? 'ownerOk' : 'ownerWrong', { path: f.path, via, owner, group: wantGroup }),
  };
}

/** A CIS section-3 check: owner or mode of the files the daemon really uses. */
export function fileCheck(meta: HostMeta & { files(host: HostEvidence): FileSelection; rule: FileRule }): AnyCheck {
  const { files, rule, ...rest } = meta;
  return defineCheck<'host'>({
    ...rest,
    messages: withMessages(rest.messages, FILE_MESSAGES.templates, SELECTION_MESSAGES.templates),
    requires: ['host'],
    evaluate: ({ host }) => {
      const sel = files(host);
      if (!Array.isArray(sel)) return [{ outcome: sel.outcome, target: hostDaemonTarget(host), message: sel.message }];
      return sel.map((f) => ({ ...judgeFile(f, rule, host), target: fileTarget(f) }));
    },
  });
}

/** A path CIS 1.1 wants an audit rule for. */
export interface AuditPath {
  path: string;
  /** Other names of the same file (the name it was given before symlinks were resolved). */
  aliases?: string[];
  origin: string;
  exists: boolean;
}

/** The path or paths to audit (one finding each), or why there is none. */
export type AuditSelection = AuditPath | AuditPath[] | { outcome: 'not-applicable' | 'error' | 'manual'; message: Text };

/**
 * Whether an audit rule watches `p`: `-w <p>`, or `-F path=<p>` / `-F dir=<p>`; a watch on a directory
 * (`-w dir` or `dir=`) also covers everything below it.
 */
export function ruleWatches(rule: string, p: string): boolean {
  const paths: string[] = [];
  for (const m of rule.matchAll(/(?:^|\s)-w\s+(\S+)/g)) paths.push(m[1]);
  for (const m of rule.matchAll(/(?:^|\s)-F\s+(path|dir)=(\S+)/g)) paths.push(m[2]);
  return paths.some((w) => {
    const watched = w.replace(/\/+$/, '') || '/';
    return watched === p || p.startsWith(`${watched}/`);
  });
}

/** A path's audit-rule finding, before the target is attached. */
function judgeAudit(host: HostEvidence, sel: AuditPath): Omit<CheckResult, 'target'> {
  const m = AUDIT_MESSAGES;
  const path = sel.path;
  if (!sel.exists) return { outcome: 'not-applicable', observed: { path, exists: false, origin: sel.origin }, message: m('auditNothingThere', { path }) };
  const audit = host.audit;
  if (!audit) return { outcome: 'error', message: m('auditRulesUnreadable') };
  const names = [path, ...(sel.aliases ?? [])];
  const matching = audit.rules.filter((r) => names.some((n) => ruleWatches(r, n)));
  const expected = { rule: `-w ${path} -k docker` };
  if (audit.auditdAbsent) return { outcome: 'fail', observed: { auditd: 'not installed', path }, expected, message: m('auditdAbsent', { path }) };
  const from = audit.loaded ? m('rulesLoaded') : m('ruleFiles', { sources: audit.sources.length ? audit.sources : WORDS.none });
  return matching.length
    ? { outcome: 'pass', observed: { rules: matching, source: from.en }, expected, message: m('audited', { path, rule: matching[0] }) }
    : { outcome: 'fail', observed: { rules: [], source: from.en, rulesSeen: audit.rules.length }, expected, message: m('notAudited', { path, count: audit.rules.length, from }) };
}

/** A CIS 1.1 check: an audit rule watches each path `watch` selects (a file target per path). */
export function auditRuleCheck(meta: HostMeta & { watch(host: HostEvidence): AuditSelection }): AnyCheck {
  const { watch, ...rest } = meta;
  return defineCheck<'host'>({
    ...rest,
    messages: withMessages(rest.messages, AUDIT_MESSAGES.templates, SELECTION_MESSAGES.templates),
    requires: ['host'],
    evaluate: ({ host }) => {
      const sel = watch(host);
      if ('outcome' in sel) return [{ outcome: sel.outcome, target: hostDaemonTarget(host), message: sel.message }];
      return (Array.isArray(sel) ? sel : [sel]).map((p) => ({ ...judgeAudit(host, p), target: { kind: 'file', id: p.path, name: p.path } }));
    },
  });
}

/** A recommendation only a person can judge: the runner turns the empty result into `manual` with `decidedBy`. */
export function manualCheck(meta: Omit<CheckMeta<never>, 'requires' | 'automated'>): AnyCheck {
  return defineCheck<never>({ ...meta, automated: false, requires: [], evaluate: () => [] });
}
