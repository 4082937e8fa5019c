/**
 * Per-branch state: answers, recipient choices, cover letter, versions.
 * One JSON file per branch under the repository's common git directory, so
 * every worktree of the repository sees the same state for a branch.
 * Writes go to a temporary file that is renamed over the old one: a crash
 * leaves either the old or the new file, never half of one.
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { acquireLock } from '../history/lock.js';
import { testPause } from '../history/pause.js';
import { displayArg, shellQuote } from '../text/shell.js';
import { MAX_VERSION, stateProblem, unsavedValueProblem } from './schema.js';
import { cleanStaleTemps, fsWhy, writeFileAtomic } from './files.js';

export const STATE_SCHEMA = 1;

/** What the last export wrote (src/letter/export.ts); send-cmd and sent read it back from the branch state. */
export interface ExportRecord {
  dir: string;
  /** Absolute paths, cover letter first. */
  files: string[];
  version: number;
  tip: string;
  base: string;
  from?: string;
  coverMessageId?: string;
  /** A digest of the letter's own text (prefixes, title, notes), to tell when the export is out of date. */
  textDigest?: string;
  /** Message-ID of the first file: the cover, or the single patch. */
  firstMessageId?: string;
  inReplyTo?: string;
  to: string[];
  cc: string[];
  perPatch?: { file: string; sha: string; to: string[]; cc: string[] }[];
  at: string;
  /** sha256 of each file as written (by file name): a later export replaces only files still so. */
  digests?: Record<string, string>;
}

export interface AnswerState {
  text?: string;
  confirmed?: boolean;
  note?: string;
  /** What a confirmation covered (e.g. the P: documents confirmed read), so new ones stay open. */
  covers?: string[];
  /** ISO time of the answer. */
  at: string;
}

export interface AddedRecipient {
  /** "Name <email>" as validated. */
  address: string;
  name: string;
  email: string;
  field: 'to' | 'cc';
}

export interface SentVersion {
  version: number;
  tag: string;
  messageId?: string;
  date: string;
  /** Commit the tag points to (the tip that was sent). */
  tip: string;
  base: string;
  /** The branch tip after recording it, when that differs from tip (b4 branches: the cover commit and its tracking data were updated). */
  head?: string;
}

export interface RewriteRecord {
  /** Backup ref that holds the tip before the rewrite. */
  backupRef: string;
  oldTip: string;
  newTip: string;
  what: string;
  at: string;
}

export interface BranchState {
  schema: number;
  branch: string;
  version: number;
  answers: Record<string, AnswerState>;
  recipients: {
    added: AddedRecipient[];
    /** Lower-cased addresses the submitter dropped; they stay dropped when recomputed. */
    dropped: string[];
    mode: 'series' | 'per-patch';
  };
  /** Parent-driver sections added or removed by hand (MAINTAINERS section names). */
  parents: { added: string[]; removed: string[] };
  cover: {
    title?: string;
    body?: string;
    /** Subject prefixes such as RFC, and a tree tag such as net-next. */
    prefixes: string[];
    /** Changelog text per version number ("2" -> "- fixed ..."). */
    changes: Record<string, string>;
  };
  sent: SentVersion[];
  /** Set by the submitter (sent --version, cover --force-revision): the version stands even below a tagged one. */
  versionForced?: boolean;
  /** Opt-in: the next export replies to the previous version's cover letter instead of starting a new thread. */
  threadToPrevious?: boolean;
  rewrites: RewriteRecord[];
  checkpatch?: { tip: string; at: string; results: unknown };
  /** The last `export` (src/export.ts): send-cmd and sent read it back. */
  exported?: ExportRecord;
  /** Earlier exports of the branch, newest last (src/export.ts): an export may replace their files. */
  exports?: ExportRecord[];
  /** The export whose git send-email command send-cmd printed last (src/sendcmd.ts): what sent records. */
  sendCmd?: ExportRecord;
  /** Prerequisite series the branch depends on, in the order they apply (src/deps, patchpilot deps). */
  deps?: Prerequisite[];
}

