/**
 * Where userspace data enters the code a series adds: the copy-in helpers,
 * and the handlers wired into file_operations and vfio ops tables (the
 * read/write/ioctl paths, which include the migration save/resume files).
 * Whole new-side files are scanned when the working tree holds them, so a
 * `.write = foo` added to an existing table is still known to be inside it;
 * only lines the series adds are reported.
 */
import type { Commit } from '../series/read.js';

export interface EntryPoint {
  path: string;
  line: number;
  commit: string;
  /** "copy_from_user", "file_operations .write", ... */
  what: string;
  /** The handler function for table entries. */
  handler?: string;
  text: string;
}

const COPY_IN =
  /\b(__copy_from_user|copy_from_user|copy_struct_from_user|__get_user|get_user|memdup_user_nul|memdup_user|vmemdup_user|strndup_user|strncpy_from_user|import_iovec|copy_from_iter)\s*\(/;

/** Every COPY_IN name holds one of these. */
const MAYBE_COPY_IN = /user|iovec|iter/;

/** Tables whose handlers receive userspace data, and the members that do. */
const TABLES: Record<string, RegExp> = {
  file_operations: /^(read|write|read_iter|write_iter|unlocked_ioctl|compat_ioctl)$/,
  // mmap hands device memory to userspace: a driver's own mmap is an interface to review.
  vfio_device_ops: /^(read|write|ioctl|device_feature|mmap)$/,
  vfio_migration_ops: /^(migration_set_state)$/,
  vfio_log_ops: /^(log_read_and_clear)$/,
};

const TABLE_START = /\bstruct\s+(\w+)\s+\w+(\[\w*\])?\s*=\s*\{/;
const MEMBER = /^\s*\.(\w+)\s*=\s*&?(\w+)/;

const isCode = (p: string) => /\.(c|h)$/.test(p);

/** Scan one file's lines (all of them, or only the added ones) keeping track of the table we are in. */
function scan(lines: { line: number; text: string }[], added: Set<number>, path: string, commit: string, out: EntryPoint[]): void {
  let table: string | null = null;
  for (const { line, text } of lines) {
    // Cheap substring tests first: the regular expressions run on the few lines that could match.
    const start = text.includes('struct') ? TABLE_START.exec(text) : null;
    if (start) table = start[1]!;
    const isAdded = added.has(line);
    if (isAdded && !/^\s*(\/\/|\*|\/\*)/.test(text)) {
      const m = MAYBE_COPY_IN.test(text) ? COPY_IN.exec(text) : null;
      if (m) out.push({ path, line, commit, what: m[1]!, text: text.trim() });
      const mem = table ? MEMBER.exec(text) : null;
      if (table && mem && TABLES[table]?.test(mem[1]!)) {
        out.push({ path, line, commit, what: `${table} .${mem[1]}`, handler: mem[2]!, text: text.trim() });
      }
    }
    if (table && /\}\s*;/.test(text)) table = null;
  }
}

/**
 * Entry points in the added lines of every commit. A line changed again by a
 * later commit is reported once, for the last commit that added it.
 */
export function findEntryPoints(commits: Commit[], readFile: (path: string) => string | undefined): EntryPoint[] {
  const byKey = new Map<string, EntryPoint>();
  const last = new Map<string, { commit: string; lines: Set<number> }>();
  for (const c of commits) {
    for (const f of c.files) {
      if (!isCode(f.path) || f.status === 'D' || !f.added.length) continue;
      last.set(f.path, { commit: c.sha, lines: new Set(f.added.map((a) => a.line)) });
    }
  }
  // Per commit: added lines of earlier commits may have moved since, so only the last commit's
  // view of a file is matched against the tree; earlier ones are scanned on their own.
  for (const c of commits) {
    for (const f of c.files) {
      if (!isCode(f.path) || f.status === 'D' || !f.added.length) continue;
      const found: EntryPoint[] = [];
      const added = new Set(f.added.map((a) => a.line));
      const mine = last.get(f.path);
      const content = mine?.commit === c.sha ? readFile(f.path) : undefined;
      const all = content?.split('\n');
      const matches = all && f.added.every((a) => all[a.line - 1] === a.text);
      if (all && matches)
        scan(
          all.map((text, i) => ({ line: i + 1, text })),
          added,
          f.path,
          c.sha,
          found,
        );
      else scan(f.added, added, f.path, c.sha, found);
      for (const e of found) byKey.set(`${e.path}\0${e.what}\0${e.text}`, e);
    }
  }
  return [...byKey.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
}
