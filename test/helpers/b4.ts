/**
 * Running Debian's b4 itself in a test repository, hermetically, for the tests
 * that check patchpilot and b4 agree (they are skipped where b4 is missing).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { hermeticEnv } from './repo.js';

/** An executable named NAME on PATH (found as the shell would, without starting it: b4 takes a third of a second to start). */
export function onPath(name: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((d) => {
    try {
      accessSync(join(d || '.', name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export const hasB4 = onPath('b4');

/** b4 ARGS in DIR; its stdout and stderr together, after asserting it succeeded. */
export function b4(dir: string, args: string[], env: Record<string, string> = {}): string {
  const r = spawnSync('b4', args, { cwd: dir, encoding: 'utf8', env: hermeticEnv(env) });
  assert.equal(r.status, 0, `b4 ${args.join(' ')}: ${r.stderr}`);
  return `${r.stdout}${r.stderr}`;
}
