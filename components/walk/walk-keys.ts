/**
 * The checklist walk-through: one item at a time, from the first open one;
 * after each answer it moves on to the next item that is not met.
 */
import type { Keymap } from '../keymap.js';
import { openEdit } from '../edit-box/edit-keys.js';
import { CHECKPATCH } from '../reducer-global.js';
import { enqueue, itemsOf, SCREEN_TITLES, notMet, type UiState } from '../ui-state.js';
import type { ItemView } from '../view-data.js';
import { readiness } from '../view-data.js';

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

/**
 * Go where the item is fixed. When it waits for people, the box that fixes
 * it opens ready: a trailer from them on every commit, or them on To; when
 * the item knows the trailer that settles it (an author's sign-off), that
 * trailer for the commits that lack it.
 */
function fixOn(s: UiState, item: ItemView): UiState {
  if (!item.fix) return { ...s, message: { kind: 'info', text: 'nothing to fix on another screen for this item' } };
  const st: UiState = {
    ...s,
    screen: item.fix,
    message: { kind: 'info', text: `${SCREEN_TITLES[item.fix]}: fix ${item.id} here; 2 returns to the walk-through` },
  };
  if (item.status === 'pass') return st;
  const ask = item.ask ?? [];
  const ready = item.fix === 'trailers' ? item.fixes?.[0] : undefined;
  if (ready) {
    const commits = s.data.series.commits.filter((c) => ready.commits.some((n) => c.sha.startsWith(n)));
    if (commits.length) {
      const which = commits.length === 1 ? `commit ${commits[0]!.sha.slice(0, 12)}` : `${commits.length} commits`;
      const more = item.fixes!.length > 1 ? `; ${item.fixes!.length - 1} more to add after this one` : '';
      return openEdit(st, { kind: 'trailer', commits: commits.map((c) => c.sha) }, `Add to ${which}`, {
        text: ready.trailer,
        hint: `a sign-off is given by the person it names (Developer's Certificate of Origin); Enter shows the plan${more}`,
        completions: s.data.people,
      });
    }
  }
  if (item.fix === 'trailers' && ask.length) {
    const commits = s.data.series.commits.map((c) => c.sha);
    const people = [...ask, ...s.data.people.filter((p) => !ask.includes(p))];
    return openEdit(st, { kind: 'trailer', commits }, `Add a trailer from ${ask.length === 1 ? ask[0] : 'one of them'} to every commit (once they sent it)`, {
      text: `${item.fixTrailer ?? 'Acked-by'}: `,
      hint: 'Tab offers the people this item waits for; Enter shows the plan; Esc cancels',
      completions: people,
    });
  }
  if (item.fix === 'recipients' && ask.length) {
    return openEdit(st, { kind: 'recipient', field: 'to' }, 'Add to To', { text: ask[0], hint: 'Enter adds; Tab switches To/Cc; Esc cancels' });
  }
  return st;
}

/** The walk's item and its index; the walk-through only runs while it exists. */
function walked(s: UiState): { item: ItemView; index: number } {
  const items = itemsOf(s);
  const index = items.findIndex((i) => i.id === s.walk!.itemId);
  return { item: items[index]!, index };
}

const takes = (item: ItemView) => Boolean(item.questions?.length) || item.resolve.length > 0;
const writes = (item: ItemView) => Boolean(item.questions?.length || item.resolve.includes('answer'));
const itemNow = (s: UiState) => walked(s).item;

function parentBox(s: UiState, op: 'add' | 'remove'): UiState {
  const item = itemNow(s);
  const parents = item.parents ?? [];
  if (op === 'remove' && !parents.length) return { ...s, message: { kind: 'error', text: 'no parent driver to remove: none is taken as a parent now' } };
  return openEdit(
    s,
    { kind: 'parent', op, ...(op === 'remove' ? { parents } : {}) },
    op === 'add' ? 'Add a parent driver (MAINTAINERS section)' : 'Not a parent driver (MAINTAINERS section)',
    {
      text: op === 'remove' ? (parents[0] ?? '') : '',
      hint:
        op === 'add'
          ? 'a driver whose interfaces this driver uses; Tab completes section names'
          : 'Tab offers the parents found; the approval is then not asked of it',
      completions: op === 'add' ? (s.data.sections ?? []) : parents,
    },
  );
}

function scrollWalk(s: UiState, delta: number): UiState {
  const w = s.walk!;
  return { ...s, walk: { ...w, scroll: Math.max(0, w.scroll + delta) } };
}

