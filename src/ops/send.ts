/**
 * Export, the git send-email command, and recording a sent version. The
 * export and the command use the recipients of src/ops/recipients.ts (the
 * one list every face shows). Showing the command is a read: only when the
 * user asks for it (`send-cmd`, the TUI's "write the command") is the
 * export recorded as the one printed, which `sent` later takes.
 */
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { exportSeries, prepare, recipientPlan, staleReason } from '../letter/export.js';
import { markSent, rememberPrinted, sendCommandFor, suppressCcConflict, type SendCommand, type SentResult } from '../letter/send-command.js';
import type { ExportRecord } from '../store/state.js';
import { checkOutputTarget, writeFileAtomic } from '../store/files.js';
import { displayArg, shellQuote } from '../text/shell.js';
import type { Report } from '../acceptance/types.js';
import type { Recipients } from '../recipients/compute.js';
import type { OnBranch } from './branch.js';
import { enforceGuards, exportGuards, type ExportGuard } from '../letter/guards.js';
import { setThreadToPrevious } from '../series/versions.js';
import { forceRevision } from '../b4/sent.js';

export interface ExportResult {
  record: ExportRecord;
  /** The version whose cover letter this one replies to, when known. */
  previousVersion?: number;
  /** What the letter still lacks (no title, no changelog...). */
  warnings: string[];
  /** Guards that did not stop this export (open acceptance items let through by force). */
  guards: ExportGuard[];
}

export interface ExportOptions {
  /** Export even though acceptance items are open or failing (placeholders and an empty To: still refuse). */
  force?: boolean;
  /** Reply to the previous version's cover letter (true) or start a new thread (false); remembered for the branch. */
  threadToPrevious?: boolean;
}

/** What export would refuse now, as data (the Send screen shows it before exporting). */
export async function exportChecks(o: OnBranch, known: { report?: Report; recipients?: Recipients } = {}): Promise<ExportGuard[]> {
  return exportGuards(await prepare(o.series, o.state), known);
}

/** Write the cover letter and patches into `dir` with their headers (see exportSeries for what may be replaced there). */
export async function exportTo(o: OnBranch, dir: string, opts: ExportOptions = {}): Promise<ExportResult> {
  const state = opts.threadToPrevious === undefined ? o.state : { ...o.state, threadToPrevious: opts.threadToPrevious };
  const p = await prepare(o.series, state);
  const guards = await exportGuards(p);
  enforceGuards(guards, Boolean(opts.force));
  if (opts.threadToPrevious !== undefined) setThreadToPrevious(o.repo, o.branch, opts.threadToPrevious);
  const record = await exportSeries(p, await recipientPlan(o.series, state), dir);
  return { record, ...(record.inReplyTo && p.prev ? { previousVersion: p.prev.version } : {}), warnings: p.warnings, guards };
}

export interface SendCommandOptions {
  /** Export into this directory first; otherwise the last export is used (refused when out of date). */
  exportDir?: string;
  /** With exportDir: export even with acceptance items open or failing (export --force). */
  force?: boolean;
  /**
   * Remember this export as the one whose command was printed (what `sent`
   * records). True only when the user asked for the command.
   */
  record: boolean;
}

export interface SendCommandResult {
  command: SendCommand & { suppressCc: string[] };
  export: ExportRecord;
}

/** The git send-email command for the branch's current export. */
export async function sendCommand(o: OnBranch, opts: SendCommandOptions): Promise<SendCommandResult> {
  let rec = o.state.exported;
  if (opts.exportDir !== undefined) rec = (await exportTo(o, opts.exportDir, { force: Boolean(opts.force) })).record;
  else if (!rec) throw new UsageError('nothing exported yet: patchpilot send-cmd -o DIR exports the series and prints the command');
  else {
    const [prepared, plan] = await Promise.all([prepare(o.series, o.state), recipientPlan(o.series, o.state)]);
    const why = staleReason(rec, prepared, plan);
    if (why)
      throw new UsageError(`the export in ${displayArg(rec.dir)} is out of date (${why}); run patchpilot send-cmd -o ${displayArg(shellQuote(rec.dir))} again`);
  }
  const conflict = await suppressCcConflict(o.repo, rec);
  if (conflict) throw new UsageError(conflict);
  const command = sendCommandFor(rec, o.series.commits);
  if (opts.record) rememberPrinted(o.repo, o.branch, rec);
  return { command, export: rec };
}

/** The command as a person reads it: the dry run to try first, then the real one. */
export function commandText(c: SendCommand, dim: (s: string) => string = (s) => s): string {
  return [dim('# Check first: shows every message and its recipients, sends nothing'), c.dryRunDisplay, '', dim('# Send'), c.display].join('\n');
}

/**
 * Write the command into an executable script (relative paths are taken
 * from the top of the work tree). The file sends for real when run; the dry
 * run is in it as a comment to try first. Asking for the script is asking
 * for the command: the export is recorded as printed.
 */
export async function writeSendScript(o: OnBranch, path: string): Promise<{ path: string; command: SendCommand }> {
  // Before recording anything: a device, FIFO or symbolic link there is refused, never replaced.
  checkOutputTarget(path, o.repo.root);
  const { command } = await sendCommand(o, { record: true });
  const abs = resolve(o.repo.root, path);
  const text = [
    '#!/bin/sh',
    `# Written by patchpilot: sends v${o.series.version} of ${o.branch}. Read it, then run it.`,
    '# To see every message and its recipients without sending anything, run first:',
    `#   ${command.dryRunShell}`,
    command.shell,
    '',
  ].join('\n');
  try {
    mkdirSync(dirname(abs), { recursive: true });
    writeFileAtomic(abs, text);
    chmodSync(abs, 0o755);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot write ${displayArg(abs)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return { path: abs, command };
}

export interface SentOptions {
  /** The Message-ID as sent; right after a sent, it completes or corrects that record. */
  messageId?: string;
  /** Record the version even though nothing was exported and no Message-ID is known. */
  force?: boolean;
  /** The version that went out, when not the one being prepared (git-publish --number). */
  version?: number;
}

/** Record that this version went out: tag it, keep the Message-ID, start the next version. */
export async function recordSent(o: OnBranch, opts: SentOptions = {}): Promise<SentResult> {
  return markSent(o.series, opts.messageId, { force: Boolean(opts.force), ...(opts.version !== undefined ? { version: opts.version } : {}) });
}

/** Prepare the branch as version `version` from now on (b4's revision too on a b4 branch). */
export async function setRevision(o: OnBranch, version: number): Promise<void> {
  await forceRevision(o.series, version);
}
