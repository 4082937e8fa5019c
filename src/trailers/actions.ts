/**
 * The trailer actions the CLI and the TUI share: open the branch, plan an
 * addition or an import (nothing moves), apply a plan (one safe rewrite),
 * undo the last rewrite, and list every commit's trailers with problems.
 */
import { detachedHead, UsageError } from '../errors.js';
import { loadMailmap, type Mailmap } from '../mail/mailmap.js';
import { loadState, versionOf } from '../store/state.js';
import { preparedVersion, taggedVersions, versionTagRefs } from '../series/versions.js';
import { count } from '../text/plural.js';
import { listedRefs, openRepo, readIdentity, resolveBase, resolveCommit, type Base, type Person, type Repo } from '../git/repo.js';
import {
  checkOperations,
  readRange,
  rewriteBranch,
  startReadingFrom,
  startChecks,
  type RewriteChecks,
  undoLastRewrite,
  lastRewrite,
  lastRewriteIn,
  type RewriteProgress,
  type RewriteResult,
  type UndoResult,
} from '../history/rewrite.js';
import { insertTrailers, trailerProblems, type NewTrailer } from './edit.js';
import { parseTrailers, type Trailer } from './parse.js';
import { headerValue, type RawCommit } from '../history/commit-object.js';
import { B4_MARKER, trackingOf } from '../b4/marker.js';

export interface BranchCommit {
  sha: string;
  subject: string;
  message: Buffer;
  trailers: Trailer[];
  /** A b4 cover-letter commit: never given trailers. */
  b4Cover: boolean;
}

export interface BranchContext {
  repo: Repo;
  branch: string;
  base: Base;
  tip: string;
  commits: BranchCommit[];
  /** The raw objects of base..tip (a b4 cover included), reused by the rewrite while the tip stays put. */
  raw: RawCommit[];
  submitter: Person | null;
  mailmap: Mailmap;
  /** The version being prepared, as `series` shows it (versionOf's rule). */
  version: number;
  /** The last version recorded as sent (patchpilot sent, or b4's history): the one replies are usually about. */
  lastSent?: number;
  /** Begun at open time when asked (a command that plans and applies at once). */
  checks?: Promise<RewriteChecks>;
}

export interface PlannedTrailer extends NewTrailer {
  /** Who sent it (import). */
  from?: Person;
  messageId?: string;
}

export interface PlanEntry {
  sha: string;
  subject: string;
  add: PlannedTrailer[];
  /** Already in the commit: not added again. */
  present: PlannedTrailer[];
}

export interface SkippedTrailer {
  sha?: string;
  subject?: string;
  trailer?: string;
  from?: Person;
  messageId?: string;
  reason: string;
}

export interface TrailerPlan {
  kind: 'add' | 'import';
  branch: string;
  base: string;
  oldTip: string;
  entries: PlanEntry[];
  skipped: SkippedTrailer[];
  /** One line for the reflog and the undo record. */
  what: string;
}

/**
 * The series version by versionOf's rule, as src/ops/branch.ts applies it (our state once it says more than
 * the default, else b4's revision, else 1), without reading the patches, and
 * the last version sent: after `patchpilot sent` or `b4 send` the branch is
 * already the next version while the replies are to the one sent.
 */
export function seriesVersions(
  commonDir: string,
  branch: string,
  commits: BranchCommit[],
  tagRefs: readonly string[] = [],
): { version: number; lastSent?: number } {
  const state = loadState(commonDir, branch);
  const cover = commits.find((c) => c.b4Cover);
  const tracking = cover ? trackingOf(cover.message.toString('utf8')) : undefined;
  const b4 = tracking?.series as { revision?: unknown; history?: unknown } | undefined;
  // Versions tagged as sent (git-publish, b4) count here as in the series (src/ops/branch.ts), b4's by its change-id too.
  const tagged = taggedVersions(tagRefs, branch, { tracking });
  const version = preparedVersion(versionOf(state, b4?.revision), tagged.at(-1) ?? 0, state);
  const sent = [...state.sent.map((s) => s.version), ...tagged];
  if (b4?.history && typeof b4.history === 'object') {
    for (const k of Object.keys(b4.history)) if (/^v\d+$/.test(k)) sent.push(Number(k.slice(1)));
  }
  const lastSent = sent
    .filter((v) => v < version)
    .sort((a, b) => a - b)
    .at(-1);
  return lastSent === undefined ? { version } : { version, lastSent };
}

/**
 * A commit message as text, decoded from the encoding its `encoding` header
 * names (git -c i18n.commitEncoding=ISO-8859-1 commit), as git log shows it
 * with i18n.logOutputEncoding=UTF-8 (series reads it so): without this a
 * latin-1 "café" showed as "caf\ufffd" here and "café" in series. The bytes
 * are left alone: a rewrite still works on them.
 */
