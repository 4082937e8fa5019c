/**
 * Prerequisite series on the Series screen: the controller gives the view
 * each recorded prerequisite with where it stands, and the screen shows it
 * above the commits.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadReport, loadSeries } from '../../components/controller/session.js';
import { dependencyLines } from '../../components/rows/series.js';
import { hermeticProcess, makeRepo, runCli, scratch } from '../helpers/repo.js';

hermeticProcess();
const pad = scratch('pp-tui-deps-');
const SOB = 'Signed-off-by: Test Author <author@test.example>';

test('the Series screen lists the prerequisites, built on or missing', async () => {
  const r = pad.keep(makeRepo({ branch: 'pre' }));
  r.commit(`pre: part one\n\n${SOB}\n`, { 'p1.c': 'int p1;\n' });
  r.git(['checkout', '-q', '-b', 'other', 'master']);
  r.commit(`other: thing\n\n${SOB}\n`, { 'o.c': 'int o;\n' });
  r.git(['checkout', '-q', '-b', 'topic', 'pre']);
  r.git(['branch', '-q', '--set-upstream-to=master']);
  r.commit(`topic: step\n\n${SOB}\n`, { 't.c': 'int t;\n' });
  const noDeps = await loadReport(await loadSeries({ repoDir: r.dir }));
  assert.equal(noDeps.data.series.deps, undefined);
  for (const args of [
    ['deps', 'add', 'pre', '--message-id', 'pre-1@test.example'],
    ['deps', 'add', 'other'],
  ])
    assert.equal(runCli(args, { cwd: r.dir }).code, 0);
  const l = await loadReport(await loadSeries({ repoDir: r.dir }));
  assert.equal(l.data.series.commits.length, 1);
  const deps = l.data.series.deps!;
  assert.deepEqual(
    deps.map((d) => [d.name, d.messageId, d.patches, d.state]),
    [
      ['pre', 'pre-1@test.example', 1, 'built-on'],
      ['other', undefined, 1, 'not-built-on'],
    ],
  );
  const text = dependencyLines(deps, 80)
    .map((line) => (Array.isArray(line) ? line.map((s) => s.text).join('') : line.text))
    .join('\n');
  assert.match(text, /depends on pre <pre-1@test\.example> \(1 patch\) · the branch is built on it/);
  assert.match(text, /depends on other \(1 patch\) · the branch is not built on it/);
  assert.match(text, /git rebase --onto other/);
});
