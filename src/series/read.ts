/**
 * The branch as read: base, commits, authors, trailers, files and hunks.
 * Two git calls read the whole range however long it is: one log with
 * patches for commits, one config read for the submitter.
 */
import { parsePatch, type FileDiff } from './diff.js';
import { UsageError } from '../errors.js';
import { prefetchRange, rangeOutput, rangeCache, readIdentity, resolveBase, type Base, type Person, type Repo } from '../git/repo.js';
import { parseTrailers, type Trailer } from '../trailers/parse.js';
import { B4_MARKER, trackingOf } from '../b4/marker.js';

export interface Commit {
  sha: string;
  parents: string[];
  subject: string;
  /** The whole message as git stores it. */
  message: string;
  author: Person & { date: string };
  committer: Person & { date: string };
  trailers: Trailer[];
  files: FileDiff[];
  /** The commit's patch text (diff only), for K: matching and scanning. */
  patch: string;
}

export interface B4Cover {
  sha: string;
  subject: string;
  body: string;
  /** b4's tracking data (revision, change-id, prefixes...), when it parses. */
  tracking?: Record<string, unknown>;
}

export interface Series {
  repo: Repo;
  branch: string | null;
  base: Base;
  version: number;
  commits: Commit[];
  submitter: Person | null;
  sendemailFrom?: string;
  b4Cover?: B4Cover;
}

const REC = '\x1e\x1ePPCOMMIT\x1e';
const FORMAT = `${REC}%H%x00%P%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%B%x00`;

/** `known`: the files of each commit in order, as parsePatch read them before (readCommits' cache); used when it has one list per commit. */
export function parseLog(out: string, known?: FileDiff[][]): Commit[] {
  const commits: Commit[] = [];
  const chunks = out.split(REC).filter(Boolean);
  const files = known?.length === chunks.length ? known : undefined;
  for (const chunk of chunks) {
    const f = chunk.split('\0');
    const [sha, parents, an, ae, ad, cn, ce, cd, message] = f as [string, string, string, string, string, string, string, string, string];
    const patch = f.slice(9).join('\0').replace(/^\n+/, '');
    const msg = message ?? '';
    commits.push({
      sha,
      parents: parents ? parents.split(' ') : [],
      subject: msg.split('\n\n')[0]!.replace(/\n/g, ' ').trim(),
      message: msg,
      author: { name: an, email: ae, date: ad },
      committer: { name: cn, email: ce, date: cd },
      trailers: parseTrailers(msg),
      files: files?.[commits.length] ?? parsePatch(patch),
      patch,
    });
  }
  return commits;
}

function readB4Cover(c: Commit): B4Cover | undefined {
  const at = c.message.indexOf(B4_MARKER);
  if (at < 0 || c.files.length) return undefined;
  const text = c.message.slice(0, at).trimEnd();
  const [subject, ...rest] = text.split('\n');
  const tracking = trackingOf(c.message);
  return { sha: c.sha, subject: (subject ?? '').trim(), body: rest.join('\n').trim(), tracking };
}

const logArgs = (range: string) => ['log', '--reverse', '-M', '-p', '--no-ext-diff', '--no-textconv', '--no-color', `--format=${FORMAT}`, range, '--'];

/** What the diff cache keeps: a new name whenever FileDiff or parsePatch's reading changes. */
const FILES_CACHE = 'diff-files';

export async function readCommits(repo: Repo, range: string): Promise<Commit[]> {
  // The log of a range of commit ids never changes: a later run reads it from the git directory, and the files its
  // patches touch as parse-diff read them (parsing every line of every patch again was most of reading the series).
  const args = logArgs(range);
  const [out, filesCache] = await Promise.all([rangeOutput(repo, args, range), rangeCache(repo, args, range, FILES_CACHE)]);
  const known = cachedFiles(filesCache?.get());
  const commits = parseLog(out, known);
  if (!known) filesCache?.set(JSON.stringify(commits.map((c) => c.files)));
  return commits;
}

function cachedFiles(text: string | undefined): FileDiff[][] | undefined {
  if (text === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) && v.every(Array.isArray) ? (v as FileDiff[][]) : undefined;
  } catch {
    return undefined;
  }
}

/** The series as git has it; the version is the branch state's business (src/ops/branch.ts adds it). */
export type GitSeries = Omit<Series, 'version'>;

/** The revision b4 tracks in its cover commit, when there is one. */
export function b4Revision(s: Pick<Series, 'b4Cover'>): unknown {
  return (s.b4Cover?.tracking?.series as { revision?: unknown } | undefined)?.revision;
}

/** Read base..HEAD from git alone: no per-branch state is read here. */
export async function readGitSeries(repo: Repo, baseArg?: string): Promise<GitSeries> {
  // The log starts as soon as the upstream's merge-base is known, beside resolveBase's other calls; used when that is the base.
  if (baseArg === undefined)
    void repo.upstreamBase?.then((mb) => (mb ? prefetchRange(repo, logArgs(`${mb}..${repo.head}`), `${mb}..${repo.head}`) : undefined));
  const [base, id] = await Promise.all([resolveBase(repo, baseArg), readIdentity(repo.git)]);
  if (base.commit === repo.head) throw new UsageError(`no commits between ${base.ref} and HEAD; nothing to send`);
  const all = await readCommits(repo, `${base.commit}..${repo.head}`);
  if (!all.length) throw new UsageError(`no commits between ${base.ref} and HEAD; nothing to send (is HEAD behind ${base.ref}?)`);
  const merge = all.find((c) => c.parents.length > 1);
  if (merge)
    throw new UsageError(`commit ${merge.sha.slice(0, 12)} ("${merge.subject}") is a merge; a patch series must be linear (rebase it onto ${base.ref})`);
  let b4Cover: B4Cover | undefined;
  const commits = all.filter((c) => {
    const cover = b4Cover ? undefined : readB4Cover(c);
    if (cover) b4Cover = cover;
    return !cover;
  });
  if (!commits.length) throw new UsageError(`only a b4 cover commit lies between ${base.ref} and HEAD; nothing to send`);
  return {
    repo,
    branch: repo.branch,
    base,
    commits,
    submitter: id.submitter,
    sendemailFrom: id.sendemailFrom,
    b4Cover,
  };
}

/** The JSON shape of `series --json` (a contract: fields may be added, never renamed). */
export function seriesJson(s: Series) {
  return {
    branch: s.branch,
    base: {
      ref: s.base.ref,
      commit: s.base.commit,
      // With prerequisite series under the branch (src/deps): the upstream commit under them, and theirs.
      ...(s.base.upstream ? { upstream: s.base.upstream } : {}),
      ...(s.base.prerequisites ? { prerequisites: s.base.prerequisites } : {}),
    },
    version: s.version,
    submitter: s.submitter,
    ...(s.b4Cover ? { b4Cover: { sha: s.b4Cover.sha, subject: s.b4Cover.subject, body: s.b4Cover.body } } : {}),
    commits: s.commits.map((c) => ({
      sha: c.sha,
      subject: c.subject,
      author: { name: c.author.name, email: c.author.email },
      date: c.author.date,
      trailers: c.trailers.map((t) => ({
        key: t.key,
        value: t.value,
        ...(t.name !== undefined ? { name: t.name } : {}),
        ...(t.email ? { email: t.email } : {}),
      })),
      files: c.files.map((f) => ({
        path: f.path,
        ...(f.oldPath ? { oldPath: f.oldPath } : {}),
        status: f.status,
        additions: f.additions,
        deletions: f.deletions,
        ...(f.binary ? { binary: true } : {}),
      })),
    })),
  };
}
