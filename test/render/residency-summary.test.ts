/**
 * The residency part carries the plain-language GDPR Chapter V summary (src/residency/summary.ts) in
 * both languages, decided with the same config as the residency checks, and reads the evidence
 * defensively. Also: the section scores and the formula come from src/findings/score.ts.
 */
import { strict as assert } from 'node:assert';
import type { LoadedEvidence, ResidencyEvidence } from '../../src/evidence/types';
import { formatDecimal, type Lang } from '../../src/i18n';
import { buildModel } from '../../src/render';
import { renderHtml } from '../../src/render/html';
import { defaultResidencyConfig, normalizeResidencyConfig } from '../../src/residency/config';
import { residencySummary } from '../../src/residency/summary';
import { evidence, FIXTURE_CONFIG, findingsDocument, renderInput } from './fixture';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#x60;': '`', '&#x3D;': '=' };

/** The paragraphs of the HTML's Chapter V summary, as a reader sees them (entities decoded); null when there is none. */
function htmlSummary(html: string): string[] | null {
  const m = /<section class="chv" id="residency-summary">([\s\S]*?)<\/section>/.exec(html);
  if (!m) return null;
  return [...m[1].matchAll(/<p>([\s\S]*?)<\/p>/g)].map((p) => p[1].replace(/&(amp|lt|gt|quot|#x27|#x60|#x3D);/g, (e) => ENTITIES[e]));
}

const DECLARED = {
  exporter: 'NO',
  host: { country: 'NO', provider: 'hetzner', note: 'Falkenstein DC per contract' },
  endpoints: [{ match: 'api.tracker.example.com', country: 'US', provider: 'tracker', transferBasis: 'SCCs (EU) 2021/914 module 2, TIA of 2026-03-01' }],
  providers: { hetzner: { name: 'Hetzner Online GmbH', parentCountry: 'DE' }, tracker: { name: 'Tracker Inc.', parentCountry: 'US' } },
};

function withResidency(ev: LoadedEvidence, data: unknown): LoadedEvidence {
  return { ...ev, residency: { ...ev.residency!, data: data as ResidencyEvidence } };
}

describe('GDPR Chapter V summary in the residency part', function () {
  this.timeout(20000);

  for (const lang of ['en', 'nb'] as const) {
    it(`${lang}: the HTML shows every paragraph of the residency engineer's summary, in order`, () => {
      const ev = evidence();
      const expected = residencySummary(ev.residency!.data!, defaultResidencyConfig(), lang).paragraphs;
      const html = renderHtml(buildModel(renderInput(lang, ev)));
      assert.deepEqual(htmlSummary(html), expected);
      assert.ok(expected.some((p) => p.includes('api.tracker.example.com:443')), 'the summary names the endpoints');
      assert.match(expected.join(' '), lang === 'en' ? /GDPR Chapter V/ : /personvernforordningen kapittel V/);
      // Linked from the contents, under the residency part.
      assert.match(html, /<li><a href="#p-residency">[^<]+<\/a><ol><li><a href="#residency-summary">/);
    });
  }

  it('uses the residency config the findings were evaluated with: the audit config passed in, else the one recorded in the evidence', () => {
    const t = (m: ReturnType<typeof buildModel>) => m.parts[0].residency!;
    const config = normalizeResidencyConfig(DECLARED);

    // Passed in (report DIR --config): declared host location, a note that it differs from the recorded one.
    const given = t(buildModel(renderInput('en', evidence(), { ...FIXTURE_CONFIG, residency: DECLARED })));
    assert.deepEqual(given.summary, residencySummary(evidence().residency!.data!, config, 'en').paragraphs);
    assert.match(given.summary[0], /is in Norway, as declared in the residency configuration/);
    assert.match(given.summary.join(' '), /Tracker Inc\. \(United States\)/, 'foreign parent of a declared provider');
    assert.ok(given.notes.some((n) => /differs from the one recorded with the evidence/.test(n)));

    // Recorded at collection, nothing passed in: the same summary, and no "differs" note.
    const ev = evidence();
    const recorded = withResidency(ev, { ...ev.residency!.data!, declared: { file: 'residency.yaml', sha256: 'ab'.repeat(32), config } });
    const fromEvidence = t(buildModel(renderInput('en', recorded)));
    assert.deepEqual(fromEvidence.summary, given.summary);
    assert.ok(!fromEvidence.notes.some((n) => /differs/.test(n)));
    assert.ok(fromEvidence.notes.some((n) => n.includes('residency.yaml')));

    // Passed in and equal to the recorded one (the normal `run`): no "differs" note either.
    const same = t(buildModel(renderInput('en', recorded, { residency: DECLARED })));
    assert.ok(!same.notes.some((n) => /differs/.test(n)));

    // Without either, the defaults: the host's location is not established.
    assert.match(t(buildModel(renderInput('en'))).summary[0], /not established/);
  });

  it('says "not assessed" instead of a summary when the residency evidence failed or is absent', () => {
    const failed = evidence();
    failed.residency = { ...failed.residency!, status: 'failed', data: null, error: 'cannot read --geoip-db /nope.mmdb: ENOENT' };
    const absent = evidence();
    delete absent.residency;
    for (const ev of [failed, absent]) {
      const input = { ...renderInput('nb', ev), findings: { ...findingsDocument(ev), findings: findingsDocument(ev).findings.filter((f) => f.section !== 'residency') } };
      const m = buildModel(input);
      const part = m.parts[0];
      assert.ok(part.notAssessed, 'the part says not assessed');
      assert.deepEqual(part.residency!.summary, []);
      const html = renderHtml(m);
      assert.equal(htmlSummary(html), null);
      assert.ok(!html.includes('href="#residency-summary"'), 'no contents entry for a summary that is not there');
      assert.ok(html.includes(ev === failed ? 'Ikke vurdert: cannot read --geoip-db /nope.mmdb: ENOENT' : 'Ikke vurdert:'));
    }
  });

  it('gives the reason instead of throwing when the evidence does not have the expected shape', () => {
    const ev = evidence();
    const cases: [unknown, RegExp][] = [
      [{ ...ev.residency!.data!, endpoints: 'not a list' }, /could not be written from this residency evidence: it has no list of endpoints/],
      [{ ...ev.residency!.data!, endpoints: [{ id: 'x:1', host: 'x', port: 1 }] }, /could not be written from this residency evidence: \S/],
    ];
    for (const [data, why] of cases) {
      const m = buildModel(renderInput('en', withResidency(ev, data)));
      const r = m.parts[0].residency!;
      assert.equal(r.notAssessed, null);
      assert.deepEqual(r.summary, []);
      assert.match(r.summaryError ?? '', why);
      assert.match(renderHtml(m), /<section class="chv" id="residency-summary">[\s\S]*?<p class="na">The Chapter V summary could not be written/);
    }
  });
});

describe('pack scores come from src/findings/score.ts', () => {
  for (const lang of ['en', 'nb'] as Lang[]) {
    it(`${lang}: every section score is the findings document's, and the formula names the weights`, () => {
      const input = renderInput(lang);
      const m = buildModel(input);
      const sections = m.parts.flatMap((p) => p.sections);
      assert.ok(sections.length >= 5);
      for (const s of sections) {
        const v = input.findings.run.score.bySection[s.id]?.score ?? null;
        assert.equal(s.score, v === null ? '—' : formatDecimal(lang, v), s.id);
      }
      assert.match(m.summary.formula, lang === 'en' ? /\(critical 10, high 5, medium 3, low 1, info 0\)/ : /\(kritisk 10, høy 5, middels 3, lav 1, info 0\)/);
    });
  }
});
