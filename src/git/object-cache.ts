/**
 * Answers that depend only on immutable git objects (what a commit's tree
 * lists, which files of a tree include a header), kept in the repository's
 * git directory so that the next run skips the git call: one small JSON file
 * per kind and object id under <git-common-dir>/patchpilot-cache/. Only the
 * most recently used files of each kind are kept. Any problem (unwritable
 * directory, a damaged file) just means no cache; PATCHPILOT_NO_CACHE=1
 * turns it off.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prune, touch } from '../store/user-cache.js';

/** Files kept per kind: a few branches or trees worked on at once. */
const KEEP = 8;
const OBJECT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

export interface ObjectCache<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): void;
}

/** The cache of `kind` for one object id; keys within it are whatever the caller asks about that object. */
export function objectCache<T>(commonDir: string, kind: string, id: string): ObjectCache<T> {
  const off = Boolean(process.env.PATCHPILOT_NO_CACHE) || !OBJECT_ID.test(id) || !/^[a-z-]+$/.test(kind);
  const dir = join(commonDir, 'patchpilot-cache');
  const file = join(dir, `${kind}-${id}.json`);
  let entries: Record<string, T> | undefined;
  const load = (): Record<string, T> => {
    if (entries) return entries;
    entries = {};
    if (off) return entries;
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        entries = parsed as Record<string, T>;
        touch(file);
      }
    } catch {
      // No entry yet, or a damaged one that the next write replaces.
    }
    return entries;
  };
  return {
    get(key) {
      const all = load();
      return Object.prototype.hasOwnProperty.call(all, key) ? all[key] : undefined;
    },
    set(key, value) {
      const all = load();
      all[key] = value;
      if (off) return;
      try {
        mkdirSync(dir, { recursive: true });
        const tmp = `${file}.tmp-${process.pid}`;
        writeFileSync(tmp, JSON.stringify(all));
        renameSync(tmp, file);
        prune(dir, kind, KEEP);
      } catch {
        // No cache this time.
      }
    },
  };
}

/**
 * One text per kind and key (a git call's whole output, say), in its own file: `id` must be built from object ids
 * (and hashes of anything else the text depends on), so that a changed input is a different file. The file ends
 * with the text's length, so that one cut short or emptied from outside (a full disk, a crash of the file system)
 * is not taken for the text: such an entry is ignored and written again.
 */
export function textCache(commonDir: string, kind: string, id: string): { get(): string | undefined; set(text: string): void } {
  const off = Boolean(process.env.PATCHPILOT_NO_CACHE) || !/^[0-9a-f.-]{40,200}$/.test(id) || !/^[a-z-]+$/.test(kind);
  const dir = join(commonDir, 'patchpilot-cache');
  const file = join(dir, `${kind}-${id}.txt`);
  return {
    get() {
      if (off) return undefined;
      try {
        const text = withoutEnd(readFileSync(file, 'utf8'));
        if (text !== undefined) touch(file);
        return text;
      } catch {
        return undefined;
      }
    },
    set(text) {
      if (off) return;
      try {
        mkdirSync(dir, { recursive: true });
        const tmp = `${file}.tmp-${process.pid}`;
        writeFileSync(tmp, `${text}${END}${text.length}\n`);
        renameSync(tmp, file);
        prune(dir, kind, KEEP);
      } catch {
        // No cache this time.
      }
    },
  };
}

/** What ends a text entry: a line with a NUL and the text's length (the last such line is the one that counts). */
const END = '\n\0end ';

function withoutEnd(content: string): string | undefined {
  const at = content.lastIndexOf(END);
  if (at < 0 || !content.endsWith('\n')) return undefined;
  const text = content.slice(0, at);
  return String(text.length) === content.slice(at + END.length, -1) ? text : undefined;
}
