/**
 * Texts of the CIS checks of sections 2 (daemon), 4 (images), 6 (operations) and 7 (swarm), in
 * English and bokmål: every meta field is LocalText, every template has the same placeholders in
 * both languages, and the Norwegian findings these checks give on the test fixtures and on the
 * sample evidence are Norwegian (no English function words outside quoted and evidence values).
 */
import { DAEMON_GAP_MESSAGES } from '../../../src/checks/docker/host-texts';
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { cisChecks } from '../../../src/checks/cis';
import { GAP_TEXTS, settingsGapText, settingSource, settingWhere } from '../../../src/checks/docker/setting-text';
import { SWARM_TEXTS } from '../../../src/checks/docker/swarm-check';
import { runCheck, type LoadedEvidence } from '../../../src/checks/evaluate';
import { placeholdersOf, TEXT_LANGS } from '../../../src/checks/text';
import type { AnyCheck, LocalText } from '../../../src/checks/types';
import { daemonSettingsGap, parseDockerdArgs, settingFrom } from '../../../src/domain/daemon-settings';
import { REDACTED } from '../../../src/evidence/redact/marker';
import { loadEvidence } from '../../../src/evidence/store';
import type { DockerEvidence, ImageInspect, NetworkInspect } from '../../../src/evidence/types/docker';
import type { HostEvidence } from '../../../src/evidence/types/host';
import type { Finding } from '../../../src/findings/types';
import { PROJECT_ROOT } from '../../../src/version';
import { container, dockerEvidence, file, fixture, hostEvidence, loaded, NOW, withFlags, withJson } from '../cis/fixtures';

/** The checks these tests cover: CIS sections 2, 4, 6 and 7 (1.6.0 numbers) and 1.8.0's devicemapper check. */
const OWNED: AnyCheck[] = cisChecks.filter((c) => /^[2467]\./.test(c.cis ?? '') || c.id === 'cis.devicemapper');
const META = ['title', 'decidedBy', 'rationale', 'remediation'] as const;

/** English function words that give away an untranslated sentence. */
const ENGLISH = ['the', 'is', 'are', 'and', 'of', 'with', 'which', 'must', 'not', 'has', 'have', 'this', 'that', 'from', 'for', 'to'];
/** `for` and `to` are Norwegian words too (for = for/because, to = two): allowed in meta texts, never in results. */
const ENGLISH_IN_META = ENGLISH.filter((w) => w !== 'for' && w !== 'to');

