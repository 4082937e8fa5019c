/**
 * The keys of every screen, in one table: the footer shows the first few of
 * the current context, the help overlay (?) shows them all.
 */
import { itemsOf, type ScreenId, type UiState } from './ui-state.js';

/** Keys, what they do (help), and a shorter label for the footer when the long one does not fit. */
export type KeyRow = [keys: string, what: string, short?: string];

export const GLOBAL_KEYS: KeyRow[] = [
  ['1-6', 'switch screen'],
  ['Tab/S-Tab', 'next/previous screen'],
  ['↑↓ j k', 'move'],
  ['g G', 'first/last'],
  ['PgUp PgDn', 'scroll the detail'],
  ['Ctrl+R', 'read the branch again (after changing it outside)'],
  ['?', 'help'],
  ['q', 'quit'],
];

export const SCREEN_KEYS: Record<ScreenId, KeyRow[]> = {
  series: [['Enter/Space', 'show or hide the files of a commit', 'files']],
  checklist: [
    ['Enter', 'walk through, from the selected item', 'walk through'],
    ['r', 'run checkpatch', 'checkpatch'],
  ],
  recipients: [
    ['Space', 'drop or restore', 'drop/restore'],
    ['a', 'add an address', 'add'],
    ['p', 'per-patch view', 'per patch'],
    ['m', 'switch series-wide / per-patch sending', 'mode'],
  ],
  trailers: [
    ['Space', 'choose a commit', 'choose'],
    ['a', 'add a trailer to the chosen commits', 'add'],
    ['A', 'add a trailer to every commit', 'add to all'],
    ['i', 'import from saved replies', 'import'],
    ['u', 'undo the last rewrite', 'undo'],
  ],
  cover: [
    ['t b c', 'edit title, body, changelog', 'title/body/changes'],
    ['Enter', 'edit the selected field', 'edit'],
    ['e', 'edit it in $EDITOR', '$EDITOR'],
    ['p', 'subject prefixes (RFC, net-next...)', 'prefixes'],
  ],
  send: [
    ['x', 'export the patches', 'export'],
    ['w', 'write the command to a file', 'write command'],
    ['s', 'mark this version as sent', 'mark sent'],
  ],
};

export const WALK_KEYS: KeyRow[] = [
  ['Enter/a', 'answer'],
  ['c', 'confirm'],
  ['e', '$EDITOR'],
  ['f', 'go fix it'],
  ['n p', 'next open/previous'],
  ['[ ]', 'other question'],
  ['+ -', 'add or remove a parent driver (parent approval)'],
  ['x', 'clear the answer'],
  ['j k', 'scroll'],
  ['Esc', 'back to the list'],
];

export const EDIT_KEYS: KeyRow[] = [
  ['Ctrl+S', 'save'],
  ['Enter', 'new line (saves a one-line prompt)', 'new line'],
  ['Ctrl+E', '$EDITOR'],
  ['Tab', 'complete / switch To-Cc', 'complete'],
  ['Esc', 'cancel'],
];

/** What the footer shows now. */
export function footerKeys(s: UiState): KeyRow[] {
  if (s.help)
    return [
      ['j k PgDn', 'scroll'],
      ['any other key', 'close help'],
    ];
  if (s.edit) {
    // Tab only completes where there is something to complete, or switches To/Cc when adding a recipient.
    const tab = s.edit.target.kind === 'recipient' ? (['Tab', 'switch To-Cc'] as KeyRow) : s.edit.completions?.length ? (['Tab', 'complete'] as KeyRow) : null;
    const keys = EDIT_KEYS.filter((k) => k[0] !== 'Tab').concat(tab ? [tab] : []);
    return s.edit.buf.multiline ? keys : [['Enter', 'save'], ...keys.slice(2)];
  }
  if (s.confirm)
    return [
      ['y/Enter', 'yes'],
      ['n/Esc', 'no'],
    ];
  if (s.plan)
    return [
      ['y/Enter', 'apply'],
      ['n/Esc', 'cancel'],
      ['j k', 'scroll'],
    ];
  if (s.walk && s.screen === 'checklist') {
    const item = itemsOf(s).find((i) => i.id === s.walk!.itemId);
    const takes = Boolean(item?.questions?.length || item?.resolve.includes('answer'));
    const rows: KeyRow[] = [];
    if (takes) rows.push(['Enter', 'answer'], ['e', '$EDITOR']);
    if (item?.resolve.includes('confirm')) rows.push(['c', 'confirm'], ...(takes ? [] : ([['Enter', 'confirm with a note']] as KeyRow[])));
    if (item?.fix) rows.push(['f', `fix on ${item.fix}`]);
    if (item?.questions?.length) rows.push(['[ ]', 'question']);
    if (item?.id === 'vfio.parent-approval') rows.push(['+ -', 'add/remove a parent']);
    rows.push(['n p', 'next/prev'], ['Esc', 'list'], ['?', 'help']);
    return rows;
  }
  return [...SCREEN_KEYS[s.screen], ['1-6', 'screens'], ['?', 'help'], ['q', 'quit']];
}