/** A series this one needs applied first; its commits are not part of the series. */
export interface Prerequisite {
  /** What the submitter named: a range, a branch or an mbox file. */
  source: string;
  kind: 'range' | 'branch' | 'mbox';
  /** A branch prerequisite is read again each time: it may have been rebased since. */
  branch?: string;
  /** Message-ID of its cover letter (or single patch), without angle brackets. */
  messageId?: string;
  /** b4's change-id and revision ("20240320-example-abcdef:v2") of a prerequisite branch b4 prepared. */
  changeId?: string;
  /** Its patches in order: git patch-id --stable, subject, and the commit when it came from the repository. */
  patches: { patchId: string; subject: string; commit?: string }[];
  /** The upstream commit it applies to, when known (base-commit: of an mbox, the merge-base of a branch). */
  base?: string;
  at: string;
}

export function emptyState(branch: string): BranchState {
  return {
    schema: STATE_SCHEMA,
    branch,
    version: 1,
    answers: {},
    recipients: { added: [], dropped: [], mode: 'series' },
    parents: { added: [], removed: [] },
    cover: { prefixes: [], changes: {} },
    sent: [],
    rewrites: [],
  };
}

/** Branch names may contain '/', which must not become directories. */
function fileName(branch: string): string {
  return `${encodeURIComponent(branch)}.json`;
}

export function statePath(commonDir: string, branch: string): string {
  return join(commonDir, 'patchpilot', fileName(branch));
}

/** State files are small; anything this big is not one of ours. */
const MAX_STATE_BYTES = 16 * 1024 * 1024;

function recoverHint(path: string): string {
  return `move it away (mv ${shellQuote(path)} ${shellQuote(`${path}.bad`)}) to start the branch's state afresh, or fix it by hand`;
}

