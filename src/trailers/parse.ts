/**
 * Trailer parsing exactly as `git interpret-trailers --parse` finds them
 * (trailer.c: the last paragraph after the title, `---` ends the message,
 * all-trailers or >=25% trailers with a git-generated one).
 */
import { parseMailbox } from '../mail/address.js';

export interface Trailer {
  key: string;
  /** Value with continuation lines unfolded to single spaces, as --parse prints it. */
  value: string;
  /** The lines of the message this trailer occupies (first line + continuations). */
  raw: string[];
  /** Index of its first line in the message split on '\n'. */
  line: number;
  name?: string;
  email?: string;
}

export interface TrailerBlock {
  trailers: Trailer[];
  /** Line index where the trailer block starts (== end when there is none). */
  start: number;
  /** Line index just after the block (before trailing comments/blank lines and any `---`). */
  end: number;
  /** Line index of the `---` divider, or the number of lines when there is none. */
  patchStart: number;
  lines: string[];
}

const GIT_GENERATED = ['Signed-off-by: ', '(cherry picked from commit '];

const isBlank = (l: string) => /^\s*$/.test(l);
const isComment = (l: string) => l.startsWith('#');

/** Position of ':' after a token of [A-Za-z0-9-] and optional blanks, or -1 (trailer.c find_separator). */
export function findSeparator(line: string): number {
  let ws = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === ':') return i;
    if (!ws && /[A-Za-z0-9-]/.test(c)) continue;
    if (i !== 0 && (c === ' ' || c === '\t')) {
      ws = true;
      continue;
    }
    break;
  }
  return -1;
}

function findPatchStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    // "---" followed by whitespace; the end of a line counts as whitespace.
    if (l.startsWith('---') && (l.length === 3 || /\s/.test(l[3]!))) return i;
  }
  return lines.length;
}

/** Drop trailing comment and blank lines (trailer.c ignore_non_trailer, without Conflicts:). */
function trailerEnd(lines: string[], end: number): number {
  let e = end;
  while (e > 0 && (isBlank(lines[e - 1]!) || isComment(lines[e - 1]!))) e--;
  return e;
}

function findTrailerStart(lines: string[], end: number): number {
  let t = 0;
  for (; t < end; t++) {
    if (isComment(lines[t]!)) continue;
    if (isBlank(lines[t]!)) break;
  }
  const endOfTitle = t;
  let onlySpaces = true;
  let recognized = false;
  let trailerLines = 0;
  let nonTrailer = 0;
  let possibleCont = 0;
  for (let l = end - 1; l >= endOfTitle; l--) {
    const line = lines[l]!;
    if (isComment(line)) {
      nonTrailer += possibleCont;
      possibleCont = 0;
      continue;
    }
    if (isBlank(line)) {
      if (onlySpaces) continue;
      nonTrailer += possibleCont;
      if (recognized && trailerLines * 3 >= nonTrailer) return l + 1;
      if (trailerLines && !nonTrailer) return l + 1;
      return end;
    }
    onlySpaces = false;
    if (GIT_GENERATED.some((p) => line.startsWith(p))) {
      trailerLines++;
      possibleCont = 0;
      recognized = true;
      continue;
    }
    const sep = findSeparator(line);
    if (sep >= 1 && !/^\s/.test(line)) {
      trailerLines++;
      possibleCont = 0;
    } else if (/^\s/.test(line)) {
      possibleCont++;
    } else {
      nonTrailer++;
      nonTrailer += possibleCont;
      possibleCont = 0;
    }
  }
  return end;
}

// A full RFC 5322 parse costs about half a millisecond, and a series repeats the same
// few people on every commit: remember the answers (bounded, results are immutable).
const personCache = new Map<string, ReturnType<typeof parseMailbox>>();

function mailbox(text: string): ReturnType<typeof parseMailbox> {
  let m = personCache.get(text);
  if (!m) {
    m = parseMailbox(text);
    if (personCache.size > 5000) personCache.clear();
    personCache.set(text, m);
  }
  return m;
}

