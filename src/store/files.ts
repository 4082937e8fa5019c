/**
 * Writing files safely: never over something that is not a regular file
 * (a device, a FIFO, a symbolic link), always through a temporary file that is
 * renamed into place, so readers see the old content or the new, never a mix;
 * and the leftovers of writers that were killed cleaned up.
 */
import { closeSync, fsyncSync, lstatSync, openSync, readdirSync, renameSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { pidAlive } from '../history/lock.js';
import { displayArg } from '../text/shell.js';

/** Why a file operation failed, in one line a user understands. */
export function fsWhy(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'permission denied';
  if (err.code === 'EROFS') return 'read-only file system';
  if (err.code === 'ENOSPC') return 'no space left on the device';
  if (err.code === 'ENOTDIR') return 'a part of the path is not a directory';
  if (err.code === 'EISDIR') return 'it is a directory';
  return err.message.replace(/[\r\n]+/g, ' ');
}

function kindOf(st: Stats): string {
  if (st.isSymbolicLink()) return 'a symbolic link';
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * May a file be written at `path` (relative paths from `base`)? 'new' when
 * nothing is there, 'file' when a regular file is (it will be replaced: a
 * caller that asks before overwriting asks then). Anything else is refused:
 * the atomic writer renames over the target, which would turn a device, a
 * FIFO or a symbolic link (/dev/null, /dev/stdout) into a regular file. '-'
 * is refused too: here it would be a file named '-', not standard output.
 */
export function checkOutputTarget(path: string, base: string = process.cwd()): 'new' | 'file' {
  if (path === '-') throw new UsageError(`'-' is not written to standard output here: give the name of a file to write`);
  if (!path) throw new UsageError('give the name of a file to write');
  const abs = resolve(base, path);
  let st: Stats;
  try {
    st = lstatSync(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'new';
    throw new UsageError(`cannot write ${displayArg(path)}: ${fsWhy(e)}`);
  }
  if (st.isFile()) return 'file';
  throw new UsageError(`will not write ${displayArg(path)}: it is ${kindOf(st)}, not a regular file; give the path of a new or regular file`);
}

/**
 * Write a file so that readers see the old or the new content, never a mix.
 * The temporary file is named `<path>.tmp-<pid>-<ms>`, so one left by a
 * killed process can be told from a live one's (cleanStaleTemps).
 */
export function writeFileAtomic(path: string, content: string | Buffer): void {
  checkOutputTarget(path);
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  try {
    writeFileSync(tmp, content, { flag: 'wx' });
    const fd = openSync(tmp, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // Never made, or already renamed.
    }
    throw new UsageError(`cannot write ${displayArg(path)}: ${fsWhy(e)}`);
  }
}

/** Temporary files of writers that are gone (killed between write and rename), and lock leftovers. */
export function cleanStaleTemps(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /\.tmp-(\d+)-\d+$/.exec(name) ?? /\.lock\.(\d+)\.tmp$/.exec(name) ?? /\.lock\.stale-(\d+)-\d+$/.exec(name);
    if (!m || Number(m[1]) === process.pid || pidAlive(Number(m[1]))) continue;
    try {
      unlinkSync(join(dir, name));
    } catch {
      // Someone else cleaned it first.
    }
  }
}
