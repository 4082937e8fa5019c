/**
 * The `git send-email` command for an export, and recording that it was sent. The files already carry
 * From, To, Cc, Message-Id and threading headers (git send-email keeps them:
 * with --thread, the In-Reply-To/References of a file win over its own), so
 * the command repeats the recipients for the reader and tells git not to add
 * anyone the submitter did not choose, whatever the user's sendemail.*
 * configuration says (checked against git 2.39's git-send-email, see
 * recipientOptions). patchpilot never runs it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseMailbox } from '../mail/address.js';
import { UsageError, detachedHead } from '../errors.js';
import { renderCover, type ExportRecord } from './export.js';
import type { Commit, Series } from '../series/read.js';
import type { Repo } from '../git/repo.js';
import { displayArg, shellJoin, shellJoinLines, shellQuote } from '../text/shell.js';
import { loadState, updateState, type BranchState } from '../store/state.js';
import { normalizeMessageId } from '../series/versions.js';
import { correctSentMessageId, tagSentVersion } from '../b4/sent.js';

/** The lines git send-email reads as Cc sources in a message body, with the --suppress-cc class of each. */
const BODY_LINE = /^([a-z][a-z-]*-by|Cc): (.*)$/gim;

function classOf(key: string): 'sob' | 'misc-by' | 'bodycc' {
  if (/^signed-off-by$/i.test(key)) return 'sob';
  return /-by$/i.test(key) ? 'misc-by' : 'bodycc';
}

function addressIn(text: string): string | undefined {
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(text)?.[1];
  if (angle) return angle.toLowerCase();
  const parsed = parseMailbox(text.replace(/\s+#.*$/, ''));
  if (parsed.ok) return parsed.email.toLowerCase();
  return /([^\s<>"]+@[^\s<>"]+)/.exec(text)?.[1]?.toLowerCase();
}

/**
 * git send-email keeps `Name <addr>` from such a line and later splits it at
 * commas, so an unquoted "Doe, Jane <jane@x>" would become a recipient "Doe".
 */
function gitMisreads(value: string): boolean {
  const m = /^(("[^"]*"|[^"<]*)? *<[^>]*>)/.exec(value.trim());
  const name = m?.[2] ?? '';
  return !name.startsWith('"') && /[,;]/.test(name);
}

function emailOf(mailbox: string): string {
  return (/<([^<>]+)>\s*$/.exec(mailbox)?.[1] ?? mailbox).trim().toLowerCase();
}

/**
 * --suppress-cc classes: always `self` (the submitter is never a recipient),
 * and each body class (Signed-off-by, other -by trailers, Cc: lines) in which
 * some address is not among the recipients of that message, because the
 * submitter dropped it or .mailmap replaced it, or which git would misread. The other classes stay on:
 * what git adds from them is already on the lists.
 */
export function suppressCcClasses(record: ExportRecord, commits: readonly Commit[], coverText = ''): string[] {
  const classes = new Set<string>(['self']);
  const union = new Set([...record.to, ...record.cc].map(emailOf));
  const from = record.from ? emailOf(record.from) : undefined;
  const check = (text: string, allowed: Set<string>) => {
    for (const m of text.matchAll(BODY_LINE)) {
      const addr = addressIn(m[2]!);
      if (!addr || addr === from) continue;
      if (!allowed.has(addr) || gitMisreads(m[2]!)) classes.add(classOf(m[1]!));
    }
  };
  check(coverText, union);
  for (const c of commits) {
    const own = record.perPatch?.find((p) => p.sha === c.sha);
    check(c.message, own ? new Set([...own.to, ...own.cc].map(emailOf)) : union);
  }
  return [...classes];
}

export interface SendCommand {
  argv: string[];
  dryRunArgv: string[];
  /** One line each, quoted for a POSIX shell. */
  shell: string;
  dryRunShell: string;
  /** The same, folded over lines with backslash-newline. */
  display: string;
  dryRunDisplay: string;
}

