/**
 * Text boxes: the multi-line answer box and the one-line prompts. Saving
 * turns the text into an effect; the box stays open, marked pending, until
 * src/ accepted it, so a validation error is shown where it was typed.
 */
import { candidates, plainCandidates } from './completion.js';
import type { Effect, EditTarget } from './effects.js';
import { enqueue, type EditState, type KeyInfo, type UiState } from './ui-state.js';
import { backspace, buffer, del, deleteWord, insert, move } from './textedit.js';

export function openEdit(
  s: UiState,
  target: EditTarget,
  label: string,
  opts: { text?: string; multiline?: boolean; hint?: string; completions?: string[] } = {},
): UiState {
  const edit: EditState = { target, label, buf: buffer(opts.text ?? '', Boolean(opts.multiline)), hint: opts.hint, completions: opts.completions };
  return { ...s, edit, message: null };
}

/** The effect a saved text becomes, or an error to show in the box. */
function effectFor(target: EditTarget, text: string): Effect | string {
  const t = text.trim();
  switch (target.kind) {
    case 'answer':
      return t ? { kind: 'answer', itemId: target.key, answer: { text: text.replace(/\s+$/, '') } } : 'the answer is empty: write it, or Esc to cancel';
    case 'note':
      return { kind: 'answer', itemId: target.itemId, answer: { confirmed: true, ...(t ? { note: text.replace(/\s+$/, '') } : {}) } };
    case 'recipient':
      return t ? { kind: 'recipient-add', address: t, field: target.field } : 'type an address such as Jane Doe <jane@example.org>';
    case 'trailer':
      return t ? { kind: 'trailer-plan', commits: target.commits, trailer: t } : 'type a trailer such as Reviewed-by: Jane Doe <jane@example.org>';
    case 'import':
      return t ? { kind: 'import-plan', path: t } : 'type the path of an mbox file or a maildir';
    case 'cover':
      return { kind: 'cover', field: target.field, text: target.field === 'title' ? t : text.replace(/\s+$/, '') };
    case 'parent':
      return t ? { kind: 'parent', op: target.op, section: t } : 'type the name of a MAINTAINERS section';
    case 'prefixes':
      return { kind: 'prefixes', prefixes: t ? t.split(/\s+/) : [] };
    case 'export':
      return t ? { kind: 'export', dir: t } : 'type a directory';
    case 'write-command':
      return t ? { kind: 'write-command', path: t } : 'type a file name';
    case 'message-id':
      return { kind: 'sent', ...(t ? { messageId: t } : {}) };
  }
}

/** Save text from the box (which then waits for src/) or from $EDITOR. */
export function submitText(s: UiState, target: EditTarget, text: string): UiState {
  const e = effectFor(target, text);
  if (typeof e === 'string') {
    if (s.edit) return { ...s, edit: { ...s.edit, error: e } };
    return { ...s, message: { kind: 'error', text: e } };
  }
  const st = s.edit ? { ...s, edit: { ...s.edit, pending: true, error: undefined } } : s;
  return enqueue(st, e);
}

function tab(s: UiState, e: EditState, shift: boolean): UiState {
  if (e.target.kind === 'recipient') {
    const field = e.target.field === 'to' ? 'cc' : 'to';
    return { ...s, edit: { ...e, target: { kind: 'recipient', field }, label: `Add to ${field === 'to' ? 'To' : 'Cc'}` } };
  }
  if (!e.completions) return s;
  const query = e.complete?.query ?? e.buf.text;
  const list = e.target.kind === 'trailer' ? candidates(query, e.completions) : plainCandidates(query, e.completions);
  if (!list.length) return { ...s, edit: { ...e, error: 'no completion' } };
  const index = e.complete ? (e.complete.index + (shift ? list.length - 1 : 1)) % list.length : 0;
  const text = list[index]!;
  return { ...s, edit: { ...e, buf: { ...e.buf, text, cursor: text.length }, complete: { query, index }, error: undefined } };
}

export function editKey(s: UiState, input: string, key: KeyInfo): UiState {
  const e = s.edit!;
  if (e.pending) return s;
  const save = (key.ctrl && (input === 's' || input === 'd')) || (key.return && !e.buf.multiline);
  if (save) return submitText(s, e.target, e.buf.text);
  if (key.escape) return { ...s, edit: null, message: { kind: 'info', text: 'cancelled' } };
  if (key.ctrl && input === 'e') return enqueue({ ...s, edit: null }, { kind: 'editor', text: e.buf.text, target: e.target });
  if (key.tab) return tab(s, e, Boolean(key.shift));
  let buf = e.buf;
  if (key.return) buf = insert(buf, '\n');
  else if (key.backspace || key.delete) buf = key.delete && input === '' && key.meta ? del(buf) : backspace(buf);
  else if (key.leftArrow) buf = move(buf, 'left');
  else if (key.rightArrow) buf = move(buf, 'right');
  else if (key.upArrow) buf = move(buf, 'up');
  else if (key.downArrow) buf = move(buf, 'down');
  else if (key.home || (key.ctrl && input === 'a')) buf = move(buf, 'home');
  else if (key.end) buf = move(buf, 'end');
  else if (key.ctrl && input === 'w') buf = deleteWord(buf);
  else if (key.ctrl && input === 'u') buf = { ...buf, text: buf.text.slice(buf.cursor), cursor: 0 };
  else if (key.ctrl || key.meta || !input) return s;
  else buf = insert(buf, input);
  return { ...s, edit: { ...e, buf, error: undefined, complete: undefined } };
}
