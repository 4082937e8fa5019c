/**
 * Rules every test file keeps, checked on their text so that a new test cannot quietly break them:
 * temporary directories come from scratch() (removed when the file's tests end); only
 * hermeticProcess() changes process.env for git run in-process, and a file that runs src/ in-process
 * with a repository calls it; no test waits for the wall clock to move.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../helpers/paths.js';

const TEST = join(ROOT, 'test');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

const ALL = files(TEST).map((p) => ({ path: relative(ROOT, p), text: readFileSync(p, 'utf8') }));
/** Code only: comments may mention what the code must not do. */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
const offenders = (pred: (f: { path: string; text: string }) => boolean) => ALL.filter(pred).map((f) => f.path);

test('the hygiene check sees the test files', () => {
  assert.ok(ALL.length > 20, `${ALL.length} files`);
  assert.ok(ALL.some((f) => f.path === 'test/helpers/repo.ts'));
});

test('temporary directories come from scratch() (test/helpers/repo.ts), which removes them', () => {
  // The helpers' own defaults (a directory the caller removes) are the only other place.
  const allowed = new Set(['test/helpers/scratch.ts', 'test/helpers/repo.ts', 'test/helpers/rewrite-fixture.ts']);
  assert.deepEqual(
    offenders((f) => !allowed.has(f.path) && /\bmkdtemp(Sync)?\(/.test(code(f.text))),
    [],
  );
});

/** The argument text of the call whose '(' is at `open`. */
function argsAt(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

test('repositories made in test files are made through scratch() or kept by it', () => {
  // makeRepo()/makeSeries()/acceptanceRepo() without a directory or scratchpad leave a temporary directory behind unless kept.
  const bad = ALL.filter((f) => !f.path.startsWith('test/helpers/')).flatMap((f) => {
    const text = code(f.text);
    return [...text.matchAll(/\b(makeRepo|makeSeries|acceptanceRepo)\(/g)]
      .filter((m) => !/\.keep\(\s*$/.test(text.slice(Math.max(0, m.index! - 40), m.index)))
      .filter((m) => {
        const args = argsAt(text, m.index! + m[0].length - 1);
        return m[1] === 'acceptanceRepo' ? !args.trim() : !/\bdir:/.test(args);
      })
      .map((m) => `${f.path}: ${m[1]}(${argsAt(text, m.index! + m[0].length - 1).slice(0, 40)})`);
  });
  assert.deepEqual(bad, []);
});

test('no helper changes process.env as a side effect; in-process git runs under hermeticProcess()', () => {
  const mutation = /process\.env(\.\w+|\[[^\]]+\])\s*=[^=]|delete process\.env|Object\.assign\(process\.env/;
  // hermeticProcess() itself is the one place in the helpers.
  const helpers = offenders((f) => f.path.startsWith('test/helpers/') && f.path !== 'test/helpers/repo.ts' && mutation.test(code(f.text)));
  assert.deepEqual(helpers, []);
  const repoTs = code(ALL.find((f) => f.path === 'test/helpers/repo.ts')!.text);
  const outside = repoTs.replace(/export function hermeticProcess\(\)[\s\S]*?\n}\n/, '');
  assert.ok(!mutation.test(outside), 'test/helpers/repo.ts changes process.env outside hermeticProcess()');

  // A file that imports src/ (or the TUI controller, or test/helpers/ops.ts, which calls src/ops) and builds repositories runs git in-process.
  const inProcess = /(from |import\()'\.\.\/(\.\.\/(src|bin|components\/controller)\/|helpers\/ops\.js')/;
  const repos = /from '\.\.\/helpers\/(repo|acceptance-tree|rewrite-fixture)\.js'/;
  assert.deepEqual(
    offenders((f) => /\.test\.tsx?$/.test(f.path) && inProcess.test(f.text) && repos.test(f.text) && !/\bhermeticProcess\(\);/.test(code(f.text))),
    [],
  );
});

test('process.env changes in hooks and tests, never at the top level of a test file', () => {
  // Where test files share a process (scripts/run-tests.mjs), every file's top level runs before any test of any file.
  // A statement at a file's top level starts in the first column (prettier indents everything inside a block).
  const topLevel = /^\S.*(process\.env(\.\w+|\[[^\]]+\])\s*(\?\?|\|\||&&)?=[^=]|delete process\.env|Object\.assign\(process\.env)/m;
  assert.deepEqual(
    offenders((f) => topLevel.test(code(f.text))),
    [],
  );
});

test('child processes get their environment from hermeticEnv() (no inherited GIT_*, a TMPDIR of their own)', () => {
  assert.deepEqual(
    offenders((f) => /\.\.\.process\.env,\s*\.\.\.HERMETIC_ENV/.test(code(f.text))),
    [],
  );
});

test('no test waits for the clock: poll for the condition instead', () => {
  // A loop on Date.now() seconds, or a bare fixed sleep at the top of a test.
  const waits = /while\s*\([^)]*Date\.now\(\)[^)]*\)\s*await|await new Promise\(\(r\w*\) => setTimeout\(r\w*, [1-9]\d{2,}\)\)/;
  assert.deepEqual(
    offenders((f) => waits.test(code(f.text))),
    [],
  );
});
