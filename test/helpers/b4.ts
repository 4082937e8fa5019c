/**
 * Running Debian's b4 itself in a test repository, hermetically, for the tests
 * that check patchpilot and b4 agree (they are skipped where b4 is missing).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { hermeticEnv } from './repo.js';

export const hasB4 = spawnSync('b4', ['--version'], { encoding: 'utf8' }).status === 0;

/** b4 ARGS in DIR; its stdout and stderr together, after asserting it succeeded. */
export function b4(dir: string, args: string[], env: Record<string, string> = {}): string {
  const r = spawnSync('b4', args, { cwd: dir, encoding: 'utf8', env: hermeticEnv(env) });
  assert.equal(r.status, 0, `b4 ${args.join(' ')}: ${r.stderr}`);
  return `${r.stdout}${r.stderr}`;
}
