/**
 * Files the user names as input (--body-file, answer --file, trailers import,
 * -o targets read back): a FIFO or a device would make a read block for ever
 * or never end (/dev/zero), and a huge or binary file is a mistake, not a
 * cover letter. Opened with O_NONBLOCK so that opening a FIFO does not wait
 * for a writer, then checked with fstat on the very descriptor that is read.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { UsageError } from '../errors.js';
import { displayArg } from './shell.js';

/** Text the user gives as a file: a cover letter body, an answer. */
export const TEXT_LIMIT = 1024 * 1024;
/** A saved mailbox of replies (lore serves whole threads). */
export const MAIL_LIMIT = 256 * 1024 * 1024;

function sizeText(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

function openWhy(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'ENOTDIR') return 'a part of the path is not a directory';
  if (code === 'ELOOP') return 'too many symbolic links';
  return ((e as Error).message ?? String(e)).replace(/[\r\n]+/g, ' ');
}

/** What a non-regular file is, in words. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Read everything from fd, refusing more than `limit` bytes; EAGAIN (a non-blocking pipe with nothing yet) is waited out.
 * With the size fstat gave, a regular file takes one buffer and one read (MAINTAINERS and source files are read this way
 * on every run: 64 KB zero-filled chunks and their copies cost 10 ms and more).
 */
function readAll(fd: number, limit: number, name: string, sizeHint = 0): Buffer {
  // One byte more than the size: a read of 0 there says the file did not grow meanwhile.
  let buf = Buffer.allocUnsafe(sizeHint > 0 ? Math.min(sizeHint, limit) + 1 : 64 * 1024);
  let total = 0;
  let sleeper: Int32Array | undefined;
  for (;;) {
    if (total === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, total);
      buf = bigger;
    }
    let n: number;
    try {
      n = readSync(fd, buf, total, buf.length - total, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait((sleeper ??= new Int32Array(new SharedArrayBuffer(4))), 0, 0, 5);
        continue;
      }
      if ((e as NodeJS.ErrnoException).code === 'EOF') break;
      throw new UsageError(`cannot read ${name}: ${openWhy(e)}`);
    }
    if (n === 0) break;
    total += n;
    if (total > limit) throw new UsageError(`${name} is larger than ${sizeText(limit)}; give a smaller file`);
  }
  return buf.subarray(0, total);
}

/** Open `path` for reading if it is a regular file (or, with allowDir, a directory); never blocks. */
export function openRegular(path: string, what: string, opts: { allowDir?: boolean } = {}): { fd: number; stat: Stats } | { dir: true; stat: Stats } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (e) {
    throw new UsageError(`cannot read ${displayArg(path)}: ${openWhy(e)}`);
  }
  const stat = fstatSync(fd);
  if (stat.isFile()) return { fd, stat };
  closeSync(fd);
  if (stat.isDirectory() && opts.allowDir) return { dir: true, stat };
  throw new UsageError(`${what} ${displayArg(path)} is ${kindOf(stat)}; give a regular file`);
}

/** The bytes of a regular file, at most `limit` of them. */
export function readRegularFile(path: string, what: string, limit: number): Buffer {
  const o = openRegular(path, what);
  if (!('fd' in o)) throw new Error('unreachable');
  try {
    if (o.stat.size > limit) throw new UsageError(`${what} ${displayArg(path)} is ${sizeText(o.stat.size)}; the limit is ${sizeText(limit)}`);
    return readAll(o.fd, limit, `${what} ${displayArg(path)}`, o.stat.size);
  } finally {
    closeSync(o.fd);
  }
}

/**
 * Text the user gives by file name, or '-' for standard input: UTF-8, no NUL
 * byte (binary data), at most `limit` bytes.
 */
export function readTextInput(path: string, what: string, limit = TEXT_LIMIT): string {
  const data = path === '-' ? readAll(0, limit, `${what} on standard input`) : readRegularFile(path, what, limit);
  const name = path === '-' ? `${what} on standard input` : `${what} ${displayArg(path)}`;
  if (data.includes(0)) throw new UsageError(`${name} holds binary data (a NUL byte); give a text file`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw new UsageError(`${name} is not UTF-8 text; convert it (iconv -t UTF-8) and try again`);
  }
}

/** A file of the work tree (MAINTAINERS, .mailmap, a document): the kernel's MAINTAINERS is under 1 MB. */
export const TREE_LIMIT = 32 * 1024 * 1024;

/**
 * A file of the work tree as UTF-8 text, or undefined when there is none. A
 * repository may commit a symbolic link that points at a FIFO or a device
 * (/dev/zero): such a file, or one over the limit, is a UsageError, never a
 * read that blocks or does not end.
 */
export function readTreeText(path: string, what = 'the file', limit = TREE_LIMIT): string | undefined {
  try {
    return readRegularFile(path, what, limit).toString('utf8');
  } catch (e) {
    if (e instanceof UsageError && / (no such file|a part of the path is not a directory)$/.test(e.message)) return undefined;
    throw e;
  }
}
