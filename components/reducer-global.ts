/**
 * The keys that are not any one screen's: switching screens, help, reload,
 * quitting, moving in a list; and the keys of what covers a screen for a
 * moment (the help, a yes/no question, a rewrite plan).
 */
import type { Effect } from './effects.js';
import type { Binding, Keymap } from './keymap.js';
import { bodyHeight, enqueue, listLength, listLoaded, SCREENS, type KeyInfo, type ListMove, type ScreenId, type UiState } from './ui-state.js';

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

/** The rewrite running or waiting to run, if any. */
function rewriting(s: UiState): string | undefined {
  const run = s.running.find((r) => REWRITES.has(r.kind));
  if (run) return run.label;
  return s.queue.some((j) => REWRITES.has(j.effect.kind)) ? 'the rewrite about to start' : undefined;
}

/**
 * Quit, unless a rewrite is under way (the user would not see how it ended:
 * said, not silently ignored) or a text box holds a draft (asked first).
 */
export function quit(s: UiState, how: 'q' | 'Ctrl+C'): UiState {
  const busy = rewriting(s);
  if (busy) return info(s, `${how} ignored: wait until ${busy} has ended (quitting now would hide how it ended)`, 'error');
  if (s.edit && !s.edit.pending && s.edit.buf.text !== s.edit.initial && s.edit.buf.text.trim()) {
    return { ...s, confirm: { prompt: 'Quit and lose what you typed in the box? (y: quit, n: back to the box)', quit: true } };
  }
  return { ...s, quit: true };
}

const QUIT_CTRL_C: Binding = { keys: ['ctrl+c'], help: 'quit (asks first when a box holds a draft)', run: (s) => quit(s, 'Ctrl+C') };

/** Ctrl+C, in every context. */
export const ALWAYS_KEYMAP: Keymap = { title: 'Everywhere', bindings: [QUIT_CTRL_C] };

function nextScreen(s: UiState, back: boolean): UiState {
  const i = SCREENS.indexOf(s.screen);
  return switchScreen(s, SCREENS[(i + (back ? SCREENS.length - 1 : 1)) % SCREENS.length]!);
}

/** On the checklist and in its walk-through. */
export const CHECKPATCH: Binding = { keys: ['r'], help: 'run checkpatch', short: 'checkpatch', footer: true, run: (s) => enqueue(s, { kind: 'checkpatch' }) };

export const GLOBAL_KEYMAP: Keymap = {
  title: 'Everywhere',
  bindings: [
    {
      keys: ['1', '2', '3', '4', '5', '6'],
      label: '1-6',
      help: 'switch screen',
      short: 'screens',
      footer: true,
      run: (s, input) => switchScreen(s, SCREENS[Number(input) - 1]!),
    },
    { keys: ['tab'], help: 'next screen', run: (s) => nextScreen(s, false) },
    { keys: ['shift+tab'], help: 'previous screen', run: (s) => nextScreen(s, true) },
    { keys: ['?'], help: 'help', footer: true, run: (s) => ({ ...s, help: true, helpScroll: 0 }) },
    { keys: ['ctrl+r'], help: 'read the branch again (after changing it outside)', run: (s) => enqueue({ ...s, loadError: undefined }, { kind: 'reload' }) },
    { keys: ['esc'], help: 'clear the message', when: (s) => s.message !== null, run: (s) => ({ ...s, message: null }) },
    { keys: ['q'], help: 'quit', footer: true, run: (s) => quit(s, 'q') },
  ],
};

const MOVES: Record<ListMove, (cur: number, len: number) => number> = {
  next: (c) => c + 1,
  previous: (c) => c - 1,
  first: () => 0,
  last: (_, len) => len - 1,
};

/** Whether the lists that load after the first frame are being loaded (and not, say, failed to load). */
const loading = (s: UiState) => s.running.some((r) => r.kind === 'refresh') || s.queue.some((j) => j.effect.kind === 'refresh');

/** A move on a list still loading is kept and made once the list arrives (applyEarlyMoves): a key typed early is not lost. */
function move(s: UiState, m: ListMove): UiState {
  if (!listLoaded(s)) {
    if (!loading(s)) return s.message ? { ...s, message: null } : { ...s };
    return { ...s, message: null, early: { ...s.early, [s.screen]: [...(s.early?.[s.screen] ?? []), m] } };
  }
  const len = listLength(s);
  if (!len) return s.message ? { ...s, message: null } : { ...s };
  const next = clamp(MOVES[m](s.cursor[s.screen], len), len);
  return { ...s, message: null, cursor: { ...s.cursor, [s.screen]: next }, scroll: { ...s.scroll, [s.screen]: 0 } };
}

/** The moves typed on lists that have arrived since, from where each list's cursor starts. */
export function applyEarlyMoves(s: UiState): UiState {
  if (!s.early) return s;
  const cursor = { ...s.cursor };
  const early: Partial<Record<ScreenId, ListMove[]>> = {};
  for (const [screen, moves] of Object.entries(s.early) as [ScreenId, ListMove[]][]) {
    if (!listLoaded(s, screen)) early[screen] = moves;
    else {
      const len = listLength(s, screen);
      if (len) cursor[screen] = moves.reduce((c, m) => clamp(MOVES[m](c, len), len), cursor[screen]);
    }
  }
  return { ...s, cursor, early: Object.keys(early).length ? early : undefined };
}

function scrollDetail(s: UiState, down: boolean): UiState {
  const page = Math.max(1, bodyHeight(s) - 4);
  return { ...s, message: null, scroll: { ...s.scroll, [s.screen]: Math.max(0, s.scroll[s.screen] + (down ? page : -page)) } };
}

