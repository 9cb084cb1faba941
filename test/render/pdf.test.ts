/**
 * The PDF pack as a person sees it: poppler turns it into text (pdftotext) and pictures (pdftoppm),
 * and the test reads them like a reviewer would: the sections are there, the contents page numbers
 * point at the right pages, every page after the cover says "page X of Y", Norwegian letters and
 * names print, fonts are embedded, the charts are drawn. Needs poppler-utils (skipped without it,
 * a failure under CI=true).
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { renderPack } from '../../src/render';
import { defaultResidencyConfig } from '../../src/residency/config';
import { residencySummary } from '../../src/residency/summary';
import { CJK_NAME, evidence, NORWEGIAN_NAME, renderInput } from './fixture';

const run = promisify(execFile);

async function have(cmd: string): Promise<boolean> {
  try {
    await run(cmd, ['-v']);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

async function pages(pdf: string): Promise<string[]> {
  const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { maxBuffer: 64 << 20 });
  return stdout.split('\f').slice(0, -1);
}

/** Decode a binary PPM (P6) from pdftoppm into width, height and RGB bytes. */
function ppm(buf: Buffer): { w: number; h: number; rgb: Buffer } {
  const header = buf.subarray(0, 64).toString('latin1');
  const m = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  if (!m) throw new Error('not a P6 PPM');
  return { w: Number(m[1]), h: Number(m[2]), rgb: buf.subarray(m[0].length) };
}

async function pageImage(pdf: string, page: number, dir: string): Promise<{ w: number; h: number; rgb: Buffer }> {
  const prefix = path.join(dir, `pg${page}`);
  await run('pdftoppm', ['-r', '40', '-f', String(page), '-l', String(page), '-singlefile', pdf, prefix]);
  return ppm(await fs.readFile(`${prefix}.ppm`));
}

/** Share of pixels within `tol` of an RGB colour. */
function share(img: { rgb: Buffer }, hex: string, tol = 40): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let i = 0; i + 2 < img.rgb.length; i += 3) if (Math.abs(img.rgb[i] - r) + Math.abs(img.rgb[i + 1] - g) + Math.abs(img.rgb[i + 2] - b) < tol) n++;
  return n / (img.rgb.length / 3);
}

