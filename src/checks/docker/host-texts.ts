/**
 * Texts the host checks share, in every pack language: the common rationale and fix of the CIS 1.1
 * audit-rule checks and the section-3 owner/mode checks, and the result messages of the host
 * factories (host-check.ts) and file selections (host-files.ts). One place, so 18 audit checks and
 * 24 file checks do not each carry a copy.
 */
import type { LocalText } from '../../findings/types';
import { fill, templates } from '../text';

/** Translated words passed as template parameters. */
export const WORDS = {
  none: { en: 'none', nb: 'ingen' },
  unknown: { en: 'unknown', nb: 'ukjent' },
  nothing: { en: '', nb: '' },
} satisfies Record<string, LocalText>;

/** The meta texts of a check that the shared ones fill in. */
export interface SharedTexts {
  decidedBy: LocalText;
  rationale: LocalText;
  remediation: LocalText;
}

// --- CIS 1.1: audit rules -------------------------------------------------------------------------

const AUDIT_DECIDED_BY: LocalText = {
  en: 'Looks for an audit rule (-w path, or -F path=/dir=) covering {subject}. Path: {path}. Loaded rules from auditctl -l when the tool runs on the host, else the rule files.',
  nb: 'Ser etter en audit-regel (-w sti, eller -F path=/dir=) som dekker {subject}. Sti: {path}. Bruker de innlastede reglene fra auditctl -l når verktøyet kjører på verten, ellers regelfilene.',
};

const AUDIT_RATIONALE: LocalText = {
  en: 'Docker runs as root and its files decide what every container may do; an audit trail of who changed them, and when, is what an incident investigation needs first.',
  nb: 'Docker kjører som root, og filene til Docker bestemmer hva hver container får gjøre. Et revisjonsspor som viser hvem som endret dem, og når, er det en hendelsesgransking trenger først.',
};

const AUDIT_REMEDIATION: LocalText = {
  en: 'Add a watch to /etc/audit/rules.d/docker.rules, e.g. `-w <path> -k docker`, then load it with `augenrules --load` (or restart auditd).',
  nb: 'Legg inn en overvåkingsregel i /etc/audit/rules.d/docker.rules, f.eks. `-w <sti> -k docker`, og last den inn med `augenrules --load` (eller start auditd på nytt).',
};

/**
 * decidedBy, rationale and remediation of a CIS 1.1 audit-rule check: `subject` is what is watched
 * as it reads mid-sentence ("the dockerd binary"), `path` how the tool finds its path.
 */
export function auditTexts(t: { subject: LocalText; path: LocalText }): SharedTexts {
  return { decidedBy: fill(AUDIT_DECIDED_BY, t), rationale: AUDIT_RATIONALE, remediation: AUDIT_REMEDIATION };
}

/** The subject and path of an audit rule on a binary found on the host PATH (1.1.14-1.1.18). */
export function auditBinaryTexts(name: string, pathNote?: LocalText): SharedTexts {
  const path = fill({ en: 'The {name} binary found on the host PATH{note}', nb: 'programfilen {name} slik den er funnet i PATH på verten{note}' }, { name, note: pathNote ?? WORDS.nothing });
  return auditTexts({ subject: fill({ en: 'the {name} binary', nb: 'programfilen {name}' }, { name }), path });
}

/** The subject and path of an audit rule on a fixed configuration file, audited when it exists (1.1.10, 1.1.12, 1.1.13). */
export function auditConfigFileTexts(p: string): SharedTexts {
  return auditTexts({ subject: { en: p, nb: p }, path: fill({ en: '{p} when it exists', nb: '{p} når filen finnes' }, { p }) });
}

/** Result messages of `auditRuleCheck`. */
export const AUDIT_MESSAGES = templates({
  auditNothingThere: { en: '{path} does not exist on this host, so there is nothing to audit.', nb: '{path} finnes ikke på denne verten, så det er ingenting å overvåke.' },
  auditRulesUnreadable: {
    en: "Not evaluated: the audit rules of this host could not be read (see the host collector's warnings).",
    nb: 'Ikke vurdert: audit-reglene på denne verten kunne ikke leses (se advarslene fra innsamleren host).',
  },
  auditdAbsent: { en: 'auditd is not installed, so nothing records changes to {path}.', nb: 'auditd er ikke installert, så ingenting registrerer endringer i {path}.' },
  audited: { en: '{path} is audited: {rule}.', nb: '{path} overvåkes: {rule}.' },
  notAudited: { en: 'No audit rule watches {path} ({count} rule(s) in {from}).', nb: 'Ingen audit-regel overvåker {path} ({count} regel(er) i {from}).' },
  // Where the rules were read from: part of notAudited.
  rulesLoaded: { en: 'loaded rules (auditctl -l)', nb: 'de innlastede reglene (auditctl -l)' },
  ruleFiles: { en: 'rule files ({sources}); loaded rules not readable from here', nb: 'regelfilene ({sources}); de innlastede reglene kan ikke leses herfra' },
});

