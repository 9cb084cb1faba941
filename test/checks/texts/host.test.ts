import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { cisChecks } from '../../../src/checks/cis';
import { placeholdersOf } from '../../../src/checks/text';
import type { AnyCheck } from '../../../src/checks/types';
import type { LoadedEvidence } from '../../../src/evidence/types';
import type { DockerEvidence } from '../../../src/evidence/types/docker';
import type { HostEvidence } from '../../../src/evidence/types/host';
import { loadEvidence } from '../../../src/evidence/store';
import type { Finding, LocalText } from '../../../src/findings/types';
import { PROJECT_ROOT } from '../../../src/version';
import { dockerEvidence, file, hostEvidence, loaded, run } from '../cis/fixtures';

/** The checks of CIS sections 1 and 3 (1.6.0 numbers), and 1.8.0's 1.1.9, which has none. */
const OWNED: AnyCheck[] = cisChecks.filter((c) => /^[13]\./.test(c.cis ?? '') || c.id === 'cis.audit-docker-sock');

const META = ['title', 'decidedBy', 'rationale', 'remediation'] as const;

/** English function words that must not be left in a Norwegian finding message. */
const ENGLISH = new Set(['the', 'is', 'are', 'and', 'of', 'with', 'which', 'must', 'not', 'has', 'have', 'this', 'that', 'from', 'for', 'to']);
/** In longer texts (meta, fixes) `for` and `to` are also Norwegian words ("i stedet for", "to filer"), so only the others count. */
const ENGLISH_IN_PROSE = new Set([...ENGLISH].filter((w) => w !== 'for' && w !== 'to'));

/** Every string in a value, longest first (evidence values are quoted into messages as they are). */
function stringsIn(v: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof v === 'string') out.add(v);
  else if (Array.isArray(v)) v.forEach((x) => stringsIn(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => stringsIn(x, out));
  return out;
}

/** The English function words of a Norwegian text, outside quotes, backticks, placeholders and the given values. */
function englishWords(nb: string, values: Iterable<string> = [], words: Set<string> = ENGLISH): string[] {
  let s = nb.replace(/«[^»]*»|"[^"]*"|`[^`]*`|\{\w+\}/g, ' ');
  for (const v of [...values].filter((x) => x.length > 1).sort((a, b) => b.length - a.length)) s = s.split(v).join(' ');
  return s.split(/[^\p{L}\p{N}]+/u).filter((w) => words.has(w.toLowerCase()));
}

function assertLocal(t: unknown, what: string): asserts t is LocalText {
  assert.equal(typeof t, 'object', `${what} is a LocalText, not a string`);
  const { en, nb } = t as LocalText;
  assert.ok(typeof en === 'string' && en.trim().length > 0, `${what}.en is empty`);
  assert.ok(typeof nb === 'string' && nb.trim().length > 0, `${what}.nb is empty`);
  assert.notEqual(nb, en, `${what} is not translated`);
}

const rules = (r: string[]) => (h: HostEvidence) => (h.audit = { rules: r, sources: ['auditctl -l'], loaded: true, auditdAbsent: false });

/** A daemon systemd runs, with a drop-in owned by a user and a docker.socket unit. */
function systemdHost(auditRules: string[]): HostEvidence {
  return hostEvidence((h) => {
    h.daemon!.systemdUnit = 'docker.service';
    h.systemd = {
      startedBySystemd: true,
      units: [
        { name: 'docker.service', file: file('/lib/systemd/system/docker.service', { mode: '0664' }) },
        { name: 'docker.service.d/override.conf', file: file('/etc/systemd/system/docker.service.d/override.conf', { uid: 1000, owner: 'alice' }) },
        { name: 'docker.socket', file: file('/lib/systemd/system/docker.socket', { gid: 5, group: 'tty' }) },
      ],
    };
    rules(auditRules)(h);
  });
}

