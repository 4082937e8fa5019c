/**
 * The one reducer: keys, results of effects, resizes. Pure: effects are
 * queued on the state and performed by the App's runner, whose results
 * come back as actions.
 */
import { describe as describeJob, type Effect, type EffectResult } from './effects.js';
import { bindingFor, type Keymap } from './keymap.js';
import { EDIT_KEYMAP, submitText } from './edit-box/edit-keys.js';
import { ALWAYS_KEYMAP, applyEarlyMoves, clampCursors, CONFIRM_KEYMAP, GLOBAL_KEYMAP, HELP_KEYMAP, info, LIST_KEYMAP, PLAN_KEYMAP } from './reducer-global.js';
import { SCREEN_KEYMAPS } from './reducer-screens.js';
import { advanceWalk, WALK_KEYMAP } from './walk/walk-keys.js';
import { currentItem, firstNotMet, type Action, type KeyInfo, type UiState } from './ui-state.js';

/**
 * The keymaps that take keys now, first match wins: what covers the screen
 * takes every key it knows (and Ctrl+C); a screen's own keys come before the
 * global ones and the list movement.
 */
export function keymapsFor(s: UiState): Keymap[] {
  if (s.help) return [HELP_KEYMAP];
  if (s.confirm) return [CONFIRM_KEYMAP];
  if (s.edit) return [EDIT_KEYMAP];
  if (s.plan) return [PLAN_KEYMAP];
  if (s.walk && s.screen === 'checklist' && currentItem(s)) return [WALK_KEYMAP, GLOBAL_KEYMAP, ALWAYS_KEYMAP];
  return [SCREEN_KEYMAPS[s.screen], GLOBAL_KEYMAP, LIST_KEYMAP, ALWAYS_KEYMAP];
}

/** One key: the binding that takes it runs; a key no binding takes changes nothing (the same state object). */
function keyOne(s: UiState, input: string, key: KeyInfo): UiState {
  const b = bindingFor(keymapsFor(s), s, input, key);
  if (!b) return s;
  // On a screen, the last message goes with the next key it acts on; Esc clears it on purpose.
  const covered = s.help || s.confirm || s.edit || s.plan;
  const st = s.message && !covered && !key.escape ? { ...s, message: null } : s;
  return b.run(st, input, key);
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
        st = keyOne(st, '\n', {});
        continue;
      }
      const ctl = CONTROL[tok];
      const code = tok.length === 1 ? tok.charCodeAt(0) : -1;
      if (ctl) st = keyOne(st, '', ctl);
      else if (code >= 1 && code <= 26) st = keyOne(st, String.fromCharCode(code + 96), { ctrl: true });
      else if (tok.startsWith('\x1b') || code === 0 || (code > 26 && code < 32) || code === 127) continue;
      else if (st.edit) st = keyOne(st, tok, {});
      else for (const ch of tok) st = keyOne(st, ch, {});
    }
    return st;
  }
  return keyOne(s, input, key);
}

/**
 * A chunk read from a raw-mode terminal as the key action ink would have
 * dispatched (ink itself is not loaded yet when the TUI reads its first keys).
 */
export function rawKey(chunk: string): Action {
  const ctl = chunk.length === 1 || chunk.startsWith('\x1b[') ? CONTROL[chunk] : undefined;
  if (ctl) return { type: 'key', input: '', key: ctl };
  const code = chunk.length === 1 ? chunk.charCodeAt(0) : -1;
  if (code >= 1 && code <= 26) return { type: 'key', input: String.fromCharCode(code + 96), key: { ctrl: true } };
  return { type: 'key', input: chunk, key: {} };
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
      // A load that failed makes no list arrive: the moves typed for it are dropped, not made after some later reload.
      const st: UiState = {
        ...s,
        running: s.running.filter((r) => r.id !== a.job.id),
        ...(a.job.effect.kind === 'refresh' ? { loadError: a.error, early: undefined } : {}),
      };
      if (st.edit?.pending) return { ...st, edit: { ...st.edit, pending: false, error: a.error } };
      return info(st, a.error, 'error');
    }
  }
}

function doneAction(s0: UiState, id: number, effect: Effect, result: EffectResult): UiState {
  let s: UiState = { ...s0, running: s0.running.filter((r) => r.id !== id) };
  if (result.data) {
    // The checklist decided after the first frame: its cursor starts on the first item not met, as it would have.
    const decidedNow = !s.data.items && result.data.items;
    s = clampCursors({ ...s, data: result.data });
    if (decidedNow && s.cursor.checklist === 0) s = { ...s, cursor: { ...s.cursor, checklist: firstNotMet(result.data) } };
    s = applyEarlyMoves(s);
    // An item that no longer applies (the series changed under it) ends the walk-through.
    if (s.walk && !currentItem(s)) s = { ...s, walk: null };
  }
  // A question first: the box stays open (no goes back to it), yes saves from it.
  if (result.confirm) return { ...s, ...(s.edit ? { edit: { ...s.edit, pending: false } } : {}), confirm: result.confirm };
  if (s.edit?.pending) s = { ...s, edit: null };
  if (result.message) s = info(s, result.message);
  if (result.error) s = info(s, result.error, 'error');
  switch (effect.kind) {
    case 'answer':
      return s.walk ? advanceWalk(s, effect.itemId) : s;
    case 'editor':
      if (result.text === undefined) return s;
      if (result.text.trim() === effect.text.trim()) return info(s, 'unchanged; nothing saved');
      return submitText(s, effect.target, result.text);
    case 'trailer-plan':
      return result.plan ? { ...s, plan: { ...result.plan, scroll: 0, rejected: [], at: 0, effect: { ...effect, kind: 'trailer-apply' } } } : s;
    case 'import-plan':
      return result.plan ? { ...s, plan: { ...result.plan, scroll: 0, rejected: [], at: 0, effect: { ...effect, kind: 'import-apply' } } } : s;
    case 'export':
      // The export recorded the threading chosen; the data says it from now on.
      return { ...s, thread: undefined };
    case 'trailer-apply':
    case 'import-apply':
      return { ...s, marked: [] };
    default:
      return s;
  }
}
