/**
 * The keys of every screen, in one table: the footer shows the first few of
 * the current context, the help overlay (?) shows them all.
 */
import type { ScreenId, UiState } from './state.js';

export type KeyRow = [keys: string, what: string];

export const GLOBAL_KEYS: KeyRow[] = [
  ['1-6', 'switch screen'],
  ['Tab/S-Tab', 'next/previous screen'],
  ['↑↓ j k', 'move'],
  ['g G', 'first/last'],
  ['PgUp PgDn', 'scroll the detail'],
  ['?', 'help'],
  ['q', 'quit'],
];

export const SCREEN_KEYS: Record<ScreenId, KeyRow[]> = {
  series: [['Enter/Space', 'show or hide the files of a commit']],
  checklist: [
    ['Enter', 'walk through, from the selected item'],
    ['r', 'run checkpatch'],
  ],
  recipients: [
    ['Space', 'drop or restore'],
    ['a', 'add an address'],
    ['p', 'per-patch view'],
    ['m', 'switch series-wide / per-patch sending'],
  ],
  trailers: [
    ['Space', 'choose a commit'],
    ['a', 'add a trailer to the chosen commits'],
    ['A', 'add a trailer to every commit'],
    ['i', 'import from saved replies'],
    ['u', 'undo the last rewrite'],
  ],
  cover: [
    ['t b c', 'edit title, body, changelog'],
    ['Enter', 'edit the selected field'],
    ['e', 'edit it in $EDITOR'],
  ],
  send: [
    ['x', 'export the patches'],
    ['w', 'write the command to a file'],
    ['s', 'mark this version as sent'],
  ],
};

export const WALK_KEYS: KeyRow[] = [
  ['Enter/a', 'answer'],
  ['c', 'confirm'],
  ['e', '$EDITOR'],
  ['f', 'go fix it'],
  ['n p', 'next open/previous'],
  ['[ ]', 'other question'],
  ['x', 'clear the answer'],
  ['j k', 'scroll'],
  ['Esc', 'back to the list'],
];

export const EDIT_KEYS: KeyRow[] = [
  ['Ctrl+S', 'save'],
  ['Enter', 'new line (saves a one-line prompt)'],
  ['Ctrl+E', '$EDITOR'],
  ['Tab', 'complete / switch'],
  ['Esc', 'cancel'],
];

/** What the footer shows now. */
export function footerKeys(s: UiState): KeyRow[] {
  if (s.help) return [['any key', 'close help']];
  if (s.edit) return s.edit.buf.multiline ? EDIT_KEYS : [['Enter', 'save'], ...EDIT_KEYS.slice(2)];
  if (s.confirm) return [['y/Enter', 'yes'], ['n/Esc', 'no']];
  if (s.plan) return [['y/Enter', 'apply'], ['n/Esc', 'cancel'], ['j k', 'scroll']];
  if (s.walk && s.screen === 'checklist') {
    const item = s.data.items.find((i) => i.id === s.walk!.itemId);
    const takes = Boolean(item?.questions?.length || item?.resolve.includes('answer'));
    const rows: KeyRow[] = [];
    if (takes) rows.push(['Enter', 'answer'], ['e', '$EDITOR']);
    if (item?.resolve.includes('confirm')) rows.push(['c', 'confirm'], ...(takes ? [] : ([['Enter', 'confirm with a note']] as KeyRow[])));
    if (item?.fix) rows.push(['f', `fix on ${item.fix}`]);
    if (item?.questions?.length) rows.push(['[ ]', 'question']);
    rows.push(['n p', 'next/prev'], ['Esc', 'list'], ['?', 'help']);
    return rows;
  }
  return [...SCREEN_KEYS[s.screen], ['1-6', 'screens'], ['?', 'help'], ['q', 'quit']];
}