// --- CIS 3: owner and mode of the daemon's files --------------------------------------------------

const OWNER_RATIONALE: LocalText = {
  en: 'A file that someone other than root owns can be changed by that someone, and these files decide how the root-privileged daemon behaves.',
  nb: 'En fil som eies av en annen enn root, kan endres av den eieren, og disse filene bestemmer hvordan daemonen, som har root-rettigheter, oppfører seg.',
};

const MODE_RATIONALE: LocalText = {
  en: 'Write access for group or others to a file that configures or authenticates the root-privileged daemon lets a local user change what the daemon trusts or does.',
  nb: 'Skrivetilgang for gruppe eller andre til en fil som konfigurerer eller autentiserer daemonen, som har root-rettigheter, lar en lokal bruker endre hva daemonen stoler på eller gjør.',
};

const SOCKET_RATIONALE: LocalText = {
  en: 'Whoever can connect to this socket controls the daemon, and through it every container and the host itself (a privileged container with / mounted is one API call away).',
  nb: 'Den som kan koble seg til denne socketen, styrer daemonen, og gjennom den hver container og selve verten (en privilegert container med / montert er bare ett API-kall unna).',
};

/** rationale and remediation of an owner check on a file (3.1, 3.3, 3.5, ...). */
export const OWNER_TEXTS = {
  rationale: OWNER_RATIONALE,
  remediation: {
    en: 'chown root:root <path> (sockets: chown root:docker <socket>; the daemon sets this at start from --group)',
    nb: 'chown root:root <sti> (sockets: chown root:docker <socket>; daemonen setter dette selv ved oppstart ut fra --group)',
  },
} satisfies Omit<SharedTexts, 'decidedBy'>;

/** rationale and remediation of a mode check on a file (3.2, 3.4, 3.6, ...). */
export const MODE_TEXTS = {
  rationale: MODE_RATIONALE,
  remediation: {
    en: 'chmod <mode> <path> (644 for unit and config files, 755 for /etc/docker, 444 for certificates, 400 for the TLS key, 660 for sockets)',
    nb: 'chmod <rettigheter> <sti> (644 på enhets- og konfigurasjonsfiler, 755 på /etc/docker, 444 på sertifikater, 400 på TLS-nøkkelen, 660 på sockets)',
  },
} satisfies Omit<SharedTexts, 'decidedBy'>;

/** rationale and remediation of an owner check on a socket (3.15, 3.23). */
export const SOCKET_OWNER_TEXTS = {
  rationale: SOCKET_RATIONALE,
  remediation: {
    en: 'Start dockerd with --group docker (the default) so it creates the socket as root:docker, or chown root:docker <socket>; for the containerd socket chown root:root.',
    nb: 'Start dockerd med --group docker (standardverdien), så oppretter den socketen som root:docker, eller kjør chown root:docker <socket>; på containerd-socketen chown root:root.',
  },
} satisfies Omit<SharedTexts, 'decidedBy'>;

/** rationale and remediation of a mode check on a socket (3.16, 3.24). */
export const SOCKET_MODE_TEXTS = {
  rationale: SOCKET_RATIONALE,
  remediation: {
    en: 'chmod 660 <socket> (dockerd and containerd create their sockets 0660; something changed it afterwards).',
    nb: 'chmod 660 <socket> (dockerd og containerd oppretter socketene sine med 0660; noe har endret det i ettertid).',
  },
} satisfies Omit<SharedTexts, 'decidedBy'>;

