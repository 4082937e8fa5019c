/**
 * Rewriting base..branch safely: the only place patchpilot moves a branch.
 *
 * Order of work, so that a process killed at any instant leaves the branch at
 * the old tip or at the complete new tip:
 *   1. refuse what git's own history editors refuse (detached HEAD, an
 *      operation under way, a dirty tree, a merge in the range);
 *   2. take a lock file that a dead owner cannot keep (pid + start time);
 *   3. read the commits with one `cat-file --batch`, build the new objects in
 *      memory and name them (sha1 or sha256), write them as one pack through
 *      `unpack-objects` or `index-pack` --strict (git checks format and links);
 *   4. one `update-ref --stdin` transaction creates the backup refs
 *      (refs/patchpilot/rewrites/<branch>/<n>/{old,new}) and moves the branch
 *      only if it still points at the old tip and the new tip exists as a
 *      commit under the name computed for it. The refs are the undo record,
 *      written atomically with the move; the state file only mirrors them.
 * Trees never change, so the index and the work tree stay valid throughout.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildPack,
  header,
  hashObject,
  parents,
  parseCatFileBatch,
  parseCommitObject,
  serializeCommit,
  withHeaders,
  type ObjectFormat,
  type RawCommit,
} from './commit-object.js';
import { UsageError, detachedHead } from '../errors.js';
import { GitError, type Git } from '../git/git.js';
import type { Repo } from '../git/repo.js';
import { withRewriteLock } from './lock.js';
import { updateState } from '../store/state.js';
import { testPause } from './pause.js';
import { KEEP_REWRITES, lastRewrite, lastRewriteIn, listRecords, parseRecords, pruneRecords, recordPrefix, type RewriteRecordRefs } from './records.js';

export { KEEP_REWRITES, lastRewrite, lastRewriteIn, listRecords, recordPrefix, type RewriteRecordRefs };
import { sanitizeLine } from '../text/sanitize.js';

export interface RewriteProgress {
  phase: 'check' | 'read' | 'build' | 'write' | 'update' | 'done';
  done: number;
  total: number;
}

export interface RewriteRequest {
  branch: string;
  /** The base commit: commits at or below it are never touched. */
  base: string;
  /** The tip the plan was made against; the rewrite refuses if the branch moved. */
  oldTip: string;
  /** New message for each commit to change, from its current raw message. */
  edit: Map<string, (message: Buffer) => Buffer>;
  /** One line for the reflog and the undo record ("trailers add Reviewed-by: ..."). */
  what: string;
  onProgress?: (p: RewriteProgress) => void;
  /**
   * Called once every refusal is past (no operation under way, lock held, tree
   * clean, branch where the plan found it) and before anything is written: a
   * command prints its plan here, so a refusal is all the user sees.
   */
  onReady?: () => void;
  /** base..oldTip as already read; used only if the branch is still at oldTip (objects are immutable). */
  commits?: RawCommit[];
  /** startChecks() begun earlier, so its git calls overlap the planning (a one-shot command's). */
  checks?: Promise<RewriteChecks>;
}

export interface RewriteChecks {
  format: ObjectFormat;
  tip: string;
  /** The committer line git would write now ("Name <email> 1767225600 +0000"). */
  ident: string;
  records: RewriteRecordRefs[];
}

/**
 * The reads a rewrite needs, all at once: each git process costs milliseconds.
 * Reading before the lock is safe: the branch moves only by an update-ref that
 * checks the old tip, and backup refs are created only if they do not exist.
 */
export function startChecks(repo: Repo, branch: string): Promise<RewriteChecks> {
  const { git } = repo;
  // One for-each-ref gives the tip and the undo records; the object format follows from the hash length.
  const p = Promise.all([
    checkClean(repo),
    out(git, ['for-each-ref', '--format=%(refname) %(objectname)', `refs/heads/${branch}`, recordPrefix(branch)]),
    out(git, ['var', 'GIT_COMMITTER_IDENT']).catch(() => ''),
  ]).then(([, refs, identOut]) => {
    const tip = refs
      .split('\n')
      .find((l) => l.startsWith(`refs/heads/${branch} `))
      ?.split(' ')[1];
    if (!tip) throw new UsageError(`branch ${branch} does not exist`);
    const ident = identOut.trim();
    if (!ident || /[\r\n]/.test(ident)) throw new UsageError('git has no committer identity; set user.name and user.email (git config --global)');
    const format: ObjectFormat = tip.length === 64 ? 'sha256' : 'sha1';
    return { format, tip, ident, records: parseRecords(refs, branch) };
  });
  // Awaited later, maybe after other work failed: never an unhandled rejection meanwhile.
  p.catch(() => {});
  return p;
}

