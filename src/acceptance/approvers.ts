/**
 * The people acceptance items wait for (docs/rules.md, Recipients: always on To or Cc, with
 * that reason): parent-driver maintainers and reviewers for an open
 * vfio.parent-approval, the listed reviewers for an open vfio.listed-reviewer,
 * and the VFIO DRIVER maintainers whenever the variant profile applies.
 * The recipients module adds these as sources of kind 'profile'.
 */
import type { Report } from './types.js';

export interface ProfileRecipient {
  name: string;
  email: string;
  address: string;
  field: 'to' | 'cc';
  /** The item that needs them. */
  item: string;
  section: string;
  role: 'maintainer' | 'reviewer';
}

/** One entry per person and item; a person wanted on To by any item is on To for all. */
export function profileRecipients(report: Report): ProfileRecipient[] {
  const out: ProfileRecipient[] = [];
  for (const i of report.items) {
    // vfio.vfio-maintainer names the maintainers even when it passes: they stay on To.
    if (i.status !== 'open' && i.status !== 'fail' && i.id !== 'vfio.vfio-maintainer') continue;
    for (const a of i.ask) {
      if (out.some((o) => o.item === i.id && o.email.toLowerCase() === a.email.toLowerCase())) continue;
      out.push({ name: a.name, email: a.email, address: a.address, field: a.field, item: i.id, section: a.section, role: a.role });
    }
  }
  const onTo = new Set(out.filter((o) => o.field === 'to').map((o) => o.email.toLowerCase()));
  return out.map((o) => (onTo.has(o.email.toLowerCase()) ? { ...o, field: 'to' as const } : o));
}
