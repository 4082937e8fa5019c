/**
 * Saved mail threads: an mbox file (mboxo/mboxrd, as mutt, Thunderbird,
 * b4 and lore.kernel.org write them), a maildir (cur/ and new/), a directory
 * of .eml files, or one message. Each message goes through mailparser, which
 * handles MIME structure, quoted-printable and base64 bodies, charsets,
 * format=flowed and RFC 2047 encoded words, so nothing here decodes mail by hand.
 */
import { closeSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { simpleParser, type AddressObject } from 'mailparser';
import { UsageError } from '../errors.js';
import { MAIL_LIMIT, openRegular, readRegularFile } from '../text/input-file.js';
import { displayArg } from '../text/shell.js';
import { sanitizeLine } from '../text/sanitize.js';

export interface MailMessage {
  /** Message-ID without the angle brackets ('' when the message has none). */
  id: string;
  inReplyTo: string[];
  references: string[];
  from?: { name: string; email: string };
  subject: string;
  date?: Date;
  /** The plain-text body, decoded. */
  text: string;
  /** Where it came from (file, and position in an mbox), for messages to the user. */
  source: string;
}

const isFromLine = (buf: Buffer, at: number) =>
  buf[at] === 0x46 && buf[at + 1] === 0x72 && buf[at + 2] === 0x6f && buf[at + 3] === 0x6d && buf[at + 4] === 0x20;

/** Split an mbox at "From " lines that open the file or follow an empty line. */
export function splitMbox(buf: Buffer): Buffer[] {
  if (!isFromLine(buf, 0)) return buf.length ? [buf] : [];
  const starts = [0];
  let pos = 0;
  for (;;) {
    const nl = buf.indexOf(0x0a, pos);
    if (nl < 0) break;
    const next = nl + 1;
    const blankBefore = pos === nl || (nl - pos === 1 && buf[pos] === 0x0d);
    if (isFromLine(buf, next) && blankBefore) starts.push(next);
    pos = next;
  }
  return starts.map((s, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]! : buf.length;
    const chunk = buf.subarray(s, end);
    const body = chunk.subarray(chunk.indexOf(0x0a) + 1);
    // mboxrd escapes body lines that begin with ">*From "; undo one level.
    return Buffer.from(body.toString('latin1').replace(/^>(>*From )/gm, '$1'), 'latin1');
  });
}