export interface RewriteResult {
  branch: string;
  oldTip: string;
  newTip: string;
  /** Ref that keeps the old tip (the undo record). */
  backupRef: string;
  /** Commits whose message changed. */
  changed: number;
  /** Commits written anew (changed ones and their descendants). */
  rewritten: number;
  /** Commits whose gpgsig was dropped because the signature no longer matched. */
  droppedSignatures: number;
  /** Old sha -> new sha for every rewritten commit. */
  map: Record<string, string>;
}

const OPERATIONS: [string, string][] = [
  ['rebase-merge', 'a rebase'],
  ['rebase-apply', 'a rebase or git am'],
  ['MERGE_HEAD', 'a merge'],
  ['CHERRY_PICK_HEAD', 'a cherry-pick'],
  ['REVERT_HEAD', 'a revert'],
  ['sequencer', 'a cherry-pick or revert sequence'],
  ['BISECT_LOG', 'a bisect'],
  ['BISECT_START', 'a bisect'],
];

/** Output of a git call, spawned directly: cheaper than simple-git when every millisecond counts. */
async function out(git: Git, args: string[]): Promise<string> {
  return (await git.exec(args)).stdout.toString('utf8');
}

/** An operation under way comes first: during a rebase HEAD is detached too, and that is not the news. */
export function checkOperations(repo: Repo, verb: string): string {
  for (const [file, what] of OPERATIONS) {
    if (existsSync(join(repo.gitDir, file))) throw new UsageError(`${what} is in progress; finish or abort it before patchpilot can ${verb}`);
  }
  if (!repo.branch) throw detachedHead(`history is rewritten on a branch, to ${verb}`);
  return repo.branch;
}

async function checkClean(repo: Repo): Promise<void> {
  const status = await out(repo.git, ['status', '--porcelain=v1', '-z', '--untracked-files=no']);
  const entries = status.split('\0').filter(Boolean);
  if (entries.length) {
    throw new UsageError(`the work tree has uncommitted changes (${entries[0]!.slice(3)}${entries.length > 1 ? ', ...' : ''}); commit or stash them first`);
  }
}

/** Everything that makes moving the branch unsafe, as one UsageError line (for a UI to ask before planning). */
export async function preflight(repo: Repo, verb = 'rewrite the branch'): Promise<string> {
  const branch = checkOperations(repo, verb);
  await checkClean(repo);
  return branch;
}

export async function branchTip(git: Git, branch: string): Promise<string> {
  const sha = await git.tryRun(['rev-parse', '-q', '--verify', `refs/heads/${branch}^{commit}`]);
  if (!sha) throw new UsageError(`branch ${branch} does not exist`);
  return sha.trim();
}

const MERGE = (sha: string) => new UsageError(`commit ${sha.slice(0, 12)} is a merge; patchpilot rewrites only a linear series (rebase it first)`);

const FIRST_CHUNK = 128;

function readChain(git: Git, from: string, count: number): Promise<Buffer> {
  const revs = Array.from({ length: count }, (_, i) => `${from}~${i}`);
  return git.exec(['cat-file', '--batch'], { input: `${revs.join('\n')}\n` }).then((r) => r.stdout);
}

/** The first commits below tip, read before the base is known (readRange's `first`), so the two overlap. */
export function startReadingFrom(git: Git, tip: string): Promise<Buffer> {
  const p = readChain(git, tip, FIRST_CHUNK);
  p.catch(() => {});
  return p;
}

/**
 * base..tip oldest first, refusing merges. One `cat-file --batch` asked for
 * tip~0, tip~1, ... reads a series without a rev-list first; for a linear
 * series the first-parent walk down to base is exactly base..tip, and the
 * walk stops with a refusal at the first merge.
 */
export async function readRange(git: Git, base: string, tip: string, first?: Promise<Buffer>): Promise<RawCommit[]> {
  const chain: RawCommit[] = [];
  let from = tip;
  let chunk = FIRST_CHUNK;
  while (from !== base) {
    const out = from === tip && first ? await first : await readChain(git, from, chunk);
    let next: string | undefined;
    for (const o of parseCatFileBatch(out)) {
      if (o.sha === base) {
        next = base;
        break;
      }
      if (o.type !== 'commit') throw new UsageError(`${base.slice(0, 12)} is not an ancestor of ${tip.slice(0, 12)} (or the history is shallow); pass --base`);
      const c = parseCommitObject(o.sha, o.content);
      const ps = parents(c);
      if (ps.length > 1) throw MERGE(c.sha);
      if (!ps.length) throw new UsageError(`${base.slice(0, 12)} is not an ancestor of ${tip.slice(0, 12)}; pass --base`);
      chain.push(c);
      next = ps[0];
    }
    if (!next) throw new Error('cat-file returned nothing');
    from = next;
    if (chain.length > 100000) throw new UsageError('more than 100000 commits between the base and the tip; pass --base');
    chunk = Math.min(chunk * 4, 4096);
  }
  const commits = chain.reverse();
  checkLinear(commits, base, tip);
  return commits;
}

