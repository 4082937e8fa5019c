import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hermeticProcess, runCli, scratch, type TestRepo } from '../helpers/repo.js';
import { setCover } from '../helpers/ops.js';
import { openRepo } from '../../src/git/repo.js';
import { loadState } from '../../src/store/state.js';
import { listVersions, normalizeMessageId } from '../../src/series/versions.js';

// src/ runs git in this process: give it the hermetic environment.
hermeticProcess();

const LONG = Array.from({ length: 30 }, (_, i) => `int line${i};\n`).join('');
const scratchpad = scratch('pp-versions-');
function twoPatches(branch = 'topic'): TestRepo {
  const r = scratchpad.repo({ branch });
  r.commit('zorb: add the driver\n', { 'zorb.c': 'int zorb;\n' });
  r.commit('zorb: add migration\n', { 'zorb.c': `int zorb;\nint mig;\n${LONG}` });
  return r;
}

test('sent tags <branch>-vN with the cover letter, records the Message-ID and starts the next version', async () => {
  const r = twoPatches();
  await setCover(r.dir, { title: 'zorb driver', body: 'Body v1.' });
  const res = runCli(['sent', '--message-id', 'v1-cover@test.example', '--json'], { cwd: r.dir });
  assert.equal(res.code, 0, res.stderr);
  const j = JSON.parse(res.stdout);
  assert.deepEqual(
    { tag: j.tag, version: j.version, next: j.next, messageId: j.messageId },
    { tag: 'topic-v1', version: 1, next: 2, messageId: '<v1-cover@test.example>' },
  );
  assert.equal(r.git(['cat-file', '-t', 'topic-v1']).trim(), 'tag');
  assert.equal(r.git(['rev-parse', 'topic-v1^{commit}']).trim(), r.head());
  const msg = r.git(['tag', '-l', '--format=%(contents)', 'topic-v1']);
  assert.match(msg, /^\[PATCH 0\/2\] zorb driver\n\nBody v1\.\n/);
  assert.match(msg, /base-commit: [0-9a-f]{40}/);
  const state = loadState(`${r.dir}/.git`, 'topic');
  assert.equal(state.version, 2);
  assert.equal(state.cover.changes['2'], '');
  // Recording again on the same commit is refused; a Message-ID given afterwards completes the record.
  const same = runCli(['sent'], { cwd: r.dir });
  assert.equal(same.code, 2);
  assert.match(same.stderr, /v1 was recorded on this same commit/);
  r.commit('zorb: a third patch\n', { 'three.c': '3\n' });
  // A tag already holding the name is never moved (nor is the user told to delete it): a version tagged
  // elsewhere (git-publish) counts, so this one is v3.
  r.git(['tag', 'topic-v2', 'master']);
  const clash = runCli(['sent', '--force'], { cwd: r.dir });
  assert.equal(clash.code, 0, clash.stderr);
  assert.match(clash.stdout, /v3 recorded: tag topic-v3/);
  assert.equal(r.git(['rev-parse', 'topic-v2^{commit}']).trim(), r.git(['rev-parse', 'master']).trim());
  assert.equal(loadState(`${r.dir}/.git`, 'topic').version, 4);
});

test('v1 -> v2: after sent and an amend, the cover shows v2, the changelog with a link to v1, and the range-diff', async () => {
  const r = twoPatches();
  await setCover(r.dir, { title: 'zorb driver', body: 'Body.', prefixes: ['net-next'] });
  assert.equal(runCli(['sent', '--message-id', '<v1@test.example>'], { cwd: r.dir }).code, 0);
  r.write({ 'zorb.c': `int zorb;\nint mig2;\n${LONG}` });
  r.git(['commit', '-q', '-a', '--amend', '--no-edit']);
  const set = runCli(['cover', '--changes', 'renamed mig to mig2'], { cwd: r.dir });
  assert.equal(set.code, 0, set.stderr);
  const out = set.stdout;
  assert.match(out, /^Subject: \[PATCH net-next v2 0\/2\] zorb driver\n/);
  assert.match(out, /Changes in v2:\n- renamed mig to mig2\n- Link to v1: https:\/\/lore\.kernel\.org\/r\/v1@test\.example\n/);
  assert.match(out, /Range-diff against v1:\n1: +[0-9a-f]+ = 1: +[0-9a-f]+ zorb: add the driver\n2: +[0-9a-f]+ ! 2: +[0-9a-f]+ zorb: add migration\n/);
  assert.match(out, /-\+int mig;\n\s+\+\+int mig2;/);
  // Changes after sent v2 come first: newest first.
  assert.equal(runCli(['sent', '--message-id', '<v2@test.example>'], { cwd: r.dir }).code, 0);
  const v3 = runCli(['cover', '--changes', 'nothing but a rebase'], { cwd: r.dir }).stdout;
  const i3 = v3.indexOf('Changes in v3:');
  const i2 = v3.indexOf('Changes in v2:');
  assert.ok(i3 >= 0 && i2 > i3, v3);
  assert.match(v3, /Changes in v3:\n- nothing but a rebase\n- Link to v2: https:\/\/lore\.kernel\.org\/r\/v2@test\.example\n/);
});

