/**
 * The acceptance report of the opened branch: every item of every profile
 * that applies, decided from the repository and the submitter's answers.
 */
import { evaluate, evaluateWithCheckpatch } from '../acceptance/evaluate.js';
import { viewOf } from '../acceptance/maintainers-view.js';
import type { Report } from '../acceptance/types.js';
import type { MaintainersDb } from '../maintainers/db.js';
import type { Opened } from './branch.js';

export interface CheckOptions {
  /** Run scripts/checkpatch.pl (else a cached run for the same commits is used). */
  checkpatch: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface Checked {
  report: Report;
}

/** The report, running checkpatch when asked (its results are cached in the branch state). */
export async function check(o: Opened, opts: CheckOptions): Promise<Checked> {
  const report = await evaluateWithCheckpatch(o.series, o.state, opts);
  return { report };
}

/** The report without running anything long (the cached checkpatch run only); MAINTAINERS as already loaded. */
export async function quickReport(o: Opened, maintainers?: MaintainersDb | null): Promise<Report> {
  return evaluate(o.series, o.state, maintainers ? { maintainers: viewOf(maintainers) } : {});
}
