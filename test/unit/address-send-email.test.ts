import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatHeaderMailbox, mailboxProblem, parseMailbox } from '../../src/mail/address.js';

test('addresses git send-email cannot extract are refused, with the reason', () => {
  const cases: [string, RegExp][] = [
    ['bob@localhost', /no dot in its domain/],
    ['Bob <bob@localhost>', /no dot in its domain/],
    ['x@a_b.org', /domain git send-email refuses/],
    ['x@a-.org', /domain git send-email refuses/],
    ['x@a.b.', /not a valid/],
    ['"c>d"@x.org', /'<' or '>'/],
    ['X <"c>d"@x.org>', /'<' or '>'/],
    ['ü@x.org', /non-ASCII/],
    ['"A <b>" <r@x.org>', /'<' or '>' in its name/],
    ['a@x.org (Ann)', /comment in parentheses/],
  ];
  for (const [input, why] of cases) {
    const r = parseMailbox(input);
    assert.equal(r.ok, false, input);
    if (!r.ok) assert.match(r.error, why, input);
  }
  assert.match(mailboxProblem('', 'bob@localhost') ?? '', /no dot/);
});

test('names are kept as typed, comments and shell characters included; a name quoted as a whole loses its quotes only', () => {
  assert.deepEqual(parseMailbox('Rep Orter (Acme Corp) <rep2@acme.example>'), { ok: true, name: 'Rep Orter (Acme Corp)', email: 'rep2@acme.example' });
  assert.deepEqual(parseMailbox('Ann $(x) Lee <ann@example.org>'), { ok: true, name: 'Ann $(x) Lee', email: 'ann@example.org' });
  assert.deepEqual(parseMailbox('"Rep Orter (Acme Corp)" <rep2@acme.example>'), { ok: true, name: 'Rep Orter (Acme Corp)', email: 'rep2@acme.example' });
  assert.deepEqual(parseMailbox('"Say \\"Hi\\"" <j@x.org>'), { ok: true, name: 'Say "Hi"', email: 'j@x.org' });
  assert.equal(formatHeaderMailbox('Rep Orter (Acme Corp)', 'rep2@acme.example'), '"Rep Orter (Acme Corp)" <rep2@acme.example>');
  assert.equal(formatHeaderMailbox('Ann $(x) Lee', 'ann@example.org'), '"Ann $(x) Lee" <ann@example.org>');
  for (const ok of ['x@XN--80AKHBYKNJ4F.example', 'x@a--b.org', "o'brien@x.org", '"g h"@x.org']) assert.ok(parseMailbox(ok).ok, ok);
});