export function messageText(c: Pick<RawCommit, 'headers' | 'message'>): string {
  const enc = headerValue(c as RawCommit, 'encoding')
    ?.trim()
    .toLowerCase();
  if (!enc || /^utf-?8$/.test(enc)) return c.message.toString('utf8');
  // WHATWG's TextDecoder reads ISO-8859-1 as windows-1252; git (iconv) reads it as Latin-1 proper.
  if (/^(iso[-_]?8859-1|latin-?1|l1)$/.test(enc)) return c.message.toString('latin1');
  try {
    return new TextDecoder(enc).decode(c.message);
  } catch {
    // An encoding this Node does not know: git without the charset shows the bytes as they are.
    return c.message.toString('utf8');
  }
}

function subjectOf(text: string): string {
  return text
    .split(/\r?\n\r?\n/)[0]!
    .replace(/\s*\r?\n\s*/g, ' ')
    .trim();
}

export async function openBranchIn(repo: Repo, baseArg?: string, opts: { rewriteSoon?: boolean } = {}): Promise<BranchContext> {
  // Detached in the middle of a rebase: say that, not just "detached".
  if (!repo.branch) checkOperations(repo, 'work on the branch');
  if (!repo.branch) throw detachedHead('trailers are added by rewriting the branch');
  const checks = opts.rewriteSoon ? startChecks(repo, repo.branch) : undefined;
  const first = startReadingFrom(repo.git, repo.head);
  // Read alongside the commits; a failure here only loses the tags' say in the version.
  const tags = versionTagRefs(repo, repo.branch).catch(() => [] as string[]);
  const [base, id] = await Promise.all([resolveBase(repo, baseArg), readIdentity(repo.git)]);
  const raw = await readRange(repo.git, base.commit, repo.head, first);
  if (!raw.length) throw new UsageError(`no commits between ${base.ref} and HEAD`);
  const commits = raw.map((c): BranchCommit => {
    const text = messageText(c);
    let trailers: Trailer[] | undefined;
    return {
      sha: c.sha,
      subject: subjectOf(text),
      message: c.message,
      // Parsed on first use: people's addresses are costly to parse and planning does not need them.
      get trailers() {
        return (trailers ??= parseTrailers(text));
      },
      b4Cover: text.includes(B4_MARKER),
    };
  });
  return {
    repo,
    branch: repo.branch,
    base,
    tip: repo.head,
    commits,
    raw,
    submitter: id.submitter,
    mailmap: loadMailmap(repo.root),
    ...seriesVersions(repo.commonDir, repo.branch, commits, await tags),
    checks,
  };
}

/** rewriteSoon: start the rewrite's own checks now, for a caller that applies right after planning. */
export async function openBranch(opts: { repoDir: string; base?: string; rewriteSoon?: boolean }): Promise<BranchContext> {
  return openBranchIn(await openRepo(opts.repoDir), opts.base, opts);
}

/** Which commits a `trailers add` names: --commit REVs, --all, or the only patch. */
export async function resolveTargets(ctx: BranchContext, targets: { commits?: string[]; all?: boolean }): Promise<BranchCommit[]> {
  const patches = ctx.commits.filter((c) => !c.b4Cover);
  if (targets.all) return patches;
  if (!targets.commits?.length) {
    if (patches.length === 1) return patches;
    throw new UsageError(`the series has ${patches.length} patches: name them with --commit REV (repeatable) or pass --all`);
  }
  const out: BranchCommit[] = [];
  for (const rev of targets.commits) {
    const sha = await resolveCommit(ctx.repo.git, rev);
    const c = patches.find((p) => p.sha === sha);
    if (!c) throw new UsageError(`${rev} (${sha.slice(0, 12)}) is not a patch of the series ${ctx.base.ref}..${ctx.branch}`);
    if (!out.includes(c)) out.push(c);
  }
  return ctx.commits.filter((c) => out.includes(c));
}

/** The message each plan entry was computed to give, reused when the commit is still the same bytes. */
const planned = new WeakMap<PlanEntry, { from: Buffer; to: Buffer }>();

/** Plan trailers per commit: the insertion decides what is new and what is already there. */
export function planFor(
  ctx: BranchContext,
  wanted: Map<string, PlannedTrailer[]>,
  kind: TrailerPlan['kind'],
  what: string,
  skipped: SkippedTrailer[] = [],
): TrailerPlan {
  const entries: PlanEntry[] = [];
  for (const c of ctx.commits) {
    let list = wanted.get(c.sha);
    if (!list?.length) continue;
    // A message in another encoding cannot take UTF-8 bytes without becoming a mix of two.
    const enc = headerValue(
      ctx.raw.find((r) => r.sha === c.sha)!,
      'encoding',
    );
    if (enc && !/^utf-?8$/i.test(enc.trim())) {
      const ascii = list.filter((t) => /^[\x20-\x7e]*$/.test(t.value));
      for (const t of list.filter((x) => !ascii.includes(x))) {
        skipped.push({
          sha: c.sha,
          subject: c.subject,
          trailer: `${t.key}: ${t.value}`,
          from: t.from,
          messageId: t.messageId,
          reason: `the commit message is in ${enc.trim()}; add this name with git commit --amend`,
        });
      }
      list = ascii;
      if (!list.length) continue;
    }
    const r = insertTrailers(c.message, list, { submitter: ctx.submitter, mailmap: ctx.mailmap });
    const entry: PlanEntry = { sha: c.sha, subject: c.subject, add: r.added as PlannedTrailer[], present: r.present as PlannedTrailer[] };
    planned.set(entry, { from: c.message, to: r.message });
    entries.push(entry);
  }
  return { kind, branch: ctx.branch, base: ctx.base.commit, oldTip: ctx.tip, entries, skipped, what };
}

