/**
 * A cache of the MAINTAINERS scan (src/maintainers/parse.ts TypeValues), so
 * that repeated runs on the same tree (b4 calls the script once per patch,
 * the TUI reloads) skip the 25,000-line scan. One file per MAINTAINERS path
 * in a private directory under the system temporary directory, valid only
 * for the same path, size, modification and change times, inode and text
 * length; written atomically; any problem just means no cache. Files under
 * 64 KiB are not cached. Only the most recently used entries are kept (one
 * entry is about 0.8 MB for a kernel tree). Everything but a small header is
 * binary: the header used to hold the prefix index as JSON, and parsing
 * those 400 KB took longer than the scan it saved.
 * PATCHPILOT_NO_CACHE=1 turns it off.
 */
import { readFileSync, renameSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { parseMaintainersTexts, type LoadedScan, type ParsedFile, type TypeValuesSnapshot } from './parse.js';
import { sortedIndex } from './prefix-index.js';
import { fnv1a, prune, touch, userCacheDir as cacheDir } from '../store/user-cache.js';

const FORMAT = 3;
const MIN_SIZE = 64 * 1024;
/** Entries kept: the trees (or MAINTAINERS versions) used most recently. */
const KEEP = 6;

function keyOf(path: string, st: Stats, textLength: number): string {
  return `${FORMAT}:${path}:${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}:${textLength}`;
}

interface Header {
  key: string;
  length: number;
  /** The prefix index's keys, sorted, NUL-separated; their entries are binary (where each starts, then the indices). */
  prefixes: string;
  nFields: { index: number; section: number }[];
  kLines: number[];
  warnings: TypeValuesSnapshot['warnings'];
}

function read(file: string, key: string): LoadedScan | undefined {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    return undefined;
  }
  if (buf.length < 4) return undefined;
  const hl = buf.readUInt32LE(0);
  let header: Header;
  try {
    header = JSON.parse(buf.toString('utf8', 4, 4 + hl)) as Header;
  } catch {
    return undefined;
  }
  if (header.key !== key) return undefined;
  const n = header.length;
  let off = (4 + hl + 7) & ~7;
  const take = (bytes: number): ArrayBuffer => {
    const ab = buf.buffer.slice(buf.byteOffset + off, buf.byteOffset + off + bytes) as ArrayBuffer;
    off += (bytes + 7) & ~7;
    return ab;
  };
  if (buf.length < off + n * 19 + 12) return undefined;
  const kind = new Uint8Array(take(n));
  const vstart = new Int32Array(take(4 * n));
  const vend = new Int32Array(take(4 * n));
  const lineNo = new Int32Array(take(4 * n));
  const owner = new Int32Array(take(4 * n));
  const fileNo = new Uint16Array(take(2 * n));
  const ints = () => {
    if (off + 4 > buf.length) throw new RangeError('short cache file');
    const count = buf.readUInt32LE(off);
    off += 8;
    if (off + 4 * count > buf.length) throw new RangeError('short cache file');
    return new Int32Array(take(4 * count));
  };
  try {
    const runs = ints();
    const starts = ints();
    const indices = ints();
    const keys = header.prefixes ? header.prefixes.split('\0') : [];
    if (starts.length !== keys.length + 1 || starts[keys.length] !== indices.length) return undefined;
    const byPrefix = sortedIndex(keys, starts, indices);
    return { length: n, kind, vstart, vend, lineNo, owner, fileNo, runs, byPrefix, nFields: header.nFields, kLines: header.kLines, warnings: header.warnings };
  } catch {
    return undefined;
  }
}

function write(file: string, key: string, snap: TypeValuesSnapshot): void {
  if (snap.byPrefix.some(([k]) => k.includes('\0'))) return;
  const header: Header = {
    key,
    length: snap.length,
    prefixes: snap.byPrefix.map(([k]) => k).join('\0'),
    nFields: snap.nFields,
    kLines: snap.kLines,
    warnings: snap.warnings,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const parts: Buffer[] = [];
  const lenBuf = Buffer.alloc(4);
  lenBuf.writeUInt32LE(json.length, 0);
  parts.push(lenBuf, json);
  let size = 4 + json.length;
  const pad = () => {
    const p = ((size + 7) & ~7) - size;
    if (p) parts.push(Buffer.alloc(p));
    size += p;
  };
  pad();
  const counted = (a: Int32Array) => {
    const n = Buffer.alloc(8);
    n.writeUInt32LE(a.length, 0);
    parts.push(n);
    size += 8;
    return a;
  };
  const arrays: ArrayBufferView[] = [snap.kind, snap.vstart, snap.vend, snap.lineNo, snap.owner, snap.fileNo];
  for (const a of arrays) {
    parts.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    size += a.byteLength;
    pad();
  }
  // Where each key's sections start in the indices, and where the last ends.
  const starts = new Int32Array(snap.byPrefix.length + 1);
  snap.byPrefix.forEach(([, v], i) => (starts[i + 1] = starts[i]! + v.length));
  const indices = Int32Array.from(snap.byPrefix.flatMap(([, v]) => v));
  for (const a of [Int32Array.from(snap.runs), starts, indices]) {
    const v = counted(a);
    parts.push(Buffer.from(v.buffer, v.byteOffset, v.byteLength));
    size += v.byteLength;
    pad();
  }
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, Buffer.concat(parts));
  renameSync(tmp, file);
}

/** Scan one MAINTAINERS text, or take the scan from the cache when the file has not changed. */
export function parseWithCache(path: string, text: string, label: string): ParsedFile {
  const sources = [{ text, file: label }];
  // Small files (tests, demo trees) scan in no time; only a real tree's file is worth a cache entry.
  if (process.env.PATCHPILOT_NO_CACHE || text.length < MIN_SIZE) return parseMaintainersTexts(sources);
  let st: Stats;
  try {
    st = statSync(path);
  } catch {
    return parseMaintainersTexts(sources);
  }
  const dir = cacheDir();
  if (!dir) return parseMaintainersTexts(sources);
  const file = join(dir, `maintainers-${fnv1a(path)}.bin`);
  const key = keyOf(path, st, text.length);
  const snap = read(file, key);
  if (snap) {
    touch(file);
    return { ...parseMaintainersTexts(sources, snap), cacheKey: key };
  }
  const parsed = parseMaintainersTexts(sources);
  try {
    write(file, key, parsed.typevalue.snapshot());
    prune(dir, 'maintainers', KEEP);
  } catch {
    // No cache this time.
    return parsed;
  }
  return { ...parsed, cacheKey: key };
}
