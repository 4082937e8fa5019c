/**
 * Word wrapping and windows for panes drawn line by line, so that every
 * screen knows exactly how many rows it takes and can scroll.
 */

/** Wrap text to width columns, keeping each paragraph's indentation; words longer than a line are broken. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const w = Math.max(8, width - indent.length);
  const out: string[] = [];
  for (const para of text.replace(/\t/g, '        ').split('\n')) {
    if (!para.trim()) {
      out.push('');
      continue;
    }
    const lead = /^\s*/.exec(para)![0].slice(0, Math.floor(w / 2));
    // A list item's continuation lines hang under its text, not under its bullet.
    const hang = lead + (/^\s*(?:[-*•]|\d+\.) /.test(para) ? ' '.repeat(/^\s*(?:[-*•]|\d+\.) /.exec(para)![0].length - lead.length) : '');
    let first = true;
    const push = (l: string) => {
      out.push((first ? lead : hang) + l);
      first = false;
    };
    const roomFor = () => w - (first ? lead.length : hang.length);
    let line = '';
    for (let word of para.trim().split(/ +/)) {
      while (word.length > roomFor()) {
        if (line) push(line);
        line = '';
        const room = roomFor();
        push(word.slice(0, room));
        word = word.slice(room);
      }
      if (!word) continue;
      if (line && line.length + 1 + word.length > roomFor()) {
        push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) push(line);
  }
  return indent ? out.map((l) => (l ? indent + l : l)) : out;
}

/** First row of a window of `height` rows that keeps `cursor` visible, centred when it can. */
export function windowStart(length: number, cursor: number, height: number): number {
  if (length <= height) return 0;
  const start = cursor - Math.floor(height / 2);
  return Math.max(0, Math.min(start, length - height));
}

export function truncate(s: string, width: number): string {
  if (width <= 0) return '';
  return s.length <= width ? s : `${s.slice(0, Math.max(0, width - 1))}…`;
}

export function pad(s: string, width: number): string {
  const t = truncate(s, width);
  return t + ' '.repeat(Math.max(0, width - t.length));
}
