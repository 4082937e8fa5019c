/**
 * Running Debian's b4 itself in a test repository, hermetically, for the tests
 * that check patchpilot and b4 agree (they are skipped where b4 is missing).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { hermeticEnv } from './repo.js';

/** The executable named NAME on PATH, found as the shell would, without starting it (b4 takes a third of a second to start). */
export function onPath(name: string): string | undefined {
  for (const d of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(d || '.', name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // Not in this directory.
    }
  }
  return undefined;
}

const b4Path = onPath('b4');
export const hasB4 = b4Path !== undefined;

/** The interpreter of the b4 on PATH (its #! line): the Python that imports b4's modules. */
export function b4Interpreter(): string | undefined {
  if (!b4Path) return undefined;
  try {
    return /^#!\s*(\S+)/.exec(readFileSync(b4Path, 'utf8').slice(0, 200))?.[1];
  } catch {
    return undefined;
  }
}

/** b4 ARGS in DIR; its stdout and stderr together, after asserting it succeeded. */
export function b4(dir: string, args: string[], env: Record<string, string> = {}): string {
  const r = spawnSync('b4', args, { cwd: dir, encoding: 'utf8', env: hermeticEnv(env) });
  assert.equal(r.status, 0, `b4 ${args.join(' ')}: ${r.stderr}`);
  return `${r.stdout}${r.stderr}`;
}
