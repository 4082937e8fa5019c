/**
 * Raw commit objects as git stores them: parsed into header lines and the
 * message without decoding anything, so that a rewrite can change one header
 * or insert lines in the message and leave every other byte as it was.
 * Hashing happens here (sha1 or sha256, as the repository says) so that new
 * commits can be named before git writes them, and checked after.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

export interface CommitHeader {
  /** Header name ("tree", "parent", "author", "gpgsig", ...). */
  name: string;
  /** The header's bytes, continuation lines and the final '\n' included. */
  raw: Buffer;
}

export interface RawCommit {
  sha: string;
  headers: CommitHeader[];
  /** False for the rare object whose headers run to the end with no blank line. */
  hasBody: boolean;
  message: Buffer;
}

export type ObjectFormat = 'sha1' | 'sha256';

const NL = 0x0a;

export function parseCommitObject(sha: string, content: Buffer): RawCommit {
  const headers: CommitHeader[] = [];
  let pos = 0;
  let hasBody = false;
  while (pos < content.length) {
    if (content[pos] === NL) {
      hasBody = true;
      pos++;
      break;
    }
    let end = content.indexOf(NL, pos);
    // Continuation lines (a leading space) belong to the header above them.
    while (end >= 0 && content[end + 1] === 0x20) end = content.indexOf(NL, end + 1);
    const stop = end < 0 ? content.length : end + 1;
    const raw = content.subarray(pos, stop);
    const sp = raw.indexOf(0x20);
    headers.push({
      name: raw
        .subarray(0, sp < 0 ? raw.length : sp)
        .toString('latin1')
        .trimEnd(),
      raw,
    });
    pos = stop;
  }
  return { sha, headers, hasBody, message: hasBody ? content.subarray(pos) : Buffer.alloc(0) };
}

export function serializeCommit(c: Omit<RawCommit, 'sha'>): Buffer {
  const parts = c.headers.map((h) => h.raw);
  if (c.hasBody) parts.push(Buffer.from('\n'), c.message);
  return Buffer.concat(parts);
}

export function headerValue(c: RawCommit, name: string): string | undefined {
  const h = c.headers.find((x) => x.name === name);
  return h
    ? h.raw
        .subarray(name.length + 1)
        .toString('utf8')
        .replace(/\n$/, '')
    : undefined;
}

export function parents(c: RawCommit): string[] {
  return c.headers.filter((h) => h.name === 'parent').map((h) => h.raw.subarray(7).toString('latin1').trim());
}

export function hashObject(format: ObjectFormat, type: string, content: Buffer): string {
  return createHash(format === 'sha256' ? 'sha256' : 'sha1')
    .update(`${type} ${content.length}\0`)
    .update(content)
    .digest('hex');
}

/** Split the output of `git cat-file --batch` into objects, in order (type 'missing' for names that resolve to nothing). */
export function parseCatFileBatch(out: Buffer): { sha: string; type: string; content: Buffer }[] {
  const objects: { sha: string; type: string; content: Buffer }[] = [];
  let pos = 0;
  while (pos < out.length) {
    const eol = out.indexOf(NL, pos);
    if (eol < 0) throw new Error('truncated cat-file output');
    const head = out.subarray(pos, eol).toString('latin1').split(' ');
    // "<name> missing" (or "ambiguous"): no content follows.
    if (head.length < 3) {
      objects.push({ sha: head[0]!, type: head[1] ?? 'missing', content: Buffer.alloc(0) });
      pos = eol + 1;
      continue;
    }
    const size = Number(head[2]);
    const start = eol + 1;
    objects.push({ sha: head[0]!, type: head[1]!, content: out.subarray(start, start + size) });
    pos = start + size + 1;
  }
  return objects;
}

/** A copy of the commit with one header kind replaced or removed. */
export function withHeaders(c: RawCommit, edit: (h: CommitHeader) => CommitHeader | null): CommitHeader[] {
  const out: CommitHeader[] = [];
  for (const h of c.headers) {
    const r = edit(h);
    if (r) out.push(r);
  }
  return out;
}

export function header(name: string, value: string): CommitHeader {
  return { name, raw: Buffer.from(`${name} ${value}\n`, 'utf8') };
}

/**
 * A version 2 pack of whole (undeltified) objects, for `git unpack-objects`:
 * one stream on stdin instead of a temporary file per object.
 */
export function buildPack(format: ObjectFormat, objects: { type: 'commit'; content: Buffer }[]): Buffer {
  const head = Buffer.alloc(12);
  head.write('PACK', 0, 'latin1');
  head.writeUInt32BE(2, 4);
  head.writeUInt32BE(objects.length, 8);
  const parts: Buffer[] = [head];
  for (const o of objects) {
    // Type 1 (commit) in bits 4-6 of the first byte, the size in its low 4 bits, then 7 bits a byte.
    let size = o.content.length;
    let byte = (1 << 4) | (size & 0x0f);
    const bytes: number[] = [];
    for (size >>>= 4; size > 0; size >>>= 7) {
      bytes.push(byte | 0x80);
      byte = size & 0x7f;
    }
    bytes.push(byte);
    // A small window and little memory: a zlib stream per object costs 4 ms per 100 instead of 15,
    // and any inflater reads it (the header declares the window).
    parts.push(Buffer.from(bytes), deflateSync(o.content, { level: 1, memLevel: 1, windowBits: 9 }));
  }
  const body = Buffer.concat(parts);
  return Buffer.concat([
    body,
    createHash(format === 'sha256' ? 'sha256' : 'sha1')
      .update(body)
      .digest(),
  ]);
}
