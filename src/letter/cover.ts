/**
 * The cover letter's own text: title, body, subject prefixes and the
 * changelog, as kept in the branch state, and the blurb they make. The
 * shortlog, diffstat, range-diff and base-commit are left to git
 * format-patch (src/export.ts), so the letter matches what git writes.
 */
import { acceptanceCoverSection } from '../acceptance/cover-section.js';
import { UsageError } from '../errors.js';
import { scissorsBlock } from '../editor.js';
import { jsonQuote } from '../text/shell.js';
import { configValue, type Repo } from '../git/repo.js';
import type { Series } from '../series/read.js';
import type { BranchState } from '../store/state.js';
import { gitPublishCover, loreLink, type VersionRecord } from '../series/versions.js';
import { b4CoverParts, withoutEditme } from '../b4/cover.js';
import { b4Managed } from '../b4/base.js';

/** Prefixes placed before "PATCH" (git format-patch --rfc does the same); the rest, such as tree tags, follow it. */
const BEFORE_PATCH = new Set(['RFC', 'RESEND']);
const PREFIX_RE = /^[A-Za-z0-9][A-Za-z0-9._+/-]*$/;

export interface CoverText {
  title: string;
  body: string;
  /** Where the text came from when the state had none yet. */
  source: 'state' | 'b4' | 'description' | 'git-publish' | 'none';
}

export function validateTitle(input: string): string {
  if (/[\r\n]/.test(input)) throw new UsageError('the cover letter title must be one line (it becomes the Subject)');
  if (/[\u0000-\u001f\u007f]/.test(input)) throw new UsageError('the cover letter title contains a control character');
  return input.trim();
}

/** One subject prefix such as RFC or net-next; "PATCH" and "vN" are added by patchpilot. */
export function validatePrefix(input: string): string {
  const p = input.trim();
  if (!PREFIX_RE.test(p)) throw new UsageError(`subject prefix ${jsonQuote(input)} is not one word of letters, digits and . _ + / - (e.g. RFC, net-next)`);
  if (/^patch$/i.test(p)) throw new UsageError('"PATCH" is always in the subject; give only the extra prefixes (e.g. RFC, net-next)');
  if (/^v\d+$/i.test(p)) throw new UsageError(`${jsonQuote(p)} is a version: patchpilot numbers versions itself (patchpilot sent starts the next one)`);
  return BEFORE_PATCH.has(p.toUpperCase()) ? p.toUpperCase() : p;
}

/** What git format-patch takes as --subject-prefix: "RFC PATCH net-next". */
export function subjectPrefix(prefixes: readonly string[]): string {
  const before = prefixes.filter((p) => BEFORE_PATCH.has(p.toUpperCase()));
  const after = prefixes.filter((p) => !BEFORE_PATCH.has(p.toUpperCase()));
  return [...before, 'PATCH', ...after].join(' ');
}

/** "[RFC PATCH net-next v2 0/3]": what the subject of patch `index` of `total` starts with. */
export function subjectTag(prefixes: readonly string[], version: number, index: number, total: number): string {
  const v = version > 1 ? ` v${version}` : '';
  const n = total > 1 ? ` ${index}/${total}` : '';
  return `[${subjectPrefix(prefixes)}${v}${n}]`;
}

/** b4's prefixes (from its tracking data) when the state has none. */
function b4Prefixes(series: Series): string[] {
  const p = (series.b4Cover?.tracking?.series as { prefixes?: unknown } | undefined)?.prefixes;
  return Array.isArray(p) ? p.filter((x): x is string => typeof x === 'string' && PREFIX_RE.test(x)) : [];
}

export function coverPrefixes(series: Series, state: BranchState): string[] {
  return state.cover.prefixes.length ? state.cover.prefixes : b4Prefixes(series);
}

function splitDescription(text: string): { title: string; body: string } {
  const t = text.replace(/\r\n/g, '\n').trim();
  const nl = t.indexOf('\n\n');
  const head = nl < 0 ? t : t.slice(0, nl);
  return { title: head.replace(/\s*\n\s*/g, ' ').trim(), body: nl < 0 ? '' : t.slice(nl + 2).trim() };
}

/**
 * The cover text. On a branch b4 prepared, b4's cover commit, always: b4
 * send reads it from there, so b4 prep --edit-cover must reach patchpilot too.
 * Elsewhere what the state holds; before anything was set, the branch
 * description (`git branch --edit-description`), else the cover letter of
 * git-publish's last tag, as git-publish starts the next version from it.
 */
export async function coverText(repo: Repo, series: Series, state: BranchState): Promise<CoverText> {
  const b4 = series.b4Cover && (series.b4Cover.subject || series.b4Cover.body) ? series.b4Cover : undefined;
  const own = state.cover.title !== undefined || state.cover.body !== undefined;
  if (b4 && (!own || (await b4Managed(repo, series.branch)))) {
    const parts = b4CoverParts(`${b4.subject}\n\n${b4.body}`);
    return { title: parts.subject.startsWith('EDITME') ? '' : parts.subject, body: withoutEditme(parts.body), source: 'b4' };
  }
  if (own) return { title: state.cover.title ?? '', body: state.cover.body ?? '', source: 'state' };
  if (series.branch) {
    const [desc, published] = await Promise.all([configValue(repo, `branch.${series.branch}.description`), gitPublishCover(repo, series.branch, state)]);
    if (desc.trim()) return { ...splitDescription(desc), source: 'description' };
    if (published && (published.title || published.body)) return { ...published, source: 'git-publish' };
  }
  return { title: '', body: '', source: 'none' };
}

