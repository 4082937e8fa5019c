/**
 * The TUI's data, loaded in stages so the first frame needs only `git log`:
 * 1. the series (loadSeries): the Series screen, keys work;
 * 2. the checklist (loadReport): acceptance report, undo, completions;
 * 3. the rest (loadExtras): recipients, cover letter, send command.
 * Everything comes from src/ops and is turned into the plain view data of
 * view-data.ts. Loading never writes: looking at the branch changes nothing.
 */
import type { AppData } from '../view-data.js';
import type { Report } from '../../src/acceptance/types.js';
import type { MaintainersDb } from '../../src/maintainers/db.js';
import { openBranch, type OpenOptions, type Opened } from '../../src/ops/branch.js';
import type { Series } from '../../src/series/read.js';
import type { BranchState } from '../../src/store/state.js';
import { maintainerPeople, seriesView, trailerPeople } from './series-view.js';

export type SessionOptions = OpenOptions;

export interface Loaded {
  opened: Opened;
  series: Series;
  state: BranchState;
  /** Undefined until the checklist stage. */
  report?: Report;
  /** MAINTAINERS (null: the tree has none); undefined until the checklist stage. */
  db?: MaintainersDb | null;
  data: AppData;
}

/** Stage 1: the series alone (one git log); the checklist is "deciding…". */
export async function loadSeries(opts: SessionOptions): Promise<Loaded> {
  const opened = await openBranch(opts);
  const { series, state } = opened;
  const data: AppData = {
    series: seriesView(series),
    recipients: undefined,
    cover: undefined,
    send: undefined,
    people: trailerPeople(series),
    sections: [],
    canUndo: false,
  };
  return { opened, series, state, data };
}

/** Stage 2: the acceptance report, what undo would do, and the completions MAINTAINERS offers. */
export async function loadReport(l: Loaded): Promise<Loaded> {
  // Imported here, not at the top: the first frame needs none of it, and compiling it there delayed `git log`.
  const [{ quickReport }, { treeMaintainers }, { undoState }, { dependencyRows }, { checklistView, commitProblems }] = await Promise.all([
    import('../../src/ops/check.js'),
    import('../../src/recipients/series.js'),
    import('../../src/ops/trailers.js'),
    import('../../src/ops/deps.js'),
    import('./checklist.js'),
  ]);
  const { series, opened } = l;
  const db = treeMaintainers(series.repo.root);
  const [report, undo, deps] = await Promise.all([quickReport(opened, db), undoState(series.repo), dependencyRows(opened)]);
  const data: AppData = {
    ...l.data,
    series: { ...seriesView(series, commitProblems(report)), ...(deps.length ? { deps } : {}) },
    ...checklistView(report, series.repo.root),
    people: [...new Set([...trailerPeople(series), ...(db ? maintainerPeople(db, series) : [])])],
    sections: db ? db.sections.map((x) => x.name).filter((n) => n && n !== 'THE REST') : [],
    canUndo: undo.possible,
    undoNote: undo.possible ? `${undo.what ?? 'the last rewrite'}, back to ${undo.oldTip?.slice(0, 12)}` : undo.reason,
  };
  return { ...l, report, db, data };
}

/** Stage 3: the recipients, the cover letter and the send command (loaded after the first frame: format-patch and the export modules). */
export async function loadExtras(l: Loaded): Promise<Loaded> {
  const withReport = l.report ? l : await loadReport(l);
  const { extrasView } = await import('./extras.js');
  return { ...withReport, data: { ...withReport.data, ...(await extrasView(withReport.opened, withReport.report!, withReport.db ?? null)) } };
}

/** Everything, in one go (a reload after an action, and the tests). */
export async function load(opts: SessionOptions): Promise<Loaded> {
  return loadExtras(await loadReport(await loadSeries(opts)));
}
