/**
 * kill -9 of `patchpilot trailers add` at each named point of a rewrite. With
 * PATCHPILOT_TEST_PAUSE the process announces the point on stderr and stops
 * itself there (src/history/pause.ts); the test checks it really is stopped,
 * then kills it. Before the ref update the branch must be at the old tip, after
 * it at the complete new tip (the very commit an unkilled run makes); both
 * outcomes must occur. The work tree stays clean, the next run is neither
 * blocked by a lock nor produces anything else, and `undo` still finds its record.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { CLI, hermeticEnv, hermeticProcess, runCli, scratch, type TestRepo } from '../helpers/repo.js';
import { makeSeries } from '../helpers/rewrite-fixture.js';
import { openRepo } from '../../src/git/repo.js';
import { applyTrailers, openForTrailers, planTrailers, undoRewrite } from '../../src/ops/trailers.js';

// After a kill, the rerun and undo go through src/ops in this process, but at the first point through the CLI.
hermeticProcess();

const N = 40;
const RITA = 'Reviewed-by: Rita Reviewer <rita@example.org>';
const scratchpad = scratch('pp-kill-');

/** The series once; every trial works on its own copy. */
let template: TestRepo;
let orig: string;
/** The tip an unkilled run makes. */
let expected: string;

before(() => {
  template = makeSeries(N, { dir: scratchpad.dir() });
  orig = template.head();
  const ref = scratchpad.copy(template);
  const r = runCli(['trailers', 'add', '--all', RITA], { cwd: ref.dir });
  assert.equal(r.code, 0, r.stderr);
  expected = ref.head();
  assert.notEqual(expected, orig);
});

function processState(pid: number): string | undefined {
  try {
    // /proc/PID/stat: "pid (comm) S ...": the state letter follows the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return undefined;
  }
}

