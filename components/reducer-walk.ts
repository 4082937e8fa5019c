/**
 * The checklist walk-through: one item at a time, from the first open one;
 * after each answer it moves on to the next item that is not met.
 */
import { openEdit } from './reducer-edit.js';
import { enqueue, itemsOf, SCREEN_TITLES, notMet, type KeyInfo, type UiState } from './ui-state.js';
import type { ItemView } from './view-data.js';
import { readiness } from './view-data.js';

export function startWalk(s: UiState, index: number): UiState {
  const item = itemsOf(s)[index];
  if (!item) return s;
  const sub = Math.max(0, item.questions?.findIndex((q) => !q.answer?.trim()) ?? 0);
  return { ...s, walk: { itemId: item.id, sub, scroll: 0 }, cursor: { ...s.cursor, checklist: index }, message: null };
}

function finish(s: UiState, index: number): UiState {
  const r = readiness(itemsOf(s));
  const left = r.open.length + r.failing.length;
  const text = left
    ? `end of the walk-through: ${r.met}/${r.total} met; ${left} still wait (for a trailer, a fix or someone's reply)`
    : `every item is met (${r.met}/${r.total})`;
  return { ...s, walk: null, cursor: { ...s.cursor, checklist: Math.max(0, index) }, message: { kind: 'info', text } };
}

/** To the next item after `from` that is not met, or out of the walk when there is none. */
export function nextOpen(s: UiState, from: number): UiState {
  const items = itemsOf(s);
  for (let i = from + 1; i < items.length; i++) if (notMet(items[i]!)) return startWalk(s, i);
  return finish(s, from);
}

/** After an answer was saved: the next unanswered question of the item, else the next open item. */
export function advanceWalk(s: UiState, key: string): UiState {
  const items = itemsOf(s);
  const index = items.findIndex((i) => i.id === key || i.questions?.some((q) => q.id === key));
  if (index < 0) return s;
  const item = items[index]!;
  const sub = item.questions?.findIndex((q) => !q.answer?.trim()) ?? -1;
  if (item.questions && sub >= 0 && item.status !== 'pass') return { ...s, walk: { itemId: item.id, sub, scroll: 0 } };
  return nextOpen(s, index);
}

function answerBox(s: UiState, item: ItemView, sub: number): UiState {
  const q = item.questions?.[sub];
  if (q) {
    return openEdit(s, { kind: 'answer', itemId: item.id, key: q.id }, `Answer: ${q.title}`, { text: q.answer ?? '', multiline: true });
  }
  if (item.resolve.includes('answer')) {
    return openEdit(s, { kind: 'answer', itemId: item.id, key: item.id }, `Answer: ${item.title}`, { text: item.answer?.text ?? '', multiline: true });
  }
  if (item.resolve.includes('confirm')) {
    return openEdit(s, { kind: 'note', itemId: item.id }, `Confirm, with a note (optional): ${item.title}`, { text: item.answer?.note ?? '', multiline: true });
  }
  return s;
}

function editorFor(s: UiState, item: ItemView, sub: number): UiState {
  const q = item.questions?.[sub];
  if (q) return enqueue(s, { kind: 'editor', text: q.answer ?? '', target: { kind: 'answer', itemId: item.id, key: q.id } });
  if (item.resolve.includes('answer'))
    return enqueue(s, { kind: 'editor', text: item.answer?.text ?? '', target: { kind: 'answer', itemId: item.id, key: item.id } });
  if (item.resolve.includes('confirm')) return enqueue(s, { kind: 'editor', text: item.answer?.note ?? '', target: { kind: 'note', itemId: item.id } });
  return { ...s, message: { kind: 'info', text: 'this item takes no written answer' } };
}

/** The trailer a person on the ask list gives for an item. */
function trailerKeyFor(item: ItemView): string {
  return item.id === 'vfio.listed-reviewer' ? 'Reviewed-by' : 'Acked-by';
}

/**
 * Go where the item is fixed. When it waits for people, the box that fixes
 * it opens ready: a trailer from them on every commit, or them on To.
 */
