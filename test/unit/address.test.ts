import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatHeaderMailbox, parseMailbox } from '../../src/mail/address.js';

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
});