async function poll(what: string, done: () => boolean): Promise<void> {
  for (let i = 0; i < 4000; i++) {
    if (done()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting until ${what}`);
}

/** Until no process of the group is left: an orphaned git child may still be finishing. */
async function groupGone(pgid: number): Promise<void> {
  await poll(`process group ${pgid} ended`, () => {
    try {
      process.kill(-pgid, 0);
      return false;
    } catch {
      return true;
    }
  });
}

/**
 * Start a rewrite that stops itself at `point`; resolves once it said so on stderr and
 * the kernel shows it stopped. Rejects if it ends without reaching the point.
 */
async function stoppedAt(
  repo: TestRepo,
  point: string,
  args = ['trailers', 'add', '--all', RITA],
): Promise<{ child: ChildProcess; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: repo.dir,
    env: hermeticEnv({ PATCHPILOT_TEST_PAUSE: point }),
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  let stderr = '';
  const announced = new Promise<void>((resolve, reject) => {
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      if (stderr.includes(`patchpilot-test-pause: ${point} ${child.pid}\n`)) resolve();
    });
    void exited.then((code) => reject(new Error(`exited (${code}) without reaching ${point}: ${stderr}`)));
  });
  await announced;
  await poll(`pid ${child.pid} is stopped at ${point}`, () => processState(child.pid!) === 'T');
  return { child, exited };
}

const outcomes = new Map<string, 'old' | 'new'>();

describe('kill -9 at each point of a rewrite', () => {
  // The point, the tip it must leave, and whether the new commits are in the object store by then.
  const POINTS = [
    { point: 'locked', tip: 'old', written: false },
    { point: 'before-pack', tip: 'old', written: false },
    { point: 'before-update-ref', tip: 'old', written: true },
    { point: 'after-update-ref', tip: 'new', written: true },
  ] as const;
  for (const { point, tip, written } of POINTS) {
    it(`${point}: leaves the ${tip} tip, a clean tree, and a rerun and undo that work`, async () => {
      const repo = scratchpad.copy(template);
      const { child, exited } = await stoppedAt(repo, point);
      process.kill(-child.pid!, 'SIGKILL');
      await exited;
      await groupGone(child.pid!);

      const head = repo.head();
      assert.ok(head === orig || head === expected, `branch at ${head}, neither the old nor the new tip`);
      outcomes.set(point, head === orig ? 'old' : 'new');
      assert.equal(outcomes.get(point), tip);
      const hasNewTip = spawnSync('git', ['cat-file', '-e', `${expected}^{commit}`], { cwd: repo.dir, env: hermeticEnv() }).status === 0;
      assert.equal(hasNewTip, written, written ? 'the new commits should be written by then' : 'nothing should be written yet');
      assert.equal(repo.git(['status', '--porcelain', '--untracked-files=no']), '');
      assert.equal(spawnSync('git', ['fsck', '--connectivity-only', '--no-dangling'], { cwd: repo.dir, env: hermeticEnv() }).status, 0);

      if (point === POINTS[0].point) {
        const again = runCli(['trailers', 'add', '--all', RITA], { cwd: repo.dir });
        assert.equal(again.code, 0, `rerun failed: ${again.stderr}`);
        assert.equal(repo.head(), expected);
        const u = runCli(['trailers', 'undo'], { cwd: repo.dir });
        assert.equal(u.code, 0, `undo failed: ${u.stderr}`);
      } else {
        const b = await openForTrailers({ repoDir: repo.dir, rewriteSoon: true });
        // Nothing to add once the kill came after the ref update: the tip is then already the new one.
        await applyTrailers(b, await planTrailers(b, { kind: 'add', trailers: [RITA], all: true }));
        assert.equal(repo.head(), expected);
        await undoRewrite(await openRepo(repo.dir));
      }
      assert.equal(repo.head(), orig);
    });
  }

  it('left the old tip at some point and the new tip at another (both sides of the ref update were hit)', () => {
    assert.deepEqual([...new Set(outcomes.values())].sort(), ['new', 'old']);
  });

  it('a rewrite stopped before the ref update and then continued ends exactly like an unpaused one', async () => {
    const repo = scratchpad.copy(template);
    const { child, exited } = await stoppedAt(repo, 'before-update-ref');
    assert.equal(repo.head(), orig);
    process.kill(child.pid!, 'SIGCONT');
    assert.equal(await exited, 0);
    assert.equal(repo.head(), expected);
  });
});

describe('two rewrites at once', () => {
  it('never interleave: each either applies whole or refuses in one line', async () => {
    for (let t = 0; t < 3; t++) {
      const repo = scratchpad.copy(template);
      const run = (trailer: string) =>
        new Promise<{ code: number | null; stderr: string; trailer: string }>((resolve) => {
          const c = spawn(process.execPath, [CLI, 'trailers', 'add', '--all', trailer], { cwd: repo.dir, env: hermeticEnv() });
          let stderr = '';
          c.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
          c.on('close', (code) => resolve({ code, stderr, trailer }));
        });
      const results = await Promise.all([run(RITA), run('Acked-by: Al Acker <al@example.org>')]);
      const ok = results.filter((r) => r.code === 0);
      assert.ok(ok.length >= 1, results.map((r) => r.stderr).join(''));
      for (const r of results.filter((x) => x.code !== 0)) {
        assert.equal(r.code, 2);
        assert.match(r.stderr, /^patchpilot: [^\n]*(another patchpilot|moved since|not moved|changed the branch at the same moment)[^\n]*\n$/);
      }
      const log = repo.git(['log', '--format=%B', `${orig}~${N}..HEAD`]);
      assert.equal(repo.git(['rev-list', '--count', `master..HEAD`]).trim(), String(N));
      for (const r of results) {
        const count = log.split(r.trailer).length - 1;
        assert.equal(count, r.code === 0 ? N : 0, `${r.trailer}: ${r.code}`);
      }
    }
  });

  it('a second rewrite while the first holds the lock is refused at once in one line; the first then finishes', async () => {
    const repo = scratchpad.copy(template);
    const { child, exited } = await stoppedAt(repo, 'locked');
    const other = runCli(['trailers', 'add', '--all', 'Acked-by: Al Acker <al@example.org>'], { cwd: repo.dir });
    assert.equal(other.code, 2, other.stdout);
    assert.match(other.stderr, /^patchpilot: [^\n]*another patchpilot[^\n]*\n$/);
    process.kill(child.pid!, 'SIGCONT');
    assert.equal(await exited, 0);
    assert.equal(repo.head(), expected);
  });
});
