/**
 * The series as the TUI shows it: commits with trailers, each trailer's
 * problems (src/trailer-edit.ts) and each commit's (a missing sign-off).
 */
import type { CommitView, SeriesView } from '../view-data.js';
import type { Series } from '../../src/series/read.js';
import { trailerProblems } from '../../src/trailers/edit.js';
import { parseTrailerBlock } from '../../src/trailers/parse.js';
import { matchFile, type MaintainersDb } from '../../src/maintainers/index.js';

/** The message between the subject's paragraph and the trailers: what the Series screen shows in full. */
export function messageBody(message: string): string {
  const block = parseTrailerBlock(message);
  const lines = block.lines.slice(0, Math.min(block.start, block.patchStart));
  const blank = lines.findIndex((l) => !l.trim());
  return blank < 0 ? '' : lines.slice(blank).join('\n').trim();
}

export function seriesView(series: Series, commitProblems: Map<string, string[]> = new Map()): SeriesView {
  const commits: CommitView[] = series.commits.map((c) => ({
    sha: c.sha,
    subject: c.subject,
    body: messageBody(c.message),
    author: `${c.author.name} <${c.author.email}>`,
    trailers: c.trailers.map((t) => {
      const problems = trailerProblems(t, c.trailers);
      return { key: t.key, value: t.value, ...(problems.length ? { problem: problems.join('; ') } : {}) };
    }),
    files: c.files.map((f) => ({ path: f.path, status: f.status, additions: f.additions, deletions: f.deletions })),
    problems: [...commitProblems].filter(([sha]) => c.sha.startsWith(sha)).flatMap(([, p]) => p),
  }));
  return {
    branch: series.branch ?? '(detached HEAD)',
    baseRef: series.base.ref,
    baseCommit: series.base.commit,
    version: series.version,
    submitter: series.submitter ? `${series.submitter.name} <${series.submitter.email}>` : '(no user.email configured)',
    commits,
  };
}

/** People offered when adding a trailer: everyone the series' trailers name, most frequent first. */
export function trailerPeople(series: Series): string[] {
  const count = new Map<string, number>();
  for (const c of series.commits) {
    for (const t of c.trailers) {
      if (!t.email) continue;
      const who = t.name ? `${t.name} <${t.email}>` : t.email;
      count.set(who, (count.get(who) ?? 0) + 1);
    }
  }
  return [...count.entries()].sort((a, b) => b[1] - a[1]).map(([p]) => p);
}

/** The M: and R: people of the sections the series touches, for completing trailers. */
export function maintainerPeople(db: MaintainersDb, series: Series): string[] {
  const out: string[] = [];
  const paths = [...new Set(series.commits.flatMap((c) => c.files.map((f) => f.path)))];
  for (const p of paths) {
    for (const m of matchFile(db, p).matches) {
      for (const f of [...m.section.M, ...m.section.R]) out.push(f.replace(/\s*\(.*\)\s*$/, ''));
    }
  }
  return out;
}