/**
 * The options that make git send-email send to our recipients and nobody
 * else, whatever sendemail.* (or sendemail.<identity>.*) says. In git 2.39:
 * - sendemail.to/cc/bcc are used only when no --to/--cc/--bcc is given;
 *   --no-to/--no-cc/--no-bcc drop them (per patch there is no --to or --cc, and
 *   bcc is never given). They come before our own --to/--cc.
 * - sendemail.toCmd runs for every file and cannot be suppressed: --to-cmd=true
 *   replaces it with a command that prints nothing (which also stops git from
 *   asking "To whom" when there is no --to). sendemail.ccCmd: --suppress-cc=cccmd.
 * - sendemail.toCover/ccCover copy the cover letter's To/Cc onto every patch,
 *   which per patch would send each patch to everyone: --no-to-cover --no-cc-cover.
 * - sendemail.suppressFrom=false and sendemail.signedOffByCc=true overrule
 *   --suppress-cc=self/sob: --suppress-from and --no-signed-off-by-cc overrule them back.
 * - sendemail.suppressCc adds to our classes: it can only take git's own
 *   additions away, except that `cc` (or `all`) would make git ignore the Cc:
 *   header of each patch, which per patch carries its recipients
 *   (suppressCcConflict refuses that case).
 */
function recipientOptions(record: ExportRecord, suppress: readonly string[]): string[] {
  const opts = ['--no-to', '--no-cc', '--no-bcc', '--to-cmd=true', '--no-to-cover', '--no-cc-cover'];
  // One option per class: git send-email takes no comma lists here.
  const classes = [...new Set([...suppress, 'self', 'cccmd'])];
  for (const c of classes) opts.push(`--suppress-cc=${c}`);
  opts.push('--suppress-from');
  if (classes.includes('sob')) opts.push('--no-signed-off-by-cc');
  // Per patch, each file's To:/Cc: headers name its own recipients.
  if (!record.perPatch) {
    for (const a of record.to) opts.push(`--to=${a}`);
    for (const a of record.cc) opts.push(`--cc=${a}`);
  }
  return opts;
}

/** sendemail.suppressCc as git send-email reads it: the identity's values when it has any, else the general ones. */
async function configuredSuppressCc(repo: Repo): Promise<string[]> {
  const get = async (key: string) =>
    ((await repo.git.tryRun(['config', '--get-all', key])) ?? '')
      .split('\n')
      .map((x) => x.trim().toLowerCase())
      .filter(Boolean);
  const identity = (await repo.git.tryRun(['config', '--get', 'sendemail.identity']))?.trim();
  const own = identity ? await get(`sendemail.${identity}.suppresscc`) : [];
  return own.length ? own : get('sendemail.suppresscc');
}

/**
 * Why the user's git configuration would change who gets a per-patch export,
 * or null. Per patch, each patch's Cc: header names its Cc recipients, and
 * sendemail.suppressCc=cc or =all makes git send-email skip that header.
 */
export async function suppressCcConflict(repo: Repo, record: ExportRecord): Promise<string | null> {
  if (!record.perPatch || !record.perPatch.some((p) => p.cc.length)) return null;
  const bad = (await configuredSuppressCc(repo)).find((c) => c === 'cc' || c === 'all');
  if (!bad) return null;
  return `your git config has sendemail.suppressCc=${bad}, which makes git send-email ignore the Cc: header each patch carries in per-patch mode; remove it for this repository (git config --unset-all sendemail.suppressCc) or send series-wide (patchpilot cc --series-wide)`;
}

/**
 * The record comes back from the state file, which anyone can edit: every
 * address must still be one address that cannot be read as an option (git
 * send-email passes recipients to sendmail with no '--' before them), and
 * every file an absolute path, before it goes into a command.
 */
function checkRecord(record: ExportRecord): void {
  const addresses = [...record.to, ...record.cc, ...(record.perPatch ?? []).flatMap((p) => [...p.to, ...p.cc]), ...(record.from ? [record.from] : [])];
  for (const a of addresses) {
    const r = parseMailbox(a);
    if (!r.ok) throw new UsageError(`the recorded export names ${displayArg(a)}, which ${r.error}; run patchpilot export -o DIR again`);
  }
  const odd = record.files.find((f) => !f.startsWith('/'));
  if (odd !== undefined)
    throw new UsageError(`the recorded export names the file ${displayArg(odd)}, which is not an absolute path; run patchpilot export -o DIR again`);
}

