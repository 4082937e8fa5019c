/**
 * The keys of each screen, outside text boxes and the walk-through: one
 * keymap per screen, each binding with its handler and help text.
 */
import type { Keymap } from './keymap.js';
import { openEdit } from './edit-box/edit-keys.js';
import { CHECKPATCH } from './reducer-global.js';
import { startWalk } from './walk/walk-keys.js';
import { enqueue, type ScreenId, type UiState } from './ui-state.js';

function note(s: UiState, text: string, kind: 'info' | 'error' = 'info'): UiState {
  return { ...s, message: { kind, text } };
}

function toggleFiles(s: UiState): UiState {
  const c = s.data.series.commits[s.cursor.series];
  if (!c) return note(s, 'no commit to show');
  const expanded = s.expanded.includes(c.sha) ? s.expanded.filter((x) => x !== c.sha) : [...s.expanded, c.sha];
  return { ...s, expanded };
}

function walkFromCursor(s: UiState): UiState {
  if (!s.data.items) return note(s, 'the checklist is still being decided');
  if (!s.data.items.length) return note(s, 'no acceptance item applies to this series: nothing to walk through');
  return startWalk(s, s.cursor.checklist);
}

/** The recipients, or a message saying why there are none to act on. */
function withRecipients(s: UiState, f: (r: NonNullable<UiState['data']['recipients']>) => UiState): UiState {
  const r = s.data.recipients;
  if (!r) return note(s, r === undefined ? 'the recipients are still loading' : 'recipients are not available in this build', 'error');
  return f(r);
}

function dropOrRestore(s: UiState): UiState {
  return withRecipients(s, (r) => {
    if (s.perPatchView) return note(s, 'p goes back to the series-wide list, where Space drops or restores');
    const who = r.list[s.cursor.recipients];
    if (!who) return note(s, 'nobody to drop');
    return enqueue(s, { kind: 'recipient', op: who.dropped ? 'restore' : 'drop', address: who.email });
  });
}

function chooseCommit(s: UiState): UiState {
  const c = s.data.series.commits[s.cursor.trailers];
  if (!c) return note(s, 'no commit to choose');
  const marked = s.marked.includes(c.sha) ? s.marked.filter((x) => x !== c.sha) : [...s.marked, c.sha];
  return { ...s, marked };
}

function addTrailer(s: UiState, all: boolean): UiState {
  const commits = s.data.series.commits;
  const c = commits[s.cursor.trailers];
  const chosen = all ? commits.map((x) => x.sha) : s.marked.length ? commits.filter((x) => s.marked.includes(x.sha)).map((x) => x.sha) : c ? [c.sha] : [];
  if (!chosen.length) return note(s, 'no commit to add a trailer to');
  const which = chosen.length === commits.length ? 'every commit' : chosen.length === 1 ? `commit ${chosen[0]!.slice(0, 12)}` : `${chosen.length} commits`;
  return openEdit(s, { kind: 'trailer', commits: chosen }, `Add a trailer to ${which}`, {
    hint: 'Key: Name <address>; Tab completes keys and people; Enter shows the plan',
    completions: s.data.people,
  });
}

function undoLast(s: UiState): UiState {
  if (!s.data.canUndo) return note(s, `nothing to undo${s.data.undoNote ? `: ${s.data.undoNote}` : ''}`);
  return { ...s, confirm: { prompt: `Undo ${s.data.undoNote ?? 'the last rewrite'}? (y/n)`, effect: { kind: 'undo' } } };
}

const COVER_FIELDS = ['title', 'body', 'changes'] as const;
type CoverField = (typeof COVER_FIELDS)[number];

function withCover(s: UiState, f: (c: NonNullable<UiState['data']['cover']>) => UiState): UiState {
  const cover = s.data.cover;
  if (!cover) return note(s, cover === undefined ? 'the cover letter is still loading' : 'the cover letter is not available in this build', 'error');
  return f(cover);
}

