import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, gitOut, hermeticProcess, scratch, type RepoOptions } from '../helpers/repo.js';
import { readSeries } from '../../src/ops/branch.js';
import { UsageError } from '../../src/errors.js';
import { createDemo } from '../../src/demo/index.js';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';

const scratchpad = scratch('pp-series-');
const repo = (opts?: RepoOptions) => scratchpad.repo(opts);

/** git's own numstat for a commit, as [path, add, del] with renames as their new path. */
function numstat(dir: string, sha: string): [string, string, string][] {
  const out = gitOut(dir, ['-c', 'core.quotePath=false', 'show', '-M', '--numstat', '-z', '--format=', sha]);
  const f = out.split('\0');
  const rows: [string, string, string][] = [];
  for (let i = 0; i < f.length; i++) {
    const rec = f[i]!.replace(/^\n/, '');
    if (!rec) continue;
    const [a, d, p] = rec.split('\t') as [string, string, string];
    if (p === '') {
      rows.push([f[i + 2]!, a, d]);
      i += 2;
    } else rows.push([p, a, d]);
  }
  return rows;
}

test('reads commits in order with authors, subjects and files matching git numstat', async () => {
  const r = repo({ base: { 'old.c': 'int a;\nint b;\nint c;\nint d;\nint e;\n', 'keep.c': 'x\n' } });
  r.commit('first: add files\n\nBody text.\n\nSigned-off-by: Test Author <author@test.example>\n', { 'new.c': 'one\ntwo\n', 'keep.c': 'x\ny\n' });
  r.commit('second: rename\n', { 'old.c': null, 'renamed.c': 'int a;\nint b;\nint c;\nint d;\nint e;\nint f;\n' });
  r.commit(
    'third: binary and unicode\n',
    { 'blob.bin': Buffer.from([0, 1, 2, 3, 255, 0]), 'drivers/ünï cödé.c': 'hello\n' },
    { author: { name: 'Zoë Ünicode', email: 'zoe@test.example' } },
  );
  const s = await readSeries({ repoDir: r.dir });
  assert.equal(s.branch, 'topic');
  assert.equal(s.base.ref, 'master');
  assert.deepEqual(
    s.commits.map((c) => c.subject),
    ['first: add files', 'second: rename', 'third: binary and unicode'],
  );
  assert.equal(s.commits[2]!.author.name, 'Zoë Ünicode');
  for (const c of s.commits) {
    const git = numstat(r.dir, c.sha).map(([p, a, d]) => [p, a === '-' ? 0 : Number(a), d === '-' ? 0 : Number(d)]);
    assert.deepEqual(c.files.map((f) => [f.path, f.additions, f.deletions]).sort(), git.sort(), c.subject);
  }
  const ren = s.commits[1]!.files[0]!;
  assert.equal(ren.status, 'R');
  assert.equal(ren.oldPath, 'old.c');
  assert.equal(ren.path, 'renamed.c');
  const bin = s.commits[2]!.files.find((f) => f.path === 'blob.bin')!;
  assert.equal(bin.binary, true);
  assert.equal(bin.status, 'A');
  assert.ok(s.commits[2]!.files.some((f) => f.path === 'drivers/ünï cödé.c'));
});

test('paths git must C-quote (tab, quote, backslash) come out literally', async () => {
  const r = repo();
  r.commit('odd names\n', { 'a\tb.c': 'x\n', 'q"uote.c': 'y\n', 'back\\slash.c': 'z\n' });
  const s = await readSeries({ repoDir: r.dir });
  assert.deepEqual(s.commits[0]!.files.map((f) => f.path).sort(), ['a\tb.c', 'back\\slash.c', 'q"uote.c']);
});

