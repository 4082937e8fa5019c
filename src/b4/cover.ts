/**
 * b4's cover letter as `b4 send` renders it: b4 keeps the letter in an empty
 * commit (`b4 prep`), with lines starting with '#' as notes to the submitter,
 * `To:`/`Cc:` trailers that become recipients instead of text, and EDITME
 * template text that b4 itself refuses to send.
 */
import { personOf } from '../trailers/parse.js';

export interface B4CoverParts {
  /** The first line, when a blank line follows it (b4's rule); '' otherwise. */
  subject: string;
  /** The body without comment lines and without the To:/Cc: trailers. */
  body: string;
  to: { name: string; email: string }[];
  cc: { name: string; email: string }[];
}

/** b4's load_cover(strip_comments=True): every line starting with '#' emptied, runs of blank lines folded. */
export function stripB4Comments(text: string): string {
  let t = text.replace(/\r\n/g, '\n').replace(/^#.*$/gm, '');
  while (t.includes('\n\n\n')) t = t.replace(/\n\n\n/g, '\n\n');
  return t.trim();
}

const TRAILER_LINE = /^([A-Za-z0-9-]+):\s*(.*)$/;

/**
 * Split the cover text b4 keeps (everything above its tracking marker) the way
 * b4 send does: comments out, subject and body, the To:/Cc: trailers of the
 * last paragraph before any `---` taken out of the text as recipients.
 */
export function b4CoverParts(raw: string): B4CoverParts {
  const text = stripB4Comments(raw);
  const lines = text.split('\n');
  let subject = '';
  let body = text;
  if (lines.length >= 2 && !lines[1]!.trim() && lines[0]!.trim()) {
    subject = lines[0]!.trim();
    body = lines.slice(2).join('\n').trim();
  } else if (lines.length === 1) {
    subject = lines[0]!.trim();
    body = '';
  }
  const cut = /^---$/m.exec(body);
  const head = cut ? body.slice(0, cut.index).replace(/\n+$/, '') : body;
  const tail = cut ? body.slice(cut.index) : '';
  const paras = head.split('\n\n');
  const last = paras.at(-1) ?? '';
  const to: B4CoverParts['to'] = [];
  const cc: B4CoverParts['cc'] = [];
  const lastLines = last.split('\n').filter((l) => l.trim());
  if (lastLines.length && lastLines.every((l) => TRAILER_LINE.test(l))) {
    const kept: string[] = [];
    for (const l of lastLines) {
      const [, key, value] = TRAILER_LINE.exec(l)!;
      const k = key!.toLowerCase();
      const p = k === 'to' || k === 'cc' ? personOf(value!) : null;
      if (p) (k === 'to' ? to : cc).push(p);
      else kept.push(l);
    }
    paras[paras.length - 1] = kept.join('\n');
  }
  const newHead = paras
    .filter((p, i) => p.trim() || i < paras.length - 1)
    .join('\n\n')
    .trim();
  return { subject, body: [newHead, tail.trim()].filter(Boolean).join('\n\n'), to, cc };
}

/**
 * Drop b4's template text: an EDITME title is no title, a paragraph or bullet
 * that starts with EDITME is not the submitter's text yet.
 */
export function withoutEditme(body: string): string {
  return body
    .split(/\n{2,}/)
    .filter((p) => !p.trimStart().startsWith('EDITME'))
    .map((p) =>
      p
        .split('\n')
        .filter((l) => !/^\s*[-*]\s+EDITME\b/.test(l))
        .join('\n'),
    )
    .filter((p) => p.trim())
    .join('\n\n')
    .trim();
}

/**
 * b4's cover commit is empty, and git format-patch --base lists the patch-id
 * of an empty commit as all zeros: a prerequisite that is no patch at all.
 */
export function withoutEmptyPrerequisite(text: string): string {
  return text.replace(/^prerequisite-patch-id: 0+\n/gm, '');
}

/** The people b4 send would add from the To:/Cc: lines of b4's cover commit. */
export function b4CoverRecipients(series: { b4Cover?: { subject: string; body: string } }): { name: string; email: string; field: 'to' | 'cc' }[] {
  if (!series.b4Cover) return [];
  const parts = b4CoverParts(`${series.b4Cover.subject}\n\n${series.b4Cover.body}`);
  return [...parts.to.map((p) => ({ ...p, field: 'to' as const })), ...parts.cc.map((p) => ({ ...p, field: 'cc' as const }))];
}
