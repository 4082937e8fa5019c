/**
 * Trailers to add: validating what the user typed, comparing trailers
 * (key case-insensitive, addresses after .mailmap), and inserting them into a
 * commit message at the place kernel practice expects: after the existing
 * trailers, before the submitter's own Signed-off-by when that one is last.
 * Messages are handled as bytes (latin1 strings) so that nothing but the
 * inserted lines changes, whatever the message's encoding.
 */
import { formatPerson, parseMailbox } from '../mail/address.js';
import { UsageError } from '../errors.js';
import type { Mailmap } from '../mail/mailmap.js';
import { canonicalKey, isPersonKey, parseTrailerBlock, suggestKey, type Trailer } from './parse.js';

export interface NewTrailer {
  key: string;
  /** "Name <address>" as it will be written. */
  value: string;
  name: string;
  email: string;
}

export interface Person {
  name: string;
  email: string;
}

const KEY_TOKEN = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

export type TrailerCheck = { ok: true; trailer: NewTrailer } | { ok: false; error: string };

/**
 * Validate "Key: Name <address>": a known person key (any letter case, written
 * in its usual spelling) or, with `custom`, any well-formed key; exactly one
 * RFC 5322 mailbox with a name; no line breaks anywhere.
 */
export function checkTrailerText(text: string, opts: { custom?: boolean } = {}): TrailerCheck {
  if (/[\r\n]/.test(text)) return { ok: false, error: 'a trailer is one line; it contains a line break' };
  const colon = text.indexOf(':');
  if (colon < 0) return { ok: false, error: `"${text}" is not "Key: Name <address>"` };
  const rawKey = text.slice(0, colon).trim();
  const value = text.slice(colon + 1).trim();
  if (!KEY_TOKEN.test(rawKey)) return { ok: false, error: `"${rawKey}" is not a trailer key (letters, digits and '-')` };
  let key = canonicalKey(rawKey);
  if (key && !isPersonKey(key)) {
    return { ok: false, error: `${key}: does not name a person; edit it into the message with git commit --amend` };
  }
  if (!key) {
    const near = suggestKey(rawKey);
    if (near) return { ok: false, error: `unknown trailer key "${rawKey}" (did you mean ${near}?)` };
    if (!opts.custom) return { ok: false, error: `unknown trailer key "${rawKey}"; pass --custom to add it anyway` };
    key = rawKey;
  }
  const m = parseMailbox(value);
  if (!m.ok) return { ok: false, error: `${key}: "${value}" ${m.error}` };
  // The name as written: RFC 5322 would read "(Acme)" as a comment and drop it, kernel trailers keep it.
  const shape = /^(.*?)\s*<([^<>]+)>$/.exec(value);
  let name = shape && shape[2] === m.email ? shape[1]!.trim() : m.name;
  if (/^"(?:[^"\\]|\\.)*"$/.test(name)) name = name.slice(1, -1).replace(/\\(.)/g, '$1');
  if (!name) {
    const bad = noName(key, m.email);
    if (bad) return { ok: false, error: bad };
    return { ok: true, trailer: { key, value: m.email, name: '', email: m.email } };
  }
  if (/[<>"]/.test(name)) return { ok: false, error: `${key}: "${value}" must hold exactly one mailbox` };
  return { ok: true, trailer: { key, value: formatPerson(name, m.email), name, email: m.email } };
}

export function parseTrailerArg(text: string, opts: { custom?: boolean } = {}): NewTrailer {
  const r = checkTrailerText(text, opts);
  if (!r.ok) throw new UsageError(r.error);
  return r.trailer;
}

export function formatTrailer(t: { key: string; value: string }): string {
  return `${t.key}: ${t.value}`;
}

const norm = (v: string) => v.replace(/\s+/g, ' ').trim();

function sameMail(a: string | undefined, b: string | undefined, mailmap?: Mailmap): boolean {
  if (!a || !b) return false;
  return mailmap ? mailmap.same(a, b) : a.toLowerCase() === b.toLowerCase();
}

/** Same key (any case) and the same person after .mailmap, or the same value for non-person trailers. */
export function sameTrailer(a: { key: string; value: string; email?: string }, b: { key: string; value: string; email?: string }, mailmap?: Mailmap): boolean {
  if (a.key.toLowerCase() !== b.key.toLowerCase()) return false;
  if (a.email && b.email) return sameMail(a.email, b.email, mailmap);
  return norm(a.value) === norm(b.value);
}

export function isOwnSignoff(t: Trailer, submitter: Person | null | undefined, mailmap?: Mailmap): boolean {
  return Boolean(submitter) && t.key.toLowerCase() === 'signed-off-by' && sameMail(t.email, submitter?.email, mailmap);
}

export interface InsertResult {
  message: Buffer;
  added: NewTrailer[];
  /** Asked for but already in the message (or asked for twice). */
  present: NewTrailer[];
}

/** Where new trailers go, and whether a blank line must open a new trailer paragraph. */
function insertionPoint(text: string, submitter: Person | null | undefined, mailmap?: Mailmap): { at: number; paragraph: boolean; trailers: Trailer[] } {
  const block = parseTrailerBlock(text);
  const { trailers, lines } = block;
  if (trailers.length && block.start < block.end) {
    const last = trailers[trailers.length - 1]!;
    const lastEnds = last.line + last.raw.length >= block.end;
    if (lastEnds && isOwnSignoff(last, submitter, mailmap)) {
      // Co-developed-by must stay right above its Signed-off-by: go above the pair.
      const prev = trailers[trailers.length - 2];
      const pair =
        prev && prev.key.toLowerCase() === 'co-developed-by' && prev.line + prev.raw.length === last.line && sameMail(prev.email, last.email, mailmap);
      return { at: pair ? prev.line : last.line, paragraph: false, trailers };
    }
    return { at: block.end, paragraph: false, trailers };
  }
  const at = block.end;
  const before = at > 0 ? lines[at - 1]! : '';
  return { at, paragraph: at > 0 && !/^\s*$/.test(before), trailers };
}

/**
 * Insert trailers into a raw commit message. Returns the message unchanged
 * (same bytes) when every trailer is already there.
 */
export function insertTrailers(message: Buffer, add: NewTrailer[], opts: { submitter?: Person | null; mailmap?: Mailmap } = {}): InsertResult {
  const text = message.toString('utf8');
  const point = insertionPoint(text, opts.submitter, opts.mailmap);
  const added: NewTrailer[] = [];
  const present: NewTrailer[] = [];
  for (const t of add) {
    const dup = point.trailers.some((e) => sameTrailer(e, t, opts.mailmap)) || added.some((e) => sameTrailer(e, t, opts.mailmap));
    (dup ? present : added).push(t);
  }
  if (!added.length) return { message, added, present };
  // UTF-8 decoding never merges a '\n' into a character, so line indices agree with the raw bytes.
  const raw = message.toString('latin1').split('\n');
  const cr = point.at > 0 && raw[point.at - 1]!.endsWith('\r') ? '\r' : '';
  const fresh = added.map((t) => Buffer.from(formatTrailer(t), 'utf8').toString('latin1') + cr);
  if (point.paragraph) fresh.unshift(cr);
  const tail = raw.slice(point.at);
  // A message without a final newline: the new last line gets one, like git's.
  if (!tail.length) tail.push('');
  const out = [...raw.slice(0, point.at), ...fresh, ...tail].join('\n');
  return { message: Buffer.from(out, 'latin1'), added, present };
}

/**
 * `Cc: stable@vger.kernel.org # 6.1+` and syzbot's `Reported-by: syzbot+...@...`
 * are bare addresses by convention; the other person trailers want "Name <address>".
 */
const BARE_KEYS = new Set(['Cc', 'Reported-by']);

/** Why a bare address (plain or quoted, "g h"@x.org) will not do for `key`, or undefined when it will. */
function noName(key: string, email: string): string | undefined {
  return BARE_KEYS.has(key) ? undefined : `${key} needs a name: write "${key}: Name <${email}>"`;
}

/**
 * What is wrong with a person trailer's value, or undefined. The address
 * rule is the one of `trailers add` and `cc --add` (src/mail/address.ts,
 * through personOf): a value it takes as a bare address is judged as one.
 */
export function personProblem(key: string, t: Pick<Trailer, 'value' | 'name' | 'email'>): string | undefined {
  if (t.email) return t.name ? undefined : noName(key, t.email);
  // An address the parser refuses (bob@localhost, -oX@x.org): its reason, as cc --add and export give it.
  const m = t.value.includes('@') ? parseMailbox(t.value.replace(/\s+#.*$/, '').trim()) : undefined;
  return m && !m.ok ? `"${t.value}" ${m.error}` : `"${t.value}" is not a valid "Name <address>"`;
}

/** A trailer that repeats an earlier one of the same commit (same key, same person or value). */
export function repeatsEarlier(t: Trailer, all: readonly Trailer[]): boolean {
  return all.some((o) => o !== t && o.line < t.line && sameTrailer(o, t));
}

/**
 * What is wrong with a trailer, as a submitter would want it pointed out
 * (empty when nothing); `check`'s kernel.trailer-syntax flags the same.
 */
export function trailerProblems(t: Trailer, all: Trailer[] = []): string[] {
  const problems: string[] = [];
  const known = canonicalKey(t.key);
  const near = suggestKey(t.key);
  if (near) problems.push(`"${t.key}" looks like a misspelling of ${near}`);
  else if (known && known !== t.key && !known.includes(' ')) problems.push(`written "${t.key}"; the usual spelling is ${known}`);
  const personKey = (known && isPersonKey(known) && known) || (near && isPersonKey(near) && near);
  if (personKey) {
    const bad = personProblem(personKey, t);
    if (bad) problems.push(bad);
  }
  if (known === 'Fixes' && !/^[0-9a-f]{12,64} \(".+"\)$/i.test(t.value)) {
    problems.push('Fixes: wants at least 12 hex digits of the commit and ("its subject")');
  }
  if (repeatsEarlier(t, all)) problems.push('appears twice');
  return problems;
}