export function sendCommand(record: ExportRecord, suppress: readonly string[]): SendCommand {
  checkRecord(record);
  const missing = record.files.filter((f) => !existsSync(f));
  if (missing.length) throw new UsageError(`the exported file ${displayArg(missing[0]!)} is gone; run patchpilot export -o DIR again`);
  const opts: string[] = [];
  if (record.from) opts.push(`--from=${record.from}`);
  // The files are threaded already; --thread makes git keep their headers and --no-chain-reply-to is the kernel's shape.
  opts.push('--thread', '--no-chain-reply-to');
  if (record.inReplyTo) opts.push(`--in-reply-to=${record.inReplyTo}`);
  opts.push(...recipientOptions(record, suppress));
  const argv = ['git', 'send-email', ...opts, ...record.files];
  const dryRunArgv = ['git', 'send-email', '--dry-run', ...opts, ...record.files];
  // One line per recipient and per file; the fixed options in groups.
  const group = (a: string) =>
    /^--(thread|no-chain-reply-to)$/.test(a)
      ? 'thread'
      : /^--(no-(to|cc|bcc)|to-cmd=true|no-(to|cc)-cover)$/.test(a)
        ? 'config'
        : /^--(suppress-cc=|suppress-from$|no-signed-off-by-cc$)/.test(a)
          ? 'suppress'
          : undefined;
  const breakAt = (a: string, i: number, all: readonly string[]) =>
    i > 1 && (a.startsWith('--') || a.startsWith('/')) && (group(a) === undefined || group(a) !== group(all[i - 1]!));
  return {
    argv,
    dryRunArgv,
    shell: shellJoin(argv),
    dryRunShell: shellJoin(dryRunArgv),
    display: shellJoinLines(argv, (a, i) => breakAt(a, i, argv)),
    dryRunDisplay: shellJoinLines(dryRunArgv, (a, i) => breakAt(a, i, dryRunArgv)),
  };
}

/** The command for an export of `commits`, with the --suppress-cc classes worked out from the files. */
export function sendCommandFor(record: ExportRecord, commits: readonly Commit[]): SendCommand & { suppressCc: string[] } {
  const coverBody = record.coverMessageId && existsSync(record.files[0]!) ? readFileSync(record.files[0]!, 'utf8').split('\n\n').slice(1).join('\n\n') : '';
  const suppressCc = suppressCcClasses(record, commits, coverBody);
  return { ...sendCommand(record, suppressCc), suppressCc };
}

/**
 * Remember the export whose command send-cmd printed, as it was then: that is
 * the one sent (by default) when patchpilot sent runs later, even if another
 * export was made to look at since. Written once per export.
 */
export function rememberPrinted(repo: Repo, branch: string, record: ExportRecord): void {
  const st = loadState(repo.commonDir, branch);
  if (st.sendCmd && st.sendCmd.dir === record.dir && st.sendCmd.at === record.at) return;
  updateState(repo.commonDir, branch, (s) => {
    s.sendCmd = record;
  });
}

export interface SentResult {
  version: number;
  tag: string;
  tip: string;
  messageId?: string;
  /** Where the Message-ID came from. */
  messageIdFrom: 'given' | 'export' | 'none';
  /** The export it was taken from. */
  export?: { dir: string; at: string; printed: boolean };
  /** The Message-ID this replaced (a --message-id given right after sent). */
  replaced?: string;
  next: number;
  /** True when only the Message-ID of an already recorded version was added or corrected. */
  updated: boolean;
  /** What the user should check: the Message-ID may not be the one sent. */
  warnings: string[];
}

const when = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');

/**
 * Which export of this version was sent, as far as patchpilot can tell: the
 * one whose git send-email command send-cmd printed last (the files a later
 * export into the same directory replaced are sent by that same command, but
 * only if it ran after). Warnings say where that guess may be wrong.
 */