/** Every string inside an evidence value (observed), to remove from a message before looking for English. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) strings(x, strings(k, out));
  return out;
}

/** The English function words left in a text once quoted, backticked and evidence values are taken out. */
function englishWords(text: string, values: readonly string[] = [], words = ENGLISH): string[] {
  let t = text.replace(/«[^»]*»|`[^`]*`|"[^"]*"|'[^']*'/g, ' ');
  for (const v of [...values].filter((x) => x.length > 0).sort((a, b) => b.length - a.length)) t = t.split(v).join(' ');
  return (t.match(/\p{L}+/gu) ?? []).filter((w) => words.includes(w.toLowerCase()));
}

function templatesOf(c: AnyCheck): [string, LocalText][] {
  return Object.entries(c.messages ?? {});
}

/** A template as a pattern matching the messages it gives (placeholders match anything). */
function pattern(template: string, anchored: boolean): RegExp {
  const body = template.split(/\{\w+\}/).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*?');
  return new RegExp(anchored ? `^${body}$` : body);
}

/** Templates that are parts of another template's sentence, found inside a message rather than as all of it. */
const FRAGMENTS: Record<string, string[]> = { 'cis.content-trust': ['moreDigests', 'noAttestations', 'attestations'] };

// ---- evidence the checks are evaluated on: the recorded fixtures, varied to reach every template ----

const withInfo = (info: Partial<DockerEvidence['info']>, more?: (d: DockerEvidence) => void) =>
  dockerEvidence([], (d) => {
    Object.assign(d.info, info);
    more?.(d);
  });
const swarmOn = (swarm: Partial<NonNullable<DockerEvidence['info']['Swarm']>>, ev: Partial<NonNullable<DockerEvidence['swarm']>> = {}, more?: (d: DockerEvidence) => void) =>
  dockerEvidence([], (d) => {
    d.info.Swarm = { LocalNodeState: 'active', ControlAvailable: true, Managers: 3, Nodes: 3, NodeAddr: '10.0.0.5', ...swarm };
    d.swarm = { inspect: {}, nodes: [], services: [], secretCount: 2, autoLockEnabled: true, ...ev };
    more?.(d);
  });
const overlay = (name: string, encrypted: boolean): NetworkInspect => ({ ...fixture<NetworkInspect>('network-bridge'), Id: `net-${name}`, Name: name, Driver: 'overlay', Options: encrypted ? { encrypted: '' } : {}, Containers: {} });

function image(name: string, patch: (i: ImageInspect) => void): ImageInspect {
  const i: ImageInspect = { ...fixture<ImageInspect>('image-busybox'), Id: `sha256:${name.replace(/\W/g, '').padEnd(64, '0').slice(0, 64)}`, RepoTags: [name] };
  patch(i);
  return i;
}
const history = (...steps: string[]) => steps.reverse().map((CreatedBy) => ({ CreatedBy }));
const IMAGES: ImageInspect[] = [
  image('shop/api:1.4', (i) => {
    i.Config = { Env: ['DB_PASSWORD=hunter2', 'PATH=/usr/bin'], Healthcheck: { Test: ['CMD', 'true'] } };
    i.History = history('ADD file:0123abcd in /', 'RUN apt-get update', `RUN curl -u admin:${REDACTED} https://x.example`, 'ADD https://x.example/a.tgz /opt/');
    i.RepoDigests = ['registry.example.eu:5000/shop/api@sha256:' + 'a'.repeat(64), 'shop/api@sha256:' + 'b'.repeat(64)];
    i.Manifests = [{ Kind: 'attestation' }];
    i.Created = '2026-01-01T00:00:00Z';
  }),
  image('shop/web:2', (i) => {
    i.Config = { Env: ['API_TOKEN=abc'] };
    i.RepoDigests = ['nginx@sha256:' + 'c'.repeat(64)];
    i.Manifests = [];
  }),
  image('shop/batch:3', (i) => {
    i.History = history(`RUN echo ${REDACTED}`);
    i.Created = undefined;
  }),
];

