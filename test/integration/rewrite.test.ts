import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { HERMETIC_ENV, hermeticEnv, hermeticProcess, scratch, type TestRepo } from '../helpers/repo.js';
import { commitsOf, headerOf, makeSeries, SUBMITTER } from '../helpers/rewrite-fixture.js';
import { UsageError } from '../../src/errors.js';
import { buildPack } from '../../src/history/commit-object.js';
import { Git, GitError } from '../../src/git/git.js';
import { lockPath } from '../../src/history/lock.js';
import { applyPlan, canUndo, openBranch, planAdd, undo, undoInfo } from '../../src/trailers/actions.js';
import { openRepo } from '../../src/git/repo.js';
import { parseTrailerArg } from '../../src/trailers/edit.js';
import { loadState } from '../../src/store/state.js';

// src/ runs git in this process: give it the hermetic environment.
hermeticProcess();

const RITA = 'Reviewed-by: Rita Reviewer <rita@example.org>';
const rita = parseTrailerArg(RITA);
const IDENT = `${HERMETIC_ENV.GIT_COMMITTER_NAME} <${HERMETIC_ENV.GIT_COMMITTER_EMAIL}> 1767225600 +0000`;

const scratchpad = scratch('pp-rewrite-');
function series(n: number, opts: Parameters<typeof makeSeries>[1] = {}): TestRepo {
  return makeSeries(n, { ...opts, dir: scratchpad.dir() });
}

async function add(repo: TestRepo, targets: { commits?: string[]; all?: boolean }, trailers = [rita]) {
  const ctx = await openBranch({ repoDir: repo.dir });
  const plan = await planAdd(ctx, trailers, targets);
  return { plan, result: await applyPlan(ctx, plan) };
}

async function refusal(p: Promise<unknown>, re: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => e instanceof UsageError && re.test(e.message) && !e.message.includes('\n'));
}

