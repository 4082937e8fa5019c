// .mailmap: git's rules (src/mailmap.ts, checked against `git check-mailmap`)
// and get_maintainer.pl's own, case-sensitive reading (src/maintainers/email.ts).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseMailmap } from '../../src/mail/mailmap.js';
import { mailmapEmail, parseGmMailmap, parseEmail, formatEmail } from '../../src/maintainers/email.js';
import { hermeticProcess, scratch } from '../helpers/repo.js';

// src/ runs git in this process: give it the hermetic environment.
hermeticProcess();

const scratchpad = scratch('pp-mailmap-');

const MAP = `# a comment line
Proper Name <proper@x.org>
<new@x.org> <old@x.org>
Both Changed <both@x.org> <both-old@x.org>
Only For Bob <bob-new@x.org> Bob Smith <shared@x.org>
Everyone Else <shared-new@x.org> <shared@x.org>
Late <late@x.org> <dup@x.org>
<late2@x.org> <dup@x.org>
Hash #1 <hash@x.org>
`;

const PEOPLE = [
  ['Someone', 'proper@x.org'],
  ['Someone', 'PROPER@X.ORG'],
  ['Old Name', 'old@x.org'],
  ['Old Name', 'both-old@x.org'],
  ['Bob Smith', 'shared@x.org'],
  ['bob smith', 'shared@x.org'],
  ['Alice', 'shared@x.org'],
  ['D', 'dup@x.org'],
  ['H', 'hash@x.org'],
  ['Nobody', 'nobody@x.org'],
] as const;

describe('git mailmap', () => {
  const repo = scratchpad.repo({ base: { '.mailmap': MAP } });

  it('maps every line form like git check-mailmap', () => {
    const mm = parseMailmap(MAP);
    const out = repo
      .git(['check-mailmap', ...PEOPLE.map(([n, e]) => `${n} <${e}>`)])
      .trim()
      .split('\n');
    PEOPLE.forEach(([name, email], i) => {
      const got = mm.map({ name, email });
      assert.equal(`${got.name} <${got.email}>`, out[i], `${name} <${email}>`);
    });
  });

  it('compares people by canonical address', () => {
    const mm = parseMailmap(MAP);
    assert.ok(mm.same('old@x.org', 'NEW@x.org'));
    assert.ok(!mm.same({ name: 'Alice', email: 'shared@x.org' }, { name: 'Bob Smith', email: 'shared@x.org' }));
  });
});

describe("get_maintainer.pl's mailmap", () => {
  const gm = parseGmMailmap(MAP);
  const map = (s: string) => mailmapEmail(gm, s);

  it('maps the four forms', () => {
    assert.equal(map('Someone <proper@x.org>'), 'Proper Name <proper@x.org>');
    assert.equal(map('Old Name <old@x.org>'), 'Old Name <new@x.org>');
    assert.equal(map('Old Name <both-old@x.org>'), 'Both Changed <both@x.org>');
    assert.equal(map('Bob Smith <shared@x.org>'), 'Only For Bob <bob-new@x.org>');
    assert.equal(map('Alice <shared@x.org>'), 'Everyone Else <shared-new@x.org>');
  });

  it('looks addresses up case-sensitively, unlike git', () => {
    assert.equal(map('Someone <PROPER@X.ORG>'), 'Someone <PROPER@X.ORG>');
    assert.equal(map('bob smith <shared@x.org>'), 'Everyone Else <shared-new@x.org>');
  });

  it("strips '#' comments anywhere on a line, unlike git", () => {
    assert.equal(map('H <hash@x.org>'), 'H <hash@x.org>');
  });

  it('quotes names as the script prints them', () => {
    assert.deepEqual(parseEmail('"Lee, Chun-Yi" <jlee@suse.com>'), ['"Lee, Chun-Yi"', 'jlee@suse.com']);
    assert.equal(formatEmail('Jörg Rödel', 'j@x.org', true), '"Jörg Rödel" <j@x.org>');
    assert.equal(formatEmail('Ann Acme', 'a@x.org', false), 'a@x.org');
    assert.deepEqual(parseEmail('Paulo Alcantara <pc@manguebit.com> (DFS, global name space)'), ['Paulo Alcantara', 'pc@manguebit.com']);
  });
});
