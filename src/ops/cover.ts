/**
 * The cover letter: its parts as the submitter wrote them (title, body,
 * this version's changes, subject prefixes), changing them, the text for
 * $EDITOR, and the letter as export will write it.
 */
import { resolve } from 'node:path';
import { coverText, editTemplate, parseEdited, subjectTag, validatePrefix, validateTitle, type CoverText } from '../letter/cover.js';
import { renderCover, recipientPlan, type RenderedCover } from '../letter/export.js';
import { formatHeaderMailbox } from '../mail/address.js';
import { UsageError } from '../errors.js';
import { b4Managed } from '../b4/base.js';
import { listVersions, previousOf } from '../series/versions.js';
import { updateState, type BranchState } from '../store/state.js';
import { checkOutputTarget, writeFileAtomic } from '../store/files.js';
import { displayArg } from '../text/shell.js';
import type { OnBranch } from './branch.js';

export interface CoverChanges {
  title?: string;
  body?: string;
  /** What changed in this version (v2 and later): replaces this version's changelog. */
  changes?: string;
  /** Lines added at the end of this version's changelog. */
  addChanges?: string;
  /** Replace the subject prefixes ([] clears them). */
  prefixes?: string[];
  /** Add (true) or remove (false) the RFC prefix alone. */
  rfc?: boolean;
  /** Title, body and changes as written in $EDITOR (see editText). */
  edited?: string;
}

export function hasCoverChanges(c: CoverChanges): boolean {
  return (
    c.title !== undefined ||
    c.body !== undefined ||
    c.changes !== undefined ||
    c.addChanges !== undefined ||
    c.prefixes !== undefined ||
    c.rfc !== undefined ||
    c.edited !== undefined
  );
}

/**
 * Refuse what cannot be stored (a title on several lines, a bad prefix, changes for v1) before anything is asked
 * or written: a command either changes all it was asked to or nothing.
 *
 * On a b4 prep branch the title, body and changelog are b4's: b4 send reads them from its cover commit only, so a
 * copy kept here would drift from it (the two tools would send different subjects or changelogs after b4 prep
 * --edit-cover, and b4 send refuses while its changelog still says EDITME).
 */
export async function checkCoverChanges(o: OnBranch, c: CoverChanges): Promise<void> {
  if (c.title !== undefined) validateTitle(c.title);
  c.prefixes?.forEach(validatePrefix);
  if ((c.changes !== undefined || c.addChanges !== undefined) && o.series.version < 2) {
    throw new UsageError(
      `cover: ${c.changes !== undefined ? '--changes' : '--add-changes'} is for v2 and later; this is v1 (patchpilot sent records a sent version and starts the next); nothing was changed`,
    );
  }
  const b4Owned = c.title !== undefined || c.body !== undefined || c.edited !== undefined || c.changes !== undefined || c.addChanges !== undefined;
  if (o.series.b4Cover && b4Owned && (await b4Managed(o.repo, o.branch))) {
    throw new UsageError(
      "cover: this branch is b4's (b4 prep): its cover commit holds the title, the body and the changelog, and b4 send reads them from there; change them with b4 prep --edit-cover; nothing was changed",
    );
  }
}

