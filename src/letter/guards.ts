/**
 * What export refuses before it writes anything meant to be sent: what would
 * embarrass the submitter on a list (git's or b4's cover-letter placeholders,
 * nobody on To:, an address that is not one) must be fixed; open or failing
 * acceptance items are listed and pass only with --force. The same list, as
 * data, is what the TUI's Send screen shows.
 */
import { evaluate, type Report } from '../acceptance/index.js';
import { UsageError } from '../errors.js';
import { parseMailbox } from '../mail/address.js';
import type { Recipients } from '../recipients/compute.js';
import { seriesRecipients } from '../recipients/series.js';
import { jsonQuote, shellQuote } from '../text/shell.js';
import type { Prepared } from './export.js';
import { count } from '../text/plural.js';

export interface ExportGuard {
  kind: 'placeholder' | 'empty-to' | 'address' | 'acceptance';
  /** One line: what is wrong and what to do. */
  message: string;
  /** True when --force lets the export go ahead anyway (acceptance items); the others must be fixed. */
  forceable: boolean;
  /** What to say when --force let the export go ahead anyway (no advice to use --force). */
  forced?: string;
  /** The acceptance items still open or failing (kind 'acceptance'). */
  items?: { id: string; status: string; title: string; summary: string }[];
}

const PLACEHOLDER = /\*\*\*\s*(?:SUBJECT|BLURB)\s+HERE\s*\*\*\*|\bEDITME\b/;

// On a b4 prep branch the letter is b4's cover commit, which patchpilot cover refuses to change.
const B4_EDIT = 'edit it with b4 prep --edit-cover (b4 send reads only its cover commit)';

function placeholders(p: Prepared): ExportGuard[] {
  if (p.single) return [];
  const out: ExportGuard[] = [];
  const b4 = p.series.b4Cover !== undefined;
  const title = p.cover.title.trim();
  if (!title || PLACEHOLDER.test(title)) {
    out.push({
      kind: 'placeholder',
      message: `the cover letter has ${title ? `a placeholder subject ${jsonQuote(title)}` : 'no subject (it would go out as "*** SUBJECT HERE ***")'}: ${b4 ? B4_EDIT : 'set it with patchpilot cover --title T'}`,
      forceable: false,
    });
  }
  const notes = p.notes.trim();
  const body = p.cover.body.trim();
  if (!body || PLACEHOLDER.test(notes)) {
    out.push({
      kind: 'placeholder',
      message: body
        ? `the cover letter still holds a placeholder (${/EDITME/.test(notes) ? 'b4\'s "EDITME"' : '"*** BLURB HERE ***"'}): ${b4 ? B4_EDIT : 'rewrite it with patchpilot cover --edit'}`
        : `the cover letter has no body (it would go out as "*** BLURB HERE ***"): ${b4 ? B4_EDIT : 'write one with patchpilot cover --body T or --edit'}`,
      forceable: false,
    });
  }
  return out;
}

/** Recipients export refuses to write (cc and the TUI warn about the same ones: src/ops/recipients.ts). */
export function addresses(r: Pick<Recipients, 'to' | 'cc'>): ExportGuard[] {
  const out: ExportGuard[] = [];
  for (const x of [...r.to, ...r.cc]) {
    const parsed = parseMailbox(x.email);
    if (!parsed.ok || x.email.startsWith('-') || !x.email.includes('@')) {
      const why = parsed.ok ? 'is not an address a mail can go to' : parsed.error;
      out.push({
        kind: 'address',
        message: `${jsonQuote(x.email)} ${why}: drop it with patchpilot cc ${shellQuote(`--drop=${x.email}`)}`,
        forceable: false,
      });
    }
  }
  return out;
}

function acceptance(report: Report): ExportGuard[] {
  const items = report.items.filter((i) => i.status === 'open' || i.status === 'fail');
  if (!items.length) return [];
  const list = items.map((i) => `${i.id} (${i.status})`).join(', ');
  const what = `${count(items.length, 'acceptance item is', 'acceptance items are')} not done: ${list}`;
  // checkpatch runs only in patchpilot check (its result is kept per tree, so a rebase leaves it open again).
  const check = items.some((i) => i.id === 'kernel.checkpatch' && i.status === 'open')
    ? 'run patchpilot check (it runs checkpatch, which kernel.checkpatch waits for)'
    : 'run patchpilot check to see what each needs';
  return [
    {
      kind: 'acceptance',
      message: `${what}; ${check}, or export anyway with --force`,
      forced: `${what}; ${check}`,
      forceable: true,
      items: items.map((i) => ({ id: i.id, status: i.status, title: i.title, summary: i.summary })),
    },
  ];
}

/** Every guard for this export; `report` and `recipients` when the caller has them already. */
export async function exportGuards(p: Prepared, opts: { report?: Report; recipients?: Recipients } = {}): Promise<ExportGuard[]> {
  const report = opts.report ?? (await evaluate(p.series, p.state));
  const r = opts.recipients ?? (await seriesRecipients(p.series, p.state, { report }));
  const out = [...placeholders(p), ...addresses(r)];
  if (!r.to.length) {
    out.push({
      kind: 'empty-to',
      message: 'nobody is on To: (no maintainer of the series is left on it): add the maintainer with patchpilot cc --add-to "Name <address>"',
      forceable: false,
    });
  }
  return [...out, ...acceptance(report)];
}

/** The guards that stop this export: all of them, or with --force only those that must be fixed. */
export function blocking(guards: readonly ExportGuard[], force: boolean): ExportGuard[] {
  return guards.filter((g) => !force || !g.forceable);
}

/** A refusal that keeps the guards as data; printed one line per guard. */
export class GuardError extends UsageError {
  constructor(readonly guards: ExportGuard[]) {
    super(`export refused, nothing written:\npatchpilot: ${guards.map((g) => g.message).join('\npatchpilot: ')}`);
  }
}

/** Refuse (writing nothing) unless every guard passes, or only forceable ones fail and `force` is set. */
export function enforceGuards(guards: readonly ExportGuard[], force: boolean): void {
  const stop = blocking(guards, force);
  if (stop.length) throw new GuardError(stop);
}