/** A bare addr-spec, its local part plain or quoted ("g h"@x.org): the address parser judges the rest. */
const BARE_ADDRESS = /^(?:[^\s@<>()/:,;"]+|"(?:[^"\\]|\\.)*")@[^\s@<>()/:,;"]+\.[^\s@<>()/:,;"]+$/;

/**
 * The person a trailer value names: "Name <addr>", a bare address such as
 * `stable@vger.kernel.org # 6.12` (git send-email and b4 Cc those too), with a
 * trailing `# comment` or `[note]` left out. A name with parentheses,
 * "Name (Company)", is kept as written: a mail parser would take the
 * parentheses for a comment and drop them.
 */
export function personOf(value: string): { name: string; email: string } | null {
  const v = value
    .replace(/\s+#.*$/, '')
    .replace(/\s*\[[^\]]*\]\s*$/, '')
    .trim();
  if (!v.includes('<')) {
    // The shared parser too: it refuses a local part starting with '-' and control characters.
    const bare = BARE_ADDRESS.test(v) ? mailbox(v) : null;
    return bare?.ok ? { name: '', email: bare.email } : null;
  }
  const m = mailbox(v);
  if (!m.ok) return null;
  const shown = /^(.*?)\s*<[^<>]+>$/.exec(v)?.[1]?.trim();
  return { name: shown && shown.includes('(') && !/[<>"]/.test(shown) ? shown : m.name, email: m.email };
}

/** Split person values of trailers into name and address; leaves other values alone. */
function withPerson(t: Trailer): Trailer {
  if (!t.value.includes('@')) return t;
  const p = personOf(t.value);
  return p ? { ...t, name: p.name, email: p.email } : t;
}

export function parseTrailerBlock(message: string): TrailerBlock {
  const lines = message.replace(/\r\n/g, '\n').split('\n');
  const patchStart = findPatchStart(lines);
  const end = trailerEnd(lines, patchStart);
  const start = findTrailerStart(lines, end);
  const trailers: Trailer[] = [];
  let last: Trailer | null = null;
  for (let i = start; i < end; i++) {
    const line = lines[i]!;
    if (isComment(line)) continue;
    if (last && /^\s/.test(line)) {
      last.raw.push(line);
      last.value = `${last.value} ${line.trim()}`.trim();
      continue;
    }
    const sep = findSeparator(line);
    if (sep >= 1) {
      last = { key: line.slice(0, sep).trim(), value: line.slice(sep + 1).trim(), raw: [line], line: i };
      trailers.push(last);
    } else {
      last = null;
    }
  }
  return { trailers: trailers.map(withPerson), start, end, patchStart, lines };
}

export function parseTrailers(message: string): Trailer[] {
  return parseTrailerBlock(message).trailers;
}

/** Trailers that name a person and carry an e-mail address (kernel process documents). */
export const PERSON_KEYS = ['Signed-off-by', 'Co-developed-by', 'Acked-by', 'Reviewed-by', 'Tested-by', 'Reported-by', 'Suggested-by', 'Cc'] as const;

/** Every key the kernel documents, with its canonical spelling. */
export const KNOWN_KEYS = [...PERSON_KEYS, 'Fixes', 'Link', 'Closes', 'Message-ID', 'Change-Id', 'Cc: stable'] as const;

export function canonicalKey(key: string): string | undefined {
  const k = key.toLowerCase();
  return KNOWN_KEYS.find((c) => c.toLowerCase() === k);
}

export function isPersonKey(key: string): boolean {
  const k = key.toLowerCase();
  return PERSON_KEYS.some((p) => p.toLowerCase() === k);
}

function editDistance(a: string, b: string): number {
  const d: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length]!;
}

/** The known key a misspelt one was meant to be ("Reviewd-by" -> "Reviewed-by"), if any is close. */
export function suggestKey(key: string): string | undefined {
  if (canonicalKey(key)) return undefined;
  const k = key.toLowerCase();
  let best: { key: string; dist: number } | undefined;
  for (const c of KNOWN_KEYS) {
    if (c.includes(' ')) continue;
    const dist = editDistance(k, c.toLowerCase());
    if (dist <= Math.max(2, Math.floor(c.length / 5)) && (!best || dist < best.dist)) best = { key: c, dist };
  }
  return best?.key;
}
