/**
 * Panes as rows: a window of lines that scrolls, a list with a selection,
 * and a list above its selected row's detail. The ink components draw these
 * rows one for one; each function returns at most `height` rows.
 */
import { windowStart } from '../wrap.js';
import type { Line, Seg } from './line.js';

/** `height` rows of `lines` from `scroll`; a marker on the last row says when more follows. */
export function windowLines(lines: Line[], height: number, scroll = 0): Line[] {
  const max = Math.max(0, lines.length - height);
  const start = Math.min(Math.max(0, scroll), max);
  const shown = lines.slice(start, start + height);
  if (start + height >= lines.length) return shown;
  return [...shown.slice(0, -1), { text: `  ↓ ${lines.length - start - height + 1} more lines`, dim: true }];
}

/** Rows of a list, `height` of them, keeping the cursor visible; the selected row is inverse. */
export function listLines(rows: Seg[][], cursor: number, height: number, focus = true): Line[] {
  const visible = rows.length > height ? Math.max(1, height - 1) : height;
  const start = windowStart(rows.length, cursor, visible);
  const out: Line[] = rows.slice(start, start + visible).map((segs, i) => {
    const selected = start + i === cursor && focus;
    const marker: Seg = { text: selected ? '▸ ' : '  ', bold: true };
    return selected ? [marker, ...segs.map((x) => ({ ...x, inverse: true }))] : [marker, ...segs];
  });
  if (rows.length > height) out.push({ text: `  ${cursor + 1}/${rows.length}`, dim: true });
  return out;
}

export interface StackedPane {
  rows: Seg[][];
  cursor: number;
  detail: Line[];
  scroll: number;
  height: number;
  width: number;
  title?: string;
}

/** Where a list above its detail splits: the list takes half the rows, more when the detail is short. */
export function stackedHeights(p: Pick<StackedPane, 'rows' | 'detail' | 'height'>): { list: number; detail: number } {
  const list = Math.max(1, Math.min(p.rows.length, Math.max(3, Math.floor(p.height / 2), p.height - 1 - p.detail.length)));
  return { list, detail: Math.max(1, p.height - list - 1) };
}

/** A list on top and the selected row's detail below, split by a rule: `height` rows, the list's and the detail's padded. */
export function stackedLines(p: StackedPane): Line[] {
  const h = stackedHeights(p);
  const title = p.title ?? '';
  return [
    ...padRows(listLines(p.rows, p.cursor, h.list), h.list),
    { text: `${'─'.repeat(2)} ${title} ${'─'.repeat(Math.max(0, p.width - title.length - 4))}`, dim: true },
    ...padRows(windowLines(p.detail, h.detail, p.scroll), h.detail),
  ].slice(0, p.height);
}

/** Exactly `height` rows: cut, or filled with empty ones. */
export function padRows(lines: Line[], height: number): Line[] {
  if (lines.length >= height) return lines.slice(0, height);
  return [...lines, ...Array.from({ length: height - lines.length }, () => ({ text: '' }))];
}
