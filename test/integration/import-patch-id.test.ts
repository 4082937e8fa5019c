/**
 * A review of an earlier version holds for a commit only while the commit's
 * patch is the one reviewed: `git patch-id --stable` of the patch saved in
 * the thread against the commit's (b4 trailers -u compares the same).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hermeticProcess, makeRepo, scratch } from '../helpers/repo.js';
import { planImportFile } from '../../src/trailers/import.js';
import { openBranch, type TrailerPlan } from '../../src/trailers/actions.js';

hermeticProcess();
const pad = scratch('pp-patchid-');
const SOB = 'Signed-off-by: Test Author <author@test.example>';
const added = (plan: TrailerPlan) => plan.entries.map((e) => `${e.subject}: ${e.add.map((t) => t.key).join(',')}`);

function reply(id: string, to: string, subject: string, trailer: string): string {
  return [
    `From rita Thu Jan  1 10:00:00 2026`,
    'From: Rita Reviewer <rita@example.org>',
    `Subject: Re: ${subject}`,
    'Date: Thu, 01 Jan 2026 11:00:00 +0000',
    `Message-ID: <${id}>`,
    `In-Reply-To: ${to}`,
    `References: ${to}`,
    '',
    '> quoted',
    '',
    trailer,
    '',
  ].join('\n');
}

test('a v1 review applies to the unchanged patch, is skipped with the reason for the changed one, and --any-version takes it anyway', async () => {
  const r = pad.keep(makeRepo());
  r.commit(`zorb: one\n\n${SOB}\n`, { 'a.c': 'a\n' });
  r.commit(`zorb: two\n\n${SOB}\n`, { 'b.c': 'b\n' });
  // v1 as it was mailed, and a review of each patch.
  const v1 = r.git(['format-patch', '--stdout', '--thread=shallow', '--cover-letter', 'master..HEAD']);
  const ids = [...v1.matchAll(/^Message-ID: (<[^>]+>)$/gim)].map((m) => m[1]!);
  const subjects = [...v1.matchAll(/^Subject: (.*)$/gm)].map((m) => m[1]!);
  assert.equal(ids.length, 3);
  const mbox = join(pad.dir(), 'thread.mbox');
  writeFileSync(
    mbox,
    [
      v1,
      reply('r1@x', ids[1]!, subjects[1]!, 'Reviewed-by: Rita Reviewer <rita@example.org>'),
      reply('r2@x', ids[2]!, subjects[2]!, 'Reviewed-by: Rita Reviewer <rita@example.org>'),
      reply('r0@x', ids[0]!, subjects[0]!, 'Acked-by: Rita Reviewer <rita@example.org>'),
    ].join('\n'),
  );
  // v2: patch one reworded only (same patch-id), patch two's code changed.
  r.git(['reset', '-q', '--hard', 'master']);
  r.commit(`zorb: one\n\nReworded message.\n\n${SOB}\n`, { 'a.c': 'a\n' });
  r.commit(`zorb: two\n\n${SOB}\n`, { 'b.c': 'b changed\n' });

  const ctx = await openBranch({ repoDir: r.dir });
  const plan = await planImportFile(ctx, mbox);
  assert.deepEqual(added(plan), ['zorb: one: Reviewed-by,Acked-by']);
  const reasons = plan.skipped.map((s) => s.reason ?? '');
  assert.equal(reasons.filter((x) => /"zorb: two" changed since v1 was reviewed/.test(x)).length, 2, reasons.join('\n'));

  const anyway = await planImportFile(ctx, mbox, { anyVersion: true });
  assert.deepEqual(added(anyway), ['zorb: one: Reviewed-by,Acked-by', 'zorb: two: Reviewed-by,Acked-by']);
});

test('a git-publish v1 tag makes the branch v2 for import too: a reply to v2 applies, one to v1 is the last sent', async () => {
  const r = pad.keep(makeRepo());
  r.commit(`zorb: one\n\n${SOB}\n`, { 'a.c': 'a\n' });
  r.git(['tag', '-a', '-m', 'v1', 'topic-v1']);
  r.commit(`zorb: two\n\n${SOB}\n`, { 'b.c': 'b\n' });
  const mbox = join(pad.dir(), 'replies.mbox');
  writeFileSync(
    mbox,
    [
      reply('a@x', '<unknown-v2@x>', '[PATCH v2 2/2] zorb: two', 'Reviewed-by: Rita Reviewer <rita@example.org>'),
      reply('b@x', '<unknown-v1@x>', '[PATCH 1/1] zorb: one', 'Tested-by: Rita Reviewer <rita@example.org>'),
    ].join('\n'),
  );
  const ctx = await openBranch({ repoDir: r.dir });
  assert.equal(ctx.version, 2);
  const plan = await planImportFile(ctx, mbox);
  assert.deepEqual(added(plan), ['zorb: one: Tested-by', 'zorb: two: Reviewed-by']);
  assert.deepEqual(plan.skipped, []);
});
