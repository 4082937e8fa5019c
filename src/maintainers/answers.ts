/**
 * Answers about one MAINTAINERS file kept from run to run: which sections
 * match a path (and at what depth), which sections with a P: document cover
 * a path, which section has a name. Each depends only on the file's text and
 * on which F: patterns name a directory of the tree (the script's `-d`), so
 * an entry is valid for the scan cache's key of the file (path, size,
 * modification and change times, inode, text length) and the tree's root,
 * and only while every directory answer it was computed with still holds:
 * those are stored with the entries and checked again (one stat each) when
 * the file is read; a change discards them all. Matching the 15 files of a
 * series took 10-15 ms of a 130 ms `check` on a kernel tree, in V8's
 * interpreter. Written once at exit when something was added; any problem
 * means no cache. Lives beside the scan cache (src/maintainers/cache.ts).
 */
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fnv1a, userCacheDir } from '../store/user-cache.js';

/** Files kept: one per MAINTAINERS path and root, the most recently used. */
const KEEP = 6;
/** Entries kept per file: a tree's series come and go; past this the file starts over. */
const MAX_ENTRIES = 5000;
const FORMAT = 1;

export interface Answers {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  /** A directory answer (the script's `-d` on a pattern) that answers computed in this run may depend on. */
  dir(pattern: string, isDir: boolean): void;
  /** Write what was added now rather than at exit. */
  flush(): void;
}

interface Stored {
  format: number;
  key: string;
  root: string;
  dirs: Record<string, boolean>;
  entries: Record<string, unknown>;
}

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

function isDirNow(root: string, pattern: string): boolean {
  try {
    return pattern !== '' && statSync(isAbsolute(pattern) ? pattern : join(root, pattern)).isDirectory();
  } catch {
    return false;
  }
}

function load(file: string, key: string, root: string): Stored | undefined {
  let s: Stored;
  try {
    s = JSON.parse(readFileSync(file, 'utf8')) as Stored;
  } catch {
    return undefined;
  }
  if (!s || s.format !== FORMAT || s.key !== key || s.root !== root || typeof s.dirs !== 'object' || typeof s.entries !== 'object') return undefined;
  for (const p of Object.keys(s.dirs)) if (isDirNow(root, p) !== s.dirs[p]) return undefined;
  return s;
}

/**
 * The store for the MAINTAINERS file whose scan cache key is `key`, in the tree at `root`; undefined when there is
 * no cache directory (or PATCHPILOT_NO_CACHE is set).
 */
export function answersFor(key: string, root: string): Answers | undefined {
  if (process.env.PATCHPILOT_NO_CACHE) return undefined;
  const dir = userCacheDir();
  if (!dir) return undefined;
  const file = join(dir, `answers-${fnv1a(`${key}\0${root}`)}.json`);
  let stored: Stored | undefined;
  let loaded = false;
  let dirty = false;
  let hooked = false;
  const dirs: Record<string, boolean> = {};
  const current = (): Stored => {
    if (!loaded) {
      loaded = true;
      stored = load(file, key, root);
    }
    return (stored ??= { format: FORMAT, key, root, dirs: {}, entries: {} });
  };
  const save = () => {
    if (!dirty) return;
    dirty = false;
    const s = current();
    Object.assign(s.dirs, dirs);
    try {
      const tmp = `${file}.tmp-${process.pid}`;
      writeFileSync(tmp, JSON.stringify(s));
      renameSync(tmp, file);
      prune(dir);
    } catch {
      // No cache this time.
    }
  };
  return {
    get(k) {
      const e = current().entries;
      return has(e, k) ? e[k] : undefined;
    },
    set(k, value) {
      const s = current();
      if (Object.keys(s.entries).length >= MAX_ENTRIES) {
        s.entries = {};
        s.dirs = {};
      }
      s.entries[k] = value;
      if (!dirty && !hooked) process.once('exit', save);
      hooked = true;
      dirty = true;
    },
    dir(pattern, isDir) {
      dirs[pattern] = isDir;
    },
    flush: save,
  };
}

/** Keep the KEEP most recently written answer files (and no temp file older than a minute). */
function prune(dir: string): void {
  const files: { path: string; mtime: number }[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.startsWith('answers-')) continue;
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
  for (const f of files.slice(KEEP)) rmSync(f.path, { force: true });
}
