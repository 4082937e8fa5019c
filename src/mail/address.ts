/**
 * Mailboxes from other people's text. Parsing uses email-addresses (a full
 * RFC 5322 grammar, maintained, no dependencies) rather than a regex, so
 * quoted names, comments and obsolete phrases come out right.
 */
import addrs from 'email-addresses';

export type MailboxResult = { ok: true; name: string; email: string } | { ok: false; error: string };

const CONTROL = /[\u0000-\u001f\u007f]/;

export function parseMailbox(input: string): MailboxResult {
  if (/[\r\n]/.test(input)) return { ok: false, error: 'contains a line break' };
  if (CONTROL.test(input)) return { ok: false, error: 'contains a control character' };
  const text = input.trim();
  if (!text) return { ok: false, error: 'is empty' };
  const parsed = addrs.parseOneAddress({ input: text, rfc6532: true, rejectTLD: false }) as {
    type: string;
    name: string | null;
    address: string;
    local: string;
    domain: string;
  } | null;
  if (parsed && parsed.type === 'mailbox' && parsed.address && parsed.domain) {
    return { ok: true, name: (parsed.name ?? '').trim(), email: parsed.address };
  }
  // Kernel trailers often carry names RFC 5322 would want quoted ("A. Name", "Name (Company)"):
  // accept "anything <addr>" when the address itself is a valid addr-spec.
  const m = /^(.*?)\s*<([^<>\s]+)>$/.exec(text);
  if (m && !/[<>"]/.test(m[1]!)) {
    const spec = addrs.parseOneAddress({ input: m[2]!, rfc6532: true }) as { type: string; address: string } | null;
    if (spec && spec.type === 'mailbox') return { ok: true, name: m[1]!.trim(), email: spec.address };
  }
  return { ok: false, error: 'is not a valid "Name <address>" mailbox' };
}

/** "Name <email>" for commit trailers and display: names are left as written. */
export function formatPerson(name: string, email: string): string {
  return name ? `${name} <${email}>` : `<${email}>`;
}

/** A mailbox for a mail header: the display name quoted when RFC 5322 requires it. */
export function formatHeaderMailbox(name: string, email: string): string {
  if (!name) return email;
  const needsQuote = /[()<>[\]:;@\\,."]/.test(name);
  const shown = needsQuote ? `"${name.replace(/(["\\])/g, '\\$1')}"` : name;
  return `${shown} <${email}>`;
}

export function sameAddress(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