/** Result messages of `fileCheck`; `{via}` is empty or the `via` text (the name the file was given). */
export const FILE_MESSAGES = templates({
  fileUnreadable: { en: '{path} could not be examined ({error}).', nb: '{path} kunne ikke undersøkes ({error}).' },
  fileAbsent: { en: '{path} does not exist on this host ({origin}).', nb: '{path} finnes ikke på denne verten ({origin}).' },
  via: { en: ' (named as {name})', nb: ' (angitt som {name})' },
  modeOk: { en: '{path}{via} has mode {mode}.', nb: '{path}{via} har filrettigheter {mode}.' },
  modeTooOpen: { en: '{path}{via} has mode {mode}, more permissive than {want}.', nb: '{path}{via} har filrettigheter {mode}, som er mer åpne enn {want}.' },
  ownerOk: { en: '{path}{via} is owned by {owner}.', nb: '{path}{via} eies av {owner}.' },
  ownerWrong: { en: '{path}{via} is owned by {owner}, not root:{group}.', nb: '{path}{via} eies av {owner}, ikke root:{group}.' },
});

// --- Which files: the selections of host-files.ts and the section-1 checks ------------------------

/** Why a host check has no file to judge (`not-applicable` or `error` results). */
export const SELECTION_MESSAGES = templates({
  notExamined: { en: 'Not evaluated: {path} was not examined by the host collector.', nb: 'Ikke vurdert: innsamleren host undersøkte ikke {path}.' },
  notLookedFor: { en: 'Not evaluated: {name} was not looked for by the host collector.', nb: 'Ikke vurdert: innsamleren host så ikke etter {name}.' },
  noDaemonSystemd: {
    en: 'Not evaluated: the dockerd process was not found, so whether systemd runs it is unknown.',
    nb: 'Ikke vurdert: dockerd-prosessen ble ikke funnet, så det er ukjent om systemd kjører den.',
  },
  notStartedBySystemd: {
    en: 'dockerd (pid {pid}) was not started by systemd (parent: {parent}); unit files on disk are not in effect.',
    nb: 'dockerd (pid {pid}) ble ikke startet av systemd (foreldreprosess: {parent}); enhetsfilene på disken er ikke i bruk.',
  },
  noUnitFile: { en: 'Not evaluated: no unit file for {unit} in the systemd search path.', nb: 'Ikke vurdert: fant ingen enhetsfil til {unit} i søkestien til systemd.' },
  noSocketUnit: { en: 'The daemon runs under systemd without a docker.socket unit.', nb: 'Daemonen kjører under systemd uten en docker.socket-enhet.' },
  noSocketUnitWithoutSystemd: {
    en: 'The daemon was not started by systemd, so no docker.socket unit is in effect.',
    nb: 'Daemonen ble ikke startet av systemd, så ingen docker.socket-enhet er i bruk.',
  },
  noRegistryCerts: { en: 'No registry certificates under {dir}/certs.d.', nb: 'Ingen registersertifikater under {dir}/certs.d.' },
  noTls: {
    en: 'The daemon has no TLS {what} configured (no --tls/--tlsverify and no {setting} setting).',
    nb: 'Daemonen er ikke satt opp med TLS-{what} (verken --tls/--tlsverify eller innstillingen {setting}).',
  },
  // The `{what}` of noTls.
  tlsCa: { en: 'CA certificate', nb: 'CA-sertifikat' },
  tlsCert: { en: 'server certificate', nb: 'serversertifikat' },
  tlsKey: { en: 'key', nb: 'nøkkel' },
  noDaemonSocket: {
    en: 'Not evaluated: the dockerd process was not found, so the socket it listens on is unknown.',
    nb: 'Ikke vurdert: dockerd-prosessen ble ikke funnet, så det er ukjent hvilken socket den lytter på.',
  },
  noUnixSocket: { en: 'The daemon serves no unix socket (hosts: {hosts}).', nb: 'Daemonen lytter ikke på noen unix-socket (hosts: {hosts}).' },
  containerdUnknown: { en: 'Not evaluated: the containerd socket of this daemon is unknown.', nb: 'Ikke vurdert: containerd-socketen til denne daemonen er ukjent.' },
});

// --- daemonConfigCheck ------------------------------------------------------------------------------

/** Why the daemon's effective settings are unknown: the reason is setting-text's `settingsGapText`. */
export const DAEMON_GAP_MESSAGES = templates({
  notEvaluated: { en: 'Not evaluated: {reason}.', nb: 'Ikke vurdert: {reason}.' },
});
