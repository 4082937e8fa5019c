/**
 * The TUI's data: read the branch and everything derived from it, and turn
 * it into the plain view data of components/model.ts. Every action reloads
 * through here, so what the screen shows is what is on disk.
 */
import type { AppData } from '../../components/model.js';
import { openRepo } from '../repo.js';
import { readSeriesIn, type Series } from '../series.js';
import { loadState, type BranchState } from '../state.js';
import { canUndo } from '../trailer-actions.js';
import { seriesView, trailerPeople } from './series-view.js';

export interface SessionOptions {
  repoDir: string;
  base?: string;
}

export interface Loaded {
  series: Series;
  state: BranchState;
  data: AppData;
}

export async function load(opts: SessionOptions): Promise<Loaded> {
  const repo = await openRepo(opts.repoDir);
  const series = await readSeriesIn(repo, opts.base);
  const state = loadState(repo.commonDir, series.branch ?? 'HEAD');
  const undo = await canUndo(repo);
  const data: AppData = {
    series: seriesView(series),
    profiles: [],
    items: [],
    recipients: null,
    cover: null,
    send: null,
    people: trailerPeople(series),
    canUndo: undo,
  };
  return { series, state, data };
}