function fixOn(s: UiState, item: ItemView): UiState {
  if (!item.fix) return { ...s, message: { kind: 'info', text: 'nothing to fix on another screen for this item' } };
  const st: UiState = {
    ...s,
    screen: item.fix,
    message: { kind: 'info', text: `${SCREEN_TITLES[item.fix]}: fix ${item.id} here; 2 returns to the walk-through` },
  };
  const ask = item.ask ?? [];
  if (item.id === 'kernel.signoff' && item.status === 'fail') {
    // The commits the evidence names get their author's sign-off.
    const named = item.evidence.map((e) => e.commit).filter((c): c is string => Boolean(c));
    const commits = s.data.series.commits.filter((c) => named.some((n) => c.sha.startsWith(n)));
    if (commits.length) {
      return openEdit(
        st,
        { kind: 'trailer', commits: commits.map((c) => c.sha) },
        `Add the author's sign-off to ${commits.length === 1 ? `commit ${commits[0]!.sha.slice(0, 12)}` : `${commits.length} commits`}`,
        {
          text: `Signed-off-by: ${commits[0]!.author}`,
          hint: "only the author can sign off for the author (Developer's Certificate of Origin); Enter shows the plan",
          completions: s.data.people,
        },
      );
    }
  }
  if (item.fix === 'trailers' && ask.length && item.status !== 'pass') {
    const commits = s.data.series.commits.map((c) => c.sha);
    const people = [...ask, ...s.data.people.filter((p) => !ask.includes(p))];
    return openEdit(st, { kind: 'trailer', commits }, `Add a trailer from ${ask.length === 1 ? ask[0] : 'one of them'} to every commit (once they sent it)`, {
      text: `${trailerKeyFor(item)}: `,
      hint: 'Tab offers the people this item waits for; Enter shows the plan; Esc cancels',
      completions: people,
    });
  }
  if (item.fix === 'recipients' && ask.length && item.status !== 'pass') {
    return openEdit(st, { kind: 'recipient', field: 'to' }, 'Add to To', { text: ask[0], hint: 'Enter adds; Tab switches To/Cc; Esc cancels' });
  }
  return st;
}

export function walkKey(s: UiState, input: string, key: KeyInfo): UiState | null {
  const w = s.walk!;
  const index = itemsOf(s).findIndex((i) => i.id === w.itemId);
  const item = itemsOf(s)[index];
  if (!item) return { ...s, walk: null };
  const m: UiState = s.message ? { ...s, message: null } : s;
  const takes = Boolean(item.questions?.length) || item.resolve.length > 0;
  if (key.escape) return { ...m, walk: null, cursor: { ...s.cursor, checklist: index } };
  if (key.return || input === 'a') {
    if (takes) return answerBox(m, item, w.sub);
    if (item.fix) return fixOn(m, item);
    return nextOpen(m, index);
  }
  if (input === 'e') return editorFor(m, item, w.sub);
  if (input === 'c') {
    if (!item.resolve.includes('confirm')) return { ...m, message: { kind: 'info', text: 'this item is not settled by a confirmation' } };
    return enqueue(m, { kind: 'answer', itemId: item.id, answer: { confirmed: true, ...(item.answer?.note ? { note: item.answer.note } : {}) } });
  }
  if (input === 'x') {
    const q = item.questions?.[w.sub];
    return enqueue(m, { kind: 'answer', itemId: q?.id ?? item.id, answer: null });
  }
  if (input === 'f') return fixOn(m, item);
  if (item.id === 'vfio.parent-approval' && (input === '+' || input === '-')) {
    const op = input === '+' ? 'add' : 'remove';
    return openEdit(m, { kind: 'parent', op }, op === 'add' ? 'Add a parent driver (MAINTAINERS section)' : 'Not a parent driver (MAINTAINERS section)', {
      text: op === 'remove' ? (item.parents?.[0] ?? '') : '',
      hint: op === 'add' ? 'a driver whose interfaces this driver uses; Tab completes section names' : 'Tab completes; the approval is then not asked of it',
      completions: op === 'add' ? (s.data.sections ?? []) : (item.parents ?? []),
    });
  }
  if (input === 'n' || key.rightArrow) return nextOpen(m, index);
  if (input === 'p' || key.leftArrow) return index > 0 ? startWalk(m, index - 1) : m;
  if (input === ']' || input === '[') {
    const n = item.questions?.length ?? 0;
    if (!n) return m;
    return { ...m, walk: { ...w, sub: (w.sub + (input === ']' ? 1 : n - 1)) % n } };
  }
  if (key.downArrow || input === 'j') return { ...m, walk: { ...w, scroll: w.scroll + 1 } };
  if (key.upArrow || input === 'k') return { ...m, walk: { ...w, scroll: Math.max(0, w.scroll - 1) } };
  if (key.pageDown || key.pageUp) {
    const page = Math.max(1, s.height - 8);
    return { ...m, walk: { ...w, scroll: Math.max(0, w.scroll + (key.pageDown ? page : -page)) } };
  }
  return null;
}
