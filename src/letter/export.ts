/**
 * The series as mail files, written by git format-patch itself: cover letter
 * first (our title and blurb put in place of git's placeholders, so git's
 * own shortlog, diffstat, range-diff and base-commit stay as git writes
 * them), then the patches, with From, To, Cc, Subject and threading headers. The files
 * are written to a temporary directory beside the target and moved in at the
 * end, so a failure never leaves half an export.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { formatHeaderMailbox, mailboxProblem } from '../mail/address.js';
import { coverAboveBase } from '../b4/base.js';
import { blurbBody, coverPrefixes, coverText, coverWarnings, subjectPrefix, subjectTag, type CoverText } from './cover.js';
import { UsageError, detachedHead } from '../errors.js';
import type { Recipient } from '../recipients/compute.js';
import { seriesRecipients } from '../recipients/series.js';
import type { Series } from '../series/read.js';
import { updateState, type BranchState, type ExportRecord } from '../store/state.js';
import { makeTempDir, removeTempDir } from '../store/temp-dir.js';
import { testPause } from '../history/pause.js';
import {
  checkHeaders,
  declareUtf8,
  fillBody,
  fillSubject,
  headerValue,
  insertNotes,
  parseMail,
  serializeMail,
  setRecipients,
  type Mail,
} from './patch-mail.js';
import { displayArg, shellQuote } from '../text/shell.js';
import { listVersions, previousOf, previousRange, type VersionRecord } from '../series/versions.js';
import { withoutEmptyPrerequisite } from '../b4/cover.js';
import { withPrerequisiteLines } from '../deps/cover-lines.js';
import { checkTarget, fsError, knownExports, removeStaleStages, sha256 } from './export-dir.js';

export interface Mailbox {
  name: string;
  email: string;
}

/** Who receives what: the union for the cover (and every patch, series-wide), or one list per patch. */
export interface RecipientPlan {
  to: Mailbox[];
  cc: Mailbox[];
  perPatch?: { sha: string; to: Mailbox[]; cc: Mailbox[] }[];
}

/** What the last export wrote (persisted, so it lives with the state store). */
export type { ExportRecord };

export interface Prepared {
  series: Series;
  state: BranchState;
  cover: CoverText;
  prefixes: string[];
  versions: VersionRecord[];
  prev?: VersionRecord;
  prevRange?: string;
  single: boolean;
  /** Body, changelog and acceptance answers: the blurb, or the notes below a single patch's `---`. */
  notes: string;
  warnings: string[];
}

/** A digest of what the submitter wrote into the letter; shortlog and the rest follow from the tip. */
export function textDigest(p: Prepared): string {
  return createHash('sha256')
    .update(JSON.stringify([p.prefixes, p.cover.title, p.notes, p.prev?.messageId ?? null, ...(p.state.threadToPrevious ? ['thread'] : [])]))
    .digest('hex')
    .slice(0, 16);
}

export async function prepare(series: Series, state: BranchState): Promise<Prepared> {
  if (!series.branch) throw detachedHead('the cover letter and versions are kept per branch');
  const [cover, versions] = await Promise.all([coverText(series.repo, series, state), listVersions(series.repo, series.branch, state, series.b4Cover)]);
  const prev = previousOf(versions, series.version);
  const warnings: string[] = [];
  const prevRange = prev
    ? await previousRange(series.repo, prev, series.base.commit).catch((e: unknown) => {
        if (!(e instanceof UsageError)) throw e;
        warnings.push(`no range-diff against v${prev.version}: ${e.message}`);
        return undefined;
      })
    : undefined;
  const single = series.commits.length === 1;
  return {
    series,
    state,
    cover,
    prefixes: coverPrefixes(series, state),
    versions,
    prev,
    prevRange,
    single,
    notes: blurbBody(cover.body, state, series.version, versions),
    warnings: [...coverWarnings(cover, state, series.version, single), ...warnings],
  };
}

// ---- git format-patch ---------------------------------------------------------

const SUBJECT_HERE = '*** SUBJECT HERE ***';
const BLURB_HERE = '*** BLURB HERE ***';

/**
 * Put the title and blurb in place of git's placeholders. What is still
 * missing keeps git's placeholder, which git send-email refuses to send.
 */