describe('trailers add rewrites the branch', () => {
  it('adds to every commit keeping author, dates, tree and every other byte', async () => {
    const repo = series(4);
    const before = commitsOf(repo);
    const { result } = await add(repo, { all: true });
    assert.ok(result);
    const now = commitsOf(repo);
    assert.equal(now.length, 4);
    assert.equal(repo.git(['rev-parse', 'master']).trim(), repo.git(['rev-parse', `${now[0]!.sha}^`]).trim());
    now.forEach((c, i) => {
      const old = before[i]!;
      assert.equal(headerOf(c.raw, 'tree'), headerOf(old.raw, 'tree'));
      assert.equal(headerOf(c.raw, 'author'), headerOf(old.raw, 'author'));
      assert.equal(headerOf(c.raw, 'committer'), IDENT);
      const sob = `Signed-off-by: ${SUBMITTER.name} <${SUBMITTER.email}>\n`;
      assert.equal(c.message, old.message.replace(sob, `${RITA}\n${sob}`));
    });
    assert.equal(result.changed, 4);
    assert.equal(result.newTip, now[3]!.sha);
    assert.equal(repo.git(['status', '--porcelain']), '');
    assert.equal(repo.git(['rev-parse', result.backupRef]).trim(), before[3]!.sha);
  });

  it('adds to one commit: earlier commits keep their hashes, later ones only change committer', async () => {
    const repo = series(4);
    const before = commitsOf(repo);
    const { result } = await add(repo, { commits: ['HEAD~2'] });
    const now = commitsOf(repo);
    assert.equal(now[0]!.sha, before[0]!.sha);
    assert.notEqual(now[1]!.sha, before[1]!.sha);
    assert.match(now[1]!.message, /Rita/);
    for (const i of [2, 3]) {
      assert.equal(now[i]!.message, before[i]!.message);
      assert.equal(headerOf(now[i]!.raw, 'author'), headerOf(before[i]!.raw, 'author'));
    }
    assert.equal(result?.changed, 1);
    assert.equal(result?.rewritten, 3);
  });

  it('adds to several named commits, and a second run changes nothing', async () => {
    const repo = series(4);
    await add(repo, { commits: ['HEAD', 'HEAD~3'] });
    const tip = repo.head();
    const marked = commitsOf(repo).map((c) => c.message.includes('Rita'));
    assert.deepEqual(marked, [true, false, false, true]);
    const again = await add(repo, { commits: ['HEAD', 'HEAD~3'] });
    assert.equal(again.result, null);
    assert.equal(
      again.plan.entries.every((e) => e.add.length === 0 && e.present.length === 1),
      true,
    );
    assert.equal(repo.head(), tip);
  });

  it('refuses commits outside the series and an ambiguous target', async () => {
    const repo = series(2);
    const ctx = await openBranch({ repoDir: repo.dir });
    await refusal(planAdd(ctx, [rita], { commits: ['master'] }), /not a patch of the series/);
    await refusal(planAdd(ctx, [rita], {}), /--commit REV.*--all/);
    await refusal(planAdd(ctx, [rita], { commits: ['nope'] }), /unknown revision/);
  });

  it('drops a gpgsig header it can no longer honour, and says so', async () => {
    const repo = series(2);
    const raw = repo.git(['cat-file', 'commit', 'HEAD']);
    const cut = raw.indexOf('\n\n');
    const signed = `${raw.slice(0, cut)}\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----${raw.slice(cut)}`;
    const sha = repo.git(['hash-object', '-t', 'commit', '-w', '--stdin'], signed).trim();
    repo.git(['update-ref', 'refs/heads/topic', sha]);
    const { result } = await add(repo, { all: true });
    assert.equal(result?.droppedSignatures, 1);
    const tip = repo.git(['cat-file', 'commit', 'HEAD']);
    assert.ok(!tip.includes('gpgsig'));
    assert.equal(tip.slice(tip.indexOf('\n\n')), signed.slice(signed.indexOf('\n\n')).replace('Signed-off-by', `${RITA}\nSigned-off-by`));
  });

  it('reads a series longer than one cat-file request (150 commits)', async () => {
    const repo = series(150);
    const { result } = await add(repo, { commits: ['HEAD~149', 'HEAD'] });
    const now = commitsOf(repo);
    assert.equal(now.length, 150);
    assert.equal(result?.rewritten, 150);
    assert.deepEqual(
      now
        .map((c, i) => [i, c.message.includes('Rita')])
        .filter(([, has]) => has)
        .map(([i]) => i),
      [0, 149],
    );
  });

  it('leaves a b4 cover-letter commit alone', async () => {
    const cover =
      'cover: the series\n\nWhat it does.\n\n--- b4-submit-tracking ---\n# This section is used internally by b4 prep\n{"series": {"revision": 1}}\n';
    const repo = series(3, { message: (i) => (i === 1 ? cover : `subsys: change ${i}\n\nSigned-off-by: Ann <ann@example.org>\n`) });
    const before = commitsOf(repo);
    const { plan } = await add(repo, { all: true });
    assert.equal(plan.entries.length, 2);
    const now = commitsOf(repo);
    assert.equal(now[0]!.sha, before[0]!.sha);
    assert.deepEqual(
      now.map((c) => c.message.includes('Rita')),
      [false, true, true],
    );
  });

  it('works in a sha256 repository, loose (a few commits) and packed (over 100)', async () => {
    const repo = series(120, { objectFormat: 'sha256' });
    const one = await add(repo, { commits: ['HEAD'] });
    assert.equal(one.result?.rewritten, 1);
    const all = await add(repo, { all: true }, [parseTrailerArg('Acked-by: Al Acker <al@example.org>')]);
    assert.equal(all.result?.newTip.length, 64);
    assert.equal(all.result?.rewritten, 120);
    assert.equal(repo.head(), all.result?.newTip);
    assert.equal(repo.git(['fsck', '--no-dangling']).trim(), '');
    assert.match(commitsOf(repo)[119]!.message, /Reviewed-by: Rita Reviewer <rita@example.org>\nAcked-by: Al Acker <al@example.org>\nSigned-off-by/);
  });

  it('keeps non-UTF-8 messages byte for byte', async () => {
    const repo = series(1, { message: () => 'sub: caf\xe9\n\nK\xf6rper\n\nSigned-off-by: Ann <ann@example.org>\n' });
    const before = Buffer.from(repo.git(['cat-file', 'commit', 'HEAD']), 'utf8');
    assert.ok(before.length);
    await add(repo, {});
    const msg = spawnSync('git', ['cat-file', 'commit', 'HEAD'], { cwd: repo.dir, env: hermeticEnv() }).stdout as Buffer;
    const body = msg.subarray(msg.indexOf('\n\n') + 2);
    assert.ok(body.equals(Buffer.from(`sub: caf\xe9\n\nK\xf6rper\n\nSigned-off-by: Ann <ann@example.org>\n${RITA}\n`, 'utf8')));
  });
});

