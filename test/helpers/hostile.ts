/**
 * Shared pieces of the hostile-input suites (test/integration/hostile-*.test.ts):
 * running the built CLI asynchronously with a hard time limit, so a hang is a
 * failure within seconds instead of a stuck test run, and the checks every
 * hostile case makes (no internal error, no stack trace, one line on stderr).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { CLI, hermeticEnv, type CliResult } from './repo.js';

/** Every hostile case must end within this; the CLI is killed after it. */
export const CASE_LIMIT_MS = 10_000;

export function runCliAsync(
  args: string[],
  opts: { cwd: string; input?: string; env?: Record<string, string>; limitMs?: number; uid?: number; gid?: number; cli?: string },
): Promise<CliResult & { timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [opts.cli ?? CLI, ...args], {
      cwd: opts.cwd,
      env: hermeticEnv(opts.env),
      stdio: 'pipe',
      ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.gid ?? opts.uid } : {}),
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.limitMs ?? CASE_LIMIT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr, timedOut });
    });
    // A refusal may come before all input is read: the pipe closing then is not an error of the test.
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input ?? '');
  });
}

/** A refusal the way the CLI must refuse: exit 2, one line on stderr, no stack trace, in time. */
export function assertRefusal(r: CliResult & { timedOut?: boolean }, pattern: RegExp, what: string, opts: { lines?: 'one' | 'list' } = {}): void {
  assert.ok(!r.timedOut, `${what}: did not end within ${CASE_LIMIT_MS} ms`);
  assert.equal(r.code, 2, `${what}: exit ${r.code}, stderr: ${r.stderr}`);
  const lines = r.stderr.trimEnd().split('\n');
  // export lists every reason it refuses, one line each.
  if (opts.lines === 'list')
    assert.ok(
      lines.every((l) => l.startsWith('patchpilot: ')),
      `${what}: ${r.stderr}`,
    );
  else assert.equal(lines.length, 1, `${what}: stderr has ${lines.length} lines: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, /\n\s+at |internal error/i, `${what}: ${r.stderr}`);
  assert.match(r.stderr, pattern, what);
}

/** No byte a terminal would act on (ESC, C1, CR, other C0 but newline and tab). */
export const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/**
 * Another user to run the CLI as, when the tests run as root (as CI does):
 * root ignores file permissions, so a read-only directory is only read-only
 * to someone else. undefined when not root (then permissions hold anyway).
 */
export const OTHER_USER = process.getuid?.() === 0 ? 65534 : undefined;

/** Let OTHER_USER trust and read a repository made by root. */
export const TRUST_ALL: Record<string, string> = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'safe.directory', GIT_CONFIG_VALUE_0: '*' };