/** Evidence sets that together reach every result template of the owned checks. */
function scenarios(): LoadedEvidence[] {
  const containers = (['hardened', 'weak', 'default', 'linked', 'exited'] as const).map((n) =>
    container(n, (c) => {
      if (n === 'linked') c.Config.User = '0';
    }));
  const devicemapper = (status: [string, string][]) => withInfo({ Driver: 'devicemapper', DriverStatus: status });
  const many = dockerEvidence(Array.from({ length: 30 }, (_, i) => container('exited', (c) => { c.Id = `exited-${i}`; c.Name = `/old-${i}`; })));
  return [
    loaded(dockerEvidence(containers), hostEvidence()),
    loaded(dockerEvidence(containers, (d) => (d.images = [...d.images, ...IMAGES])), withFlags('-D', '--iptables=false', '--no-new-privileges', '--default-ulimit', 'nofile=1024:4096', '--cgroup-parent=/ra')),
    loaded(dockerEvidence([], (d) => (d.images = Array.from({ length: 12 }, (_, n) => image(`unused/${n}:1`, () => undefined)))), withJson({ 'log-level': 'warn', 'userland-proxy': false, 'no-new-privileges': true, 'default-ulimits': { nofile: { Name: 'nofile', Soft: 1, Hard: 2 } } })),
    loaded(many, hostEvidence((h) => {
      h.tcpHosts = ['tcp://0.0.0.0:2375'];
      h.dockerProxyCount = 3;
    })),
    loaded(withInfo({ SecurityOptions: ['name=seccomp,profile=unconfined', 'name=rootless'], LoggingDriver: 'syslog', ExperimentalBuild: true, LiveRestoreEnabled: true, Driver: 'aufs' }, (d) => {
      d.networks[0].Options = { ...d.networks[0].Options, 'com.docker.network.bridge.enable_icc': 'false' };
    }), hostEvidence((h) => {
      h.tcpHosts = ['tcp://0.0.0.0:2376'];
      h.flags = { tls: ['true'] };
    })),
    loaded(withInfo({ SecurityOptions: ['name=seccomp,profile=/etc/docker/seccomp.json', 'name=userns'], LoggingDriver: 'journald', Driver: 'vfs', Plugins: { Authorization: ['opa-docker-authz'] } }), hostEvidence((h) => {
      h.tcpHosts = ['tcp://10.0.0.5:2376'];
      h.flags = { tlsverify: ['true'] };
      h.tls = { ca: file('/etc/docker/ca.pem'), cert: file('/etc/docker/cert.pem'), key: file('/etc/docker/key.pem', { mode: '0400' }) };
    })),
    loaded(withInfo({ SecurityOptions: [], Driver: 'zfs', RegistryConfig: { InsecureRegistryCIDRs: ['127.0.0.0/8', '10.0.0.0/8'], IndexConfigs: { 'reg.local:5000': { Name: 'reg.local:5000', Secure: false } } } }, (d) => (d.networks = []))),
    loaded(withInfo({ Driver: 'btrfs', LoggingDriver: undefined, ExperimentalBuild: undefined, LiveRestoreEnabled: undefined, Plugins: undefined, RegistryConfig: undefined })),
    loaded(withInfo({ Driver: undefined }), hostEvidence()),
    loaded(withInfo({ Driver: 'fuse-overlayfs' })),
    loaded(devicemapper([['Pool Name', 'docker-8:1-1-pool'], ['Data file', '/dev/loop0'], ['Data loop file', '/var/lib/docker/devicemapper/devicemapper/data']]), withFlags('--storage-opt', 'dm.basesize=50G')),
    loaded(devicemapper([['Pool Name', 'docker-thinpool']]), hostEvidence()),
    loaded(devicemapper([]), hostEvidence()),
    // Swarm: a healthy manager, then every way a swarm check can complain.
    loaded(swarmOn({ Cluster: { Spec: { CAConfig: { NodeCertExpiry: 720 * 3.6e12 } } } }, {}, (d) => (d.networks = [overlay('ingress', true)])), hostEvidence((h) => (h.tcpListeners = [{ address: '10.0.0.5', port: 2377, family: 4 }]))),
    loaded(swarmOn({ Managers: 2, Cluster: { Spec: { CAConfig: { NodeCertExpiry: 4000 * 3.6e12 } } } }, { secretCount: 0, autoLockEnabled: false }, (d) => (d.networks = [overlay('ingress', false), overlay('app', false)])), hostEvidence((h) => (h.tcpListeners = [{ address: '::', port: 2377, family: 6 }]))),
    loaded(swarmOn({ Managers: 9, NodeAddr: '' }, { secretCount: null, autoLockEnabled: null }, (d) => (d.networks = [])), hostEvidence((h) => (h.tcpListeners = []))),
    loaded(swarmOn({ Managers: undefined }, {}), hostEvidence((h) => (h.tcpListeners = null))),
    loaded(swarmOn({ ControlAvailable: false }), hostEvidence()),
  ];
}

/**
 * The runner's own sentence for a check with no results (src/checks/evaluate.ts), correct bokmål
 * whose last word is the Norwegian `for`: not a text of these checks, so not searched for English.
 */
const RUNNER_NOTHING = 'Ingenting på denne verten som kontrollen gjelder for.';

function findingsOf(ev: LoadedEvidence, checks: readonly AnyCheck[] = OWNED): Finding[] {
  return checks.flatMap((c) => runCheck(c, ev, { now: NOW }));
}

/**
 * Daemon settings that cannot be read, for 2.11 (dm.basesize), which words that itself. The other
 * section-2 daemon-setting checks leave it to daemonConfigCheck (src/checks/docker/host-check.ts),
 * whose texts are tested with that factory.
 */
