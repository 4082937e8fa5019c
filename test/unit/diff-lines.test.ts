// src/series/diff-lines.ts reads diffs as the parse-diff package (0.12) does: the same files, names, flags, counts
// and added lines, on well-formed diffs and on line soup (chunks whose counts are off, stray headers, markers).
import { strict as assert } from 'node:assert';
import { it } from 'node:test';
import fc from 'fast-check';
import parseDiff from 'parse-diff';
import { diffFiles } from '../../src/series/diff-lines.js';
import { parsePatch } from '../../src/series/diff.js';

const SEED = Number(process.env.PP_FUZZ_SEED ?? 20260101);

/** What src/series/diff.ts takes from parse-diff's answer. */
function theirs(text: string) {
  return parseDiff(text).map((f) => ({
    from: f.from,
    to: f.to,
    new: Boolean(f.new),
    deleted: Boolean(f.deleted),
    additions: f.additions,
    deletions: f.deletions,
    added: f.chunks.flatMap((c) => c.changes.flatMap((ch) => (ch.type === 'add' ? [{ ln: ch.ln, content: ch.content }] : []))),
  }));
}

function ours(text: string) {
  return diffFiles(text.split('\n')).map((f) => ({ ...f, new: Boolean(f.new), deleted: Boolean(f.deleted) }));
}

/** A well-formed hunk: its header counts what follows. */
const hunk = fc
  .tuple(fc.nat(300), fc.array(fc.tuple(fc.constantFrom(' ', '-', '+'), fc.string({ maxLength: 12 })), { minLength: 1, maxLength: 12 }), fc.boolean())
  .map(([start, body, noNewline]) => {
    const olds = body.filter(([k]) => k !== '+').length;
    const news = body.filter(([k]) => k !== '-').length;
    const count = (n: number) => (n === 1 ? '' : `,${n}`);
    const lines = [`@@ -${start}${count(olds)} +${start + 1}${count(news)} @@ ctx()`, ...body.map(([k, t]) => `${k}${t.replace(/\n/g, '')}`)];
    if (noNewline) lines.push('\\ No newline at end of file');
    return lines;
  });
const name = fc.constantFrom('x.c', 'dir/y.h', 'a b.c', '"q\\303\\251.c"', 'drivers/vfio/pci/pds/lm.c');
const fileDiff = fc
  .tuple(name, fc.constantFrom('modify', 'new', 'deleted', 'mode', 'rename', 'binary'), fc.array(hunk, { maxLength: 3 }))
  .map(([n, kind, hunks]) => {
    const head = [`diff --git a/${n} b/${n}`];
    if (kind === 'new') head.push('new file mode 100644', 'index 0000000..89abcde');
    if (kind === 'deleted') head.push('deleted file mode 100644', 'index 1234567..0000000');
    if (kind === 'mode') head.push('old mode 100644', 'new mode 100755');
    if (kind === 'rename') head.push('similarity index 90%', `rename from old/${n}`, `rename to ${n}`);
    if (kind === 'binary') return [...head, 'index 1234567..89abcde 100644', `Binary files a/${n} and b/${n} differ`];
    if (kind !== 'mode' && hunks.length) {
      if (kind !== 'new' && kind !== 'deleted') head.push('index 1234567..89abcde 100644');
      head.push(kind === 'new' ? '--- /dev/null' : `--- a/${n}`, kind === 'deleted' ? '+++ /dev/null' : `+++ b/${n}\t2024-01-01 00:00:00.000000000 +0000`);
    }
    return [...head, ...hunks.flat()];
  });
const wellFormed = fc.array(fileDiff, { minLength: 1, maxLength: 5 }).map((fs) => fs.flat().join('\n'));

const soupLine = fc.oneof(
  fc.constantFrom(
    'diff --git a/x b/x',
    'diff',
    'diffx',
    'diff -r a b',
    'new file mode 100644',
    'deleted file mode 100644',
    'old mode 100644',
    'new mode 100755',
    'index 1234567..89abcde 100644',
    'index abc..def',
    'index x',
    '--- a/x',
    '--- /dev/null',
    '---',
    '+++ b/x',
    '+++ /dev/null',
    '+++',
    '@@ -1,3 +1,4 @@',
    '@@ -0,0 +1 @@',
    '@@ -1 +1 @@',
    '@@ -5,0 +6,2 @@ f()',
    '@@ bad',
    '+added',
    '-deleted',
    ' context',
    '',
    '+',
    '-',
    '\\ No newline at end of file',
    '\\ No newline at end of file\r',
    'Binary files a/x and b/x differ',
    'rename from x',
    'text',
  ),
  fc.string({ maxLength: 10 }),
);
const soup = fc.array(soupLine, { maxLength: 60 }).map((ls) => ls.join('\n'));

it('reads well-formed diffs as parse-diff does', () => {
  fc.assert(
    fc.property(wellFormed, (text) => {
      assert.deepEqual(ours(text), theirs(text));
    }),
    { seed: SEED, numRuns: 1500 },
  );
});

it('reads line soup as parse-diff does (where parse-diff does not throw)', () => {
  let compared = 0;
  fc.assert(
    fc.property(soup, (text) => {
      let expected;
      try {
        expected = theirs(text);
      } catch {
        // parse-diff fails on a "no newline" marker first in a chunk; diff-lines skips it.
        return;
      }
      compared++;
      assert.deepEqual(ours(text), expected);
    }),
    { seed: SEED, numRuns: 3000 },
  );
  assert.ok(compared > 2000);
});

it('puts a stray "no newline" marker where parse-diff does: on the chunk before, even past the next file header', () => {
  const text = 'diff --git a/x b/x\n@@ -1 +1,2 @@\n a\n+b\ndiff --git a/y b/y\n\\ No newline at end of file\n';
  assert.deepEqual(ours(text), theirs(text));
  assert.equal(ours(text)[0]!.added.length, 2);
});

it('keeps the repeated addition a "no newline" marker makes, as before', () => {
  const files = parsePatch('diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n\\ No newline at end of file\n');
  assert.deepEqual(
    files[0]!.added.map((a) => [a.line, a.text]),
    [
      [1, 'b'],
      [1, ' No newline at end of file'],
    ],
  );
});
