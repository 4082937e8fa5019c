/**
 * Trailers from a saved review thread: which reply answers which commit, and
 * which of its lines are trailers the branch should carry.
 *
 * A reply is tied to a patch through In-Reply-To/References (following
 * replies to replies), else through its "Re: [PATCH vN i/M] title" subject:
 * the title naming a commit's subject, or the number when the thread has as
 * many patches as the branch. Replies to the cover letter (0/M) apply to every
 * patch. A reply to another version than the branch's (or the last one sent:
 * after `sent` the branch is already the next version) is listed and skipped
 * unless asked: the thread's patch, else the reply's subject, tells the version.
 * Quoted lines and anything after a signature separator are never
 * trailers; a person trailer naming someone other than the sender is listed
 * and skipped unless the user accepts mismatches.
 */
import { basename } from 'node:path';
import { readMailbox, type MailMessage } from '../mail/saved.js';
import { parsePatchSubject, type PatchSubject } from './patch-subject.js';
import { threadPatchIds } from './patch-ids.js';
import { checkTrailerText, sameTrailer } from './edit.js';
import { canonicalKey, suggestKey } from './parse.js';
import { planFor, type BranchCommit, type BranchContext, type PlannedTrailer, type SkippedTrailer, type TrailerPlan } from './actions.js';

/** What reviewers send back; Signed-off-by and Co-developed-by come from authors, not replies. */
export const IMPORT_KEYS = ['Reviewed-by', 'Acked-by', 'Tested-by', 'Reported-by', 'Suggested-by'];

export interface ImportOptions {
  acceptMismatch?: boolean;
  /** Apply replies to another version of the series than the branch's (or the last one sent), or to a patch that changed since. */
  anyVersion?: boolean;
  /**
   * `git patch-id --stable` of the branch's commits (by sha) and of the
   * patches saved in the thread (by Message-ID): a review holds for a commit
   * whose patch is the one reviewed, whatever the version (b4 does the same).
   */
  patchIds?: { commits: Map<string, string>; mails: Map<string, string> };
}

/** version: of the patch or cover letter the reply answers ([PATCH 1/3] is v1); anchor: the Message-ID of that patch or cover in the thread. */
type Target =
  | { kind: 'cover'; version: number; anchor?: string }
  | { kind: 'patch'; commit: BranchCommit; version: number; anchor?: string }
  | { kind: 'none'; why: string };

export { parsePatchSubject, type PatchSubject };

const normTitle = (t: string) => t.replace(/\s+/g, ' ').trim().toLowerCase();

function targetBySubject(ps: PatchSubject, patches: BranchCommit[]): Target {
  const version = ps.version ?? 1;
  if (ps.number === 0) return { kind: 'cover', version };
  const byTitle = patches.filter((c) => normTitle(c.subject) === normTitle(ps.title));
  if (byTitle.length === 1) return { kind: 'patch', commit: byTitle[0]!, version };
  if (ps.number !== undefined && ps.total === patches.length && ps.number >= 1 && ps.number <= patches.length) {
    return { kind: 'patch', commit: patches[ps.number - 1]!, version };
  }
  if (ps.number === undefined && patches.length === 1 && ps.patch) return { kind: 'patch', commit: patches[0]!, version };
  return { kind: 'none', why: `no commit has the subject "${ps.title}"` };
}

/** Trailer-looking lines of a reply body that are the sender's own words. */
export function replyTrailerLines(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const l = line.replace(/\r$/, '');
    // A signature, or an unquoted copy of the original below a top-posted reply: nothing after is the sender's.
    if (l === '-- ' || l === '--' || /^-{2,}\s*Original Message\s*-{2,}$/i.test(l.trim())) break;
    if (/^\s*>/.test(l) || /^\s*\|/.test(l)) continue;
    if (/^[A-Za-z][A-Za-z0-9-]*:\s*\S/.test(l)) out.push(l.trim());
  }
  return out;
}

