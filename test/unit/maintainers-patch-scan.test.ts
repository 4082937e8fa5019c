// scanPatch (src/maintainers/patch.ts) against get_maintainer.pl's line-by-line reading written out plainly: every
// line tested against every header pattern, then every K: pattern, before and after the first file header. Random
// patch texts and K: sets, anchors and lookarounds included (those keep the line-by-line test), give the same files,
// Fixes: and keyword hits.
import { strict as assert } from 'node:assert';
import { it } from 'node:test';
import fc from 'fast-check';
import { scanPatch, type Keyword } from '../../src/maintainers/patch.js';
import { perlRegex } from '../../src/maintainers/perlre.js';

const SEED = Number(process.env.PP_FUZZ_SEED ?? 20260101);

function reference(text: string, keywords: Keyword[], opts: { keywords: boolean; fixes: boolean }) {
  const files: string[] = [];
  const fixes: string[] = [];
  const hits: number[] = [];
  let prefix = '';
  let m: RegExpExecArray | null;
  for (const line of text.match(/[^\n]*\n|[^\n]+$/g) ?? []) {
    if ((m = /^ mode change [0-7]+ => [0-7]+ (\S+)\s*$/.exec(line))) files.push(m[1]!);
    else if ((m = /^rename (?:from|to) (\S+)\s*$/.exec(line))) files.push(m[1]!);
    else if ((m = /^diff --git a\/(\S+) b\/(\S+)\s*$/.exec(line))) files.push(m[1]!, m[2]!);
    else if ((m = /^Fixes:\s+([0-9a-fA-F]{6,40})/.exec(line))) {
      if (opts.fixes) fixes.push(m[1]!);
    } else if ((m = /^\+\+\+\s+(\S+)/.exec(line) ?? /^---\s+(\S+)/.exec(line))) {
      files.push(m[1]!.replace(/^[^/]*\//, '').replace(/\n/g, ''));
      prefix = '^[+-].*';
    } else if (/^@@ -(\d+),(\d+)/.test(line)) {
      // not tested
    } else if (opts.keywords) {
      for (const k of keywords) if (perlRegex(`${prefix}${k.value}`)?.test(line)) hits.push(k.index);
    }
  }
  return { files, fixes, keywords: hits, isPatch: files.length > 0 };
}

const KEYWORDS = ['bpf', '(?:\\b|_)xdp(?:\\b|_)', '[^@]sifive', '(?i)clone3', 'foo$', '^bar', 'baz(?!q)', '(?<=x)qux', 'zap\\B', 'a\\s+b', '\\bend\\b'];
const lineText = fc.constantFrom(
  'diff --git a/x.c b/x.c',
  'diff --git a/x.c',
  '--- a/x.c',
  '+++ b/x.c',
  '+++',
  ' mode change 100644 => 100755 x.sh',
  'rename from old.c',
  'rename to new.c',
  'Fixes: 1234567890ab ("x")',
  'Fixes: xyz',
  '@@ -1,2 +1,3 @@ f()',
  '@@ bad',
  '+ call bpf_prog()',
  '- xdp_buf',
  '+sifive',
  ' foo',
  '+foo',
  'bar',
  '+bar',
  '+bazq',
  '+baz',
  '-xqux',
  '+zapz',
  '+zap.',
  '+a',
  'b',
  '+end',
  '+CLONE3',
  'Subject: [PATCH] x',
  'x\rdiff --git a/y.c b/y.c',
  '\r--- a/z.c',
  'Fixes: abcdef1\r+++ b/w.c',
  '',
  ' context',
);
const patchText = fc.tuple(fc.array(lineText, { maxLength: 40 }), fc.boolean()).map(([ls, nl]) => ls.join('\n') + (nl ? '\n' : ''));
const keywordSet = fc.subarray(KEYWORDS.map((value, index) => ({ index, value })));

it('finds the same files, Fixes: and keywords as reading line by line', () => {
  fc.assert(
    fc.property(patchText, keywordSet, fc.boolean(), fc.boolean(), (text, keywords, kw, fixes) => {
      const opts = { keywords: kw, fixes };
      const got = scanPatch(text, keywords, opts);
      const want = reference(text, keywords, opts);
      assert.deepEqual(got, want);
    }),
    { seed: SEED, numRuns: 3000 },
  );
});
