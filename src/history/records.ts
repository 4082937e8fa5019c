/**
 * The undo records of rewrites: for rewrite n of a branch, the refs
 * refs/patchpilot/rewrites/<branch>/<n>/old (the tip before) and .../new (the
 * tip after; deleted by undo). They are created in the same ref transaction
 * that moves the branch, so they are the record undo trusts; only the newest
 * KEEP_REWRITES per branch are kept.
 */
import type { Git } from '../git/git.js';

async function out(git: Git, args: string[]): Promise<string> {
  return (await git.exec(args)).stdout.toString('utf8');
}

/** Refnames may not hold every character a branch name may; keep them one path component. */
export function recordPrefix(branch: string): string {
  return `refs/patchpilot/rewrites/${encodeURIComponent(branch)}/`;
}

export interface RewriteRecordRefs {
  n: number;
  oldRef: string;
  newRef?: string;
  oldTip: string;
  newTip?: string;
}

export function parseRecords(refs: string, branch: string): RewriteRecordRefs[] {
  const prefix = recordPrefix(branch);
  const byN = new Map<number, RewriteRecordRefs>();
  for (const line of refs.split('\n').filter(Boolean)) {
    const [ref, sha] = line.split(' ') as [string, string];
    if (!ref.startsWith(prefix)) continue;
    const m = /^(\d+)\/(old|new)$/.exec(ref.slice(prefix.length));
    if (!m) continue;
    const n = Number(m[1]);
    const rec = byN.get(n) ?? { n, oldRef: '', oldTip: '' };
    if (m[2] === 'old') Object.assign(rec, { oldRef: ref, oldTip: sha });
    else Object.assign(rec, { newRef: ref, newTip: sha });
    byN.set(n, rec);
  }
  // Records missing their old ref (removed by hand) still take up their number.
  return [...byN.values()].sort((a, b) => a.n - b.n);
}

/** The branch's undo records, oldest first; undone ones have no `new`. */
export async function listRecords(git: Git, branch: string): Promise<RewriteRecordRefs[]> {
  return parseRecords(await out(git, ['for-each-ref', '--format=%(refname) %(objectname)', recordPrefix(branch)]), branch);
}

/** Undo records kept per branch; older ones are deleted after each rewrite (undo only ever uses the newest). */
export const KEEP_REWRITES = 10;

/**
 * Delete the backup refs of all but the newest KEEP_REWRITES records. Each
 * delete names the value it expects, so a ref someone changed is left alone;
 * a failure here loses nothing (the rewrite is done), so it is not reported.
 */
export async function pruneRecords(git: Git, records: RewriteRecordRefs[]): Promise<void> {
  const old = records.slice(0, Math.max(0, records.length - KEEP_REWRITES));
  const lines = old.flatMap((r) => [
    ...(r.oldRef ? [`delete ${r.oldRef} ${r.oldTip}`] : []),
    ...(r.newRef && r.newTip ? [`delete ${r.newRef} ${r.newTip}`] : []),
  ]);
  if (!lines.length) return;
  try {
    await git.exec(['update-ref', '--stdin'], { input: `start\n${lines.join('\n')}\ncommit\n` });
  } catch {
    // Kept for the next rewrite to try again.
  }
}

/** The rewrite `undo` would revert, or a reason why there is none. */
export async function lastRewrite(git: Git, branch: string): Promise<RewriteRecordRefs | undefined> {
  return latestRecord(await listRecords(git, branch));
}

/** lastRewrite from refs listed already (`refname objectname` lines). */
export function lastRewriteIn(refs: string, branch: string): RewriteRecordRefs | undefined {
  return latestRecord(parseRecords(refs, branch));
}

function latestRecord(records: RewriteRecordRefs[]): RewriteRecordRefs | undefined {
  return records.filter((r) => r.oldRef && r.newRef).at(-1);
}
