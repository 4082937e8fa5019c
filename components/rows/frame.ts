/**
 * The whole frame as rows, and those rows as terminal text. ink takes a
 * while to load (its modules, yoga's WebAssembly, its first render); until
 * then the TUI writes the Series screen itself from the same rows the ink
 * components draw, styled and cut to the width the way ink does, so that
 * ink's first frame replaces it without a visible change.
 */
import { sanitizeLine } from '../../src/text/sanitize.js';
import { bodyHeight, type UiState } from '../ui-state.js';
import { footerLine, headerLine, statusLines, tabsLine } from './chrome.js';
import { NARROW } from './columns.js';
import { segsOf, type Line, type Seg } from './line.js';
import { padRows } from './panes.js';
import { seriesLines } from './series.js';

/** The frame's `height` rows, when the state shows the plain Series screen (what the TUI opens on); otherwise null. */
export function frameLines(s: UiState): Line[] | null {
  if (s.screen !== 'series' || s.help || s.plan || s.edit || s.confirm) return null;
  const h = bodyHeight(s);
  return padRows([headerLine(s), tabsLine(s), ...padRows(seriesLines(s, h), h), ...statusLines(s), footerLine(s)], s.height);
}

export interface TextStyle {
  /** Colours (NO_COLOR and --no-color turn them off). */
  color: boolean;
  /** Bold, dim, inverse: what ink's chalk draws on any terminal but a dumb one. */
  styles: boolean;
  /**
   * Cutting styled text to a width as ink does (cli-truncate), for rows whose width is not simply their length (wide
   * or combining characters). Rows of plain characters are cut here without it.
   */
  truncate?: (text: string, width: number) => string;
}

/** Whether some row needs `truncate`: a character whose width is not one column. */
export function needsTruncate(lines: Line[]): boolean {
  return lines.some((l) => segsOf(l).some((x) => !NARROW.test(sanitizeLine(x.text))));
}

const COLORS: Record<string, number> = { black: 30, red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, white: 37, gray: 90, grey: 90 };

function sgr(seg: Seg, st: TextStyle): string {
  const codes: number[] = [];
  if (!st.styles) return '';
  if (seg.bold) codes.push(1);
  if (seg.dim) codes.push(2);
  if (seg.inverse) codes.push(7);
  if (seg.strike) codes.push(9);
  if (st.color && seg.color && COLORS[seg.color]) codes.push(COLORS[seg.color]!);
  return codes.length ? `\x1b[${codes.join(';')}m` : '';
}

/** One row as ink draws it: each segment sanitized and styled, the whole cut to the width with a final '…'. */
export function rowText(line: Line, width: number, st: TextStyle): string {
  const segs = segsOf(line).map((x) => ({ seg: x, text: sanitizeLine(x.text) }));
  const plain = segs.every((x) => NARROW.test(x.text));
  const styled = (parts: { seg: Seg; text: string }[]) =>
    parts.map(({ seg, text }) => {
      const open = sgr(seg, st);
      return open && text ? `${open}${text}\x1b[0m` : text;
    });
  if (!plain) {
    if (!st.truncate) throw new Error('rowText: a row of wide or combining characters needs truncate');
    return st.truncate(styled(segs).join(''), width);
  }
  const total = segs.reduce((n, x) => n + x.text.length, 0);
  if (total <= width) return styled(segs).join('');
  if (width < 1) return '';
  let room = width - 1;
  const kept: typeof segs = [];
  for (const x of segs) {
    if (room <= 0) break;
    kept.push({ seg: x.seg, text: x.text.slice(0, room) });
    room -= Math.min(room, x.text.length);
  }
  // The '…' is drawn in the style of the text it follows, as ink's cut leaves it.
  const last = kept[kept.length - 1];
  if (last) last.text += '…';
  return last ? styled(kept).join('') : '…';
}

/** The frame as one write: home, clear, then the rows (never a line feed after the last: the screen must not scroll). */
export function frameText(lines: Line[], width: number, st: TextStyle): string {
  return `\x1b[H\x1b[2J${lines.map((l) => rowText(l, width, st)).join('\r\n')}`;
}
