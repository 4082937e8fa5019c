/**
 * Earlier versions of the series: what was sent, where it ended, which
 * Message-ID its cover letter had. Three sources agree on the shape:
 * our own record in the branch state (tag `<branch>-vN`), git-publish's tags
 * (the same `<branch>-vN` names, annotated with the cover letter) and b4's
 * `sent/<change-id>-vN` or `sent/<branch without b4/>-vN` tags, whose
 * Message-IDs b4 keeps in the cover commit's tracking data.
 */
import { UsageError } from '../errors.js';
import { jsonQuote } from '../text/shell.js';
import { listedRefs, type Repo } from '../git/repo.js';
import type { B4Cover } from './read.js';
import { updateState, type BranchState } from '../store/state.js';

export interface VersionRecord {
  version: number;
  /** The tag that marks it, when there is one. */
  tag?: string;
  /** The last commit of that version. */
  tip: string;
  /** Its base, when known (our record, or `base-commit:` in the tag message). */
  base?: string;
  messageId?: string;
  source: 'patchpilot' | 'git-publish' | 'b4';
}

export function versionTagName(branch: string, version: number): string {
  return `${branch}-v${version}`;
}

/** A lore link for a Message-ID, the form b4 and the kernel's Link: trailers use. */
export function loreLink(messageId: string): string {
  return `https://lore.kernel.org/r/${messageId.replace(/^<|>$/g, '')}`;
}

