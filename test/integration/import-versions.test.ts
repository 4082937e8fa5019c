import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli, scratch, type TestRepo, hermeticProcess } from '../helpers/repo.js';
import { commitsOf, makeSeries } from '../helpers/rewrite-fixture.js';
import { planImportFile } from '../../src/trailers/import.js';
import { readSeries } from '../../src/ops/branch.js';
import { updateState } from '../../src/store/state.js';
import { openBranch, type TrailerPlan } from '../../src/trailers/actions.js';

// src/ runs git in this process: give it the hermetic environment.
hermeticProcess();

const scratchpad = scratch('pp-import-v-');
const tmp = scratchpad.dir();

/** Three commits "subsys: change number i"; state: the branch's version and the versions recorded as sent. */
function series(state?: { version: number; sent?: number[] }): TestRepo {
  const r = makeSeries(3, { dir: scratchpad.dir() });
  if (state) {
    updateState(join(r.dir, '.git'), 'topic', (s) => {
      s.version = state.version;
      s.sent = (state.sent ?? []).map((version) => ({ version, tag: `topic-v${version}`, date: '2026-01-01T00:00:00Z', tip: r.head(), base: r.head() }));
    });
  }
  return r;
}

interface Msg {
  id: string;
  from?: string;
  subject: string;
  body: string;
  inReplyTo?: string;
}

let n = 0;
function writeMbox(msgs: Msg[]): string {
  const p = join(tmp, `t${++n}.mbox`);
  const one = (m: Msg, i: number) =>
    [
      `From ${m.id} Thu Jan  1 10:00:00 2026`,
      `From: ${m.from ?? 'Rita Reviewer <rita@example.org>'}`,
      `Subject: ${m.subject}`,
      `Date: Thu, 01 Jan 2026 10:${String(i).padStart(2, '0')}:00 +0000`,
      `Message-ID: <${m.id}>`,
      ...(m.inReplyTo ? [`In-Reply-To: <${m.inReplyTo}>`, `References: <${m.inReplyTo}>`] : []),
      'Content-Type: text/plain; charset=utf-8',
      '',
      m.body,
      '',
    ].join('\n');
  writeFileSync(p, msgs.map(one).join('\n'));
  return p;
}

const REVIEW = 'Reviewed-by: Rita Reviewer <rita@example.org>\n';
const added = (plan: TrailerPlan) => plan.entries.map((e) => `${e.subject}: ${e.add.map((t) => t.key).join(',')}`);

