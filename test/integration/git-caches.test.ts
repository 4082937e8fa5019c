// What depends only on commit ids is kept in the git directory: the series' git log -p, keyed by the range and the diff settings.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { openRepo, resolveBase } from '../../src/git/repo.js';
import { readSeries } from '../../src/ops/branch.js';
import { hermeticProcess, scratch } from '../helpers/repo.js';

hermeticProcess();
const s = scratch('pp-git-caches-');

it('reads the log of a range from the cache, and again from git when a diff setting changes', async () => {
  const repo = s.repo();
  repo.commit('drv: first\n\nSigned-off-by: A U Thor <a@example.org>\n', { 'drv/a.c': 'int a;\n' });
  repo.commit('drv: second\n\nSigned-off-by: A U Thor <a@example.org>\n', { 'drv/a.c': 'int a;\nint b;\n' });
  repo.git(['branch', '-q', '--set-upstream-to=master']);
  const first = await readSeries({ repoDir: repo.dir });
  assert.deepEqual(
    first.commits.map((c) => c.subject),
    ['drv: first', 'drv: second'],
  );
  const dir = join(repo.dir, '.git', 'patchpilot-cache');
  const kept = readdirSync(dir).filter((f) => f.startsWith('range-'));
  assert.equal(kept.length, 1);
  // The next run takes the cached text (changed here, at the same length, to tell it from git's)...
  const file = join(dir, kept[0]!);
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace('drv: second', 'drv: cached'));
  assert.equal((await readSeries({ repoDir: repo.dir })).commits[1]!.subject, 'drv: cached');
  // ...but not an entry cut short or emptied from outside: that one is read from git again, and written anew.
  for (const damaged of ['', text.slice(0, 100), text.slice(0, -3)]) {
    writeFileSync(file, damaged);
    assert.deepEqual(
      (await readSeries({ repoDir: repo.dir })).commits.map((c) => c.subject),
      ['drv: first', 'drv: second'],
    );
    assert.equal(readFileSync(file, 'utf8'), text, 'the entry is written again');
  }
  // A diff setting shapes git log -p: another key, so git is asked again.
  repo.git(['config', 'diff.context', '5']);
  assert.equal((await readSeries({ repoDir: repo.dir })).commits[1]!.subject, 'drv: second');
  assert.equal(readdirSync(dir).filter((f) => f.startsWith('range-')).length, 2);
});

it('takes the upstream merge-base openRepo started only for the branch and HEAD it saw', async () => {
  const repo = s.repo();
  const base = repo.head();
  repo.git(['checkout', '-q', '-b', 'other-base']);
  const otherBase = repo.commit('other base', { 'o.txt': 'o\n' });
  repo.git(['checkout', '-q', '-b', 'other']);
  const otherTip = repo.commit('other work', { 'o.txt': 'o2\n' });
  repo.git(['branch', '-q', '--set-upstream-to=other-base']);
  repo.git(['checkout', '-q', 'topic']);
  repo.commit('topic work', { 't.txt': 't\n' });
  repo.git(['branch', '-q', '--set-upstream-to=master']);
  const opened = await openRepo(repo.dir);
  assert.equal((await resolveBase(opened)).commit, base);
  // Another branch's base, asked through a copy of the same Repo (as src/deps does): not topic's merge-base.
  assert.equal((await resolveBase({ ...opened, branch: 'other', head: otherTip })).commit, otherBase);
});
