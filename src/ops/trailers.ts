/**
 * Trailers: list them with their problems, plan an addition or an import
 * (nothing moves), apply a plan in one safe rewrite, undo the last rewrite.
 * A plan is data: a face shows it, then applies exactly what it showed.
 */
import { UsageError } from '../errors.js';
import type { Repo } from '../git/repo.js';
import type { RewriteProgress, RewriteResult, UndoResult } from '../history/rewrite.js';
import {
  applyPlan,
  listTrailers,
  openBranch as openTrailerBranch,
  openBranchIn,
  planAdd,
  planCount,
  undo,
  undoInfo,
  type BranchContext,
  type TrailerListing,
  type TrailerPlan,
  type UndoInfo,
} from '../trailers/actions.js';
import { parseTrailerArg } from '../trailers/edit.js';
import type { OpenOptions } from './branch.js';

export type { BranchContext, TrailerListing, TrailerPlan, UndoInfo };
export { planCount };

/** The branch as a rewrite sees it. rewriteSoon: start the rewrite's own checks now (plan and apply at once). */
export function openForTrailers(opts: OpenOptions & { rewriteSoon?: boolean }): Promise<BranchContext> {
  return openTrailerBranch(opts);
}

/** The same, in a repository already opened (the TUI). */
export function openForTrailersIn(repo: Repo, base?: string): Promise<BranchContext> {
  return openBranchIn(repo, base);
}

export function trailerList(b: BranchContext): TrailerListing[] {
  return listTrailers(b);
}

export type PlanRequest =
  /** "Key: Name <address>" trailers to add to the named commits, to --all, or to the only patch. */
  | { kind: 'add'; trailers: string[]; commits?: string[]; all?: boolean; custom?: boolean }
  /** The trailers the replies in a saved thread (mbox file or maildir) carry. */
  | { kind: 'import'; path: string; acceptMismatch?: boolean; anyVersion?: boolean };

export async function planTrailers(b: BranchContext, req: PlanRequest): Promise<TrailerPlan> {
  if (req.kind === 'add') {
    if (!req.trailers.length) throw new UsageError('trailers add needs a trailer: patchpilot trailers add --all "Reviewed-by: Name <address>"');
    if (req.all && req.commits?.length) throw new UsageError('trailers add: pass either --all or --commit, not both');
    const trailers = req.trailers.map((t) => parseTrailerArg(t, { custom: Boolean(req.custom) }));
    return planAdd(b, trailers, { commits: req.commits, all: Boolean(req.all) });
  }
  // The mail parser is big: loaded the first time a thread is imported, not at start-up.
  const { planImportFile } = await import('../trailers/import.js');
  return planImportFile(b, req.path, { acceptMismatch: Boolean(req.acceptMismatch), anyVersion: Boolean(req.anyVersion) });
}

/**
 * Apply a plan with one rewrite; null when it adds nothing. onReady runs
 * once nothing can refuse the rewrite any more (a face prints the plan then).
 */
export function applyTrailers(
  b: BranchContext,
  plan: TrailerPlan,
  opts: { onProgress?: (p: RewriteProgress) => void; onReady?: () => void } = {},
): Promise<RewriteResult | null> {
  return applyPlan(b, plan, opts.onProgress, opts.onReady);
}

/** Put the branch back where the last rewrite found it. */
export function undoRewrite(repo: Repo): Promise<UndoResult> {
  return undo(repo);
}

/** What undo would do now, or why it cannot. */
export function undoState(repo: Repo): Promise<UndoInfo> {
  return undoInfo(repo);
}

/** A choice's id: the commit and the trailer's place among those the plan adds to it. */
export function choiceId(sha: string, index: number): string {
  return `${sha}:${index}`;
}

/** The plan without the trailers the user turned down (by choiceId); the rest applies as shown. */
export function withoutRejected(plan: TrailerPlan, reject: readonly string[] = []): TrailerPlan {
  if (!reject.length) return plan;
  const entries = plan.entries.map((e) => ({ ...e, add: e.add.filter((_, i) => !reject.includes(choiceId(e.sha, i))) }));
  return { ...plan, entries };
}