/** Each commit's only parent is the one before it, from base to tip. */
function checkLinear(commits: RawCommit[], base: string, tip: string): void {
  let prev = base;
  for (const c of commits) {
    const ps = parents(c);
    if (ps.length > 1) throw MERGE(c.sha);
    if (ps[0] !== prev) throw new UsageError(`commit ${c.sha.slice(0, 12)} does not follow the series in a straight line from the base; rebase it first`);
    prev = c.sha;
  }
  if (prev !== tip) throw new Error(`the series read ends at ${prev}, not at the tip ${tip}`);
}

/** git's own transfer.unpackLimit default: fewer objects are stored loose, more stay one pack. */
const UNPACK_LIMIT = 100;

/**
 * One pack on stdin, no temporary file per object: below git's unpack limit
 * `unpack-objects` stores the commits loose, from it on `index-pack` keeps the
 * pack (one file instead of a hundred, as a fetch would). --strict has git
 * check every commit's format and that its tree and parents exist, which
 * verifies every name computed here: each new commit names its new parent,
 * so a wrong name is a missing parent and git refuses the whole pack (tried:
 * "object of unexpected type" / "did not receive expected object"). The tip,
 * which nothing names, is checked by the ref transaction: git will not point
 * a branch at an object that is not there as a commit.
 */
async function writeCommits(git: Git, format: ObjectFormat, objects: { sha: string; content: Buffer }[]): Promise<void> {
  const pack = buildPack(
    format,
    objects.map((o) => ({ type: 'commit', content: o.content })),
  );
  const args = objects.length < UNPACK_LIMIT ? ['unpack-objects', '-q', '--strict'] : ['index-pack', '--stdin', '--strict'];
  await git.exec(args, { input: pack });
}

async function transaction(git: Git, message: string, lines: string[]): Promise<void> {
  // With an explicit start, a session that ends before `commit` (a killed parent) is aborted.
  try {
    await git.exec(['update-ref', '-m', message, '--stdin'], { input: `start\n${lines.join('\n')}\ncommit\n` });
  } catch (e) {
    if (e instanceof GitError) {
      // The ref checks failed: another patchpilot (or git) moved the branch or made the same backup ref meanwhile.
      if (/cannot lock ref|reference already exists|but expected|is at .* but expected/.test(e.stderr)) {
        throw new UsageError(
          'another command changed the branch at the same moment; nothing was changed by this one: look at the branch (git log) and run the command again if it is still needed',
        );
      }
      throw new UsageError(`the branch was not moved: ${sanitizeLine(e.stderr.trim().split('\n').pop() ?? e.message)}`);
    }
    throw e;
  }
}

