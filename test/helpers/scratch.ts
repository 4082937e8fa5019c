/**
 * Temporary directories a test file makes, removed when the file's tests end.
 * No git here, so the unit tests (test/unit/) can use it too; test/helpers/repo.ts
 * builds its scratch() (repositories, copies of fixtures) on this one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

/** The system's temporary directory, as it was when the tests started (hermeticProcess() points TMPDIR elsewhere). */
export const SYSTEM_TMP = tmpdir();

/** Call at the top level of the test file. */
export function scratchDirs(prefix = 'pp-') {
  const dirs: string[] = [];
  const removers: (() => void)[] = [];
  after(() => {
    removers.forEach((rm) => rm());
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });
  return {
    /** A new empty directory. */
    dir(): string {
      const d = mkdtempSync(join(SYSTEM_TMP, prefix));
      dirs.push(d);
      return d;
    },
    /** Remove something made elsewhere (anything with rm()) with the rest. */
    keep<R extends { rm(): void }>(r: R): R {
      removers.push(() => r.rm());
      return r;
    },
  };
}
