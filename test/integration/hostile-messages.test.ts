/**
 * What the user is told in odd situations: a repository path with a line
 * break, git refusing a repository owned by someone else, a rewrite whose
 * branch moved under it, a rewrite lock held by a zombie; and the undo
 * records pruned to the newest few. One fixture repository where possible.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { CLI, hermeticEnv, scratch, type TestRepo, hermeticProcess } from '../helpers/repo.js';
import { assertRefusal, runCliAsync } from '../helpers/hostile.js';
import { KEEP_REWRITES } from '../../src/history/rewrite.js';
import { applyTrailers, openForTrailers, planTrailers } from '../../src/ops/trailers.js';

// src/ is imported here: keep any git it runs in-process hermetic.
hermeticProcess();
const pad = scratch('pp-hmsg-');
let r: TestRepo;
let work: string;
before(() => {
  work = pad.dir();
  r = pad.repo();
  r.git(['branch', '-q', '--set-upstream-to=master']);
  r.commit('one\n\nSigned-off-by: Test Author <author@test.example>\n', { 'a.c': 'int a;\n' });
  r.commit('two\n\nSigned-off-by: Test Author <author@test.example>\n', { 'b.c': 'int b;\n' });
});

describe('repositories', () => {
  it('a path with a line break is said as it is, not "HEAD is detached"', async () => {
    const dir = join(work, 'line\nbreak');
    mkdirSync(dir);
    r.git(['clone', '-q', r.dir, dir]);
    const res = await runCliAsync(['series'], { cwd: dir });
    assertRefusal(res, /contains a line break/, 'newline path');
    assert.doesNotMatch(res.stderr, /detached/);
  });

  it('git\'s "dubious ownership" refusal is reported as such, with the way to trust the repository', async () => {
    const res = await runCliAsync(['series'], { cwd: r.dir, env: { GIT_TEST_ASSUME_DIFFERENT_OWNER: '1' } });
    assertRefusal(res, /owned by another user \("dubious ownership"\).*safe\.directory/, 'dubious ownership');
    assert.doesNotMatch(res.stderr, /not a git repository/);
  });
});

/** Start the CLI stopped at a pause point (PATCHPILOT_TEST_PAUSE); resolves once it has stopped there. */
function startPaused(args: string[], point: string) {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: r.dir, env: hermeticEnv({ PATCHPILOT_TEST_PAUSE: point }) });
  let stderr = '';
  const done = new Promise<{ code: number; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stderr })));
  const paused = new Promise<void>((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      if (stderr.includes(`patchpilot-test-pause: ${point}`)) {
        stderr = stderr.replace(/^patchpilot-test-pause: .*\n/m, '');
        resolve();
      }
    });
    child.on('close', () => reject(new Error(`ended before ${point}: ${stderr}`)));
  });
  return { child, paused, done };
}

describe('rewrites', () => {
  it('the loser of a race for the branch gets one clear line, not git\'s "cannot lock ref"', async () => {
    const before = r.head();
    const p = startPaused(['trailers', 'add', '--all', 'Reviewed-by: Rita Reviewer <rita@example.org>'], 'before-update-ref');
    await p.paused;
    // Meanwhile the branch moves (another tool, another patchpilot before the lock existed).
    r.commit('three\n\nSigned-off-by: Test Author <author@test.example>\n', { 'c.c': 'int c;\n' });
    p.child.kill('SIGCONT');
    const res = await p.done;
    assertRefusal({ ...res, stdout: '' }, /changed the branch at the same moment; nothing was changed/, 'race');
    assert.doesNotMatch(res.stderr, /cannot lock ref|reference already exists/);
    assert.notEqual(r.head(), before);
    r.git(['reset', '-q', '--hard', before]);
  });

  it('a rewrite lock held by a zombie does not block', async () => {
    // sh starts a child that exits at once, then becomes sleep, which never reaps it: a zombie with a known pid.
    const holder = spawn('sh', ['-c', 'sh -c "echo \\$\\$" & exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const pid = Number(await new Promise<string>((resolve) => holder.stdout.setEncoding('utf8').once('data', resolve)));
      let state = '';
      for (let i = 0; i < 500 && state !== 'Z'; i++) {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
          state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0]!;
        } catch {
          break;
        }
        if (state !== 'Z') await new Promise((res) => setTimeout(res, 10));
      }
      assert.equal(state, 'Z', 'the helper did not become a zombie');
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
      mkdirSync(join(r.dir, '.git', 'patchpilot'), { recursive: true });
      writeFileSync(join(r.dir, '.git', 'patchpilot', 'rewrite.lock'), JSON.stringify({ pid, start, host: hostname(), at: 'then' }));
      const res = await runCliAsync(['trailers', 'add', '--all', 'Acked-by: Zed Zombie <zed@example.org>'], { cwd: r.dir });
      assert.equal(res.code, 0, res.stderr);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it(`backup refs are pruned to the newest ${KEEP_REWRITES} records per branch, and undo still works`, async () => {
    // The rewrites go through the trailers operation in this process (the pruning is the history's, not the CLI's;
    // the two tests above run trailers add through the CLI); undo below goes through the CLI.
    for (let i = 0; i < KEEP_REWRITES + 2; i++) {
      const b = await openForTrailers({ repoDir: r.dir, rewriteSoon: true });
      const done = await applyTrailers(b, await planTrailers(b, { kind: 'add', trailers: [`Tested-by: Tester ${i} <t${i}@example.org>`], all: true }));
      assert.ok(done, `rewrite ${i} added nothing`);
    }
    const refs = r.git(['for-each-ref', '--format=%(refname)', 'refs/patchpilot/rewrites/']).trim().split('\n');
    const records = new Set(refs.map((x) => x.replace(/\/(old|new)$/, '')));
    assert.equal(records.size, KEEP_REWRITES, refs.join('\n'));
    const tip = r.head();
    const undo = await runCliAsync(['trailers', 'undo'], { cwd: r.dir });
    assert.equal(undo.code, 0, undo.stderr);
    assert.notEqual(r.head(), tip);
  });
});
