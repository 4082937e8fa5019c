/**
 * Colours and symbols mean the same on every screen. Without colour
 * (NO_COLOR, --no-color, a monochrome terminal) the symbol alone carries it.
 */
import { createContext, useContext } from 'react';
import type { Status } from './view-data.js';

export interface Theme {
  color: boolean;
}

export const ThemeContext = createContext<Theme>({ color: true });

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

const COLOR: Record<Status, string> = { pass: 'green', fail: 'red', open: 'yellow', 'n/a': 'gray' };

/** The ink `color` prop for a status, or undefined without colour. */
export function statusColor(theme: Theme, s: Status): string | undefined {
  return theme.color ? COLOR[s] : undefined;
}

export function tint(theme: Theme, c: string): string | undefined {
  return theme.color ? c : undefined;
}
