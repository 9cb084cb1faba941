import type { GroupFact } from '../../evidence/types/host';

/** Find a group by name or gid in /etc/group text, with the users whose primary group it is (from /etc/passwd). */
export function groupFact(groupText: string, passwdText: string, wanted: { name?: string; gid?: number }): GroupFact | null {
  for (const line of groupText.split('\n')) {
    const f = line.split(':');
    if (f.length < 4 || !/^\d+$/.test(f[2])) continue;
    const gid = Number(f[2]);
    if (wanted.gid !== undefined ? gid !== wanted.gid : f[0] !== wanted.name) continue;
    const primaryMembers = passwdText
      .split('\n')
      .map((l) => l.split(':'))
      .filter((p) => p.length >= 4 && p[3] === String(gid))
      .map((p) => p[0]);
    return { name: f[0], gid, members: f[3].split(',').map((s) => s.trim()).filter(Boolean), primaryMembers };
  }
  return null;
}
