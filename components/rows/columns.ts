/**
 * Text measured in terminal columns, as ink measures it: a wide character
 * takes two, a combining mark none. Rows of plain characters take the fast
 * path of their length. Other text is measured with string-width, ink's own
 * measure, handed in by the side that has it loaded (Lines.tsx for ink's
 * frames; bin/tui.ts before ink, once a row needs it): loading it builds an
 * Intl.Segmenter, about 9 ms that a first frame of plain rows does without.
 */

// Characters one column wide each, as string-width counts them: printable ASCII, Latin-1 and Latin Extended without
// the soft hyphen, and the symbols the screens use.
export const NARROW = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff✓✗○–▸↓…─│⟳·×•]*$/;

let wide: ((text: string) => number) | undefined;

/** How text that is not all narrow is measured from now on (string-width). Until then it counts its length. */
export function measureWideWith(measure: (text: string) => number): void {
  wide = measure;
}

export function columns(text: string): number {
  return NARROW.test(text) || !wide ? text.length : wide(text);
}

/** `text` padded with spaces to `room` columns (longer text is left as it is). */
export function padColumns(text: string, room: number): string {
  return text + ' '.repeat(Math.max(0, room - columns(text)));
}

let graphemes: Intl.Segmenter | undefined;

/** `text` in exactly `room` columns: padded with spaces, or cut with '…' where it would run over (as ink cuts). */
export function fitColumns(text: string, room: number): string {
  const w = columns(text);
  if (w <= room) return text + ' '.repeat(room - w);
  if (NARROW.test(text) || !wide) return `${text.slice(0, room - 1)}…`;
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let kept = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const g = wide(segment);
    if (used + g > room - 1) break;
    kept += segment;
    used += g;
  }
  return `${kept}…${' '.repeat(Math.max(0, room - 1 - used))}`;
}
