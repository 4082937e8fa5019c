/**
 * The one address type: every address that enters patchpilot (trailers,
 * imported mail, `cc --add`, MAINTAINERS, .mailmap, the state file) is parsed
 * here, and every header and send-email argument is formatted from the parsed
 * value. Parsing uses email-addresses (a full RFC 5322 grammar, maintained,
 * no dependencies) rather than a regex, so quoted names, comments and
 * obsolete phrases come out right. That parser returns a quoted local part
 * without its quotes ("g h"@x.org as g h@x.org), so the addr-spec is rebuilt
 * here, quoted again where RFC 5322 needs it: otherwise mail for "g h"@x.org
 * would go to gh@x.org, and "c>d"@x.org would break the header.
 * Refused: control characters anywhere, an empty local part, a local part
 * starting with '-' (git send-email hands recipients to sendmail as
 * arguments with no '--' before them, so "-oX@x.org" would be an option),
 * and every address git send-email cannot extract (see checkSpec).
 * A display name is kept as typed, comments such as "(Acme Corp)" included:
 * the same rule for `cc --add`, trailers and the export's re-check.
 */
import addrs from 'email-addresses';

export interface Mailbox {
  /** The display name, unquoted ("" when there is none). */
  name: string;
  /** The addr-spec as it must be written: a local part quoted where needed, then @domain. */
  email: string;
}

export type MailboxResult = ({ ok: true } & Mailbox) | { ok: false; error: string };

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** RFC 5322 atext plus UTF-8 (RFC 6532). */
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uffff-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uffff-]+)*$/;

/** A local part as written in an addr-spec: as it is when it is a dot-atom, quoted otherwise. */
export function formatLocalPart(local: string): string {
  return DOT_ATOM.test(local) ? local : `"${local.replace(/(["\\])/g, '\\$1')}"`;
}

interface Parsed {
  type: string;
  name: string | null;
  address: string;
  local: string;
  domain: string;
}

/** An addr-spec of a dot-atom local part (ASCII) and a host name with a dot: the usual address, and one way to read it. */
const SIMPLE_SPEC =
  /^([A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*)@((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)$/;

/**
 * What the full grammar gives for the usual address, without running it: it is slow to start (a few ms in each
 * command that reads trailers), and its answer for these is this one (test/unit/address-simple.test.ts).
 */
export function simpleAddrSpec(input: string): Parsed | null {
  const simple = SIMPLE_SPEC.exec(input);
  return simple ? { type: 'mailbox', name: null, address: input, local: simple[1]!, domain: simple[2]! } : null;
}

function parseOne(input: string): Parsed | null {
  const simple = simpleAddrSpec(input);
  if (simple) return simple;
  try {
    return addrs.parseOneAddress({ input, rfc6532: true, rejectTLD: false }) as Parsed | null;
  } catch {
    return null;
  }
}

/** A host name as git send-email's address check (Perl's Email::Valid, or its own regex) takes it: labels of letters, digits and '-', at least one dot. */
const HOSTNAME = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

/**
 * What git send-email cannot extract an address from is refused here, where it
 * enters, rather than by git send-email at the end ("unable to extract a valid
 * address"): a domain without a dot (bob@localhost), a domain with other
 * characters, non-ASCII, and a quoted local part holding '<' or '>' (its
 * Mail::Address parsing cuts "c>d"@x.org apart).
 */
function checkSpec(local: string, domain: string): string | undefined {
  if (!local) return 'has an empty local part';
  if (!domain) return 'has no domain';
  if (local.startsWith('-')) return "starts with '-' (mail tools would read it as an option)";
  if (CONTROL.test(local) || CONTROL.test(domain)) return 'contains a control character';
  if (/[^\x20-\x7e]/.test(local + domain)) return 'contains a non-ASCII character (git send-email cannot send to it)';
  if (/[<>]/.test(local)) return "has '<' or '>' in its local part (git send-email cannot parse it)";
  if (!domain.includes('.')) return `has no dot in its domain (${JSON.stringify(domain)}): git send-email takes only a full domain such as example.org`;
  if (!HOSTNAME.test(domain)) return `has a domain git send-email refuses (${JSON.stringify(domain)}): only letters, digits and '-' between dots`;
  return undefined;
}

/** A display name as typed: a name quoted as a whole loses its quotes; anything else (comments such as "(Acme Corp)", "$(x)") stays as it is. */
function displayName(raw: string): string {
  const q = /^"((?:[^"\\]|\\.)*)"$/.exec(raw);
  return q ? q[1]!.replace(/\\(.)/g, '$1') : raw;
}