/** Host evidence that takes every branch of the section-1 and section-3 checks at least once. */
const HOSTS: Record<string, HostEvidence> = {
  default: hostEvidence(),
  audited: hostEvidence((h) => {
    h.daemonConfig.file = file('/etc/docker/daemon.json');
    h.configFiles[1] = file('/etc/sysconfig/docker');
    // /etc/docker covers daemon.json; the directory of the containerd socket covers the socket.
    const watched = ['/usr/sbin/dockerd', '/var/lib/docker', '/run/containerd', '/etc/docker', '/run/docker.sock', '/etc/default/docker', '/etc/sysconfig/docker', '/etc/containerd/config.toml'];
    rules([...watched, ...h.binaries.map((b) => b.path)].map((p) => `-w ${p} -k docker`))(h);
  }),
  ruleFilesNone: hostEvidence((h) => (h.audit = { rules: ['-w /etc/docker -k docker'], sources: [], loaded: false, auditdAbsent: false })),
  auditUnreadable: hostEvidence((h) => (h.audit = null)),
  noAuditd: hostEvidence((h) => (h.audit = { rules: [], sources: [], loaded: false, auditdAbsent: true })),
  systemd: systemdHost(['-w /lib/systemd/system/docker.service -k docker']),
  systemdSocketAudited: systemdHost(['-w /lib/systemd/system/docker.socket -k docker']),
  systemdWithoutUnits: hostEvidence((h) => {
    h.daemon!.systemdUnit = 'docker.service';
    h.systemd = { startedBySystemd: true, units: [] };
  }),
  noDaemon: hostEvidence((h) => (h.daemon = null)),
  tls: hostEvidence((h) => (h.tls = {
    ca: file('/etc/docker/ca.pem', { mode: '0644' }),
    cert: file('/etc/docker/cert.pem', { mode: '0444', uid: 1000, gid: 1000, owner: undefined, group: undefined }),
    key: file('/etc/docker/key.pem', { mode: '0440', namedAs: '/etc/docker/tls/key.pem' }),
  })),
  registryCerts: hostEvidence((h) => (h.registryCerts = [file('/etc/docker/certs.d/registry.example:5000/ca.crt', { mode: '0644', owner: 'bob', uid: 1001 })])),
  tcpOnly: hostEvidence((h) => ((h.sockets = []), (h.tcpHosts = ['tcp://10.0.0.5:2376']))),
  noSockets: hostEvidence((h) => (h.sockets = [])),
  noSocketsNoDaemon: hostEvidence((h) => ((h.sockets = []), (h.daemon = null))),
  openSocket: hostEvidence((h) => (h.sockets[0].mode = '0666')),
  groupMembers: hostEvidence((h) => (h.socketGroup = { name: 'docker', gid: 998, members: ['alice', 'ci'], primaryMembers: ['deploy'] })),
  groupUnknown: hostEvidence((h) => (h.socketGroup = null)),
  groupUnknownNoSocket: hostEvidence((h) => ((h.socketGroup = null), (h.sockets = [file('/run/docker.sock', { exists: false })]))),
  otherGroup: hostEvidence((h) => Object.assign(h.sockets[0], { gid: 1000, group: 'users' })),
  notExamined: hostEvidence((h) => ((h.configFiles = []), (h.binaries = [h.binaries[0]]))),
  unreadable: hostEvidence((h) => ((h.configDir = { ...h.configDir, exists: false, error: 'EACCES' }), (h.configFiles[0] = file('/etc/default/docker', { error: 'EACCES: permission denied' })))),
  mountUnknown: hostEvidence((h) => (h.dataRoot.mount = null)),
  bindMount: hostEvidence((h) => (h.dataRoot.mount = { mountPoint: '/tmp/ra-engine/data', fsType: 'ext4', device: '254:0', source: '/dev/vda', rootDevice: '254:0', separateFromRoot: false })),
  onRoot: hostEvidence((h) => (h.dataRoot.mount = { mountPoint: '/', fsType: 'ext4', device: '254:0', source: '/dev/vda', rootDevice: '254:0', separateFromRoot: false })),
  noContainerd: hostEvidence((h) => (h.containerdSocket = null)),
  daemonJsonOpen: hostEvidence((h) => (h.daemonConfig.file = file('/etc/docker/daemon.json', { mode: '0666', owner: 'alice', uid: 1000 }))),
  daemonJsonInvalid: hostEvidence((h) => (h.daemonConfig.error = 'Unexpected token } in JSON at position 12')),
  daemonJsonUnreadable: hostEvidence((h) => (h.daemonConfig.file = file('/etc/docker/daemon.json', { error: 'EACCES' }))),
};

