/**
 * Patch ids as git computes them for prerequisite-patch-id: (git patch-id
 * --stable), for commits of the repository and for the patches of an mbox.
 */
import type { Git } from '../git/git.js';

/** Patch id per commit, in the order asked; a commit without a diff has none. */
export async function commitPatchIds(git: Git, shas: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!shas.length) return out;
  const log = await git.exec(['log', '--no-walk=unsorted', '-p', '--no-color', '--no-ext-diff', '--no-textconv', '--format=commit %H', ...shas]);
  const ids = await git.run(['patch-id', '--stable'], { input: log.stdout });
  for (const line of ids.split('\n')) {
    const [pid, sha] = line.split(' ');
    if (pid && sha) out.set(sha, pid);
  }
  return out;
}

/** Patch ids of the patches of an mbox, in mail order. */
export async function mboxPatchIds(git: Git, mbox: Buffer): Promise<string[]> {
  const ids = await git.run(['patch-id', '--stable'], { input: mbox });
  return ids
    .split('\n')
    .map((l) => l.split(' ')[0]!)
    .filter(Boolean);
}
