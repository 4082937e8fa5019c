/**
 * The recipients of a series as every caller must see them (cc, export,
 * send-cmd, the TUI): MAINTAINERS and trailers from src/recipients, plus the
 * people open acceptance items wait for (SPEC §5), so that no command can
 * forget the approvers.
 */
import { evaluate, profileRecipients, type Report } from '../acceptance/index.js';
import { viewOf } from '../acceptance/maintainers-view.js';
import { loadMailmap } from '../mail/mailmap.js';
import { loadMaintainers, type MaintainersDb } from '../maintainers/db.js';
import { computeRecipients, type Recipients } from './compute.js';
import type { Series } from '../series/read.js';
import type { BranchState } from '../store/state.js';

export interface SeriesRecipientsOptions {
  mode?: 'series' | 'per-patch';
  /** An acceptance report already computed for this series and state. */
  report?: Report;
  /** MAINTAINERS already loaded for this tree. */
  maintainers?: MaintainersDb;
}

export async function seriesRecipients(series: Series, state: BranchState, opts: SeriesRecipientsOptions = {}): Promise<Recipients> {
  const maintainers = opts.maintainers ?? loadMaintainers(series.repo.root);
  const report = opts.report ?? (await evaluate(series, state, { maintainers: viewOf(maintainers) }));
  const profile = profileRecipients(report).map((p) => ({ name: p.name, email: p.email, item: p.item, field: p.field }));
  return computeRecipients({
    series,
    state,
    maintainers,
    mailmap: loadMailmap(series.repo.root),
    profile,
    ...(opts.mode ? { mode: opts.mode } : {}),
  });
}
