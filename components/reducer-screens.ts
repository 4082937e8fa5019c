/**
 * The keys of each screen, outside text boxes and the walk-through.
 */
import { openEdit } from './reducer-edit.js';
import { startWalk } from './reducer-walk.js';
import { enqueue, type KeyInfo, type UiState } from './ui-state.js';

function note(s: UiState, text: string, kind: 'info' | 'error' = 'info'): UiState {
  return { ...s, message: { kind, text } };
}

function seriesKey(s: UiState, input: string, key: KeyInfo): UiState | null {
  const c = s.data.series.commits[s.cursor.series];
  if ((key.return || input === ' ') && c) {
    const expanded = s.expanded.includes(c.sha) ? s.expanded.filter((x) => x !== c.sha) : [...s.expanded, c.sha];
    return { ...s, expanded };
  }
  return null;
}

function checklistKey(s: UiState, input: string, key: KeyInfo): UiState | null {
  if (key.return || key.rightArrow || input === 'l') return startWalk(s, s.cursor.checklist);
  if (input === 'r') return enqueue(s, { kind: 'checkpatch' });
  return null;
}

function recipientsKey(s: UiState, input: string): UiState | null {
  const r = s.data.recipients;
  if (!r)
    return input === 'a' || input === ' '
      ? note(s, r === undefined ? 'the recipients are still loading' : 'recipients are not available in this build', 'error')
      : null;
  if (input === 'p') return { ...s, perPatchView: !s.perPatchView, cursor: { ...s.cursor, recipients: 0 } };
  if (input === 'm') return enqueue(s, { kind: 'recipient-mode', mode: r.mode === 'series' ? 'per-patch' : 'series' });
  if (input === 'a') {
    return openEdit(s, { kind: 'recipient', field: 'cc' }, 'Add to Cc', { hint: 'Name <address>; Tab switches To/Cc; Enter adds; Esc cancels' });
  }
  if (input === ' ' && !s.perPatchView) {
    const who = r.list[s.cursor.recipients];
    if (!who) return s;
    return enqueue(s, { kind: 'recipient', op: who.dropped ? 'restore' : 'drop', address: who.email });
  }
  return null;
}

function trailersKey(s: UiState, input: string, key: KeyInfo): UiState | null {
  const commits = s.data.series.commits;
  const c = commits[s.cursor.trailers];
  if (input === ' ' && c) {
    const marked = s.marked.includes(c.sha) ? s.marked.filter((x) => x !== c.sha) : [...s.marked, c.sha];
    return { ...s, marked };
  }
  if (input === 'a' || input === 'A' || key.return) {
    const chosen =
      input === 'A' ? commits.map((x) => x.sha) : s.marked.length ? commits.filter((x) => s.marked.includes(x.sha)).map((x) => x.sha) : c ? [c.sha] : [];
    if (!chosen.length) return s;
    const which = chosen.length === commits.length ? 'every commit' : chosen.length === 1 ? `commit ${chosen[0]!.slice(0, 12)}` : `${chosen.length} commits`;
    return openEdit(s, { kind: 'trailer', commits: chosen }, `Add a trailer to ${which}`, {
      hint: 'Key: Name <address>; Tab completes keys and people; Enter shows the plan',
      completions: s.data.people,
    });
  }
  if (input === 'i') return openEdit(s, { kind: 'import' }, 'Import trailers from the replies in', { hint: 'an mbox file or a maildir; Enter shows the plan' });
  if (input === 'u') {
    if (!s.data.canUndo) return note(s, `nothing to undo${s.data.undoNote ? `: ${s.data.undoNote}` : ''}`);
    return { ...s, confirm: { prompt: `Undo ${s.data.undoNote ?? 'the last rewrite'}? (y/n)`, effect: { kind: 'undo' } } };
  }
  return null;
}

const COVER_FIELDS = ['title', 'body', 'changes'] as const;

function coverKey(s: UiState, input: string, key: KeyInfo): UiState | null {
  const cover = s.data.cover;
  if (!cover)
    return input === 'e' || key.return
      ? note(s, cover === undefined ? 'the cover letter is still loading' : 'the cover letter is not available in this build', 'error')
      : null;
  const field = COVER_FIELDS[s.cursor.cover] ?? 'title';
  const pick = input === 't' ? 'title' : input === 'b' ? 'body' : input === 'c' ? 'changes' : key.return ? field : null;
  if (pick) {
    const label = pick === 'title' ? 'Title' : pick === 'body' ? 'Body' : `Changes in v${s.data.series.version}`;
    return openEdit({ ...s, cursor: { ...s.cursor, cover: COVER_FIELDS.indexOf(pick) } }, { kind: 'cover', field: pick }, label, {
      text: cover[pick],
      multiline: pick !== 'title',
      hint: pick === 'title' ? 'Enter saves' : 'Ctrl+S saves; Ctrl+E opens $EDITOR',
    });
  }
  if (input === 'e') return enqueue(s, { kind: 'editor', text: cover[field], target: { kind: 'cover', field } });
  if (input === 'p') {
    return openEdit(s, { kind: 'prefixes' }, 'Subject prefixes', {
      text: cover.prefixes.join(' '),
      hint: 'space-separated, e.g. RFC net-next; empty for none; Enter saves',
    });
  }
  return null;
}

function sendKey(s: UiState, input: string): UiState | null {
  const send = s.data.send;
  if (!send)
    return input === 'x' || input === 'w' || input === 's'
      ? note(s, send === undefined ? 'still loading' : 'sending is not available in this build', 'error')
      : null;
  if (input === 'x')
    return openEdit(s, { kind: 'export' }, 'Export the patches to', {
      text: send.exportDir,
      hint: 'Enter exports; the directory must be new or hold only earlier exports',
    });
  if (input === 'w') {
    // Beside the export, not in it: export only reuses a directory that holds nothing but its own patches.
    return openEdit(s, { kind: 'write-command' }, 'Write the send command to', {
      text: `${send.exportDir.replace(/\/+$/, '')}-send.sh`,
      hint: 'Enter writes; run it yourself when ready',
    });
  }
  if (input === 's') {
    return openEdit(s, { kind: 'message-id' }, `Mark v${s.data.series.version} as sent: Message-ID of the cover letter (optional)`, {
      hint: `Enter tags ${s.data.series.branch}-v${s.data.series.version} and starts v${s.data.series.version + 1}; Esc cancels`,
    });
  }
  return null;
}

export function screenKey(s: UiState, input: string, key: KeyInfo): UiState | null {
  switch (s.screen) {
    case 'series':
      return seriesKey(s, input, key);
    case 'checklist':
      return checklistKey(s, input, key);
    case 'recipients':
      return recipientsKey(s, input);
    case 'trailers':
      return trailersKey(s, input, key);
    case 'cover':
      return coverKey(s, input, key);
    case 'send':
      return sendKey(s, input);
  }
}
