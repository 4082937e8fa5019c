/**
 * A branch built on its prerequisites: the commits at the bottom of
 * upstream..HEAD that belong to a recorded prerequisite series (the same
 * commit, or the same patch id, as for a series applied from its mails) are
 * not part of the series. The series then starts at their tip, and
 * base-commit: stays the upstream commit under them, as git format-patch
 * --base=<upstream> writes it.
 */
import type { Git } from '../git/git.js';
import type { Base } from '../git/repo.js';
import type { GitSeries } from '../series/read.js';
import type { Prerequisite } from '../store/state.js';
import { UsageError } from '../errors.js';
import { commitPatchIds } from './patch-ids.js';

/** The commits a prerequisite has now: a branch is read again (it may have been rebased), others are as recorded. */
export async function currentCommits(series: { repo: { git: Git } }, dep: Prerequisite, upstream: string): Promise<string[]> {
  if (dep.kind === 'branch' && dep.branch) {
    const list = await series.repo.git.tryRun(['rev-list', '--reverse', `${upstream}..refs/heads/${dep.branch}`, '--']);
    if (list !== null) return list.split('\n').filter(Boolean);
  }
  return dep.patches.flatMap((p) => (p.commit ? [p.commit] : []));
}

/** The upstream commit: the base, unless the base is itself a prerequisite branch (the branch's upstream set to it). */
async function upstreamOf(series: GitSeries, deps: readonly Prerequisite[]): Promise<string> {
  const { base, repo } = series;
  const dep = deps.find((d) => d.kind === 'branch' && d.branch && (base.ref === d.branch || base.ref === `refs/heads/${d.branch}`));
  if (!dep?.base) return base.commit;
  const mb = await repo.git.tryRun(['merge-base', dep.base, repo.head]);
  return mb?.trim() || base.commit;
}

export async function withPrerequisites<S extends GitSeries>(series: S, deps: readonly Prerequisite[] | undefined): Promise<S> {
  if (!deps?.length) return series;
  const { repo } = series;
  const upstream = await upstreamOf(series, deps);
  const below = (await repo.git.run(['rev-list', '--reverse', `${upstream}..${repo.head}`, '--'])).split('\n').filter(Boolean);
  const owners = new Map<string, number>();
  const byPatch = new Map<string, number>();
  let wanted = 0;
  for (const [i, d] of deps.entries()) {
    for (const c of await currentCommits(series, d, upstream)) owners.set(c, i);
    for (const p of d.patches) byPatch.set(p.patchId, i);
    wanted += d.patches.length;
  }
  // Patch ids only for the few commits at the bottom that a sha does not place (a prerequisite applied from its mails).
  const unplaced = below.slice(0, Math.max(wanted, owners.size)).filter((c) => !owners.has(c));
  const ids = unplaced.length && byPatch.size ? await commitPatchIds(repo.git, unplaced) : new Map<string, string>();
  const matched: string[][] = deps.map(() => []);
  let n = 0;
  for (const c of below) {
    const i = owners.get(c) ?? (ids.has(c) ? byPatch.get(ids.get(c)!) : undefined);
    if (i === undefined) break;
    matched[i]!.push(c);
    n++;
  }
  const start = n ? below[n - 1]! : upstream;
  const prefix = new Set(below.slice(0, n));
  const commits = series.commits.filter((c) => !prefix.has(c.sha));
  if (!commits.length) throw new UsageError(`every commit between ${series.base.ref} and HEAD belongs to a prerequisite series; nothing of your own to send`);
  const base: Base = {
    ref: series.base.ref,
    commit: start,
    upstream,
    prerequisites: deps.map((d, i) => ({ source: d.source, ...(d.messageId ? { messageId: d.messageId } : {}), commits: matched[i]! })),
  };
  // b4's cover commit of a prerequisite branch is the prerequisite's, not this series' cover letter.
  const b4Cover = series.b4Cover && prefix.has(series.b4Cover.sha) ? undefined : series.b4Cover;
  const out: S = { ...series, base, commits };
  if (b4Cover) out.b4Cover = b4Cover;
  else delete out.b4Cover;
  return out;
}
