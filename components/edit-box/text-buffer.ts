/**
 * The editing model of the answer box and the one-line prompts: a string
 * and a cursor offset. Pure, so the reducer stays a pure function.
 */
export interface TextBuffer {
  text: string;
  cursor: number;
  multiline: boolean;
}

export function buffer(text: string, multiline: boolean): TextBuffer {
  return { text, cursor: text.length, multiline };
}

function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

function lineEnd(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  return nl < 0 ? text.length : nl;
}

export function insert(b: TextBuffer, s: string): TextBuffer {
  // Pasted text arrives as one chunk, with CR line ends from the terminal.
  let add = s.replace(/\r\n?/g, '\n');
  if (!b.multiline) add = add.replace(/\n/g, ' ');
  // eslint-disable-next-line no-control-regex
  add = add.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
  return { ...b, text: b.text.slice(0, b.cursor) + add + b.text.slice(b.cursor), cursor: b.cursor + add.length };
}

export function backspace(b: TextBuffer): TextBuffer {
  if (b.cursor === 0) return b;
  return { ...b, text: b.text.slice(0, b.cursor - 1) + b.text.slice(b.cursor), cursor: b.cursor - 1 };
}

export function del(b: TextBuffer): TextBuffer {
  if (b.cursor >= b.text.length) return b;
  return { ...b, text: b.text.slice(0, b.cursor) + b.text.slice(b.cursor + 1) };
}

export type Motion = 'left' | 'right' | 'up' | 'down' | 'home' | 'end';

export function move(b: TextBuffer, m: Motion): TextBuffer {
  const { text, cursor } = b;
  let c = cursor;
  if (m === 'left') c = Math.max(0, cursor - 1);
  else if (m === 'right') c = Math.min(text.length, cursor + 1);
  else if (m === 'home') c = lineStart(text, cursor);
  else if (m === 'end') c = lineEnd(text, cursor);
  else {
    const start = lineStart(text, cursor);
    const col = cursor - start;
    if (m === 'up') {
      if (start === 0) c = 0;
      else {
        const prevStart = lineStart(text, start - 1);
        c = Math.min(prevStart + col, start - 1);
      }
    } else {
      const end = lineEnd(text, cursor);
      if (end === text.length) c = text.length;
      else c = Math.min(end + 1 + col, lineEnd(text, end + 1));
    }
  }
  return { ...b, cursor: c };
}

/** Delete the word before the cursor (Ctrl+W, as in shells). */
export function deleteWord(b: TextBuffer): TextBuffer {
  let i = b.cursor;
  while (i > 0 && /\s/.test(b.text[i - 1]!)) i--;
  while (i > 0 && !/\s/.test(b.text[i - 1]!)) i--;
  return { ...b, text: b.text.slice(0, i) + b.text.slice(b.cursor), cursor: i };
}

/** Lines of the buffer and where the cursor is, for drawing. */
export function cursorPosition(b: TextBuffer): { row: number; col: number; lines: string[] } {
  const lines = b.text.split('\n');
  const before = b.text.slice(0, b.cursor).split('\n');
  return { row: before.length - 1, col: before[before.length - 1]!.length, lines };
}
