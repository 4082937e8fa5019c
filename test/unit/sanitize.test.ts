import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sanitizeLine, sanitizeText, hasControl } from '../../src/text/sanitize.js';

test('a line loses every control character to a visible escape', () => {
  assert.equal(sanitizeLine('fix\u001b]0;owned\u0007 title'), 'fix\\e]0;owned\\x07 title');
  assert.equal(sanitizeLine('a\r\nb\tc\u007f\u009b2J'), 'a\\r\\nb\\tc\\x7f\\x9b2J');
  assert.equal(sanitizeLine('abc\u202eevil'), 'abc\\u202eevil');
  assert.equal(sanitizeLine('Jörg Müller <j@x.org>'), 'Jörg Müller <j@x.org>');
});

test('a block keeps newlines and tabs, not the rest', () => {
  assert.equal(sanitizeText('one\r\ntwo\n\tthree\u001b[2J'), 'one\ntwo\n\tthree\\e[2J');
  assert.equal(hasControl('plain'), false);
  assert.equal(hasControl('x\u0085y'), true);
});