test('git-publish tags (<branch>-vN) and b4 sent/ tags are recognised as earlier versions', async () => {
  const r = twoPatches('feature');
  const v1 = r.head();
  r.git(['tag', '-a', '-m', 'feature v1\n\ngit-publish cover', 'feature-v1']);
  r.git(['tag', 'feature-v2']); // lightweight
  r.git(['tag', '-a', '-m', 'b4 cover\n\nbase-commit: ' + r.git(['rev-parse', 'master']).trim(), 'sent/feature-v3']);
  r.git(['tag', '-a', '-m', 'other', 'sent/other-v9']);
  r.git(['tag', '-a', '-m', 'not a version', 'feature-vx']);
  const repo = await openRepo(r.dir);
  const versions = await listVersions(repo, 'feature', loadState(repo.commonDir, 'feature'));
  assert.deepEqual(
    versions.map((v) => [v.version, v.tag, v.source, v.tip === v1]),
    [
      [1, 'feature-v1', 'git-publish', true],
      [2, 'feature-v2', 'git-publish', true],
      [3, 'sent/feature-v3', 'b4', true],
    ],
  );
  assert.equal(versions[2]!.base, r.git(['rev-parse', 'master']).trim());
  // b4 names its tags after the change-id and keeps the Message-IDs in the cover commit.
  const b4Cover = {
    sha: 'x',
    subject: 's',
    body: '',
    tracking: { series: { 'change-id': '20260101-zorb-abc', history: { v1: ['<a@b>', 'b4-v1@test.example'] } } },
  };
  r.git(['tag', '-a', '-m', 'x', 'sent/20260101-zorb-abc-v1']);
  const b4 = await listVersions(repo, 'b4/zorb', loadState(repo.commonDir, 'b4/zorb'), b4Cover);
  assert.deepEqual(
    b4.map((v) => [v.version, v.tag, v.messageId]),
    [[1, 'sent/20260101-zorb-abc-v1', '<b4-v1@test.example>']],
  );
});

test('nothing exported: sent refuses without --message-id or --force; a Message-ID given right after completes or corrects the record', () => {
  const r = twoPatches();
  const refused = runCli(['sent'], { cwd: r.dir });
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /nothing of v1 was exported with patchpilot.*--message-id ID.*--force/);
  assert.equal(refused.stderr.trim().split('\n').length, 1);
  assert.equal(r.git(['tag', '-l']).trim(), '');
  assert.equal(loadState(`${r.dir}/.git`, 'topic').version, 1);
  const first = runCli(['sent', '--force'], { cwd: r.dir });
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, /^warning: no Message-ID known for v1/);
  const fix = runCli(['sent', '--message-id', 'late@test.example', '--json'], { cwd: r.dir });
  assert.equal(fix.code, 0, fix.stderr);
  assert.deepEqual(JSON.parse(fix.stdout), {
    version: 1,
    tag: 'topic-v1',
    tip: r.head(),
    messageId: '<late@test.example>',
    messageIdFrom: 'given',
    export: null,
    next: 2,
    updated: true,
    warnings: [],
  });
  const again = runCli(['sent', '--message-id', 'right@test.example'], { cwd: r.dir });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /^v1 \(tag topic-v1\): Message-ID corrected \(was <late@test\.example>\)$/m);
  const st = loadState(`${r.dir}/.git`, 'topic');
  assert.equal(st.version, 2);
  assert.deepEqual(
    st.sent.map((x) => [x.version, x.messageId]),
    [[1, '<right@test.example>']],
  );
});

test('a bad Message-ID is refused in one line', () => {
  assert.throws(() => normalizeMessageId('no at sign'), /not a Message-ID/);
  assert.throws(() => normalizeMessageId('<a@b> <c@d>'), /not a Message-ID/);
  assert.equal(normalizeMessageId(' <x.1@host> '), '<x.1@host>');
  const r = twoPatches();
  for (const bad of ['nope', '<a@b>\r\nBcc: x@y', 'a@b\nc']) {
    const res = runCli(['sent', '--message-id', bad], { cwd: r.dir });
    assert.equal(res.code, 2);
    assert.equal(res.stderr.trim().split('\n').length, 1, res.stderr);
    assert.match(res.stderr, new RegExp(`${JSON.stringify(bad).replace(/[\\[\]<>.]/g, '\\$&')} is not a Message-ID`));
  }
  assert.equal(r.git(['tag', '-l']).trim(), '');
});
