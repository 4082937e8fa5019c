/**
 * The shape of a branch's state file, checked on every read: the file lives
 * in .git where anyone (a script, an editor, a bad disk) can change it, and a
 * wrong type must be one clear message, not a crash deep in a command or a
 * silent reset. Numbers are bounded (a huge version would make the changelog
 * loop run for ever) and one-line values that end up in mail headers or
 * command lines hold no control characters. Objects are loose: fields added
 * by newer code are kept, never dropped on the next write.
 */
import * as v from 'valibot';

/** The highest series version patchpilot accepts; kernel series stop long before. */
export const MAX_VERSION = 999;

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** One line: no control characters at all (it may become a header or an argument). */
const line = v.pipe(
  v.string(),
  v.check((s) => !CONTROL.test(s), 'holds a control character'),
);
/** Free text: line breaks and tabs are fine, other control characters are not. */
const text = v.pipe(
  v.string(),
  v.check((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'holds a control character'),
);
const version = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_VERSION));
const sha = v.pipe(v.string(), v.regex(/^[0-9a-f]{4,64}$/, 'is not a commit id'));
const lines = v.array(line);

/**
 * valibot's object and record schemas take an array for an object: `"answers": []` passed, and the next
 * answer was set as a property of the array, which JSON drops, so it was silently lost. Every object here
 * refuses an array first.
 */
const notArray = v.check((x: unknown) => !Array.isArray(x), 'Expected Object but received an array');
const obj = <E extends v.ObjectEntries>(entries: E) => v.pipe(v.unknown(), notArray, v.looseObject(entries));
const rec = <K extends v.BaseSchema<string, string, v.BaseIssue<unknown>>, V extends v.GenericSchema>(key: K, value: V) =>
  v.pipe(v.unknown(), notArray, v.record(key, value));

const answer = obj({
  text: v.optional(text),
  confirmed: v.optional(v.boolean()),
  note: v.optional(text),
  covers: v.optional(v.array(v.string())),
  at: v.optional(v.string()),
});

const exportRecord = obj({
  dir: v.string(),
  files: v.array(v.string()),
  version,
  tip: sha,
  base: sha,
  from: v.optional(line),
  coverMessageId: v.optional(line),
  firstMessageId: v.optional(line),
  inReplyTo: v.optional(line),
  to: lines,
  cc: lines,
  perPatch: v.optional(v.array(obj({ file: v.string(), sha: v.string(), to: lines, cc: lines }))),
  at: v.string(),
  digests: v.optional(rec(v.string(), v.string())),
});

export const stateSchema = v.looseObject({
  schema: v.optional(v.pipe(v.number(), v.integer())),
  branch: v.optional(v.string()),
  version: v.optional(version),
  answers: v.optional(rec(v.string(), answer)),
  recipients: v.optional(
    obj({
      added: v.optional(v.array(obj({ address: line, name: line, email: line, field: v.picklist(['to', 'cc']) }))),
      dropped: v.optional(lines),
      mode: v.optional(v.picklist(['series', 'per-patch'])),
    }),
  ),
  parents: v.optional(obj({ added: v.optional(lines), removed: v.optional(lines) })),
  cover: v.optional(
    obj({
      title: v.optional(line),
      body: v.optional(text),
      prefixes: v.optional(lines),
      changes: v.optional(rec(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'is not a version number')), text)),
    }),
  ),
  sent: v.optional(v.array(obj({ version, tag: line, messageId: v.optional(line), date: v.string(), tip: sha, base: sha }))),
  versionForced: v.optional(v.boolean()),
  threadToPrevious: v.optional(v.boolean()),
  rewrites: v.optional(v.array(obj({ backupRef: line, oldTip: sha, newTip: sha, what: v.string(), at: v.string() }))),
  checkpatch: v.optional(obj({ tip: v.string(), at: v.string(), results: v.unknown() })),
  exported: v.optional(exportRecord),
  exports: v.optional(v.array(exportRecord)),
  sendCmd: v.optional(exportRecord),
  deps: v.optional(
    v.array(
      obj({
        source: line,
        kind: v.picklist(['range', 'branch', 'mbox']),
        branch: v.optional(line),
        messageId: v.optional(v.pipe(line, v.regex(/^[^\s<>]+$/, 'is not a Message-ID'))),
        changeId: v.optional(line),
        patches: v.array(obj({ patchId: sha, subject: text, commit: v.optional(sha) })),
        base: v.optional(sha),
        at: v.string(),
      }),
    ),
  ),
});

/** The first thing wrong with a parsed state file ("recipients.dropped: expected an array"), or undefined. */
export function stateProblem(data: unknown): string | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return `expected an object, found ${data === null ? 'null' : Array.isArray(data) ? 'an array' : typeof data}`;
  }
  const r = v.safeParse(stateSchema, data);
  if (r.success) return undefined;
  const issue = r.issues[0];
  const path = v.getDotPath(issue) ?? '';
  const msg = issue.message.replace(/^Invalid (type|value): /, '').replace(/[\u0000-\u001f]/g, ' ');
  return `${path ? `${path}: ` : ''}${msg.length > 120 ? `${msg.slice(0, 120)}...` : msg}`;
}

const CONTROL_NAMES: Record<number, string> = {
  0: 'NUL',
  7: 'BEL',
  8: 'BS',
  9: 'TAB',
  0x0a: 'LF',
  0x0b: 'VT',
  0x0c: 'FF',
  0x0d: 'CR',
  0x1b: 'ESC',
  0x7f: 'DEL',
};

function controlName(value: unknown): string {
  // The one that is refused everywhere first: a line break or tab is refused only in one-line values.
  const c = typeof value === 'string' ? (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.exec(value) ?? CONTROL.exec(value))?.[0] : undefined;
  if (!c) return '';
  const code = c.charCodeAt(0);
  return ` (${CONTROL_NAMES[code] ?? `U+${code.toString(16).toUpperCase().padStart(4, '0')}`})`;
}

/** What a state path is to the person who typed it ("answers.<id>.text" is their answer to <id>). */
function whatItIs(keys: readonly string[]): string {
  const [top, a, b] = keys;
  if (top === 'answers' && a !== undefined) return b === 'note' ? `the note on ${a}` : `the answer to ${a}`;
  if (top === 'cover' && a === 'title') return 'the cover letter title';
  if (top === 'cover' && a === 'body') return 'the cover letter body';
  if (top === 'cover' && a === 'changes') return `the changes of v${b ?? ''}`;
  if (top === 'cover' && a === 'prefixes') return 'a subject prefix';
  if (top === 'recipients' && a === 'added') return 'an added recipient';
  return keys.join('.');
}

/**
 * Why a state about to be written would be refused by the next read, in the
 * words of the one who typed the value ("the answer to X holds a control
 * character (ESC)"), or undefined. The state file's own paths mean nothing
 * to them.
 */
export function unsavedValueProblem(state: unknown): string | undefined {
  const r = v.safeParse(stateSchema, state);
  if (r.success) return undefined;
  const issue = r.issues[0];
  const keys = (issue.path ?? []).map((p) => String(p.key));
  const msg = issue.message.replace(/^Invalid (type|value): /, '').replace(/[\u0000-\u001f]/g, ' ');
  return `${whatItIs(keys)} ${msg === 'holds a control character' ? `${msg}${controlName(issue.input)}` : `is not valid (${msg})`}`;
}
