/**
 * The one reducer: keys, results of effects, resizes. Pure: effects are
 * queued on the state and performed by the App's runner, whose results
 * come back as actions.
 */
import { describe as describeJob, type Effect, type EffectResult } from './effects.js';
import { editKey, submitText } from './reducer-edit.js';
import { screenKey } from './reducer-screens.js';
import { advanceWalk, walkKey } from './reducer-walk.js';
import { bodyHeight, enqueue, listLength, SCREENS, type Action, type KeyInfo, type ScreenId, type UiState } from './ui-state.js';

/** Effects that move the branch: quitting in the middle is refused so the user sees how it ended. */
const REWRITES = new Set<Effect['kind']>(['trailer-apply', 'import-apply', 'undo']);

export function info(s: UiState, text: string, kind: 'info' | 'error' = 'info'): UiState {
  return { ...s, message: { kind, text } };
}

function clamp(n: number, len: number): number {
  return Math.max(0, Math.min(n, len - 1));
}

export function clampCursors(s: UiState): UiState {
  const cursor = { ...s.cursor };
  for (const sc of SCREENS) cursor[sc] = clamp(cursor[sc], listLength(s, sc));
  return { ...s, cursor };
}

export function switchScreen(s: UiState, screen: ScreenId): UiState {
  return { ...s, screen, message: null };
}

/** Movement shared by every list: arrows, j/k, Home/End, g/G; PgUp/PgDn scroll the detail pane. */
export function moveKey(s: UiState, input: string, key: KeyInfo): UiState | null {
  const len = listLength(s);
  const cur = s.cursor[s.screen];
  const page = Math.max(1, bodyHeight(s) - 4);
  let next: number | null = null;
  if (key.downArrow || input === 'j') next = cur + 1;
  else if (key.upArrow || input === 'k') next = cur - 1;
  else if (key.home || input === 'g') next = 0;
  else if (key.end || input === 'G') next = len - 1;
  if (next !== null) {
    if (!len) return s;
    return { ...s, cursor: { ...s.cursor, [s.screen]: clamp(next, len) }, scroll: { ...s.scroll, [s.screen]: 0 } };
  }
  if (key.pageDown || key.pageUp || (key.ctrl && (input === 'd' || input === 'u'))) {
    const delta = key.pageDown || input === 'd' ? page : -page;
    return { ...s, scroll: { ...s.scroll, [s.screen]: Math.max(0, s.scroll[s.screen] + delta) } };
  }
  return null;
}

function globalKey(s: UiState, input: string, key: KeyInfo): UiState | null {
  if (input >= '1' && input <= '6' && !key.ctrl && !key.meta) return switchScreen(s, SCREENS[Number(input) - 1]!);
  if (key.tab) {
    const i = SCREENS.indexOf(s.screen);
    return switchScreen(s, SCREENS[(i + (key.shift ? SCREENS.length - 1 : 1)) % SCREENS.length]!);
  }
  if (input === '?') return { ...s, help: true, helpScroll: 0 };
  if (key.ctrl && input === 'r') return enqueue({ ...s, loadError: undefined }, { kind: 'reload' });
  if (input === 'q') return quit(s);
  return null;
}

function quit(s: UiState): UiState {
  const rewriting = s.running.find((r) => REWRITES.has(r.kind));
  if (rewriting) return info(s, `wait: ${rewriting.label} (quitting now would hide how it ended)`, 'error');
  return { ...s, quit: true };
}

function keyOne(s: UiState, input: string, key: KeyInfo): UiState {
  if (key.ctrl && input === 'c') return quit(s);
  if (s.help) {
    // The help scrolls like any pane; every other key closes it.
    if (key.downArrow || input === 'j') return { ...s, helpScroll: s.helpScroll + 1 };
    if (key.upArrow || input === 'k') return { ...s, helpScroll: Math.max(0, s.helpScroll - 1) };
    if (key.pageDown || input === ' ') return { ...s, helpScroll: s.helpScroll + bodyHeight(s) - 2 };
    if (key.pageUp) return { ...s, helpScroll: Math.max(0, s.helpScroll - bodyHeight(s) + 2) };
    return { ...s, help: false };
  }
  if (s.edit) return editKey(s, input, key);
  if (s.confirm) {
    if (input === 'y' || key.return) return enqueue({ ...s, confirm: null }, s.confirm.effect);
    if (input === 'n' || key.escape || input === 'q') return info({ ...s, confirm: null }, 'cancelled');
    return s;
  }
  if (s.plan) {
    const plan = s.plan;
    if (input === 'y' || key.return) return enqueue({ ...s, plan: null }, plan.effect);
    if (input === 'n' || key.escape || input === 'q') return info({ ...s, plan: null }, 'nothing changed');
    if (key.downArrow || input === 'j') return { ...s, plan: { ...plan, scroll: plan.scroll + 1 } };
    if (key.upArrow || input === 'k') return { ...s, plan: { ...plan, scroll: Math.max(0, plan.scroll - 1) } };
    return s;
  }
  if (s.walk && s.screen === 'checklist') {
    const w = walkKey(s, input, key);
    if (w) return w;
  }
  const m = s.message && !key.escape ? { ...s, message: null } : s;
  return globalKey(m, input, key) ?? screenKey(m, input, key) ?? moveKey(m, input, key) ?? m;
}

