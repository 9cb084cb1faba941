import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import type { AuditRules } from '../../evidence/types/host';
import type { HostFs } from './host-fs';

const AUDITCTL = ['/sbin/auditctl', '/usr/sbin/auditctl'];

function run(file: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, encoding: 'utf8' }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

/** Rule lines from rule-file text: comments and blank lines dropped. */
export function ruleLines(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

/**
 * Audit rules of the host. When the host root is `/` and auditctl runs, the kernel's loaded rules
 * are the truth; otherwise the rule files on disk (what auditd loads at boot) are read.
 */
export async function readAuditRules(hfs: HostFs, warnings: string[]): Promise<AuditRules | null> {
  let auditctl: string | null = null;
  for (const bin of AUDITCTL) {
    if (!auditctl && (await hfs.fact(bin, 'auditctl')).exists) auditctl = bin;
  }
  const haveAuditctl = auditctl !== null;
  // Only on the host itself: inside a container auditctl would ask our kernel with our privileges.
  if (auditctl && hfs.root === '/') {
    try {
      const out = await run(auditctl, ['-l'], 3000);
      const rules = /^No rules/m.test(out) ? [] : ruleLines(out);
      return { rules, sources: ['auditctl -l'], loaded: true, auditdAbsent: false };
    } catch (err) {
      warnings.push(`auditctl -l failed (${(err as Error).message.split('\n')[0]}); reading audit rule files instead`);
    }
  }
  const sources: string[] = [];
  const rules: string[] = [];
  let sawAuditDir = false;
  try {
    const main = await hfs.readTextIfExists('/etc/audit/audit.rules');
    if (main !== null) {
      sources.push('/etc/audit/audit.rules');
      rules.push(...ruleLines(main));
    }
    const dir = await hfs.fact('/etc/audit', 'auditd configuration');
    if (dir.error) {
      warnings.push(`/etc/audit could not be read: ${dir.error}`);
      return null;
    }
    sawAuditDir = dir.exists;
    if (dir.exists) {
      let files: string[] = [];
      try {
        files = (await hfs.list('/etc/audit/rules.d')).filter((f) => f.endsWith('.rules')).sort();
      } catch {
        // no rules.d: fine
      }
      for (const f of files) {
        const text = await fs.readFile(hfs.local((await hfs.resolve(`/etc/audit/rules.d/${f}`)).path), 'utf8');
        sources.push(`/etc/audit/rules.d/${f}`);
        rules.push(...ruleLines(text));
      }
    }
  } catch (err) {
    warnings.push(`audit rules could not be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    return null;
  }
  // Keep rule order but drop exact duplicates (audit.rules is usually generated from rules.d).
  return { rules: [...new Set(rules)], sources, loaded: false, auditdAbsent: !haveAuditctl && !sawAuditDir };
}