export function parseMailbox(input: string): MailboxResult {
  if (/[\r\n]/.test(input)) return { ok: false, error: 'contains a line break' };
  if (CONTROL.test(input)) return { ok: false, error: 'contains a control character' };
  const text = input.trim();
  if (!text) return { ok: false, error: 'is empty' };
  // "Name <addr>": the name is kept as typed. RFC 5322 reads "(Acme Corp)" as a comment and drops it, and so
  // does git send-email unless the name is quoted; the header and the command quote it (formatHeaderMailbox).
  const m = /^(.*?)\s*<([^<>]*)>$/.exec(text);
  if (m) {
    const name = displayName(m[1]!.trim());
    if (/[<>]/.test(name)) return { ok: false, error: "has '<' or '>' in its name (git send-email cannot parse it)" };
    const spec = parseOne(m[2]!);
    if (!spec || spec.type !== 'mailbox' || !spec.domain || spec.name) return { ok: false, error: 'is not a valid "Name <address>" mailbox' };
    const bad = checkSpec(spec.local, spec.domain);
    if (bad) return { ok: false, error: bad };
    return { ok: true, name, email: `${formatLocalPart(spec.local)}@${spec.domain}` };
  }
  const parsed = parseOne(text);
  if (parsed && parsed.type === 'mailbox' && parsed.domain) {
    const bad = checkSpec(parsed.local, parsed.domain);
    if (bad) return { ok: false, error: bad };
    if ((parsed.name ?? '').trim()) return { ok: false, error: "has '<' or '>' in its name (git send-email cannot parse it)" };
    // A comment after a bare address ("a@x.org (Ann)") would be lost: ask for the usual form instead.
    if (/[()]/.test(text.replace(/"(?:[^"\\]|\\.)*"/g, ''))) return { ok: false, error: 'has a comment in parentheses: write it as "Name <address>"' };
    return { ok: true, name: '', email: `${formatLocalPart(parsed.local)}@${parsed.domain}` };
  }
  return { ok: false, error: 'is not a valid "Name <address>" mailbox' };
}

/** Why a name and address cannot go into a header or a command line as they are, or undefined when they can. */
export function mailboxProblem(name: string, email: string): string | undefined {
  if (CONTROL.test(name)) return 'its name contains a control character';
  if (/[<>]/.test(name)) return "its name contains '<' or '>' (git send-email cannot parse it)";
  const r = parseMailbox(`<${email}>`);
  if (!r.ok) return `its address ${r.error}`;
  if (r.email !== email) return 'its address is not written as RFC 5322 wants it';
  return undefined;
}

/** A display name from other people's files (MAINTAINERS, .mailmap) with control characters made spaces. */
export function cleanName(name: string): string {
  return CONTROL.test(name) ? name.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim() : name;
}

/** "Name <email>" for commit trailers and display: names are left as written. */
export function formatPerson(name: string, email: string): string {
  return name ? `${name} <${email}>` : `<${email}>`;
}

function quotedName(name: string): string {
  return /[()<>[\]:;@\\,."]/.test(name) ? `"${name.replace(/(["\\])/g, '\\$1')}"` : name;
}

/**
 * A mailbox for a mail header or a git send-email argument, in UTF-8: the
 * display name quoted when RFC 5322 requires it. git send-email encodes it
 * itself; a header in a file patchpilot writes uses encodeHeaderMailbox.
 */
export function formatHeaderMailbox(name: string, email: string): string {
  return name ? `${quotedName(name)} <${email}>` : email;
}

/** RFC 2047 "B" encoded words for a phrase with non-ASCII characters, never splitting a character. */
export function encodeWords(text: string, maxBytes = 45): string[] {
  const words: string[] = [];
  let chunk = '';
  for (const ch of text) {
    if (chunk && Buffer.byteLength(chunk + ch) > maxBytes) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString('base64')}?=`);
}

/** A mailbox as a header in a file: ASCII only, a non-ASCII name as RFC 2047 encoded words. */
export function encodeHeaderMailbox(name: string, email: string): string {
  if (!name || !/[^\x00-\x7f]/.test(name)) return formatHeaderMailbox(name, email);
  return `${encodeWords(name).join(' ')} <${email}>`;
}

export function sameAddress(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
