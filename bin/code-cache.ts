/**
 * Loading a bundled command (dist/commands/*.js, CommonJS) with V8's code
 * cache: the bytecode of every function the last run compiled is kept in a
 * private directory under the system temporary directory, so the next run
 * of the same command skips parsing and compiling it. Node 20 has no
 * module compile cache (node:module's enableCompileCache came in Node 22),
 * so this is vm.Script's cachedData. Measured on a kernel tree: 7-14 ms of
 * CPU less for `check` and `series` (about 5% of `check`).
 *
 * An entry is valid for one file at one path, size, modification time and
 * inode, and one Node version and architecture (V8 itself also refuses data
 * from another V8 or other flags). It is written at exit when there was none
 * or V8 refused it; a command keeps its three newest entries. Any problem means loading
 * without the cache. PATCHPILOT_NO_CACHE=1 (every cache) or PATCHPILOT_NO_CODE_CACHE=1
 * (this one) turns it off.
 */
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { fnv1a, userCacheDir as cacheDir } from '../src/store/user-cache.js';

const WRAP = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'];

/** require() of a CommonJS file, through V8's code cache when it can. */
export function requireWithCodeCache(file: string): unknown {
  const dir = process.env.PATCHPILOT_NO_CACHE || process.env.PATCHPILOT_NO_CODE_CACHE ? undefined : cacheDir();
  let st;
  try {
    st = statSync(file);
  } catch {
    st = undefined;
  }
  if (!dir || !st) return createRequire(file)(file);
  const name = `v8-${basename(file, '.js').replace(/[^\w-]/g, '_')}-`;
  const entry = join(dir, `${name}${fnv1a([file, st.size, st.mtimeMs, st.ino, process.version, process.arch].join('\0'))}.bin`);
  let cached: Buffer | undefined;
  try {
    cached = readFileSync(entry);
  } catch {
    cached = undefined;
  }
  const source = readFileSync(file, 'utf8').replace(/^#!.*/, '');
  // A file that import()s (demo opens the ESM TUI) is required plainly: code restored from the cache loses vm's
  // dynamic-import callback in Node 20 ("A dynamic import callback was not specified").
  if (/\bimport\(/.test(source)) return createRequire(file)(file);
  const script = new Script(`${WRAP[0]}${source}${WRAP[1]}`, { filename: file, ...(cached ? { cachedData: cached } : {}) });
  if (!cached || script.cachedDataRejected) process.once('exit', () => save(script, dir, name, entry));
  const mod = { exports: {} as unknown };
  const fn = script.runInThisContext() as (e: unknown, r: NodeJS.Require, m: { exports: unknown }, f: string, d: string) => void;
  fn.call(mod.exports, mod.exports, createRequire(file), mod, file, dirname(file));
  return mod.exports;
}

/**
 * Entries kept per command: the last few builds written. One made two copies of the bundle used in turn (a
 * benchmark's private copy and the working one, another user's run) replace each other's entry on every run.
 */
const KEEP = 3;

/** Write the cache of everything compiled so far; only this command's KEEP newest entries stay. */
function save(script: Script, dir: string, name: string, entry: string): void {
  try {
    const tmp = `${entry}.tmp-${process.pid}`;
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, entry);
    // Exactly this command's entries: "v8-tui-" must not take "v8-tui-ink-...".
    const mine = new RegExp(`^${name}[0-9a-f]{8}\\.bin$`);
    const entries = readdirSync(dir)
      .filter((f) => mine.test(f))
      .map((f) => ({ path: join(dir, f), mtime: statSync(join(dir, f)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    for (const e of entries.slice(KEEP)) if (e.path !== entry) rmSync(e.path, { force: true });
  } catch {
    // No cache this time.
  }
}
