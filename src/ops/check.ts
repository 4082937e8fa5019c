/**
 * The acceptance report of the opened branch: every item of every profile
 * that applies, decided from the repository and the submitter's answers.
 */
import { evaluate, evaluateWithCheckpatch } from '../acceptance/evaluate.js';
import { viewOf } from '../acceptance/maintainers-view.js';
import type { Report } from '../acceptance/types.js';
import type { CheckpatchRun } from '../acceptance/checkpatch.js';
import { count } from '../text/plural.js';
import type { MaintainersDb } from '../maintainers/db.js';
import type { Opened } from './branch.js';

export interface CheckOptions {
  /** Run scripts/checkpatch.pl (else a cached run for the same commits is used). */
  checkpatch: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface Checked {
  report: Report;
  /**
   * What became of checkpatch when it was asked for, in one line for a face to show: it ran (with its
   * counts), its results for these commits were already known, or it was not run and why (no
   * scripts/checkpatch.pl in the tree, no perl). Absent when it was not asked for.
   */
  checkpatch?: string;
}

function checkpatchMessage(run: CheckpatchRun, fresh: boolean): string {
  if (!run.ran) return `checkpatch was not run: ${run.reason}`;
  const all = run.commits.flatMap((c) => c.messages);
  const errors = all.filter((m) => m.level === 'ERROR').length;
  const counts = `${count(errors, 'error')}, ${count(all.filter((m) => m.level === 'WARNING').length, 'warning')}`;
  return fresh ? `checkpatch finished: ${counts}` : `checkpatch already ran on these commits: ${counts}`;
}

/** The report, running checkpatch when asked (its results are cached in the branch state). */
export async function check(o: Opened, opts: CheckOptions): Promise<Checked> {
  let message: string | undefined;
  const report = await evaluateWithCheckpatch(o.series, o.state, {
    ...opts,
    onRun: (run, fresh) => {
      if (opts.checkpatch) message = checkpatchMessage(run, fresh);
    },
  });
  return { report, ...(message ? { checkpatch: message } : {}) };
}

/** The report without running anything long (the cached checkpatch run only); MAINTAINERS as already loaded. */
export async function quickReport(o: Opened, maintainers?: MaintainersDb | null): Promise<Report> {
  return evaluate(o.series, o.state, maintainers ? { maintainers: viewOf(maintainers) } : {});
}