describe('what the rewrite relies on git for', () => {
  it('a pack whose commit names a parent that is not there is refused whole, loose or kept', async () => {
    const repo = series(1);
    const git = new Git(repo.dir);
    const tree = repo.git(['rev-parse', 'HEAD^{tree}']).trim();
    const before = repo.git(['count-objects']);
    const bad = (i: number) =>
      Buffer.from(`tree ${tree}\nparent ${'1'.repeat(40)}\nauthor A <a@example.org> 1 +0000\ncommitter A <a@example.org> 1 +0000\n\nbogus ${i}\n`);
    for (const [args, n] of [
      [['unpack-objects', '-q', '--strict'], 1],
      [['index-pack', '--stdin', '--strict'], 100],
    ] as const) {
      const objs = Array.from({ length: n }, (_, i) => ({ type: 'commit' as const, content: bad(i) }));
      await assert.rejects(git.exec([...args], { input: buildPack('sha1', objs) }), GitError);
    }
    assert.equal(repo.git(['count-objects']), before);
  });
});

describe('encodings', () => {
  it('adds ASCII names to a commit declared ISO-8859-1, and skips a name it would mis-encode', async () => {
    const repo = series(1);
    const raw = repo.git(['cat-file', 'commit', 'HEAD']);
    const cut = raw.indexOf('\n\n');
    const latin = Buffer.concat([
      Buffer.from(`${raw.slice(0, cut)}\nencoding ISO-8859-1\n\n`),
      Buffer.from('sub: caf\xe9\n\nSigned-off-by: Ann <ann@example.org>\n', 'latin1'),
    ]);
    const sha = spawnSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], { cwd: repo.dir, input: latin, env: hermeticEnv() })
      .stdout.toString()
      .trim();
    repo.git(['update-ref', 'refs/heads/topic', sha]);
    const ctx = await openBranch({ repoDir: repo.dir });
    const plan = await planAdd(ctx, [rita, parseTrailerArg('Acked-by: Zoë Ünlü <zoe@example.org>')], {});
    assert.deepEqual(
      plan.entries[0]!.add.map((t) => t.key),
      ['Reviewed-by'],
    );
    assert.match(plan.skipped[0]!.reason, /in ISO-8859-1/);
    await applyPlan(ctx, plan);
    const now = spawnSync('git', ['cat-file', 'commit', 'HEAD'], { cwd: repo.dir }).stdout as Buffer;
    assert.ok(now.subarray(now.indexOf('\n\n') + 2).equals(Buffer.from(`sub: caf\xe9\n\nSigned-off-by: Ann <ann@example.org>\n${RITA}\n`, 'latin1')));
    assert.match(now.toString('latin1'), /\nencoding ISO-8859-1\n/);
  });
});

describe('refusals', () => {
  it('refuses a dirty tree, a detached HEAD, a merge in the range', async () => {
    const repo = series(2);
    const ctx = await openBranch({ repoDir: repo.dir });
    const plan = await planAdd(ctx, [rita], { all: true });
    repo.write({ f1: 'dirty\n' });
    await refusal(applyPlan(ctx, plan), /uncommitted changes \(f1\)/);
    repo.git(['checkout', '-q', 'f1']);
    assert.equal(repo.head(), plan.oldTip);

    repo.git(['checkout', '-q', '--detach']);
    await refusal(openBranch({ repoDir: repo.dir }), /detached/);
    repo.git(['checkout', '-q', 'topic']);

    repo.git(['checkout', '-q', '-b', 'side', 'master']);
    repo.commit('side\n', { side: 'x\n' });
    repo.git(['checkout', '-q', 'topic']);
    repo.git(['merge', '-q', '--no-ff', '-m', 'merge side', 'side']);
    await refusal(openBranch({ repoDir: repo.dir }), /is a merge/);
  });

  it('refuses while a rebase, a cherry-pick or a bisect is under way', async () => {
    const repo = series(3);
    const ctx = await openBranch({ repoDir: repo.dir });
    const plan = await planAdd(ctx, [rita], { all: true });
    // A real interrupted rebase: the exec fails after the first commit.
    spawnSync('git', ['rebase', '-q', '-x', 'false', 'HEAD~2'], { cwd: repo.dir, env: hermeticEnv() });
    assert.ok(existsSync(join(repo.dir, '.git', 'rebase-merge')));
    await refusal(applyPlan({ ...ctx, repo: await openRepo(repo.dir) }, plan), /rebase is in progress/);
    repo.git(['rebase', '--abort']);

    repo.git(['checkout', '-q', '-b', 'other', 'master']);
    repo.commit('conflict\n', { f1: 'other\n' });
    spawnSync('git', ['cherry-pick', 'topic~2'], { cwd: repo.dir, env: hermeticEnv() });
    const other = await openRepo(repo.dir);
    await refusal(applyPlan({ ...ctx, repo: other }, { ...plan, branch: 'other' }), /cherry-pick is in progress/);
    repo.git(['cherry-pick', '--abort']);

    repo.git(['checkout', '-q', 'topic']);
    repo.git(['bisect', 'start', 'topic', 'master']);
    await refusal(applyPlan({ ...ctx, repo: await openRepo(repo.dir) }, plan), /bisect is in progress/);
    repo.git(['bisect', 'reset']);
    assert.equal(repo.head(), plan.oldTip);
  });

  it('refuses when the branch moved since the plan, and moves nothing', async () => {
    const repo = series(2);
    const ctx = await openBranch({ repoDir: repo.dir });
    const plan = await planAdd(ctx, [rita], { all: true });
    const moved = repo.commit('another\n', { g: '1\n' });
    await refusal(applyPlan({ ...ctx, repo: await openRepo(repo.dir) }, plan), /moved since the plan/);
    assert.equal(repo.head(), moved);
  });

  it("refuses while another live patchpilot holds the lock, and takes over a dead one's", async () => {
    const repo = series(2);
    const ctx = await openBranch({ repoDir: repo.dir });
    const plan = await planAdd(ctx, [rita], { all: true });
    const lock = lockPath(ctx.repo.commonDir);
    mkdirSync(join(ctx.repo.commonDir, 'patchpilot'), { recursive: true });
    // This test process is alive: its lock must be respected.
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), at: 'now' }));
    await refusal(applyPlan(ctx, plan), /another patchpilot \(pid \d+/);
    assert.equal(repo.head(), plan.oldTip);
    // A finished process: its pid no longer runs.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(lock, JSON.stringify({ pid: Number(dead), host: hostname(), at: 'then' }));
    const r = await applyPlan(ctx, plan);
    assert.equal(repo.head(), r?.newTip);
    assert.ok(!existsSync(lock));
  });

  it('takes over a lock whose pid now belongs to another process (start time differs)', async () => {
    const repo = series(1);
    const ctx = await openBranch({ repoDir: repo.dir });
    const plan = await planAdd(ctx, [rita], {});
    mkdirSync(join(ctx.repo.commonDir, 'patchpilot'), { recursive: true });
    writeFileSync(lockPath(ctx.repo.commonDir), JSON.stringify({ pid: process.pid, start: '1', host: hostname(), at: 'long ago' }));
    const r = await applyPlan(ctx, plan);
    assert.equal(repo.head(), r?.newTip);
  });
});