export function planImport(ctx: BranchContext, messages: MailMessage[], opts: ImportOptions = {}, label = 'thread'): TrailerPlan {
  const patches = ctx.commits.filter((c) => !c.b4Cover);
  const byId = new Map(messages.filter((m) => m.id).map((m) => [m.id, m]));
  // The thread's own patches and cover letter: messages that are not replies.
  const anchors = new Map<string, Target>();
  for (const m of messages) {
    const ps = parsePatchSubject(m.subject);
    if (ps.patch && !ps.reply && m.id) anchors.set(m.id, targetBySubject(ps, patches));
  }
  const anchorsByCommit = new Map<string, { id: string; version: number }[]>();
  for (const [id, a] of anchors)
    if (a.kind === 'patch') anchorsByCommit.set(a.commit.sha, [...(anchorsByCommit.get(a.commit.sha) ?? []), { id, version: a.version }]);
  const want = (c: BranchCommit, t: PlannedTrailer) => {
    const list = wanted.get(c.sha) ?? [];
    if (!list.some((o) => sameTrailer(o, t, ctx.mailmap))) list.push({ ...t });
    wanted.set(c.sha, list);
  };
  const memo = new Map<string, Target>();
  const resolve = (m: MailMessage, depth = 0): Target => {
    if (m.id && memo.has(m.id)) return memo.get(m.id)!;
    let t: Target | undefined;
    for (const id of [...m.inReplyTo, ...[...m.references].reverse()]) {
      const a = anchors.get(id);
      if (a) {
        t = { ...a, anchor: id } as Target;
        break;
      }
      const parent = byId.get(id);
      if (parent && parent !== m && depth < 50 && !anchors.has(parent.id)) {
        const pt = resolve(parent, depth + 1);
        if (pt.kind !== 'none') {
          t = pt;
          break;
        }
      }
    }
    if (!t) {
      const ps = parsePatchSubject(m.subject);
      t = ps.patch ? targetBySubject(ps, patches) : { kind: 'none', why: 'neither its thread nor its subject names a patch of the series' };
    }
    if (m.id) memo.set(m.id, t);
    return t;
  };
  const wanted = new Map<string, PlannedTrailer[]>();
  const skipped: SkippedTrailer[] = [];
  const sorted = [...messages].sort((a, b) => (a.date?.getTime() ?? 0) - (b.date?.getTime() ?? 0));
  for (const m of sorted) {
    const ps = parsePatchSubject(m.subject);
    if (m.id && anchors.has(m.id)) continue;
    if (!ps.reply && !m.inReplyTo.length) continue;
    const lines = replyTrailerLines(m.text);
    if (!lines.length) continue;
    const target = resolve(m);
    const from = m.from;
    const base = { from, messageId: m.id || undefined };
    for (const line of lines) {
      const key = line.slice(0, line.indexOf(':'));
      const known = canonicalKey(key);
      const near = known ? undefined : suggestKey(key);
      if (!(known && IMPORT_KEYS.includes(known)) && !(near && IMPORT_KEYS.includes(near))) continue;
      if (near) {
        skipped.push({ ...base, subject: m.subject, trailer: line, reason: `misspelt key (did you mean ${near}?)` });
        continue;
      }
      const r = checkTrailerText(line);
      if (!r.ok) {
        skipped.push({ ...base, subject: m.subject, trailer: line, reason: r.error });
        continue;
      }
      const t: PlannedTrailer = { ...r.trailer, ...base };
      if (target.kind === 'none') {
        skipped.push({ ...base, subject: m.subject, trailer: line, reason: `cannot tell which patch the reply answers: ${target.why}` });
        continue;
      }
      // The reviewed patch is in the thread: the review holds where the commit's patch is still that one.
      const verdicts = target.kind === 'cover' ? patchVerdicts(target, patches, anchorsByCommit, opts) : undefined;
      if (target.kind === 'patch' || verdicts) {
        const list = target.kind === 'patch' ? [{ commit: target.commit, same: samePatch(target.commit, target.anchor, opts) }] : verdicts!;
        if (list.every((v) => v.same !== undefined)) {
          const changed = list.filter((v) => v.same === false);
          for (const v of changed) {
            if (opts.anyVersion) continue;
            skipped.push({
              ...base,
              subject: m.subject,
              trailer: line,
              reason: `"${v.commit.subject}" changed since v${target.version} was reviewed (its patch-id differs from the reviewed patch; --any-version to add it anyway)`,
            });
          }
          const ok = opts.anyVersion ? list : list.filter((v) => v.same);
          if (!ok.length) continue;
          if (!from || (!ctx.mailmap.same(t.email, from.email) && !opts.acceptMismatch)) {
            skipped.push({ ...base, subject: m.subject, trailer: line, reason: mismatch(t.email, from?.email) });
            continue;
          }
          for (const v of ok) want(v.commit, t);
          continue;
        }
      }
      // A review of another version may not hold for this code; the user decides (--any-version).
      if (target.version !== ctx.version && target.version !== ctx.lastSent && !opts.anyVersion) {
        const sent = ctx.lastSent !== undefined ? `, v${ctx.lastSent} was sent last` : '';
        skipped.push({
          ...base,
          subject: m.subject,
          trailer: line,
          reason: `reply to v${target.version}, the branch is v${ctx.version}${sent} (--any-version to add it)`,
        });
        continue;
      }
      if (!from) {
        skipped.push({ ...base, subject: m.subject, trailer: line, reason: 'the reply has no From address to check it against' });
        continue;
      }
      if (!ctx.mailmap.same(t.email, from.email) && !opts.acceptMismatch) {
        skipped.push({
          ...base,
          subject: m.subject,
          trailer: line,
          reason: `names ${t.email} but the reply came from ${from.email} (--accept-mismatch to add it)`,
        });
        continue;
      }
      const commits = target.kind === 'cover' ? patches : [target.commit];
      for (const c of commits) want(c, t);
    }
  }
  return planFor(ctx, wanted, 'import', `trailers import from ${label}`, skipped);
}

