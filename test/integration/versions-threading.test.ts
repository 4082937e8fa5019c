/**
 * Versions other tools tagged count (git-publish's <branch>-vN), a new
 * version starts a new thread that links the previous one, and replying to
 * the previous version is an opt-in kept for the branch.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hermeticProcess, makeRepo, runCli, scratch, type TestRepo } from '../helpers/repo.js';
import { changeCc, seriesIn, setCover } from '../helpers/ops.js';

// The cover and recipients a test only sets up go through src/ops in this process (test/helpers/ops.ts).
hermeticProcess();
const pad = scratch('pp-versions-');
const SOB = 'Signed-off-by: Test Author <author@test.example>';

function topic(): TestRepo {
  const r = pad.keep(makeRepo({ base: { MAINTAINERS: 'ZORB\nM:\tMaint Ainer <maint@example.org>\nL:\tzorb@vger.kernel.org\nS:\tMaintained\nF:\tzorb/\n\n' } }));
  r.commit(`zorb: one\n\n${SOB}\n`, { 'zorb/a.c': 'a\n' });
  r.commit(`zorb: two\n\n${SOB}\n`, { 'zorb/b.c': 'b\n' });
  return r;
}

const cli = (r: TestRepo, args: string[]) => runCli([...args, '--base', 'master'], { cwd: r.dir });
const coverOf = (dir: string) => readFileSync(join(dir, readdirSync(dir).sort()[0]!), 'utf8');

test('a git-publish v1 tag makes the branch v2, with range-diff and changelog; sent never asks to delete a tag', async () => {
  const r = topic();
  r.git(['tag', '-a', '-m', 'v1 as git-publish tags it', 'topic-v1']);
  r.commit(`zorb: three\n\n${SOB}\n`, { 'zorb/c.c': 'c\n' });
  assert.equal((await seriesIn(r.dir, 'master')).version, 2);
  await setCover(r.dir, { title: 'zorb: things', body: 'Zorb does things.', changes: 'Add three' }, 'master');
  const d = join(pad.dir(), 'v2');
  const ex = cli(r, ['export', '-o', d]);
  assert.equal(ex.code, 0, ex.stderr);
  const cover = coverOf(d);
  assert.match(cover, /^Subject: \[PATCH v2 0\/3\] zorb: things$/m);
  assert.match(cover, /^Changes in v2:\n- Add three$/m);
  assert.match(cover, /Range-diff against v1:/);

  const sent = cli(r, ['sent', '--message-id', '<v2.cover@example.org>']);
  assert.equal(sent.code, 0, sent.stderr);
  assert.match(sent.stdout, /tag topic-v2/);
  assert.equal(r.git(['tag', '-l', 'topic-v*']).trim(), 'topic-v1\ntopic-v2');

  // A version that a tag already marks on another commit: recorded as a later one, never "delete the tag".
  r.commit(`zorb: four\n\n${SOB}\n`, { 'zorb/d.c': 'd\n' });
  const again = cli(r, ['sent', '--message-id', '<x@example.org>', '--version', '2']);
  assert.equal(again.code, 2);
  assert.doesNotMatch(again.stderr, /delete|tag -d/);
  assert.match(again.stderr, /sent --version 3/);
});

test('a new version is a new thread linking the previous one; threading onto it is opt-in and kept', async () => {
  const r = topic();
  await setCover(r.dir, { title: 'zorb: things', body: 'Zorb does things.' }, 'master');
  assert.equal(cli(r, ['sent', '--message-id', '<v1.cover@example.org>']).code, 0);
  r.commit(`zorb: three\n\n${SOB}\n`, { 'zorb/c.c': 'c\n' });
  await setCover(r.dir, { changes: 'Add three' }, 'master');

  const fresh = join(pad.dir(), 'new');
  assert.equal(cli(r, ['export', '-o', fresh]).code, 0);
  const files = readdirSync(fresh).sort();
  const cover = readFileSync(join(fresh, files[0]!), 'utf8');
  assert.doesNotMatch(cover, /^(In-Reply-To|References):/m, 'v2 starts a new thread');
  assert.match(cover, /^- Link to v1: https:\/\/lore\.kernel\.org\/r\/v1\.cover@example\.org$/m);
  const coverId = /^Message-Id: (<[^>]+>)/m.exec(cover)![1]!;
  for (const f of files.slice(1))
    assert.match(readFileSync(join(fresh, f), 'utf8'), new RegExp(`^In-Reply-To: ${coverId}$`, 'm'), 'patches reply to their cover');

  const threaded = join(pad.dir(), 'threaded');
  assert.equal(cli(r, ['export', '-o', threaded, '--thread-to-previous']).code, 0);
  assert.match(coverOf(threaded), /^In-Reply-To: <v1\.cover@example\.org>$/m);
  const kept = join(pad.dir(), 'kept');
  assert.equal(cli(r, ['export', '-o', kept]).code, 0);
  assert.match(coverOf(kept), /^In-Reply-To: <v1\.cover@example\.org>$/m, 'the choice is kept for the branch');
  const back = join(pad.dir(), 'back');
  assert.equal(cli(r, ['export', '-o', back, '--new-thread']).code, 0);
  assert.doesNotMatch(coverOf(back), /^In-Reply-To:/m);
});

test('export guards: placeholders and an empty To: are refused with one line each, writing nothing; open items need --force', async () => {
  const r = pad.keep(makeRepo());
  r.commit('zorb: one\n', { 'zorb/a.c': 'a\n' });
  r.commit(`zorb: two\n\n${SOB}\n`, { 'zorb/b.c': 'b\n' });
  const d = join(pad.dir(), 'out');
  const first = cli(r, ['export', '-o', d]);
  assert.equal(first.code, 2);
  assert.match(first.stderr, /no subject .*\*\*\* SUBJECT HERE \*\*\*.*patchpilot cover --title/);
  assert.match(first.stderr, /no body .*\*\*\* BLURB HERE \*\*\*/);
  assert.match(first.stderr, /nobody is on To:/);
  assert.match(first.stderr, /kernel\.signoff \(fail\).*--force/);
  assert.ok(!existsSync(d), 'nothing written');
  for (const line of first.stderr.trim().split('\n')) assert.match(line, /^patchpilot: /);

  await setCover(r.dir, { title: 'zorb: things', body: 'Zorb does things.' }, 'master');
  await changeCc(r.dir, { addTo: ['Maint Ainer <maint@example.org>'] }, 'master');
  const open = cli(r, ['export', '-o', d]);
  assert.equal(open.code, 2);
  assert.doesNotMatch(open.stderr, /SUBJECT|BLURB|nobody/);
  assert.match(open.stderr, /kernel\.signoff/);
  assert.ok(!existsSync(d));
  const forced = cli(r, ['export', '-o', d, '--force']);
  assert.equal(forced.code, 0, forced.stderr);
  assert.equal(readdirSync(d).length, 3);
});

test('the submitter as the only maintainer: the lists go on To, as b4 does', () => {
  const r = pad.keep(
    makeRepo({ base: { MAINTAINERS: 'ZORB\nM:\tTest Author <author@test.example>\nL:\tzorb@vger.kernel.org\nS:\tMaintained\nF:\tzorb/\n\n' } }),
  );
  r.commit(`zorb: one\n\n${SOB}\n`, { 'zorb/a.c': 'a\n' });
  const d = join(pad.dir(), 'out');
  const ex = cli(r, ['export', '-o', d]);
  assert.equal(ex.code, 0, ex.stderr);
  assert.match(readFileSync(join(d, readdirSync(d)[0]!), 'utf8'), /^To: zorb@vger\.kernel\.org$/m);
});
