/**
 * JUnit XML for CI dashboards: one testsuite per section, one testcase per finding.
 * fail/warn → <failure>, error → <error> (could not check), manual/not-applicable/waived → <skipped>
 * with the reason, pass/info → a plain testcase.
 */
import type { Finding, FindingsDocument } from '../findings/types';

/** XML 1.0 forbids most control characters even escaped: they are written as visible \u{..} text. */
export function xmlText(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => `\\u{${c.codePointAt(0)!.toString(16).padStart(4, '0')}}`)
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function detail(f: Finding): string {
  return [
    f.message.en,
    `target: ${f.target.kind} ${f.target.name} (${f.target.id})${f.target.state ? `, state ${f.target.state}` : ''}`,
    `observed: ${JSON.stringify(f.observed)}`,
    `expected: ${JSON.stringify(f.expected)}`,
    `remediation: ${f.remediation.en}`,
    `finding id: ${f.id}`,
    `evidence: ${f.evidence.map((e) => `${e.file}#${e.pointers.join(',')}`).join('; ')}`,
  ].join('\n');
}

function testcase(f: Finding): string {
  const name = xmlText(`${f.control} ${f.target.name}`);
  const cls = xmlText(`residency-audit.${f.section}.${f.control}`);
  const open = `    <testcase classname="${cls}" name="${name}" time="0">`;
  switch (f.outcome) {
    case 'fail':
    case 'warn':
      return `${open}\n      <failure type="${f.outcome}" message="${xmlText(`[${f.severity}] ${f.message.en}`)}">${xmlText(detail(f))}</failure>\n    </testcase>`;
    case 'error':
      return `${open}\n      <error type="not-checked" message="${xmlText(f.message.en)}">${xmlText(detail(f))}</error>\n    </testcase>`;
    case 'manual':
    case 'not-applicable':
      return `${open}\n      <skipped message="${xmlText(`${f.outcome}: ${f.message.en}`)}"/>\n    </testcase>`;
    case 'waived':
      return `${open}\n      <skipped message="${xmlText(`waived (was ${f.waivedOutcome ?? '?'}) by ${f.waiver?.approvedBy ?? '?'} until ${f.waiver?.expires ?? '?'}: ${f.waiver?.justification ?? ''}`)}"/>\n    </testcase>`;
    case 'attested':
      return `${open}\n      <skipped message="${xmlText(`attested ${f.attestedOutcome ?? '?'} by ${f.attestation?.by.name ?? '?'}: ${f.attestation?.statement ?? ''}`)}"/>\n    </testcase>`;
    default:
      return `${open}</testcase>`;
  }
}

export function renderJunit(doc: FindingsDocument): string {
  const bySection = new Map<string, Finding[]>();
  for (const f of doc.findings) {
    const list = bySection.get(f.section);
    if (list) list.push(f);
    else bySection.set(f.section, [f]);
  }
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  for (const [section, list] of bySection) {
    const fl = list.filter((f) => f.outcome === 'fail' || f.outcome === 'warn').length;
    const er = list.filter((f) => f.outcome === 'error').length;
    const sk = list.filter((f) => f.outcome === 'manual' || f.outcome === 'not-applicable' || f.outcome === 'waived').length;
    tests += list.length;
    failures += fl;
    errors += er;
    skipped += sk;
    suites.push(
      `  <testsuite name="${xmlText(section)}" tests="${list.length}" failures="${fl}" errors="${er}" skipped="${sk}" timestamp="${xmlText(doc.run.evaluatedAt)}" hostname="${xmlText(doc.run.host.hostname)}">\n${list.map(testcase).join('\n')}\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="residency-audit ${xmlText(doc.run.toolVersion)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}">\n${suites.join('\n')}\n</testsuites>\n`;
}