/** Movement in every screen's list; PgUp/PgDn scroll the detail or preview pane. */
export const LIST_KEYMAP: Keymap = {
  title: 'Moving',
  bindings: [
    { keys: ['down', 'j'], help: 'next', run: (s) => move(s, 'next') },
    { keys: ['up', 'k'], help: 'previous', run: (s) => move(s, 'previous') },
    { keys: ['home', 'g'], help: 'first', run: (s) => move(s, 'first') },
    { keys: ['end', 'G'], help: 'last', run: (s) => move(s, 'last') },
    { keys: ['pgdn', 'ctrl+d'], help: 'scroll the detail down', run: (s) => scrollDetail(s, true) },
    { keys: ['pgup', 'ctrl+u'], help: 'scroll the detail up', run: (s) => scrollDetail(s, false) },
  ],
};

/** For a binding that takes both directions (one row in the help, so no key is listed twice): k and ↑ go back. */
export function backward(input: string, key: KeyInfo): boolean {
  return Boolean(key.upArrow) || input === 'k';
}

export const HELP_KEYMAP: Keymap = {
  title: 'In the help',
  bindings: [
    {
      keys: ['down', 'j', 'up', 'k'],
      label: 'j k ↓ ↑',
      help: 'scroll down (j) or back (k)',
      short: 'scroll',
      footer: true,
      run: (s, input, key) => ({ ...s, helpScroll: Math.max(0, s.helpScroll + (backward(input, key) ? -1 : 1)) }),
    },
    { keys: ['pgdn', 'space'], help: 'a page down', run: (s) => ({ ...s, helpScroll: s.helpScroll + bodyHeight(s) - 2 }) },
    { keys: ['pgup'], help: 'a page up', run: (s) => ({ ...s, helpScroll: Math.max(0, s.helpScroll - bodyHeight(s) + 2) }) },
    QUIT_CTRL_C,
    { keys: ['any'], label: 'any other key', help: 'close the help', footer: true, run: (s) => ({ ...s, help: false }) },
  ],
};

function answerConfirm(s: UiState, yes: boolean): UiState {
  const c = s.confirm!;
  if (!yes) return info({ ...s, confirm: null }, c.quit ? 'not quitting' : 'cancelled');
  if (c.quit) return { ...s, confirm: null, quit: true };
  if (!c.effect) return { ...s, confirm: null };
  // Asked about what a box holds: the box waits for the save, as it did before the question.
  return enqueue({ ...s, confirm: null, ...(s.edit ? { edit: { ...s.edit, pending: true } } : {}) }, c.effect);
}

export const CONFIRM_KEYMAP: Keymap = {
  title: 'A yes/no question',
  bindings: [
    { keys: ['y', 'enter'], help: 'yes', footer: true, run: (s) => answerConfirm(s, true) },
    { keys: ['n', 'esc', 'q'], help: 'no', footer: true, run: (s) => answerConfirm(s, false) },
    { keys: ['ctrl+c'], help: 'quit', run: (s) => (s.confirm?.quit ? answerConfirm(s, true) : quit({ ...s, confirm: null }, 'Ctrl+C')) },
  ],
};

type Plan = NonNullable<UiState['plan']>;

/** The effect that applies the plan: with the incoming trailers the user turned down left out. */
function applyPlan(s: UiState): UiState {
  const plan = s.plan!;
  const rejected = plan.rejected;
  if (plan.choices?.length && rejected.length === plan.choices.length) return info({ ...s, plan: null }, 'every trailer turned down: nothing changed');
  const effect =
    rejected.length && (plan.effect.kind === 'trailer-apply' || plan.effect.kind === 'import-apply') ? { ...plan.effect, reject: rejected } : plan.effect;
  return enqueue({ ...s, plan: null }, effect);
}

/** Move between the plan's trailers, keeping the one chosen in view. */
function planMove(s: UiState, delta: number): UiState {
  const plan = s.plan!;
  if (!plan.choices?.length) return { ...s, plan: { ...plan, scroll: Math.max(0, plan.scroll + delta) } };
  const at = Math.max(0, Math.min(plan.choices.length - 1, plan.at + delta));
  const line = plan.choices[at]!.line + 2;
  const h = bodyHeight(s) - 2;
  const scroll = line < plan.scroll ? line : line >= plan.scroll + h ? line - h + 1 : plan.scroll;
  return { ...s, plan: { ...plan, at, scroll: Math.max(0, scroll) } };
}

function planToggle(s: UiState): UiState {
  const plan: Plan = s.plan!;
  const id = plan.choices?.[plan.at]?.id;
  if (!id) return s;
  const rejected = plan.rejected.includes(id) ? plan.rejected.filter((x) => x !== id) : [...plan.rejected, id];
  return { ...s, plan: { ...plan, rejected } };
}

const hasChoices = (s: UiState) => Boolean(s.plan?.choices?.length);

export const PLAN_KEYMAP: Keymap = {
  title: 'A rewrite plan',
  bindings: [
    { keys: ['y', 'enter'], help: 'apply it (the trailers kept)', short: 'apply', footer: true, run: applyPlan },
    { keys: ['n', 'esc', 'q'], help: 'cancel: nothing changes', short: 'cancel', footer: true, run: (s) => info({ ...s, plan: null }, 'nothing changed') },
    { keys: ['space'], help: 'take or turn down the trailer under the cursor', short: 'take/turn down', footer: hasChoices, when: hasChoices, run: planToggle },
    {
      keys: ['down', 'j', 'up', 'k'],
      label: 'j k ↓ ↑',
      help: 'next (j) or previous (k) trailer, or scroll',
      footer: true,
      footerText: (s) => (hasChoices(s) ? 'move' : 'scroll'),
      run: (s, input, key) => planMove(s, backward(input, key) ? -1 : 1),
    },
    QUIT_CTRL_C,
  ],
};
