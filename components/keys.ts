/**
 * The footer and the help overlay, generated from the keymaps the reducer
 * dispatches through (keymap.ts): the footer shows the bindings of the
 * current context that apply now, the help (?) every binding there is.
 */
import { applies, keyLabel, type Binding, type Keymap } from './keymap.js';
import { keymapsFor } from './reducer.js';
import { EDIT_KEYMAP } from './edit-box/edit-keys.js';
import { ALWAYS_KEYMAP, CONFIRM_KEYMAP, GLOBAL_KEYMAP, HELP_KEYMAP, LIST_KEYMAP, PLAN_KEYMAP } from './reducer-global.js';
import { SCREEN_KEYMAPS } from './reducer-screens.js';
import { WALK_KEYMAP } from './walk/walk-keys.js';
import { SCREENS, SCREEN_TITLES, type UiState } from './ui-state.js';

/** Keys, what they do, and shorter words for a crowded footer. */
export type KeyRow = [keys: string, what: string, short?: string];

function inFooter(b: Binding, s: UiState): boolean {
  return (typeof b.footer === 'function' ? b.footer(s) : Boolean(b.footer)) && applies(b, s);
}

/** What the footer shows now. */
export function footerKeys(s: UiState): KeyRow[] {
  const rows: KeyRow[] = [];
  for (const m of keymapsFor(s)) {
    for (const b of m.bindings) {
      if (!inFooter(b, s)) continue;
      const what = b.footerText?.(s) ?? b.help;
      rows.push(b.short && !b.footerText ? [keyLabel(b), what, b.short] : [keyLabel(b), what]);
    }
  }
  return rows;
}

export interface HelpSection {
  title: string;
  rows: KeyRow[];
}

function section(title: string, ...maps: Keymap[]): HelpSection {
  return { title, rows: maps.flatMap((m) => m.bindings.map((b): KeyRow => [keyLabel(b), b.help])) };
}

/** Every keymap, the current screen's first: the whole help overlay. */
export function helpSections(s: UiState): HelpSection[] {
  const out: HelpSection[] = [section('Everywhere', GLOBAL_KEYMAP, ALWAYS_KEYMAP)];
  out.push(section(`${SCREEN_TITLES[s.screen]} (this screen)`, SCREEN_KEYMAPS[s.screen]));
  if (s.screen === 'checklist') out.push(section(WALK_KEYMAP.title, WALK_KEYMAP));
  out.push(section(LIST_KEYMAP.title, LIST_KEYMAP));
  for (const m of [EDIT_KEYMAP, PLAN_KEYMAP, CONFIRM_KEYMAP, HELP_KEYMAP]) out.push(section(m.title, m));
  for (const sc of SCREENS) if (sc !== s.screen) out.push(section(SCREEN_TITLES[sc], SCREEN_KEYMAPS[sc]));
  if (s.screen !== 'checklist') out.push(section(WALK_KEYMAP.title, WALK_KEYMAP));
  return out;
}

/** Every keymap there is, for tests that walk them all. */
export const ALL_KEYMAPS: Keymap[] = [
  GLOBAL_KEYMAP,
  ALWAYS_KEYMAP,
  LIST_KEYMAP,
  HELP_KEYMAP,
  CONFIRM_KEYMAP,
  PLAN_KEYMAP,
  EDIT_KEYMAP,
  WALK_KEYMAP,
  ...SCREENS.map((sc) => SCREEN_KEYMAPS[sc]),
];