function ids(v: string | string[] | undefined): string[] {
  const all = Array.isArray(v) ? v.join(' ') : (v ?? '');
  const out = [...all.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
  if (!out.length && all.trim() && !/\s/.test(all.trim())) out.push(all.trim().replace(/^<|>$/g, ''));
  return out;
}

function firstAddress(a: AddressObject | AddressObject[] | undefined): { name: string; email: string } | undefined {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  for (const o of list) {
    for (const v of o.value) if (v.address) return { name: v.name ?? '', email: v.address };
  }
  return undefined;
}

export async function parseMessage(raw: Buffer, source: string): Promise<MailMessage> {
  const m = await simpleParser(raw, { skipHtmlToText: false, skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  return {
    id: ids(m.messageId)[0] ?? '',
    inReplyTo: ids(m.inReplyTo),
    references: ids(m.references),
    from: firstAddress(m.from),
    subject: (m.subject ?? '').replace(/\s+/g, ' ').trim(),
    date: m.date,
    text: (m.text ?? '').replace(/\r\n/g, '\n'),
    source,
  };
}

function maildirFiles(dir: string): string[] {
  const sub = ['cur', 'new'].filter((d) => {
    try {
      return statSync(join(dir, d)).isDirectory();
    } catch {
      return false;
    }
  });
  const dirs = sub.length ? sub.map((d) => join(dir, d)) : [dir];
  const files: string[] = [];
  for (const d of dirs) {
    for (const name of readdirSync(d).sort()) {
      if (name.startsWith('.')) continue;
      const p = join(d, name);
      if (statSync(p).isFile()) files.push(p);
    }
  }
  return files;
}

/** Headers a mail message carries; a text that has none of them is not mail, whatever its colons. */
const MAIL_HEADERS = /^(from|subject|message-id|date|in-reply-to|references|to|cc|sender|reply-to|received|return-path|mime-version)$/i;

/**
 * Why raw text is not a message, or undefined when it opens with a header
 * block: header fields (and their continuation lines) up to a blank line,
 * with at least one field mail has. A block that never ends was cut off.
 */
export function notAMessage(raw: Buffer): string | undefined {
  const text = raw.toString('latin1');
  const end = /\r?\n\r?\n/.exec(text);
  const block = end ? text.slice(0, end.index) : text.replace(/\r?\n$/, '');
  const lines = block.split(/\r?\n/);
  // Cut off: the last line may end mid-name ("Subj"), so judge the lines before it.
  if (!end && lines.length > 1) lines.pop();
  let known = false;
  for (const [i, l] of lines.entries()) {
    if (i > 0 && /^[ \t]/.test(l)) continue;
    const f = /^([\x21-\x39\x3b-\x7e]+)[ \t]*:/.exec(l);
    if (!f) return 'no mail header block';
    if (MAIL_HEADERS.test(f[1]!)) known = true;
  }
  if (!known) return 'no mail header block';
  if (!end) return 'cut off inside its headers';
  return undefined;
}

export interface Mailbox {
  messages: MailMessage[];
  /** Parts that are not messages ("thread.mbox message 4: cut off inside its headers"), when others are. */
  damaged: string[];
}

/** Every message of an mbox file (gzip-compressed too, as lore.kernel.org serves them), a maildir or a directory of messages. */
export async function readMailbox(path: string): Promise<Mailbox> {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new UsageError(`${displayArg(path)}: no such file or directory (give an mbox file or a maildir)`);
  }
  // A FIFO or a device (/dev/zero) would block or never end: only a regular file or a directory is read.
  const opened = openRegular(path, 'mailbox', { allowDir: true });
  if ('fd' in opened) closeSync(opened.fd);
  const out: MailMessage[] = [];
  const damaged: string[] = [];
  let parts = 0;
  try {
    const take = async (raw: Buffer, source: string) => {
      parts++;
      const why = notAMessage(raw);
      if (why) damaged.push(`${source}: ${why}`);
      else out.push(await parseMessage(raw, source));
    };
    if (st.isDirectory()) {
      for (const f of maildirFiles(path)) await take(readRegularFile(f, 'message', MAIL_LIMIT), f);
    } else {
      let buf = readRegularFile(path, 'mailbox', MAIL_LIMIT);
      if (buf[0] === 0x1f && buf[1] === 0x8b) {
        try {
          buf = gunzipSync(buf, { maxOutputLength: MAIL_LIMIT });
        } catch (e) {
          throw new UsageError(`${displayArg(path)} looks gzip-compressed but does not decompress: ${(e as Error).message}`);
        }
      }
      // A byte-order mark or blank lines before the first "From " line (a hand-made file) are not a message.
      const start = /^(\xef\xbb\xbf)?(\r?\n)*/.exec(buf.toString('latin1'))![0].length;
      buf = buf.subarray(start);
      const mbox = isFromLine(buf, 0);
      const chunks = splitMbox(buf);
      if (chunks.length && !mbox && notAMessage(chunks[0]!)) {
        throw new UsageError(`${displayArg(path)} is neither an mbox (no "From " line opens it) nor a mail message (${notAMessage(chunks[0]!)})`);
      }
      for (const [i, p] of chunks.entries()) await take(p, mbox ? `${path} message ${i + 1}` : path);
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${displayArg(path)} as mail: ${(e as Error).message}`);
  }
  if (!parts) throw new UsageError(`${displayArg(path)} holds no messages`);
  if (!out.length)
    throw new UsageError(
      `${displayArg(path)} holds no readable message (${sanitizeLine(damaged[0]!)}${damaged.length > 1 ? `, and ${damaged.length - 1} more` : ''})`,
    );
  return { messages: out, damaged };
}

/** The messages of readMailbox, for callers that do not report damaged parts. */
export async function readMail(path: string): Promise<MailMessage[]> {
  return (await readMailbox(path)).messages;
}
