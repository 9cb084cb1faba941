/**
 * The interop renderers on hand-built findings: every outcome, waivers, attestations, hostile texts,
 * an empty run. Each export is checked with the reader its users have: the NIST OSCAL schema, the HDF
 * schema and inspecjs (the library Heimdall loads HDF with), an independent CSV parser, exceljs.
 */
import { strict as assert } from 'node:assert';
import ExcelJS from 'exceljs';
import { contextualizeEvaluation, convertFile, type ContextualizedEvaluation } from 'inspecjs';
import type { ResidencyRecord } from '../../../src/findings/residency';
import type { ControlRecord, Finding, FindingsDocument, Outcome } from '../../../src/findings/types';
import { translator } from '../../../src/i18n';
import { renderFindingsCsv } from '../../../src/render/interop/findings-csv';
import { renderFindingsXlsx } from '../../../src/render/interop/findings-xlsx';
import { IMPACT, renderHdf } from '../../../src/render/interop/hdf';
import { markdown, renderOscal, token } from '../../../src/render/interop/oscal';
import { renderTransfersCsv } from '../../../src/render/transfers-csv';
import { RESIDENCY_AUDIT_UUID_NAMESPACE, uuidV5 } from '../../../src/render/interop/uuid';
import { setZipTimes } from '../../../src/render/interop/zip-time';
import { document, finding } from '../../support/findings';
import { hdfErrors, oscalErrors, parseCsv } from './support';

const HOSTILE = '<script>alert(1)</script> [x](javascript:alert(1)) *bold*';
const EVIDENCE = [
  { file: 'evidence/docker.json', collector: 'docker', collectorVersion: '1.0.0', schemaVersion: '1.0.0', status: 'ok', startedAt: '2026-11-20T10:00:00.000Z', endedAt: '2026-11-20T10:00:05.000Z', sha256: 'a'.repeat(64), size: 1234 },
  { file: 'evidence/host.json', collector: 'host', collectorVersion: '1.0.0', schemaVersion: '1.0.0', status: 'partial', startedAt: '2026-11-20T10:00:06.000Z', endedAt: '2026-11-20T10:00:07.000Z', sha256: 'b'.repeat(64), size: 99, warnings: ['auditctl not installed'] },
];

function control(id: string, extra: Partial<ControlRecord> = {}): ControlRecord {
  const text = (s: string) => ({ en: s, nb: `${s} (nb)` });
  return {
    check: id, control: id, title: text(`Title of ${id}`), section: 'containers', severity: 'high', automated: true,
    decidedBy: text(`Decided from ${id} evidence`), rationale: text('Why it matters'), remediation: text('Fix it'), references: [], requires: ['docker'], ...extra,
  };
}

const c = (name: string) => ({ kind: 'container' as const, id: `id-${name}`, name, state: 'running' });
const WAIVER = { control: 'cis-5.13', justification: 'Vendor image; replacement in Q1', approvedBy: 'CISO', expires: '2027-03-31' };
const ATTESTATION = { statement: 'Backups are restored quarterly', by: { name: 'Kari Nordmann', role: 'IT lead' }, at: '2026-10-01', basis: 'ticket OPS-12', expires: '2027-01-01' };

