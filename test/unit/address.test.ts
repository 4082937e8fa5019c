import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanName, encodeHeaderMailbox, formatHeaderMailbox, mailboxProblem, parseMailbox } from '../../src/mail/address.js';

test('mailboxes: plain, quoted, unicode and kernel-style names parse', () => {
  assert.deepEqual(parseMailbox('Jane Doe <jane@example.org>'), { ok: true, name: 'Jane Doe', email: 'jane@example.org' });
  assert.deepEqual(parseMailbox('"Doe, Jane" <jane@example.org>'), { ok: true, name: 'Doe, Jane', email: 'jane@example.org' });
  assert.deepEqual(parseMailbox('Zoë Ünicode <zoe@example.org>'), { ok: true, name: 'Zoë Ünicode', email: 'zoe@example.org' });
  assert.deepEqual(parseMailbox('J. R. Hacker <jr@example.org>'), { ok: true, name: 'J. R. Hacker', email: 'jr@example.org' });
  assert.deepEqual(parseMailbox('bare@example.org'), { ok: true, name: '', email: 'bare@example.org' });
});

test('mailboxes: CR/LF, control characters, lists and junk are rejected', () => {
  for (const bad of [
    'Evil <e@x.org>\r\nBcc: all@x.org',
    'a\nb <c@d.org>',
    'nul\u0000 <n@x.org>',
    'a@x.org, b@x.org',
    'not an address',
    '<>',
    '',
    'Name <missing-at>',
  ]) {
    const r = parseMailbox(bad);
    assert.equal(r.ok, false, JSON.stringify(bad));
  }
});

test('header mailboxes quote names that RFC 5322 needs quoted', () => {
  assert.equal(formatHeaderMailbox('Jane Doe', 'j@x.org'), 'Jane Doe <j@x.org>');
  assert.equal(formatHeaderMailbox('Doe, Jane', 'j@x.org'), '"Doe, Jane" <j@x.org>');
  assert.equal(formatHeaderMailbox('Say "Hi"', 'j@x.org'), '"Say \\"Hi\\"" <j@x.org>');
  assert.equal(formatHeaderMailbox('', 'j@x.org'), 'j@x.org');
  assert.equal(encodeHeaderMailbox('Jörg Müller', 'j@x.org'), '=?UTF-8?B?SsO2cmcgTcO8bGxlcg==?= <j@x.org>');
});

test('quoted local parts keep their quotes; a local part starting with - is refused', () => {
  assert.deepEqual(parseMailbox('"g h"@x.org'), { ok: true, name: '', email: '"g h"@x.org' });
  assert.deepEqual(parseMailbox('Tess <"a b;c"@b.c>'), { ok: true, name: 'Tess', email: '"a b;c"@b.c' });
  assert.equal(formatHeaderMailbox('', '"c>d"@x.org'), '"c>d"@x.org');
  for (const bad of ['-oX@x.org', 'Name <-oX@x.org>', '"-oX"@x.org', '""@x.org', 'A <a\u001b@x.org>']) {
    assert.equal(parseMailbox(bad).ok, false, bad);
  }
  assert.equal(mailboxProblem('Name', '"g h"@x.org'), undefined);
  assert.match(mailboxProblem('Name', '-o@x.org') ?? '', /starts with '-'/);
  assert.match(mailboxProblem('Evil\rName', 'e@x.org') ?? '', /control character/);
  assert.equal(cleanName('Evil\r\u001b[2JName'), 'Evil [2JName');
});
