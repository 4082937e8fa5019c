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

const answer = v.looseObject({
  text: v.optional(text),
  confirmed: v.optional(v.boolean()),
  note: v.optional(text),
  covers: v.optional(v.array(v.string())),
  at: v.optional(v.string()),
});

const exportRecord = v.looseObject({
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
  perPatch: v.optional(v.array(v.looseObject({ file: v.string(), sha: v.string(), to: lines, cc: lines }))),
  at: v.string(),
  digests: v.optional(v.record(v.string(), v.string())),
});

export const stateSchema = v.looseObject({
  schema: v.optional(v.pipe(v.number(), v.integer())),
  branch: v.optional(v.string()),
  version: v.optional(version),
  answers: v.optional(v.record(v.string(), answer)),
  recipients: v.optional(
    v.looseObject({
      added: v.optional(v.array(v.looseObject({ address: line, name: line, email: line, field: v.picklist(['to', 'cc']) }))),
      dropped: v.optional(lines),
      mode: v.optional(v.picklist(['series', 'per-patch'])),
    }),
  ),
  parents: v.optional(v.looseObject({ added: v.optional(lines), removed: v.optional(lines) })),
  cover: v.optional(
    v.looseObject({
      title: v.optional(line),
      body: v.optional(text),
      prefixes: v.optional(lines),
      changes: v.optional(v.record(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'is not a version number')), text)),
    }),
  ),
  sent: v.optional(v.array(v.looseObject({ version, tag: line, messageId: v.optional(line), date: v.string(), tip: sha, base: sha }))),
  versionForced: v.optional(v.boolean()),
  threadToPrevious: v.optional(v.boolean()),
  rewrites: v.optional(v.array(v.looseObject({ backupRef: line, oldTip: sha, newTip: sha, what: v.string(), at: v.string() }))),
  checkpatch: v.optional(v.looseObject({ tip: v.string(), at: v.string(), results: v.unknown() })),
  exported: v.optional(exportRecord),
  exports: v.optional(v.array(exportRecord)),
  sendCmd: v.optional(exportRecord),
  deps: v.optional(
    v.array(
      v.looseObject({
        source: line,
        kind: v.picklist(['range', 'branch', 'mbox']),
        branch: v.optional(line),
        messageId: v.optional(v.pipe(line, v.regex(/^[^\s<>]+$/, 'is not a Message-ID'))),
        changeId: v.optional(line),
        patches: v.array(v.looseObject({ patchId: sha, subject: text, commit: v.optional(sha) })),
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
