/**
 * Runs the test suite (or the folders and files given) with node:test, faster than one
 * `node --import tsx` per file:
 * - esbuild compiles the test files, with what they import from the repository, into
 *   JavaScript in node_modules/.cache/patchpilot-tests/ (about a second for all of them), so
 *   no test process starts a TypeScript loader;
 * - a few test files share one process (groupsOf): each is a suite of its own there, named by
 *   its path, with its hooks (hermeticProcess(), scratch()) scoped to it, so the suite starts
 *   a fifth as many node processes, each loading the code its files share once;
 * - processes run slowest first (the durations of the previous run are kept beside the
 *   compiled files), so that no long one starts last and runs alone.
 *
 *   node scripts/run-tests.mjs                       every folder under test/
 *   node scripts/run-tests.mjs test/unit             one folder (or files)
 *   TEST_CONCURRENCY=1 node scripts/run-tests.mjs    processes one at a time
 *
 * Any test file also runs on its own as written: node --import tsx --test test/unit/x.test.ts
 */
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'node_modules', '.cache', 'patchpilot-tests');
const timesFile = join(out, 'durations.json');

const isTest = (f) => /\.test\.tsx?$/.test(f);
function collect(path) {
  const abs = join(root, path);
  if (!statSync(abs).isDirectory()) return [relative(root, abs)];
  return readdirSync(abs, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? collect(join(path, e.name)) : isTest(e.name) ? [relative(root, join(abs, e.name))] : [],
  );
}

const args = process.argv.slice(2);
const files = (args.length ? args : ['test']).flatMap(collect).filter(isTest);
if (!files.length) {
  console.error(`run-tests: no test files in ${args.join(' ') || 'test'}`);
  process.exit(2);
}

/**
 * The files that run in one process. test/e2e files run alone (a real terminal, signals, the built binary); the unit
 * tests share one process; other files go in fours, in the order of their names, so that a file always meets the
 * same neighbours (a leak between files shows up every run, not by chance).
 */
function groupsOf(list) {
  const byFolder = new Map();
  for (const f of [...list].sort()) {
    const folder = f.split('/').slice(0, 2).join('/');
    if (!byFolder.has(folder)) byFolder.set(folder, []);
    byFolder.get(folder).push(f);
  }
  const size = (folder) => (folder === 'test/e2e' ? 1 : folder === 'test/unit' ? Infinity : 4);
  const groups = [];
  for (const [folder, fs] of byFolder) {
    const n = size(folder);
    for (let i = 0; i < fs.length; i += n) groups.push(fs.slice(i, i + n));
  }
  return groups;
}

/**
 * A group's entry: each file a suite named by its path. require() makes esbuild wrap the file in a function that runs
 * inside the suite, so the file's tests and hooks (before/after, hermeticProcess(), scratch()) belong to it.
 */
const groupEntry = (group) =>
  [`import { describe } from 'node:test';`, ...group.map((f) => `describe(${JSON.stringify(f)}, () => { require(${JSON.stringify(join(root, f))}); });`)].join(
    '\n',
  );

const groups = groupsOf(files);
const groupName = (g) => (g.length === 1 ? g[0].replace(/\.tsx?$/, '') : `${g[0].replace(/\.test\.tsx?$/, '')}+${g.length - 1}`);

// Each run compiles into its own directory: two runs at once (the whole suite and a folder) must not remove each other's files.
mkdirSync(out, { recursive: true });
const compiledDir = mkdtempSync(join(out, 'run-'));
process.on('exit', () => rmSync(compiledDir, { recursive: true, force: true }));
await build({
  entryPoints: groups.map((g, i) => ({ in: `pp-group:${i}`, out: groupName(g) })),
  outdir: compiledDir,
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  sourcemap: 'inline',
  logLevel: 'warning',
  plugins: [
    {
      name: 'test-groups',
      setup(b) {
        b.onResolve({ filter: /^pp-group:/ }, (a) => ({ path: a.path, namespace: 'pp-group' }));
        b.onLoad({ filter: /.*/, namespace: 'pp-group' }, (a) => ({
          contents: groupEntry(groups[Number(a.path.slice('pp-group:'.length))]),
          resolveDir: root,
          loader: 'js',
        }));
      },
    },
  ],
});
const compiled = (g) => join(compiledDir, `${groupName(g)}.js`);

// Slowest first, by the last run's durations; files never timed (new ones) go first of all.
let times = {};
try {
  times = JSON.parse(readFileSync(timesFile, 'utf8'));
} catch {
  // First run: no durations yet.
}
const timeOf = (g) => g.reduce((sum, f) => sum + (times[f.replace(/\.tsx?$/, '')] ?? Infinity), 0);
groups.sort((a, b) => timeOf(b) - timeOf(a) || a[0].localeCompare(b[0]));

const concurrency = Number(process.env.TEST_CONCURRENCY) || availableParallelism() + 1;

/**
 * The test processes' environment. Without NODE_EXTRA_CA_CERTS: with it each node process reads and parses a bundle
 * of TLS certificates at start (about 40 ms on a distribution's CA bundle), and no test makes a TLS connection.
 * React runs its production build, as in the bundle patchpilot ships (scripts/build.mjs).
 */
function testEnv() {
  const env = { ...process.env, PATCHPILOT_TEST_DURATIONS: timesFile, PATCHPILOT_TEST_BUILD: compiledDir, PATCHPILOT_TEST_TMP: runTmp, TMPDIR: runTmp };
  delete env.NODE_EXTRA_CA_CERTS;
  env.NODE_ENV ??= 'production';
  return env;
}

/**
 * Where the run's temporary files go: TEST_TMPDIR when set, else /dev/shm when it is a writable tmpfs, else the
 * system's. The tests make and remove some 10,000 files and directories (repositories, fixtures' copies, exports);
 * on ext4 each new inode is allocated past the many freed just before (recently_deleted() in the kernel's
 * allocator), which cost about a tenth of the suite's CPU on this machine. Nothing there outlives the run.
 */
function tmpBase() {
  if (process.env.TEST_TMPDIR) return process.env.TEST_TMPDIR;
  try {
    const TMPFS_MAGIC = 0x01021994;
    accessSync('/dev/shm', constants.W_OK);
    if (statfsSync('/dev/shm').type === TMPFS_MAGIC) return '/dev/shm';
  } catch {
    // No /dev/shm here.
  }
  return tmpdir();
}
// One directory for everything the tests make and run (TMPDIR of the test processes, which test/helpers/repo.ts hands
// on to what they start), so the CLI's caches stay warm across files; removed at the end.
const runTmp = mkdtempSync(join(tmpBase(), 'pp-run-'));
// Others may pass through it (not list it), as through /tmp: the hostile tests run the CLI as another user.
chmodSync(runTmp, 0o711);
const reporter = join(root, 'scripts', 'test-durations.mjs');
const child = spawn(
  process.execPath,
  [
    '--enable-source-maps',
    '--test',
    `--test-concurrency=${concurrency}`,
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${reporter}`,
    `--test-reporter-destination=${join(out, 'durations.txt')}`,
    ...groups.map(compiled),
  ],
  { stdio: 'inherit', env: testEnv() },
);
child.on('exit', (code, signal) => {
  rmSync(runTmp, { recursive: true, force: true });
  if (existsSync(join(out, 'durations.txt'))) process.stderr.write(`per-file test times: ${relative(process.cwd(), join(out, 'durations.txt'))}\n`);
  process.exit(code ?? (signal ? 1 : 0));
});