/** Keys inside a chunk of typed-ahead input, as ink would have named them had they come alone. */
const CONTROL: Record<string, KeyInfo> = {
  '\r': { return: true },
  '\n': { return: true },
  '\t': { tab: true },
  '\x7f': { backspace: true },
  '\b': { backspace: true },
  '\x1b': { escape: true },
  '\x1b[A': { upArrow: true },
  '\x1b[B': { downArrow: true },
  '\x1b[C': { rightArrow: true },
  '\x1b[D': { leftArrow: true },
  '\x1b[Z': { tab: true, shift: true },
};

// eslint-disable-next-line no-control-regex
const TOKENS = /\x1b\[[0-9;]*[A-Za-z~]|[\x00-\x1f\x7f]|[^\x00-\x1f\x7f]+/g;

function keyAction(s: UiState, input: string, key: KeyInfo): UiState {
  // Keys typed ahead, pasted, or sent by a script arrive as one chunk: split
  // it into the keys it holds. In a text box, plain text goes in as pasted.
  const plain = !key.ctrl && !key.meta && !key.escape && !key.tab && !key.upArrow && !key.downArrow && !key.leftArrow && !key.rightArrow;
  if (input.length > 1 && plain && (!s.edit || /[\x00-\x1f\x7f]/.test(input))) {
    let st = s;
    const toks = input.match(TOKENS) ?? [];
    for (const [i, tok] of toks.entries()) {
      // A line break inside pasted text is text; only a final one is the Enter key.
      if (st.edit && (tok === '\r' || tok === '\n') && i < toks.length - 1) {
        st = editKey(st, '\n', {});
        continue;
      }
      const ctl = CONTROL[tok];
      const code = tok.length === 1 ? tok.charCodeAt(0) : -1;
      if (ctl) st = keyOne(st, '', ctl);
      else if (code >= 1 && code <= 26) st = keyOne(st, String.fromCharCode(code + 96), { ctrl: true });
      else if (tok.startsWith('\x1b') || code === 0 || (code > 26 && code < 32) || code === 127) continue;
      else if (st.edit) st = editKey(st, tok, {});
      else for (const ch of tok) st = st.edit ? editKey(st, ch, {}) : keyOne(st, ch, {});
    }
    return st;
  }
  return keyOne(s, input, key);
}

export function reducer(s: UiState, a: Action): UiState {
  switch (a.type) {
    case 'key':
      return keyAction(s, a.input, a.key);
    case 'resize':
      return { ...s, width: a.width, height: a.height };
    case 'taken': {
      const taken = s.queue.filter((j) => a.ids.includes(j.id));
      return {
        ...s,
        queue: s.queue.filter((j) => !a.ids.includes(j.id)),
        running: [...s.running, ...taken.map((j) => ({ id: j.id, kind: j.effect.kind, label: describeJob(j.effect) }))],
      };
    }
    case 'progress':
      return { ...s, running: s.running.map((r) => (r.id === a.id ? { ...r, ...a.progress } : r)) };
    case 'done':
      return doneAction(s, a.job.id, a.job.effect, a.result);
    case 'failed': {
      const st: UiState = { ...s, running: s.running.filter((r) => r.id !== a.job.id), ...(a.job.effect.kind === 'refresh' ? { loadError: a.error } : {}) };
      if (st.edit?.pending) return { ...st, edit: { ...st.edit, pending: false, error: a.error } };
      return info(st, a.error, 'error');
    }
  }
}

function doneAction(s0: UiState, id: number, effect: Effect, result: EffectResult): UiState {
  let s: UiState = { ...s0, running: s0.running.filter((r) => r.id !== id) };
  if (result.data) s = clampCursors({ ...s, data: result.data });
  if (s.edit?.pending) s = { ...s, edit: null };
  if (result.message) s = info(s, result.message);
  switch (effect.kind) {
    case 'answer':
      return s.walk ? advanceWalk(s, effect.itemId) : s;
    case 'editor':
      if (result.text === undefined) return s;
      if (result.text.trim() === effect.text.trim()) return info(s, 'unchanged; nothing saved');
      return submitText(s, effect.target, result.text);
    case 'trailer-plan':
      return result.plan ? { ...s, plan: { ...result.plan, scroll: 0, effect: { ...effect, kind: 'trailer-apply' } } } : s;
    case 'import-plan':
      return result.plan ? { ...s, plan: { ...result.plan, scroll: 0, effect: { ...effect, kind: 'import-apply' } } } : s;
    case 'trailer-apply':
    case 'import-apply':
      return { ...s, marked: [] };
    default:
      return s;
  }
}
