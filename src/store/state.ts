/**
 * Per-branch state: answers, recipient choices, cover letter, versions.
 * One JSON file per branch under the repository's common git directory, so
 * every worktree of the repository sees the same state for a branch.
 * Writes go to a temporary file that is renamed over the old one: a crash
 * leaves either the old or the new file, never half of one.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import type { ExportRecord } from '../letter/export.js';

export const STATE_SCHEMA = 1;

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
  rewrites: RewriteRecord[];
  checkpatch?: { tip: string; at: string; results: unknown };
  /** The last `export` (src/export.ts): send-cmd and sent read it back. */
  exported?: ExportRecord;
  /** Earlier exports of the branch, newest last (src/export.ts): an export may replace their files. */
  exports?: ExportRecord[];
  /** The export whose git send-email command send-cmd printed last (src/sendcmd.ts): what sent records. */
  sendCmd?: ExportRecord;
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

export function loadState(commonDir: string, branch: string): BranchState {
  const path = statePath(commonDir, branch);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return emptyState(branch);
    throw new UsageError(`cannot read ${path}: ${(e as Error).message}`);
  }
  let data: Partial<BranchState>;
  try {
    data = JSON.parse(text) as Partial<BranchState>;
  } catch {
    throw new UsageError(`state file ${path} is not valid JSON; move it away to start afresh`);
  }
  if (typeof data.schema === 'number' && data.schema > STATE_SCHEMA) {
    throw new UsageError(`state file ${path} was written by a newer patchpilot (schema ${data.schema})`);
  }
  const base = emptyState(branch);
  return {
    ...base,
    ...data,
    schema: STATE_SCHEMA,
    branch,
    recipients: { ...base.recipients, ...data.recipients },
    parents: { ...base.parents, ...data.parents },
    cover: { ...base.cover, ...data.cover },
  };
}

/** Write a file so that readers see the old or the new content, never a mix. */
export function writeFileAtomic(path: string, content: string | Buffer): void {
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  writeFileSync(tmp, content);
  const fd = openSync(tmp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

export function saveState(commonDir: string, state: BranchState): void {
  mkdirSync(join(commonDir, 'patchpilot'), { recursive: true });
  writeFileAtomic(statePath(commonDir, state.branch), `${JSON.stringify(state, null, 2)}\n`);
}

/** Load, change, save. The mutator works on a fresh copy read from disk. */
export function updateState(commonDir: string, branch: string, mutate: (s: BranchState) => void): BranchState {
  const s = loadState(commonDir, branch);
  mutate(s);
  saveState(commonDir, s);
  return s;
}

/**
 * The version being prepared: ours once we have recorded one (a bump or a
 * sent version), else the revision b4 tracks, else 1.
 */
export function versionOf(state: Pick<BranchState, 'version' | 'sent'> | undefined, b4Revision: unknown): number {
  if (state && (state.version > 1 || state.sent.length)) return state.version;
  const rev = Number(b4Revision);
  return Number.isInteger(rev) && rev > 0 ? rev : (state?.version ?? 1);
}
