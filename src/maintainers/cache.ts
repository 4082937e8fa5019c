/**
 * A cache of the MAINTAINERS scan (src/maintainers/parse.ts TypeValues), so
 * that repeated runs on the same tree (b4 calls the script once per patch,
 * the TUI reloads) skip the 25,000-line scan. One file per MAINTAINERS path
 * in a private directory under the system temporary directory, valid only
 * for the same path, size, modification and change times, inode and text
 * length; written atomically; any problem just means no cache. Files under
 * 64 KiB are not cached.
 * PATCHPILOT_NO_CACHE=1 turns it off.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMaintainersTexts, type ParsedFile, type TypeValuesSnapshot } from './parse.js';

const FORMAT = 1;
const MIN_SIZE = 64 * 1024;

function cacheDir(): string | undefined {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const dir = join(tmpdir(), `patchpilot-cache-${uid ?? 'user'}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = statSync(dir);
    // Someone else's directory (shared /tmp) is not ours to read or write.
    if (uid !== undefined && st.uid !== uid) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

function keyOf(path: string, st: Stats, textLength: number): string {
  return `${FORMAT}:${path}:${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}:${textLength}`;
}

interface Header {
  key: string;
  length: number;
  runs: number[];
  byPrefix: [string, number[]][];
  nFields: { index: number; section: number }[];
  kLines: number[];
  warnings: TypeValuesSnapshot['warnings'];
}

function read(file: string, key: string): TypeValuesSnapshot | undefined {
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
  if (buf.length < off + n * 19) return undefined;
  return {
    length: n,
    kind: new Uint8Array(take(n)),
    vstart: new Int32Array(take(4 * n)),
    vend: new Int32Array(take(4 * n)),
    lineNo: new Int32Array(take(4 * n)),
    owner: new Int32Array(take(4 * n)),
    fileNo: new Uint16Array(take(2 * n)),
    runs: header.runs,
    byPrefix: header.byPrefix,
    nFields: header.nFields,
    kLines: header.kLines,
    warnings: header.warnings,
  };
}

function write(file: string, key: string, snap: TypeValuesSnapshot): void {
  const header: Header = {
    key,
    length: snap.length,
    runs: snap.runs,
    byPrefix: snap.byPrefix,
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
  for (const a of [snap.kind, snap.vstart, snap.vend, snap.lineNo, snap.owner, snap.fileNo]) {
    parts.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    size += a.byteLength;
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
  if (snap) return parseMaintainersTexts(sources, snap);
  const parsed = parseMaintainersTexts(sources);
  try {
    write(file, key, parsed.typevalue.snapshot());
  } catch {
    // No cache this time.
  }
  return parsed;
}