/** Validate and store the changes; returns the branch state as saved. */
export async function changeCover(o: OnBranch, c: CoverChanges): Promise<{ state: BranchState; titleGiven: boolean; replacedChanges?: string }> {
  const { series } = o;
  await checkCoverChanges(o, c);
  const title = c.title !== undefined ? validateTitle(c.title) : undefined;
  const prefixes = c.prefixes?.map(validatePrefix);
  const edited = c.edited !== undefined ? parseEdited(c.edited, series.version) : undefined;
  if (!hasCoverChanges({ ...c, edited: undefined }) && !edited) return { state: o.state, titleGiven: false };
  const seeded = await coverText(o.repo, series, o.state);
  const key = String(series.version);
  const before = (o.state.cover.changes[key] ?? '').trim();
  const state = updateState(o.repo.commonDir, o.branch, (s) => {
    // The first change keeps what was seeded from b4 or the branch description.
    if (s.cover.title === undefined && s.cover.body === undefined && seeded.source !== 'none') {
      s.cover.title = seeded.title;
      s.cover.body = seeded.body;
    }
    if (edited) {
      s.cover.title = edited.title;
      s.cover.body = edited.body;
      if (edited.changes !== undefined) s.cover.changes[String(series.version)] = edited.changes;
    }
    if (title !== undefined) s.cover.title = title;
    if (c.body !== undefined) s.cover.body = c.body.replace(/\r\n/g, '\n').trim();
    if (c.changes !== undefined) s.cover.changes[key] = c.changes.replace(/\r\n/g, '\n').trim();
    if (c.addChanges !== undefined)
      s.cover.changes[key] = [(s.cover.changes[key] ?? '').trim(), c.addChanges.replace(/\r\n/g, '\n').trim()].filter(Boolean).join('\n');
    if (prefixes) s.cover.prefixes = [...new Set(prefixes)];
    if (c.rfc === true && !s.cover.prefixes.includes('RFC')) s.cover.prefixes = ['RFC', ...s.cover.prefixes];
    if (c.rfc === false) s.cover.prefixes = s.cover.prefixes.filter((p) => p !== 'RFC');
  });
  // --changes sets the whole changelog of this version (as b4 keeps one text): say so when it replaced another.
  const replaced = c.changes !== undefined && before && before !== (state.cover.changes[key] ?? '').trim() ? before : undefined;
  return { state, titleGiven: title !== undefined || Boolean(edited?.title), ...(replaced ? { replacedChanges: replaced } : {}) };
}

/** The recipients for the editor's comments; a tree whose recipients cannot be computed just shows none. */
async function editRecipients(o: OnBranch): Promise<{ to: string[]; cc: string[] } | undefined> {
  try {
    const plan = await recipientPlan(o.series, o.state);
    const fmt = (l: { name: string; email: string }[]) => l.map((m) => formatHeaderMailbox(m.name, m.email));
    return { to: fmt(plan.to), cc: fmt(plan.cc) };
  } catch (e) {
    if (e instanceof UsageError) return undefined;
    throw e;
  }
}

/** The text to open in $EDITOR: title, body, changes, and help below a scissors line. */
export async function coverEditText(o: OnBranch): Promise<string> {
  const { series, state } = o;
  const [seeded, versions, recipients] = await Promise.all([
    coverText(o.repo, series, state),
    listVersions(o.repo, o.branch, state, series.b4Cover),
    editRecipients(o),
  ]);
  const n = series.commits.length;
  return editTemplate(seeded, state, {
    version: series.version,
    prev: previousOf(versions, series.version),
    subjectTag: subjectTag(state.cover.prefixes, series.version, 0, n),
    shortlog: series.commits.map((c) => c.subject),
    recipients,
  });
}

export interface CoverLetter {
  rendered: RenderedCover;
  /** "Subject: ...", a blank line, the text: what -o writes. */
  letter: string;
  /** The parts as the submitter wrote them (or as seeded from b4 or the branch description). */
  text: CoverText;
  changes: string;
}

/** The letter as export will write it (for a single patch: the notes below its `---`). */
export async function showCover(o: OnBranch, state: BranchState = o.state): Promise<CoverLetter> {
  const [rendered, text] = await Promise.all([renderCover(o.series, state), coverText(o.repo, o.series, state)]);
  return {
    rendered,
    letter: `Subject: ${rendered.subject}\n\n${rendered.text}\n`,
    text,
    changes: state.cover.changes[String(o.series.version)] ?? '',
  };
}

/** Whether -o may write there (a new or regular file), checked before the cover changes. */
export { checkOutputTarget };

/** Write the letter to a file (atomically). */
export function writeCover(path: string, letter: string): void {
  checkOutputTarget(path);
  try {
    writeFileAtomic(resolve(path), letter);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot write ${displayArg(path)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
