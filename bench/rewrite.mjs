#!/usr/bin/env node
// Adding one trailer to every commit of a 100-commit branch:
//   git rebase -x 'git commit --amend --no-edit --trailer ...'   (the reference)
//   patchpilot trailers add --all ...                            (dist/patchpilot.js)
// on the same repository, alternating runs, medians, as a ratio. With one
// date and an identity that is not the commits' signer, both place the
// trailer at the end of the block, so the two new tips must be the same
// commit, byte for byte: a last pair of runs checks that.
//
// Usage: node scripts/build.mjs && node bench/rewrite.mjs [COMMITS=100] [RUNS=7] [REPO]
// REPO: a throw-away clone to build the branch in (e.g. of the kernel:
// bench/kernel-tree.sh /tmp/linux), where
// `git status` over 80k files weighs on both sides; the branch `pp-bench`
// and refs/patchpilot are removed again afterwards.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const N = Number(process.argv[2] ?? 100);
const RUNS = Number(process.argv[3] ?? 7);
const CLI = process.env.PP_CLI ?? new URL('../dist/patchpilot.js', import.meta.url).pathname;
const TRAILER = 'Reviewed-by: Rita Reviewer <rita@example.org>';
const dir = mkdtempSync(join(tmpdir(), 'pp-bench-rewrite-'));
const cfg = join(dir, 'gitconfig');
writeFileSync(cfg, '');
const env = {
  ...process.env,
  GIT_CONFIG_GLOBAL: cfg,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Bench Submitter',
  GIT_AUTHOR_EMAIL: 'submitter@bench.example',
  GIT_COMMITTER_NAME: 'Bench Committer',
  GIT_COMMITTER_EMAIL: 'committer@bench.example',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00+00:00',
  GIT_COMMITTER_DATE: '2026-01-02T00:00:00+00:00',
  NO_COLOR: '1',
};
const external = process.argv[4];
const repo = external ?? join(dir, 'repo');
const BRANCH = external ? 'pp-bench' : 'topic';
const git = (args, input) => execFileSync('git', args, { cwd: repo, env, input, encoding: 'utf8', maxBuffer: 1 << 28 });

// Build the branch with one fast-import, not 100 commits' worth of processes.
let fi = '';
if (!external) {
  execFileSync('git', ['init', '-q', '-b', 'master', repo], { env });
  fi += `commit refs/heads/master\ncommitter Base <base@bench.example> 1767225600 +0000\ndata 5\nbase\nM 644 inline README\ndata 5\nbase\n\n`;
}
const base = external ? git(['rev-parse', 'HEAD']).trim() : 'refs/heads/master';
const home = external ? git(['symbolic-ref', '-q', '--short', 'HEAD']).trim() : '';
const prefix = external ? 'drivers/vfio/pci/pp-bench/' : '';
for (let i = 1; i <= N; i++) {
  const msg = `subsys: change number ${i}\n\nThis is the body of change ${i}, which explains why.\nIt has two lines.\n\nSigned-off-by: Bench Author <author@bench.example>\n`;
  const file = `file ${i}\n`;
  fi += `commit refs/heads/${BRANCH}\nauthor Bench Author <author@bench.example> ${1767225600 + i * 60} +0000\ncommitter Bench Author <author@bench.example> ${1767225600 + i * 60} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}`;
  fi += `${i === 1 ? `from ${base}\n` : ''}M 644 inline ${prefix}f${i % 10}\ndata ${Buffer.byteLength(file)}\n${file}\n`;
}
git(['fast-import', '--quiet'], fi);
git(['checkout', '-q', BRANCH]);
const orig = git(['rev-parse', BRANCH]).trim();
const reset = () => git(['update-ref', `refs/heads/${BRANCH}`, orig]);

function time(fn) {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

// Every timed run commits at its own date, so each writes new objects as a real run does (with
// one date for all, the first run's objects would already exist for every later one).
function rebase(date) {
  const r = spawnSync('git', ['rebase', '-q', '-x', `git commit -q --amend --no-edit --trailer '${TRAILER}'`, external ? base : 'master'], {
    cwd: repo,
    env: { ...env, GIT_COMMITTER_DATE: date },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`rebase failed: ${r.stderr}`);
}

function patchpilot(date) {
  const r = spawnSync(process.execPath, [CLI, 'trailers', 'add', '--all', TRAILER], { cwd: repo, env: { ...env, GIT_COMMITTER_DATE: date }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`patchpilot failed: ${r.stderr}`);
}

const t = { rebase: [], patchpilot: [] };
let stamp = 1767312000 + (Date.now() % 1000000) * 100;
for (let i = 0; i < RUNS; i++) {
  for (const [name, fn] of [
    ['rebase', rebase],
    ['patchpilot', patchpilot],
  ]) {
    reset();
    const date = `${stamp++} +0000`;
    t[name].push(time(() => fn(date)));
  }
}
// Parity: one more run of each at the same date must give the same new tip.
const tips = {};
for (const [name, fn] of [
  ['rebase', rebase],
  ['patchpilot', patchpilot],
]) {
  reset();
  fn('1767312000 +0000');
  tips[name] = git(['rev-parse', BRANCH]).trim();
}
reset();
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const same = tips.rebase === tips.patchpilot;
const mr = median(t.rebase);
const mp = median(t.patchpilot);
const start = median(Array.from({ length: 5 }, () => time(() => spawnSync(process.execPath, ['-e', '0']))));
if (external) {
  git(['checkout', '-q', home || base]);
  git(['branch', '-q', '-D', BRANCH]);
  for (const ref of git(['for-each-ref', '--format=%(refname)', 'refs/patchpilot/']).split('\n').filter(Boolean)) git(['update-ref', '-d', ref]);
}
console.log(
  `${external ? `in ${repo}: ` : ''}${N} commits, ${RUNS} runs each, git ${git(['version']).trim().replace('git version ', '')}, node ${process.version}`,
);
console.log(`git rebase -x 'git commit --amend --trailer': median ${mr.toFixed(0)} ms`);
console.log(`patchpilot trailers add --all:               median ${mp.toFixed(0)} ms (node -e 0 alone: ${start.toFixed(0)} ms)`);
console.log(`ratio: ${(mr / mp).toFixed(1)}x faster; same new tip as the rebase: ${same ? 'yes' : 'NO'}`);
if (process.env.KEEP) console.log(dir);
else rmSync(dir, { recursive: true, force: true });
if (!same) process.exitCode = 1;