const ENGINES: Record<string, DockerEvidence> = {
  current: dockerEvidence([], (d) => (d.version.Version = '28.0.1')),
  oldSeries: dockerEvidence([], (d) => (d.version.Version = '19.03.15')),
  oldDistroBuild: dockerEvidence([], (d) => (d.version.Version = '20.10.24+dfsg1')),
  noVersion: dockerEvidence([], (d) => ((d.version.Version = undefined), (d.info.ServerVersion = undefined))),
};

const OPTIONS: Record<string, Record<string, unknown>> = {
  none: {},
  allTrusted: { 'cis-1.1.2': { trustedUsers: ['alice', 'ci', 'deploy'] } },
  someTrusted: { 'cis-1.1.2': { trustedUsers: ['alice'] } },
};

interface Evaluated {
  scenario: string;
  finding: Finding;
  values: Set<string>;
}

/** Every owned check (and `daemonConfigCheck` through cis.log-level) over every scenario and the sample evidence. */
function evaluateAll(sample: LoadedEvidence): Evaluated[] {
  const out: Evaluated[] = [];
  const add = (scenario: string, id: string, ev: LoadedEvidence, options: Record<string, unknown>) => {
    const values = stringsIn([ev, options]);
    for (const finding of run(id, ev, options)) out.push({ scenario, finding, values });
  };
  for (const c of [...OWNED.map((x) => x.id), 'cis.log-level']) {
    for (const [h, host] of Object.entries(HOSTS)) for (const [o, options] of Object.entries(OPTIONS)) add(`${h}/${o}`, c, loaded(ENGINES.current, host), options);
    for (const [e, docker] of Object.entries(ENGINES)) add(`engine ${e}`, c, loaded(docker, hostEvidence()), {});
    add('evidence/sample', c, sample, {});
  }
  return out;
}

