/**
 * What an opened repository is: its git, where it is, which branch and base.
 * Apart from src/git/repo.ts (which opens one) so that modules repo.ts calls
 * can name these types without an import cycle.
 */
import type { Git } from './git.js';

export interface Person {
  name: string;
  email: string;
}

export interface Repo {
  git: Git;
  root: string;
  gitDir: string;
  /** Shared git directory of all worktrees: where per-branch state lives. */
  commonDir: string;
  /** Short branch name, or null when HEAD is detached. */
  branch: string | null;
  head: string;
  /** HEAD's tree: what caches of answers about the committed tree are keyed by (src/git/object-cache.ts). */
  headTree?: string;
  /**
   * The merge-base of HEAD and its branch's upstream, asked for when the
   * repository was opened (null without an upstream): resolveBase takes it as
   * the base when the branch has an upstream, so work that depends on the base
   * can start early.
   */
  upstreamBase?: Promise<string | null>;
  /** The branch and HEAD that openRepo saw: upstreamBase is theirs (a copy of the Repo for another branch must not use it). */
  opened?: { branch: string | null; head: string };
  /** Every branch and tag with its upstream (`refname NUL upstream` lines), listed when the repository was opened. */
  refs?: Promise<string | null>;
  /** `git config -z` of the identity and diff.* settings, read when the repository was opened (null when git failed). */
  config?: Promise<string | null>;
}

export interface Base {
  /** What the user or the upstream configuration named (e.g. "origin/master"). */
  ref: string;
  /** The merge-base of that ref and HEAD: the commit the series applies to. */
  commit: string;
  /**
   * Set when the branch is built on recorded prerequisite series (src/deps):
   * then `commit` is the tip of the prerequisites and this is the upstream
   * commit under them, which base-commit: names.
   */
  upstream?: string;
  /** The recorded prerequisites in order, with the commits of each found under the series (none when it is not built on it). */
  prerequisites?: { source: string; messageId?: string; commits: string[] }[];
}
