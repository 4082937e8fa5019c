/**
 * Where an export may be written: a new or empty directory, or one holding
 * only files an earlier export of this branch wrote and nobody changed since;
 * and the staging directories of exports that were killed before they ended.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { pidAlive } from '../history/lock.js';
import type { BranchState, ExportRecord } from '../store/state.js';
import { displayArg } from '../text/shell.js';

export const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** The exports of the branch patchpilot remembers, newest last: the history, and the last one. */
export function knownExports(state: BranchState): ExportRecord[] {
  const list = [...(state.exports ?? [])];
  if (state.exported && !list.some((r) => r.dir === state.exported!.dir && r.at === state.exported!.at)) list.push(state.exported);
  return list;
}

function shownList(names: string[]): string {
  return names.slice(0, 3).map(displayArg).join(', ') + (names.length > 3 ? `, and ${names.length - 3} more` : '');
}

/**
 * Where the export may go: a new or empty directory, or one holding only
 * files an earlier export of this branch (any version) wrote there and nobody
 * changed since: those are replaced, so no stale patch of a longer series
 * stays behind. Anything else is the user's: the export is refused.
 */
export function checkTarget(dir: string, known: readonly ExportRecord[]): { abs: string; old: string[] } {
  const abs = resolve(dir);
  if (!existsSync(abs)) return { abs, old: [] };
  if (!statSync(abs).isDirectory()) throw new UsageError(`${displayArg(dir)} exists and is not a directory`);
  // Newest first: the newest export that wrote a name says what the file should hold.
  const ours = new Map<string, string | null>();
  for (const r of [...known].reverse()) {
    if (r.dir !== abs) continue;
    for (const f of r.files) {
      const name = basename(f);
      if (!ours.has(name)) ours.set(name, r.digests?.[name] ?? null);
    }
  }
  const entries = readdirSync(abs);
  // A FIFO, device or symbolic link under an old export's name is not ours to replace, whatever its name.
  const other = entries.filter((e) => !ours.has(e) || !lstatSync(join(abs, e)).isFile());
  if (other.length) {
    throw new UsageError(
      `${displayArg(dir)} holds other files (${shownList(other)}); export into a new or empty directory, or one holding only an earlier export`,
    );
  }
  const changed = entries.filter((e) => {
    const want = ours.get(e);
    if (want === null || want === undefined) return false; // exports from before digests were kept: by name
    const path = join(abs, e);
    return !statSync(path).isFile() || sha256(readFileSync(path)) !== want;
  });
  if (changed.length) {
    throw new UsageError(
      `${displayArg(dir)} holds an earlier export whose files were changed since (${shownList(changed)}); move them away or export into another directory`,
    );
  }
  return { abs, old: entries };
}

/** Staging directories of exports that were killed before they finished (named with their pid), beside `abs`. */
export function removeStaleStages(abs: string): void {
  const prefix = `.${basename(abs)}.patchpilot-`;
  let names: string[];
  try {
    names = readdirSync(dirname(abs)).filter((n) => n.startsWith(prefix));
  } catch {
    return;
  }
  for (const n of names) {
    const pid = Number(/^(\d+)-/.exec(n.slice(prefix.length))?.[1]);
    if (!pid || pid === process.pid || pidAlive(pid)) continue;
    rmSync(join(dirname(abs), n), { recursive: true, force: true });
  }
}

export function fsError(dir: string, e: unknown): never {
  const err = e as NodeJS.ErrnoException;
  const why =
    err.code === 'EACCES' || err.code === 'EPERM'
      ? 'permission denied'
      : err.code === 'ENOTDIR' || err.code === 'EEXIST'
        ? 'a part of the path is a file'
        : err.code === 'EROFS'
          ? 'read-only file system'
          : err.message;
  throw new UsageError(`cannot write to ${displayArg(dir)}: ${why}`);
}