function fillCover(mail: Mail, title: string, notes: string): Mail {
  const m = title ? fillSubject(mail, SUBJECT_HERE, title) : mail;
  return notes.trim() ? fillBody(m, BLURB_HERE, notes.trim()) : m;
}

/**
 * base..tip without b4's cover commit, which b4 keeps either first in the
 * series (its default) or at the tip ("tip-commit" strategy).
 */
async function seriesRange(series: Series): Promise<string> {
  const { base, repo, b4Cover } = series;
  if (!b4Cover) return `${base.commit}..${repo.head}`;
  if (b4Cover.sha === repo.head) return `${base.commit}..${repo.head}^`;
  const parent = (await repo.git.run(['rev-parse', `${b4Cover.sha}^`])).trim();
  if (parent === base.commit) return `${b4Cover.sha}..${repo.head}`;
  throw coverAboveBase(series);
}

export interface FormatOptions {
  outDir: string;
  /** Written as To:/Cc: headers by patchpilot (checked, non-ASCII names RFC 2047-encoded), not by git. */
  to?: Mailbox[];
  cc?: Mailbox[];
  from?: string;
  inReplyTo?: string;
  thread: boolean;
}

/** Run format-patch with every option that user configuration could change spelled out. */
export async function formatPatch(p: Prepared, o: FormatOptions): Promise<string[]> {
  const { series } = p;
  // Except format.notes: per-commit notes (git notes) the user asked git to mail go below the --- line, as git puts them.
  const args = ['format-patch', '--no-to', '--no-cc', '--no-add-header', '--no-attach', '--no-signoff', '--suffix=.patch', '-o', o.outDir];
  if (series.version > 1) args.push(`--reroll-count=${series.version}`);
  args.push(`--subject-prefix=${subjectPrefix(p.prefixes)}`);
  args.push(p.single ? '--no-numbered' : '--numbered');
  const config: [string, string][] = [
    ['diff.noprefix', 'false'],
    ['diff.mnemonicPrefix', 'false'],
    ['format.useAutoBase', 'false'],
  ];
  args.push(p.single ? '--no-cover-letter' : '--cover-letter', '--cover-from-description=none');
  args.push(o.thread ? '--thread=shallow' : '--no-thread');
  if (o.inReplyTo) args.push(`--in-reply-to=${o.inReplyTo}`);
  if (o.from) args.push(`--from=${o.from}`);
  if (p.prevRange) args.push(`--range-diff=${p.prevRange}`);
  // base-commit: is the upstream commit; git lists the commits of prerequisite series between it and the series (src/deps).
  args.push(`--base=${series.base.upstream ?? series.base.commit}`, await seriesRange(series));
  const env: Record<string, string> = { GIT_CONFIG_COUNT: String(config.length) };
  config.forEach(([k, v], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = k;
    env[`GIT_CONFIG_VALUE_${i}`] = v;
  });
  await series.repo.git.exec(args, { env });
  // The directory holds only what format-patch wrote; its names sort in series order (zero-padded numbers).
  // Listing it rather than reading git's output keeps a path with a line break in one piece.
  const files = readdirSync(o.outDir)
    .filter((f) => f.endsWith('.patch'))
    .sort()
    .map((f) => join(o.outDir, f));
  for (const f of files) {
    // Bytes, not text: a commit may hold bytes that are not UTF-8, and git am of the export must give the same tree.
    const raw = readFileSync(f);
    // An empty commit gives an empty file: nothing to edit (exportSeries refuses such a series).
    if (!raw.length) continue;
    let mail = parseMail(raw);
    const isCover = !p.single && f === files[0];
    if (p.single) mail = insertNotes(mail, p.notes);
    if (isCover) mail = fillCover(mail, p.cover.title, p.notes);
    if (o.to || o.cc) mail = setRecipients(mail, o.to ?? [], o.cc ?? []);
    if (isCover || p.single) {
      mail = declareUtf8(mail);
      const body = withoutEmptyPrerequisite(withPrerequisiteLines(mail.body.toString('latin1'), series.base, p.state.deps));
      mail = { head: mail.head, body: Buffer.from(body, 'latin1') };
    }
    checkHeaders(mail, basename(f));
    writeFileSync(f, serializeMail(mail));
  }
  return files;
}

