import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** Project root (the folder with package.json and templates/), from the compiled or the source location. */
export const PROJECT_ROOT = (() => {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'residency-audit') return dir;
    } catch {
      /* keep walking up */
    }
    dir = path.dirname(dir);
  }
  throw new Error('residency-audit: cannot find its own package.json');
})();

export const TOOL_VERSION: string = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
