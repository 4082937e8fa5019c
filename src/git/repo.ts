/**
 * Opening a repository: where it is, which branch, which base. Every
 * failure here is the user's to fix, so each becomes one UsageError line.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Git, GitError } from './git.js';
import { objectCache, textCache } from './object-cache.js';
import { parseMailbox } from '../mail/address.js';
import { UsageError, detachedHead } from '../errors.js';
import { displayArg, shellQuote } from '../text/shell.js';
import { b4PrepBase } from '../b4/base.js';
import type { Base, Person, Repo } from './types.js';
import { fnv1a } from '../store/user-cache.js';

export type { Base, Person, Repo };

export async function openRepo(dir: string): Promise<Repo> {
  const abs = resolve(dir);
  if (!existsSync(abs)) throw new UsageError(`${dir}: no such directory`);
  if (!statSync(abs).isDirectory()) throw new UsageError(`${dir} is a file; --repo takes the directory of a git work tree`);
  const git = new Git(abs);
  // One call in the common case; the slower diagnosis below runs only when it fails.
  // --symbolic-full-name applies to every later argument, so the commit and tree come first.
  const opened = git.tryRun([
    'rev-parse',
    'HEAD^{commit}',
    'HEAD^{tree}',
    '--show-toplevel',
    '--absolute-git-dir',
    '--git-common-dir',
    '--symbolic-full-name',
    'HEAD',
  ]);
  // What reading the series asks next, started now so that it runs beside rev-parse (a hit saves a
  // round of git processes): the submitter's identity, and the refs (with the branch's upstream).
  const config = git.prefetch(IDENTITY, [1]);
  const refs = git.prefetch(REFS);
  const all = await opened;
  if (all !== null) {
    const lines = all.trimEnd().split('\n');
    // git prints one path per line: a line break in a path would shift every field (it read as "HEAD is detached").
    if (lines.length !== 6 || abs.includes('\n'))
      throw new UsageError(`the path of the repository at ${displayArg(abs)} contains a line break; patchpilot cannot work there: rename the directory`);
    const [head, tree, root, gitDir, common, sym] = lines as [string, string, string, string, string, string];
    const repo = { ...repoOf(root, gitDir, common, sym, head, root === abs ? git : undefined), headTree: tree };
    if (repo.git !== git) return repo;
    const opened = { ...repo, opened: { branch: repo.branch, head: repo.head }, refs, config };
    return { ...opened, upstreamBase: upstreamMergeBase(opened) };
  }
  await refusedByGit(git, abs);
  if ((await git.tryRun(['rev-parse', '--is-bare-repository']))?.trim() === 'true') {
    throw new UsageError(`${abs} is a bare repository; run patchpilot in a work tree (git worktree add)`);
  }
  const top = await git.tryRun(['rev-parse', '--show-toplevel', '--absolute-git-dir', '--git-common-dir']);
  if (top === null) throw new UsageError(`${abs} is not a git repository (run patchpilot inside a kernel tree, or pass --repo DIR)`);
  const [root] = top.trimEnd().split('\n');
  if (!root) throw new UsageError(`${abs} is a bare repository; patchpilot needs a work tree`);
  throw new UsageError(`${root} has no commits yet; commit your series first`);
}

/** git's own refusal to open a repository owned by someone else ("dubious ownership"), in our words. */
async function refusedByGit(git: Git, abs: string): Promise<void> {
  try {
    await git.exec(['rev-parse', '--git-dir']);
  } catch (e) {
    if (!(e instanceof GitError) || !/dubious ownership/.test(e.stderr)) return;
    const at = /dubious ownership in repository at '([^']*)'/.exec(e.stderr)?.[1] ?? abs;
    throw new UsageError(
      `git refuses to work in ${displayArg(at)}: it is owned by another user ("dubious ownership"); if you trust it, run git config --global --add safe.directory ${shellQuote(at)}`,
    );
  }
}

function repoOf(root: string, gitDir: string, common: string, sym: string, head: string, git?: Git): Repo {
  if (!root || !head) throw new UsageError(`${gitDir} is a bare repository; patchpilot needs a work tree`);
  return {
    git: git ?? new Git(root),
    root,
    gitDir,
    commonDir: resolve(root, common),
    branch: sym.startsWith('refs/heads/') ? sym.slice('refs/heads/'.length) : null,
    head,
  };
}

/** Verify a revision names a commit; the usage error says which one did not. */
export async function resolveCommit(git: Git, rev: string): Promise<string> {
  if (rev.startsWith('-')) throw new UsageError(`unknown revision: ${rev}`);
  const sha = await git.tryRun(['rev-parse', '-q', '--verify', '--end-of-options', `${rev}^{commit}`]);
  if (!sha) throw new UsageError(`unknown revision: ${rev} (check the name with git log ${rev})`);
  return sha.trim();
}

/**
 * The submitter's identity, the diff.* settings that shape `git log -p` (rangeOutput's cache key), which branches b4
 * prepared (src/b4/base.ts), and the branch descriptions the cover letter starts from (configValue).
 */
