#!/usr/bin/env node
// Parity and speed of `patchpilot maintainers` against the kernel's own
// scripts/get_maintainer.pl, on the same tree, in the same run.
//
//   node bench/maintainers-bench.mjs [--tree DIR] [--random N] [--seed S] [--runs R] [--speed-only]
//
// The tree: --tree DIR (a kernel tree; if it is not a git repository with a
// commit, a hard-linked copy is made and committed), else Debian's
// /usr/src/linux-source-6.12.tar.xz unpacked once into $BENCH_CACHE
// (default /tmp/patchpilot-bench). Three realistic series are committed on
// branches of that copy and exported with git format-patch; each option set
// below is run on every patch set and on N random sets of real files. Lines
// are compared as sets (the script's order between equally specific sections
// follows Perl's hash order, which changes between runs). Exit 1 on any
// difference. Kernel files are never copied into this repository, and a
// tree given with --tree is never written to (its copy is hard-linked, and
// every edit replaces a file instead of writing into it).
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const ROOT = resolve(new URL('..', import.meta.url).pathname);
// A private copy of the bundle: a rebuild of dist/ during the run (chunk names change) must not break it.
const DIST = join(ROOT, 'dist');
let CLI = join(DIST, 'patchpilot.js');
const CACHE = process.env.BENCH_CACHE ?? '/tmp/patchpilot-bench';
const RANDOM = Number(opt('random', '20'));
const RUNS = Number(opt('runs', '5'));
let seed = Number(opt('seed', '6120'));
const ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Bench Author',
  GIT_AUTHOR_EMAIL: 'bench@example.org',
  GIT_COMMITTER_NAME: 'Bench Author',
  GIT_COMMITTER_EMAIL: 'bench@example.org',
  LC_ALL: 'C.UTF-8',
};

function git(dir, a, input) {
  return execFileSync('git', a, { cwd: dir, env: ENV, input, encoding: 'utf8', maxBuffer: 1 << 28 });
}

function hasCommit(dir) {
  return spawnSync('git', ['rev-parse', '-q', '--verify', 'HEAD'], { cwd: dir, env: ENV }).status === 0;
}

function commitAll(dir) {
  // Debian's tree ignores everything through its .gitignore; force-add.
  if (!existsSync(join(dir, '.git'))) git(dir, ['init', '-q', '-b', 'master']);
  git(dir, ['add', '-f', '-A', '.']);
  git(dir, ['commit', '-q', '-m', 'linux 6.12 (Debian linux-source-6.12)']);
}

function prepareTree() {
  const given = opt('tree');
  if (given) {
    if (hasCommit(given)) return resolve(given);
    const copy = join(CACHE, 'linux-copy');
    if (!existsSync(copy) || !hasCommit(copy)) {
      rmSync(copy, { recursive: true, force: true });
      mkdirSync(CACHE, { recursive: true });
      execFileSync('cp', ['-al', given, copy]);
      rmSync(join(copy, '.git'), { recursive: true, force: true });
      commitAll(copy);
    }
    return copy;
  }
  const tree = join(CACHE, 'linux-source-6.12');
  if (existsSync(tree) && hasCommit(tree)) return tree;
  const tarball = '/usr/src/linux-source-6.12.tar.xz';
  if (!existsSync(tarball)) {
    console.error(`no kernel tree: pass --tree DIR or install Debian's linux-source-6.12 (apt-get install linux-source-6.12)`);
    process.exit(2);
  }
  mkdirSync(CACHE, { recursive: true });
  console.error(`unpacking ${tarball} into ${CACHE} (once)...`);
  execFileSync('tar', ['-xJf', tarball, '-C', CACHE]);
  commitAll(tree);
  return tree;
}

