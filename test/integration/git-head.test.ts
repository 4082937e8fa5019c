// HEAD read from a repository's files (src/git/head.ts) agrees with git on every layout it reads, and gives up on
// the ones it does not.
import { strict as assert } from 'node:assert';
import { realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { headFromFiles } from '../../src/git/head.js';
import { sinceBounds } from '../../src/maintainers/history.js';
import { hermeticProcess, scratch } from '../helpers/repo.js';

hermeticProcess();
const scratchpad = scratch('pp-head-');

describe('HEAD from the files', () => {
  const repo = scratchpad.repo();
  repo.commit('one\n', { a: '1\n' });
  const git = (dir: string, ...args: string[]) => repo.git(['-C', dir, ...args]).trim();
  const common = (dir: string) => realpathSync(resolve(dir, git(dir, 'rev-parse', '--git-common-dir')));
  const agrees = (dir: string) => {
    const h = headFromFiles(dir);
    assert.ok(h, `read HEAD in ${dir}`);
    assert.equal(h.id, git(dir, 'rev-parse', 'HEAD'));
    assert.equal(realpathSync(h.commonDir), common(dir));
  };

  it('reads a branch from a loose ref, from packed-refs, and a detached HEAD', () => {
    agrees(repo.dir);
    git(repo.dir, 'pack-refs', '--all', '--prune');
    agrees(repo.dir);
    git(repo.dir, 'checkout', '-q', '--detach');
    agrees(repo.dir);
    git(repo.dir, 'checkout', '-q', 'topic');
  });

  it('reads a linked worktree on another branch', () => {
    const wt = join(scratchpad.dir(), 'wt');
    git(repo.dir, 'worktree', 'add', '-q', '-b', 'other', wt);
    repo.git(['-C', wt, 'commit', '-q', '--allow-empty', '-m', 'two']);
    agrees(wt);
    assert.notEqual(headFromFiles(wt)!.id, headFromFiles(repo.dir)!.id);
  });

  it('gives up with GIT_DIR set, with replace refs, and on a branch that does not exist yet', () => {
    process.env.GIT_DIR = join(repo.dir, '.git');
    try {
      assert.equal(headFromFiles(repo.dir), undefined);
    } finally {
      delete process.env.GIT_DIR;
    }
    const other = scratchpad.repo();
    const first = other.head();
    other.commit('two\n', { b: '2\n' });
    other.git(['replace', other.head(), first]);
    assert.equal(headFromFiles(other.dir), undefined);
    const unborn = scratchpad.repo();
    unborn.git(['checkout', '-q', '--orphan', 'empty']);
    assert.equal(headFromFiles(unborn.dir), undefined);
  });
});

describe('--since bounds', () => {
  const now = Date.UTC(2026, 5, 1);
  const s = now / 1000;
  it('brackets the relative forms with a day of margin', () => {
    assert.deepEqual(sinceBounds('1-year-ago', now), { earliest: s - 366 * 86400 - 86400, latest: s - 365 * 86400 + 86400 });
    assert.deepEqual(sinceBounds('2.weeks.ago', now), { earliest: s - 14 * 86400 - 86400, latest: s - 14 * 86400 + 86400 });
    assert.deepEqual(sinceBounds('3 Days ago', now), { earliest: s - 3 * 86400 - 86400, latest: s - 3 * 86400 + 86400 });
  });
  it('leaves every other form to git', () => {
    for (const since of ['2024-01-01', 'yesterday', '1.month.ago', 'last friday', '1 year', '']) assert.equal(sinceBounds(since, now), undefined, since);
  });
});
