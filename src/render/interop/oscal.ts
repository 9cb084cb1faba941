/**
 * findings.oscal.json: the run as NIST OSCAL 1.2.1 Assessment Results, for GRC tools and auditors.
 *
 * - One result per run: start/end = collection time, the reviewed controls (CIS Docker Benchmark
 *   controls, our own checks, the GDPR articles the findings cite), one observation per evidence file
 *   (its SHA-256 in a back-matter resource, its collection time), one OSCAL finding per finding.
 * - Each OSCAL finding targets its control (`target-id` = the control id as shown, e.g. `cis-5.5`),
 *   names the benchmark id and version, GDPR articles and other references in props and links, and
 *   links the observations of the evidence it was decided from. Our outcome is kept in a prop; the
 *   OSCAL state is satisfied for pass (and for not-applicable, informational, attested pass or not
 *   applicable, reason `other` where it is not a pass), not-satisfied for everything else: fail and
 *   warn (reason `fail`), and error, manual and waived (reason `other`): could not check is never a pass,
 *   and a waiver accepts a risk, it does not satisfy the control.
 * - Every UUID is a version 5 UUID (uuid.ts) of what it identifies: a finding's of its finding id, an
 *   observation's of the evidence file and its SHA-256, the document's of the run. The only times
 *   are those in findings.run, so the same findings.json always gives the same bytes.
 * - Written compact (no indentation): the file is for tools; `jq .` shows it indented.
 * - Custom props live in the namespace https://residency-audit.invalid/ns/oscal. Texts that come from
 *   evidence are escaped for Markdown (OSCAL markup) so a label cannot become a link or HTML.
 */
import { createHash } from 'node:crypto';
import type { ControlRecord, EvidenceFileRecord, Finding, FindingsDocument, Outcome, Reference } from '../../findings/types';
import { uuidV5 } from './uuid';

export const OSCAL_VERSION = '1.2.1';
export const OSCAL_PROP_NS = 'https://residency-audit.invalid/ns/oscal';

type Json = Record<string, unknown>;

/** OSCAL StringDatatype: one line, no leading or trailing white space, never empty. */
export function oneLine(s: string, fallback = '-'): string {
  const v = s.replace(/\s+/g, ' ').trim();
  return v || fallback;
}

