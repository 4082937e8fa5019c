/**
 * Where each recorded prerequisite stands for the branch: built on (its
 * patches are the bottom of the branch), already in the upstream base (the
 * prerequisite lines can go), or missing (the branch is not built on what it
 * declares). Only `check`, `deps list` and the TUI ask; reading the series
 * does not.
 */
import type { Git } from '../git/git.js';
import type { Base } from '../git/repo.js';
import type { Prerequisite } from '../store/state.js';
import { currentCommits } from './apply.js';

export type DepState = 'built-on' | 'in-base' | 'not-built-on';

export interface DepStatus {
  /** 1-based, as deps list numbers them. */
  index: number;
  source: string;
  kind: Prerequisite['kind'];
  messageId?: string;
  patches: number;
  /** How many of its patches are under the series. */
  found: number;
  state: DepState;
  note: string;
  /** What to run when something is to be done. */
  fix?: string;
}

/** Patch ids of the commits in from..to (bounded: a base far behind is not walked whole). */
async function patchIdsBetween(git: Git, from: string, to: string): Promise<Set<string>> {
  const log = await git.exec([
    'log',
    '-p',
    '--no-merges',
    '-n',
    '5000',
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    '--format=commit %H',
    `${from}..${to}`,
    '--',
  ]);
  const ids = await git.run(['patch-id', '--stable'], { input: log.stdout });
  return new Set(
    ids
      .split('\n')
      .map((l) => l.split(' ')[0]!)
      .filter(Boolean),
  );
}

async function inUpstream(git: Git, dep: Prerequisite, commits: string[], upstream: string): Promise<boolean> {
  if (commits.length) {
    const left = await git.tryRun(['rev-list', '--count', ...commits, `^${upstream}`, '--']);
    if (left?.trim() === '0') return true;
  }
  // Applied by a maintainer from the mails: other commits, the same patch ids, between its base and ours.
  if (!dep.base || !dep.patches.length) return false;
  if ((await git.tryRun(['merge-base', '--is-ancestor', dep.base, upstream])) === null) return false;
  const ids = await patchIdsBetween(git, dep.base, upstream);
  return dep.patches.every((p) => ids.has(p.patchId));
}

export async function prerequisiteStatus(series: { repo: { git: Git }; base: Base }, deps: readonly Prerequisite[]): Promise<DepStatus[]> {
  const { base } = series;
  const upstream = base.upstream ?? base.commit;
  const out: DepStatus[] = [];
  for (const [i, d] of deps.entries()) {
    const commits = await currentCommits(series, d, upstream);
    const total = d.kind === 'branch' && commits.length ? commits.length : d.patches.length;
    const found = base.prerequisites?.[i]?.commits.length ?? 0;
    const row = { index: i + 1, source: d.source, kind: d.kind, ...(d.messageId ? { messageId: d.messageId } : {}), patches: total, found };
    if (total && found >= total) {
      out.push({ ...row, state: 'built-on', note: `the branch is built on its ${total} patch${total === 1 ? '' : 'es'}` });
    } else if (await inUpstream(series.repo.git, d, d.kind === 'mbox' ? [] : d.patches.flatMap((p) => (p.commit ? [p.commit] : [])), upstream)) {
      out.push({
        ...row,
        state: 'in-base',
        note: `already in the base ${upstream.slice(0, 12)}: its prerequisite lines can go`,
        fix: `patchpilot deps remove ${i + 1}`,
      });
    } else {
      const tip = commits[commits.length - 1];
      out.push({
        ...row,
        state: 'not-built-on',
        note: found ? `only ${found} of its ${total} patches are under the series` : 'the branch is not built on it',
        fix:
          d.kind === 'mbox'
            ? `apply it under your commits (git am ${d.source} on ${upstream.slice(0, 12)}, then rebase your commits onto it)`
            : `git rebase --onto ${d.kind === 'branch' && d.branch ? d.branch : (tip?.slice(0, 12) ?? d.source)} ${base.commit.slice(0, 12)}`,
      });
    }
  }
  return out;
}