describe('texts of CIS sections 1 and 3 in English and bokmål', () => {
  let results: Evaluated[] = [];
  before(async () => {
    results = evaluateAll(await loadEvidence(path.join(PROJECT_ROOT, 'evidence', 'sample')));
  });

  it('covers the 45 checks of sections 1 and 3', () => {
    assert.equal(OWNED.length, 45);
  });

  it('has every meta field as LocalText, translated', () => {
    for (const c of OWNED) {
      for (const k of META) assertLocal(c[k], `${c.id} ${k}`);
    }
  });

  it('writes the Norwegian meta texts without English function words', () => {
    for (const c of OWNED) for (const k of META) assert.deepEqual(englishWords((c[k] as LocalText).nb, [], ENGLISH_IN_PROSE), [], `${c.id} ${k}: ${(c[k] as LocalText).nb}`);
  });

  it('declares message templates on every automated check, with the same placeholders in both languages', () => {
    for (const c of [...OWNED, cisChecks.find((x) => x.id === 'cis.log-level')!]) {
      if (!c.automated) continue;
      const templates = Object.entries(c.messages ?? {});
      assert.ok(templates.length > 0, `${c.id} declares its templates (messages:)`);
      for (const [key, t] of templates) {
        assert.ok(t.en.trim().length > 0, `${c.id} ${key}: empty English template`);
        assert.deepEqual(placeholdersOf(t.nb), placeholdersOf(t.en), `${c.id} ${key}: placeholders differ`);
        assert.deepEqual(englishWords(t.nb), [], `${c.id} ${key}: ${t.nb}`);
      }
    }
    // daemonConfigCheck adds its own templates to a section-2 check's.
    assert.ok('notEvaluated' in (cisChecks.find((x) => x.id === 'cis.log-level')!.messages ?? {}));
  });

  it('fills every placeholder of every finding, in both languages', () => {
    assert.ok(results.length > 2000, `${results.length} findings evaluated`);
    for (const { scenario, finding: f } of results) {
      for (const lang of ['en', 'nb'] as const) {
        assert.doesNotMatch(f.message[lang], /\{\w+\}/, `${f.check} (${scenario}) ${lang}: ${f.message[lang]}`);
        assert.doesNotMatch(f.remediation[lang], /\{\w+\}/, `${f.check} (${scenario}) ${lang} remediation`);
      }
    }
  });

  it('gives Norwegian messages and fixes on the fixtures and the sample evidence', () => {
    for (const { scenario, finding: f, values } of results) {
      if (f.check === 'cis.log-level' && f.outcome !== 'error') continue; // only the factory's own message is ours
      assert.notEqual(f.message.nb, f.message.en, `${f.check} (${scenario}) is not translated: ${f.message.en}`);
      assert.deepEqual(englishWords(f.message.nb, values), [], `${f.check} (${scenario}): ${f.message.nb}`);
      if (f.check !== 'cis.log-level') assert.deepEqual(englishWords(f.remediation.nb, values, ENGLISH_IN_PROSE), [], `${f.check} (${scenario}) remediation: ${f.remediation.nb}`);
    }
  });

  it('uses every template of these checks on the fixtures, so the checks above saw each one filled', () => {
    const messages = [...new Set(results.map((r) => r.finding.message.en))];
    // A template's English with any text where its placeholders are (fragments such as `via` match inside sentences).
    const pattern = (t: string) => new RegExp(t.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{\w+\\?\}/g, '[\\s\\S]*?'));
    const unused = [...new Map(OWNED.flatMap((c) => Object.entries(c.messages ?? {}))).entries()]
      .filter(([, t]) => {
        const re = pattern(t.en);
        return !messages.some((m) => re.test(m));
      })
      .map(([key, t]) => `${key}: ${t.en}`);
    assert.deepEqual(unused, []);
  });

  it('keeps the English texts the checks had', () => {
    const byCheck = (id: string, scenario: string) => results.filter((r) => r.finding.check === id && r.scenario === scenario).map((r) => r.finding.message.en);
    assert.deepEqual(byCheck('cis.audit-dockerd', 'default/none'), ['No audit rule watches /usr/sbin/dockerd (0 rule(s) in rule files (/etc/audit/audit.rules); loaded rules not readable from here).']);
    assert.deepEqual(byCheck('cis.audit-etc-docker', 'ruleFilesNone/none'), ['/etc/docker is audited: -w /etc/docker -k docker.']);
    assert.deepEqual(byCheck('cis.tls-key-mode', 'tls/none'), ['/etc/docker/key.pem (named as /etc/docker/tls/key.pem) has mode 0440, more permissive than 0400.']);
    assert.deepEqual(byCheck('cis.docker-service-owner', 'systemd/none'), ['/lib/systemd/system/docker.service is owned by root:root.', '/etc/systemd/system/docker.service.d/override.conf is owned by alice:root, not root:root.']);
    assert.deepEqual(byCheck('cis.log-level', 'daemonJsonInvalid/none'), ['Not evaluated: /etc/docker/daemon.json is not valid JSON (Unexpected token } in JSON at position 12); dockerd would refuse to start with it.']);
    assert.deepEqual(byCheck('cis.trusted-users', 'openSocket/none'), ['Every local user can control the daemon: /run/docker.sock is mode 0666.']);
    const audit = OWNED.find((c) => c.id === 'cis.audit-containerd-binary')!;
    assert.equal((audit.decidedBy as LocalText).en, 'Looks for an audit rule (-w path, or -F path=/dir=) covering the containerd binary. Path: The containerd binary found on the host PATH. Loaded rules from auditctl -l when the tool runs on the host, else the rule files.');
  });

  it('writes Norwegian numbers and translated words into the messages', () => {
    const nb = (id: string, scenario: string) => results.find((r) => r.finding.check === id && r.scenario === scenario)!.finding.message.nb;
    assert.equal(nb('cis.audit-dockerd', 'ruleFilesNone/none'), 'Ingen audit-regel overvåker /usr/sbin/dockerd (1 regel(er) i regelfilene (ingen); de innlastede reglene kan ikke leses herfra).');
    assert.equal(nb('cis.docker-socket-owner', 'otherGroup/none'), '/run/docker.sock eies av root:users, ikke root:docker.');
    assert.equal(nb('cis.trusted-users', 'groupMembers/none'), '3 bruker(e) styrer daemonen gjennom gruppen docker: alice, ci, deploy. Bekreft at hver av dem kan betros root på denne verten.');
    assert.equal(nb('cis.tls-ca-owner', 'default/none'), 'Daemonen er ikke satt opp med TLS-CA-sertifikat (verken --tls/--tlsverify eller innstillingen tlscacert).');
  });
});