export interface RenderedCover {
  /** The Subject, decoded. */
  subject: string;
  /** The letter's text (for a single patch: the notes section between `---` and the diff). */
  text: string;
  single: boolean;
  prepared: Prepared;
}

/** Strip git's "-- \n<version>" signature at the end of a mail body. */
function withoutSignature(body: string): string {
  return body.replace(/\n-- \n[^\n]*\n*$/, '\n').trimEnd();
}

/** The cover letter as it will be exported (the notes of the patch, for a single-patch series). */
export async function renderCover(series: Series, state: BranchState): Promise<RenderedCover> {
  const p = await prepare(series, state);
  const tmp = makeTempDir('patchpilot-cover-');
  testPause('cover-rendering');
  try {
    const files = await formatPatch(p, { outDir: tmp, thread: false });
    // For reading only: bytes that are not UTF-8 show as U+FFFD here, never in an export.
    const body = parseMail(readFileSync(files[0]!)).body.toString('utf8');
    const subject = p.single
      ? `${subjectTag(p.prefixes, series.version, 1, 1)} ${series.commits[0]!.subject}`
      : `${subjectTag(p.prefixes, series.version, 0, series.commits.length)} ${p.cover.title || SUBJECT_HERE}`;
    if (!p.single) return { subject, text: withoutSignature(body), single: false, prepared: p };
    const start = body.search(/^---$/m);
    const diff = body.search(/^diff --git /m);
    const notes = body.slice(start + 4, diff < 0 ? undefined : diff).trimEnd();
    const base = /^base-commit: .*$/m.exec(body.slice(diff < 0 ? 0 : diff))?.[0];
    return { subject, text: [notes, base].filter(Boolean).join('\n\n'), single: true, prepared: p };
  } finally {
    removeTempDir(tmp);
  }
}

// ---- export ----------------------------------------------------------------------

/** How many earlier exports are remembered (their directories may be exported into again). */
const HISTORY = 50;

const mailboxes = (l: readonly Mailbox[]) => l.map((m) => formatHeaderMailbox(m.name, m.email));

/**
 * Every recipient, whatever it came from (MAINTAINERS, .mailmap, trailers,
 * the state file), must be one that can go into a header and onto git
 * send-email's command line as it is: no control character, no local part
 * starting with '-'. Checked before anything is written.
 */
function checkRecipients(plan: RecipientPlan): void {
  const all = [...plan.to, ...plan.cc, ...(plan.perPatch ?? []).flatMap((p) => [...p.to, ...p.cc])];
  for (const m of all) {
    const bad = mailboxProblem(m.name, m.email);
    if (bad)
      throw new UsageError(
        `recipient ${displayArg(formatHeaderMailbox(m.name, m.email))} cannot be sent to: ${bad}; drop it with patchpilot cc ${shellQuote(`--drop=${m.email}`)}`,
      );
  }
}

