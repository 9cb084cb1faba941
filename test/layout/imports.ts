/**
 * The import graph of src/ and the layout rules it must keep (README "Layout"). Specifiers come from the
 * TypeScript scanner (static imports, `export … from`, `import()`, `require()`, `import('…')` types),
 * so comments and strings that merely look like imports are not counted.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

export interface ImportEdge {
  /** Importing file, relative to the repository root (`src/render/index.ts`). */
  file: string;
  /** The specifier as written (`../evidence/store`, `node:fs`, `pdfkit`). */
  specifier: string;
  /** For a relative specifier: the repository path it names, without .js/.ts (`src/evidence/store`); null for packages. */
  target: string | null;
}

/** Every .ts file under `dir` (repository-relative), sorted. */
function tsFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...tsFiles(root, rel));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(rel);
  }
  return out.sort();
}

export function edgesOf(file: string, text: string): ImportEdge[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles.map(({ fileName: specifier }) => {
    if (!specifier.startsWith('.')) return { file, specifier, target: null };
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)).replace(/\.(js|ts)$/, '');
    return { file, specifier, target };
  });
}

/** The import edges of every source file under `dir` (default src) of the repository at `root`. */
export function importGraph(root: string, dir = 'src'): ImportEdge[] {
  return tsFiles(root, dir).flatMap((f) => edgesOf(f, readFileSync(path.join(root, f), 'utf8')));
}

/** `p` is the folder or module `area` (`src/checks`) or inside it. */
export function within(p: string, area: string): boolean {
  return p === area || p.startsWith(`${area}/`);
}

export interface Rule {
  name: string;
  /** Files the rule applies to. */
  appliesTo: (file: string) => boolean;
  /** True when this edge breaks the rule. */
  breaks: (edge: ImportEdge) => boolean;
}

/** What render may import besides findings, evidence types, i18n, version and itself, and why. */
export const RENDER_EXCEPTIONS: Record<string, string> = {
  'src/evidence/store': 'writeFileAtomic: pack files are written atomically (temp file, fsync, rename) like every other output',
  'src/evidence/storage-classes': 'the reference class table: the chart bands must be the ranges the collector classified against, not a copy',
  'src/answers/answer': 'answerQuestions: the answers sheet of findings.xlsx holds the same answers as answers.xlsx, decided from findings.json only',
  'src/answers/table': 'the answer columns: the answers sheet of findings.xlsx has the columns of answers.xlsx',
};

const RENDER_ALLOWED = ['src/render', 'src/findings', 'src/evidence/types', 'src/i18n', 'src/version'];
const DOMAIN_ALLOWED = ['src/domain', 'src/evidence/types', 'src/findings/types'];
const NODE_BUILTIN = /^node:/;

const forbids = (areas: string[]) => (e: ImportEdge): boolean => e.target !== null && areas.some((a) => within(e.target!, a));

export const LAYOUT_RULES: readonly Rule[] = [
  {
    name: 'src/render imports only findings, evidence types (src/evidence/types), i18n, version, its own files and packages',
    appliesTo: (f) => within(f, 'src/render'),
    breaks: (e) => e.target !== null && !RENDER_ALLOWED.some((a) => within(e.target!, a)) && !(e.target in RENDER_EXCEPTIONS),
  },
  { name: 'src/render does not import checks, collectors or residency decision code', appliesTo: (f) => within(f, 'src/render'), breaks: forbids(['src/checks', 'src/collectors', 'src/residency']) },
  { name: 'src/collectors do not import src/checks', appliesTo: (f) => within(f, 'src/collectors'), breaks: forbids(['src/checks']) },
  { name: 'src/checks do not import src/collectors', appliesTo: (f) => within(f, 'src/checks'), breaks: forbids(['src/collectors']) },
  {
    name: 'src/domain is neutral: it imports only itself, evidence types, findings types and node built-ins',
    appliesTo: (f) => within(f, 'src/domain'),
    breaks: (e) => (e.target === null ? !NODE_BUILTIN.test(e.specifier) : !DOMAIN_ALLOWED.some((a) => within(e.target!, a))),
  },
  { name: 'nothing outside src/cli imports src/cli', appliesTo: (f) => !within(f, 'src/cli'), breaks: forbids(['src/cli']) },
  { name: 'nothing under src/ imports test/ (or anything else outside src/)', appliesTo: (f) => within(f, 'src'), breaks: (e) => e.target !== null && !within(e.target, 'src') },
];

/** One message per broken rule, listing each offending `file → import`. */
export function violations(edges: readonly ImportEdge[], rules: readonly Rule[] = LAYOUT_RULES): string[] {
  const out: string[] = [];
  for (const rule of rules) {
    const bad = edges.filter((e) => rule.appliesTo(e.file) && rule.breaks(e));
    if (bad.length) out.push(`${rule.name}:\n${bad.map((e) => `  ${e.file} → ${e.specifier}`).join('\n')}`);
  }
  return out;
}
