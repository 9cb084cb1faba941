/**
 * remediation.sh: the corrected command of every container ("Remediation by container"), as a shell
 * script a person reviews and runs by hand. It is never executed by this tool: every command is
 * commented out, under a comment naming the container and the controls it fixes, behind `set -eu`
 * and an exit, so running the file by mistake changes nothing.
 */
import type { FindingsDocument } from '../findings/types';

/** A comment line: no newline or control character from evidence can end the comment and start a command. */
function comment(s: string): string {
  return `# ${s.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ')}`;
}

/** A command, commented out line by line. */
function commented(cmd: string): string {
  return cmd.split(/\r?\n/).map((l) => `#   ${l.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029]/g, ' ')}`).join('\n');
}

export function renderRemediationSh(doc: FindingsDocument, toolVersion: string): string {
  const run = doc.run;
  const out = [
    '#!/bin/sh',
    comment(`Remediation by container, written by residency-audit ${toolVersion} from findings.json (evaluated ${run.evaluatedAt}).`),
    comment(`Host ${run.host.hostname}; evidence collected ${run.collectedAt ?? 'unknown'}.`),
    comment('Each block replaces one container with a corrected command that fixes all its failed controls at once.'),
    comment('Nothing here runs: every command is commented out. Review it, add back environment values and labels'),
    comment('(left out because they may hold secrets), stop and remove the old container, then run the line by hand.'),
    'set -eu',
    "echo 'remediation.sh only lists commands; read it and run them by hand.' >&2",
    'exit 0',
    '',
  ];
  const list = doc.remediation ?? [];
  if (!list.length) out.push(comment('No container has a failed or warned container control.'));
  for (const r of list) {
    out.push(comment(`--- ${r.container.name} (${r.container.id.slice(0, 12)}${r.container.workload ? `, compose ${r.container.workload}` : ''}${r.container.state && r.container.state !== 'running' ? `, ${r.container.state}` : ''})`));
    out.push(comment(`Fixes: ${r.controls.join(', ') || '(none)'}`));
    for (const n of r.notFixed) out.push(comment(`Not fixed by this command: ${n.control} (${n.reason})`));
    if (r.removed.length) out.push(comment(`Removes: ${r.removed.join('  ')}`));
    if (r.added.length) out.push(comment(`Adds: ${r.added.join('  ')}`));
    out.push(commented(`docker stop ${r.container.name} && docker rm ${r.container.name}`));
    for (const b of r.before) out.push(commented(b));
    out.push(commented(r.command));
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
