/**
 * The private per-user cache directory under the system temporary directory
 * (the MAINTAINERS scan cache, V8's code cache) and the short hash that names
 * entries in it and in the git directory's caches, and how both keep only
 * their most recently used entries. Caches are only ever a
 * shortcut: any problem means no cache, never an error.
 */
import { mkdirSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The directory, created 0700; undefined when it cannot be ours (shared /tmp) or cannot be made. */
export function userCacheDir(): string | undefined {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const dir = join(tmpdir(), `patchpilot-cache-${uid ?? 'user'}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Someone else's directory (shared /tmp) is not ours to read or write.
    if (uid !== undefined && statSync(dir).uid !== uid) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/** FNV-1a, 32 bits, as 8 hex digits: a cache key, not a security measure. */
export function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Mark a cache entry as used, for prune(): an entry that cannot be touched is pruned a little early, nothing worse. */
export function touch(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // Pruned a little early at worst.
  }
}

/** Keep the `keep` most recently used files of `kind` in `dir` (and no temp file older than a minute: a writer killed). */
export function prune(dir: string, kind: string, keep: number): void {
  const files: { path: string; mtime: number }[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(`${kind}-`)) continue;
    const path = join(dir, name);
    try {
      const mtime = statSync(path).mtimeMs;
      if (!name.includes('.tmp-')) files.push({ path, mtime });
      else if (Date.now() - mtime > 60_000) rmSync(path, { force: true });
    } catch {
      // Gone meanwhile.
    }
  }
  files.sort((a, b) => b.mtime - a.mtime);
  for (const f of files.slice(keep)) rmSync(f.path, { force: true });
}