test('deleted and mode-changed files have their status and path', async () => {
  const r = repo({ base: { 'gone.c': 'a\nb\n', 'run.sh': 'echo\n' } });
  r.write({ 'gone.c': null });
  chmodSync(join(r.dir, 'run.sh'), 0o755);
  r.commit('delete and chmod\n');
  const s = await readSeries({ repoDir: r.dir });
  const files = Object.fromEntries(s.commits[0]!.files.map((f) => [f.path, f]));
  assert.equal(files['gone.c']!.status, 'D');
  assert.equal(files['gone.c']!.deletions, 2);
  assert.equal(files['run.sh']!.status, 'M');
});

test('an empty commit is part of the series with no files', async () => {
  const r = repo();
  r.commit('empty but deliberate\n', {}, { allowEmpty: true });
  const s = await readSeries({ repoDir: r.dir });
  assert.equal(s.commits.length, 1);
  assert.deepEqual(s.commits[0]!.files, []);
});

test('trailers match git interpret-trailers --parse, continuation lines and --- included', async () => {
  const messages = [
    'subj\n\nbody\n\nReviewed-by: A Person <a@x.example>\nLink: https://example.org/a-very-long\n  -continued-link\nSigned-off-by: Test Author <author@test.example>\n',
    'subj\n\nbody line\n---\nnotes after the divider\n\nAcked-by: Not A Trailer <n@x.example>\n',
    'subj\n\nbody\n\nSigned-off-by: X <x@x.example>\n---\nv2: changed things\n',
    'subj\n\nSome text here\nmore text\nSigned-off-by: T <t@x.example>\n',
    'subj\n\nFixes: 123456789abc ("thing")\nCc: stable@vger.kernel.org # 6.1+\nSigned-off-by: Test Author <author@test.example>\n',
    'only a subject line\n',
    'subj\n\nnot: a trailer block because\nthis line is prose and so is this one\nand this\nSigned-off-by: T <t@x.example>\n',
  ];
  const r = repo();
  for (const m of messages) r.commit(m, {}, { allowEmpty: true });
  const s = await readSeries({ repoDir: r.dir });
  s.commits.forEach((c, i) => {
    const want = gitOutInput(r.dir, ['interpret-trailers', '--parse'], c.message).split('\n').filter(Boolean);
    assert.deepEqual(
      c.trailers.map((t) => `${t.key}: ${t.value}`),
      want,
      messages[i],
    );
  });
  const t = s.commits[0]!.trailers[0]!;
  assert.equal(t.name, 'A Person');
  assert.equal(t.email, 'a@x.example');
});

import { spawnSync } from 'node:child_process';

// src/ runs git in this process: give it the hermetic environment.
hermeticProcess();
function gitOutInput(dir: string, args: string[], input: string): string {
  return spawnSync('git', args, { cwd: dir, input, encoding: 'utf8' }).stdout;
}

test('a b4 cover commit is left out of the series and offered as the cover letter', async () => {
  const r = repo();
  r.commit(
    'my series title\n\nThe cover body.\n\n--- b4-submit-tracking ---\n# This section is used internally by b4 prep for tracking purposes.\n{"series": {"revision": 3, "change-id": "20260101-x", "prefixes": ["RFC"]}}\n',
    {},
    { allowEmpty: true },
  );
  r.commit('real patch\n', { 'a.c': 'a\n' });
  const s = await readSeries({ repoDir: r.dir });
  assert.equal(s.commits.length, 1);
  assert.equal(s.b4Cover?.subject, 'my series title');
  assert.equal(s.b4Cover?.body, 'The cover body.');
  assert.equal(s.version, 3);
});

test('--base wins over the upstream, and an upstream wins over master', async () => {
  const r = repo();
  const one = r.commit('one\n', { a: '1\n' });
  r.git(['branch', 'mid']);
  r.commit('two\n', { a: '2\n' });
  r.git(['branch', '--set-upstream-to=mid']);
  let s = await readSeries({ repoDir: r.dir });
  assert.equal(s.base.ref, 'mid');
  assert.equal(s.base.commit, one);
  assert.equal(s.commits.length, 1);
  s = await readSeries({ repoDir: r.dir, base: 'master' });
  assert.equal(s.commits.length, 2);
});