describe('trailers import and the series version', () => {
  it('skips a reply to v3 matched by subject on a v1 branch, saying why, unless --any-version', async () => {
    const repo = series();
    const p = writeMbox([{ id: 'r@x', subject: 'Re: [PATCH v3 2/3] subsys: change number 2', body: REVIEW, inReplyTo: 'unknown-patch@x' }]);
    const ctx = await openBranch({ repoDir: repo.dir });
    const plan = await planImportFile(ctx, p);
    assert.deepEqual(added(plan), []);
    assert.deepEqual(
      plan.skipped.map((s) => s.reason),
      ['reply to v3, the branch is v1 (--any-version to add it)'],
    );
    assert.deepEqual(added(await planImportFile(ctx, p, { anyVersion: true })), ['subsys: change number 2: Reviewed-by']);

    const tip = repo.head();
    const cli = runCli(['trailers', 'import', p], { cwd: repo.dir });
    assert.equal(cli.code, 0, cli.stderr);
    assert.match(
      cli.stdout,
      /skipped:\n {2}- Reviewed-by: Rita Reviewer <rita@example.org> from Rita Reviewer <rita@example.org> on "Re: \[PATCH v3 2\/3\] subsys: change number 2": reply to v3, the branch is v1 \(--any-version to add it\)/,
    );
    // Nothing to add: the listing opens the output, with no blank line before it.
    assert.ok(cli.stdout.startsWith('skipped:\n'), cli.stdout);
    assert.match(cli.stdout, /\n\nnothing to add: the branch is unchanged\n$/);
    assert.equal(repo.head(), tip);
    const any = runCli(['trailers', 'import', '--any-version', p], { cwd: repo.dir });
    assert.equal(any.code, 0, any.stderr);
    assert.match(commitsOf(repo)[1]!.message, /Reviewed-by: Rita Reviewer <rita@example.org>\nSigned-off-by/);
  });

  it('follows the thread to the version of the patch answered: this version applies, another is skipped', async () => {
    const repo = series();
    const p = writeMbox([
      { id: 'v1p2@x', from: 'Test Author <author@test.example>', subject: '[PATCH 2/3] subsys: change number 2', body: 'patch\n' },
      { id: 'v3p3@x', from: 'Test Author <author@test.example>', subject: '[PATCH v3 3/3] subsys: change number 3', body: 'patch\n' },
      // Subjects that say nothing: only the thread tells the version.
      { id: 'a@x', subject: 'Re: your patch', body: REVIEW, inReplyTo: 'v1p2@x' },
      { id: 'b@x', subject: 'Re: your patch', body: REVIEW, inReplyTo: 'v3p3@x' },
    ]);
    const plan = await planImportFile(await openBranch({ repoDir: repo.dir }), p);
    assert.deepEqual(added(plan), ['subsys: change number 2: Reviewed-by']);
    assert.deepEqual(
      plan.skipped.map((s) => s.reason),
      ['reply to v3, the branch is v1 (--any-version to add it)'],
    );
  });

  it('after `sent` the branch is the next version, and replies to the version sent still apply', async () => {
    const repo = series({ version: 3, sent: [1, 2] });
    const p = writeMbox([
      { id: 'a@x', subject: 'Re: [PATCH v2 1/3] subsys: change number 1', body: REVIEW },
      { id: 'b@x', subject: 'Re: [PATCH v3 2/3] subsys: change number 2', body: REVIEW },
      { id: 'c@x', subject: 'Re: [PATCH 3/3] subsys: change number 3', body: REVIEW },
    ]);
    const ctx = await openBranch({ repoDir: repo.dir });
    assert.deepEqual([ctx.version, ctx.lastSent], [3, 2]);
    const plan = await planImportFile(ctx, p);
    assert.deepEqual(added(plan), ['subsys: change number 1: Reviewed-by', 'subsys: change number 2: Reviewed-by']);
    assert.deepEqual(
      plan.skipped.map((s) => s.reason),
      ['reply to v1, the branch is v3, v2 was sent last (--any-version to add it)'],
    );
  });

  it("takes the version as `series` does, b4's revision and history included", async () => {
    const repo = scratchpad.repo();
    const tracking = { series: { revision: 4, 'change-id': '20260101-x-0123', history: { v2: ['v2@x'], v3: ['v3@x'] } } };
    repo.commit(
      `subsys: the cover\n\nText.\n\n--- b4-submit-tracking ---\n# This section is used internally by b4 prep\n${JSON.stringify(tracking)}\n`,
      {},
      { allowEmpty: true },
    );
    repo.commit('subsys: change number 1\n', { f1: '1\n' });
    const ctx = await openBranch({ repoDir: repo.dir });
    assert.equal(ctx.version, (await readSeries({ repoDir: repo.dir })).version);
    assert.deepEqual([ctx.version, ctx.lastSent], [4, 3]);
    const p = writeMbox([
      { id: 'a@x', subject: 'Re: [PATCH v3] subsys: change number 1', body: REVIEW },
      { id: 'b@x', subject: 'Re: [PATCH v2] subsys: change number 1', body: 'Acked-by: Rita Reviewer <rita@example.org>\n' },
    ]);
    const plan = await planImportFile(ctx, p);
    assert.deepEqual(added(plan), ['subsys: change number 1: Reviewed-by']);
    assert.match(plan.skipped[0]!.reason, /^reply to v2, the branch is v4, v3 was sent last/);
  });
});
