/**
 * Text boxes: the multi-line answer box and the one-line prompts. Saving
 * turns the text into an effect; the box stays open, marked pending, until
 * src/ accepted it, so a validation error is shown where it was typed.
 */
import { candidates, plainCandidates } from './completion.js';
import type { Effect, EditTarget } from '../effects.js';
import type { Keymap } from '../keymap.js';
import { quit } from '../reducer-global.js';
import { enqueue, type EditState, type UiState } from '../ui-state.js';
import { backspace, buffer, deleteWord, insert, move, type TextBuffer } from './text-buffer.js';

export function openEdit(
  s: UiState,
  target: EditTarget,
  label: string,
  opts: { text?: string; multiline?: boolean; hint?: string; completions?: string[] } = {},
): UiState {
  const text = opts.text ?? '';
  const edit: EditState = { target, label, buf: buffer(text, Boolean(opts.multiline)), initial: text, hint: opts.hint, completions: opts.completions };
  return { ...s, edit, message: null };
}

/** The parent section the user named, as it is spelled among the parents; undefined when it is not one. */
function parentNamed(parents: string[], name: string): string | undefined {
  return parents.find((p) => p.toLowerCase() === name.toLowerCase());
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
    case 'parent': {
      if (!t) return 'type the name of a MAINTAINERS section';
      if (target.op === 'add' || !target.parents) return { kind: 'parent', op: target.op, section: t };
      // As the command line does: only a section taken as a parent can stop being one.
      const known = parentNamed(target.parents, t);
      if (!known) return `"${t}" is not a parent driver of this series${target.parents.length ? ` (Tab offers ${target.parents.join(', ')})` : ''}`;
      return { kind: 'parent', op: 'remove', section: known };
    }
    case 'prefixes':
      return { kind: 'prefixes', prefixes: t ? t.split(/\s+/) : [] };
    case 'export':
      return t
        ? { kind: 'export', dir: t, ...(target.force ? { force: true } : {}), ...(target.thread !== undefined ? { thread: target.thread } : {}) }
        : 'type a directory';
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

/** A change to the text: any error shown goes, and so does a completion in progress. */
function edited(s: UiState, f: (b: TextBuffer) => TextBuffer): UiState {
  const e = s.edit!;
  return { ...s, edit: { ...e, buf: f(e.buf), error: undefined, complete: undefined } };
}

const multiline = (s: UiState) => Boolean(s.edit?.buf.multiline);
const tabDoes = (s: UiState) => (s.edit?.target.kind === 'recipient' ? 'switch To-Cc' : s.edit?.completions?.length ? 'complete' : undefined);
const ready = (s: UiState) => !s.edit?.pending;

/** Every key of a text box. While its text is being saved the box takes no key (Ctrl+C excepted). */
export const EDIT_KEYMAP: Keymap = {
  title: 'In a text box',
  bindings: [
    {
      keys: ['ctrl+s', 'ctrl+d'],
      label: 'Ctrl+S',
      help: 'save',
      footer: multiline,
      when: ready,
      run: (s) => submitText(s, s.edit!.target, s.edit!.buf.text),
    },
    {
      keys: ['enter'],
      help: 'new line (saves a one-line prompt)',
      footer: true,
      footerText: (s) => (multiline(s) ? 'new line' : 'save'),
      when: ready,
      run: (s) => (multiline(s) ? edited(s, (b) => insert(b, '\n')) : submitText(s, s.edit!.target, s.edit!.buf.text)),
    },
    {
      keys: ['ctrl+e'],
      help: 'edit it in $EDITOR',
      short: '$EDITOR',
      footer: true,
      when: ready,
      run: (s) => enqueue({ ...s, edit: null }, { kind: 'editor', text: s.edit!.buf.text, target: s.edit!.target }),
    },
    {
      keys: ['tab', 'shift+tab'],
      label: 'Tab',
      help: 'complete (keys, people, section names) / switch To-Cc',
      footer: true,
      footerText: (s) => tabDoes(s) ?? '',
      when: (s) => ready(s) && tabDoes(s) !== undefined,
      run: (s, _input, key) => tab(s, s.edit!, Boolean(key.shift)),
    },
    { keys: ['esc'], help: 'cancel', footer: true, when: ready, run: (s) => ({ ...s, edit: null, message: { kind: 'info', text: 'cancelled' } }) },
    { keys: ['left'], help: 'cursor left', when: ready, run: (s) => edited(s, (b) => move(b, 'left')) },
    { keys: ['right'], help: 'cursor right', when: ready, run: (s) => edited(s, (b) => move(b, 'right')) },
    { keys: ['up'], help: 'cursor up a line', when: ready, run: (s) => edited(s, (b) => move(b, 'up')) },
    { keys: ['down'], help: 'cursor down a line', when: ready, run: (s) => edited(s, (b) => move(b, 'down')) },
    { keys: ['home', 'ctrl+a'], help: 'start of the line', when: ready, run: (s) => edited(s, (b) => move(b, 'home')) },
    { keys: ['end'], help: 'end of the line', when: ready, run: (s) => edited(s, (b) => move(b, 'end')) },
    { keys: ['backspace'], help: 'delete the character before the cursor', when: ready, run: (s) => edited(s, backspace) },
    { keys: ['ctrl+w'], help: 'delete the word before the cursor', when: ready, run: (s) => edited(s, deleteWord) },
    { keys: ['ctrl+u'], help: 'delete up to the cursor', when: ready, run: (s) => edited(s, (b) => ({ ...b, text: b.text.slice(b.cursor), cursor: 0 })) },
    { keys: ['ctrl+c'], help: 'quit (asks first when the box holds a draft)', run: (s) => quit(s, 'Ctrl+C') },
    { keys: ['char'], help: 'typed or pasted text goes in', when: ready, run: (s, input) => edited(s, (b) => insert(b, input)) },
  ],
};