test('series --json has the contract shape', () => {
  const r = repo();
  r.commit('patch\n\nSigned-off-by: Test Author <author@test.example>\n', { 'x.c': 'x\n' });
  const res = runCli(['series', '--json', '--repo', r.dir]);
  assert.equal(res.code, 0, res.stderr);
  const j = JSON.parse(res.stdout);
  assert.equal(j.branch, 'topic');
  assert.equal(typeof j.base.ref, 'string');
  assert.match(j.base.commit, /^[0-9a-f]{40}$/);
  assert.equal(j.version, 1);
  const c = j.commits[0];
  assert.deepEqual(
    Object.keys(c)
      .filter((k) => ['sha', 'subject', 'author', 'trailers', 'files'].includes(k))
      .sort(),
    ['author', 'files', 'sha', 'subject', 'trailers'],
  );
  assert.deepEqual(c.author, { name: 'Test Author', email: 'author@test.example' });
  assert.deepEqual(c.trailers[0], { key: 'Signed-off-by', value: 'Test Author <author@test.example>', name: 'Test Author', email: 'author@test.example' });
  assert.deepEqual(c.files[0], { path: 'x.c', status: 'A', additions: 1, deletions: 0 });
});

function assertUsageError(args: string[], pattern: RegExp, cwd?: string) {
  const res = runCli(args, { cwd });
  assert.equal(res.code, 2, `${args.join(' ')}: ${res.stdout}${res.stderr}`);
  assert.match(res.stderr, pattern);
  assert.equal(res.stderr.trim().split('\n').length, 1, `one line: ${res.stderr}`);
  assert.doesNotMatch(res.stderr, /\n\s+at /);
}

/** The same refusal from the operation series runs (src/ops), in this process: a UsageError of one line. */
async function assertRefused(repoDir: string, pattern: RegExp, base?: string) {
  await assert.rejects(readSeries({ repoDir, ...(base !== undefined ? { base } : {}) }), (e: Error) => {
    assert.ok(e instanceof UsageError, `${repoDir}: ${e.stack}`);
    assert.match(e.message, pattern);
    assert.ok(!e.message.includes('\n'), `one line: ${e.message}`);
    return true;
  });
}

// The refusals that concern --repo and --base and the detached HEAD run the CLI (exit 2, one line on stderr,
// no stack trace); the rest are the same path through UsageError, so they are checked on the operation itself.
test('errors: not a repository, no commits, unknown revision, nothing to send, detached, merge', async () => {
  const empty = repo({ branch: null });
  assertUsageError(['series', '--repo', '/'], /not a git repository/);
  assertUsageError(['series', '--repo', '/nonexistent/dir'], /no such directory/);
  await assertRefused(empty.dir, /you are on master, which has no upstream/);
  assertUsageError(['series', '--repo', join(empty.dir, 'README')], /is a file; --repo takes the directory/);
  const bare = repo({ branch: null });
  bare.git(['clone', '-q', '--bare', bare.dir, join(bare.dir, 'bare.git')]);
  await assertRefused(join(bare.dir, 'bare.git'), /is a bare repository/);
  const side = repo({ branch: 'feature' });
  side.git(['branch', '-m', 'master', 'trunk']);
  await assertRefused(side.dir, /cannot tell the base of feature/);
  await assertRefused(empty.dir, /no commits between master and HEAD/, 'master');
  assertUsageError(['series', '--repo', empty.dir, '--base', 'nope'], /unknown revision: nope/);
  const r = repo();
  r.commit('a\n', { a: 'a\n' });
  r.git(['checkout', '-q', '--detach']);
  assertUsageError(['series', '--repo', r.dir], /detached/);
  const m = repo();
  m.commit('side\n', { s: 's\n' });
  m.git(['checkout', '-q', 'master']);
  m.commit('main\n', { t: 't\n' });
  m.git(['checkout', '-q', 'topic']);
  m.git(['merge', '-q', '--no-edit', 'master']);
  await assertRefused(m.dir, /is a merge/, 'master~1');
  const fresh = repo({ branch: null });
  fresh.git(['checkout', '-q', '--orphan', 'unborn']);
  await assertRefused(fresh.dir, /has no commits yet/);
});

