/**
 * The Recipients screen's data: the recipients op's result (the same list
 * cc, export and send-cmd use) mapped to rows with the reason for each, the
 * people dropped by the submitter (kept on screen so they can be restored),
 * and each patch's own list for the per-patch view.
 */
import type { PatchRecipients, RecipientsView, RecipientView } from '../view-data.js';
import type { Recipient, RecipientSource, Recipients } from '../../src/recipients/compute.js';
import type { RecipientsResult } from '../../src/ops/recipients.js';
import type { Series } from '../../src/series/read.js';
import { count } from '../../src/text/plural.js';

export function reason(s: RecipientSource): string {
  const where = s.section ? `: ${s.section}` : '';
  switch (s.kind) {
    case 'maintainer':
    case 'reviewer':
    case 'list':
      return `${s.role ?? s.kind}${where}`;
    case 'trailer': {
      const n = s.commits?.length ?? 0;
      return `${s.trailer ?? 'trailer'}${n ? ` in ${count(n, 'commit')}` : ''}`;
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

/**
 * `now` is the list as it will be sent; `each` the same computed per patch
 * (whatever the branch's mode), which the per-patch view shows.
 */
export function recipientsView(series: Pick<Series, 'commits'>, now: RecipientsResult, each: Recipients['perPatch'] = []): RecipientsView {
  const list = [...now.to.map((r) => row(r, 'to', false)), ...now.cc.map((r) => row(r, 'cc', false)), ...now.dropped.map((r) => row(r, 'cc', true))];
  const perPatch: PatchRecipients[] = each.map((p) => ({
    subject: series.commits.find((c) => c.sha === p.sha)?.subject ?? p.sha.slice(0, 12),
    to: p.to.map((r) => r.address),
    cc: p.cc.map((r) => r.address),
  }));
  return { mode: now.mode, list, perPatch, ...(now.warnings.length ? { warnings: now.warnings } : {}) };
}
