import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, scratch, type TestRepo, hermeticProcess } from '../helpers/repo.js';
import { setCover } from '../helpers/ops.js';
import { simpleParser } from 'mailparser';
import { exportSeries, prepare, type RecipientPlan } from '../../src/letter/export.js';
import { headerValue } from '../../src/letter/patch-mail.js';
import { readSeries } from '../../src/ops/branch.js';
import { loadState, updateState } from '../../src/store/state.js';
import { UsageError } from '../../src/errors.js';

// src/ runs git in this process: give it the hermetic environment.
hermeticProcess();

const scratchpad = scratch('pp-export-');
const tmp = () => scratchpad.dir();
const MAINT = { name: 'Mae Maintainer', email: 'mae@maint.example' };
const LIST = { name: '', email: 'zorb@lists.example' };
const REV = { name: 'Rév Iewer', email: 'rev@review.example' };

function threePatches(): TestRepo {
  const r = scratchpad.repo({ base: { README: 'base\n', 'drivers/zorb/core.c': 'int core;\n' } });
  r.commit('zorb: add the driver\n\nSigned-off-by: Test Author <author@test.example>\n', { 'drivers/zorb/main.c': 'int main_;\n' });
  r.commit('zorb: rename core\n\nReviewed-by: Rév Iewer <rev@review.example>\nSigned-off-by: Test Author <author@test.example>\n', {
    'drivers/zorb/core.c': null,
    'drivers/zorb/core2.c': 'int core;\n',
  });
  r.commit('zorb: add a binary blob\n\nSigned-off-by: Test Author <author@test.example>\n', { 'drivers/zorb/fw.bin': Buffer.from([0, 1, 2, 255, 0, 10]) });
  return r;
}

async function doExport(r: TestRepo, plan: RecipientPlan, out: string) {
  const series = await readSeries({ repoDir: r.dir });
  const state = loadState(series.repo.commonDir, series.branch!);
  return exportSeries(await prepare(series, state), plan, out);
}

/** git am of the patches (not the cover) on the base, in a new worktree: the tree it gives. */
function amTree(r: TestRepo, files: string[]): { tree: string; messages: string } {
  const wt = join(tmp(), 'wt');
  r.git(['worktree', 'add', '-q', '--detach', wt, 'master']);
  try {
    const am = new (r.constructor as typeof TestRepo)(wt);
    am.git(['am', '-q', ...files]);
    return { tree: am.git(['rev-parse', 'HEAD^{tree}']).trim(), messages: am.git(['log', '--format=%B%x00', 'master..HEAD']) };
  } finally {
    r.git(['worktree', 'remove', '--force', wt]);
  }
}

test('export writes the cover letter and patches with From, To, Cc, Subject, Message-Id and base-commit; git am gives the same tree', async () => {
  const r = threePatches();
  await setCover(r.dir, { title: 'zorb: a driver', body: 'Body text.' });
  const out = join(tmp(), 'out');
  const rec = await doExport(r, { to: [MAINT], cc: [LIST, REV] }, out);
  assert.deepEqual(readdirSync(out), [
    '0000-cover-letter.patch',
    '0001-zorb-add-the-driver.patch',
    '0002-zorb-rename-core.patch',
    '0003-zorb-add-a-binary-blob.patch',
  ]);
  const cover = readFileSync(rec.files[0]!, 'utf8');
  assert.equal(headerValue(cover, 'Subject'), '[PATCH 0/3] zorb: a driver');
  assert.equal(headerValue(cover, 'From'), 'Test Author <author@test.example>');
  assert.equal(headerValue(cover, 'To'), 'Mae Maintainer <mae@maint.example>');
  assert.equal(headerValue(cover, 'Cc'), 'zorb@lists.example,\n    =?UTF-8?B?UsOpdiBJZXdlcg==?= <rev@review.example>');
  assert.equal(headerValue(cover, 'In-Reply-To'), undefined);
  assert.match(cover, /\n\nBody text\.\n\nTest Author \(3\):\n/);
  assert.ok(cover.includes(`base-commit: ${r.git(['rev-parse', 'master']).trim()}`));
  assert.equal(rec.coverMessageId, headerValue(cover, 'Message-Id'));
  for (const [i, f] of rec.files.slice(1).entries()) {
    const p = readFileSync(f, 'utf8');
    assert.match(headerValue(p, 'Subject')!, new RegExp(`^\\[PATCH ${i + 1}/3\\] `));
    assert.equal(headerValue(p, 'In-Reply-To'), rec.coverMessageId);
    assert.equal(headerValue(p, 'To'), 'Mae Maintainer <mae@maint.example>');
  }
  const { tree, messages } = amTree(r, rec.files.slice(1));
  assert.equal(tree, r.git(['rev-parse', 'topic^{tree}']).trim());
  assert.match(messages, /Reviewed-by: Rév Iewer <rev@review.example>\nSigned-off-by: Test Author/);
  // The record is what send-cmd and sent read back.
  assert.equal(rec.version, 1);
  assert.equal(rec.tip, r.head());
  assert.deepEqual(rec.to, ['Mae Maintainer <mae@maint.example>']);
});

