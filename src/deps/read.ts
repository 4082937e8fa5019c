/**
 * What `patchpilot deps add` records: a prerequisite series read from a
 * range of commits, a local branch (its commits over its own base), or an
 * mbox of its mails (as lore serves a thread, or b4 am writes one), with
 * the patch id of every patch, so that a branch built on it is recognised
 * whether the commits were cherry-picked, rebased or applied from the mails.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { resolveBase, type Repo } from '../git/repo.js';
import type { Prerequisite } from '../store/state.js';
import { displayArg } from '../text/shell.js';
import { commitPatchIds } from './patch-ids.js';
import { B4_MARKER, trackedSeries } from '../b4/marker.js';

/** A Message-ID as given (with or without angle brackets), checked and without the brackets. */
export function checkMessageId(id: string): string {
  const v = id.trim().replace(/^<(.*)>$/, '$1');
  if (!/^[^\s<>@]+@[^\s<>@]+$/.test(v)) throw new UsageError(`${JSON.stringify(id)} is not a Message-ID (local-part@domain, angle brackets optional)`);
  return v;
}

async function fromCommits(repo: Repo, from: string, to: string): Promise<Prerequisite['patches']> {
  const out = await repo.git.run(['log', '--reverse', '--no-merges', '--format=%H%x00%s', `${from}..${to}`, '--']);
  const rows = out
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\0') as [string, string]);
  const ids = await commitPatchIds(
    repo.git,
    rows.map(([sha]) => sha),
  );
  return rows.filter(([sha]) => ids.has(sha)).map(([sha, subject]) => ({ patchId: ids.get(sha)!, subject, commit: sha }));
}

async function commitOf(repo: Repo, rev: string): Promise<string | null> {
  if (rev.startsWith('-')) return null;
  return (await repo.git.tryRun(['rev-parse', '-q', '--verify', '--end-of-options', `${rev}^{commit}`]))?.trim() || null;
}

const SUBJECT_TAG = /^\s*(?:\[[^\]]*\]\s*)+/;

/** "change-id:vN" from b4's cover commit in from..to, when b4 prepared that series. */
async function b4ChangeId(repo: Repo, from: string, to: string): Promise<string | undefined> {
  const log = await repo.git.run(['log', '-F', `--grep=${B4_MARKER}`, '--format=%B%x00', `${from}..${to}`, '--']);
  const msg = log.split('\0')[0] ?? '';
  const series = trackedSeries(msg);
  const id = series?.['change-id'];
  return typeof id === 'string' && /^[\w.-]+$/.test(id) ? `${id}:v${Number(series?.revision) || 1}` : undefined;
}

async function fromMbox(repo: Repo, path: string): Promise<Omit<Prerequisite, 'source' | 'at'>> {
  // Loaded here only: the mail parser is 1.6 MB, and the TUI's first frame and most commands never read mail.
  const { readMailbox } = await import('../mail/saved.js');
  const { messages } = await readMailbox(path);
  const patches = messages.filter((m) => /^diff --git /m.test(m.text));
  if (!patches.length) throw new UsageError(`${displayArg(path)} holds no patch (no message with a diff)`);
  const cover = messages.find((m) => /\[[^\]]*\b0+\/\d+\]/.test(m.subject));
  // One git call for every patch: each body after a "From <n>" line, numbered so that the ids come back in order.
  const input = patches.map((m, i) => `From ${i.toString(16).padStart(40, '0')} Mon Sep 17 00:00:00 2001\n\n${m.text}\n`).join('');
  const ids = new Map<number, string>();
  for (const line of (await repo.git.run(['patch-id', '--stable'], { input })).split('\n')) {
    const [pid, n] = line.split(' ');
    if (pid && n) ids.set(parseInt(n, 16), pid);
  }
  const list = patches.flatMap((m, i) => (ids.has(i) ? [{ patchId: ids.get(i)!, subject: m.subject.replace(SUBJECT_TAG, '').trim() }] : []));
  const baseCommit = /^base-commit: ([0-9a-f]{7,64})$/m.exec((cover ?? patches[0]!).text)?.[1];
  const base = baseCommit ? await commitOf(repo, baseCommit) : null;
  const first = cover ?? patches[0]!;
  return { kind: 'mbox', ...(first.id ? { messageId: first.id } : {}), patches: list, ...(base ? { base } : {}) };
}

/**
 * Read a prerequisite: an existing file is an mbox; A..B a range; a local
 * branch its commits over its own base (its upstream, or the usual
 * fallbacks); any other commit the commits from `upstream` (the series'
 * upstream base) up to it.
 */
export async function readPrerequisite(repo: Repo, spec: string, upstream: string, cwd = process.cwd()): Promise<Omit<Prerequisite, 'at'>> {
  const file = resolve(cwd, spec);
  if (!spec.includes('..') && existsSync(file) && statSync(file).isFile()) return { source: spec, ...(await fromMbox(repo, file)) };
  const range = /^(.+?)\.\.(\.)?(.+)$/.exec(spec);
  if (range) {
    if (range[2]) throw new UsageError(`deps add: ${spec} is a symmetric range; give A..B`);
    const [a, b] = [await commitOf(repo, range[1]!), await commitOf(repo, range[3]!)];
    if (!a || !b) throw new UsageError(`deps add: unknown revision in ${spec} (check it with git log ${spec})`);
    const patches = await fromCommits(repo, a, b);
    if (!patches.length) throw new UsageError(`deps add: ${spec} holds no commits`);
    return { source: spec, kind: 'range', patches, base: (await repo.git.run(['merge-base', a, b])).trim() };
  }
  const tip = await commitOf(repo, spec);
  if (!tip) throw new UsageError(`deps add: ${spec} is neither a file, a range A..B, a branch nor a commit`);
  const isBranch = (await repo.git.tryRun(['show-ref', '--verify', '-q', `refs/heads/${spec}`])) !== null;
  if (isBranch && spec === repo.branch) throw new UsageError(`deps add: ${spec} is the branch you are on`);
  let base = upstream;
  if (isBranch) {
    // The prerequisite branch's own base, as patchpilot would find it on that branch.
    base = (await resolveBase({ ...repo, branch: spec, head: tip })).commit;
  }
  const patches = await fromCommits(repo, base, tip);
  if (!patches.length) throw new UsageError(`deps add: ${spec} has no commits of its own over ${base.slice(0, 12)}`);
  const changeId = await b4ChangeId(repo, base, tip);
  return { source: spec, kind: isBranch ? 'branch' : 'range', ...(isBranch ? { branch: spec } : {}), ...(changeId ? { changeId } : {}), patches, base };
}