/** CommonMark text: ASCII punctuation that would start emphasis, code, links or HTML is escaped. */
export function markdown(s: string): string {
  return s.replace(/[\\`*_[\]<>#|~!&]/g, (c) => `\\${c}`);
}

/** OSCAL TokenDatatype (an XML NCName): a letter or _ first, then letters, digits, . - _. */
export function token(s: string): string {
  const v = s.replace(/[^\p{L}\p{N}._-]/gu, '_');
  return /^(\p{L}|_)/u.test(v) ? v : `_${v}`;
}

function prop(name: string, value: string | number | boolean | null | undefined): Json[] {
  if (value === null || value === undefined || value === '') return [];
  return [{ name, ns: OSCAL_PROP_NS, value: oneLine(String(value)) }];
}

/** `props` only when there is one (OSCAL arrays have at least one item). */
function props(list: Json[]): Json {
  return list.length ? { props: list } : {};
}

const SATISFIED: ReadonlySet<Outcome> = new Set(['pass', 'not-applicable', 'info']);

function status(f: Finding): Json {
  const outcome = f.outcome === 'attested' ? f.attestedOutcome ?? 'manual' : f.outcome;
  const state = SATISFIED.has(outcome) ? 'satisfied' : 'not-satisfied';
  const reason = outcome === 'pass' ? 'pass' : outcome === 'fail' || outcome === 'warn' ? 'fail' : 'other';
  const why: Partial<Record<Outcome, string>> = {
    error: 'Could not be checked: the evidence needed was missing or unreadable.',
    manual: 'Not decided from evidence: a person must check this.',
    'not-applicable': 'Does not apply to this target.',
    info: 'Informational: recorded, not judged.',
    warn: 'Warning: does not meet the control as recommended.',
  };
  let remarks = why[outcome];
  if (f.outcome === 'waived' && f.waiver) {
    const w = f.waiver;
    remarks = `Waived (accepted risk) until ${w.expires}, approved by ${w.approvedBy}: ${w.justification}.${f.waivedOutcome ? ` Outcome before the waiver: ${f.waivedOutcome}.` : ''}`;
  }
  if (f.outcome === 'attested' && f.attestation) {
    const a = f.attestation;
    remarks = `Attested ${f.attestedOutcome} by ${a.by.name}${a.by.role ? ` (${a.by.role})` : ''} on ${a.at}, valid until ${a.expires}: ${a.statement}${a.basis ? ` Basis: ${a.basis}.` : ''}`;
  }
  return { state, reason, ...(remarks ? { remarks: markdown(remarks) } : {}) };
}

function gdprToken(id: string): string {
  return token(`gdpr-${id.toLowerCase().replace(/^art\.?\s*/, 'art-').replace(/[^a-z0-9]+/g, '-').replace(/-+$/, '')}`);
}

function referenceProps(refs: readonly Reference[]): Json[] {
  return refs.flatMap((r) => (r.framework === 'GDPR' ? prop('gdpr-article', r.id) : prop('reference', `${r.framework} ${r.id}`)));
}

function referenceLinks(refs: readonly Reference[]): Json[] {
  const seen = new Set<string>();
  const out: Json[] = [];
  for (const r of refs) {
    if (!r.url || !/^[a-z][a-z0-9+.-]*:\S+$/i.test(r.url)) continue;
    const text = oneLine(`${r.framework} ${r.id}${r.title ? `: ${r.title}` : ''}`);
    const key = `${r.url} ${text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ href: r.url, rel: 'reference', text: markdown(text) });
  }
  return out;
}

/** The benchmark's own number and version (its name is on the control selection). */
function benchmarkProps(c: ControlRecord | undefined): Json[] {
  if (!c?.benchmark) return [];
  return [...prop('benchmark-version', c.benchmark.version), ...prop('benchmark-id', c.benchmark.id)];
}

/** Identifies the run: the same findings.json gives the same key, another run another one. */
function runKey(doc: FindingsDocument): string {
  const r = doc.run;
  const basis = { host: r.host.hostname, engineId: r.host.engineId, evaluatedAt: r.evaluatedAt, collectedAt: r.collectedAt, catalog: r.catalog.sha256, config: r.config.sha256, evidence: r.evidence.map((e) => [e.file, e.sha256]) };
  return createHash('sha256').update(JSON.stringify(basis)).digest('hex');
}

const evidenceResourceUuid = (e: EvidenceFileRecord) => uuidV5(`evidence-resource:${e.file}:${e.sha256}`);
const observationUuid = (e: EvidenceFileRecord) => uuidV5(`observation:${e.file}:${e.sha256}`);

function evidenceResource(e: EvidenceFileRecord): Json {
  return {
    uuid: evidenceResourceUuid(e),
    title: markdown(oneLine(e.file)),
    description: markdown(`Evidence file written by the ${e.collector} collector ${e.collectorVersion} (evidence schema ${e.schemaVersion}), status ${e.status}, collected from ${e.startedAt} to ${e.endedAt}.`),
    props: [...prop('collector', e.collector), ...prop('collector-version', e.collectorVersion), ...prop('status', e.status), ...prop('size', e.size)],
    rlinks: [{ href: encodeURI(e.file), 'media-type': 'application/json', hashes: [{ algorithm: 'SHA-256', value: e.sha256 }] }],
  };
}

