/**
 * Saved mail threads: an mbox file (mboxo/mboxrd, as mutt, Thunderbird,
 * b4 and lore.kernel.org write them), a maildir (cur/ and new/), a directory
 * of .eml files, or one message. Each message goes through mailparser, which
 * handles MIME structure, quoted-printable and base64 bodies, charsets,
 * format=flowed and RFC 2047 encoded words, so nothing here decodes mail by hand.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import { UsageError } from './errors.js';

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

/** Every message of an mbox file, a maildir or a directory of messages. */
export async function readMail(path: string): Promise<MailMessage[]> {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new UsageError(`${path}: no such file or directory (give an mbox file or a maildir)`);
  }
  const out: MailMessage[] = [];
  try {
    if (st.isDirectory()) {
      for (const f of maildirFiles(path)) out.push(await parseMessage(readFileSync(f), f));
    } else {
      const parts = splitMbox(readFileSync(path));
      for (const [i, p] of parts.entries()) out.push(await parseMessage(p, `${path} message ${i + 1}`));
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${path} as mail: ${(e as Error).message}`);
  }
  if (!out.length) throw new UsageError(`${path} holds no messages`);
  return out;
}
