/**
 * Keys as data. Every key the TUI acts on is a Binding in a Keymap: the key
 * names, the handler and the help text together. The reducer dispatches
 * through the keymaps of the current context only, and the footer and the
 * help overlay (keys.ts) are generated from the same keymaps, so what the
 * help says and what a key does cannot drift apart.
 */
import type { KeyInfo, UiState } from './ui-state.js';

/**
 * A key name: one character ('j', 'G', '?', ' ' is written 'space'), or a
 * named key: enter, esc, tab, shift+tab, up, down, left, right, pgup, pgdn,
 * home, end, backspace, ctrl+<letter>; 'char' is any printable text (typing in
 * a box), 'any' is any key at all.
 */
export type KeyName = string;

export interface Binding {
  keys: KeyName[];
  /** What it does, in the help overlay. */
  help: string;
  /** Shown instead of the key names (e.g. '1-6'). */
  label?: string;
  /** Shorter words for the footer, used when the footer is crowded. */
  short?: string;
  /** In the footer: always, never (the default: help only), or when this says so. */
  footer?: boolean | ((s: UiState) => boolean);
  /** The footer's words for this state, when they depend on it (what Enter does for this item). */
  footerText?: (s: UiState) => string;
  /** Whether it applies now; when it does not, the key is not handled and the footer leaves it out. */
  when?: (s: UiState) => boolean;
  run: (s: UiState, input: string, key: KeyInfo) => UiState;
}

export interface Keymap {
  /** The heading in the help overlay. */
  title: string;
  bindings: Binding[];
}

const NAMED: Record<string, (input: string, k: KeyInfo) => boolean> = {
  enter: (_, k) => Boolean(k.return),
  esc: (_, k) => Boolean(k.escape),
  tab: (_, k) => Boolean(k.tab && !k.shift),
  'shift+tab': (_, k) => Boolean(k.tab && k.shift),
  up: (_, k) => Boolean(k.upArrow),
  down: (_, k) => Boolean(k.downArrow),
  left: (_, k) => Boolean(k.leftArrow),
  right: (_, k) => Boolean(k.rightArrow),
  pgup: (_, k) => Boolean(k.pageUp),
  pgdn: (_, k) => Boolean(k.pageDown),
  home: (_, k) => Boolean(k.home),
  end: (_, k) => Boolean(k.end),
  backspace: (_, k) => Boolean(k.backspace || k.delete),
  space: (input, k) => input === ' ' && !k.ctrl && !k.meta,
  any: () => true,
};

function special(k: KeyInfo): boolean {
  return Boolean(
    k.return ||
    k.escape ||
    k.tab ||
    k.upArrow ||
    k.downArrow ||
    k.leftArrow ||
    k.rightArrow ||
    k.pageUp ||
    k.pageDown ||
    k.home ||
    k.end ||
    k.backspace ||
    k.delete ||
    k.ctrl ||
    k.meta,
  );
}

/** Whether a key press is the named key. */
export function matches(name: KeyName, input: string, key: KeyInfo): boolean {
  const named = NAMED[name];
  if (named) return named(input, key);
  // Text, pasted line breaks included (a one-line box flattens them); other control characters are keys, not text.
  if (name === 'char') return input.length > 0 && !special(key) && !/[\x00-\x09\x0b-\x1f\x7f]/.test(input);
  if (name.startsWith('ctrl+')) return Boolean(key.ctrl) && input === name.slice(5);
  return input === name && !special(key);
}

export function applies(b: Binding, s: UiState): boolean {
  return !b.when || b.when(s);
}

/** The binding a key press runs in these keymaps (the first that matches and applies), if any. */
export function bindingFor(maps: Keymap[], s: UiState, input: string, key: KeyInfo): Binding | undefined {
  for (const m of maps) for (const b of m.bindings) if (b.keys.some((k) => matches(k, input, key)) && applies(b, s)) return b;
  return undefined;
}

/** Run the key through the keymaps; the same state object back when no binding takes it. */
export function dispatch(maps: Keymap[], s: UiState, input: string, key: KeyInfo): UiState {
  const b = bindingFor(maps, s, input, key);
  return b ? b.run(s, input, key) : s;
}

const SHOWN: Record<string, string> = {
  enter: 'Enter',
  esc: 'Esc',
  tab: 'Tab',
  'shift+tab': 'S-Tab',
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pgup: 'PgUp',
  pgdn: 'PgDn',
  home: 'Home',
  end: 'End',
  backspace: 'Backspace',
  space: 'Space',
  char: 'text',
  any: 'any key',
};

/** How a binding's keys are written in the footer and the help. */
export function keyLabel(b: Binding): string {
  if (b.label) return b.label;
  return b.keys.map((k) => SHOWN[k] ?? (k.startsWith('ctrl+') ? `Ctrl+${k.slice(5).toUpperCase()}` : k)).join('/');
}
