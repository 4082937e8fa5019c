/**
 * Opening the branch: the repository, the series as git has it, the
 * per-branch state, and the version (which needs both). Every operation
 * starts here, so every face refuses a detached HEAD in the same words.
 */
import { detachedHead } from '../errors.js';
import { openRepo, type Repo } from '../git/repo.js';
import { b4Revision, readGitSeries, type GitSeries, type Series } from '../series/read.js';
import { withPrerequisites } from '../deps/apply.js';
import { emptyState, loadState, versionOf, type BranchState } from '../store/state.js';
import { highestTagged, preparedVersion, versionTagRefs } from '../series/versions.js';

/** Where to work: what --repo and --base say. */
export interface OpenOptions {
  repoDir: string;
  base?: string;
}

export interface Opened {
  repo: Repo;
  series: Series;
  /** The branch's state; an empty one (never saved) while HEAD is detached. */
  state: BranchState;
}

/** Opened on a branch: work that is kept per branch may go ahead. */
export interface OnBranch extends Opened {
  branch: string;
}

/** The version being prepared, from the state and b4's tracking data (versionOf's rule), above every version a tag says was sent. */
export function withVersion(s: GitSeries, state: BranchState | undefined, tagRefs: readonly string[] = []): Series {
  const v = versionOf(state, b4Revision(s));
  return { ...s, version: s.branch ? preparedVersion(v, highestTagged(tagRefs, s.branch, s.b4Cover), state) : v };
}

/** The series and its state in an opened repository. */
export async function openIn(repo: Repo, base?: string): Promise<Opened> {
  const [git, tags] = await Promise.all([readGitSeries(repo, base), repo.branch ? versionTagRefs(repo, repo.branch) : []]);
  const state = repo.branch ? loadState(repo.commonDir, repo.branch) : emptyState('(detached HEAD)');
  // Commits of recorded prerequisite series under the branch are not part of it (src/deps).
  return { repo, series: withVersion(await withPrerequisites(git, state.deps), repo.branch ? state : undefined, tags), state };
}

/** Open the repository and read the series with its state. */
export async function openBranch(opts: OpenOptions): Promise<Opened> {
  return openIn(await openRepo(opts.repoDir), opts.base);
}

/** The series with its version (what `patchpilot series` shows). */
export async function readSeries(opts: OpenOptions): Promise<Series> {
  return (await openBranch(opts)).series;
}

/** Refuse, in the one wording, unless HEAD is on a branch; `why` says what needs it. */
export function onBranch(o: Opened, why: string): OnBranch {
  if (!o.series.branch) throw detachedHead(why);
  return { ...o, branch: o.series.branch };
}

/** A repository on a branch, for work that needs the branch but not the series (answers). */
export interface RepoOnBranch {
  repo: Repo;
  branch: string;
}

export function repoOnBranch(repo: Repo, why: string): RepoOnBranch {
  if (!repo.branch) throw detachedHead(why);
  return { repo, branch: repo.branch };
}

/** openBranch + onBranch. */
export async function openOnBranch(opts: OpenOptions, why: string): Promise<OnBranch> {
  const repo = await openRepo(opts.repoDir);
  if (!repo.branch) throw detachedHead(why);
  return onBranch(await openIn(repo, opts.base), why);
}
