import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gitOut, hermeticProcess, runCli, scratch, type TestRepo } from '../helpers/repo.js';
import { commitsOf, makeSeries } from '../helpers/rewrite-fixture.js';
import { createDemo } from '../../src/demo/index.js';
import { UsageError } from '../../src/errors.js';
import { openForTrailers, planTrailers } from '../../src/ops/trailers.js';

// src/ runs git in this process: give it the hermetic environment.
hermeticProcess();

const scratchpad = scratch('pp-trailers-');
const series = (n: number): TestRepo => makeSeries(n, { dir: scratchpad.dir() });

function oneLineError(r: { code: number; stderr: string }, re: RegExp): void {
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^patchpilot: [^\n]+\n$/);
  assert.match(r.stderr, re);
}

describe('patchpilot trailers (CLI)', () => {
  it("adds before the submitter's Signed-off-by in the demo series, keeping Co-developed-by pairs", async () => {
    const dir = scratchpad.dir();
    const { root } = await createDemo(join(dir, 'demo'));
    // The hermetic environment names a test identity; be the demo's submitter instead, as git would see it.
    const sam = {
      GIT_AUTHOR_NAME: 'Sam Submitter',
      GIT_AUTHOR_EMAIL: 'sam@submitter.example',
      GIT_COMMITTER_NAME: 'Sam Submitter',
      GIT_COMMITTER_EMAIL: 'sam@submitter.example',
    };
    const r = runCli(['trailers', 'add', '--all', 'Reviewed-by: Rita Reviewer <rita@example.org>'], { cwd: root, env: sam });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /3 commits changed, 3 rewritten\nold tip kept in refs\/patchpilot\/rewrites\/zorb-vfio\/000001\/old/);
    const msg = gitOut(root, ['log', '-1', '--format=%B', 'HEAD~1']);
    assert.match(
      msg,
      /Co-developed-by: Chen Colleague <chen@submitter.example>\nSigned-off-by: Chen Colleague <chen@submitter.example>\nReviewed-by: Rita Reviewer <rita@example.org>\nSigned-off-by: Sam Submitter <sam@submitter.example>\n/,
    );
    // The submitter committed the rewrite, as git would have recorded it.
    assert.equal(gitOut(root, ['log', '-1', '--format=%cn <%ce>']).trim(), 'Sam Submitter <sam@submitter.example>');
  });

  it('validates the trailer in one line before touching anything', async () => {
    const repo = series(2);
    const tip = repo.head();
    // A misspelt key and a custom one without --custom are the trailer parser's refusals: checked on the plan
    // (what trailers add calls) in this process; the rest concern the command line and run it.
    const b = await openForTrailers({ repoDir: repo.dir });
    for (const [t, re] of [
      ['Reviewd-by: Rita <rita@example.org>', /did you mean Reviewed-by\?/],
      ['X-Custom: Rita <rita@example.org>', /--custom/],
    ] as [string, RegExp][]) {
      await assert.rejects(
        planTrailers(b, { kind: 'add', trailers: [t], all: true }),
        (e: Error) => e instanceof UsageError && !e.message.includes('\n') && re.test(e.message),
        t,
      );
    }
    oneLineError(
      runCli(['trailers', 'add', '--all', 'Reviewed-by: Rita <rita@example.org>\nSigned-off-by: Evil <e@example.org>'], { cwd: repo.dir }),
      /line break/,
    );
    oneLineError(runCli(['trailers', 'add', 'Reviewed-by: Rita <rita@example.org>'], { cwd: repo.dir }), /--commit REV .* --all/);
    oneLineError(
      runCli(['trailers', 'add', '--all', '--commit', 'HEAD', 'Reviewed-by: Rita <rita@example.org>'], { cwd: repo.dir }),
      /either --all or --commit/,
    );
    oneLineError(runCli(['trailers', 'frobnicate'], { cwd: repo.dir }), /unknown action/);
    assert.equal(repo.head(), tip);
    const custom = runCli(['trailers', 'add', '--custom', '--commit', 'HEAD', 'X-Custom: Rita <rita@example.org>'], { cwd: repo.dir });
    assert.equal(custom.code, 0, custom.stderr);
    assert.match(commitsOf(repo)[1]!.message, /X-Custom: Rita <rita@example.org>\nSigned-off-by/);
  });

  it('--dry-run shows the plan and moves nothing, on a dirty tree too; without it the refusal is the only output', () => {
    const repo = series(2);
    const tip = repo.head();
    const dry = runCli(['trailers', 'add', '--all', '-n', 'Acked-by: Al Acker <al@example.org>'], { cwd: repo.dir });
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /\+ Acked-by: Al Acker <al@example.org>[\s\S]*dry run: 2 trailers would be added; nothing moved/);
    repo.write({ f1: 'dirty\n' });
    const dirtyDry = runCli(['trailers', 'add', '--all', '-n', 'Acked-by: Al Acker <al@example.org>'], { cwd: repo.dir });
    assert.equal(dirtyDry.code, 0, dirtyDry.stderr);
    assert.equal(dirtyDry.stdout, dry.stdout);
    const dirty = runCli(['trailers', 'add', '--all', 'Acked-by: Al Acker <al@example.org>'], { cwd: repo.dir });
    oneLineError(dirty, /uncommitted changes/);
    assert.equal(dirty.stdout, '');
    assert.equal(repo.head(), tip);
  });

  it('prints no plan before refusing for an operation under way or a live lock', () => {
    const repo = series(2);
    const tip = repo.head();
    // `git bisect start` with no revisions leaves HEAD on the branch: only the bisect stands in the way.
    repo.git(['bisect', 'start']);
    const bisect = runCli(['trailers', 'add', '--all', 'Acked-by: Al Acker <al@example.org>'], { cwd: repo.dir });
    oneLineError(bisect, /bisect is in progress/);
    assert.equal(bisect.stdout, '');
    repo.git(['bisect', 'reset']);
    // This test process is alive, so a lock naming it belongs to a running patchpilot.
    mkdirSync(join(repo.dir, '.git', 'patchpilot'), { recursive: true });
    writeFileSync(join(repo.dir, '.git', 'patchpilot', 'rewrite.lock'), JSON.stringify({ pid: process.pid, host: hostname(), at: 'now' }));
    const locked = runCli(['trailers', 'add', '--all', 'Acked-by: Al Acker <al@example.org>'], { cwd: repo.dir });
    oneLineError(locked, /another patchpilot \(pid \d+/);
    assert.equal(locked.stdout, '');
    assert.equal(repo.head(), tip);
  });

  it('lists trailers with problems flagged, as text and JSON', () => {
    const repo = makeSeries(1, { message: () => 'sub\n\nSigned-of-by: Ann <ann@example.org>\nAcked-by: nobody\n', dir: scratchpad.dir() });
    const text = runCli(['trailers'], { cwd: repo.dir });
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /Signed-of-by: Ann <ann@example.org>\n\s+! "Signed-of-by" looks like a misspelling of Signed-off-by/);
    assert.match(text.stdout, /2 problems flagged/);
    const json = JSON.parse(runCli(['trailers', 'list', '--json'], { cwd: repo.dir }).stdout);
    assert.equal(json.branch, 'topic');
    assert.deepEqual(json.commits[0].trailers[1], { key: 'Acked-by', value: 'nobody', problems: ['"nobody" is not a valid "Name <address>"'] });
  });

  it('undo restores the tip and then refuses, in one line', () => {
    const repo = series(2);
    const tip = repo.head();
    assert.equal(runCli(['trailers', 'add', '--all', 'Acked-by: Al Acker <al@example.org>'], { cwd: repo.dir }).code, 0);
    assert.notEqual(repo.head(), tip);
    const u = runCli(['trailers', 'undo', '--json'], { cwd: repo.dir });
    assert.equal(u.code, 0, u.stderr);
    assert.equal(JSON.parse(u.stdout).restored, tip);
    assert.equal(repo.head(), tip);
    oneLineError(runCli(['trailers', 'undo'], { cwd: repo.dir }), /nothing to undo on topic/);
  });
});