function observation(e: EvidenceFileRecord, toolUuid: string, hostUuid: string): Json {
  const notes = [e.error ? `Collector error: ${e.error}.` : '', ...(e.warnings ?? []).map((w) => `Warning: ${w}.`)].filter(Boolean).join(' ');
  return {
    uuid: observationUuid(e),
    title: markdown(oneLine(`Evidence ${e.file}`)),
    description: markdown(`What the ${e.collector} collector saw on the host, as stored in ${e.file} (status ${e.status}).${notes ? ` ${notes}` : ''}`),
    props: [...prop('collector', e.collector), ...prop('collector-version', e.collectorVersion), ...prop('evidence-status', e.status), ...prop('collection-start', e.startedAt), ...prop('collection-end', e.endedAt)],
    // The storage collector measures (a benchmark); every other collector reads configuration and state.
    methods: [e.collector === 'storage' ? 'TEST' : 'EXAMINE'],
    origins: [{ actors: [{ type: 'tool', 'actor-uuid': toolUuid }] }],
    subjects: [{ 'subject-uuid': hostUuid, type: 'inventory-item' }],
    'relevant-evidence': [
      {
        href: `#${evidenceResourceUuid(e)}`,
        description: markdown(`${e.file}: SHA-256 ${e.sha256}, ${e.size} bytes, collected from ${e.startedAt} to ${e.endedAt}.`),
        props: [...prop('sha256', e.sha256), ...prop('collection-start', e.startedAt), ...prop('collection-end', e.endedAt)],
      },
    ],
    collected: e.endedAt,
  };
}

function oscalFinding(doc: FindingsDocument, f: Finding, observationOf: Map<string, string>): Json {
  const c = doc.controls[f.control];
  const observations = [...new Set(f.evidence.map((e) => observationOf.get(e.file)).filter((u): u is string => !!u))];
  const pointers = f.evidence.flatMap((e) => (e.pointers.length ? e.pointers.map((p) => `${e.file}#${p}`) : [e.file]));
  const links = referenceLinks(f.references);
  const remediation = f.remediation.en.trim();
  return {
    uuid: uuidV5(`finding:${f.id}`),
    title: markdown(oneLine(c?.title.en ?? f.title)),
    description: markdown(f.message.en.trim() || f.title),
    props: [
      ...prop('finding-id', f.id),
      ...prop('check', f.check),
      ...prop('outcome', f.outcome),
      ...prop('severity', f.severity),
      ...prop('target-kind', f.target.kind),
      ...prop('target-id', f.target.id),
      ...prop('target-name', f.target.name),
      ...prop('target-state', f.target.state),
      ...benchmarkProps(c),
      ...referenceProps(f.references),
      ...pointers.flatMap((p) => prop('evidence-pointer', p)),
    ],
    ...(links.length ? { links } : {}),
    target: { type: 'objective-id', 'target-id': token(f.control), status: status(f) },
    ...(observations.length ? { 'related-observations': observations.map((u) => ({ 'observation-uuid': u })) } : {}),
    ...(remediation ? { remarks: markdown(`Remediation: ${remediation}`) } : {}),
  };
}

