/**
 * The third loading stage: recipients (the one recipients op, computed once
 * as sent and once per patch), the cover letter, what export would refuse,
 * and the send command for the current export. Only reads: showing the
 * command does not record it as printed (asking for it with `w` does).
 */
import type { AppData } from '../view-data.js';
import type { Report } from '../../src/acceptance/types.js';
import type { MaintainersDb } from '../../src/maintainers/db.js';
import { onBranch, type Opened } from '../../src/ops/branch.js';
import { showCover } from '../../src/ops/cover.js';
import { recipients } from '../../src/ops/recipients.js';
import { commandText, exportChecks, sendCommand } from '../../src/ops/send.js';
import { coverView, sendView } from './cover-view.js';
import { recipientsView } from './recipients-view.js';

type Extras = Pick<AppData, 'recipients' | 'cover' | 'send'>;

/** A part that cannot be computed now (an out-of-date export, a cover letter git cannot format) is left out, not an error. */
const orNothing = <T>(p: Promise<T>): Promise<T | undefined> => p.catch(() => undefined);

export async function extrasView(o: Opened, report: Report, db: MaintainersDb | null): Promise<Extras> {
  const { series, state } = o;
  const known = { report, maintainers: db };
  const [now, each] = await Promise.all([recipients(o, known), recipients(o, { ...known, mode: 'per-patch' })]);
  const view = recipientsView(series, now, each.perPatch);
  if (!series.branch) return { recipients: view, cover: null, send: null };
  const b = onBranch(o, 'the cover letter is kept per branch');
  const [cover, command, guards] = await Promise.all([
    orNothing(showCover(b)),
    state.exported?.version === series.version ? orNothing(sendCommand(b, { record: false })) : undefined,
    orNothing(exportChecks(b, { report, recipients: now })),
  ]);
  return {
    recipients: view,
    cover: cover ? coverView(cover) : null,
    send: sendView(series, state, command ? commandText(command.command) : undefined, guards),
  };
}
