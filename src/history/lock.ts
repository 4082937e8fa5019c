/**
 * One rewrite at a time per repository. The lock is a file created with
 * O_EXCL holding the owner's pid and process start time; a lock whose owner
 * is gone (kill -9, power cut) or whose pid now belongs to another process is
 * stale and taken over, so a crash never blocks the next run.
 */
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors.js';

interface LockInfo {
  pid: number;
  start?: string;
  host: string;
  at: string;
}

/** Field 22 of /proc/PID/stat: when the process started, in clock ticks since boot (Linux only). */
function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function alive(info: LockInfo): boolean {
  if (info.host !== hostname()) return true;
  try {
    process.kill(info.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const now = startTime(info.pid);
  return !(info.start && now && now !== info.start);
}

/** Written beside, then hard-linked into place: the lock never exists without its contents. */
function tryCreate(path: string, info: LockInfo): boolean {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, JSON.stringify(info));
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new UsageError(`cannot create the lock ${path}: ${(e as Error).message}`);
  } finally {
    unlinkSync(tmp);
  }
}

function readLock(path: string): { text: string; info?: LockInfo } | undefined {
  try {
    const text = readFileSync(path, 'utf8');
    try {
      return { text, info: JSON.parse(text) as LockInfo };
    } catch {
      return { text };
    }
  } catch {
    return undefined;
  }
}

export function lockPath(commonDir: string): string {
  return join(commonDir, 'patchpilot', 'rewrite.lock');
}

function acquire(commonDir: string): string {
  mkdirSync(join(commonDir, 'patchpilot'), { recursive: true });
  const path = lockPath(commonDir);
  const me: LockInfo = { pid: process.pid, start: startTime(process.pid), host: hostname(), at: new Date().toISOString() };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(path, me)) return path;
    const held = readLock(path);
    if (!held) continue;
    // Locks are complete when they appear, so one without an owner we can read is damaged: stale.
    if (held.info && alive(held.info)) {
      throw new UsageError(
        `another patchpilot (pid ${held.info.pid}${held.info.host === hostname() ? '' : ` on ${held.info.host}`}, since ${held.info.at}) is rewriting this repository; wait for it to finish, or remove ${path} if it is not running`,
      );
    }
    // Move the stale lock aside, then make sure what we moved is the one we judged stale.
    const aside = `${path}.stale-${process.pid}-${attempt}`;
    try {
      renameSync(path, aside);
    } catch {
      continue;
    }
    const moved = readLock(aside);
    if (moved && moved.text !== held.text) {
      try {
        linkSync(aside, path);
      } catch {
        // Someone holds a newer lock again; theirs stays, ours is not taken.
      }
      unlinkSync(aside);
      throw new UsageError('another patchpilot is rewriting this repository; wait for it to finish');
    }
    unlinkSync(aside);
  }
  throw new UsageError(`cannot take the lock ${path}; remove it if no patchpilot is running`);
}

export async function withRewriteLock<T>(commonDir: string, fn: () => Promise<T>): Promise<T> {
  let path: string;
  try {
    path = acquire(commonDir);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot take the rewrite lock in ${join(commonDir, 'patchpilot')}: ${(e as Error).message}`);
  }
  try {
    return await fn();
  } finally {
    try {
      unlinkSync(path);
    } catch {
      // Already gone: nothing to release.
    }
  }
}
