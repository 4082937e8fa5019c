// get_maintainer.pl's own, case-sensitive reading of .mailmap (src/maintainers/email.ts).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { mailmapEmail, parseGmMailmap, parseEmail, formatEmail } from '../../src/maintainers/email.js';
import { MAP } from '../helpers/mailmap-fixture.js';

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
