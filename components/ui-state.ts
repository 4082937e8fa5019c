/**
 * The TUI's one state object. Everything the screen shows is derived from
 * it; everything that happens is an Action through the reducer.
 */
import type { Effect, EditTarget, EffectResult, Progress } from './effects.js';
import type { AppData, ItemView } from './view-data.js';
import type { TextBuffer } from './edit-box/text-buffer.js';
import { wrap } from './wrap.js';

export const SCREENS = ['series', 'checklist', 'recipients', 'trailers', 'cover', 'send'] as const;
export type ScreenId = (typeof SCREENS)[number];

export const SCREEN_TITLES: Record<ScreenId, string> = {
  series: 'Series',
  checklist: 'Checklist',
  recipients: 'Recipients',
  trailers: 'Trailers',
  cover: 'Cover letter',
  send: 'Send',
};

/** Key names the reducer understands, a subset of ink's Key. */
export interface KeyInfo {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  tab?: boolean;
  shift?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  backspace?: boolean;
  delete?: boolean;
}

export interface EditState {
  target: EditTarget;
  label: string;
  buf: TextBuffer;
  /** The text the box opened with: anything else is a draft, not thrown away without asking. */
  initial: string;
  /** Shown under the box: a validation error from src/, or guidance. */
  error?: string;
  hint?: string;
  /** Waiting for the effect that saves it; the box stays open until it succeeds. */
  pending?: boolean;
  completions?: string[];
  /** Tab cycling through completions: what was typed, and which match is shown. */
  complete?: { query: string; index: number };
}

/** One incoming trailer of a plan: its id (for the effect that applies the plan) and the line that shows it. */
export interface PlanChoice {
  id: string;
  line: number;
}

export interface WalkState {
  itemId: string;
  /** Which sub-question is current, for items that ask several. */
  sub: number;
  scroll: number;
}

export interface UiState {
  data: AppData;
  screen: ScreenId;
  help: boolean;
  helpScroll: number;
  width: number;
  height: number;
  cursor: Record<ScreenId, number>;
  /** Scroll offset of each screen's detail or preview pane. */
  scroll: Record<ScreenId, number>;
  expanded: string[];
  /** Commits chosen on the Trailers screen. */
  marked: string[];
  perPatchView: boolean;
  /** The threading the user chose on the Send screen (t), until the export that records it. */
  thread?: boolean;
  walk: WalkState | null;
  edit: EditState | null;
  /** A yes/no question: yes queues the effect, or quits. */
  confirm: { prompt: string; effect?: Effect; quit?: boolean } | null;
  /**
   * A rewrite plan waiting for y/n. Its incoming trailers (`choices`, each on
   * a line of `lines`) can be turned down one by one before it is applied.
   */
  plan: {
    title: string;
    lines: string[];
    effect: Effect;
    scroll: number;
    choices?: PlanChoice[];
    /** Ids of the choices turned down. */
    rejected: string[];
    /** Index of the choice under the cursor. */
    at: number;
  } | null;
  /** Effects being performed, with their progress; the status line shows them. */
  running: Array<Progress & { id: number; kind: Effect['kind'] }>;
  message: { kind: 'info' | 'error'; text: string } | null;
  /** Why loading the recipients, cover letter and send command after the first frame failed. */
  loadError?: string;
  /** Effects waiting for the runner, in order. */
  queue: Job[];
  nextId: number;
  quit: boolean;
  /** Moves typed on a list still loading (the checklist, the recipients), made once it has arrived. */
  early?: Partial<Record<ScreenId, ListMove[]>>;
}

export type ListMove = 'next' | 'previous' | 'first' | 'last';

export interface Job {
  id: number;
  effect: Effect;
}

export type Action =
  | { type: 'key'; input: string; key: KeyInfo }
  | { type: 'resize'; width: number; height: number }
  | { type: 'taken'; ids: number[] }
  | { type: 'progress'; id: number; progress: Progress }
  | { type: 'done'; job: Job; result: EffectResult }
  | { type: 'failed'; job: Job; error: string };

const perScreen = <T>(v: T): Record<ScreenId, T> => Object.fromEntries(SCREENS.map((s) => [s, v])) as Record<ScreenId, T>;

/** Queue an effect for the App's runner. */
export function enqueue(s: UiState, effect: Effect): UiState {
  return { ...s, queue: [...s.queue, { id: s.nextId, effect }], nextId: s.nextId + 1 };
}

export function notMet(i: ItemView): boolean {
  return i.status === 'open' || i.status === 'fail';
}

/** Where the checklist's cursor starts: on the first item not met. */
export function firstNotMet(data: AppData): number {
  return Math.max(0, data.items?.findIndex(notMet) ?? 0);
}

/** The checklist items, none while they are still being decided. */
export function itemsOf(s: Pick<UiState, 'data'>): ItemView[] {
  return s.data.items ?? [];
}

export function initialState(data: AppData, width = 80, height = 24, screen: ScreenId = 'series', startup: Effect[] = []): UiState {
  const cursor = perScreen(0);
  cursor.checklist = firstNotMet(data);
  return {
    data,
    screen,
    help: false,
    helpScroll: 0,
    width,
    height,
    cursor,
    scroll: perScreen(0),
    expanded: [],
    marked: [],
    perPatchView: false,
    walk: null,
    edit: null,
    confirm: null,
    plan: null,
    running: [],
    message: null,
    queue: startup.map((effect, i) => ({ id: i + 1, effect })),
    nextId: startup.length + 1,
    quit: false,
  };
}

/** At most this many rows for a message too long for the status line; a longer one ends in … */
const MESSAGE_ROWS = 6;

/**
 * A message too long for the status line, wrapped on rows of its own above
 * it (none when it fits): cut at the width, an error would lose what to do.
 */
export function messageRows(s: Pick<UiState, 'message' | 'width'>): string[] {
  if (!s.message) return [];
  const text = `${s.message.kind === 'error' ? '✗ ' : ''}${s.message.text}`;
  if (text.length + 2 <= s.width) return [];
  const rows = wrap(text, s.width - 1);
  if (rows.length <= MESSAGE_ROWS) return rows;
  return [...rows.slice(0, MESSAGE_ROWS - 1), `${rows[MESSAGE_ROWS - 1]!.slice(0, s.width - 2)}…`];
}

/** Rows available to a screen's body: the header, tab bar, status line and footer take four; a long message takes its rows. */
export function bodyHeight(s: Pick<UiState, 'height'> & Partial<Pick<UiState, 'message' | 'width'>>): number {
  const extra = s.message && s.width ? messageRows({ message: s.message, width: s.width }).length : 0;
  return Math.max(4, s.height - 4 - extra);
}

export function currentItem(s: UiState): ItemView | undefined {
  if (s.walk) return itemsOf(s).find((i) => i.id === s.walk!.itemId);
  return itemsOf(s)[s.cursor.checklist];
}

/** Whether a screen's list has arrived (the checklist and the recipients load after the first frame). */
export function listLoaded(s: UiState, screen: ScreenId = s.screen): boolean {
  if (screen === 'checklist') return Boolean(s.data.items);
  if (screen === 'recipients') return Boolean(s.data.recipients);
  return true;
}

export function listLength(s: UiState, screen: ScreenId = s.screen): number {
  const d = s.data;
  switch (screen) {
    case 'series':
    case 'trailers':
      return d.series.commits.length;
    case 'checklist':
      return d.items?.length ?? 0;
    case 'recipients':
      return s.perPatchView ? (d.recipients?.perPatch.length ?? 0) : (d.recipients?.list.length ?? 0);
    case 'cover':
      return 3;
    case 'send':
      return 0;
  }
}