describe('audit-pack.pdf read back with poppler', function () {
  this.timeout(60000);
  let dir: string;
  const pdf = { en: '', nb: '' };
  const text: Record<'en' | 'nb', string[]> = { en: [], nb: [] };

  before(async function () {
    if (!(await have('pdftotext')) || !(await have('pdftoppm'))) {
      if (process.env.CI === 'true') throw new Error('poppler-utils (pdftotext, pdftoppm) is not installed');
      this.skip();
    }
    dir = mkdtempSync(path.join(os.tmpdir(), 'ra-pdf-'));
    for (const lang of ['en', 'nb'] as const) {
      const out = path.join(dir, lang);
      await renderPack(renderInput(lang), out, ['pdf']);
      pdf[lang] = path.join(out, 'audit-pack.pdf');
      text[lang] = await pages(pdf[lang]);
    }
  });

  after(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('answers the three questions on page 2, and the contents page numbers lead to every section', () => {
    const p = text.en;
    for (const q of ['Executive summary', 'Where is the data, and where does it flow?', 'Is the kernel and host isolation adequate?', 'How hardened are the containers?', 'One score per framework (never blended)']) assert.ok(p[1].includes(q), `page 2: ${q}`);
    const toc = p.find((x) => /^\s*Contents\s*$/m.test(x))!;
    assert.ok(toc, 'a contents page');
    const titles = ['Executive summary', 'Scope and method', 'Transfer register (GDPR Chapter V)', 'Data residency', 'Host and virtualization', 'Container hardening', 'Storage', 'Remediation by container', 'Exceptions register (waivers)', 'Questionnaire answers (CAIQ v4)', 'Appendix', 'Sign-off'];
    for (const title of titles) {
      const m = new RegExp(`^\\s*${title.replace(/[()]/g, '\\$&')}\\s+(\\d+)\\s*$`, 'm').exec(toc);
      assert.ok(m, `contents line for ${title}`);
      const page = Number(m[1]);
      assert.ok(p[page - 1].split('\n').some((l) => l.trim() === title), `${title} is on page ${page}`);
    }
    assert.match(p.join('\n'), /Evidence manifest[\s\S]*Glossary[\s\S]*Sign-off/);
  });

  it('is a tagged PDF/A-2b: structure tree, XMP with the PDF/A id, sRGB output intent, only embedded fonts', async () => {
    const { stdout: info } = await run('pdfinfo', [pdf.en]);
    assert.match(info, /Tagged:\s+yes/);
    const { stdout: meta } = await run('pdfinfo', ['-meta', pdf.en]);
    assert.match(meta, /<pdfaid:part>2<\/pdfaid:part>/);
    assert.match(meta, /<pdfaid:conformance>B<\/pdfaid:conformance>/);
    const raw = await fs.readFile(pdf.en, 'latin1');
    assert.match(raw, /\/StructTreeRoot/);
    assert.match(raw, /\/OutputIntents/);
    assert.match(raw, /\/S \/H1/);
    assert.match(raw, /\/S \/Table/);
    const { stdout: fonts } = await run('pdffonts', [pdf.en]);
    for (const r of fonts.split('\n').slice(2).filter(Boolean)) assert.match(r, /DejaVu.*\syes\s+yes\s+yes\s/, r);
    if (await have('qpdf')) {
      const q = await run('qpdf', ['--check', pdf.en]).catch((e: { stdout?: string; stderr?: string }) => ({ stdout: `${e.stdout ?? ''}${e.stderr ?? ''}` }));
      assert.match(q.stdout, /No syntax or stream encoding errors found/);
    } else if (process.env.CI === 'true') {
      throw new Error('qpdf is not installed (apt-get install -y qpdf)');
    }
  });

  it('numbers every page after the cover "Page X of Y" and repeats the running header', () => {
    const p = text.en;
    assert.ok(p.length >= 8, `${p.length} pages`);
    assert.ok(!/Page 1 of/.test(p[0]), 'no footer on the cover');
    for (let i = 1; i < p.length; i++) {
      assert.match(p[i], new RegExp(`Page ${i + 1} of ${p.length}\\s*$`), `footer of page ${i + 1}`);
      assert.match(p[i], /Data residency and container hardening audit — Nordlys Nettbutikk AS/);
    }
  });

  it('prints Norwegian text and names with æ ø å, and shows glyphs the font lacks as escapes', () => {
    const all = text.nb.join('\n');
    assert.match(text.nb[0].replace(/\s+/g, ' '), /Revisjon av dataplassering og containerherding/);
    assert.match(text.nb[0], /Nordlys Nettbutikk AS \(Tromsø\)/);
    assert.match(all, /Sammendrag for ledelsen/);
    assert.match(all, /Side 2 av \d+/);
    assert.ok(all.replace(/\s+/g, '').includes(NORWEGIAN_NAME), 'the container name with æøå prints');
    assert.ok(all.includes('\\u{6570}\\u{636E}\\u{5E93}'), `${CJK_NAME}: CJK shown as escapes, not empty boxes`);
    for (const ch of ['æ', 'ø', 'å', 'Æ', 'Ø', 'Å']) assert.ok(all.includes(ch), ch);
  });

  it('prints the GDPR Chapter V summary in the residency part, every paragraph, in en and nb', () => {
    const squash = (x: string) => x.replace(/\s+/g, '');
    for (const lang of ['en', 'nb'] as const) {
      const p = text[lang];
      const heading = lang === 'en' ? 'Summary under GDPR Chapter V' : 'Sammendrag etter personvernforordningen kapittel V';
      const tocPage = p.find((x) => /^\s*(Contents|Innhold)\s*$/m.test(x))!;
      const toc = /^\s*(?:Summary under GDPR Chapter V|Sammendrag etter personvernforordningen kapittel V)\b.*?(\d+)\s*$/m.exec(tocPage);
      assert.ok(toc, `${lang}: contents entry for the summary`);
      const page = p[Number(toc[1]) - 1];
      assert.ok(page.includes(heading), `${lang}: the summary heading is on page ${toc[1]}`);
      const residencyPart = squash(p.slice(Number(toc[1]) - 1, Number(toc[1]) + 1).join(''));
      const paragraphs = residencySummary(evidence().residency!.data!, defaultResidencyConfig(), lang).paragraphs;
      assert.ok(paragraphs.length >= 3);
      for (const para of paragraphs) assert.ok(residencyPart.includes(squash(para)), `${lang}: paragraph printed: ${para.slice(0, 60)}…`);
    }
  });

  it('keeps every table header word whole ("Outcome", not "Outcom e") in the top risks and outcome tables', () => {
    const expected = {
      en: { risks: /^\s*Severity\s+Outcome\s+Control\s+Result\s+Targets\s*$/, words: ['applicable', '(not', 'checked)', 'Total'] },
      nb: { risks: /^\s*Alvorlighet\s+Resultat\s+Kontroll\s+Funn\s+Mål\s*$/, words: ['bestått', 'relevant', 'kontrollert)', 'Totalt'] },
    };
    for (const lang of ['en', 'nb'] as const) {
      const page = text[lang].find((x) => /^\s*(Top risks|Største risikoer)\s*$/m.test(x))!;
      const lines = page.split('\n');
      const at = lines.findIndex((l) => /^\s*(Top risks|Største risikoer)\s*$/.test(l));
      const header = lines.slice(at + 1).find((l) => l.trim() !== '')!;
      assert.match(header, expected[lang].risks, `${lang}: top risks header`);
      // The outcome counts table: its header sits between "All findings" and the counts row.
      const all = text[lang].find((x) => /^\s*(All findings|Alle funn)\s*$/m.test(x))!.split('\n');
      const from = all.findIndex((l) => /^\s*(All findings|Alle funn)\s*$/.test(l));
      const counts = all.slice(from, from + all.slice(from).findIndex((l) => /^\s*\d+\s+\d+\s+\d+/.test(l)));
      const words = counts.join(' ').split(/\s+/);
      for (const w of expected[lang].words) assert.ok(words.includes(w), `${lang}: counts header word "${w}" whole`);
    }
  });

  it('embeds its fonts and carries title, author, subject and creation date', async () => {
    const { stdout: fonts } = await run('pdffonts', [pdf.nb]);
    const rows = fonts.split('\n').slice(2).filter(Boolean);
    assert.ok(rows.length >= 2);
    for (const r of rows) assert.match(r, /DejaVu.*\syes\s+yes\s+yes\s/);
    const { stdout: info } = await run('pdfinfo', [pdf.nb]);
    assert.match(info, /Title:\s+Revisjon av dataplassering og containerherding — Nordlys Nettbutikk AS \(Tromsø\)/);
    assert.match(info, /Author:\s+Ola Nordmann, sikkerhetsleder/);
    assert.match(info, /Subject:\s+Revisjonspakke: app-prod-01\.example\.no/);
    assert.match(info, /CreationDate:\s+.*2026/);
  });

  it('draws the cover band and the charts as filled shapes', async () => {
    const cover = await pageImage(pdf.en, 1, dir);
    assert.ok(share(cover, '#0b3d91') > 0.1, 'the blue cover band');
    const summaryPage = text.en.findIndex((p) => /^\s*All findings\s*$/m.test(p)) + 1;
    const img = await pageImage(pdf.en, summaryPage, dir);
    assert.ok(share(img, '#2e7d32', 30) > 0.002, 'green pass bars in the outcomes chart');
    assert.ok(share(img, '#c62828', 30) > 0.001, 'red fail bars');
  });
});
