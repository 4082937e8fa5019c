/**
 * What cover and export say when they refuse or replace something: a
 * git-publish tag's cover letter seeds the next version, a refused cover
 * command changes nothing and says so, --changes says what it replaced and
 * --add-changes appends, export --force does not advise --force, and an open
 * checkpatch item says to run patchpilot check.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hermeticProcess, runCli, scratch, type TestRepo } from '../helpers/repo.js';
import { setCover } from '../helpers/ops.js';

// The cover and recipients a test only sets up go through src/ops in this process (test/helpers/ops.ts).
hermeticProcess();
const pad = scratch('pp-covnotes-');
const SOB = 'Signed-off-by: Test Author <author@test.example>';
const MAINTAINERS = 'ZORB\nM:\tMae Maintainer <mae@maint.example>\nS:\tMaintained\nF:\tzorb/\n';

function repo(extra: Record<string, string> = {}): TestRepo {
  const r = pad.repo({ base: { README: 'base\n', MAINTAINERS, ...extra } });
  r.git(['branch', '-q', '--set-upstream-to=master']);
  r.commit(`zorb: one\n\n${SOB}\n`, { 'zorb/a.c': 'int a;\n' });
  r.commit(`zorb: two\n\n${SOB}\n`, { 'zorb/a.c': 'int a;\nint b;\n' });
  return r;
}

const coverJson = (r: TestRepo) =>
  JSON.parse(runCli(['cover', '--json'], { cwd: r.dir }).stdout) as Record<string, unknown> & { changes: Record<string, string> };

test('a git-publish <branch>-v1 tag: v2 starts from its cover letter (subject line and body), not from placeholders', () => {
  const r = repo();
  // git-publish tags the sent version with the cover letter as the annotated tag's message.
  r.git(['tag', '-a', '-m', 'zorb: make zorb faster\n\nThis series makes zorb faster.\n\nIt has two parts.', 'topic-v1']);
  r.commit(`zorb: three\n\n${SOB}\n`, { 'zorb/a.c': 'int a;\nint b;\nint c;\n' });
  const c = coverJson(r);
  assert.equal(c.version, 2);
  assert.equal(c.subject, '[PATCH v2 0/3] zorb: make zorb faster');
  assert.equal(c.body, 'This series makes zorb faster.\n\nIt has two parts.');
  assert.equal(c.source, 'git-publish');
  const out = pad.dir();
  assert.equal(runCli(['cover', '--changes', 'add a third patch'], { cwd: r.dir }).code, 0);
  const ex = runCli(['export', '-o', out, '--force'], { cwd: r.dir });
  assert.equal(ex.code, 0, ex.stderr);
  const letter = readFileSync(join(out, readdirSync(out).sort()[0]!), 'utf8');
  assert.match(letter, /^Subject: \[PATCH v2 0\/3\] zorb: make zorb faster$/m);
  assert.doesNotMatch(letter, /\*\*\* (SUBJECT|BLURB) HERE \*\*\*/);
});

test('cover --title --body --changes on v1: refused before anything is saved, and it says so', () => {
  const r = repo();
  const res = runCli(['cover', '--title', 'T', '--body', 'B', '--changes', 'C'], { cwd: r.dir });
  assert.equal(res.code, 2);
  assert.match(res.stderr, /--changes is for v2 and later.*nothing was changed/);
  const c = coverJson(r);
  assert.equal(c.title, '');
  assert.equal(c.body, '');
});

test('a second cover --changes says it replaced the first; --add-changes appends', () => {
  const r = repo();
  r.git(['tag', '-a', '-m', 'zorb: v1\n\nbody', 'topic-v1']);
  assert.equal(runCli(['cover', '--changes', '- Fix the lock order (Kevin)'], { cwd: r.dir }).code, 0);
  const second = runCli(['cover', '--changes', '- Rename zorb_init'], { cwd: r.dir });
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stderr, /replaced the changelog of v2 \(it was: "- Fix the lock order \(Kevin\)"\)/);
  const add = runCli(['cover', '--add-changes', '- Drop the unused flag'], { cwd: r.dir });
  assert.equal(add.code, 0, add.stderr);
  assert.doesNotMatch(add.stderr, /replaced/);
  assert.equal(coverJson(r).changes['2'], '- Rename zorb_init\n- Drop the unused flag');
  assert.match(runCli(['cover', '--help'], { cwd: r.dir }).stdout, /--add-changes T/);
});

test('export: --force notes the open items without advising --force; an open checkpatch item says to run patchpilot check', async () => {
  const r = repo({ 'scripts/checkpatch.pl': 'exit 0;\n' });
  await setCover(r.dir, { title: 'zorb: two changes', body: 'Two changes to zorb.' });
  const refused = runCli(['export', '-o', pad.dir()], { cwd: r.dir });
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /kernel\.checkpatch \(open\).*run patchpilot check \(it runs checkpatch/);
  assert.match(refused.stderr, /or export anyway with --force/);
  const forced = runCli(['export', '-o', pad.dir(), '--force'], { cwd: r.dir });
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(forced.stderr, /note: exported with --force: .*kernel\.checkpatch \(open\)/);
  assert.doesNotMatch(forced.stderr, /export anyway with --force/);
});