function unreadableSettings(): Finding[] {
  const devicemapper = withInfo({ Driver: 'devicemapper', DriverStatus: [] });
  const basesize = OWNED.filter((c) => c.id === 'cis.dm-basesize');
  return [
    ...findingsOf(loaded(devicemapper, hostEvidence((h) => (h.daemon = null))), basesize),
    ...findingsOf(loaded(devicemapper, hostEvidence((h) => (h.daemonConfig = { path: '/etc/docker/daemon.json', origin: 'default', file: file('/etc/docker/daemon.json', { error: 'EACCES' }), content: null }))), basesize),
    ...findingsOf(loaded(devicemapper, hostEvidence((h) => (h.daemonConfig = { path: '/etc/docker/daemon.json', origin: 'default', file: file('/etc/docker/daemon.json'), content: null, error: 'Unexpected token } in JSON at position 9' }))), basesize),
  ];
}

describe('texts of CIS sections 2, 4, 6 and 7 in English and bokmål', () => {
  it('covers every check of those sections', () => {
    assert.equal(OWNED.length, 42, OWNED.map((c) => c.id).join(', '));
  });

  it('every title, decidedBy, rationale and remediation is LocalText, with a real Norwegian text', () => {
    for (const c of OWNED) {
      for (const field of META) {
        const t = c[field];
        assert.equal(typeof t, 'object', `${c.id}.${field} is still an English-only string`);
        const { en, nb } = t as LocalText;
        assert.ok(en.trim() && nb.trim(), `${c.id}.${field} has an empty language`);
        assert.notEqual(nb, en, `${c.id}.${field}: nb is the English text`);
        assert.deepEqual(englishWords(nb, [], ENGLISH_IN_META), [], `${c.id}.${field} (nb): ${nb}`);
      }
    }
  });

  it('every check with results has templates, and each template has the same placeholders in both languages', () => {
    for (const c of OWNED) {
      const list = templatesOf(c);
      // Only the manual checks that the runner words from decidedBy (4.3, 4.8, 4.11, 4.12) have none.
      if (!list.length) assert.ok(!c.automated && c.evaluate({} as never, { now: NOW }).length === 0, `${c.id} has no message templates`);
      for (const [key, t] of list) {
        for (const lang of TEXT_LANGS) assert.ok(t[lang]?.trim(), `${c.id} ${key}: no ${lang} text`);
        assert.deepEqual(placeholdersOf(t.nb), placeholdersOf(t.en), `${c.id} ${key}: placeholders differ`);
        const bare = t.nb.replace(/\{\w+\}/g, ' ');
        assert.deepEqual(englishWords(bare), [], `${c.id} ${key} (nb): ${t.nb}`);
      }
    }
    for (const [key, t] of [...Object.entries(SWARM_TEXTS.templates), ...Object.entries(GAP_TEXTS.templates)]) {
      assert.deepEqual(placeholdersOf(t.nb), placeholdersOf(t.en), key);
      assert.deepEqual(englishWords(t.nb.replace(/\{\w+\}/g, ' ')), [], `${key} (nb): ${t.nb}`);
    }
  });

  it('findings on the fixtures reach every template and are Norwegian in the Norwegian pack', () => {
    const findings = [...scenarios().flatMap((ev) => findingsOf(ev)), ...unreadableSettings()];
    for (const f of findings) {
      assert.ok(f.message.en && f.message.nb, `${f.check}: empty message`);
      assert.notEqual(f.message.nb, f.message.en, `${f.check} on ${f.target.name}: nb message is English: ${f.message.en}`);
      const values = [f.target.name, ...strings(f.observed)];
      if (f.message.nb !== RUNNER_NOTHING) assert.deepEqual(englishWords(f.message.nb, values), [], `${f.check} on ${f.target.name} (${f.outcome}): ${f.message.nb}`);
      assert.deepEqual(englishWords(f.remediation.nb, values, ENGLISH_IN_META), [], `${f.check} remediation: ${f.remediation.nb}`);
    }
    // Each template was written at least once, in both languages, so the check above saw all of them.
    for (const c of OWNED) {
      const mine = findings.filter((f) => f.check === c.id);
      for (const [key, t] of templatesOf(c)) {
        // daemonConfigCheck's gap texts are shared by every daemon-setting check; test/checks/texts/host.test.ts reaches them.
        if (key in DAEMON_GAP_MESSAGES.templates) continue;
        // The swarm factory's own texts: written by some section-7 check (worker only by those that need a manager).
        const pool = key.startsWith('swarm.') ? findings : mine;
        const anchored = !(FRAGMENTS[c.id] ?? []).includes(key);
        for (const lang of TEXT_LANGS) {
          const re = pattern(t[lang], anchored);
          assert.ok(pool.some((f) => re.test(f.message[lang])), `${c.id} ${key} (${lang}) never written by the scenarios`);
        }
      }
    }
  });

  it('findings on the sample evidence are Norwegian in the Norwegian pack', async () => {
    const ev = await loadEvidence(path.join(PROJECT_ROOT, 'evidence', 'sample'));
    const findings = findingsOf(ev);
    assert.ok(findings.length >= OWNED.length);
    for (const f of findings) {
      const values = [f.target.name, ...strings(f.observed)];
      if (f.message.nb !== RUNNER_NOTHING) assert.deepEqual(englishWords(f.message.nb, values), [], `${f.check} on ${f.target.name}: ${f.message.nb}`);
    }
  });

  it('keeps the English messages the other tests and earlier packs read', () => {
    const [ok] = runCheck(OWNED.find((c) => c.id === 'cis.devicemapper')!, loaded(dockerEvidence([])), { now: NOW });
    assert.deepEqual(ok.message, { en: 'The daemon uses the overlay2 storage driver, not devicemapper.', nb: 'Daemonen bruker lagringsdriveren overlay2, ikke devicemapper.' });
    const [off] = runCheck(OWNED.find((c) => c.id === 'cis.autolock')!, loaded(dockerEvidence([])), { now: NOW });
    assert.deepEqual(off.message, { en: 'Swarm mode is off on this engine.', nb: 'Swarm-modus er slått av på denne motoren.' });
    const [user] = runCheck(OWNED.find((c) => c.id === 'cis.container-user')!, loaded(dockerEvidence([container('weak')])), { now: NOW });
    assert.match(user.message.en, /^cis-fx-weak \(created\) runs as root/);
    assert.match(user.message.nb, /^cis-fx-weak \(opprettet\) kjører som root/);
    // Counts get each language's digit grouping; a port number is an identifier and gets none.
    const [sprawl] = runCheck(OWNED.find((c) => c.id === 'cis.container-sprawl')!, loaded(dockerEvidence([])), { now: NOW });
    assert.equal(sprawl.message.nb, '0 av 0 containere kjører ikke.');
    const nothing = runCheck(OWNED.find((c) => c.id === 'cis.swarm-interface')!, loaded(swarmOn({}), hostEvidence()), { now: NOW })[0];
    assert.match(nothing.message.en, /nothing listens on port 2377 on this host/);
  });

  it('names where a daemon setting came from in both languages, in the words daemonSettingsGap uses', () => {
    const dflt = settingFrom({}, null, 'iptables');
    assert.deepEqual(settingWhere(dflt), { en: dflt.where, nb: 'standardverdien i dockerd (true)' });
    const unset = settingFrom({}, null, 'cgroup-parent');
    assert.equal(settingWhere(unset).en, unset.where);
    assert.equal(settingWhere(unset).nb, 'standardverdien i dockerd (ikke satt)');
    const flag = settingFrom({ iptables: ['false'] }, null, 'iptables');
    assert.deepEqual(settingWhere(flag), { en: 'dockerd --iptables=false', nb: 'dockerd --iptables=false' });
    assert.deepEqual(settingSource(flag), { en: 'command line', nb: 'kommandolinjen' });
    const hosts: HostEvidence[] = [
      hostEvidence((h) => (h.daemon = null)),
      hostEvidence((h) => (h.daemonConfig = { path: '/etc/docker/daemon.json', origin: 'default', file: file('/etc/docker/daemon.json', { error: 'EACCES' }), content: null })),
      hostEvidence((h) => (h.daemonConfig = { path: '/etc/docker/daemon.json', origin: 'default', file: file('/etc/docker/daemon.json'), content: null, error: 'Unexpected end of JSON input' })),
    ];
    for (const h of hosts) assert.equal(settingsGapText(h)?.en, daemonSettingsGap(h));
    assert.equal(settingsGapText(hostEvidence()), null);
  });
});
