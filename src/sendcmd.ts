/**
 * The `git send-email` command for an export, and recording that it was sent. The files already carry
 * From, To, Cc, Message-Id and threading headers (git send-email keeps them:
 * with --thread, the In-Reply-To/References of a file win over its own), so
 * the command repeats the recipients for the reader and tells git not to add
 * anyone the submitter did not choose. patchpilot never runs it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseMailbox } from './address.js';
import { UsageError } from './errors.js';
import { renderCover, type ExportRecord } from './export.js';
import type { Commit, Series } from './series.js';
import { shellJoin, shellJoinLines } from './shell.js';
import { loadState, updateState } from './state.js';
import { createVersionTag, normalizeMessageId, versionTagName } from './versions.js';

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

export function sendCommand(record: ExportRecord, suppress: readonly string[]): SendCommand {
  const missing = record.files.filter((f) => !existsSync(f));
  if (missing.length) throw new UsageError(`the exported file ${missing[0]} is gone; run patchpilot export -o DIR again`);
  const opts: string[] = [];
  if (record.from) opts.push(`--from=${record.from}`);
  // The files are threaded already; --thread makes git keep their headers and --no-chain-reply-to is the kernel's shape.
  opts.push('--thread', '--no-chain-reply-to');
  if (record.inReplyTo) opts.push(`--in-reply-to=${record.inReplyTo}`);
  // One option per class: git send-email takes no comma lists here.
  for (const c of suppress) opts.push(`--suppress-cc=${c}`);
  if (record.perPatch) {
    // Each file's To:/Cc: headers name its own recipients. Without any --to,
    // git would ask for one; a --to-cmd that prints nothing stops that.
    opts.push('--to-cmd=true');
  } else {
    for (const a of record.to) opts.push(`--to=${a}`);
    for (const a of record.cc) opts.push(`--cc=${a}`);
  }
  const argv = ['git', 'send-email', ...opts, ...record.files];
  const dryRunArgv = ['git', 'send-email', '--dry-run', ...opts, ...record.files];
  const breakAt = (a: string, i: number) => i > 1 && (a.startsWith('--') || a.startsWith('/'));
  return {
    argv,
    dryRunArgv,
    shell: shellJoin(argv),
    dryRunShell: shellJoin(dryRunArgv),
    display: shellJoinLines(argv, breakAt),
    dryRunDisplay: shellJoinLines(dryRunArgv, breakAt),
  };
}

/** The command for an export of `commits`, with the --suppress-cc classes worked out from the files. */
export function sendCommandFor(record: ExportRecord, commits: readonly Commit[]): SendCommand & { suppressCc: string[] } {
  const coverBody = record.coverMessageId && existsSync(record.files[0]!) ? readFileSync(record.files[0]!, 'utf8').split('\n\n').slice(1).join('\n\n') : '';
  const suppressCc = suppressCcClasses(record, commits, coverBody);
  return { ...sendCommand(record, suppressCc), suppressCc };
}

export interface SentResult {
  version: number;
  tag: string;
  tip: string;
  messageId?: string;
  next: number;
  /** True when only the Message-ID of an already recorded version was added. */
  updated: boolean;
}

/**
 * Record that the current version went out: tag `<branch>-vN` on the tip with
 * the cover letter, keep the Message-ID (given, or the one the last export of
 * this version wrote), move to v(N+1) with an empty changelog to fill in.
 * Given a Message-ID right after recording a version without one, on the same
 * commit, it completes that record instead of tagging the next version.
 */
export async function markSent(series: Series, messageIdArg?: string): Promise<SentResult> {
  if (!series.branch) throw new UsageError('HEAD is detached; check out the topic branch you sent');
  const { repo } = series;
  const branch = series.branch;
  const state = loadState(repo.commonDir, branch);
  const given = messageIdArg !== undefined ? normalizeMessageId(messageIdArg) : undefined;
  const last = state.sent.at(-1);
  if (last && last.tip === repo.head && last.version === series.version - 1) {
    if (given && !last.messageId) {
      updateState(repo.commonDir, branch, (s) => {
        const rec = s.sent.find((x) => x.version === last.version);
        if (rec) rec.messageId = given;
      });
      return { version: last.version, tag: last.tag, tip: last.tip, messageId: given, next: series.version, updated: true };
    }
    throw new UsageError(`v${last.version} was recorded on this same commit (tag ${last.tag}); change the branch before recording v${series.version}`);
  }
  const version = series.version;
  const exported = state.exported && state.exported.version === version ? state.exported : undefined;
  if (exported && exported.tip !== repo.head) {
    throw new UsageError(
      `the branch changed since v${version} was exported (${exported.tip.slice(0, 12)} then, ${repo.head.slice(0, 12)} now); run sent before amending, or export again if you sent the current tip`,
    );
  }
  const messageId = given ?? exported?.firstMessageId;
  const r = await renderCover(series, state);
  const tag = versionTagName(branch, version);
  await createVersionTag(repo, tag, repo.head, `${r.subject}\n\n${r.text}\n`);
  const next = version + 1;
  updateState(repo.commonDir, branch, (s) => {
    s.sent = s.sent.filter((x) => x.version !== version);
    s.sent.push({ version, tag, ...(messageId ? { messageId } : {}), date: new Date().toISOString(), tip: repo.head, base: series.base.commit });
    s.version = next;
    s.cover.changes[String(next)] ??= '';
  });
  return { version, tag, tip: repo.head, ...(messageId ? { messageId } : {}), next, updated: false };
}
