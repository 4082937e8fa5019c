/**
 * The few edits patchpilot makes to the mail files git format-patch wrote:
 * headers split and joined (continuation lines kept), To/Cc replaced, text
 * put below the `---`, and UTF-8 declared where our text brought it in.
 * Reading mail sent by others is src/mail.ts's (mailparser); these files are
 * git's own output, whose shape is fixed.
 */

const NON_ASCII = /[^\x00-\x7f]/;

export function splitMail(text: string): { head: string[]; body: string } {
  const end = text.indexOf('\n\n');
  const head = text.slice(0, end < 0 ? text.length : end).split('\n');
  const lines: string[] = [];
  for (const l of head) {
    if (/^[ \t]/.test(l) && lines.length) lines[lines.length - 1] += `\n${l}`;
    else lines.push(l);
  }
  return { head: lines, body: end < 0 ? '' : text.slice(end + 2) };
}

export const joinMail = (head: string[], body: string) => `${head.join('\n')}\n\n${body}`;
export const headerName = (l: string) => /^([A-Za-z-]+):/.exec(l)?.[1]?.toLowerCase();

/** RFC 2047 "B" encoding in words short enough for 78-column lines, never splitting a character. */
export function encodeWord(text: string): string {
  const words: string[] = [];
  let chunk = '';
  for (const ch of text) {
    if (Buffer.byteLength(chunk + ch) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString('base64')}?=`).join('\n ');
}

/**
 * A mail with UTF-8 text must say so, and a Subject must be ASCII (RFC 2047):
 * git does both for patches, but our text goes into the cover letter's
 * subject and the single patch's notes after git wrote them.
 */
export function declareUtf8(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  const { head, body } = splitMail(text);
  const out = head.map((h) => {
    const m = /^Subject: ([\s\S]*)$/.exec(h);
    return m && NON_ASCII.test(m[1]!) ? `Subject: ${encodeWord(m[1]!.replace(/\n\s+/g, ' '))}` : h;
  });
  if (!head.some((h) => headerName(h) === 'content-type'))
    out.push('MIME-Version: 1.0', 'Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: 8bit');
  return joinMail(out, body);
}

function addressHeader(name: 'To' | 'Cc', list: readonly string[]): string[] {
  return list.length ? [`${name}: ${list.join(',\n    ')}`] : [];
}

/** Replace the To and Cc headers (git writes them after Subject). */
export function setRecipients(text: string, to: readonly string[], cc: readonly string[]): string {
  const { head, body } = splitMail(text);
  const kept = head.filter((h) => !['to', 'cc'].includes(headerName(h) ?? ''));
  const at = kept.findIndex((h) => headerName(h) === 'subject');
  kept.splice(at < 0 ? kept.length : at + 1, 0, ...addressHeader('To', to), ...addressHeader('Cc', cc));
  return joinMail(kept, body);
}

/** Put `notes` first below the `---` that ends the message: the line git am stops at. */
export function insertNotes(text: string, notes: string): string {
  if (!notes.trim()) return text;
  const { head, body } = splitMail(text);
  const m = /^---$/m.exec(body);
  if (!m) throw new Error('format-patch output without a --- line');
  const at = m.index + 4;
  return joinMail(head, `${body.slice(0, at)}${notes.trim()}\n\n${body.slice(at)}`);
}

export function headerValue(text: string, name: string): string | undefined {
  const h = splitMail(text).head.find((l) => headerName(l) === name.toLowerCase());
  return h === undefined ? undefined : h.slice(h.indexOf(':') + 1).trim();
}
