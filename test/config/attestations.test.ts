import { strict as assert } from 'node:assert';
import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { appendAttestation, AttestationsFileError, findAttestationsFile, loadAttestationsFile, parseAttestations, parsePackAttestations, packAttestationsJson } from '../../src/config/attestations';
import { PROJECT_ROOT } from '../../src/version';

const GOOD = `# Quarterly answers, kept by the security team.
attestations:
  # Ports were reviewed in the design review.
  - control: cis-5.9
    target: "shop-*"
    outcome: pass
    statement: Only the ports in the service design are published.
    by: { name: Kari Nordmann, role: Security lead }
    at: 2026-10-01
    basis: https://wiki.example.no/isms/412
  - control: cis.minimal-packages
    outcome: not-applicable
    statement: Distroless images only.
    by: Ola Hansen
    at: 2026-10-02T09:30:00Z
    expires: 2027-01-31
`;

describe('attestations.yaml: loading, validating, appending', () => {
  const schema = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'evidence/schema/attestations.schema.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ra-att-'));
  });
  afterEach(async () => fs.rm(dir, { recursive: true, force: true }));

  it('parses entries, fills the default expiry (one year after at), and accepts a name as "by"', () => {
    const a = parseAttestations('attestations.yaml', GOOD);
    assert.deepEqual(a[0], {
      control: 'cis-5.9', target: 'shop-*', outcome: 'pass', statement: 'Only the ports in the service design are published.',
      by: { name: 'Kari Nordmann', role: 'Security lead' }, at: '2026-10-01', basis: 'https://wiki.example.no/isms/412', expires: '2027-10-01',
    });
    assert.deepEqual(a[1].by, { name: 'Ola Hansen' });
    assert.equal(a[1].expires, '2027-01-31');
    assert.deepEqual(parseAttestations('x', ''), []);
    assert.deepEqual(parseAttestations('x', 'attestations:\n'), []);
  });

  it('agrees with evidence/schema/attestations.schema.json on good and bad files', () => {
    const cases: [string, boolean][] = [
      [GOOD, true],
      ['attestations: []', true],
      ['attestations:\n  - { control: cis-5.9, outcome: passed, statement: s, by: K, at: 2026-10-01 }', false],
      ['attestations:\n  - { control: cis-5.9, outcome: pass, statement: s, by: K, at: 01.10.2026 }', false],
      ['attestations:\n  - { control: cis-5.9, outcome: pass, statement: s, at: 2026-10-01 }', false],
      ['attestations:\n  - { control: cis-5.9, outcome: pass, statement: s, by: K, at: 2026-10-01, note: x }', false],
      ['attestations:\n  - { control: cis-5.9, outcome: pass, statement: s, by: { name: K, team: x }, at: 2026-10-01 }', false],
      ['attestations:\n  - { control: cis-5.9, outcome: pass, statement: "  ", by: K, at: 2026-10-01 }', false],
      ['waivers: []', false],
    ];
    for (const [text, ok] of cases) {
      assert.equal(validate(parse(text)), ok, `schema on ${text}`);
      let parsed = true;
      try {
        parseAttestations('f', text);
      } catch (err) {
        assert.ok(err instanceof AttestationsFileError);
        parsed = false;
      }
      assert.equal(parsed, ok, `loader on ${text}`);
    }
    // The pack's copy (defaults filled in) validates too, and reads back the same.
    const copy = packAttestationsJson(parseAttestations('f', GOOD));
    assert.ok(validate(JSON.parse(copy)), JSON.stringify(validate.errors));
    assert.deepEqual(parsePackAttestations(dir, Buffer.from(copy)).attestations, parseAttestations('f', GOOD));
  });

  it('names the file, the entry and the field of a bad value; refuses an impossible date and an expiry before "at"', () => {
    assert.throws(() => parseAttestations('a.yaml', 'attestations:\n  - { control: cis-5.9, outcome: pass, statement: s, by: K, at: 2026-10-01 }\n  - { control: cis-5.9, outcome: yes, statement: s, by: K, at: 2026-10-01 }'), /^AttestationsFileError: a\.yaml: attestations\[1\]: "outcome" must be pass, fail, not-applicable; got "yes"$/);
    assert.throws(() => parseAttestations('a.yaml', 'attestations:\n  - { control: cis-5.9, outcome: pass, statement: s, by: K, at: 2026-02-30 }'), /attestations\[0\]: "at" must be an ISO date/);
    assert.throws(() => parseAttestations('a.yaml', 'attestations:\n  - { control: cis-5.9, outcome: pass, statement: s, by: K, at: 2026-10-01, expires: 2026-09-01 }'), /"expires" \(2026-09-01\) must be after "at" \(2026-10-01\)/);
    assert.throws(() => parseAttestations('a.yaml', 'attestations: [unclosed'), /a\.yaml: not valid YAML/);
  });

  it('is found beside the --config file, or given with --attestations', async () => {
    const config = path.join(dir, 'audit.yaml');
    await fs.writeFile(config, 'organisation: x\n');
    assert.equal(findAttestationsFile(undefined, config), undefined);
    await fs.writeFile(path.join(dir, 'attestations.yaml'), GOOD);
    assert.equal(findAttestationsFile(undefined, config), path.join(dir, 'attestations.yaml'));
    assert.equal(findAttestationsFile('other.yaml', config), 'other.yaml');
    assert.equal(loadAttestationsFile(path.join(dir, 'attestations.yaml')).attestations.length, 2);
    assert.throws(() => loadAttestationsFile(path.join(dir, 'missing.yaml')), /cannot read attestations file .*missing\.yaml: ENOENT/);
    assert.throws(() => loadAttestationsFile(dir), /is not a regular file/);
  });

  it('appends one entry keeping the comments and earlier entries, and creates a missing file', async () => {
    const file = path.join(dir, 'attestations.yaml');
    await fs.writeFile(file, GOOD);
    const entry = { control: 'cis-5.7', outcome: 'pass' as const, statement: 'No sshd: checked with ps in every container: "none".', by: { name: 'Kari Nordmann' }, at: '2026-11-20', expires: '2027-11-20' };
    const r = await appendAttestation(file, entry);
    assert.deepEqual(r, { created: false, count: 3 });
    const text = await fs.readFile(file, 'utf8');
    assert.ok(text.startsWith('# Quarterly answers, kept by the security team.\n'), text);
    assert.match(text, /  # Ports were reviewed in the design review\.\n  - control: cis-5\.9/);
    assert.match(text, /by: \{ name: Kari Nordmann, role: Security lead \}/, 'the flow mapping of an earlier entry is kept');
    const all = parseAttestations(file, text);
    assert.deepEqual(all[2], entry);
    assert.deepEqual(all.slice(0, 2), parseAttestations('x', GOOD));
    assert.deepEqual((await fs.readdir(dir)).sort(), ['attestations.yaml'], 'no temp file left');

    const fresh = path.join(dir, 'new.yaml');
    assert.deepEqual(await appendAttestation(fresh, entry), { created: true, count: 1 });
    const freshText = await fs.readFile(fresh, 'utf8');
    assert.match(freshText, /^# Attestations:/);
    assert.match(freshText, /^attestations:\n  - control: cis-5\.7\n/m);
    assert.deepEqual(parseAttestations(fresh, freshText), [entry]);
  });

  it('refuses to append to an invalid file and leaves it unchanged', async () => {
    const file = path.join(dir, 'attestations.yaml');
    const bad = '# keep me\nattestations:\n  - { control: cis-5.9, outcome: maybe, statement: s, by: K, at: 2026-10-01 }\n';
    await fs.writeFile(file, bad);
    await assert.rejects(appendAttestation(file, { control: 'cis-5.7', outcome: 'pass', statement: 's', by: { name: 'K' }, at: '2026-11-20', expires: '2027-11-20' }), /"outcome" must be/);
    assert.equal(await fs.readFile(file, 'utf8'), bad);
  });
});
