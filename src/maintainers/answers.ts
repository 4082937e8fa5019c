/**
 * Answers about one MAINTAINERS file kept from run to run: which sections
 * match a path (and at what depth), which sections with a P: document cover
 * a path, which section has a name. Each depends only on the file's text and
 * on which F: patterns name a directory of the tree (the script's `-d`), so
 * an entry is valid for the scan cache's key of the file (path, size,
 * modification and change times, inode, text length) and the tree's root,
 * and only while the directory answers it was computed with still hold:
 * each entry lists them, and they are checked again (one stat each, once per
 * run) when the entry is read; a changed one makes the entry computed again.
 * Matching the 15 files of a series took 10-15 ms of a 130 ms `check` on a
 * kernel tree, in V8's interpreter. Written once at exit when something was
 * added; any problem
 * means no cache. Lives beside the scan cache (src/maintainers/cache.ts).
 */
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fnv1a, prune, userCacheDir } from '../store/user-cache.js';

/** Files kept: one per MAINTAINERS path and root, the most recently used. */
const KEEP = 6;
/** Entries kept per file (the file is read whole on every run): series come and go, MAINTAINERS changes with every pull; past this the file starts over. */
const MAX_ENTRIES = 2000;
const FORMAT = 2;

export interface Answers {
  get(key: string): unknown;
  /** Start an answer: the directory answers asked from here to the next set() are the ones it depends on. */
  begin(): void;
  set(key: string, value: unknown): void;
  /** A directory answer (the script's `-d` on a pattern), each time one is asked for. */
  dir(pattern: string, isDir: boolean): void;
  /** Write what was added now rather than at exit. */
  flush(): void;
}

/** An answer, and the directory answers it was computed with ([pattern, 1 or 0]). */
interface Entry {
  v: unknown;
  d: [string, number][];
}

interface Stored {
  format: number;
  key: string;
  root: string;
  entries: Record<string, Entry>;
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
  if (!s || s.format !== FORMAT || s.key !== key || s.root !== root || !s.entries || typeof s.entries !== 'object') return undefined;
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
  let dirty = false;
  let hooked = false;
  /** Directory answers of this run, asked or checked. */
  const now = new Map<string, boolean>();
  let deps: Map<string, boolean> | undefined;
  const current = (): Stored => (stored ??= load(file, key, root) ?? { format: FORMAT, key, root, entries: {} });
  const holds = (d: unknown): boolean => {
    if (!Array.isArray(d)) return false;
    for (const dep of d) {
      if (!Array.isArray(dep) || typeof dep[0] !== 'string') return false;
      let v = now.get(dep[0]);
      if (v === undefined) now.set(dep[0], (v = isDirNow(root, dep[0])));
      if (v !== (dep[1] === 1)) return false;
    }
    return true;
  };
  const save = () => {
    if (!dirty) return;
    dirty = false;
    try {
      const tmp = `${file}.tmp-${process.pid}`;
      writeFileSync(tmp, JSON.stringify(current()));
      renameSync(tmp, file);
      prune(dir, 'answers', KEEP);
    } catch {
      // No cache this time.
    }
  };
  return {
    get(k) {
      const e = current().entries;
      if (!has(e, k)) return undefined;
      const entry = e[k]!;
      return entry && typeof entry === 'object' && holds(entry.d) ? entry.v : undefined;
    },
    begin() {
      deps = new Map();
    },
    set(k, value) {
      const s = current();
      if (Object.keys(s.entries).length >= MAX_ENTRIES) s.entries = {};
      s.entries[k] = { v: value, d: [...(deps ?? [])].map(([p, v]) => [p, v ? 1 : 0]) };
      deps = undefined;
      if (!hooked) process.once('exit', save);
      hooked = true;
      dirty = true;
    },
    dir(pattern, isDir) {
      now.set(pattern, isDir);
      deps?.set(pattern, isDir);
    },
    flush: save,
  };
}
