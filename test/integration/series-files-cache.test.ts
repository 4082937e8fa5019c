// The files each commit's patch touches, as parse-diff read them, are kept beside the range's git log -p in the git
// directory: the next run reads them instead of parsing every patch line again, and must see exactly the same files.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { textCache } from '../../src/git/object-cache.js';
import { readSeries } from '../../src/ops/branch.js';
import { hermeticProcess, scratch } from '../helpers/repo.js';

hermeticProcess();
const s = scratch('pp-files-cache-');

it('a second read takes the files from the cache and gets what parsing gave; a damaged or foreign entry is parsed again', async () => {
  const repo = s.repo();
  repo.commit('drv: add\n\nSigned-off-by: A U Thor <a@example.org>\n', {
    'drv/a.c': 'int a;\nint b;\n',
    'drv/sp ace.c': 'x\n',
    'drv/é.c': 'y\n',
    'drv/blob.bin': Buffer.from([0, 1, 2, 3, 0, 255]),
  });
  repo.git(['mv', 'drv/a.c', 'drv/renamed.c']);
  repo.commit('drv: rename and change\n\nSigned-off-by: A U Thor <a@example.org>\n', { 'drv/renamed.c': 'int a;\nint b;\nint c;\n', 'drv/sp ace.c': null });
  repo.git(['branch', '-q', '--set-upstream-to=master']);
  const parsed = (await readSeries({ repoDir: repo.dir })).commits.map((c) => c.files);
  assert.deepEqual(
    parsed.map((f) => f.map((x) => `${x.status} ${x.oldPath ? `${x.oldPath} -> ` : ''}${x.path} +${x.additions} -${x.deletions}${x.binary ? ' binary' : ''}`)),
    [
      ['A drv/a.c +2 -0', 'A drv/blob.bin +0 -0 binary', 'A drv/sp ace.c +1 -0', 'A drv/é.c +1 -0'],
      ['R drv/a.c -> drv/renamed.c +1 -0', 'D drv/sp ace.c +0 -1'],
    ],
  );
  const dir = join(repo.dir, '.git', 'patchpilot-cache');
  const [entry, ...more] = readdirSync(dir).filter((f) => f.startsWith('diff-files-'));
  assert.ok(entry && !more.length, 'one cache entry for the range');
  // Read and written through the cache's own interface (its files end with a length line).
  const cache = textCache(join(repo.dir, '.git'), 'diff-files', entry.slice('diff-files-'.length, -'.txt'.length));
  assert.deepEqual(JSON.parse(cache.get()!), parsed);
  assert.deepEqual(
    (await readSeries({ repoDir: repo.dir })).commits.map((c) => c.files),
    parsed,
  );

  // The entry is what the next run believes (changed here to tell it from parsing)...
  const marked = structuredClone(parsed);
  marked[1]![0]!.additions = 99;
  cache.set(JSON.stringify(marked));
  assert.equal((await readSeries({ repoDir: repo.dir })).commits[1]!.files[0]!.additions, 99);
  // ...unless it is damaged or does not have one list per commit: then the patches are parsed again.
  const file = join(dir, entry);
  for (const bad of ['{"not":"a list"}', '[[]]', 'garbage']) {
    cache.set(bad);
    assert.deepEqual(
      (await readSeries({ repoDir: repo.dir })).commits.map((c) => c.files),
      parsed,
      bad,
    );
  }
  // And an entry cut short from outside is not read at all.
  writeFileSync(file, readFileSync(file, 'utf8').slice(0, 50));
  assert.deepEqual(
    (await readSeries({ repoDir: repo.dir })).commits.map((c) => c.files),
    parsed,
  );
});