/** `<id@host>` from what the user typed (with or without angle brackets). */
export function normalizeMessageId(input: string): string {
  const id = input.trim().replace(/^<|>$/g, '');
  if (!/^[^\s<>@]+@[^\s<>@]+$/.test(id)) throw new UsageError(`${jsonQuote(input)} is not a Message-ID (expected something like <20260101.1234@example.org>)`);
  return `<${id}>`;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function b4Tracking(b4?: Pick<B4Cover, 'tracking'>): { changeId?: string; history: Record<string, string[]> } {
  const series = (b4?.tracking?.series ?? {}) as { 'change-id'?: unknown; history?: unknown };
  const history: Record<string, string[]> = {};
  if (series.history && typeof series.history === 'object') {
    for (const [k, v] of Object.entries(series.history as Record<string, unknown>)) {
      if (Array.isArray(v)) history[k] = v.filter((x): x is string => typeof x === 'string');
    }
  }
  return { changeId: typeof series['change-id'] === 'string' ? series['change-id'] : undefined, history };
}

/** Whether a ref is a tag that may mark a sent version of the branch (`refs/tags/<branch>-v*`, `refs/tags/sent/...`). */
const versionTag = (branch: string) => (ref: string) => ref.startsWith(`refs/tags/${branch}-v`) || ref.startsWith('refs/tags/sent/');

/**
 * `git <args>` about some tags, or nothing without a git process when the refs openRepo listed hold none that `wanted`
 * takes (the common case: a series never sent or published).
 */
async function tagDetails(repo: Repo, wanted: (ref: string) => boolean, args: string[]): Promise<string> {
  const listed = await listedRefs(repo);
  if (listed && !listed.some((r) => wanted(r.ref))) return '';
  return repo.git.run(args);
}

/** Every known version of the branch, oldest first, one record per version number. */
export async function listVersions(repo: Repo, branch: string, state: BranchState, b4Cover?: B4Cover): Promise<VersionRecord[]> {
  const byVersion = new Map<number, VersionRecord>();
  for (const s of state.sent) {
    byVersion.set(s.version, { version: s.version, tag: s.tag, tip: s.tip, base: s.base, messageId: s.messageId, source: 'patchpilot' });
  }
  const b4 = b4Tracking(b4Cover);
  const b4Bases = [b4.changeId, branch.startsWith('b4/') ? branch.slice(3) : branch].filter((x): x is string => Boolean(x));
  const patterns: { re: RegExp; source: VersionRecord['source'] }[] = [
    { re: new RegExp(`^refs/tags/${escapeRe(branch)}-v(\\d+)$`), source: 'git-publish' },
    ...b4Bases.map((b) => ({ re: new RegExp(`^refs/tags/sent/${escapeRe(b)}-v(\\d+)$`), source: 'b4' as const })),
  ];
  const out = await tagDetails(repo, versionTag(branch), [
    'for-each-ref',
    '--format=%(refname)%00%(objectname)%00%(*objectname)%00%(contents)%00%1e',
    `refs/tags/${branch}-v*`,
    'refs/tags/sent/',
  ]);
  for (const rec of out.split('\0\x1e')) {
    const [ref, obj, peeled, contents] = rec.replace(/^\n/, '').split('\0') as [string, string, string, string];
    if (!ref) continue;
    for (const p of patterns) {
      const m = p.re.exec(ref);
      if (!m) continue;
      const version = Number(m[1]);
      const tip = peeled || obj;
      const tagBase = /^base-commit: ([0-9a-f]{7,64})$/m.exec(contents ?? '')?.[1];
      const known = byVersion.get(version);
      if (known) {
        known.base ??= tagBase;
        known.tag ??= ref.slice('refs/tags/'.length);
      } else {
        const messageId = p.source === 'b4' ? b4.history[`v${version}`]?.at(-1) : undefined;
        byVersion.set(version, {
          version,
          tag: ref.slice('refs/tags/'.length),
          tip,
          ...(tagBase ? { base: tagBase } : {}),
          ...(messageId ? { messageId: normalizeMessageId(messageId) } : {}),
          source: p.source,
        });
      }
      break;
    }
  }
  for (const r of byVersion.values()) {
    if (!r.messageId && b4.history[`v${r.version}`]?.length) r.messageId = normalizeMessageId(b4.history[`v${r.version}`]!.at(-1)!);
  }
  return [...byVersion.values()].sort((a, b) => a.version - b.version);
}

/**
 * The cover letter git-publish would start the next version from (its
 * get_latest_tag_message): the message of the `<branch>-staging` tag, else of
 * the newest `<branch>-vN` tag; only annotated tags, and not the ones
 * patchpilot made (their message is a whole rendered letter). The first line
 * is the subject, the lines after the blank line the body.
 */
export async function gitPublishCover(repo: Repo, branch: string, state: Pick<BranchState, 'sent'>): Promise<{ title: string; body: string } | undefined> {
  const out = await tagDetails(repo, (r) => r === `refs/tags/${branch}-staging` || r.startsWith(`refs/tags/${branch}-v`), [
    'for-each-ref',
    '--format=%(refname)%00%(objecttype)%00%(contents)%00%1e',
    `refs/tags/${branch}-staging`,
    `refs/tags/${branch}-v*`,
  ]);
  const ours = new Set(state.sent.map((x) => x.tag).filter(Boolean));
  const re = new RegExp(`^refs/tags/${escapeRe(branch)}-(?:v(\\d+)|(staging))$`);
  let best: { rank: number; text: string } | undefined;
  for (const rec of out.split('\0\x1e')) {
    const [ref, type, contents] = rec.replace(/^\n/, '').split('\0') as [string, string, string];
    const m = ref ? re.exec(ref) : null;
    if (!m || type !== 'tag' || ours.has(ref.slice('refs/tags/'.length))) continue;
    // The staging tag wins, as in git-publish; else the highest version.
    const rank = m[2] ? Infinity : Number(m[1]);
    if (!best || rank > best.rank) best = { rank, text: contents ?? '' };
  }
  const text = best?.text.replace(/\r\n/g, '\n').trim();
  if (!text) return undefined;
  const lines = text.split('\n');
  return { title: lines[0]!.trim(), body: lines.slice(2).join('\n').trim() };
}

/** The newest version before `version`, if any was recorded. */
export function previousOf(versions: VersionRecord[], version: number): VersionRecord | undefined {
  return versions.filter((v) => v.version < version).at(-1);
}

/**
 * The previous version as a `base..tip` range for range-diff. Without a recorded
 * base, the merge-base with the current base is the old base as long as the old
 * series is not itself part of the new base.
 */
export async function previousRange(repo: Repo, prev: VersionRecord, currentBase: string): Promise<string> {
  let base = prev.base;
  if (base && (await repo.git.tryRun(['cat-file', '-e', `${base}^{commit}`])) === null) base = undefined;
  if (base === undefined) base = (await repo.git.tryRun(['merge-base', prev.tip, currentBase]))?.trim() || undefined;
  if (!base) throw new UsageError(`cannot tell where v${prev.version} (${prev.tag ?? prev.tip.slice(0, 12)}) started; it shares no history with the base`);
  return `${base}..${prev.tip}`;
}

/**
 * Create the annotated tag `name` on `commit` with `message` kept verbatim.
 * A tag already there on the same commit is that same version: kept. On
 * another commit it marks a version sent before: the user records this one
 * under the next number, never by deleting what marks a sent version.
 */
export async function createVersionTag(repo: Repo, name: string, commit: string, message: string, version?: number): Promise<void> {
  if ((await repo.git.tryRun(['check-ref-format', `refs/tags/${name}`])) === null) throw new UsageError(`${jsonQuote(name)} is not a valid tag name`);
  const existing = (await repo.git.tryRun(['rev-parse', '-q', '--verify', `refs/tags/${name}^{commit}`]))?.trim();
  if (existing === commit) return;
  if (existing) {
    const next = version !== undefined ? ` (patchpilot sent --version ${version + 1})` : '';
    throw new UsageError(`tag ${name} already marks a sent version (on ${existing.slice(0, 12)}); record this one as a later version${next}`);
  }
  await repo.git.exec(['tag', '-a', '--cleanup=verbatim', '-F', '-', name, commit], { input: message });
}

/** Tag refs that may mark sent versions of the branch (`<branch>-vN`, `sent/...`), in one git call. */
export async function versionTagRefs(repo: Repo, branch: string): Promise<string[]> {
  // openRepo listed every tag already (src/git/repo.ts): no git call of its own then.
  const listed = await listedRefs(repo);
  if (listed !== null) return listed.map((r) => r.ref).filter(versionTag(branch));
  const out = await repo.git.run(['for-each-ref', '--format=%(refname)', `refs/tags/${branch}-v*`, 'refs/tags/sent/']);
  return out.split('\n').filter(Boolean);
}

/** The versions that tags say were sent: git-publish's `<branch>-vN`, b4's `sent/<name>-vN`. */
export function taggedVersions(refs: readonly string[], branch: string, b4Cover?: Pick<B4Cover, 'tracking'>): number[] {
  const b4 = b4Tracking(b4Cover);
  const names = [branch, ...[b4.changeId, branch.startsWith('b4/') ? branch.slice(3) : branch].filter(Boolean).map((b) => `sent/${b}`)];
  const res = names.map((n) => new RegExp(`^refs/tags/${escapeRe(n)}-v(\\d+)$`));
  const out = new Set<number>();
  for (const ref of refs) {
    for (const re of res) {
      const m = re.exec(ref);
      if (m) out.add(Number(m[1]));
    }
  }
  return [...out].sort((x, y) => x - y);
}

/** The highest version that tags say was sent; 0 when none. */
export function highestTagged(refs: readonly string[], branch: string, b4Cover?: B4Cover): number {
  return taggedVersions(refs, branch, b4Cover).at(-1) ?? 0;
}

/**
 * The version being prepared: the state's or b4's (versionOf), but at least
 * one above every version a tag says was sent, as git-publish and b4 count;
 * a version the submitter set (sent --version, cover --force-revision) stands.
 */
export function preparedVersion(base: number, tagged: number, state?: Pick<BranchState, 'versionForced'>): number {
  if (state?.versionForced) return base;
  return Math.max(base, tagged + 1);
}

/**
 * Remember whether the next exports reply to the previous version's cover
 * letter (opt-in) or start a new thread (the default: submitting-patches.rst).
 */
export function setThreadToPrevious(repo: Repo, branch: string, on: boolean): BranchState {
  return updateState(repo.commonDir, branch, (s) => {
    if (on) s.threadToPrevious = true;
    else delete s.threadToPrevious;
  });
}

/**
 * Set the version being prepared by hand (b4 prep --force-revision, git-publish
 * --number): it stands even below a version a tag marks as sent.
 */
export function forceVersion(repo: Repo, branch: string, version: number): BranchState {
  if (!Number.isInteger(version) || version < 1 || version > 999) throw new UsageError(`${jsonQuote(String(version))} is not a version number (1 to 999)`);
  return updateState(repo.commonDir, branch, (s) => {
    s.version = version;
    s.versionForced = true;
  });
}
