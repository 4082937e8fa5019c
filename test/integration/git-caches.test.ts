// What depends only on commit ids is kept in the git directory: the series' git log -p and the code scan, keyed by the range
// and the diff settings, and the upstream merge-base, keyed by both commits.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { openRepo, resolveBase } from '../../src/git/repo.js';
import { readSeries } from '../../src/ops/branch.js';
import { textCache } from '../../src/git/object-cache.js';
import { addedCode } from '../../src/acceptance/profiles/code-scan.js';
import type { EvalContext } from '../../src/acceptance/types.js';
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

it('keeps the upstream merge-base by both commit ids: found again while neither moves, asked again when the upstream does', async () => {
  const repo = s.repo();
  const first = repo.commit('drv: first', { 'drv/a.c': 'int a;\n' });
  repo.commit('drv: second', { 'drv/a.c': 'int a;\nint b;\n' });
  repo.git(['branch', '-q', '--set-upstream-to=master']);
  const base = repo.git(['rev-parse', 'master']).trim();
  assert.equal((await resolveBase(await openRepo(repo.dir))).commit, base);
  const dir = join(repo.dir, '.git', 'patchpilot-cache');
  const [entry, ...more] = readdirSync(dir).filter((f) => f.startsWith('merge-base-'));
  assert.ok(entry && !more.length, 'one entry, for HEAD');
  // The next run takes the kept answer (changed here to tell it from git's)...
  writeFileSync(join(dir, entry), JSON.stringify({ [base]: first }));
  assert.equal((await resolveBase(await openRepo(repo.dir))).commit, first);
  // ...until the upstream moves: then its new id is not in the entry, and git is asked.
  writeFileSync(join(dir, entry), JSON.stringify({ [base]: base }));
  repo.git(['update-ref', 'refs/heads/master', first]);
  assert.equal((await resolveBase(await openRepo(repo.dir))).commit, first);
  assert.deepEqual(JSON.parse(readFileSync(join(dir, entry), 'utf8')), { [base]: base, [first]: first });
});

it('keeps the code scan by base, tip, paths and diff settings; a damaged entry is scanned again', async () => {
  const repo = s.repo({ base: { 'drv/a.c': 'int a;\n\nint b;\n' } });
  repo.commit('drv: change', { 'drv/a.c': 'int a;\nint a2;\n\nint b;\nint b2;\n', 'drv/h.h': '#define X 1\n', 'doc.txt': 'x\n' });
  repo.git(['branch', '-q', '--set-upstream-to=master']);
  const scan = async () => {
    const series = await readSeries({ repoDir: repo.dir });
    const ctx = { series, paths: ['drv/a.c', 'drv/h.h', 'doc.txt'] } as unknown as EvalContext;
    return (await addedCode(ctx)).map((f) => ({ path: f.path, lines: f.lines, added: [...f.added].sort() }));
  };
  const scanned = await scan();
  assert.deepEqual(scanned, [
    { path: 'drv/a.c', lines: ['int a;', 'int a2;', '', 'int b;', 'int b2;', ''], added: [2, 5] },
    { path: 'drv/h.h', lines: ['#define X 1', ''], added: [1] },
  ]);
  const dir = join(repo.dir, '.git', 'patchpilot-cache');
  const [entry, ...more] = readdirSync(dir).filter((f) => f.startsWith('code-scan-'));
  assert.ok(entry && !more.length, 'one entry for the scan');
  const cache = textCache(join(repo.dir, '.git'), 'code-scan', entry.slice('code-scan-'.length, -'.txt'.length));
  const kept = cache.get()!;
  cache.set(kept.replace('int a2;', 'int cached;'));
  assert.equal((await scan())[0]!.lines[1], 'int cached;', 'the second scan is read from the entry');
  cache.set('{"not": "a scan"');
  assert.deepEqual(await scan(), scanned, 'a damaged entry is scanned again');
  assert.equal(cache.get(), kept, 'and written again');
  // A diff setting may shape the hunks: another key.
  repo.git(['config', 'diff.context', '5']);
  assert.deepEqual(await scan(), scanned);
  assert.equal(readdirSync(dir).filter((f) => f.startsWith('code-scan-')).length, 2);
});

it('a damaged merge-base entry is no answer, and with replace refs nothing is kept by commit id', async () => {
  const repo = s.repo({ branch: null });
  const b0 = repo.head();
  const b1 = repo.commit('master: b1', { 'm.txt': 'm\n' });
  repo.git(['checkout', '-q', '-b', 'topic']);
  const first = repo.commit('drv: first', { 'drv/a.c': 'int a;\n' });
  repo.commit('drv: second', { 'drv/a.c': 'int a;\nint b;\n' });
  repo.git(['branch', '-q', '--set-upstream-to=master']);
  const series = async () => readSeries({ repoDir: repo.dir });
  assert.equal((await series()).base.commit, b1);
  const dir = join(repo.dir, '.git', 'patchpilot-cache');
  const entry = join(
    dir,
    readdirSync(dir).find((f) => f.startsWith('merge-base-'))!,
  );
  for (const damaged of [{ [b1]: 'f'.repeat(39) }, { [b1]: { x: 1 } }, { [b1]: '' }]) {
    writeFileSync(entry, JSON.stringify(damaged));
    assert.equal((await series()).base.commit, b1, JSON.stringify(damaged));
    assert.deepEqual(JSON.parse(readFileSync(entry, 'utf8')), { [b1]: b1 }, 'written again');
  }
  // git replace puts the series on b0: git's merge-base and log change, and so must patchpilot's, whatever was kept.
  repo.git(['replace', '--graft', first, b0]);
  const got = await series();
  assert.equal(got.base.commit, b0);
  assert.deepEqual(
    got.commits.map((c) => c.subject),
    ['drv: first', 'drv: second'],
  );
  const kept = readdirSync(dir).sort();
  repo.commit('drv: third', { 'drv/a.c': 'int a;\nint b;\nint c;\n' });
  assert.equal((await series()).commits.length, 3);
  assert.deepEqual(readdirSync(dir).sort(), kept, 'nothing new kept while replace refs exist');
});