test('export refuses a directory holding other files, replaces a previous export, and reports an unwritable path in one line', async () => {
  const r = threePatches();
  const out = join(tmp(), 'out');
  mkdirSync(out);
  writeFileSync(join(out, 'notes.txt'), 'mine');
  await assert.rejects(
    doExport(r, { to: [MAINT], cc: [] }, out),
    (e: unknown) => e instanceof UsageError && /holds other files \(notes\.txt\)/.test(e.message),
  );
  assert.deepEqual(readdirSync(out), ['notes.txt']);
  // Patches the user made there are theirs too.
  rmSync(join(out, 'notes.txt'));
  writeFileSync(join(out, '0001-my-own.patch'), 'mine');
  await assert.rejects(doExport(r, { to: [MAINT], cc: [] }, out), /holds other files \(0001-my-own\.patch\)/);
  rmSync(join(out, '0001-my-own.patch'));
  // Our own earlier export there is replaced whole: a longer series leaves no stale patch behind.
  r.commit('zorb: a fourth patch\n', { 'four.c': '4\n' });
  await doExport(r, { to: [MAINT], cc: [] }, out);
  assert.equal(readdirSync(out).length, 5);
  r.git(['reset', '-q', '--hard', 'HEAD~1']);
  await doExport(r, { to: [MAINT], cc: [] }, out);
  assert.equal(readdirSync(out).length, 4);
  assert.ok(!readdirSync(out).includes('0004-zorb-a-fourth-patch.patch'));
  // An earlier export, not only the last one, may be replaced: exporting elsewhere in between changes nothing.
  await doExport(r, { to: [MAINT], cc: [] }, join(tmp(), 'elsewhere'));
  await doExport(r, { to: [MAINT], cc: [REV] }, out);
  assert.match(readFileSync(join(out, '0001-zorb-add-the-driver.patch'), 'utf8'), /^Cc: =\?UTF-8\?B\?UsOpdiBJZXdlcg==\?= <rev@review\.example>$/m);
  // A file of that export the user edited is theirs now: refused, untouched.
  const edited = join(out, '0002-zorb-rename-core.patch');
  writeFileSync(edited, readFileSync(edited, 'utf8').replace('zorb: rename core', 'zorb: rename the core'));
  const before = readFileSync(edited, 'utf8');
  await assert.rejects(doExport(r, { to: [MAINT], cc: [] }, out), /holds an earlier export whose files were changed since \(0002-zorb-rename-core\.patch\)/);
  assert.equal(readFileSync(edited, 'utf8'), before);
  assert.equal(readdirSync(out).length, 4);
  // A name with a line break stays on one line in the message.
  const odd = join(tmp(), 'a\nb');
  mkdirSync(odd);
  writeFileSync(join(odd, 'x'), '');
  await assert.rejects(
    doExport(r, { to: [MAINT], cc: [] }, odd),
    (e: unknown) => e instanceof Error && /"[^"\n]*a\\nb" holds other files/.test(e.message) && !e.message.includes('\n'),
  );
  const file = join(tmp(), 'plain-file');
  writeFileSync(file, 'x');
  await assert.rejects(doExport(r, { to: [MAINT], cc: [] }, join(file, 'sub')), (e: unknown) => e instanceof UsageError && /cannot write to/.test(e.message));
  await assert.rejects(doExport(r, { to: [MAINT], cc: [] }, file), (e: unknown) => e instanceof UsageError && /not a directory/.test(e.message));
});

