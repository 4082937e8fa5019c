/**
 * The base of a `b4 prep` branch, found the way b4 0.12 finds the start of
 * its series (ez.py get_series_start): with the cover letter in an empty
 * commit at the start of the series (b4's default, "commit"), the series is
 * everything after that commit and the base is its parent; with the cover at
 * the tip ("tip-commit"), the base is the fork-point of the branch b4
 * recorded as "base-branch" in its tracking data. An upstream or origin/HEAD
 * knows nothing about this, and a base taken from them can put unrelated
 * commits into the series.
 *
 * b4 marks the branches it prepares with branch.<name>.b4-prep-cover-strategy;
 * only such a branch is looked at, so other branches pay no git call.
 */
import { UsageError } from '../errors.js';
import type { Base, Repo } from '../git/types.js';
import { B4_MARKER, trackedSeries } from './marker.js';

const STRATEGY_KEY = /^branch\.(.+)\.b4-prep-cover-strategy$/;

/** b4's cover strategy for `branch`, as `b4 prep` recorded it in the branch's config (undefined when b4 never prepared it). */
export function coverStrategyOf(configZ: string, branch: string): string | undefined {
  let found: string | undefined;
  for (const rec of configZ.split('\0')) {
    const nl = rec.indexOf('\n');
    const key = nl < 0 ? rec : rec.slice(0, nl);
    const m = STRATEGY_KEY.exec(key);
    // Config keys are case-insensitive except for the branch name in the middle.
    if (m && m[1] === branch) found = nl < 0 ? '' : rec.slice(nl + 1).trim();
  }
  return found;
}

/** The configuration text (git config -z) that holds the branch's cover strategy: read when the repository was opened, when it was. */
async function configText(repo: Repo): Promise<string> {
  const known = repo.config ? await repo.config : null;
  if (known !== null) return known;
  return repo.git.run(['config', '-z', '--get-regexp', '^branch\\..*\\.b4-prep-cover-strategy$'], { okCodes: [1] });
}

/**
 * Whether b4 prepared `branch` (b4 prep records its cover strategy in the branch's config): then b4's cover
 * commit is the cover letter's source. A b4 cover commit met on another branch (a prerequisite b4 prepared,
 * under the series) is not.
 */
export async function b4Managed(repo: Repo, branch: string | null): Promise<boolean> {
  if (!branch) return false;
  const strategy = coverStrategyOf(await configText(repo), branch);
  return strategy === 'commit' || strategy === 'tip-commit';
}

function baseBranchOf(message: string): string | undefined {
  const bb = trackedSeries(message)?.['base-branch'];
  return typeof bb === 'string' && bb && !bb.startsWith('-') ? bb : undefined;
}

/**
 * The base b4 would use for the branch `repo` is on, or undefined when b4
 * does not manage it (or its cover commit cannot be found): then the usual
 * rules apply. Unlike b4, a cover commit older than a year still counts (b4
 * looks back one year only to bound its search; here the branch config says
 * there is one).
 */
export async function b4PrepBase(repo: Repo): Promise<Base | undefined> {
  if (!repo.branch) return undefined;
  const strategy = coverStrategyOf(await configText(repo), repo.branch);
  if (strategy !== 'commit' && strategy !== 'tip-commit') return undefined;
  const { git } = repo;
  const found = await git.tryRun(['log', '-F', `--grep=${B4_MARKER}`, '-n1', '--format=%H%x00%P%x00%B', repo.head, '--']);
  if (!found) return undefined;
  const [sha, parents, message] = found.split('\0') as [string, string, string];
  const parent = parents.split(' ')[0];
  if (!sha || !parent) return undefined;
  const baseBranch = baseBranchOf(message ?? '');
  if (strategy === 'commit') return { ref: baseBranch ?? `${sha.slice(0, 12)}^`, commit: parent };
  // tip-commit: b4 asks git merge-base --fork-point, which needs the base branch's reflog; without one, the plain merge-base.
  if (!baseBranch) return undefined;
  const fork =
    (await git.tryRun(['merge-base', '--fork-point', `refs/heads/${baseBranch}`, repo.head])) ??
    (await git.tryRun(['merge-base', '--fork-point', baseBranch, repo.head])) ??
    (await git.tryRun(['merge-base', `${baseBranch}^{commit}`, repo.head]));
  return fork?.trim() ? { ref: baseBranch, commit: fork.trim() } : undefined;
}

/**
 * b4's series starts at its cover commit, so commits under it are not b4's:
 * the base is too low (an upstream or origin/HEAD below b4's start), not the
 * cover misplaced.
 */
export function coverAboveBase(series: { base: Pick<Base, 'ref' | 'commit'>; b4Cover?: { sha: string } }): UsageError {
  const c = series.b4Cover!.sha.slice(0, 12);
  return new UsageError(
    `the base ${series.base.ref} (${series.base.commit.slice(0, 12)}) is below the start of b4's series: b4's cover commit ${c} has commits under it that b4 does not send; pass --base ${c}^ (b4's own base), or leave --base out on a branch b4 prepared`,
  );
}
