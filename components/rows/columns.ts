/**
 * Text measured in terminal columns, as ink measures it (string-width): a
 * wide character takes two, a combining mark none. Rows of plain characters
 * take the fast path of their length.
 */
import stringWidth from 'string-width';

// Characters one column wide each, as string-width counts them: printable ASCII, Latin-1 and Latin Extended without
// the soft hyphen, and the symbols the screens use.
export const NARROW = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff✓✗○–▸↓…─│⟳·×•]*$/;

export function columns(text: string): number {
  return NARROW.test(text) ? text.length : stringWidth(text);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** `text` in exactly `room` columns: padded with spaces, or cut with '…' where it would run over (as ink cuts). */
export function fitColumns(text: string, room: number): string {
  const w = columns(text);
  if (w <= room) return text + ' '.repeat(room - w);
  if (NARROW.test(text)) return `${text.slice(0, room - 1)}…`;
  let kept = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const g = stringWidth(segment);
    if (used + g > room - 1) break;
    kept += segment;
    used += g;
  }
  return `${kept}…${' '.repeat(Math.max(0, room - 1 - used))}`;
}