/** Realistic series: a vfio-pci variant driver series, a netdev one, a mixed one with Fixes:, yaml and keywords. */
const SERIES = [
  {
    name: 'vfio-mlx5',
    patches: [
      {
        subject: 'net/mlx5: Expose the VF migration capability',
        files: [
          'drivers/net/ethernet/mellanox/mlx5/core/sriov.c',
          'drivers/net/ethernet/mellanox/mlx5/core/main.c',
          'include/linux/mlx5/driver.h',
          'include/linux/mlx5/device.h',
          'drivers/net/ethernet/mellanox/mlx5/core/en_main.c',
          'include/linux/mlx5/mlx5_ifc.h',
        ],
      },
      {
        subject: 'vfio/mlx5: Add dirty page tracking for the VF',
        files: [
          'drivers/vfio/pci/mlx5/cmd.c',
          'drivers/vfio/pci/mlx5/cmd.h',
          'drivers/vfio/pci/mlx5/main.c',
          'drivers/vfio/pci/mlx5/Kconfig',
          'drivers/vfio/pci/mlx5/Makefile',
          'drivers/vfio/pci/vfio_pci_core.c',
        ],
      },
      {
        subject: 'vfio: Document the new migration state',
        files: [
          'include/linux/vfio.h',
          'include/linux/vfio_pci_core.h',
          'drivers/vfio/vfio_main.c',
          'include/uapi/linux/vfio.h',
          'Documentation/driver-api/vfio.rst',
        ],
      },
    ],
  },
  {
    name: 'net-bpf',
    patches: [
      {
        subject: 'net: add xdp statistics',
        files: ['net/core/dev.c', 'include/linux/netdevice.h', 'net/core/filter.c'],
        text: '\t/* xdp and bpf hooks */\n',
        fixes: true,
      },
      {
        subject: 'selftests/bpf: cover the new hook',
        files: ['tools/testing/selftests/bpf/prog_tests/xdp_attach.c', 'kernel/bpf/syscall.c'],
        text: '\t/* pidfd and clone3 are untouched; rust too */\n',
      },
    ],
  },
  {
    name: 'dt-yaml',
    patches: [
      {
        subject: 'dt-bindings: iio: add a compatible',
        files: ['Documentation/devicetree/bindings/iio/adc/adi,ad7124.yaml', 'drivers/iio/adc/ad7124.c'],
        fixes: true,
      },
      { subject: 'arm64: dts: tegra: enable the adc', files: ['arch/arm64/boot/dts/nvidia/tegra194.dtsi', 'MAINTAINERS', 'drivers/gpu/drm/tegra/dc.c'] },
    ],
  },
];

/** A commit for the series' Fixes: tags to blame, with signers the script reports as blamed_fixes. */
function makeFixedCommit(tree, base) {
  git(tree, ['checkout', '-q', '-B', 'bench-fixed', base]);
  appendSafely(join(tree, 'drivers/vfio/vfio_main.c'), '// patchpilot bench: the commit that Fixes: blames\n');
  git(tree, ['add', '-f', 'drivers/vfio/vfio_main.c']);
  const msg =
    'vfio: the change a later fix blames\n\nReviewed-by: Jason Gunthorpe <jgg@nvidia.com>\nAcked-by: Linus Torvalds <torvalds@linux-foundation.org>\nReviewed-by: Kevin Tian <kevin.tian@intel.com>\nSigned-off-by: Alex Williamson <alex.williamson@redhat.com>\n';
  git(tree, ['commit', '-q', '-F', '-'], msg);
  const sha = git(tree, ['rev-parse', 'HEAD']).trim();
  git(tree, ['checkout', '-q', base]);
  return sha;
}

/**
 * Append to a file by writing a new one and renaming it over the old: the
 * tree may be a hard-linked copy (cp -al) of a tree others use, and writing
 * in place would change their files too.
 */
function appendSafely(full, text) {
  const tmp = `${full}.pp-bench-tmp`;
  writeFileSync(tmp, readFileSync(full));
  appendFileSync(tmp, text);
  renameSync(tmp, full);
}

function makeSeries(tree, base, series) {
  const dir = mkdtempSync(join(tmpdir(), `pp-bench-${series.name}-`));
  git(tree, ['checkout', '-q', '-B', `bench-${series.name}`, base]);
  for (const p of series.patches) {
    for (const f of p.files) {
      const full = join(tree, f);
      if (!existsSync(full)) throw new Error(`${f} is not in the tree`);
      const c = f.endsWith('.yaml') || f === 'MAINTAINERS' || f.endsWith('Makefile') || f.endsWith('Kconfig') ? '#' : '//';
      appendSafely(
        full,
        f.endsWith('.rst') ? '\n.. patchpilot bench\n' : `${c} patchpilot bench: ${series.name}\n${p.text && !f.endsWith('.yaml') && c === '//' ? p.text : ''}`,
      );
    }
    const body = `${p.subject}\n\nA change made by the patchpilot benchmark.\n\n${p.fixes ? `Fixes: ${fixed.slice(0, 12)} ("vfio: the change a later fix blames")\n` : ''}Signed-off-by: Bench Author <bench@example.org>\n`;
    git(tree, ['add', '-f', ...p.files]);
    git(tree, ['commit', '-q', '-F', '-'], body);
  }
  git(tree, ['format-patch', '-q', '-o', dir, `${base}..HEAD`]);
  git(tree, ['checkout', '-q', base]);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.patch'))
    .sort()
    .map((f) => join(dir, f));
}

