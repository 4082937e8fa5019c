/**
 * A screen row as plain data: segments of text with their style. Every row
 * the TUI shows is one of these, so the same rows can be drawn by ink and,
 * before ink has loaded, written to the terminal directly (frame.ts).
 */
import type { Status } from '../view-data.js';

export interface Seg {
  text: string;
  color?: string;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
  strike?: boolean;
}

export type Line = Seg | Seg[];

export const SYMBOL: Record<Status, string> = { pass: '✓', fail: '✗', open: '○', 'n/a': '–' };

export function segsOf(line: Line): Seg[] {
  return Array.isArray(line) ? line : [line];
}