function sentExport(state: BranchState, version: number, head: string): { record?: ExportRecord; printed: boolean; warnings: string[] } {
  const latest = state.exported?.version === version ? state.exported : undefined;
  const printed = state.sendCmd?.version === version && state.sendCmd.tip === head ? state.sendCmd : undefined;
  const warnings: string[] = [];
  const fix = (r: ExportRecord) => (r.firstMessageId ? `patchpilot sent --message-id ${shellQuote(r.firstMessageId)}` : 'patchpilot sent --message-id ID');
  if (printed) {
    if (latest && (latest.dir !== printed.dir || latest.at !== printed.at)) {
      const what =
        latest.dir === printed.dir
          ? `${displayArg(latest.dir)} was exported again (${when(latest.at)}) after send-cmd printed the command for its export of ${when(printed.at)}`
          : `the export in ${displayArg(latest.dir)} (${when(latest.at)}) is newer than the one whose command send-cmd printed (${displayArg(printed.dir)}, ${when(printed.at)})`;
      warnings.push(`${what}; recorded the Message-ID of the printed one. If you sent the newer files, correct it now: ${fix(latest)}`);
    }
    return { record: printed, printed: true, warnings };
  }
  if (latest)
    warnings.push(
      `send-cmd never printed a command for the export in ${displayArg(latest.dir)} (${when(latest.at)}); recorded its Message-ID, assuming you sent those files (if not, give the right one now with patchpilot sent --message-id ID)`,
    );
  return { record: latest, printed: false, warnings };
}

/**
 * Record that the current version went out: tag `<branch>-vN` on the tip with
 * the cover letter, keep the Message-ID (given, or the one the export sent
 * wrote, see sentExport), move to v(N+1) with an empty changelog to fill in.
 * Given a Message-ID right after recording a version, on the same commit, it
 * completes or corrects that record instead of tagging the next version.
 * Nothing exported and no Message-ID given: refused unless `force`.
 */
export async function markSent(series: Series, messageIdArg?: string, opts: { force?: boolean; version?: number } = {}): Promise<SentResult> {
  if (!series.branch) throw detachedHead('versions sent are kept per branch');
  const { repo } = series;
  const branch = series.branch;
  const state = loadState(repo.commonDir, branch);
  const given = messageIdArg !== undefined ? normalizeMessageId(messageIdArg) : undefined;
  const last = state.sent.at(-1);
  if (last && (last.tip === repo.head || last.head === repo.head) && last.version === series.version - 1 && opts.version === undefined) {
    if (given) {
      const head = await correctSentMessageId(series, last.version, given);
      updateState(repo.commonDir, branch, (s) => {
        const rec = s.sent.find((x) => x.version === last.version);
        if (rec) rec.messageId = given;
        if (rec && head !== rec.tip) rec.head = head;
      });
      const replaced = last.messageId && last.messageId !== given ? { replaced: last.messageId } : {};
      return {
        version: last.version,
        tag: last.tag,
        tip: last.tip,
        messageId: given,
        messageIdFrom: 'given',
        ...replaced,
        next: series.version,
        updated: true,
        warnings: [],
      };
    }
    throw new UsageError(`v${last.version} was recorded on this same commit (tag ${last.tag}); change the branch before recording v${series.version}`);
  }
  const version = opts.version ?? series.version;
  const chosen = given ? { record: undefined, printed: false, warnings: [] as string[] } : sentExport(state, series.version, repo.head);
  const exported = chosen.record;
  if (!given && !exported && !opts.force) {
    throw new UsageError(
      `nothing of v${version} was exported with patchpilot, so the Message-ID it went out with is unknown: give it with --message-id ID (v${version + 1} threads to it), or record v${version} without it with --force`,
    );
  }
  if (exported && exported.tip !== repo.head) {
    throw new UsageError(
      `the branch changed since v${version} was exported (${exported.tip.slice(0, 12)} then, ${repo.head.slice(0, 12)} now); run sent before amending, or export again if you sent the current tip`,
    );
  }
  const messageId = given ?? exported?.firstMessageId;
  const r = await renderCover(series, state);
  const { tag, tip, head } = await tagSentVersion(series, version, `${r.subject}\n\n${r.text}\n`, messageId);
  const next = version + 1;
  updateState(repo.commonDir, branch, (s) => {
    s.sent = s.sent.filter((x) => x.version !== version);
    s.sent.push({
      version,
      tag,
      ...(messageId ? { messageId } : {}),
      date: new Date().toISOString(),
      tip,
      ...(head !== tip ? { head } : {}),
      base: series.base.commit,
    });
    s.version = next;
    delete s.versionForced;
    s.cover.changes[String(next)] ??= '';
  });
  return {
    version,
    tag,
    tip,
    ...(messageId ? { messageId } : {}),
    messageIdFrom: given ? 'given' : messageId ? 'export' : 'none',
    ...(exported ? { export: { dir: exported.dir, at: exported.at, printed: chosen.printed } } : {}),
    next,
    updated: false,
    warnings: chosen.warnings,
  };
}