function rand() {
  // mulberry32: a fixed seed gives the same file sets on every machine.
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function run(cmd, argv, cwd, input, env = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { cwd, input: input ?? '', env: { ...ENV, ...env }, encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { out: r.stdout, err: r.stderr, code: r.status, ms };
}

const perl = (tree, a, input, seed = 0) =>
  run('perl', ['scripts/get_maintainer.pl', ...a], tree, input, { PERL_HASH_SEED: String(seed), PERL_PERTURB_KEYS: '0' });
const perlSeeded = (tree, a, input) => (seed) => perl(tree, a, input, seed);
let PINNED;
const pinned = (tree, a, input) => () => run('perl', [PINNED, ...a], tree, input);

/** A copy of the script whose hash-order sorts break ties by MAINTAINERS position (as patchpilot does). */
function makePinnedScript(tree) {
  const src = readFileSync(join(tree, 'scripts/get_maintainer.pl'), 'utf8');
  let out = src.replace(
    'foreach my $line (sort {$hash{$b} <=> $hash{$a}} keys %hash) {\n\t    add_categories',
    'foreach my $line (sort {$hash{$b} <=> $hash{$a} || $a <=> $b} keys %hash) {\n\t    add_categories',
  );
  out = out.replace(
    'foreach my $line (sort {$hash{$b} <=> $hash{$a}} keys %hash) {\n\tmy $sign_offs',
    'foreach my $line (sort {$hash{$b} <=> $hash{$a} || $a cmp $b} keys %hash) {\n\tmy $sign_offs',
  );
  const pins = (t) => (t.match(/\|\| \$a/g) ?? []).length;
  if (pins(out) - pins(src) !== 2) throw new Error('cannot pin the tie order in this get_maintainer.pl');
  const dir = mkdtempSync(join(tmpdir(), 'pp-bench-gm-'));
  writeFileSync(join(dir, 'get_maintainer.pl'), out);
  return join(dir, 'get_maintainer.pl');
}
const ours = (tree, a, input) => run(process.execPath, [CLI, 'maintainers', ...a], tree, input);

const OPTION_SETS = [
  [], // the defaults: --git-fallback reads the bench commits' history
  ['--nogit', '--nogit-fallback'],
  ['--nogit', '--nogit-fallback', '--norolestats'],
  ['--nogit', '--nogit-fallback', '--nogit-chief-penguins', '--norolestats', '--nol'],
  ['--nogit', '--nogit-fallback', '--nogit-chief-penguins', '--norolestats', '--nom'],
];

let differences = 0;
let comparisons = 0;
let byTies = 0;
let unresolvedTies = 0;

function lineSet(out) {
  return new Set(out.split('\n').filter(Boolean));
}

function diffOf(a, b) {
  const A = lineSet(a.out);
  const B = lineSet(b.out);
  return { onlyA: [...A].filter((l) => !B.has(l)), onlyB: [...B].filter((l) => !A.has(l)) };
}

/**
 * Equally specific sections are visited in Perl's hash order, which changes
 * between runs (and so can the section named in a role). patchpilot breaks
 * such ties by MAINTAINERS position. So each case is compared twice:
 *  - exactly, line for line and in order, with a copy of the script whose two
 *    hash-order sorts also break ties by position (made in a temporary
 *    directory, run from the tree root);
 *  - as sets of lines with the unmodified script, re-run with other
 *    PERL_HASH_SEED values when the first run differs; cases that only
 *    match under another seed are counted apart.
 */
function compare(label, rerun, pinnedRun, b) {
  comparisons++;
  const p = pinnedRun();
  if (p.code !== b.code || p.out !== b.out) {
    differences++;
    const d = diffOf(p, b);
    console.log(`DIFF ${label} (exit ${p.code} vs ${b.code})`);
    for (const l of d.onlyA) console.log(`  script only:     ${l}`);
    for (const l of d.onlyB) console.log(`  patchpilot only: ${l}`);
    if (!d.onlyA.length && !d.onlyB.length) console.log('  (same lines, different order)');
    if (b.err.trim()) console.log(`  patchpilot stderr: ${b.err.trim().split('\n')[0]}`);
    return;
  }
  const a = rerun(0);
  const d = diffOf(a, b);
  if (a.code === b.code && !d.onlyA.length && !d.onlyB.length) return;
  for (let seed = 1; seed <= 8; seed++) {
    const again = rerun(seed);
    const d2 = diffOf(again, b);
    if (again.code === b.code && !d2.onlyA.length && !d2.onlyB.length) {
      byTies++;
      return;
    }
  }
  unresolvedTies++;
}

function median(xs) {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)];
}

const tree = prepareTree();
// The series are built on bench-base: the tree's HEAD the first time, the same commit on every later run.
if (spawnSync('git', ['rev-parse', '-q', '--verify', 'refs/heads/bench-base'], { cwd: tree, env: ENV }).status !== 0)
  git(tree, ['branch', 'bench-base', 'HEAD']);
