/**
 * Lock files that a dead owner cannot keep. A lock is a file created with
 * O_EXCL (written beside, then hard-linked into place, so it never exists
 * without its contents) holding the owner's pid and process start time; a
 * lock whose owner is gone (kill -9, power cut), is a zombie, or whose pid now
 * belongs to another process is stale and taken over, so a crash never
 * blocks the next run. Two uses: one rewrite at a time per repository
 * (refused at once when held), and one state update at a time per branch
 * file (src/store/state.ts; waited for, since updates take milliseconds).
 */
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { UsageError } from '../errors.js';

interface LockInfo {
  pid: number;
  start?: string;
  host: string;
  at: string;
}

/** Fields of /proc/PID/stat after the command name: [0] is the state (R, S, Z...), [19] the start time in ticks since boot. */
function procStat(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function startTime(pid: number): string | undefined {
  return procStat(pid)?.[19];
}

/** Whether a pid is a live process (not gone, not a zombie that only waits to be reaped). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const state = procStat(pid)?.[0];
  return state !== 'Z' && state !== 'X';
}

function alive(info: LockInfo): boolean {
  if (info.host !== hostname()) return true;
  if (!Number.isInteger(info.pid) || info.pid <= 0) return false;
  if (!pidAlive(info.pid)) return false;
  const now = startTime(info.pid);
  return !(info.start && now && now !== info.start);
}

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
    throw e;
  } finally {
    unlinkSync(tmp);
  }
}

function readLock(path: string): { text: string; info?: LockInfo } | undefined {
  try {
    const text = readFileSync(path, 'utf8');
    try {
      const info = JSON.parse(text) as LockInfo;
      return { text, info: info && typeof info === 'object' ? info : undefined };
    } catch {
      return { text };
    }
  } catch {
    return undefined;
  }
}

/** The live process holding the lock at `path`, if any (a stale or damaged lock has none). */
export function liveHolder(path: string): { pid: number; host: string; at: string } | undefined {
  const held = readLock(path);
  return held?.info && alive(held.info) ? { pid: held.info.pid, host: held.info.host, at: held.info.at } : undefined;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/** Why a lock file cannot be made, in words (a read-only .git/patchpilot is the usual one). */
function fsWhy(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'permission denied';
  if (err.code === 'EROFS') return 'read-only file system';
  if (err.code === 'ENOSPC') return 'no space left on the device';
  return err.message;
}

export interface LockOptions {
  /** How long to wait for a live holder (0: refuse at once). */
  waitMs: number;
  /** The message when a live holder keeps it. */
  busy: (holder: { pid: number; host: string; at: string }, path: string) => string;
}

/** Take the lock at `path` or throw a UsageError; returns a release function. */
export function acquireLock(path: string, opts: LockOptions): () => void {
  const me: LockInfo = { pid: process.pid, start: startTime(process.pid), host: hostname(), at: new Date().toISOString() };
  const deadline = Date.now() + opts.waitMs;
  let delay = 2;
  for (let attempt = 0; ; attempt++) {
    try {
      mkdirSync(dirname(path), { recursive: true });
      if (tryCreate(path, me)) break;
    } catch (e) {
      throw new UsageError(`cannot take the lock ${path}: ${fsWhy(e)}`);
    }
    const held = readLock(path);
    if (!held) continue;
    // Locks are complete when they appear, so one without an owner we can read is damaged: stale.
    if (held.info && alive(held.info)) {
      if (Date.now() >= deadline) throw new UsageError(opts.busy({ pid: held.info.pid, host: held.info.host, at: held.info.at }, path));
      sleepSync(delay);
      delay = Math.min(delay * 2, 50);
      continue;
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
        // Someone holds a newer lock again; theirs stays, we try again.
      }
    }
    unlinkSync(aside);
    if (attempt > 1000) throw new UsageError(`cannot take the lock ${path}; remove it if no patchpilot is running`);
  }
  return () => {
    try {
      unlinkSync(path);
    } catch {
      // Already gone: nothing to release.
    }
  };
}

export function lockPath(commonDir: string): string {
  return join(commonDir, 'patchpilot', 'rewrite.lock');
}

export async function withRewriteLock<T>(commonDir: string, fn: () => Promise<T>): Promise<T> {
  const release = acquireLock(lockPath(commonDir), {
    waitMs: 0,
    busy: (h, path) =>
      `another patchpilot (pid ${h.pid}${h.host === hostname() ? '' : ` on ${h.host}`}, since ${h.at}) is rewriting this repository; wait for it to finish, or remove ${path} if it is not running`,
  });
  try {
    return await fn();
  } finally {
    release();
  }
}