/** The walk-through's keys; its item decides which apply (an item without questions has no [ ]). */
export const WALK_KEYMAP: Keymap = {
  title: 'Walking through an item',
  bindings: [
    {
      keys: ['enter', 'a'],
      help: 'answer (or confirm with a note, or go fix it)',
      label: 'Enter',
      footer: true,
      footerText: (s) => {
        const item = itemNow(s);
        return writes(item) ? 'answer' : item.resolve.includes('confirm') ? 'confirm with a note' : item.fix ? 'go fix it' : 'next';
      },
      run: (s) => {
        const { item, index } = walked(s);
        if (takes(item)) return answerBox(s, item, s.walk!.sub);
        if (item.fix) return fixOn(s, item);
        return nextOpen(s, index);
      },
    },
    {
      keys: ['A'],
      help: 'one answer for all the questions at once',
      short: 'answer all',
      footer: true,
      when: (s) => Boolean(itemNow(s).answersAll),
      run: (s) => {
        const item = itemNow(s);
        return openEdit(s, { kind: 'answer', itemId: item.id, key: item.id }, `One answer for all: ${item.title}`, {
          text: item.answer?.text ?? '',
          multiline: true,
          hint: 'it covers every question and goes into the cover letter as written; Ctrl+S saves',
        });
      },
    },
    { keys: ['e'], help: 'write it in $EDITOR', short: '$EDITOR', footer: (s) => takes(itemNow(s)), run: (s) => editorFor(s, itemNow(s), s.walk!.sub) },
    {
      keys: ['c'],
      help: 'confirm',
      footer: (s) => itemNow(s).resolve.includes('confirm'),
      run: (s) => {
        const item = itemNow(s);
        if (!item.resolve.includes('confirm')) return { ...s, message: { kind: 'info', text: 'this item is not settled by a confirmation' } };
        return enqueue(s, { kind: 'answer', itemId: item.id, answer: { confirmed: true, ...(item.answer?.note ? { note: item.answer.note } : {}) } });
      },
    },
    {
      keys: ['f'],
      help: 'go fix it on its screen',
      // When Enter already goes there, the footer does not say it twice.
      footer: (s) => Boolean(itemNow(s).fix) && takes(itemNow(s)),
      footerText: (s) => `fix on ${itemNow(s).fix}`,
      run: (s) => fixOn(s, itemNow(s)),
    },
    {
      keys: [']', '['],
      help: 'the other questions of the item',
      label: '[ ]',
      short: 'question',
      footer: true,
      when: (s) => Boolean(itemNow(s).questions?.length),
      run: (s, input) => {
        const w = s.walk!;
        const n = itemNow(s).questions!.length;
        return { ...s, walk: { ...w, sub: (w.sub + (input === ']' ? 1 : n - 1)) % n } };
      },
    },
    {
      keys: ['+', '-'],
      help: 'add or remove a parent driver (items about parent drivers)',
      label: '+ -',
      short: 'add/remove a parent',
      footer: true,
      when: (s) => itemNow(s).parents !== undefined,
      run: (s, input) => parentBox(s, input === '+' ? 'add' : 'remove'),
    },
    {
      keys: ['x'],
      help: 'clear the answer',
      run: (s) => {
        const item = itemNow(s);
        const q = item.questions?.[s.walk!.sub];
        return enqueue(s, { kind: 'answer', itemId: q?.id ?? item.id, answer: null });
      },
    },
    {
      keys: ['n', 'right', 'p', 'left'],
      label: 'n p → ←',
      help: 'next item not met (n) or previous item (p)',
      short: 'next/prev',
      footer: true,
      run: (s, input, key) => {
        const { index } = walked(s);
        if (input !== 'p' && !key.leftArrow) return nextOpen(s, index);
        return index > 0 ? startWalk(s, index - 1) : { ...s, message: { kind: 'info', text: 'this is the first item' } };
      },
    },
    { keys: ['down', 'j'], help: 'scroll', run: (s) => scrollWalk(s, 1) },
    { keys: ['up', 'k'], help: 'scroll back', run: (s) => scrollWalk(s, -1) },
    { keys: ['pgdn'], help: 'a page down', run: (s) => scrollWalk(s, Math.max(1, s.height - 8)) },
    { keys: ['pgup'], help: 'a page up', run: (s) => scrollWalk(s, -Math.max(1, s.height - 8)) },
    { ...CHECKPATCH, footer: false },
    {
      keys: ['esc'],
      help: 'back to the list',
      short: 'list',
      footer: true,
      run: (s) => ({ ...s, walk: null, cursor: { ...s.cursor, checklist: walked(s).index } }),
    },
  ],
};