const base = git(tree, ['rev-parse', 'bench-base']).trim();
console.log(`tree: ${tree} (${base.slice(0, 12)})`);
if (!existsSync(CLI)) {
  console.error('build first: node scripts/build.mjs');
  process.exit(2);
}
const distCopy = mkdtempSync(join(tmpdir(), 'pp-bench-dist-'));
cpSync(DIST, distCopy, { recursive: true });
CLI = join(distCopy, 'patchpilot.js');
PINNED = makePinnedScript(tree);
const fixed = makeFixedCommit(tree, base);
const sets = SERIES.map((s) => ({ name: s.name, patches: makeSeries(tree, fixed, s) }));

const SPEED_ONLY = args.includes('--speed-only');
// 1. Patch series, whole series in one call and the b4 way (one patch per call, on stdin).
for (const s of SPEED_ONLY ? [] : sets) {
  for (const o of OPTION_SETS) {
    compare(`${s.name} ${o.join(' ')}`, perlSeeded(tree, [...o, ...s.patches]), pinned(tree, [...o, ...s.patches]), ours(tree, [...o, ...s.patches]));
    for (const p of s.patches) {
      const text = readFileSync(p, 'utf8');
      compare(`${s.name} stdin ${p.split('/').pop()} ${o.join(' ')}`, perlSeeded(tree, o, text), pinned(tree, o, text), ours(tree, o, text));
    }
  }
}

// 2. Random sets of real files (-f).
const all = git(tree, ['ls-files']).split('\n').filter(Boolean);
for (let i = 0; i < (SPEED_ONLY ? 0 : RANDOM); i++) {
  const n = 1 + Math.floor(rand() * 12);
  const files = Array.from({ length: n }, () => all[Math.floor(rand() * all.length)]);
  for (const o of OPTION_SETS)
    compare(
      `random#${i} ${o.join(' ')} -f ${files.join(' ')}`,
      perlSeeded(tree, [...o, '-f', ...files]),
      pinned(tree, [...o, '-f', ...files]),
      ours(tree, [...o, '-f', ...files]),
    );
}

// 3. Speed: the 3-patch, 17-file series, whole process, median of RUNS, alternating.
const speedSet = sets[0];
const files17 = new Set();
for (const p of speedSet.patches) for (const m of readFileSync(p, 'utf8').matchAll(/^diff --git a\/(\S+)/gm)) files17.add(m[1]);
// CPU time (user + system) too, when /usr/bin/time is there: wall time on a busy machine says little.
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
function timed(cmd, argv) {
  if (!TIME) return { ...run(cmd, argv, tree), cpu: NaN };
  const r = run(TIME, ['-f', 'CPU %U %S', cmd, ...argv], tree);
  const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.err);
  return { ...r, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN };
}
const times = { perl: [], ours: [], perlCpu: [], oursCpu: [], node: [], nodeCpu: [] };
const speedArgs = ['--nogit', '--nogit-fallback', ...speedSet.patches];
for (let i = 0; i < RUNS; i++) {
  const p = timed('perl', ['scripts/get_maintainer.pl', ...speedArgs]);
  const o = timed(process.execPath, [CLI, 'maintainers', ...speedArgs]);
  const n = timed(process.execPath, ['-e', '0']);
  times.perl.push(p.ms);
  times.perlCpu.push(p.cpu);
  times.ours.push(o.ms);
  times.oursCpu.push(o.cpu);
  times.node.push(n.ms);
  times.nodeCpu.push(n.cpu);
}
const [tp, to, tn, cp, co, cn] = [times.perl, times.ours, times.node, times.perlCpu, times.oursCpu, times.nodeCpu].map(median);
console.log(
  `\nparity: ${comparisons - differences}/${comparisons} cases identical, line for line and in order, to the script with ties broken by MAINTAINERS position; ${differences} differing`,
);
console.log(
  `        against the unmodified script (lines as sets): ${comparisons - differences - byTies - unresolvedTies} identical at PERL_HASH_SEED=0, ${byTies} under another seed, ${unresolvedTies} not met within 9 seeds (ties in several files at once)`,
);
console.log(`speed, ${speedSet.patches.length} patches / ${files17.size} files, median of ${RUNS} whole-process runs:`);
console.log(
  `  wall: get_maintainer.pl ${tp.toFixed(0)} ms, patchpilot ${to.toFixed(0)} ms, ratio ${(tp / to).toFixed(1)}x (node -e 0 alone: ${tn.toFixed(0)} ms)`,
);
if (TIME)
  console.log(
    `  cpu:  get_maintainer.pl ${cp.toFixed(0)} ms, patchpilot ${co.toFixed(0)} ms, ratio ${(cp / co).toFixed(1)}x (node -e 0 alone: ${cn.toFixed(0)} ms)`,
  );
console.log(`  load average at the end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} (${os.cpus().length} CPUs)`);
for (const s of sets) rmSync(join(s.patches[0], '..'), { recursive: true, force: true });
rmSync(join(PINNED, '..'), { recursive: true, force: true });
rmSync(distCopy, { recursive: true, force: true });
process.exit(differences ? 1 : 0);