export async function rewriteBranch(repo: Repo, req: RewriteRequest): Promise<RewriteResult | null> {
  const { git } = repo;
  const progress = req.onProgress ?? (() => {});
  progress({ phase: 'check', done: 0, total: 1 });
  checkOperations(repo, 'rewrite the branch');
  if (repo.branch !== req.branch) throw new UsageError(`the checked-out branch is ${repo.branch}, not ${req.branch}`);
  return withRewriteLock(repo.commonDir, async () => {
    testPause('locked');
    const { format, tip, ident, records } = await (req.checks ?? startChecks(repo, req.branch));
    if (tip !== req.oldTip) throw new UsageError(`${req.branch} moved since the plan was made (now at ${tip.slice(0, 12)}); run the command again`);
    req.onReady?.();
    progress({ phase: 'read', done: 0, total: 1 });
    const commits = req.commits ?? (await readRange(git, req.base, tip));
    if (req.commits) checkLinear(commits, req.base, tip);
    for (const sha of req.edit.keys()) {
      if (!commits.some((c) => c.sha === sha)) throw new UsageError(`commit ${sha.slice(0, 12)} is not in the series ${req.base.slice(0, 12)}..${req.branch}`);
    }
    const map: Record<string, string> = {};
    const objects: { sha: string; content: Buffer }[] = [];
    let changed = 0;
    let dropped = 0;
    let newTip = req.base;
    commits.forEach((c, i) => {
      progress({ phase: 'build', done: i, total: commits.length });
      const fn = req.edit.get(c.sha);
      const message = fn ? fn(c.message) : c.message;
      const parent = parents(c)[0]!;
      const newParent = map[parent] ?? parent;
      if (newParent === parent && message.equals(c.message)) {
        newTip = c.sha;
        return;
      }
      if (!message.equals(c.message)) changed++;
      let signed = false;
      const headers = withHeaders(c, (h) => {
        if (h.name === 'parent') return header('parent', newParent);
        if (h.name === 'committer') return header('committer', ident);
        if (h.name === 'gpgsig' || h.name === 'gpgsig-sha256') {
          signed = true;
          return null;
        }
        return h;
      });
      if (signed) dropped++;
      const content = serializeCommit({ headers, hasBody: c.hasBody || message.length > 0, message });
      const sha = hashObject(format, 'commit', content);
      map[c.sha] = sha;
      objects.push({ sha, content });
      newTip = sha;
    });
    if (!objects.length) return null;
    progress({ phase: 'write', done: 0, total: objects.length });
    testPause('before-pack');
    await writeCommits(git, format, objects);
    testPause('before-update-ref');
    progress({ phase: 'update', done: 0, total: 1 });
    const n = (records.at(-1)?.n ?? 0) + 1;
    const base = `${recordPrefix(req.branch)}${String(n).padStart(6, '0')}`;
    await transaction(git, `patchpilot: ${req.what.replace(/[\x00-\x1f\x7f]/g, ' ')}`, [
      `create ${base}/old ${tip}`,
      `create ${base}/new ${newTip}`,
      `update refs/heads/${req.branch} ${newTip} ${tip}`,
    ]);
    testPause('after-update-ref');
    await pruneRecords(git, [...records, { n, oldRef: `${base}/old`, oldTip: tip, newRef: `${base}/new`, newTip }]);
    try {
      updateState(repo.commonDir, req.branch, (s) => {
        s.rewrites.push({ backupRef: `${base}/old`, oldTip: tip, newTip, what: req.what, at: new Date().toISOString() });
        s.rewrites = s.rewrites.slice(-KEEP_REWRITES);
      });
    } catch {
      // The refs above are the record undo uses; a state file we cannot write loses only the description.
    }
    progress({ phase: 'done', done: objects.length, total: objects.length });
    return { branch: req.branch, oldTip: tip, newTip, backupRef: `${base}/old`, changed, rewritten: objects.length, droppedSignatures: dropped, map };
  });
}

export interface UndoResult {
  branch: string;
  /** The tip the undo left (the tip before the rewrite). */
  restored: string;
  /** The tip that was undone. */
  undone: string;
  what?: string;
}

/**
 * Put the branch back at the tip the last rewrite found. Uncommitted changes
 * are no obstacle: the two tips must have the same tree, so the index and the
 * work tree mean the same against either.
 */
export async function undoLastRewrite(repo: Repo): Promise<UndoResult> {
  const branch = checkOperations(repo, 'undo a rewrite');
  const { git } = repo;
  return withRewriteLock(repo.commonDir, async () => {
    const rec = await lastRewrite(git, branch);
    if (!rec || !rec.newTip || !rec.newRef) throw new UsageError(`nothing to undo on ${branch}: patchpilot has not rewritten it (or every rewrite was undone)`);
    const tip = await branchTip(git, branch);
    if (tip !== rec.newTip) {
      throw new UsageError(
        `${branch} moved since the last rewrite (it is at ${tip.slice(0, 12)}, the rewrite left it at ${rec.newTip.slice(0, 12)}); undo would lose that work, so nothing was changed (the old tip is kept in ${rec.oldRef})`,
      );
    }
    const trees = (await git.run(['rev-parse', `${rec.oldTip}^{tree}`, `${rec.newTip}^{tree}`])).split('\n');
    if (trees[0] !== trees[1]) throw new UsageError(`the rewrite changed files; restore it with git reset --keep ${rec.oldTip.slice(0, 12)}`);
    let what: string | undefined;
    await transaction(git, `patchpilot: undo rewrite ${rec.n}`, [
      `update refs/heads/${branch} ${rec.oldTip} ${rec.newTip}`,
      `delete ${rec.newRef} ${rec.newTip}`,
    ]);
    try {
      updateState(repo.commonDir, branch, (s) => {
        const i = s.rewrites.map((r) => r.newTip === rec.newTip && r.oldTip === rec.oldTip).lastIndexOf(true);
        if (i >= 0) what = s.rewrites.splice(i, 1)[0]!.what;
      });
    } catch {
      // See rewriteBranch: the refs are authoritative.
    }
    return { branch, restored: rec.oldTip, undone: rec.newTip, what };
  });
}
