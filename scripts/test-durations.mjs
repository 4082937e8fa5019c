/**
 * A node:test reporter that finds the slow tests: per file, the sum of its top-level tests'
 * durations, slowest first, then the slowest single tests. scripts/run-tests.mjs uses it beside
 * the spec reporter (and keeps the per-file sums to run the slowest files first next time); by hand:
 *
 *   node --import tsx --test --test-reporter=spec --test-reporter-destination=stdout \
 *     --test-reporter=./scripts/test-durations.mjs --test-reporter-destination=stderr test/integration/*.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';

/** test/integration/x.test for a test file, whether run as TypeScript or as compiled by run-tests. */
function fileKey(file) {
  const base = process.env.PATCHPILOT_TEST_BUILD ?? process.cwd();
  return file
    .replace(`${base}/`, '')
    .replace(`${process.cwd()}/`, '')
    .replace(/\.(tsx?|js)$/, '');
}

/** A file's suite where test files share a process (scripts/run-tests.mjs names each by its path). */
const fileSuite = (data) => (data.nesting === 0 && /\.test\.tsx?$/.test(data.name) ? data.name : undefined);

export default async function* durations(source) {
  const perFile = new Map();
  const tests = [];
  // The tests of a file's suite end before the suite does: kept per process until it names them.
  const inSuite = new Map();
  for await (const { type, data } of source) {
    if ((type !== 'test:pass' && type !== 'test:fail') || !data.file || data.nesting > 1) continue;
    const ms = data.details?.duration_ms ?? 0;
    if (data.nesting === 1) {
      inSuite.set(data.file, [...(inSuite.get(data.file) ?? []), [ms, data.name]]);
      continue;
    }
    const suite = fileSuite(data);
    const file = fileKey(suite ?? data.file);
    perFile.set(file, (perFile.get(file) ?? 0) + ms);
    if (suite) for (const [t, name] of inSuite.get(data.file) ?? []) tests.push([t, `${file}: ${name}`]);
    else tests.push([ms, `${file}: ${data.name}`]);
    inSuite.delete(data.file);
  }
  const timesFile = process.env.PATCHPILOT_TEST_DURATIONS;
  if (timesFile) {
    // A run of some files updates their times and keeps the others', so the next whole run still starts with the slowest.
    let times = {};
    try {
      times = JSON.parse(readFileSync(timesFile, 'utf8'));
    } catch {
      // No earlier times.
    }
    writeFileSync(timesFile, JSON.stringify({ ...times, ...Object.fromEntries(perFile) }, null, 1));
  }
  const s = (ms) => `${(ms / 1000).toFixed(1).padStart(6)} s`;
  yield 'test time per file (sum of its top-level tests):\n';
  for (const [file, ms] of [...perFile].sort((a, b) => b[1] - a[1])) yield `${s(ms)}  ${file}\n`;
  yield 'slowest tests:\n';
  for (const [ms, name] of tests.sort((a, b) => b[0] - a[0]).slice(0, 15)) yield `${s(ms)}  ${name}\n`;
}
