/**
 * The few edits patchpilot makes to the mail files git format-patch wrote,
 * on bytes: a commit may hold any bytes (latin-1 in code or in its message),
 * and `git am` of the export must give the branch's exact tree, so the body
 * is never decoded. Headers are git's, ASCII (git writes non-ASCII ones as
 * RFC 2047 encoded words); they are read as latin-1, which maps each byte to
 * one character and back, and every header patchpilot adds is ASCII too.
 * Edits: To/Cc replaced, the cover letter's placeholders filled, text put
 * below the `---` of a single patch, UTF-8 declared where our text brought
 * it in. Reading mail sent by others is src/mail/saved.ts's (mailparser).
 */
import { UsageError } from '../errors.js';
import { encodeHeaderMailbox, encodeWords, mailboxProblem, type Mailbox } from '../mail/address.js';
import { displayArg } from '../text/shell.js';

const NON_ASCII = /[^\x00-\x7f]/;

/** A string's UTF-8 bytes as latin-1 characters: how header lines are held here. */
const latin1Bytes = (s: string) => Buffer.from(s, 'utf8').toString('latin1');

export interface Mail {
  /** Header fields, continuation lines joined with "\n" (latin-1: one character per byte). */
  head: string[];
  body: Buffer;
}

export function parseMail(data: Buffer): Mail {
  const end = data.indexOf('\n\n');
  const headText = data.subarray(0, end < 0 ? data.length : end).toString('latin1');
  const head: string[] = [];
  for (const l of headText.split('\n')) {
    if (/^[ \t]/.test(l) && head.length) head[head.length - 1] += `\n${l}`;
    else head.push(l);
  }
  return { head, body: end < 0 ? Buffer.alloc(0) : data.subarray(end + 2) };
}

export function serializeMail(m: Mail): Buffer {
  return Buffer.concat([Buffer.from(`${m.head.join('\n')}\n\n`, 'latin1'), m.body]);
}

export const headerName = (l: string) => /^([A-Za-z-]+):/.exec(l)?.[1]?.toLowerCase();

/** RFC 2047 "B" encoding in words short enough for 78-column lines, never splitting a character. */
export function encodeWord(text: string): string {
  return encodeWords(text).join('\n ');
}

/** The value of a header (unfolded, undecoded), from a whole file or its head. */
export function headerValue(mail: Buffer | string | Mail, name: string): string | undefined {
  const m = typeof mail === 'string' ? parseMail(Buffer.from(mail, 'latin1')) : Buffer.isBuffer(mail) ? parseMail(mail) : mail;
  const h = m.head.find((l) => headerName(l) === name.toLowerCase());
  return h === undefined ? undefined : h.slice(h.indexOf(':') + 1).trim();
}

/** Replace a header's placeholder text with ours, RFC 2047-encoded when it is not ASCII. */
export function fillSubject(m: Mail, placeholder: string, title: string): Mail {
  if (/[\u0000-\u001f\u007f-\u009f]/.test(title))
    throw new UsageError(`the cover letter title ${displayArg(title)} holds a control character; set it again with patchpilot cover --title`);
  const head = m.head.map((h) => {
    if (headerName(h) !== 'subject' || !h.includes(placeholder)) return h;
    const full = h.replace(/\n[ \t]+/g, ' ').replace(placeholder, () => title);
    const value = full.slice(full.indexOf(':') + 1).trim();
    return NON_ASCII.test(value) ? `Subject: ${encodeWord(value)}` : full;
  });
  return { head, body: m.body };
}

/** Replace the first occurrence of `placeholder` in the body with UTF-8 text. */
export function fillBody(m: Mail, placeholder: string, text: string): Mail {
  const at = m.body.indexOf(placeholder);
  if (at < 0) return m;
  return { head: m.head, body: Buffer.concat([m.body.subarray(0, at), Buffer.from(text, 'utf8'), m.body.subarray(at + placeholder.length)]) };
}

/**
 * A mail whose body has UTF-8 text of ours must say so (git does it for
 * patches whose message is not ASCII; our text goes into the cover letter
 * and the single patch's notes after git wrote them).
 */
export function declareUtf8(m: Mail): Mail {
  if (!m.body.some((b) => b > 0x7f)) return m;
  if (m.head.some((h) => headerName(h) === 'content-type')) return m;
  return { head: [...m.head, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: 8bit'], body: m.body };
}

/** A To: or Cc: header from mailboxes: each checked, non-ASCII names encoded. */
export function addressHeader(name: 'To' | 'Cc', list: readonly Mailbox[]): string[] {
  for (const b of list) {
    const bad = mailboxProblem(b.name, b.email);
    if (bad) throw new UsageError(`recipient ${displayArg(b.email)} cannot be written into a mail header: ${bad}; drop it with patchpilot cc --drop`);
  }
  // An address itself may be UTF-8 (RFC 6532): its bytes, one latin-1 character each, like the rest of the head.
  return list.length ? [latin1Bytes(`${name}: ${list.map((b) => encodeHeaderMailbox(b.name, b.email)).join(',\n    ')}`)] : [];
}

/** Replace the To and Cc headers (put after Subject, where git writes them). */
export function setRecipients(m: Mail, to: readonly Mailbox[], cc: readonly Mailbox[]): Mail {
  const kept = m.head.filter((h) => !['to', 'cc'].includes(headerName(h) ?? ''));
  const at = kept.findIndex((h) => headerName(h) === 'subject');
  kept.splice(at < 0 ? kept.length : at + 1, 0, ...addressHeader('To', to), ...addressHeader('Cc', cc));
  return { head: kept, body: m.body };
}

/** Put `notes` first below the `---` that ends the message: the line git am stops at. */
export function insertNotes(m: Mail, notes: string): Mail {
  if (!notes.trim()) return m;
  const body = m.body;
  const at = body.subarray(0, 4).toString('latin1') === '---\n' ? 4 : body.indexOf('\n---\n') + 5;
  if (at < 5 && at !== 4) throw new Error('format-patch output without a --- line');
  return { head: m.head, body: Buffer.concat([body.subarray(0, at), Buffer.from(`${notes.trim()}\n\n`, 'utf8'), body.subarray(at)]) };
}

/**
 * The last guard before a file is written: every header line ASCII, no
 * control character but the folding ones, whatever the values came from
 * (the state file, MAINTAINERS, .mailmap, a commit).
 */
export function checkHeaders(m: Mail, file: string): void {
  for (const h of m.head) {
    const text = Buffer.from(h, 'latin1').toString('utf8');
    const bad = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.exec(text) ?? (/\n(?![ \t])/.test(text) ? ['\n'] : null);
    if (bad) {
      const name = headerName(h) ?? 'a header';
      throw new UsageError(
        `the ${name} header of ${displayArg(file)} would hold ${JSON.stringify(bad[0])}; nothing was exported (check the cover letter title and the recipients)`,
      );
    }
  }
}