const IDENTITY = ['config', '-z', '--get-regexp', '^(user\\.(name|email)|sendemail\\.from|diff\\..*|branch\\..*\\.(b4-prep-cover-strategy|description))$'];
/**
 * The merge-base of HEAD and its branch's upstream, null without one. It depends on two commits only, so it is kept
 * in the git directory by both ids when the listing has the upstream's (a branch, origin's HEAD, master or main):
 * the next run on the same branch and upstream needs no git call for it.
 */
async function upstreamMergeBase(repo: Repo): Promise<string | null> {
  if (!repo.branch) return null;
  const listed = await listedRefs(repo);
  const upstream = listed?.find((r) => r.ref === `refs/heads/${repo.branch}`)?.upstream;
  if (listed && !upstream) return null;
  const sha = upstream ? listed?.find((r) => r.ref === upstream)?.sha : undefined;
  if (!sha || (await replacementsPossible(repo))) return (await repo.git.tryRun(['merge-base', '@{upstream}', 'HEAD']))?.trim() || null;
  const cache = objectCache<string>(repo.commonDir, 'merge-base', repo.head);
  const known = cache.get(sha);
  // A damaged entry is no answer: git is asked, and the entry written again.
  if (typeof known === 'string' && COMMIT_ID.test(known)) return known;
  const mb = (await repo.git.tryRun(['merge-base', sha, repo.head]))?.trim() || null;
  if (mb) cache.set(sha, mb);
  return mb;
}

