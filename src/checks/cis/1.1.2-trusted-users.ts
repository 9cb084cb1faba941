import { cis } from '../docker/cis';
import { hostDaemonTarget } from '../docker/host-check';
import { defineCheck, ref } from '../define';

/** Options: `options['cis-1.1.2'] = { trustedUsers: ['alice', 'deploy'] }` turns the user list into a pass/fail decision. */
export interface TrustedUsersOptions {
  trustedUsers?: string[];
}

export default defineCheck<'host'>({
  id: 'cis.trusted-users',
  title: 'Only trusted users can control the Docker daemon',
  section: 'host',
  severity: 'high',
  ...cis('1.1.2', ref('ISO/IEC 27001:2022', 'A.8.2', 'Privileged access rights')),
  automated: true,
  requires: ['host'],
  decidedBy:
    'Reads who can open the real API socket(s): the socket mode, and the members of the group that owns the socket (from the host /etc/group, plus users whose primary group it is). ' +
    'A world-accessible socket fails; with a trusted-user list (check option trustedUsers) every member must be on it; without one the members are listed for a person to confirm.',
  rationale: 'Access to the Docker socket is root on the host: any member of the socket group can start a privileged container that mounts /.',
  remediation: 'Remove users who need no root-equivalent access from the group (gpasswd -d <user> docker); keep the socket 0660 root:docker; give CI and tools a narrowly scoped API proxy instead of the group.',
  evaluate: ({ host }, options) => {
    const target = hostDaemonTarget(host);
    const open = host.sockets.filter((s) => s.exists && s.mode && (Number.parseInt(s.mode, 8) & 0o006) !== 0);
    if (open.length) {
      return [{ outcome: 'fail', severity: 'critical', target, observed: { sockets: open.map((s) => ({ path: s.path, mode: s.mode })) }, expected: { mode: '0660, root:docker' }, message: `Every local user can control the daemon: ${open.map((s) => `${s.path} is mode ${s.mode}`).join(', ')}.` }];
    }
    const g = host.socketGroup;
    if (!g) {
      if (!host.sockets.some((s) => s.exists)) return [{ outcome: 'error', target, message: 'Not evaluated: no API socket of this daemon was found, so who can use it is unknown.' }];
      return [{ outcome: 'error', target, message: 'Not evaluated: the group that owns the API socket is not in the host /etc/group.' }];
    }
    const users = [...new Set([...g.members, ...g.primaryMembers])].sort();
    const observed = { group: g.name, gid: g.gid, members: users, sockets: host.sockets.map((s) => `${s.path} ${s.owner ?? s.uid}:${s.group ?? s.gid} ${s.mode ?? ''}`) };
    if (users.length === 0) return [{ outcome: 'pass', target, observed, expected: { members: 'trusted users only' }, message: `Only root can use the Docker socket: group ${g.name} has no members.` }];
    const trusted = (options['cis-1.1.2'] as TrustedUsersOptions | undefined)?.trustedUsers;
    if (!trusted) {
      return [{ outcome: 'manual', target, observed, expected: { members: 'trusted users only' }, message: `${users.length} user(s) control the daemon through group ${g.name}: ${users.join(', ')}. Confirm each is trusted with root on this host.` }];
    }
    const untrusted = users.filter((u) => !trusted.includes(u));
    return [untrusted.length
      ? { outcome: 'fail', target, observed: { ...observed, untrusted }, expected: { members: trusted }, message: `Group ${g.name} gives daemon control to users not on the trusted list: ${untrusted.join(', ')}.` }
      : { outcome: 'pass', target, observed, expected: { members: trusted }, message: `Every member of ${g.name} (${users.join(', ')}) is on the trusted list.` }];
  },
});