function mismatch(email: string, from: string | undefined): string {
  return from ? `names ${email} but the reply came from ${from} (--accept-mismatch to add it)` : 'the reply has no From address to check it against';
}

/** Whether the commit's patch is the reviewed one; undefined when either patch-id is unknown. */
function samePatch(c: BranchCommit, anchor: string | undefined, opts: ImportOptions): boolean | undefined {
  const mine = opts.patchIds?.commits.get(c.sha);
  const reviewed = anchor ? opts.patchIds?.mails.get(anchor) : undefined;
  return mine && reviewed ? mine === reviewed : undefined;
}

/** For a reply to a cover letter: each commit against the thread's patch for it, when the thread holds them all. */
function patchVerdicts(
  target: { version: number },
  patches: BranchCommit[],
  anchorsByCommit: Map<string, { id: string; version: number }[]>,
  opts: ImportOptions,
): { commit: BranchCommit; same: boolean | undefined }[] | undefined {
  if (!opts.patchIds) return undefined;
  const out = patches.map((c) => ({ commit: c, same: samePatch(c, anchorsByCommit.get(c.sha)?.find((a) => a.version === target.version)?.id, opts) }));
  return out.every((v) => v.same !== undefined) ? out : undefined;
}

export async function planImportFile(ctx: BranchContext, path: string, opts: ImportOptions = {}): Promise<TrailerPlan> {
  const box = await readMailbox(path);
  const patchIds = opts.patchIds ?? (await threadPatchIds(ctx, box.messages));
  const plan = planImport(ctx, box.messages, { ...opts, patchIds }, basename(path));
  for (const d of box.damaged) plan.skipped.push({ reason: `${d}; not read` });
  return plan;
}