describe('undo', () => {
  it('restores the tip exactly, twice over, then has nothing left', async () => {
    const repo = series(3);
    const orig = repo.head();
    await add(repo, { all: true });
    const first = repo.head();
    await add(repo, { commits: ['HEAD'] }, [parseTrailerArg('Acked-by: Al Acker <al@example.org>')]);
    assert.ok(await canUndo(await openRepo(repo.dir)));
    const u1 = await undo(await openRepo(repo.dir));
    assert.equal(repo.head(), first);
    assert.equal(u1.restored, first);
    assert.match(u1.what ?? '', /Acked-by/);
    // Uncommitted work does not stand in the way of an undo, and survives it.
    repo.write({ f1: 'work in progress\n' });
    await undo(await openRepo(repo.dir));
    assert.equal(repo.head(), orig);
    assert.equal(repo.git(['status', '--porcelain']), ' M f1\n');
    repo.git(['checkout', '-q', 'f1']);
    assert.equal(loadState(join(repo.dir, '.git'), 'topic').rewrites.length, 0);
    await refusal(undo(await openRepo(repo.dir)), /nothing to undo/);
  });

  it('works for a branch name with a slash, and leaves a reflog entry saying what happened', async () => {
    const repo = series(2);
    repo.git(['branch', '-m', 'topic', 'user/feature-x']);
    const orig = repo.head();
    const { result } = await add(repo, { all: true });
    assert.equal(result?.backupRef, 'refs/patchpilot/rewrites/user%2Ffeature-x/000001/old');
    assert.match(
      repo.git(['reflog', '-1', '--format=%gs', 'user/feature-x']),
      /^patchpilot: trailers add Reviewed-by: Rita Reviewer <rita@example.org> to 2 commits/,
    );
    await undo(await openRepo(repo.dir));
    assert.equal(repo.head(), orig);
  });

  it('refuses, saying why, when the branch moved after the rewrite', async () => {
    const repo = series(2);
    await add(repo, { all: true });
    const moved = repo.commit('more work\n', { h: '1\n' });
    await refusal(undo(await openRepo(repo.dir)), /moved since the last rewrite .* nothing was changed/);
    assert.equal(repo.head(), moved);
    assert.equal(await canUndo(await openRepo(repo.dir)), false);
    const info = await undoInfo(await openRepo(repo.dir));
    assert.match(info.reason ?? '', /moved since the rewrite/);
    assert.match(info.what ?? '', /^trailers add Reviewed-by/);
  });
});
