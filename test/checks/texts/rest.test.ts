/**
 * Texts of the residency, virtualization, storage and network checks in English and bokmål: every
 * meta field is LocalText with a real Norwegian text, every template has the same placeholders in
 * both languages and no English function words, and the Norwegian findings these checks give on the
 * sample evidence are Norwegian outside evidence and config values. With the string path gone
 * (src/checks/types.ts Text = LocalText), the catalog-wide test at the end covers every check.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { networkChecks } from '../../../src/checks/network';
import { MODEL_TEXTS } from '../../../src/checks/network/model';
import { ALL_CHECKS } from '../../../src/checks/registry';
import { residencyChecks } from '../../../src/checks/residency';
import { storageChecks } from '../../../src/checks/storage';
import { NOT_MEASURED_TEXTS } from '../../../src/checks/storage/not-measured';
import { UNTRUSTWORTHY_TEXTS } from '../../../src/checks/storage/target';
import { runCheck } from '../../../src/checks/evaluate';
import { placeholdersOf } from '../../../src/checks/text';
import type { AnyCheck, LocalText } from '../../../src/checks/types';
import { virtChecks } from '../../../src/checks/virt';
import { loadEvidence } from '../../../src/evidence/store';
import type { Finding } from '../../../src/findings/types';
import { PROJECT_ROOT } from '../../../src/version';

const OWNED: AnyCheck[] = [...residencyChecks, ...virtChecks, ...storageChecks, ...networkChecks];
const META = ['title', 'decidedBy', 'rationale', 'remediation'] as const;
const ENGLISH = ['the', 'is', 'are', 'and', 'of', 'with', 'which', 'must', 'not', 'has', 'have', 'this', 'that', 'from', 'for', 'to'];
/** `for` and `to` are Norwegian words too (for = for/because, to = two): allowed in Norwegian texts. */
const ENGLISH_IN_NB = ENGLISH.filter((w) => w !== 'for' && w !== 'to');
const NOW = '2026-12-02T00:00:00Z';

function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) strings(x, strings(k, out));
  return out;
}

/** English function words left once quoted, backticked and evidence values are taken out. */
function englishWords(text: string, values: readonly string[] = [], words = ENGLISH): string[] {
  let t = text;
  for (const v of [...values].filter((x) => x.length > 2).sort((a, b) => b.length - a.length)) t = t.split(v).join(' ');
  t = t.replace(/«[^»]*»|`[^`]*`|"[^"]*"/g, ' ');
  return (t.match(/\p{L}+/gu) ?? []).filter((w) => words.includes(w.toLowerCase()));
}

/** Meta and template texts of a check, with where they come from. */
function textsOf(c: AnyCheck): [string, LocalText][] {
  return [...META.map((k): [string, LocalText] => [`${c.id}.${k}`, c[k]]), ...Object.entries(c.messages ?? {}).map(([k, t]): [string, LocalText] => [`${c.id} ${k}`, t])];
}

describe('texts of the residency, virtualization, storage and network checks in English and bokmål', () => {
  it('covers those checks', () => {
    assert.equal(OWNED.length, 16, OWNED.map((c) => c.id).join(', '));
  });

  it('every meta field is LocalText with a Norwegian text that is not the English one', () => {
    for (const c of OWNED) {
      for (const k of META) {
        const t = c[k];
        assert.equal(typeof t, 'object', `${c.id}.${k} is a string`);
        assert.ok(t.en.trim() && t.nb.trim(), `${c.id}.${k} has an empty language`);
        assert.notEqual(t.nb, t.en, `${c.id}.${k}: nb is the English text`);
        assert.deepEqual(englishWords(t.nb, [], ENGLISH_IN_NB), [], `${c.id}.${k} (nb): ${t.nb}`);
      }
    }
  });

  it('every template has the same placeholders in both languages and Norwegian words in nb', () => {
    const shared = [...Object.entries(MODEL_TEXTS), ...Object.entries(NOT_MEASURED_TEXTS), ...Object.entries(UNTRUSTWORTHY_TEXTS)];
    for (const c of OWNED) {
      // Only residency-endpoint-jurisdiction has none: its message is the decision's sentence (src/residency/decide.ts).
      if (c.id !== 'residency-endpoint-jurisdiction') assert.ok(Object.keys(c.messages ?? {}).length > 0, `${c.id} has no templates`);
    }
    for (const [key, t] of [...OWNED.flatMap((c) => Object.entries(c.messages ?? {}).map(([k, v]): [string, LocalText] => [`${c.id} ${k}`, v])), ...shared]) {
      assert.deepEqual(placeholdersOf(t.nb), placeholdersOf(t.en), `${key}: placeholders differ`);
      assert.deepEqual(englishWords(t.nb.replace(/\{\w+\}/g, ' '), [], ENGLISH_IN_NB), [], `${key} (nb): ${t.nb}`);
    }
  });

  it('findings on the sample evidence are Norwegian in the Norwegian pack', async () => {
    const dir = path.join(PROJECT_ROOT, 'evidence', 'sample');
    const ev = await loadEvidence(dir);
    const config = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    const configValues = strings(config);
    const findings: Finding[] = OWNED.flatMap((c) => runCheck(c, ev, { now: NOW, residency: config.residency as Record<string, unknown> | undefined, network: config.network }));
    // Sentences the collectors recorded (virt's kernelReason, refuted-marker reasons) are evidence values too.
    const evidenceValues = strings(Object.values(ev).map((f) => f?.data)).filter((v) => v.length >= 4);
    assert.ok(findings.length >= 30, `${findings.length} findings`);
    for (const f of findings) {
      assert.notEqual(f.message.nb, f.message.en, `${f.check} on ${f.target.name}: nb is English`);
      const values = [f.target.name, f.target.id, ...strings(f.observed), ...configValues, ...evidenceValues];
      assert.deepEqual(englishWords(f.message.nb, values, ENGLISH_IN_NB), [], `${f.check} on ${f.target.name}: ${f.message.nb}`);
      assert.deepEqual(englishWords(f.remediation.nb, values, ENGLISH_IN_NB), [], `${f.check} remediation: ${f.remediation.nb}`);
    }
  });

  it('keeps the English messages other tests and earlier packs read', async () => {
    const ev = await loadEvidence(path.join(PROJECT_ROOT, 'evidence', 'sample'));
    const [host] = runCheck(residencyChecks[0], ev, { now: NOW });
    assert.match(host.message.en, /^The Docker host is in Norway \(declared in the residency config/);
    assert.match(host.message.nb, /^Docker-verten er i Norge \(oppgitt i residency-konfigurasjonen/);
  });

  it('every check in the catalog has both languages for every meta field and template', () => {
    for (const c of ALL_CHECKS) {
      for (const [key, t] of textsOf(c)) {
        assert.ok(t && typeof t === 'object' && t.en?.trim() && t.nb?.trim(), `${key}: missing a language`);
        // A text with English words must have a Norwegian text of its own.
        if (/\p{L}{3,}/u.test(t.en.replace(/\{\w+\}/g, '')) && englishWords(t.en, [], ENGLISH_IN_NB).length) assert.notEqual(t.nb, t.en, `${key}: nb is the English text`);
      }
    }
  });
});
