/**
 * The Recipients screen's data from src/recipients.ts: To and Cc with the
 * reason for each, the people dropped by the submitter (kept on screen so
 * they can be restored), and each patch's own list for the per-patch view
 * (computed without changing the mode the branch is sent in).
 */
import type { PatchRecipients, RecipientsView, RecipientView } from '../view-data.js';
import type { Report } from '../../src/acceptance/types.js';
import { profileRecipients } from '../../src/acceptance/approvers.js';
import type { Mailmap } from '../../src/mail/mailmap.js';
import type { MaintainersDb } from '../../src/maintainers/db.js';
import { computeRecipients, type Recipient, type RecipientSource } from '../../src/recipients/compute.js';
import type { Series } from '../../src/series/read.js';
import type { BranchState } from '../../src/store/state.js';

export function reason(s: RecipientSource): string {
  const where = s.section ? `: ${s.section}` : '';
  switch (s.kind) {
    case 'maintainer':
    case 'reviewer':
    case 'list':
      return `${s.role ?? s.kind}${where}`;
    case 'trailer': {
      const n = s.commits?.length ?? 0;
      return `${s.trailer ?? 'trailer'}${n ? ` in ${n} commit${n === 1 ? '' : 's'}` : ''}`;
    }
    case 'profile':
      return `needed by ${s.role ?? 'an acceptance item'}`;
    case 'manual':
      return 'added by you';
    case 'cover':
      return s.role ?? 'b4 cover';
  }
}

function row(r: Recipient, field: 'to' | 'cc', dropped: boolean): RecipientView {
  const reasons = r.sources.map(reason);
  if (r.keptBecause) reasons.unshift(`kept although you dropped it: ${r.keptBecause}`);
  return { name: r.name, email: r.email, address: r.address, field, reasons, dropped, manual: r.sources.some((s) => s.kind === 'manual') };
}

export function recipientsView(series: Series, state: BranchState, db: MaintainersDb, mailmap: Mailmap, report: Report): RecipientsView {
  const profile = profileRecipients(report).map((p) => ({ name: p.name, email: p.email, item: p.item, field: p.field }));
  const input = { series, state, maintainers: db, mailmap, profile };
  const now = computeRecipients(input);
  const list = [...now.to.map((r) => row(r, 'to', false)), ...now.cc.map((r) => row(r, 'cc', false)), ...now.dropped.map((r) => row(r, 'cc', true))];
  const each = computeRecipients({ ...input, mode: 'per-patch' }).perPatch ?? [];
  const perPatch: PatchRecipients[] = each.map((p) => ({
    subject: series.commits.find((c) => c.sha === p.sha)?.subject ?? p.sha.slice(0, 12),
    to: p.to.map((r) => r.address),
    cc: p.cc.map((r) => r.address),
  }));
  return { mode: state.recipients.mode, list, perPatch };
}
