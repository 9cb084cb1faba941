import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { edgesOf, importGraph, RENDER_EXCEPTIONS, violations, type ImportEdge } from './imports';

const ROOT = path.resolve(__dirname, '../../..');

describe('layout: import rules of src/', () => {
  const graph = importGraph(ROOT);

  it('reads the import graph of every source file (static, re-exports and dynamic imports)', () => {
    const has = (file: string, specifier: string) => graph.some((e) => e.file === file && e.specifier === specifier);
    assert.ok(graph.length > 500, `only ${graph.length} imports found under src/`);
    assert.ok(has('src/cli/main.ts', './commands/run.js'), 'dynamic import() of src/cli/main.ts not seen');
    assert.ok(has('src/evidence/types/index.ts', './envelope'), 'export * from … not seen');
    assert.ok(has('src/render/index.ts', '../evidence/store'), 'static import not seen');
  });

  it('keeps every rule (render ↛ checks|collectors|residency, collectors ↛ checks, checks ↛ collectors, domain neutral, nothing imports cli or test/)', () => {
    const broken = violations(graph);
    assert.deepEqual(broken, [], `layout rules broken:\n${broken.join('\n')}`);
  });

  it('lists only render exceptions that are still used', () => {
    const used = new Set(graph.filter((e) => e.file.startsWith('src/render/')).map((e) => e.target));
    for (const target of Object.keys(RENDER_EXCEPTIONS)) assert.ok(used.has(target), `${target} is listed as a render exception but render no longer imports it: drop it`);
  });

  it('names each offending file and import', () => {
    const edges: ImportEdge[] = [
      ...edgesOf('src/render/views/x.ts', "import { a } from '../../checks/registry';\nimport { b } from '../../residency/decide';\nimport type { C } from '../../evidence/types';"),
      ...edgesOf('src/render/y.ts', "import { writeFileAtomic } from '../evidence/store';\nimport { m } from '../evidence/manifest';"),
      ...edgesOf('src/collectors/host/z.ts', "export { t } from '../../checks/targets';"),
      ...edgesOf('src/checks/storage/w.ts', "const c = await import('../../collectors/storage/profiles.js');"),
      ...edgesOf('src/domain/v.ts', "import Docker from 'dockerode';\nimport { x } from '../collectors/run';\nimport { readFileSync } from 'node:fs';"),
      ...edgesOf('src/pipeline/u.ts', "import { parse } from '../cli/args';"),
      ...edgesOf('src/evidence/s.ts', "import { engine } from '../../test/support/engine';"),
      ...edgesOf('src/cli/commands/ok.ts', "import { parse } from '../args';\n// import { x } from '../../checks/registry';"),
    ];
    const text = violations(edges).join('\n');
    for (const line of [
      'src/render/views/x.ts → ../../checks/registry',
      'src/render/views/x.ts → ../../residency/decide',
      'src/render/y.ts → ../evidence/manifest',
      'src/collectors/host/z.ts → ../../checks/targets',
      'src/checks/storage/w.ts → ../../collectors/storage/profiles.js',
      'src/domain/v.ts → dockerode',
      'src/domain/v.ts → ../collectors/run',
      'src/pipeline/u.ts → ../cli/args',
      'src/evidence/s.ts → ../../test/support/engine',
    ]) assert.ok(text.includes(line), `not reported: ${line}\n${text}`);
    for (const allowed of ['→ ../../evidence/types', '→ ../evidence/store', '→ node:fs', '→ ../args']) assert.ok(!text.includes(allowed), `reported although allowed: ${allowed}\n${text}`);
  });
});