function reviewedControls(doc: FindingsDocument): Json {
  const controls = Object.values(doc.controls);
  const known = new Set(controls.map((c) => c.control));
  const orphan = [...new Set(doc.findings.map((f) => f.control).filter((id) => !known.has(id)))];
  const benchmarks = new Map<string, ControlRecord[]>();
  const own: string[] = [];
  for (const c of controls) {
    if (c.benchmark) {
      const key = `${c.benchmark.name} ${c.benchmark.version}`;
      benchmarks.set(key, [...(benchmarks.get(key) ?? []), c]);
    } else own.push(c.control);
  }
  own.push(...orphan);
  const select = (ids: readonly string[]) => [...new Set(ids.map(token))].map((id) => ({ 'control-id': id }));
  const selections: Json[] = [...benchmarks].map(([name, cs]) => ({
    description: markdown(`${name}: the recommendations evaluated (control ids as shown in the findings, ${cs[0].benchmark!.name} number in the benchmark-id prop of each finding).`),
    props: [...prop('benchmark', cs[0].benchmark!.name), ...prop('benchmark-version', cs[0].benchmark!.version)],
    'include-controls': select(cs.map((c) => c.control)),
  }));
  if (own.length) selections.push({ description: 'residency-audit checks outside any benchmark (EEA data residency, virtualization, network, storage and others).', props: prop('catalog', 'residency-audit'), 'include-controls': select(own) });
  const gdpr = [...new Set([...controls.flatMap((c) => c.references), ...doc.findings.flatMap((f) => f.references)].filter((r) => r.framework === 'GDPR').map((r) => r.id))];
  if (gdpr.length) selections.push({ description: 'GDPR (Regulation (EU) 2016/679) articles the findings cite; each finding names them in its gdpr-article props.', props: prop('framework', 'GDPR'), 'include-controls': select(gdpr.map(gdprToken)) });
  if (!selections.length) selections.push({ description: 'No control was evaluated.', 'include-controls': [{ 'control-id': 'none' }] });
  return { description: markdown(`Controls evaluated with the residency-audit check catalog (${doc.run.catalog.benchmark}, ${doc.run.catalog.checks} checks, SHA-256 ${doc.run.catalog.sha256}).`), 'control-selections': selections };
}

function metadata(doc: FindingsDocument, key: string): Json {
  const r = doc.run;
  const parties: Json[] = [];
  const responsible: Json[] = [];
  const roles: Json[] = [];
  if (r.config.organisation) {
    const uuid = uuidV5(`party:organisation:${r.config.organisation}`);
    parties.push({ uuid, type: 'organization', name: oneLine(r.config.organisation) });
    roles.push({ id: 'prepared-for', title: 'Prepared for' });
    responsible.push({ 'role-id': 'prepared-for', 'party-uuids': [uuid] });
  }
  if (r.config.preparedBy) {
    const uuid = uuidV5(`party:prepared-by:${r.config.preparedBy}`);
    parties.push({ uuid, type: 'person', name: oneLine(r.config.preparedBy) });
    roles.push({ id: 'prepared-by', title: 'Prepared by' });
    responsible.push({ 'role-id': 'prepared-by', 'party-uuids': [uuid] });
  }
  return {
    title: markdown(oneLine(`Container hardening and EEA data residency audit of ${r.host.hostname}${r.config.period ? `, ${r.config.period}` : ''}`)),
    published: r.evaluatedAt,
    'last-modified': r.evaluatedAt,
    version: oneLine(r.evaluatedAt),
    'oscal-version': OSCAL_VERSION,
    props: [
      ...prop('tool', r.tool),
      ...prop('tool-version', r.toolVersion),
      ...prop('findings-schema-version', r.schemaVersion),
      ...prop('run-key', key),
      ...prop('config-sha256', r.config.sha256),
      ...prop('period', r.config.period),
      ...(r.evidenceModified ?? []).flatMap((f) => prop('evidence-modified', f)),
      ...prop('unverified', r.unverified ? 'true' : null),
    ],
    ...(roles.length ? { roles } : {}),
    ...(parties.length ? { parties } : {}),
    ...(responsible.length ? { 'responsible-parties': responsible } : {}),
  };
}

