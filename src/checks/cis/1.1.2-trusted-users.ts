import { cis } from '../docker/cis';
import { hostDaemonTarget } from '../docker/host-check';
import { defineCheck, ref } from '../define';
import { templates } from '../text';
import type { LocalText } from '../types';

/** Options: `options['cis-1.1.2'] = { trustedUsers: ['alice', 'deploy'] }` turns the user list into a pass/fail decision. */
export interface TrustedUsersOptions {
  trustedUsers?: string[];
}

const m = templates({
  worldOpen: { en: 'Every local user can control the daemon: {sockets}.', nb: 'Alle lokale brukere kan styre daemonen: {sockets}.' },
  // One item of worldOpen's {sockets}.
  socketMode: { en: '{path} is mode {mode}', nb: '{path} har filrettigheter {mode}' },
  noSocket: {
    en: 'Not evaluated: no API socket of this daemon was found, so who can use it is unknown.',
    nb: 'Ikke vurdert: fant ingen API-socket til denne daemonen, så det er ukjent hvem som kan bruke den.',
  },
  groupUnknown: {
    en: 'Not evaluated: the group that owns the API socket is not in the host /etc/group.',
    nb: 'Ikke vurdert: gruppen som eier API-socketen, står ikke i /etc/group på verten.',
  },
  onlyRoot: { en: 'Only root can use the Docker socket: group {group} has no members.', nb: 'Bare root kan bruke Docker-socketen: gruppen {group} har ingen medlemmer.' },
  confirmMembers: {
    en: '{count} user(s) control the daemon through group {group}: {users}. Confirm each is trusted with root on this host.',
    nb: '{count} bruker(e) styrer daemonen gjennom gruppen {group}: {users}. Bekreft at hver av dem kan betros root på denne verten.',
  },
  untrusted: {
    en: 'Group {group} gives daemon control to users not on the trusted list: {users}.',
    nb: 'Gruppen {group} lar brukere som ikke står på listen over betrodde, styre daemonen: {users}.',
  },
  allTrusted: { en: 'Every member of {group} ({users}) is on the trusted list.', nb: 'Alle medlemmene av gruppen {group} ({users}) står på listen over betrodde brukere.' },
});

/** Texts of every language joined as one list. */
function joined(items: LocalText[]): LocalText {
  return { en: items.map((t) => t.en).join(', '), nb: items.map((t) => t.nb).join(', ') };
}

export default defineCheck<'host'>({
  id: 'cis.trusted-users',
  title: { en: 'Only trusted users can control the Docker daemon', nb: 'Bare betrodde brukere kan styre Docker-daemonen' },
  section: 'host',
  severity: 'high',
  ...cis('1.1.2', ref('ISO/IEC 27001:2022', 'A.8.2', 'Privileged access rights')),
  automated: true,
  requires: ['host'],
  messages: m.templates,
  decidedBy: {
    en:
      'Reads who can open the real API socket(s): the socket mode, and the members of the group that owns the socket (from the host /etc/group, plus users whose primary group it is). ' +
      'A world-accessible socket fails; with a trusted-user list (check option trustedUsers) every member must be on it; without one the members are listed for a person to confirm.',
    nb:
      'Leser hvem som kan åpne de faktiske API-socketene: filrettighetene til socketen og medlemmene av gruppen som eier den (fra /etc/group på verten, pluss brukere som har den som primærgruppe). ' +
      'En socket alle kan åpne, gir ikke bestått; med en liste over betrodde brukere (kontrollvalget trustedUsers) må hvert medlem stå på listen; uten en slik liste blir medlemmene listet opp, og en person må bekrefte dem.',
  },
  rationale: {
    en: 'Access to the Docker socket is root on the host: any member of the socket group can start a privileged container that mounts /.',
    nb: 'Tilgang til Docker-socketen er det samme som root på verten: hvert medlem av socketgruppen kan starte en privilegert container som monterer /.',
  },
  remediation: {
    en: 'Remove users who need no root-equivalent access from the group (gpasswd -d <user> docker); keep the socket 0660 root:docker; give CI and tools a narrowly scoped API proxy instead of the group.',
    nb: 'Fjern brukere som ikke trenger tilgang tilsvarende root, fra gruppen (gpasswd -d <bruker> docker); behold socketen som 0660 root:docker; gi CI og verktøy en snevert avgrenset API-proxy i stedet for medlemskap i gruppen.',
  },
  evaluate: ({ host }, options) => {
    const target = hostDaemonTarget(host);
    const open = host.sockets.filter((s) => s.exists && s.mode && (Number.parseInt(s.mode, 8) & 0o006) !== 0);
    if (open.length) {
      const sockets = joined(open.map((s) => m('socketMode', { path: s.path, mode: s.mode! })));
      return [{ outcome: 'fail', severity: 'critical', target, observed: { sockets: open.map((s) => ({ path: s.path, mode: s.mode })) }, expected: { mode: '0660, root:docker' }, message: m('worldOpen', { sockets }) }];
    }
    const g = host.socketGroup;
    if (!g) return [{ outcome: 'error', target, message: m(host.sockets.some((s) => s.exists) ? 'groupUnknown' : 'noSocket') }];
    const users = [...new Set([...g.members, ...g.primaryMembers])].sort();
    const group = g.name;
    const observed = { group, gid: g.gid, members: users, sockets: host.sockets.map((s) => `${s.path} ${s.owner ?? s.uid}:${s.group ?? s.gid} ${s.mode ?? ''}`) };
    if (users.length === 0) return [{ outcome: 'pass', target, observed, expected: { members: 'trusted users only' }, message: m('onlyRoot', { group }) }];
    const trusted = (options['cis-1.1.2'] as TrustedUsersOptions | undefined)?.trustedUsers;
    if (!trusted) {
      return [{ outcome: 'manual', target, observed, expected: { members: 'trusted users only' }, message: m('confirmMembers', { count: users.length, group, users }) }];
    }
    const untrusted = users.filter((u) => !trusted.includes(u));
    return [untrusted.length
      ? { outcome: 'fail', target, observed: { ...observed, untrusted }, expected: { members: trusted }, message: m('untrusted', { group, users: untrusted }) }
      : { outcome: 'pass', target, observed, expected: { members: trusted }, message: m('allTrusted', { group, users }) }];
  },
});