/** Write the files into `dir` and remember the export in the branch state (send-cmd and sent read it). */
export async function exportSeries(p: Prepared, recipients: RecipientPlan, dir: string): Promise<ExportRecord> {
  const { series } = p;
  const empty = series.commits.find((c) => !c.files.length);
  if (empty) {
    throw new UsageError(
      `commit ${empty.sha.slice(0, 12)} (${displayArg(empty.subject)}) changes no file; git send-email cannot send an empty patch: drop it or give it content (git rebase -i), then export again`,
    );
  }
  const { abs, old } = checkTarget(dir, knownExports(p.state));
  let stage: string;
  try {
    mkdirSync(dirname(abs), { recursive: true });
    removeStaleStages(abs);
    stage = mkdtempSync(join(dirname(abs), `.${basename(abs)}.patchpilot-${process.pid}-`));
  } catch (e) {
    fsError(dir, e);
  }
  try {
    const from = series.submitter ? formatHeaderMailbox(series.submitter.name, series.submitter.email) : undefined;
    checkRecipients(recipients);
    const to = mailboxes(recipients.to);
    const cc = mailboxes(recipients.cc);
    // A new version starts a new thread (its changelog links the previous one); replying to it is the submitter's opt-in.
    const inReplyTo = p.state.threadToPrevious ? p.prev?.messageId : undefined;
    const staged = await formatPatch(p, { outDir: stage, to: recipients.to, cc: recipients.cc, from, inReplyTo, thread: true });
    const perPatch: NonNullable<ExportRecord['perPatch']> = [];
    if (recipients.perPatch) {
      for (const f of staged.slice(p.single ? 0 : 1)) {
        const raw = readFileSync(f);
        const sha = /^From ([0-9a-f]{40,64}) /.exec(raw.subarray(0, 80).toString('latin1'))?.[1];
        const own = recipients.perPatch.find((r) => r.sha === sha);
        if (!sha || !own) continue;
        const pt = mailboxes(own.to);
        const pc = mailboxes(own.cc);
        const mail = setRecipients(parseMail(raw), own.to, own.cc);
        checkHeaders(mail, basename(f));
        writeFileSync(f, serializeMail(mail));
        perPatch.push({ file: join(abs, basename(f)), sha, to: pt, cc: pc });
      }
    }
    const firstMessageId = headerValue(readFileSync(staged[0]!), 'Message-Id');
    const digests = Object.fromEntries(staged.map((f) => [basename(f), sha256(readFileSync(f))]));
    try {
      mkdirSync(abs, { recursive: true });
      for (const f of old) unlinkSync(join(abs, f));
      for (const f of staged) renameSync(f, join(abs, basename(f)));
    } catch (e) {
      fsError(dir, e);
    }
    const record: ExportRecord = {
      dir: abs,
      files: staged.map((f) => join(abs, basename(f))),
      version: series.version,
      tip: series.repo.head,
      base: series.base.commit,
      ...(from ? { from } : {}),
      ...(!p.single && firstMessageId ? { coverMessageId: firstMessageId } : {}),
      ...(firstMessageId ? { firstMessageId } : {}),
      ...(inReplyTo ? { inReplyTo } : {}),
      textDigest: textDigest(p),
      to,
      cc,
      ...(recipients.perPatch ? { perPatch } : {}),
      at: new Date().toISOString(),
      digests,
    };
    updateState(series.repo.commonDir, series.branch!, (s) => {
      // The files of earlier exports into this directory are gone or replaced; keep the others' records.
      s.exports = [...knownExports(s).filter((r) => r.dir !== abs), record].slice(-HISTORY);
      s.exported = record;
    });
    return record;
  } finally {
    rmSync(stage!, { recursive: true, force: true });
  }
}

// ---- recipients --------------------------------------------------------------------

/** The recipients exactly as `patchpilot cc` computes them (approvers included), as export needs them. */
export async function recipientPlan(series: Series, state: BranchState): Promise<RecipientPlan> {
  const r = await seriesRecipients(series, state);
  const box = (x: Recipient) => ({ name: x.name, email: x.email });
  return {
    to: r.to.map(box),
    cc: r.cc.map(box),
    ...(r.perPatch ? { perPatch: r.perPatch.map((p) => ({ sha: p.sha, to: p.to.map(box), cc: p.cc.map(box) })) } : {}),
  };
}

/** Why an earlier export no longer matches the branch, or null when it still does. */
export function staleReason(record: ExportRecord, p: Prepared, plan: RecipientPlan): string | null {
  const { series } = p;
  if (record.version !== series.version) return `it was v${record.version} and the branch is now v${series.version}`;
  if (record.tip !== series.repo.head) return 'the branch changed since';
  if (record.textDigest && record.textDigest !== textDigest(p)) return 'the cover letter changed since';
  const same = (a: readonly string[], b: readonly Mailbox[]) => a.join('\n') === mailboxes(b).join('\n');
  if (!same(record.to, plan.to) || !same(record.cc, plan.cc) || Boolean(record.perPatch) !== Boolean(plan.perPatch)) return 'the recipients changed since';
  for (const p of record.perPatch ?? []) {
    const now = plan.perPatch?.find((x) => x.sha === p.sha);
    if (!now || !same(p.to, now.to) || !same(p.cc, now.cc)) return 'the recipients changed since';
  }
  return null;
}