/** One control per situation a renderer has to map, each with findings on two or three containers. */
function mixedDocument(): FindingsDocument {
  const cis = (n: string, extra: Partial<ControlRecord> = {}) => control(`cis-${n}`, { benchmark: { name: 'CIS Docker Benchmark', version: '1.8.0', id: n, assessment: 'automated' }, level: 1, ...extra });
  const gdprRefs = [{ framework: 'GDPR' as const, id: 'Art. 44', title: 'General principle for transfers', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj' }, { framework: 'GDPR' as const, id: 'Art. 46', title: 'Appropriate safeguards' }];
  const controls = {
    'cis-5.5': cis('5.5', { severity: 'critical' }),
    'cis-5.13': cis('5.13', { severity: 'medium' }),
    'cis-1.1.1': cis('1.1.1', { severity: 'low', automated: false, section: 'host' }),
    'cis-5.99': cis('5.99', { severity: 'info' }),
    'cis-2.1': cis('2.1', { section: 'daemon' }),
    'residency-endpoint-jurisdiction': control('residency-endpoint-jurisdiction', { section: 'residency', references: gdprRefs }),
    'virt-shared-kernel': control('virt-shared-kernel', { section: 'virtualization', severity: 'medium' }),
  };
  const f = (ctl: string, outcome: Outcome, name: string, extra: Partial<Finding> = {}) => {
    const rec = controls[ctl as keyof typeof controls];
    return finding(ctl, rec.section, outcome, c(name), { title: rec.title.en, severity: rec.severity, references: rec.references, message: { en: `${name}: ${outcome} æøå`, nb: `${name}: ${outcome} på norsk æøå` }, remediation: { en: `Fix ${name}`, nb: `Rett ${name}` }, ...extra });
  };
  const findings: Finding[] = [
    f('cis-5.5', 'pass', 'web'),
    f('cis-5.5', 'fail', 'db', { evidence: [{ file: 'evidence/docker.json', pointers: ['/data/containers/1/HostConfig/Privileged'] }] }),
    f('cis-5.5', 'warn', HOSTILE),
    f('cis-5.13', 'waived', 'legacy', { waiver: WAIVER, waivedOutcome: 'fail' }),
    f('cis-5.13', 'waived', 'legacy-2', { waiver: WAIVER, waivedOutcome: 'fail' }),
    f('cis-1.1.1', 'attested', 'host', { attestation: ATTESTATION, attestedOutcome: 'pass', evidence: [] }),
    f('cis-5.99', 'info', 'web'),
    f('cis-2.1', 'not-applicable', 'web', { evidence: [{ file: 'evidence/host.json', pointers: [''] }] }),
    f('cis-2.1', 'not-applicable', 'db'),
    f('residency-endpoint-jurisdiction', 'error', 'api', { evidence: [{ file: 'evidence/network.json', pointers: ['/data'] }] }),
    f('residency-endpoint-jurisdiction', 'manual', '=HYPERLINK("http://evil.example/x")'),
    f('virt-shared-kernel', 'attested', 'vm', { attestation: ATTESTATION, attestedOutcome: 'not-applicable' }),
  ];
  const doc = document(findings, { evidence: EVIDENCE, catalog: { benchmark: 'cis-docker-1.8.0', checks: 7, sha256: 'c'.repeat(64) }, config: { sha256: 'd'.repeat(64), organisation: 'Nordlys AS', period: '2026 Q4', preparedBy: 'Ola' } });
  doc.controls = controls;
  return doc;
}

function oscalOf(doc: FindingsDocument) {
  const parsed = JSON.parse(renderOscal(doc)) as { 'assessment-results': { results: { findings?: Record<string, unknown>[]; observations?: Record<string, unknown>[]; 'reviewed-controls': { 'control-selections': { 'include-controls': { 'control-id': string }[] }[] } }[] } };
  return { parsed, result: parsed['assessment-results'].results[0] };
}

const propsOf = (x: Record<string, unknown>) => (x.props as { name: string; value: string }[]) ?? [];
const propValues = (x: Record<string, unknown>, name: string) => propsOf(x).filter((p) => p.name === name).map((p) => p.value);

describe('interop: name-based UUIDs', () => {
  it('computes RFC 9562 version 5 UUIDs (the RFC namespace test vector) and our namespace is a version 4 UUID', () => {
    // uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org') in Python's documentation.
    assert.equal(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), '886313e1-3b8a-5372-9b90-0c9aee199e5d');
    assert.match(RESIDENCY_AUDIT_UUID_NAMESPACE, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const u = uuidV5('finding:abc');
    assert.match(u, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(uuidV5('finding:abc'), u);
    assert.notEqual(uuidV5('finding:abd'), u);
    assert.throws(() => uuidV5('x', 'not-a-uuid'), /not a UUID/);
  });
});

describe('interop: OSCAL assessment results (hand-built findings)', () => {
  const doc = mixedDocument();
  const { parsed, result } = oscalOf(doc);

  it('is valid against the NIST OSCAL 1.2.1 assessment-results schema', () => {
    assert.deepEqual(oscalErrors(parsed), []);
  });

  it('the schema check is real: a document missing a required field or with a bad UUID is refused', () => {
    const broken = JSON.parse(JSON.stringify(parsed)) as typeof parsed & { 'assessment-results': { metadata: Record<string, unknown> } };
    delete broken['assessment-results'].metadata.title;
    (broken['assessment-results'].results[0].findings![0] as Record<string, unknown>).uuid = 'not-a-uuid';
    const errors = oscalErrors(broken).join('\n');
    assert.match(errors, /title/);
    assert.match(errors, /uuid/);
  });

  it('has one OSCAL finding per finding, its UUID derived from the finding id, targeting the control', () => {
    assert.equal(result.findings!.length, doc.findings.length);
    doc.findings.forEach((f, i) => {
      const o = result.findings![i];
      assert.equal(o.uuid, uuidV5(`finding:${f.id}`));
      assert.deepEqual(propValues(o, 'finding-id'), [f.id]);
      assert.deepEqual(propValues(o, 'outcome'), [f.outcome]);
      assert.equal((o.target as { 'target-id': string })['target-id'], f.control);
    });
  });

  it('maps outcomes to satisfied only where the control is met; could-not-check and waivers are not satisfied', () => {
    const state = (i: number) => (result.findings![i].target as { status: { state: string; reason: string; remarks?: string } }).status;
    const expect: [number, string, string][] = [
      [0, 'satisfied', 'pass'], [1, 'not-satisfied', 'fail'], [2, 'not-satisfied', 'fail'], [3, 'not-satisfied', 'other'],
      [5, 'satisfied', 'pass'], [6, 'satisfied', 'other'], [7, 'satisfied', 'other'], [9, 'not-satisfied', 'other'], [10, 'not-satisfied', 'other'], [11, 'satisfied', 'other'],
    ];
    for (const [i, s, reason] of expect) assert.deepEqual([state(i).state, state(i).reason], [s, reason], `finding ${i} (${doc.findings[i].outcome})`);
    assert.match(state(3).remarks!, /Waived \(accepted risk\) until 2027-03-31, approved by CISO/);
    assert.match(state(5).remarks!, /Attested pass by Kari Nordmann \(IT lead\) on 2026-10-01/);
    assert.match(state(9).remarks!, /Could not be checked/);
  });

  it('links findings to the observations of their evidence files and names the pointers', () => {
    const observations = new Map(result.observations!.map((o) => [o.uuid as string, o]));
    assert.equal(observations.size, EVIDENCE.length);
    const related = (i: number) => ((result.findings![i]['related-observations'] as { 'observation-uuid': string }[] | undefined) ?? []).map((r) => r['observation-uuid']);
    assert.deepEqual(related(1).map((u) => propValues(observations.get(u)!, 'collector')[0]), ['docker']);
    assert.deepEqual(propValues(result.findings![1], 'evidence-pointer'), ['evidence/docker.json#/data/containers/1/HostConfig/Privileged']);
    assert.deepEqual(related(5), [], 'an attested finding without evidence links no observation');
    // evidence/network.json is not in run.evidence: named, but no observation is made up for it.
    assert.deepEqual(related(9), []);
    assert.deepEqual(propValues(result.findings![9], 'evidence-pointer'), ['evidence/network.json#/data']);
  });

  it('has one observation per evidence file with its SHA-256 (back-matter rlink hash) and collection time', () => {
    const back = (parsed['assessment-results'] as unknown as { 'back-matter': { resources: { uuid: string; rlinks?: { href: string; hashes: { algorithm: string; value: string }[] }[] }[] } })['back-matter'].resources;
    for (const [i, e] of EVIDENCE.entries()) {
      const o = result.observations![i];
      assert.equal(o.collected, e.endedAt);
      assert.deepEqual(propValues(o, 'collection-start'), [e.startedAt]);
      const ev = (o['relevant-evidence'] as { href: string; props: { name: string; value: string }[] }[])[0];
      assert.ok(ev.props.some((p) => p.name === 'sha256' && p.value === e.sha256));
      const res = back.find((r) => `#${r.uuid}` === ev.href);
      assert.ok(res, `relevant-evidence ${ev.href} resolves to a back-matter resource`);
      assert.deepEqual(res.rlinks, [{ href: e.file, 'media-type': 'application/json', hashes: [{ algorithm: 'SHA-256', value: e.sha256 }] }]);
    }
    assert.match(result.observations![1].description as string, /Warning: auditctl not installed/);
  });

  it('names CIS benchmark ids and versions, and GDPR articles, on findings and in the reviewed controls', () => {
    assert.deepEqual(propValues(result.findings![1], 'benchmark-id'), ['5.5']);
    assert.deepEqual(propValues(result.findings![1], 'benchmark-version'), ['1.8.0']);
    assert.deepEqual(propValues(result.findings![9], 'gdpr-article'), ['Art. 44', 'Art. 46']);
    assert.deepEqual(result.findings![9].links, [{ href: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj', rel: 'reference', text: 'GDPR Art. 44: General principle for transfers' }]);
    const selected = result['reviewed-controls']['control-selections'].map((s) => s['include-controls'].map((x) => x['control-id']));
    assert.deepEqual(selected, [['cis-5.5', 'cis-5.13', 'cis-1.1.1', 'cis-5.99', 'cis-2.1'], ['residency-endpoint-jurisdiction', 'virt-shared-kernel'], ['gdpr-art-44', 'gdpr-art-46']]);
  });

  it('escapes Markdown in texts from the evidence and keeps OSCAL tokens valid', () => {
    const o = result.findings![2];
    const markup = [o.title, o.description, o.remarks, (o.target as { status: { remarks?: string } }).status.remarks].join('\n');
    assert.ok(!markup.includes('<script>'), 'no raw HTML in markup');
    assert.ok(!markup.includes('[x](javascript'), 'no Markdown link');
    assert.ok((o.description as string).startsWith('\\<script\\>alert(1)\\</script\\> \\[x\\](javascript:alert(1)) \\*bold\\*'));
    // Props are data, not markup: the name is kept as the engine gave it.
    assert.deepEqual(propValues(o, 'target-name'), [HOSTILE]);
    assert.equal(markdown('a <b> [c](d) *e*'), 'a \\<b\\> \\[c\\](d) \\*e\\*');
    assert.equal(token('5.5'), '_5.5');
    assert.equal(token('cis 5.5/x'), 'cis_5.5_x');
  });

  it('is the same bytes for the same findings, and other UUIDs for another run', () => {
    assert.equal(renderOscal(mixedDocument()), renderOscal(mixedDocument()));
    const later = mixedDocument();
    later.run.evaluatedAt = '2026-11-24T12:00:00Z';
    const other = oscalOf(later).parsed['assessment-results'] as unknown as { uuid: string };
    assert.notEqual(other.uuid, (parsed['assessment-results'] as unknown as { uuid: string }).uuid);
    assert.equal(oscalOf(later).result.findings![0].uuid, result.findings![0].uuid, 'a finding keeps its UUID across runs');
  });

  it('stays valid for a run with no findings, no evidence and no organisation', () => {
    const empty = document([]);
    assert.deepEqual(oscalErrors(JSON.parse(renderOscal(empty))), []);
  });
});

describe('interop: HDF (hand-built findings)', () => {
  const doc = mixedDocument();
  const text = renderHdf(doc);
  const hdf = JSON.parse(text) as { profiles: { name: string; controls: { id: string; impact: number; tags: Record<string, unknown>; results: { status: string; code_desc: string; message?: string; skip_message?: string; start_time: string }[]; waiver_data?: Record<string, unknown>; attestation_data?: Record<string, unknown> }[] }[] };
  const controlsById = new Map(hdf.profiles.flatMap((p) => p.controls).map((x) => [x.id, x]));

  it('is valid against the HDF exec-json schema and inspecjs reads it as exec-json 1.0', () => {
    assert.deepEqual(hdfErrors(hdf), []);
    const converted = convertFile(text, true);
    assert.ok(converted['1_0_ExecJson'], `inspecjs did not read it: ${JSON.stringify(converted.errors)}`);
  });

  it('the schema check is real: a control without results or a result with a bad status is refused', () => {
    const broken = JSON.parse(text) as { profiles: { controls: Record<string, unknown>[] }[] };
    delete broken.profiles[0].controls[0].results;
    (broken.profiles[0].controls[1].results as Record<string, unknown>[])[0].status = 'maybe';
    const errors = hdfErrors(broken).join('\n');
    assert.match(errors, /results/);
    assert.match(errors, /status|allowed values/);
  });

  it('groups controls into one profile per family: the benchmark, then our checks per section', () => {
    assert.deepEqual(hdf.profiles.map((p) => [p.name, p.controls.map((x) => x.id)]), [
      ['cis-docker-benchmark-1.8.0', ['cis-5.5', 'cis-5.13', 'cis-1.1.1', 'cis-5.99', 'cis-2.1']],
      ['residency-audit-residency', ['residency-endpoint-jurisdiction']],
      ['residency-audit-virtualization', ['virt-shared-kernel']],
    ]);
  });

  it('maps severity to impact and outcomes to result statuses, with the message, waiver or attestation', () => {
    assert.deepEqual(IMPACT, { critical: 0.9, high: 0.7, medium: 0.5, low: 0.3, info: 0 });
    const x = controlsById.get('cis-5.5')!;
    assert.equal(x.impact, 0.9);
    assert.deepEqual(x.tags, { severity: 'critical', check: 'cis-5.5', section: 'containers', automated: true, benchmark: 'CIS Docker Benchmark 1.8.0', cis_id: '5.5', cis_assessment: 'automated', cis_level: 1 });
    assert.deepEqual(x.results.map((r) => r.status), ['passed', 'failed', 'failed']);
    assert.equal(x.results[1].message, 'db: fail æøå');
    assert.equal(x.results[1].code_desc, 'container db: Decided from cis-5.5 evidence');
    assert.equal(x.results[1].start_time, EVIDENCE[0].startedAt);
    const waived = controlsById.get('cis-5.13')!;
    assert.deepEqual(waived.results.map((r) => r.status), ['skipped', 'skipped']);
    assert.match(waived.results[0].skip_message!, /^Waived until 2027-03-31, approved by CISO: Vendor image/);
    assert.deepEqual(waived.waiver_data, { justification: WAIVER.justification, expiration_date: '2027-03-31', message: 'approved by CISO', run: true, skipped_due_to_waiver: true });
    const attested = controlsById.get('cis-1.1.1')!;
    assert.equal(attested.results[0].status, 'passed');
    assert.match(attested.results[0].message!, /Attested pass by Kari Nordmann \(IT lead\)/);
    assert.deepEqual(attested.attestation_data, { control_id: 'cis-1.1.1', explanation: 'Backups are restored quarterly (basis: ticket OPS-12)', frequency: '92d', status: 'passed', updated: '2026-10-01', updated_by: 'Kari Nordmann (IT lead)' });
    assert.equal(controlsById.get('cis-2.1')!.impact, 0, 'every finding not applicable: impact 0');
    assert.deepEqual(controlsById.get('residency-endpoint-jurisdiction')!.results.map((r) => r.status), ['error', 'skipped']);
    assert.equal(controlsById.get('cis-5.99')!.results[0].skip_message, 'web: info æøå');
  });

  it('gives the control statuses Heimdall shows (computed by inspecjs)', () => {
    const evaluation: ContextualizedEvaluation = contextualizeEvaluation(convertFile(text)['1_0_ExecJson']!);
    const status = new Map(evaluation.contains.flatMap((p) => p.contains).map((x) => [x.data.id, x.root.hdf.status]));
    assert.deepEqual(Object.fromEntries(status), {
      'cis-5.5': 'Failed',
      'cis-5.13': 'Not Applicable',
      'cis-1.1.1': 'Passed',
      'cis-5.99': 'Not Applicable',
      'cis-2.1': 'Not Applicable',
      'residency-endpoint-jurisdiction': 'Profile Error',
      'virt-shared-kernel': 'Not Applicable',
    });
  });

  it('passes beside a target left to a manual check are not shown as Passed: the targets to review become their own control', () => {
    const rec = control('cis-5.12', { benchmark: { name: 'CIS Docker Benchmark', version: '1.8.0', id: '5.12', assessment: 'automated' }, severity: 'high' });
    const f = (outcome: Outcome, name: string) => finding('cis-5.12', rec.section, outcome, c(name), { title: rec.title.en, severity: rec.severity, message: { en: `${name}: ${outcome}`, nb: `${name}: ${outcome}` } });
    const mixed = (outcomes: [Outcome, string][]) => {
      const d = document(outcomes.map(([o, n]) => f(o, n)), { evidence: EVIDENCE });
      d.controls = { 'cis-5.12': rec };
      const out = renderHdf(d);
      assert.deepEqual(hdfErrors(JSON.parse(out)), []);
      const ev: ContextualizedEvaluation = contextualizeEvaluation(convertFile(out)['1_0_ExecJson']!);
      const controls = ev.contains.flatMap((p) => p.contains);
      const profile = (JSON.parse(out) as { profiles: { groups: { controls: string[] }[]; controls: { id: string; results: { code_desc: string }[] }[] }[] }).profiles[0];
      const group = profile.groups.flatMap((g) => g.controls);
      return { status: Object.fromEntries(controls.map((x) => [x.data.id, x.root.hdf.status])), results: Object.fromEntries(profile.controls.map((x) => [x.id, x.results.map((r) => r.code_desc.split(':')[0])])), group };
    };
    const split = mixed([['pass', 'web'], ['manual', 'db'], ['pass', 'cache']]);
    assert.deepEqual(split.status, { 'cis-5.12': 'Passed', 'cis-5.12 (manual review)': 'Not Reviewed' });
    assert.deepEqual(split.results, { 'cis-5.12': ['container web', 'container cache'], 'cis-5.12 (manual review)': ['container db'] });
    assert.deepEqual(split.group, ['cis-5.12', 'cis-5.12 (manual review)']);
    // A failure already shows the control as Failed, and a control without a pass is Not Reviewed: one control each.
    assert.deepEqual(mixed([['fail', 'web'], ['manual', 'db']]).status, { 'cis-5.12': 'Failed' });
    assert.deepEqual(mixed([['manual', 'db'], ['info', 'web']]).status, { 'cis-5.12': 'Not Reviewed' });
  });

  it('is the same bytes for the same findings and stays valid for an empty run', () => {
    assert.equal(renderHdf(mixedDocument()), text);
    const empty = renderHdf(document([]));
    assert.deepEqual(hdfErrors(JSON.parse(empty)), []);
    assert.ok(convertFile(empty)['1_0_ExecJson']);
  });
});

describe('interop: findings.csv and findings.xlsx (hand-built findings)', function () {
  this.timeout(30_000);
  const doc = mixedDocument();

  it('writes UTF-8 with BOM and CRLF, one row per finding in the pack language, and parses back with æøå intact', () => {
    for (const lang of ['en', 'nb'] as const) {
      const csv = renderFindingsCsv(doc, lang);
      assert.ok(csv.startsWith('\ufeff'));
      const rows = parseCsv(csv.slice(1));
      assert.equal(rows.length, doc.findings.length + 1);
      const t = translator(lang);
      assert.deepEqual(rows[0].slice(0, 3), [t('interop.col.id'), t('interop.col.check'), t('interop.col.control')]);
      const col = (key: Parameters<typeof t>[0]) => rows[0].indexOf(t(key));
      doc.findings.forEach((f, i) => {
        const row = rows[i + 1];
        assert.equal(row[col('interop.col.id')], f.id);
        if (!f.message[lang].startsWith('=')) assert.equal(row[col('interop.col.message')], f.message[lang]);
        assert.equal(row[col('interop.col.title')], doc.controls[f.control].title[lang]);
        assert.equal(row[col('interop.col.severity')], t(`severity.${f.severity}`));
      });
    }
    const nb = parseCsv(renderFindingsCsv(doc, 'nb').slice(1));
    assert.equal(nb[2][nb[0].indexOf('Alvorlighet')], 'kritisk');
    assert.equal(nb[2][nb[0].indexOf('Funn')], 'db: fail på norsk æøå');
  });

  it('neutralises cells a spreadsheet would run as a formula (CSV injection)', () => {
    const rows = parseCsv(renderFindingsCsv(doc, 'en').slice(1));
    const evil = rows.find((r) => r.some((cell) => cell.includes('HYPERLINK')))!;
    for (const cell of evil) assert.ok(!/^[=+\-@]/.test(cell), `cell starts a formula: ${cell}`);
    assert.ok(evil.some((cell) => cell.startsWith("'=HYPERLINK")));
  });

  it('puts the waiver and the attestation into their own column', () => {
    const rows = parseCsv(renderFindingsCsv(doc, 'en').slice(1));
    const note = rows[0].indexOf('Waiver or attestation');
    assert.equal(rows[4][note], 'Waived until 2027-03-31, approved by CISO: Vendor image; replacement in Q1 (outcome before the waiver: fail)');
    assert.equal(rows[6][note], 'Attested pass by Kari Nordmann (IT lead) on 2026-10-01, valid until 2027-01-01: Backups are restored quarterly (ticket OPS-12)');
    assert.equal(rows[1][note], '');
  });

  it('findings.xlsx opens with exceljs: three sheets, headers, one row per finding, frozen header with filters', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderFindingsXlsx(doc, 'nb')) as unknown as ExcelJS.Buffer);
    assert.deepEqual(wb.worksheets.map((w) => w.name), ['Funn', 'Overføringsregister', 'Svar på spørreskjema']);
    const ws = wb.worksheets[0];
    assert.equal(ws.rowCount, doc.findings.length + 1);
    assert.equal(ws.getRow(1).getCell(1).value, 'Funn-ID');
    assert.equal(ws.getRow(3).getCell(10).value, 'db: fail på norsk æøå');
    assert.equal(String(ws.getRow(12).getCell(8).value), 'container =HYPERLINK("http://evil.example/x")');
    assert.equal(ws.getRow(12).getCell(8).formula, undefined, 'a text cell, not a formula');
    assert.equal(ws.views[0].state, 'frozen');
    assert.ok(ws.autoFilter, 'the header has filters');
    assert.equal(wb.worksheets[1].rowCount, 1, 'no residency record: an empty register');
    assert.equal(wb.worksheets[2].rowCount, 32, '31 questionnaire answers');
  });

  it('gives the same xlsx bytes when written again seconds later (workbook and zip times are the run\'s)', async () => {
    const first = await renderFindingsXlsx(doc, 'en');
    await new Promise((r) => setTimeout(r, 2100));
    assert.ok(first.equals(await renderFindingsXlsx(doc, 'en')));
  });
});

describe('interop: the transfer register sheet of findings.xlsx', () => {
  const transfer = (mechanism: string, status: string, reason: string) => ({ mechanism, module: mechanism === 'scc' ? '2' : null, derogation: null, act: null, document: mechanism === 'scc' ? 'DPA annex 3' : null, tiaDate: mechanism === 'scc' ? '2026-05-01' : null, note: null, basisText: null, status, reason, text: `${reason}.` });
  const row = (endpoint: string, country: string | null, jurisdiction: string, outcome: string, t: ReturnType<typeof transfer>) => ({ endpoint, display: `https://${endpoint}`, containers: ['web', 'wørker'], objects: [], kinds: ['env'], country, jurisdiction, transfer: t, outcome, findings: [`f-${endpoint}`] });
  const residency = { host: { country: 'NO', basis: 'declared', detail: '' }, endpoints: [], summary: { en: [], nb: [] }, groups: [], config: { source: 'default', file: null, sha256: null, differsFromCollection: false }, geolocation: null, resolver: { mode: null }, error: null,
    transfers: [row('us.example', 'US', 'third-country', 'fail', transfer('none', 'missing', 'not-declared')), row('scc.example', 'IN', 'third-country', 'warn', transfer('scc', 'covered-needs-review', 'scc-with-tia')), row('x.example', null, 'unknown', 'manual', transfer('none', 'missing', 'location-unknown'))] } as unknown as ResidencyRecord;

  for (const lang of ['en', 'nb'] as const) {
    it(`holds the register transfers.csv holds, cell for cell (${lang})`, async () => {
      const doc = document([]);
      doc.residency = residency;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await renderFindingsXlsx(doc, lang)) as unknown as ExcelJS.Buffer);
      const sheet = wb.worksheets[1];
      const cells: string[][] = [];
      sheet.eachRow((r) => cells.push((r.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
      const csv = parseCsv(renderTransfersCsv(doc, lang).slice(1));
      assert.equal(csv.length, 4, 'header and three destinations');
      assert.deepEqual(cells, csv.map((r) => r.map((v) => v.replace(/^'/, ''))));
      assert.ok(cells.some((r) => r.includes('https://scc.example')));
    });
  }

  it('is an empty register (header only) without residency decisions', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderFindingsXlsx(document([]), 'en')) as unknown as ExcelJS.Buffer);
    assert.equal(wb.worksheets[1].name, 'Transfer register');
    assert.equal(wb.worksheets[1].rowCount, 1);
    assert.equal(wb.worksheets[1].getRow(1).getCell(1).value, translator('en')('transfers.col.endpoint'));
  });
});

describe('interop: zip entry times', () => {
  it('sets every entry of an exceljs workbook to the given time, and the workbook still opens', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('a').addRow(['x']);
    const zip = setZipTimes(Buffer.from(await wb.xlsx.writeBuffer()), new Date('2026-11-23T12:34:56Z'));
    const date = ((2026 - 1980) << 9) | (11 << 5) | 23;
    const time = (12 << 11) | (34 << 5) | 28;
    let entries = 0;
    for (let p = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); p >= 0; p = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p + 4)) {
      assert.deepEqual([zip.readUInt16LE(p + 12), zip.readUInt16LE(p + 14)], [time, date]);
      const local = zip.readUInt32LE(p + 42);
      assert.deepEqual([zip.readUInt16LE(local + 10), zip.readUInt16LE(local + 12)], [time, date]);
      entries++;
    }
    assert.ok(entries > 5, `only ${entries} entries`);
    await new ExcelJS.Workbook().xlsx.load(zip as unknown as ExcelJS.Buffer);
    assert.throws(() => setZipTimes(Buffer.from('not a zip at all, just some bytes'), new Date()), /not a zip file/);
  });
});