/** Versions whose "Changes in vN" heading the text already has (b4 writes them into its cover). */
function changelogHeadings(text: string): Set<number> {
  return new Set([...text.matchAll(/^Changes in v(\d+):?[ \t]*$/gim)].map((m) => Number(m[1])));
}

/** "Changes in vN" blocks, newest first, each ending with a link to the version before it when known; none for versions `skip` holds. */
export function changelog(state: BranchState, version: number, versions: readonly VersionRecord[], skip: ReadonlySet<number> = new Set()): string {
  const blocks: string[] = [];
  for (let v = version; v >= 2; v--) {
    if (skip.has(v)) continue;
    const text = (state.cover.changes[String(v)] ?? '').trim();
    const prev = versions.find((r) => r.version === v - 1);
    if (!text && !prev?.messageId && v !== version) continue;
    const lines = [`Changes in v${v}:`];
    if (text) lines.push(...bullets(text));
    if (prev?.messageId) lines.push(`- Link to v${v - 1}: ${loreLink(prev.messageId)}`);
    if (lines.length > 1) blocks.push(lines.join('\n'));
  }
  return blocks.join('\n\n');
}

function bullets(text: string): string[] {
  return text.split('\n').map((l) => (l.trim() && !/^\s*[-*]\s/.test(l) && !/^\s/.test(l) ? `- ${l}` : l));
}

/** The changelog text kept in the state, put under the headings the body already has (b4's, whose EDITME lines are gone). */
function fillHeadings(body: string, state: BranchState): string {
  return body.replace(/^Changes in v(\d+):?[ \t]*$/gim, (line, n: string) => {
    const text = (state.cover.changes[n] ?? '').trim();
    return text ? `${line}\n${bullets(text).join('\n')}` : line;
  });
}

/** The blurb's parts in the order of the letter: body, changelog, acceptance answers. */
export function blurbBody(body: string, state: BranchState, version: number, versions: readonly VersionRecord[]): string {
  const own = changelogHeadings(body);
  const text = own.size ? fillHeadings(body.trim(), state) : body.trim();
  return [text, changelog(state, version, versions, own), acceptanceCoverSection(state)].filter(Boolean).join('\n\n');
}

/** Text that still needs the submitter: shown as warnings, and git send-email refuses the subject placeholder. */
export function coverWarnings(cover: CoverText, state: BranchState, version: number, single: boolean): string[] {
  const w: string[] = [];
  if (!single && !cover.title) w.push('the cover letter has no title yet: set one with patchpilot cover --title T');
  if (!single && !cover.body) w.push('the cover letter has no body yet: write one with patchpilot cover --body T or --edit');
  if (version > 1 && !(state.cover.changes[String(version)] ?? '').trim())
    w.push(`nothing is written under "Changes in v${version}" yet: patchpilot cover --changes T`);
  return w;
}

export interface EditContext {
  version: number;
  prev?: VersionRecord;
  subjectTag: string;
  shortlog: string[];
  recipients?: { to: string[]; cc: string[] };
}

/**
 * The file opened in the editor: the text, then a scissors line with help
 * below it; everything from the scissors line on is removed afterwards
 * (src/editor.ts), so '#' lines in the text, such as `#include`, stay.
 */
export function editTemplate(cover: CoverText, state: BranchState, c: EditContext): string {
  const lines = [cover.title, '', cover.body];
  if (c.version > 1) lines.push('', `Changes in v${c.version}:`, (state.cover.changes[String(c.version)] ?? '').trim());
  const single = c.shortlog.length === 1;
  const help = [
    single
      ? 'A single patch has no cover letter: the first line (the title) is not used, the body goes below the --- line of the patch.'
      : `The first line is the title: the subject will be "${c.subjectTag} <title>".`,
    'The lines after the blank line are the body.',
    ...(c.version > 1 ? [`The lines under "Changes in v${c.version}:" are this version's changelog (newest versions first).`] : []),
    'Save an empty title and body to keep things as they were.',
    '',
    `Version: v${c.version}${c.prev ? ` (previous: v${c.prev.version}${c.prev.tag ? `, tag ${c.prev.tag}` : ''}${c.prev.messageId ? `, ${c.prev.messageId}` : ''})` : ''}`,
  ];
  if (c.recipients) {
    help.push('');
    for (const [k, list] of [
      ['To', c.recipients.to],
      ['Cc', c.recipients.cc],
    ] as const) {
      help.push(`${k}:${list.length ? '' : ' (nobody)'}`, ...list.map((a) => `  ${a}`));
    }
  }
  help.push('', `${c.shortlog.length} patch${single ? '' : 'es'}:`, ...c.shortlog.map((s) => `  ${s}`));
  return `${lines.join('\n')}\n\n${scissorsBlock(help)}`;
}

/** Title, body and this version's changelog from the edited text (what was above the scissors line). */
export function parseEdited(text: string, version: number): { title: string; body: string; changes?: string } {
  const t = text.replace(/\r\n/g, '\n');
  const nl = t.indexOf('\n');
  const title = validateTitle(nl < 0 ? t : t.slice(0, nl));
  let rest = nl < 0 ? '' : t.slice(nl + 1);
  let changes: string | undefined;
  if (version > 1) {
    const marker = new RegExp(`^Changes in v${version}:[ \\t]*$`, 'm');
    const m = marker.exec(rest);
    if (m) {
      changes = rest.slice(m.index + m[0].length).trim();
      rest = rest.slice(0, m.index);
    }
  }
  return { title, body: rest.trim(), ...(changes !== undefined ? { changes } : {}) };
}
