/**
 * The recipients of a series as every caller must see them (cc, export,
 * send-cmd, the TUI): MAINTAINERS and trailers from compute.ts, plus the
 * people open acceptance items wait for, so that no face can forget the
 * approvers.
 *
 * A tree without MAINTAINERS (not a kernel tree, or a partial checkout)
 * still has people to write to: those named in the trailers, those the
 * submitter added, those acceptance items wait for. The list is computed
 * from them, with a warning that no maintainer could be found.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, profileRecipients, type Report } from '../acceptance/index.js';
import { viewOf } from '../acceptance/maintainers-view.js';
import { loadMailmap } from '../mail/mailmap.js';
import { loadMaintainers, maintainersFromText, type MaintainersDb } from '../maintainers/db.js';
import { computeRecipients, type Recipients } from './compute.js';
import { b4CoverRecipients } from '../b4/cover.js';
import type { Series } from '../series/read.js';
import type { BranchState } from '../store/state.js';

export const NO_MAINTAINERS_WARNING =
  'no MAINTAINERS file in this tree: no maintainer, reviewer or list could be found; the recipients are the people named in the trailers and those you added';

export interface SeriesRecipientsOptions {
  mode?: 'series' | 'per-patch';
  /** An acceptance report already computed for this series and state. */
  report?: Report;
  /** MAINTAINERS already loaded for this tree (null: the tree has none). */
  maintainers?: MaintainersDb | null;
}

export interface SeriesRecipients extends Recipients {
  /** What the submitter should know about the list: no MAINTAINERS, lines of it that did not parse. */
  warnings: string[];
  /** False when the tree has no MAINTAINERS file. */
  maintainersFound: boolean;
}

const parsed = new Map<string, { stamp: string; db: MaintainersDb }>();

/**
 * The tree's MAINTAINERS, parsed once per change of the file (a TUI reloads
 * often); null when the tree has none. A file that cannot be read is the
 * user's to fix (UsageError from loadMaintainers).
 */
export function treeMaintainers(root: string): MaintainersDb | null {
  let stamp: string;
  try {
    const st = statSync(join(root, 'MAINTAINERS'));
    stamp = `${st.mtimeMs}:${st.size}:${st.ino}`;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw e;
  }
  const hit = parsed.get(root);
  if (hit?.stamp === stamp) return hit.db;
  const db = loadMaintainers(root);
  parsed.set(root, { stamp, db });
  return db;
}

export async function seriesRecipients(series: Series, state: BranchState, opts: SeriesRecipientsOptions = {}): Promise<SeriesRecipients> {
  const found = opts.maintainers !== undefined ? opts.maintainers : treeMaintainers(series.repo.root);
  const maintainers = found ?? maintainersFromText(series.repo.root, '');
  const report = opts.report ?? (await evaluate(series, state, found ? { maintainers: viewOf(found) } : {}));
  const profile = profileRecipients(report).map((p) => ({ name: p.name, email: p.email, item: p.item, field: p.field }));
  const r = computeRecipients({
    series,
    state,
    maintainers,
    mailmap: loadMailmap(series.repo.root),
    profile,
    cover: b4CoverRecipients(series),
    ...(opts.mode ? { mode: opts.mode } : {}),
  });
  const warnings = found ? found.warnings.map((w) => `${w.file}:${w.line}: ${w.message}`) : [NO_MAINTAINERS_WARNING];
  return { ...r, warnings, maintainersFound: Boolean(found) };
}
