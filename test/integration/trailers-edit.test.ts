/** Trailer insertion and parsing checked against git interpret-trailers itself. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hermeticProcess, scratch } from '../helpers/repo.js';
import { insertTrailers, type NewTrailer } from '../../src/trailers/edit.js';
import { parseTrailers } from '../../src/trailers/parse.js';

// src/ runs git in this process: give it the hermetic environment.
hermeticProcess();

const scratchpad = scratch('pp-tedit-');

const rita: NewTrailer = { key: 'Reviewed-by', value: 'Rita Reviewer <rita@example.org>', name: 'Rita Reviewer', email: 'rita@example.org' };
const sam = { name: 'Sam Submitter', email: 'sam@example.org' };

function ins(msg: string, add: NewTrailer[] = [rita], submitter: { name: string; email: string } | null = sam) {
  return insertTrailers(Buffer.from(msg, 'utf8'), add, { submitter }).message.toString('utf8');
}

describe('insertTrailers agrees with git interpret-trailers', () => {
  const repo = scratchpad.repo();
  const cases = [
    'sub\n\nBody.\n',
    'sub\n\nBody.\n\nSigned-off-by: Ann <ann@example.org>\n',
    'sub\n\nBody.\n\nSigned-off-by: Ann <ann@example.org>\n\n---\nnotes\n',
    'sub\n\nBody.\nCc: someone <s@example.org>\n',
    'sub\n\nBody.\n\nBug: 123\nChange-Id: I0123\nnot a trailer line\nSigned-off-by: Ann <ann@example.org>\n',
    'sub\n\nfoo: bar\nbaz qux quux is a long prose line\nand another prose line here\nand yet another one here\n',
  ];
  for (const msg of cases) {
    it(JSON.stringify(msg.slice(0, 40)), () => {
      // Without a submitter the new trailer goes at the end of the block, which is git's default (where=end).
      const git = repo.git(
        ['interpret-trailers', '--no-divider', '--if-exists', 'addIfDifferent', '--trailer', 'Reviewed-by: Rita Reviewer <rita@example.org>'],
        msg,
      );
      const gitWithDivider = repo.git(
        ['interpret-trailers', '--if-exists', 'addIfDifferent', '--trailer', 'Reviewed-by: Rita Reviewer <rita@example.org>'],
        msg,
      );
      const ours = ins(msg, [rita], null);
      assert.ok(ours === git || ours === gitWithDivider, `ours:\n${ours}\ngit:\n${gitWithDivider}`);
      assert.deepEqual(
        parseTrailers(ours).map((t) => `${t.key}: ${t.value}`),
        repo.git(['interpret-trailers', '--parse'], ours).split('\n').filter(Boolean),
      );
    });
  }
});

describe('insertTrailers on generated messages agrees with git interpret-trailers', () => {
  const repo = scratchpad.repo();
  // A small seeded generator: failures name their seed and message.
  let seed = 20260101;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const pick = <T>(xs: T[]): T => xs[rnd(xs.length)]!;
  const prose = [
    'This fixes the thing.',
    'Note: the old code leaked.',
    'See http://example.org/x for details.',
    'It also: does more',
    '  indented prose line',
    'Plain words here',
  ];
  const trailer = [
    'Signed-off-by: Ann Author <ann@example.org>',
    'Cc: List <list@example.org>',
    'Link: https://lore.example.org/r/1',
    'Acked-by: Al <al@example.org>',
    'Reviewed-by: Rita Reviewer <rita@example.org>',
    '(cherry picked from commit 0123456789abcdef)',
    'Fixes: 0123456789ab ("old: thing")',
    'Bug: 42',
  ];
  function message(): string {
    const lines = [`sub: generated ${rnd(1000)}`];
    for (let p = rnd(3); p > 0; p--) lines.push('', ...Array.from({ length: 1 + rnd(3) }, () => pick(prose)));
    if (rnd(4)) {
      lines.push('');
      for (let t = 1 + rnd(4); t > 0; t--) {
        lines.push(pick(trailer));
        if (!rnd(6)) lines.push(pick(['  continued value', 'a stray prose line', '# a comment']));
      }
    }
    for (let b = rnd(3); b > 0; b--) lines.push('');
    if (!rnd(5)) lines.push('---', 'v2: notes');
    return `${lines.join('\n')}\n`;
  }
  it('60 messages (PP_GEN=N for more), and their parse', () => {
    for (let i = 0; i < Number(process.env.PP_GEN ?? 60); i++) {
      const msg = message();
      const git = repo.git(['interpret-trailers', '--if-exists', 'addIfDifferent', '--trailer', RITA_LINE], msg);
      const ours = insertTrailers(Buffer.from(msg), [rita], {}).message.toString();
      assert.equal(ours, git, `message ${i}:\n${msg}`);
      const parsed = repo.git(['interpret-trailers', '--parse'], ours).split('\n').filter(Boolean);
      assert.deepEqual(
        parseTrailers(ours).map((t) => `${t.key}: ${t.value}`),
        parsed,
        `parse of message ${i}:\n${ours}`,
      );
    }
  });
});
const RITA_LINE = 'Reviewed-by: Rita Reviewer <rita@example.org>';

describe('parseTrailers edge cases, as git interpret-trailers --parse', () => {
  const repo = scratchpad.repo();
  const cases: [string, string, string[]][] = [
    ['a subject that looks like a trailer is not one', 'Fixes: the subject\n', []],
    ['--- ends the message', 'sub\n\nBody.\n\nAcked-by: A <a@example.org>\n---\nReviewed-by: B <b@example.org>\n', ['Acked-by: A <a@example.org>']],
    [
      'continuation lines unfold',
      'sub\n\nLink: https://example.org/a\n  /b\nSigned-off-by: A <a@example.org>\n',
      ['Link: https://example.org/a /b', 'Signed-off-by: A <a@example.org>'],
    ],
    [
      'a git-generated line lets 25% carry the block',
      'sub\n\nprose one\nprose two\nprose three\nSigned-off-by: A <a@example.org>\n',
      ['Signed-off-by: A <a@example.org>'],
    ],
    ['without one, prose wins', 'sub\n\nprose one\nprose two\nprose three\nAcked-by: A <a@example.org>\n', []],
    ['comments and trailing blank lines are skipped', 'sub\n\nAcked-by: A <a@example.org>\n# comment\n\n\n', ['Acked-by: A <a@example.org>']],
    ['only the last paragraph counts', 'sub\n\nAcked-by: A <a@example.org>\n\nJust prose at the end.\n', []],
  ];
  for (const [name, msg, want] of cases) {
    it(name, () => {
      assert.deepEqual(
        parseTrailers(msg).map((t) => `${t.key}: ${t.value}`),
        want,
      );
      assert.deepEqual(repo.git(['interpret-trailers', '--parse'], msg).split('\n').filter(Boolean), want);
    });
  }
});