const COMMIT_ID = /^([0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * Whether git may answer about commits otherwise than their ids alone say: replace refs (`git replace`), a grafts
 * file, or a replace-ref base moved elsewhere. Answers kept by commit id are neither read nor written then.
 */
function replacementsPossible(repo: Repo): Promise<boolean> {
  if (process.env.GIT_REPLACE_REF_BASE !== undefined || process.env.GIT_GRAFT_FILE !== undefined) return Promise.resolve(true);
  if (!repo.refs) return Promise.resolve(true);
  // Asked by every cache lookup of a run: decided once per opening.
  let known = replacements.get(repo.refs);
  if (!known) {
    known = listedRefs(repo).then(
      (listed) => listed === null || listed.some((r) => r.ref.startsWith('refs/replace/')) || existsSync(join(repo.commonDir, 'info', 'grafts')),
    );
    replacements.set(repo.refs, known);
  }
  return known;
}

const replacements = new WeakMap<Promise<string | null>, Promise<boolean>>();

const FALLBACKS = ['refs/remotes/origin/HEAD', 'refs/remotes/origin/master', 'refs/remotes/origin/main', 'refs/heads/master', 'refs/heads/main'];
/**
 * What resolveBase (a branch's upstream, the fallbacks), the version tags and the undo records (src/history/records.ts)
 * need, in one call that needs no branch name: `refname NUL upstream NUL objectname` lines.
 */
const REFS = [
  'for-each-ref',
  '--format=%(refname)%00%(upstream)%00%(objectname)',
  'refs/heads/',
  'refs/tags/',
  'refs/patchpilot/rewrites/',
  'refs/replace/',
  ...FALLBACKS.filter((f) => f.startsWith('refs/remotes/')),
];

export interface ListedRef {
  ref: string;
  upstream: string;
  sha: string;
}

const parsedRefs = new WeakMap<Promise<string | null>, Promise<ListedRef[] | null>>();

/**
 * The refs openRepo listed (branches, tags, undo records), as they were when the repository was opened; null when it
 * listed none (a Repo not made by openRepo, or git failed). For what only reads refs: a call that is about to
 * change refs asks git itself.
 */
export function listedRefs(repo: Repo): Promise<ListedRef[] | null> {
  if (!repo.refs) return Promise.resolve(null);
  let parsed = parsedRefs.get(repo.refs);
  if (!parsed) {
    parsed = repo.refs.then((out) =>
      out === null
        ? null
        : out
            .split('\n')
            .filter(Boolean)
            .map((l) => {
              const [ref = '', upstream = '', sha = ''] = l.split('\0');
              return { ref, upstream, sha };
            }),
    );
    parsedRefs.set(repo.refs, parsed);
  }
  return parsed;
}

/**
 * `git config --get key` for a key openRepo read with the identity (IDENTITY): the last value, '' when unset. Keys as
 * git prints them: section and name in lower case, the subsection as written (`branch.My-Topic.description`).
 */
export async function configValue(repo: Repo, key: string): Promise<string> {
  const listed = repo.config ? await repo.config : null;
  if (listed === null) return repo.git.run(['config', '--get', key], { okCodes: [1] });
  let value = '';
  for (const rec of listed.split('\0')) if (rec.startsWith(`${key}\n`)) value = `${rec.slice(key.length + 1)}\n`;
  return value;
}

function shortRef(ref: string): string {
  return ref.replace(/^refs\/(heads|remotes)\//, '').replace(/^origin\/HEAD$/, 'origin/HEAD');
}

/**
 * The series base: --base wins; else the branch's upstream; else the first of
 * origin/HEAD, origin/master, origin/main, master, main that is not the branch
 * itself. The base commit is the merge-base with HEAD.
 */
export async function resolveBase(repo: Repo, baseArg?: string): Promise<Base> {
  const { git } = repo;
  let ref: string | undefined = baseArg;
  if (ref === undefined) {
    if (!repo.branch) throw detachedHead('the base is found from the branch (or pass --base REF)');
    // A b4 prep branch: b4's own rule (its series starts at its cover commit), not the upstream's.
    const b4 = await b4PrepBase(repo);
    if (b4) return b4;
    const listed = repo.refs ? await repo.refs : null;
    const lines = (listed ?? (await git.run(['for-each-ref', '--format=%(refname)%00%(upstream)', `refs/heads/${repo.branch}`, ...FALLBACKS]))).split('\n');
    const rows = lines.filter(Boolean).map((l) => l.split('\0') as [string, string]);
    const own = rows.find(([r]) => r === `refs/heads/${repo.branch}`);
    if (own && own[1]) {
      ref = shortRef(own[1]);
      // The upstream's merge-base as openRepo started it; when the upstream ref is missing, the error below says so.
      const same = repo.upstreamBase && repo.opened?.branch === repo.branch && repo.opened.head === repo.head;
      const mb = same ? await repo.upstreamBase : null;
      if (mb) return { ref, commit: mb };
    } else {
      const found = FALLBACKS.find((f) => f !== `refs/heads/${repo.branch}` && rows.some(([r]) => r === f));
      if (!found && (repo.branch === 'master' || repo.branch === 'main')) {
        throw new UsageError(`you are on ${repo.branch}, which has no upstream: check out your topic branch, or pass --base REF`);
      }
      if (!found) {
        throw new UsageError(
          `cannot tell the base of ${repo.branch}: it has no upstream and there is no origin/master, origin/main, master or main; pass --base REF`,
        );
      }
      ref = shortRef(found);
    }
  }
  if (ref.startsWith('-')) throw new UsageError(`unknown revision: ${ref}`);
  const mb = await git.tryRun(['merge-base', `${ref}^{commit}`, repo.head]);
  if (mb) return { ref, commit: mb.trim() };
  // Only on failure: tell an unknown name from unrelated history.
  await resolveCommit(git, ref);
  throw new UsageError(`${ref} and HEAD have no common history; pass --base REF`);
}

/** The submitter: sendemail.from when set, else user.name <user.email>. */
export async function readIdentity(git: Git): Promise<{ submitter: Person | null; sendemailFrom?: string }> {
  const out = await git.run(IDENTITY, { okCodes: [1] });
  const cfg = new Map<string, string>();
  for (const rec of out.split('\0')) {
    const nl = rec.indexOf('\n');
    if (nl > 0) cfg.set(rec.slice(0, nl).toLowerCase(), rec.slice(nl + 1));
  }
  const name = process.env.GIT_AUTHOR_NAME ?? cfg.get('user.name') ?? '';
  const email = process.env.GIT_AUTHOR_EMAIL ?? cfg.get('user.email') ?? '';
  const from = cfg.get('sendemail.from');
  if (from) {
    const m = parseMailbox(from);
    if (m.ok) return { submitter: { name: m.name || name, email: m.email }, sendemailFrom: from };
    return { submitter: { name, email: from.trim() }, sendemailFrom: from };
  }
  return { submitter: email ? { name, email } : null };
}

const FULL_RANGE = /^([0-9a-f]{40}|[0-9a-f]{64})\.\.([0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * Where the output of `git <args>` for a range of commit ids would be kept: it depends on those commits, the
 * arguments and the diff.* settings only (attributes aside), so it never goes stale. Undefined when not cacheable.
 * Another `kind` keeps, under the same key, what a caller makes of that output (a new name when its shape changes).
 */
export async function rangeCache(repo: Repo, args: readonly string[], range: string, kind = 'range') {
  const m = FULL_RANGE.exec(range);
  const config = repo.config ? await repo.config : null;
  if (!m || config === null || (await replacementsPossible(repo))) return undefined;
  const diff = config
    .split('\0')
    .filter((r) => r.startsWith('diff.'))
    .sort()
    .join('\0');
  return textCache(repo.commonDir, kind, `${m[1]}-${m[2]}-${fnv1a(`${args.join('\0')}\0\0${diff}`)}`);
}

/** `git <args>` about a range of full commit ids (`A..B`): from the git directory's cache when an earlier run kept it. */
export async function rangeOutput(repo: Repo, args: readonly string[], range: string): Promise<string> {
  const cache = await rangeCache(repo, args, range);
  const known = cache?.get();
  if (known !== undefined) return known;
  const out = await repo.git.run(args);
  cache?.set(out);
  return out;
}

/** Start rangeOutput's git call early, unless the cache has its answer. */
export async function prefetchRange(repo: Repo, args: readonly string[], range: string): Promise<void> {
  const cache = await rangeCache(repo, args, range);
  if (cache?.get() === undefined) void repo.git.prefetch(args);
}