export async function planAdd(ctx: BranchContext, trailers: NewTrailer[], targets: { commits?: string[]; all?: boolean }): Promise<TrailerPlan> {
  const commits = await resolveTargets(ctx, targets);
  const wanted = new Map(commits.map((c) => [c.sha, trailers.map((t) => ({ ...t }))]));
  const what = `trailers add ${trailers.map((t) => `${t.key}: ${t.value}`).join(', ')} to ${count(commits.length, 'commit')}`;
  return planFor(ctx, wanted, 'add', what);
}

export function planCount(plan: TrailerPlan): number {
  return plan.entries.reduce((n, e) => n + e.add.length, 0);
}

/**
 * Apply a plan with one rewrite; null when it adds nothing (the branch is left
 * alone). onReady runs once the rewrite can no longer be refused (see RewriteRequest).
 */
export async function applyPlan(
  ctx: BranchContext,
  plan: TrailerPlan,
  onProgress?: (p: RewriteProgress) => void,
  onReady?: () => void,
): Promise<RewriteResult | null> {
  if (!planCount(plan)) return null;
  const edit = new Map<string, (m: Buffer) => Buffer>();
  for (const e of plan.entries) {
    if (!e.add.length) continue;
    const done = planned.get(e);
    edit.set(e.sha, (m) => (done && done.from.equals(m) ? done.to : insertTrailers(m, e.add, { submitter: ctx.submitter, mailmap: ctx.mailmap }).message));
  }
  const fresh = plan.oldTip === ctx.tip && plan.base === ctx.base.commit;
  return rewriteBranch(ctx.repo, {
    branch: plan.branch,
    base: plan.base,
    oldTip: plan.oldTip,
    edit,
    what: plan.what,
    onProgress,
    onReady,
    commits: fresh ? ctx.raw : undefined,
    checks: ctx.checks,
  });
}

export async function undo(repo: Repo): Promise<UndoResult> {
  return undoLastRewrite(repo);
}

export interface UndoInfo {
  /** True when `undo` would restore oldTip now. */
  possible: boolean;
  /** Why not, in words (when not possible). */
  reason?: string;
  oldTip?: string;
  newTip?: string;
  /** What the rewrite did and when, from the state file when it has them. */
  what?: string;
  at?: string;
}

/** What `undo` would do on the current branch, for a TUI to offer it or say why not. */
export async function undoInfo(repo: Repo): Promise<UndoInfo> {
  if (!repo.branch) return { possible: false, reason: 'HEAD is detached' };
  const listed = await listedRefs(repo);
  const rec = listed ? lastRewriteIn(listed.map((r) => `${r.ref} ${r.sha}`).join('\n'), repo.branch) : await lastRewrite(repo.git, repo.branch);
  if (!rec) return { possible: false, reason: 'patchpilot has not rewritten this branch (or every rewrite was undone)' };
  const saved = loadState(repo.commonDir, repo.branch)
    .rewrites.filter((r) => r.newTip === rec.newTip && r.oldTip === rec.oldTip)
    .at(-1);
  const info = { oldTip: rec.oldTip, newTip: rec.newTip, what: saved?.what, at: saved?.at };
  const head = listed
    ? (listed.find((r) => r.ref === `refs/heads/${repo.branch}`)?.sha ?? '')
    : (await repo.git.exec(['rev-parse', '-q', '--verify', `refs/heads/${repo.branch}`], { okCodes: [1] })).stdout.toString().trim();
  if (head !== rec.newTip) return { ...info, possible: false, reason: `the branch moved since the rewrite (it is at ${head.slice(0, 12)})` };
  return { ...info, possible: true };
}

/** Whether `undo` has something to restore on the current branch (for a TUI hint). */
export async function canUndo(repo: Repo): Promise<boolean> {
  return (await undoInfo(repo)).possible;
}

export interface TrailerListing {
  sha: string;
  subject: string;
  trailers: { key: string; value: string; name?: string; email?: string; problems: string[] }[];
}

export function listTrailers(ctx: BranchContext): TrailerListing[] {
  return ctx.commits
    .filter((c) => !c.b4Cover)
    .map((c) => ({
      sha: c.sha,
      subject: c.subject,
      trailers: c.trailers.map((t) => ({
        key: t.key,
        value: t.value,
        ...(t.name !== undefined ? { name: t.name } : {}),
        ...(t.email ? { email: t.email } : {}),
        problems: trailerProblems(t, c.trailers),
      })),
    }));
}