test('unknown commands and options are one-line usage errors', () => {
  assertUsageError(['frobnicate'], /unknown command 'frobnicate'/);
  assertUsageError(['series', '--bogus'], /unknown option '--bogus'/);
});

test('--help and --version', () => {
  const h = runCli(['--help']);
  assert.equal(h.code, 0);
  assert.match(h.stdout, /maintainers/);
  assert.match(runCli(['series', '--help']).stdout, /Usage: patchpilot series/);
  assert.match(runCli(['--version']).stdout, /^patchpilot \d+\.\d+\.\d+/);
});

test('the demo repository reads back as the intended 3-patch vfio series', async () => {
  const dir = join(scratchpad.dir(), 'linux');
  const res = runCli(['demo', '--dir', dir, '--no-open']);
  assert.equal(res.code, 0, res.stderr);
  // The submitter comes from the repository's config unless GIT_AUTHOR_* say otherwise, as in git.
  const saved = { n: process.env.GIT_AUTHOR_NAME, e: process.env.GIT_AUTHOR_EMAIL };
  delete process.env.GIT_AUTHOR_NAME;
  delete process.env.GIT_AUTHOR_EMAIL;
  const s = await readSeries({ repoDir: dir }).finally(() => Object.assign(process.env, { GIT_AUTHOR_NAME: saved.n, GIT_AUTHOR_EMAIL: saved.e }));
  assert.equal(s.branch, 'zorb-vfio');
  assert.equal(s.base.ref, 'master');
  assert.deepEqual(s.submitter, { name: 'Sam Submitter', email: 'sam@submitter.example' });
  assert.equal(s.commits.length, 3);
  assert.match(s.commits[0]!.subject, /^net: zorb:/);
  assert.ok(
    s.commits[0]!.files.some((f) => f.path === 'include/linux/zorb/driver.h'),
    'patch 1 touches the parent driver header',
  );
  assert.deepEqual(
    s.commits[1]!.files.filter((f) => f.status === 'A')
      .map((f) => f.path)
      .sort(),
    ['drivers/vfio/pci/zorb/Kconfig', 'drivers/vfio/pci/zorb/Makefile', 'drivers/vfio/pci/zorb/main.c'],
  );
  assert.deepEqual(
    s.commits[1]!.trailers.map((t) => t.key),
    ['Co-developed-by', 'Signed-off-by', 'Signed-off-by'],
  );
  assert.deepEqual(
    s.commits[2]!.files.map((f) => f.path),
    ['MAINTAINERS'],
  );
  assert.equal(runCli(['demo', '--dir', dir, '--no-open']).code, 2, 'refuses a non-empty directory');
});

test('the same commits read identically twice (deterministic demo: fixed dates and identities)', async () => {
  // In this process (the demo command runs through the CLI in the test above): the operation it calls, twice.
  const a = (await createDemo(join(scratchpad.dir(), 'x'))).root;
  const b = (await createDemo(join(scratchpad.dir(), 'x'))).root;
  assert.equal(gitOut(a, ['rev-parse', 'HEAD']), gitOut(b, ['rev-parse', 'HEAD']));
});

test('sendemail.from names the submitter, a quoted display name included', async () => {
  const r = repo();
  r.commit('x\n', { x: 'x\n' });
  r.git(['config', 'sendemail.from', '"Doe, Jane" <jane@example.org>']);
  const s = await readSeries({ repoDir: r.dir });
  assert.deepEqual(s.submitter, { name: 'Doe, Jane', email: 'jane@example.org' });
});
