/**
 * Recipients: the one entry point `cc`, `export`, `send-cmd` and the TUI
 * use (src/recipients/series.ts does the computing), and the submitter's
 * changes to the list (add, drop, restore, mode), validated before anything
 * is written.
 */
import type { Report } from '../acceptance/types.js';
import { addresses } from '../letter/guards.js';
import type { MaintainersDb } from '../maintainers/db.js';
import { loadMailmap } from '../mail/mailmap.js';
import { addRecipient, dropRecipient, undropRecipient, type Recipient } from '../recipients/compute.js';
import { seriesRecipients, type SeriesRecipients } from '../recipients/series.js';
import { updateState, type AddedRecipient, type BranchState } from '../store/state.js';
import { onBranch, type Opened } from './branch.js';

export interface RecipientsOptions {
  /** An acceptance report already computed for this series and state (the TUI has one). */
  report?: Report;
  /** MAINTAINERS already loaded (null: the tree has none). */
  maintainers?: MaintainersDb | null;
  /** Compute for this mode instead of the branch's (the TUI's per-patch view). */
  mode?: 'series' | 'per-patch';
}

export interface RecipientsResult extends SeriesRecipients {
  /** The mode the branch is sent in. */
  mode: 'series' | 'per-patch';
}

/** Who receives the series and why, with the warnings about the list. */
export async function recipients(o: Opened, opts: RecipientsOptions = {}): Promise<RecipientsResult> {
  const r = await seriesRecipients(o.series, o.state, opts);
  // Listed like any other recipient, an address export will refuse (-oX@x.org from MAINTAINERS or .mailmap) is said now.
  const refused = addresses(r).map((g) => `export will refuse: ${g.message}`);
  return { mode: o.state.recipients.mode, ...r, ...(refused.length ? { warnings: [...r.warnings, ...refused] } : {}) };
}

export interface RecipientChanges {
  /** Mailboxes to add to Cc. */
  add?: string[];
  /** Mailboxes to add to To. */
  addTo?: string[];
  /** Mailboxes or bare addresses to drop (they stay dropped when recomputed). */
  drop?: string[];
  /** Addresses whose drop is forgotten. */
  undrop?: string[];
  mode?: 'series' | 'per-patch';
}

export interface RecipientsChanged {
  state: BranchState;
  added: AddedRecipient[];
  /** Each dropped address (normalised, lower-case) with what the user typed. */
  dropped: { email: string; input: string }[];
  /** What the user asked to undrop that was not dropped (nothing changed for it). */
  notDropped: string[];
}

export function hasChanges(c: RecipientChanges): boolean {
  return Boolean(c.add?.length || c.addTo?.length || c.drop?.length || c.undrop?.length || c.mode);
}

/** Apply the changes to the branch state; every address is validated before anything is written. */
export function changeRecipients(o: Opened, c: RecipientChanges): RecipientsChanged {
  const b = onBranch(o, 'recipient choices are kept per branch');
  const apply = (s: Pick<BranchState, 'recipients'>) => {
    const added: AddedRecipient[] = [];
    const dropped: { email: string; input: string }[] = [];
    const notDropped: string[] = [];
    for (const a of c.drop ?? []) dropped.push({ email: dropRecipient(s, a), input: a });
    for (const a of c.undrop ?? []) if (!undropRecipient(s, a)) notDropped.push(a);
    for (const a of c.add ?? []) added.push(addRecipient(s, a, 'cc'));
    for (const a of c.addTo ?? []) added.push(addRecipient(s, a, 'to'));
    if (c.mode) s.recipients.mode = c.mode;
    return { added, dropped, notDropped };
  };
  apply(structuredClone(o.state));
  let done!: Omit<RecipientsChanged, 'state'>;
  const state = updateState(b.repo.commonDir, b.branch, (s) => {
    done = apply(s);
  });
  return { state, ...done };
}

/**
 * Drops that match nobody on the list now (kept in case the person appears
 * later). Addresses are compared after .mailmap, as the list is; someone an
 * acceptance item keeps on the list is on it (the list says why).
 */
export function dropsNotListed(r: SeriesRecipients, dropped: RecipientsChanged['dropped'], root?: string): string[] {
  const mailmap = root !== undefined ? loadMailmap(root) : undefined;
  const canon = (e: string) => (mailmap ? mailmap.canonicalEmail(e) : e.toLowerCase());
  const listed = new Set([...r.dropped, ...[...r.to, ...r.cc].filter((x) => x.keptBecause)].map((x) => canon(x.email)));
  return dropped.filter((d) => !listed.has(canon(d.email))).map((d) => d.input);
}

/** The people the drops matched on the list now, as the list shows them (dropped, or kept by an acceptance item). */
export function dropsListed(r: SeriesRecipients, dropped: RecipientsChanged['dropped'], root?: string): Recipient[] {
  const mailmap = root !== undefined ? loadMailmap(root) : undefined;
  const canon = (e: string) => (mailmap ? mailmap.canonicalEmail(e) : e.toLowerCase());
  const wanted = new Set(dropped.map((d) => canon(d.email)));
  return [...r.dropped, ...[...r.to, ...r.cc].filter((x) => x.keptBecause)].filter((x) => wanted.has(canon(x.email)));
}
