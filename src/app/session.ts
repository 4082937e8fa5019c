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
import { runCommand } from './commands.js';
import { coverView, sendView } from './cover-view.js';
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

/** The send-email command for the current export, when there is one and send-cmd can build it. */
async function sendCommandText(opts: SessionOptions, state: BranchState, version: number): Promise<string | undefined> {
  if (state.exported?.version !== version) return undefined;
  try {
    const r = await runCommand('send-cmd', [], opts);
    return r.out.trim() || undefined;
  } catch {
    return undefined;
  }
}

export async function load(opts: SessionOptions): Promise<Loaded> {
  const repo = await openRepo(opts.repoDir);
  const series = await readSeriesIn(repo, opts.base);
  const state = loadState(repo.commonDir, series.branch ?? 'HEAD');
  const [undo, cover, command] = await Promise.all([
    canUndo(repo),
    series.branch ? coverView(series, state).catch(() => null) : Promise.resolve(null),
    sendCommandText(opts, state, series.version),
  ]);
  const data: AppData = {
    series: seriesView(series),
    profiles: [],
    items: [],
    recipients: null,
    cover,
    send: series.branch ? sendView(series, state, command) : null,
    people: trailerPeople(series),
    canUndo: undo,
  };
  return { series, state, data };
}
