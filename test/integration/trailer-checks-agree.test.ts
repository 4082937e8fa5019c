/**
 * `check` (kernel.trailer-syntax) and `trailers list` flag the same things,
 * and a Fixes: naming a commit that is not in the repository is flagged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeRepo, runCli, scratch } from '../helpers/repo.js';

const pad = scratch('pp-trailer-agree-');
const SOB = 'Signed-off-by: Test Author <author@test.example>';

test('a doubled Signed-off-by is flagged by check and trailers list; a Fixes: of an unknown commit by check', () => {
  const r = pad.keep(makeRepo());
  r.commit(`zorb: one\n\n${SOB}\n${SOB}\n`, { 'a.c': 'a\n' });
  r.commit(`zorb: two\n\nFixes: 0123456789ab ("zorb: something else")\n${SOB}\n`, { 'b.c': 'b\n' });
  const list = JSON.parse(runCli(['trailers', 'list', '--json', '--base', 'master'], { cwd: r.dir }).stdout) as {
    commits: { subject: string; trailers: { key: string; problems: string[] }[] }[];
  };
  const one = list.commits.find((c) => c.subject === 'zorb: one')!;
  assert.deepEqual(
    one.trailers.map((t) => t.problems.includes('appears twice')),
    [false, true],
  );
  const check = runCli(['check', '--json', '--no-checkpatch', '--base', 'master'], { cwd: r.dir });
  const items = (JSON.parse(check.stdout) as { items: { id: string; status: string; evidence: { text: string }[] }[] }).items;
  const syntax = items.find((i) => i.id === 'kernel.trailer-syntax')!;
  assert.equal(syntax.status, 'fail');
  const texts = syntax.evidence.map((e) => e.text).join('\n');
  assert.match(texts, /zorb: one.*"Signed-off-by: Test Author <author@test\.example>": appears twice/);
  assert.match(texts, /zorb: two.*names commit 0123456789ab, which is not in this repository/);
});
