/**
 * The TUI's data: read the branch and everything derived from it, and turn
 * it into the plain view data of components/model.ts. Every action reloads
 * through here, so what the screen shows is what is on disk.
 */
import type { AppData } from '../view-data.js';
import { openRepo } from '../../src/git/repo.js';
import { openIn } from '../../src/ops/branch.js';
import type { Series } from '../../src/series/read.js';
import type { BranchState } from '../../src/store/state.js';
import { undoInfo } from '../../src/trailers/actions.js';
import { evaluate } from '../../src/acceptance/evaluate.js';
import type { Report } from '../../src/acceptance/types.js';
import { checklistView, commitProblems } from './checklist.js';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { viewOf } from '../../src/acceptance/maintainers-view.js';
import { loadMailmap } from '../../src/mail/mailmap.js';
import { loadMaintainers, maintainersFromText, matchFile, type MaintainersDb } from '../../src/maintainers/index.js';
import { recipientsView } from './recipients-view.js';
import { seriesView, trailerPeople } from './series-view.js';

export interface SessionOptions {
  repoDir: string;
  base?: string;
}

export interface Loaded {
  series: Series;
  state: BranchState;
  report: Report;
  db: MaintainersDb | null;
  data: AppData;
}

const parsed = new Map<string, { stamp: string; db: MaintainersDb }>();

/** MAINTAINERS parsed once per change of the file, not on every reload; null when the tree has none. */
function maintainersOf(root: string): MaintainersDb | null {
  let stamp: string;
  try {
    const st = statSync(join(root, 'MAINTAINERS'));
    stamp = `${st.mtimeMs}:${st.size}`;
  } catch {
    return null;
  }
  const hit = parsed.get(root);
  if (hit?.stamp === stamp) return hit.db;
  const db = loadMaintainers(root);
  parsed.set(root, { stamp, db });
  return db;
}

/** The M: and R: people of the sections the series touches, for completing trailers. */
function maintainerPeople(db: MaintainersDb, series: Series): string[] {
  const out: string[] = [];
  const paths = [...new Set(series.commits.flatMap((c) => c.files.map((f) => f.path)))];
  for (const p of paths) {
    for (const m of matchFile(db, p).matches) {
      for (const f of [...m.section.M, ...m.section.R]) out.push(f.replace(/\s*\(.*\)\s*$/, ''));
    }
  }
  return out;
}

/** The send-email command for the current export, when there is one and send-cmd can build it. */
async function sendCommandText(opts: SessionOptions, state: BranchState, version: number): Promise<string | undefined> {
  if (state.exported?.version !== version) return undefined;
  try {
    const { runCommand } = await import('./commands.js');
    const r = await runCommand('send-cmd', [], opts);
    return r.out.trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Everything the screens show. `quick` leaves out what needs more than the
 * series and the checklist (the cover letter is a format-patch run, the
 * recipients a cc run): the first frame comes without them and a 'refresh'
 * effect brings them a moment later.
 */
export async function load(opts: SessionOptions, quick = false): Promise<Loaded> {
  const repo = await openRepo(opts.repoDir);
  const { series, state } = await openIn(repo, opts.base);
  const db = maintainersOf(repo.root);
  const [report, undo] = await Promise.all([evaluate(series, state, db ? { maintainers: viewOf(db) } : {}), undoInfo(repo)]);
  const data: AppData = {
    series: seriesView(series, commitProblems(report)),
    ...checklistView(report, repo.root),
    recipients: undefined,
    cover: undefined,
    send: undefined,
    people: [...new Set([...trailerPeople(series), ...(db ? maintainerPeople(db, series) : [])])],
    sections: db ? db.sections.map((x) => x.name).filter((n) => n && n !== 'THE REST') : [],
    canUndo: undo.possible,
    undoNote: undo.possible ? `${undo.what ?? 'the last rewrite'}, back to ${undo.oldTip?.slice(0, 12)}` : undo.reason,
  };
  const loaded = { series, state, report, db, data };
  return quick ? loaded : withExtras(opts, loaded);
}

/** The recipients, the cover letter and the send command, added to what is loaded. */
export async function withExtras(opts: SessionOptions, l: Loaded): Promise<Loaded> {
  const { series, state, db } = l;
  // Loaded here, after the first frame: the cover letter needs format-patch and the export modules.
  const { coverView, sendView } = await import('./cover-view.js');
  const [cover, command] = await Promise.all([series.branch ? coverView(series, state).catch(() => null) : null, sendCommandText(opts, state, series.version)]);
  // Without MAINTAINERS (not a kernel tree) the people named in trailers still receive the series.
  const recipients = recipientsView(series, state, db ?? maintainersFromText(series.repo.root, ''), loadMailmap(series.repo.root), l.report);
  return { ...l, data: { ...l.data, cover, recipients, send: series.branch ? sendView(series, state, command) : null } };
}