export function renderOscal(doc: FindingsDocument): string {
  const r = doc.run;
  const key = runKey(doc);
  const toolUuid = uuidV5(`component:${r.tool}`);
  const hostUuid = uuidV5(`inventory-item:${r.host.hostname}:${r.host.engineId ?? ''}`);
  const planUuid = uuidV5(`assessment-plan:${r.catalog.sha256}:${r.config.sha256 ?? ''}`);
  const observationOf = new Map(r.evidence.map((e) => [e.file, observationUuid(e)]));
  const scores = Object.entries(r.score.byFramework).flatMap(([name, s]) => prop(`score-${token(name)}`, s.value));
  const counts = Object.entries(r.counts).flatMap(([outcome, n]) => prop(`count-${token(outcome)}`, n));
  const result: Json = {
    uuid: uuidV5(`result:${key}`),
    title: markdown(oneLine(`residency-audit run on ${r.host.hostname}`)),
    description: markdown(
      `${doc.findings.length} findings from ${r.catalog.checks} checks (${r.catalog.benchmark}), evaluated ${r.evaluatedAt} from evidence collected ${r.collectedAt ?? 'at an unknown time'}${r.collectedUntil ? ` to ${r.collectedUntil}` : ''}.` +
        (r.gaps.length ? ` Incomplete: ${r.gaps.join('; ')}.` : ''),
    ),
    start: r.collectedAt ?? r.evaluatedAt,
    ...(r.collectedUntil ? { end: r.collectedUntil } : {}),
    ...props([...scores, ...counts, ...r.gaps.flatMap((g) => prop('gap', g))]),
    'local-definitions': {
      components: [
        {
          uuid: toolUuid,
          type: 'software',
          title: 'residency-audit',
          description: 'Collects read-only evidence from a Docker host and evaluates container hardening (CIS Docker Benchmark) and EEA data residency (GDPR Chapter V).',
          props: prop('version', r.toolVersion),
          status: { state: 'operational' },
        },
      ],
      'inventory-items': [
        {
          uuid: hostUuid,
          description: markdown(`Docker host ${r.host.hostname}${r.engine?.version ? `, Docker Engine ${r.engine.version}` : ''}.`),
          ...props([
            ...prop('hostname', r.host.hostname),
            ...prop('engine-id', r.host.engineId),
            ...prop('os', r.host.os),
            ...prop('kernel', r.host.kernel),
            ...prop('engine-version', r.engine?.version),
            ...prop('engine-endpoint', r.engine?.endpoint),
            ...r.host.addresses.flatMap((a) => prop('address', a)),
          ]),
        },
      ],
    },
    'reviewed-controls': reviewedControls(doc),
    ...(r.evidence.length ? { observations: r.evidence.map((e) => observation(e, toolUuid, hostUuid)) } : {}),
    ...(doc.findings.length ? { findings: doc.findings.map((f) => oscalFinding(doc, f, observationOf)) } : {}),
  };
  const backMatter = [
    {
      uuid: planUuid,
      title: 'Assessment plan: the residency-audit check catalog',
      description: markdown(`No separate OSCAL assessment plan exists: the plan is the check catalog the findings were evaluated with (${r.catalog.benchmark}, ${r.catalog.checks} checks, SHA-256 ${r.catalog.sha256})${r.config.sha256 ? ` and the audit configuration (config.json, SHA-256 ${r.config.sha256})` : ''}.`),
      props: [...prop('catalog-benchmark', r.catalog.benchmark), ...prop('catalog-checks', r.catalog.checks), ...prop('catalog-sha256', r.catalog.sha256)],
      ...(r.config.sha256 ? { rlinks: [{ href: 'config.json', 'media-type': 'application/json', hashes: [{ algorithm: 'SHA-256', value: r.config.sha256 }] }] } : {}),
    },
    ...r.evidence.map(evidenceResource),
  ];
  const document = {
    $schema: `http://csrc.nist.gov/ns/oscal/${OSCAL_VERSION}/oscal-ar-schema.json`,
    'assessment-results': {
      uuid: uuidV5(`assessment-results:${key}`),
      metadata: metadata(doc, key),
      'import-ap': { href: `#${planUuid}`, remarks: 'The assessment plan is described by the back-matter resource this points to.' },
      results: [result],
      'back-matter': { resources: backMatter },
    },
  };
  // Compact: at 1,000 containers the findings alone are ~30,000 objects; indentation would add a third.
  return `${JSON.stringify(document)}\n`;
}