test('per-patch mode: each patch carries its own To and Cc, the cover the union', async () => {
  const r = threePatches();
  const shas = r.git(['rev-list', '--reverse', 'master..topic']).trim().split('\n');
  const plan: RecipientPlan = {
    to: [MAINT],
    cc: [LIST, REV],
    perPatch: [
      { sha: shas[0]!, to: [MAINT], cc: [LIST] },
      { sha: shas[1]!, to: [MAINT], cc: [LIST, REV] },
      { sha: shas[2]!, to: [], cc: [LIST] },
    ],
  };
  const rec = await doExport(r, plan, join(tmp(), 'out'));
  const text = rec.files.map((f) => readFileSync(f, 'utf8'));
  assert.equal(headerValue(text[0]!, 'Cc'), 'zorb@lists.example,\n    =?UTF-8?B?UsOpdiBJZXdlcg==?= <rev@review.example>');
  assert.equal(headerValue(text[1]!, 'Cc'), 'zorb@lists.example');
  assert.equal(headerValue(text[2]!, 'Cc'), 'zorb@lists.example,\n    =?UTF-8?B?UsOpdiBJZXdlcg==?= <rev@review.example>');
  assert.equal(headerValue(text[3]!, 'To'), undefined);
  assert.equal(headerValue(text[3]!, 'Cc'), 'zorb@lists.example');
  assert.deepEqual(
    rec.perPatch!.map((p) => p.sha),
    shas,
  );
  assert.equal(amTree(r, rec.files.slice(1)).tree, r.git(['rev-parse', 'topic^{tree}']).trim());
});

test('a single patch: no cover letter, the text below the ---, and git am keeps the message and the tree', async () => {
  const r = scratchpad.repo();
  r.commit('zorb: fix a leak\n\nThe buffer was never freed.\n\nSigned-off-by: Test Author <author@test.example>\n', { 'z.c': 'free(x);\n' });
  runCli(['cover', '--body', 'Tested on Zörb 3000 hardware.'], { cwd: r.dir });
  const rec = await doExport(r, { to: [MAINT], cc: [] }, join(tmp(), 'out'));
  assert.equal(rec.files.length, 1);
  assert.equal(rec.coverMessageId, undefined);
  const p = readFileSync(rec.files[0]!, 'utf8');
  assert.equal(headerValue(p, 'Subject'), '[PATCH] zorb: fix a leak');
  assert.match(p, /Signed-off-by: Test Author <author@test.example>\n---\nTested on Zörb 3000 hardware\.\n\n z\.c \| 1 \+\n/);
  assert.match(headerValue(p, 'Content-Type')!, /charset=UTF-8/);
  const { tree, messages } = amTree(r, rec.files);
  assert.equal(tree, r.git(['rev-parse', 'topic^{tree}']).trim());
  assert.equal(messages, 'zorb: fix a leak\n\nThe buffer was never freed.\n\nSigned-off-by: Test Author <author@test.example>\n\x00\n');
});

test('v2 threads to the v1 cover letter when the branch opted in; a non-ASCII title is encoded and decodes back', async () => {
  const r = threePatches();
  await setCover(r.dir, { title: 'zorb: Zörb driver', prefixes: ['RFC'] });
  const v1 = await doExport(r, { to: [MAINT], cc: [] }, join(tmp(), 'v1'));
  assert.equal(runCli(['sent'], { cwd: r.dir }).code, 0);
  assert.equal(loadState(join(r.dir, '.git'), 'topic').sent[0]!.messageId, v1.coverMessageId);
  r.write({ 'drivers/zorb/main.c': 'int main2;\n' });
  r.git(['commit', '-q', '-a', '--fixup=HEAD~2']);
  r.git(['-c', 'sequence.editor=true', 'rebase', '-q', '-i', '--autosquash', 'master']);
  updateState(join(r.dir, '.git'), 'topic', (s) => {
    s.cover.changes['2'] = 'renamed main';
    // Replying to the previous version is the branch's opt-in; by default a new version starts a new thread.
    s.threadToPrevious = true;
  });
  const v2 = await doExport(r, { to: [MAINT], cc: [] }, join(tmp(), 'v2'));
  const cover = readFileSync(v2.files[0]!, 'utf8');
  assert.equal(headerValue(cover, 'In-Reply-To'), v1.coverMessageId);
  assert.equal(headerValue(cover, 'References'), v1.coverMessageId);
  assert.match(headerValue(cover, 'Subject')!, /^=\?UTF-8\?B\?/);
  // mailparser, as a mail reader would, decodes it back.
  assert.equal((await simpleParser(Buffer.from(cover))).subject, '[RFC PATCH v2 0/3] zorb: Zörb driver');
  assert.match(cover, /Changes in v2:\n- renamed main\n- Link to v1: https:\/\/lore\.kernel\.org\/r\/cover\./);
  assert.match(cover, /Range-diff against v1:\n/);
  assert.match(v2.files[1]!, /\/v2-0001-zorb-add-the-driver\.patch$/);
  const patch = readFileSync(v2.files[1]!, 'utf8');
  assert.equal(headerValue(patch, 'In-Reply-To'), v2.coverMessageId);
  assert.match(headerValue(patch, 'Subject')!, /^\[RFC PATCH v2 1\/3\]/);
  assert.equal(amTree(r, v2.files.slice(1)).tree, r.git(['rev-parse', 'topic^{tree}']).trim());
});
