import type { FileFact, HostEvidence } from '../../evidence/types/host';
import type { Target } from '../../findings/types';
import { defineCheck } from '../define';
import { daemonTarget } from '../targets';
import type { AnyCheck, CheckMeta, CheckResult } from '../types';
import { DAEMON_SETTINGS } from './container-check';
import { daemonSetting, daemonSettingsGap } from '../../domain/daemon-settings';

/** The daemon as a target, from host evidence (same id as `daemonTarget` from docker evidence). */
export function hostDaemonTarget(host: HostEvidence): Target {
  return daemonTarget(host.engineId, host.hostname);
}

export function fileTarget(f: FileFact): Target {
  return { kind: 'file', id: f.path, name: f.path };
}

export type HostMeta = Omit<CheckMeta<'host'>, 'requires'>;

/** What a daemon-setting check concludes, before the target is attached. */
export type DaemonVerdict = Omit<CheckResult, 'target'>;

/**
 * A check on the daemon's effective configuration (command line + daemon.json + defaults).
 * When the daemon process or its config file cannot be read the result is `error`, never pass.
 */
export function daemonConfigCheck(meta: HostMeta & { judge(host: HostEvidence): DaemonVerdict }): AnyCheck {
  const { judge, ...rest } = meta;
  return defineCheck<'host'>({
    ...rest,
    requires: ['host'],
    evaluate: ({ host }) => {
      const target = hostDaemonTarget(host);
      const gap = daemonSettingsGap(host);
      if (gap) return [{ outcome: 'error', target, message: `Not evaluated: ${gap}.`, observed: { daemon: host.daemon?.pid ?? null, config: host.daemonConfig.path } }];
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
export type FileSelection = FileFact[] | { outcome: 'not-applicable' | 'error' | 'manual'; message: string };

function modeOk(mode: string, max: number): boolean {
  return (Number.parseInt(mode, 8) & ~max & 0o7777) === 0;
}

function judgeFile(f: FileFact, rule: FileRule, host: HostEvidence): Omit<CheckResult, 'target'> {
  if (f.error) return { outcome: 'error', observed: { path: f.path, error: f.error }, message: `${f.path} could not be examined (${f.error}).` };
  if (!f.exists) return { outcome: 'not-applicable', observed: { path: f.path, exists: false, origin: f.origin }, message: `${f.path} does not exist on this host (${f.origin}).` };
  const via = f.namedAs ? ` (named as ${f.namedAs})` : '';
  if ('maxMode' in rule) {
    const want = rule.maxMode.toString(8).padStart(4, '0');
    const ok = modeOk(f.mode!, rule.maxMode);
    return {
      outcome: ok ? 'pass' : 'fail',
      observed: { path: f.path, mode: f.mode, origin: f.origin },
      expected: { mode: `${want} or more restrictive` },
      message: ok ? `${f.path}${via} has mode ${f.mode}.` : `${f.path}${via} has mode ${f.mode}, more permissive than ${want}.`,
    };
  }
  const wantGroup = rule.group === 'root' ? 'root' : String(daemonSetting(host, 'group').value ?? 'docker');
  const ownerOk = f.uid === 0;
  // root:root is stricter than root:docker, so it also passes a root:docker rule.
  const groupOk = f.gid === 0 || (rule.group === 'socket-group' && f.group === wantGroup);
  const ok = ownerOk && groupOk;
  const shown = `${f.owner ?? f.uid}:${f.group ?? f.gid}`;
  return {
    outcome: ok ? 'pass' : 'fail',
    observed: { path: f.path, owner: f.owner ?? null, group: f.group ?? null, uid: f.uid, gid: f.gid, origin: f.origin },
    expected: { owner: 'root', group: wantGroup },
    message: ok ? `${f.path}${via} is owned by ${shown}.` : `${f.path}${via} is owned by ${shown}, not root:${wantGroup}.`,
  };
}

/** A CIS section-3 check: owner or mode of the files the daemon really uses. */
export function fileCheck(meta: HostMeta & { files(host: HostEvidence): FileSelection; rule: FileRule }): AnyCheck {
  const { files, rule, ...rest } = meta;
  return defineCheck<'host'>({
    ...rest,
    requires: ['host'],
    evaluate: ({ host }) => {
      const sel = files(host);
      if (!Array.isArray(sel)) return [{ outcome: sel.outcome, target: hostDaemonTarget(host), message: sel.message }];
      return sel.map((f) => ({ ...judgeFile(f, rule, host), target: fileTarget(f) }));
    },
  });
}

/** A path CIS 1.1 wants an audit rule for, or why there is none to audit. */
export type AuditSelection = { path: string; aliases?: string[]; origin: string; exists: boolean } | { outcome: 'not-applicable' | 'error'; message: string };

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

export function auditRuleCheck(meta: HostMeta & { watch(host: HostEvidence): AuditSelection }): AnyCheck {
  const { watch, ...rest } = meta;
  return defineCheck<'host'>({
    ...rest,
    requires: ['host'],
    evaluate: ({ host }) => {
      const sel = watch(host);
      if ('outcome' in sel) return [{ outcome: sel.outcome, target: hostDaemonTarget(host), message: sel.message }];
      const target: Target = { kind: 'file', id: sel.path, name: sel.path };
      if (!sel.exists) return [{ outcome: 'not-applicable', target, observed: { path: sel.path, exists: false, origin: sel.origin }, message: `${sel.path} does not exist on this host, so there is nothing to audit.` }];
      const audit = host.audit;
      if (!audit) return [{ outcome: 'error', target, message: `Not evaluated: the audit rules of this host could not be read (see the host collector's warnings).` }];
      const names = [sel.path, ...(sel.aliases ?? [])];
      const matching = audit.rules.filter((r) => names.some((n) => ruleWatches(r, n)));
      const expected = { rule: `-w ${sel.path} -k docker` };
      if (audit.auditdAbsent) {
        return [{ outcome: 'fail', target, observed: { auditd: 'not installed', path: sel.path }, expected, message: `auditd is not installed, so nothing records changes to ${sel.path}.` }];
      }
      const from = audit.loaded ? 'loaded rules (auditctl -l)' : `rule files (${audit.sources.join(', ') || 'none'}); loaded rules not readable from here`;
      return [matching.length
        ? { outcome: 'pass', target, observed: { rules: matching, source: from }, expected, message: `${sel.path} is audited: ${matching[0]}.` }
        : { outcome: 'fail', target, observed: { rules: [], source: from, rulesSeen: audit.rules.length }, expected, message: `No audit rule watches ${sel.path} (${audit.rules.length} rule(s) in ${from}).` }];
    },
  });
}

/** A recommendation only a person can judge: the runner turns the empty result into `manual` with `decidedBy`. */
export function manualCheck(meta: Omit<CheckMeta<never>, 'requires' | 'automated'>): AnyCheck {
  return defineCheck<never>({ ...meta, automated: false, requires: [], evaluate: () => [] });
}
