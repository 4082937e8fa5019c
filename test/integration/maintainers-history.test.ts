// `patchpilot maintainers` --git-fallback and --git: signers from `git log --follow --since`, and the one
// `git rev-list` that answers for every file when HEAD itself is older than --git-since (git's walk stops there).
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runMaintainers } from '../../bin/maintainers/run.js';
import { hermeticProcess, scratch } from '../helpers/repo.js';

hermeticProcess();
const scratchpad = scratch('pp-mh-');

const MAINT = `THE REST
M:\tLinus Torvalds <torvalds@linux-foundation.org>
L:\tlinux-kernel@vger.example.org
S:\tBuried alive in reporters
F:\t*
F:\t*/
`;

async function gm(root: string, args: string[]): Promise<string[]> {
  const out: string[] = [];
  await runMaintainers(
    args,
    { cwd: root, out: (t) => out.push(...t.replace(/\n$/, '').split('\n')), err: () => {}, stdin: () => '', stdinIsTty: false },
    'usage',
  );
  return out;
}

/** The git commands runMaintainers starts while `run` runs (GIT_TRACE). */
async function gitCalls<T>(dir: string, run: () => Promise<T>): Promise<{ result: T; calls: number }> {
  const trace = join(dir, `trace-${Math.random().toString(36).slice(2)}`);
  process.env.GIT_TRACE = trace;
  try {
    const result = await run();
    return {
      result,
      calls: existsSync(trace)
        ? readFileSync(trace, 'utf8')
            .split('\n')
            .filter((l) => l.includes('trace: built-in: git')).length
        : 0,
    };
  } finally {
    delete process.env.GIT_TRACE;
  }
}

describe('signers from history', () => {
  // Two commits of 2026, then HEAD committed in 2001 (a skewed clock): git's walk from HEAD stops at HEAD for any
  // --since after 2001, so the 2026 signers are not in the file's log either.
  const repo = scratchpad.repo({ base: { MAINTAINERS: MAINT, 'kernel/sched.c': 'a\n' } });
  repo.commit('sched: change\n\nSigned-off-by: Sig Ner <sig@x.example>\n', { 'kernel/sched.c': 'b\n' }, { author: { name: 'Au Thor', email: 'au@x.example' } });
  repo.write({ 'kernel/sched.c': 'c\n' });
  repo.git(['commit', '-qam', 'sched: old clock\n\nSigned-off-by: Old Clock <old@x.example>\n'], undefined, {
    GIT_AUTHOR_DATE: '2001-01-01T00:00:00Z',
    GIT_COMMITTER_DATE: '2001-01-01T00:00:00Z',
  });
  const log = (since: string) => repo.git(['log', '--follow', `--since=${since}`, '--format=%H', '--', 'kernel/sched.c']).trim();

  it('lists signers when HEAD is inside the window', async () => {
    assert.equal(log('2000-01-01').split('\n').length, 3);
    const out = await gm(repo.dir, ['--git-since=2000-01-01', '-f', 'kernel/sched.c']);
    assert.ok(out.some((l) => l.startsWith('Sig Ner <sig@x.example> (commit_signer:')));
    assert.ok(out.some((l) => l.startsWith('Old Clock <old@x.example> (commit_signer:')));
  });

  it("decides from HEAD's kept commit date on later runs: no git when HEAD is older than a relative --git-since", async () => {
    const scratchDir = scratchpad.dir();
    const first = await gitCalls(scratchDir, () => gm(repo.dir, ['--git-since=10-years-ago', '-f', 'kernel/sched.c']));
    assert.deepEqual(first.result, ['linux-kernel@vger.example.org (open list)']);
    assert.equal(first.calls, 1, "git log -1 for HEAD's date");
    const later = await gitCalls(scratchDir, () => gm(repo.dir, ['--git-since=10-years-ago', '-f', 'kernel/sched.c']));
    assert.deepEqual(later.result, first.result);
    assert.equal(later.calls, 0);
    // HEAD younger than the window: straight to the file's log, the same answer as with the absolute date.
    const young = await gitCalls(scratchDir, () => gm(repo.dir, ['--git-since=40-years-ago', '-f', 'kernel/sched.c']));
    assert.equal(young.calls, 1, "only the file's log");
    assert.deepEqual(new Set(young.result), new Set(await gm(repo.dir, ['--git-since=1986-06-01', '-f', 'kernel/sched.c'])));
    assert.ok(young.result.some((l) => l.startsWith('Old Clock <old@x.example> (commit_signer:')));
  });

  it('lists none when HEAD is older than the window, as git log says, even with newer commits behind it', async () => {
    assert.equal(log('2010-01-01'), '');
    for (const args of [['--git-since=2010-01-01'], ['--git', '--git-since=2010-01-01']]) {
      assert.deepEqual(await gm(repo.dir, [...args, '-f', 'kernel/sched.c']), ['linux-kernel@vger.example.org (open list)']);
    }
  });
});
