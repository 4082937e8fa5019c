/**
 * `git patch-id --stable` of the branch's commits and of the patches saved
 * in a review thread: the same id means the same change (whitespace and hunk
 * order aside), so a review of an earlier version still holds for a commit
 * whose patch did not change, and does not for one that did (b4 trailers -u
 * compares the same ids).
 */
import type { MailMessage } from '../mail/saved.js';
import { parsePatchSubject } from './patch-subject.js';
import type { BranchContext } from './actions.js';

/** patch-id prints "<patch-id> <commit-id>" per patch; the commit ids here are labels we made. */
function parseIds(out: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of out.split('\n')) {
    const [pid, label] = line.trim().split(/\s+/);
    if (pid && label) m.set(label, pid);
  }
  return m;
}

export async function threadPatchIds(ctx: BranchContext, messages: MailMessage[]): Promise<{ commits: Map<string, string>; mails: Map<string, string> }> {
  const mails = messages.filter((m) => m.id && /^diff --git /m.test(m.text) && parsePatchSubject(m.subject).patch && !parsePatchSubject(m.subject).reply);
  if (!mails.length) return { commits: new Map(), mails: new Map() };
  const { git } = ctx.repo;
  const log = await git.exec(['log', '-p', '--no-ext-diff', '--no-textconv', '--no-color', '--format=commit %H', `${ctx.base.commit}..${ctx.tip}`]);
  const commits = parseIds((await git.exec(['patch-id', '--stable'], { input: log.stdout })).stdout.toString('utf8'));
  // One patch-id run for every saved patch: each behind a made-up "commit" line that labels it.
  const labels = mails.map((_, i) => i.toString(16).padStart(40, '0'));
  const input = mails.map((m, i) => `commit ${labels[i]}\n\n${m.text.replace(/\r\n/g, '\n').replace(/\n?$/, '\n')}`).join('');
  const byLabel = parseIds((await git.exec(['patch-id', '--stable'], { input })).stdout.toString('utf8'));
  const ids = new Map<string, string>();
  mails.forEach((m, i) => {
    const pid = byLabel.get(labels[i]!);
    if (pid) ids.set(m.id, pid);
  });
  return { commits, mails: ids };
}
