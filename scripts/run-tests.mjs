/**
 * Runs the test suite (or the folders and files given) with node:test, faster than one
 * `node --import tsx` per file: esbuild compiles every test file, with what it imports from
 * the repository, into one JavaScript file in node_modules/.cache/patchpilot-tests/ (about a
 * second for all of them), so each test process starts without a TypeScript loader. Files
 * run slowest first (the durations of the previous run are kept beside the compiled files),
 * so that no long file starts last and runs alone.
 *
 *   node scripts/run-tests.mjs                       every folder under test/
 *   node scripts/run-tests.mjs test/unit             one folder (or files)
 *   TEST_CONCURRENCY=1 node scripts/run-tests.mjs    files one at a time
 *
 * Any test file also runs on its own as written: node --import tsx --test test/unit/x.test.ts
 */
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
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

// Each run compiles into its own directory: two runs at once (the whole suite and a folder) must not remove each other's files.
mkdirSync(out, { recursive: true });
const compiledDir = mkdtempSync(join(out, 'run-'));
process.on('exit', () => rmSync(compiledDir, { recursive: true, force: true }));
await build({
  entryPoints: files.map((f) => join(root, f)),
  outdir: compiledDir,
  outbase: root,
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  sourcemap: 'inline',
  logLevel: 'warning',
});
const compiled = (f) => join(compiledDir, f.replace(/\.tsx?$/, '.js'));

// Slowest first, by the last run's durations; files never timed (new ones) go first of all.
let times = {};
try {
  times = JSON.parse(readFileSync(timesFile, 'utf8'));
} catch {
  // First run: no durations yet.
}
const timeOf = (f) => times[f.replace(/\.tsx?$/, '')] ?? Infinity;
files.sort((a, b) => timeOf(b) - timeOf(a) || a.localeCompare(b));

const concurrency = Number(process.env.TEST_CONCURRENCY) || availableParallelism() + 1;

/**
 * The test processes' environment. Without NODE_EXTRA_CA_CERTS: with it each node process reads and parses a bundle
 * of TLS certificates at start (about 40 ms on a distribution's CA bundle), and no test makes a TLS connection.
 * React runs its production build, as in the bundle patchpilot ships (scripts/build.mjs).
 */
function testEnv() {
  const env = { ...process.env, PATCHPILOT_TEST_DURATIONS: timesFile, PATCHPILOT_TEST_BUILD: compiledDir, PATCHPILOT_TEST_TMP: runTmp };
  delete env.NODE_EXTRA_CA_CERTS;
  env.NODE_ENV ??= 'production';
  return env;
}
// One TMPDIR for everything the tests run (test/helpers/repo.ts hands it on), so the CLI's caches stay warm across files.
const runTmp = mkdtempSync(join(tmpdir(), 'pp-run-'));
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
    ...files.map(compiled),
  ],
  { stdio: 'inherit', env: testEnv() },
);
child.on('exit', (code, signal) => {
  rmSync(runTmp, { recursive: true, force: true });
  if (existsSync(join(out, 'durations.txt'))) process.stderr.write(`per-file test times: ${relative(process.cwd(), join(out, 'durations.txt'))}\n`);
  process.exit(code ?? (signal ? 1 : 0));
});