/** The branch's state as saved, or an empty one; a damaged file is a UsageError that names it and the way out. */
export function loadState(commonDir: string, branch: string): BranchState {
  const path = statePath(commonDir, branch);
  let text: string;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new UsageError(`state file ${displayArg(path)} is not a regular file; ${recoverHint(path)}`);
    if (st.size > MAX_STATE_BYTES) throw new UsageError(`state file ${displayArg(path)} is too large to be one (${st.size} bytes); ${recoverHint(path)}`);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return emptyState(branch);
    throw new UsageError(`cannot read ${displayArg(path)}: ${fsWhy(e)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError(`state file ${displayArg(path)} is not valid JSON; ${recoverHint(path)}`);
  }
  return withExportPaths(checkState(data, branch, path), workTreeOf(commonDir), (p, tree) => (isAbsolute(p) ? p : resolve(tree, p)));
}

/**
 * The work tree a state directory belongs to: the parent of a `.git`
 * directory (a linked worktree's state lives in the main one's .git too, so
 * this is the main work tree), or undefined when the git directory is
 * elsewhere (bare, GIT_DIR): then paths stay absolute.
 */
function workTreeOf(commonDir: string): string | undefined {
  return basename(commonDir) === '.git' ? dirname(resolve(commonDir)) : undefined;
}

/** A path inside `tree` as relative to it; any other path as it is. */
function inTree(p: string, tree: string): string {
  if (!isAbsolute(p)) return p;
  const rel = relative(tree, p);
  return rel && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel) ? rel : p;
}

/**
 * Export records name directories and files. Those inside the work tree are
 * kept relative to it in the file (so a copied repository, cp -a, exports
 * into its own directory, not the original's) and absolute in memory; an
 * absolute path in the file (older records, exports outside the tree) is
 * read as it is.
 */
function withExportPaths(state: BranchState, tree: string | undefined, map: (p: string, tree: string) => string): BranchState {
  if (!tree) return state;
  const fix = (r: ExportRecord): ExportRecord => ({
    ...r,
    dir: map(r.dir, tree),
    files: r.files.map((f) => map(f, tree)),
    ...(r.perPatch ? { perPatch: r.perPatch.map((x) => ({ ...x, file: map(x.file, tree) })) } : {}),
  });
  return {
    ...state,
    ...(state.exported ? { exported: fix(state.exported) } : {}),
    ...(state.exports ? { exports: state.exports.map(fix) } : {}),
    ...(state.sendCmd ? { sendCmd: fix(state.sendCmd) } : {}),
  };
}

/** Validate what a state file held (see schema.ts) and fill in what older versions did not write. */
export function checkState(data: unknown, branch: string, path: string): BranchState {
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const schema = (data as { schema?: unknown }).schema;
    if (typeof schema === 'number' && schema > STATE_SCHEMA) {
      throw new UsageError(`state file ${displayArg(path)} was written by a newer patchpilot (schema ${schema}); update patchpilot`);
    }
  }
  const problem = stateProblem(data);
  if (problem) throw new UsageError(`state file ${displayArg(path)} is damaged (${problem}); ${recoverHint(path)}`);
  const d = data as Partial<BranchState>;
  const base = emptyState(branch);
  return {
    ...base,
    ...d,
    schema: STATE_SCHEMA,
    branch,
    recipients: { ...base.recipients, ...d.recipients },
    parents: { ...base.parents, ...d.parents },
    cover: { ...base.cover, ...d.cover },
  };
}

export function saveState(commonDir: string, state: BranchState): void {
  // Never write what the next read would refuse as damaged (an answer holding ESC would lock the branch out).
  const problem = unsavedValueProblem(state);
  if (problem) throw new UsageError(`${problem}; nothing was saved`);
  const dir = join(commonDir, 'patchpilot');
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new UsageError(`cannot write to ${displayArg(dir)}: ${fsWhy(e)}`);
  }
  writeFileAtomic(statePath(commonDir, state.branch), `${JSON.stringify(withExportPaths(state, workTreeOf(commonDir), inTree), null, 2)}\n`);
}

/** How long a state update waits for another one (a CLI command and the TUI at once) before giving up. */
const STATE_LOCK_WAIT_MS = 10_000;
/** State files this process holds the lock of. */
const held = new Set<string>();

/**
 * Load, change, save, under the branch's state lock: two processes updating
 * the same branch at once (two `answer` commands, the TUI and the CLI) each
 * see the other's change instead of overwriting it. The mutator works on a
 * fresh copy read from disk after the lock is taken.
 */
export function updateState(commonDir: string, branch: string, mutate: (s: BranchState) => void): BranchState {
  const path = statePath(commonDir, branch);
  // Not re-entrant: a mutator that updates the same branch again would wait for itself.
  if (held.has(path)) throw new Error(`nested updateState for ${branch}`);
  held.add(path);
  let release: () => void;
  try {
    release = acquireLock(`${path}.lock`, {
      waitMs: STATE_LOCK_WAIT_MS,
      busy: (h, lock) => `another patchpilot (pid ${h.pid}) has been updating ${displayArg(path)} for too long; if none is running, remove ${displayArg(lock)}`,
    });
  } catch (e) {
    held.delete(path);
    throw e;
  }
  try {
    testPause('state-locked');
    cleanStaleTemps(dirname(path));
    const s = loadState(commonDir, branch);
    mutate(s);
    saveState(commonDir, s);
    return s;
  } finally {
    held.delete(path);
    release();
  }
}

/**
 * The version being prepared: ours once we have recorded one (a bump or a
 * sent version), else the revision b4 tracks, else 1.
 */
export function versionOf(state: Pick<BranchState, 'version' | 'sent'> | undefined, b4Revision: unknown): number {
  if (state && (state.version > 1 || state.sent.length)) return state.version;
  const rev = Number(b4Revision);
  return Number.isInteger(rev) && rev > 0 && rev <= MAX_VERSION ? rev : (state?.version ?? 1);
}