function editCover(s: UiState, pick: CoverField | 'selected'): UiState {
  return withCover(s, (cover) => {
    const field = pick === 'selected' ? (COVER_FIELDS[s.cursor.cover] ?? 'title') : pick;
    const label = field === 'title' ? 'Title' : field === 'body' ? 'Body' : `Changes in v${s.data.series.version}`;
    return openEdit({ ...s, cursor: { ...s.cursor, cover: COVER_FIELDS.indexOf(field) } }, { kind: 'cover', field }, label, {
      text: cover[field],
      multiline: field !== 'title',
      hint: field === 'title' ? 'Enter saves' : 'Ctrl+S saves; Ctrl+E opens $EDITOR',
    });
  });
}

function withSend(s: UiState, f: (send: NonNullable<UiState['data']['send']>) => UiState): UiState {
  const send = s.data.send;
  if (!send) return note(s, send === undefined ? 'still loading' : 'sending is not available in this build', 'error');
  return f(send);
}

export const SCREEN_KEYMAPS: Record<ScreenId, Keymap> = {
  series: {
    title: 'Series',
    bindings: [{ keys: ['enter', 'space'], help: 'show or hide the files of a commit', short: 'files', footer: true, run: toggleFiles }],
  },
  checklist: {
    title: 'Checklist',
    bindings: [
      { keys: ['enter', 'right', 'l'], help: 'walk through, from the selected item', short: 'walk through', footer: true, run: walkFromCursor },
      CHECKPATCH,
    ],
  },
  recipients: {
    title: 'Recipients',
    bindings: [
      // In the per-patch view Space only says where it works: not offered there.
      { keys: ['space'], help: 'drop or restore', short: 'drop/restore', footer: (s) => !s.perPatchView, run: dropOrRestore },
      {
        keys: ['a'],
        help: 'add an address',
        short: 'add',
        footer: true,
        run: (s) =>
          withRecipients(s, () =>
            openEdit(s, { kind: 'recipient', field: 'cc' }, 'Add to Cc', { hint: 'Name <address>; Tab switches To/Cc; Enter adds; Esc cancels' }),
          ),
      },
      {
        keys: ['p'],
        help: 'per-patch view',
        short: 'per patch',
        footer: true,
        run: (s) => withRecipients(s, () => ({ ...s, perPatchView: !s.perPatchView, cursor: { ...s.cursor, recipients: 0 } })),
      },
      {
        keys: ['m'],
        help: 'switch series-wide / per-patch sending',
        short: 'mode',
        footer: true,
        run: (s) => withRecipients(s, (r) => enqueue(s, { kind: 'recipient-mode', mode: r.mode === 'series' ? 'per-patch' : 'series' })),
      },
    ],
  },
  trailers: {
    title: 'Trailers',
    bindings: [
      { keys: ['space'], help: 'choose a commit', short: 'choose', footer: true, run: chooseCommit },
      { keys: ['a', 'enter'], help: 'add a trailer to the chosen commits (or the selected one)', short: 'add', footer: true, run: (s) => addTrailer(s, false) },
      { keys: ['A'], help: 'add a trailer to every commit', short: 'add to all', footer: true, run: (s) => addTrailer(s, true) },
      {
        keys: ['i'],
        help: 'import from saved replies (each incoming trailer can be taken or turned down)',
        short: 'import',
        footer: true,
        run: (s) => openEdit(s, { kind: 'import' }, 'Import trailers from the replies in', { hint: 'an mbox file or a maildir; Enter shows the plan' }),
      },
      { keys: ['u'], help: 'undo the last rewrite', short: 'undo', footer: true, run: undoLast },
    ],
  },
  cover: {
    title: 'Cover letter',
    bindings: [
      { keys: ['t'], help: 'edit the title', short: 'title', footer: true, run: (s) => editCover(s, 'title') },
      { keys: ['b'], help: 'edit the body', short: 'body', footer: true, run: (s) => editCover(s, 'body') },
      { keys: ['c'], help: "edit this version's changelog", short: 'changes', footer: true, run: (s) => editCover(s, 'changes') },
      { keys: ['enter'], help: 'edit the selected field', short: 'edit', footer: true, run: (s) => editCover(s, 'selected') },
      {
        keys: ['e'],
        help: 'edit the selected field in $EDITOR',
        short: '$EDITOR',
        footer: true,
        run: (s) =>
          withCover(s, (cover) => {
            const field = COVER_FIELDS[s.cursor.cover] ?? 'title';
            return enqueue(s, { kind: 'editor', text: cover[field], target: { kind: 'cover', field } });
          }),
      },
      {
        keys: ['p'],
        help: 'subject prefixes (RFC, net-next...)',
        short: 'prefixes',
        footer: true,
        run: (s) =>
          withCover(s, (cover) =>
            openEdit(s, { kind: 'prefixes' }, 'Subject prefixes', {
              text: cover.prefixes.join(' '),
              hint: 'space-separated, e.g. RFC net-next; empty for none; Enter saves',
            }),
          ),
      },
    ],
  },
  send: {
    title: 'Send',
    bindings: [
      {
        keys: ['x'],
        help: 'export the patches',
        short: 'export',
        footer: true,
        run: (s) =>
          withSend(s, (send) => {
            const refusals = send.refusals ?? [];
            const hard = refusals.find((r) => !r.forceable);
            if (hard) return note(s, `export would refuse: ${hard.text}${hard.fix ? `; ${hard.fix}` : ''}`, 'error');
            const force = refusals.length > 0;
            return openEdit(
              s,
              { kind: 'export', ...(force ? { force } : {}), ...(s.thread !== undefined ? { thread: s.thread } : {}) },
              force ? 'Export anyway (items listed above are open) to' : 'Export the patches to',
              {
                text: send.exportDir,
                hint: 'Enter exports; the directory must be new or hold only earlier exports',
              },
            );
          }),
      },
      {
        keys: ['t'],
        help: "thread this version onto the previous one's cover letter, or start a new thread (the default)",
        short: 'threading',
        footer: (s) => s.data.send?.threadToPrevious !== undefined,
        run: (s) =>
          withSend(s, (send) => {
            // Listed in the help on every version, so before a version was sent it says why it changes nothing.
            if (send.threadToPrevious === undefined)
              return note(s, `threading is a choice once an earlier version was sent: v${s.data.series.version} starts its own thread`);
            const on = !(s.thread ?? send.threadToPrevious);
            const prev = send.sent.at(-1);
            const what = on
              ? `replies to v${prev?.version ?? s.data.series.version - 1}'s cover letter`
              : 'starts a new thread that links the previous version';
            return note({ ...s, thread: on }, `the next export (x) ${what}; it is remembered for this branch`);
          }),
      },
      {
        keys: ['w'],
        help: 'write the command to a file',
        short: 'write command',
        footer: true,
        // Beside the export, not in it: export only reuses a directory that holds nothing but its own patches.
        run: (s) =>
          withSend(s, (send) =>
            openEdit(s, { kind: 'write-command' }, 'Write the send command to', {
              text: `${send.exportDir.replace(/\/+$/, '')}-send.sh`,
              hint: 'Enter writes; run it yourself when ready',
            }),
          ),
      },
      {
        keys: ['s'],
        help: 'mark this version as sent',
        short: 'mark sent',
        footer: true,
        run: (s) =>
          withSend(s, () =>
            openEdit(s, { kind: 'message-id' }, `Mark v${s.data.series.version} as sent: Message-ID of the cover letter (optional)`, {
              hint: `Enter tags ${s.data.series.branch}-v${s.data.series.version} and starts v${s.data.series.version + 1}; Esc cancels`,
            }),
          ),
      },
    ],
  },
};
