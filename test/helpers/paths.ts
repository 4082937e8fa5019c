/**
 * The repository's root, found from this file whether the tests run as TypeScript (tsx) or
 * compiled into node_modules/.cache by scripts/run-tests.mjs: the nearest directory above
 * holding patchpilot's package.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let d = from; ; d = dirname(d)) {
    const pkg = join(d, 'package.json');
    if (existsSync(pkg) && /"name":\s*"patchpilot"/.test(readFileSync(pkg, 'utf8'))) return d;
    if (dirname(d) === d) throw new Error(`no patchpilot package.json above ${from}`);
  }
}

export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
