/** Trailer text rules without git: key spelling, people, insertion before the submitter's sign-off. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMailmap } from '../../src/mail/mailmap.js';
import { checkTrailerText, insertTrailers, parseTrailerArg, sameTrailer, trailerProblems, type NewTrailer } from '../../src/trailers/edit.js';
import { parseTrailers } from '../../src/trailers/parse.js';

const rita: NewTrailer = { key: 'Reviewed-by', value: 'Rita Reviewer <rita@example.org>', name: 'Rita Reviewer', email: 'rita@example.org' };
const tom: NewTrailer = { key: 'Tested-by', value: 'Tom Tester <tom@example.org>', name: 'Tom Tester', email: 'tom@example.org' };
const sam = { name: 'Sam Submitter', email: 'sam@example.org' };

function ins(msg: string, add: NewTrailer[] = [rita], submitter: { name: string; email: string } | null = sam) {
  return insertTrailers(Buffer.from(msg, 'utf8'), add, { submitter }).message.toString('utf8');
}

describe('checkTrailerText', () => {
  it('accepts a known key in any case and writes its usual spelling', () => {
    const t = parseTrailerArg('reviewed-BY:   Rita Reviewer   <rita@example.org>');
    assert.deepEqual(t, rita);
  });
  it('suggests the spelling of a misspelt key', () => {
    const r = checkTrailerText('Reviewd-by: Rita <rita@example.org>');
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : '', /did you mean Reviewed-by/);
  });
  it('refuses an unknown key unless it is explicitly custom', () => {
    assert.equal(checkTrailerText('Approved-by: Al <al@example.org>').ok, false);
    const r = checkTrailerText('Approved-by: Al <al@example.org>', { custom: true });
    assert.ok(r.ok && r.trailer.key === 'Approved-by');
  });
  it('refuses line breaks, missing names, two mailboxes, bad addresses and keys that name no one', () => {
    for (const bad of [
      'Reviewed-by: Rita <rita@example.org>\nSigned-off-by: X <x@example.org>',
      'Reviewed-by: Rita <rita@example.org>\r',
      'Reviewed-by: <rita@example.org>',
      'Reviewed-by: rita@example.org',
      'Reviewed-by: Rita <rita@example.org>, Tom <tom@example.org>',
      'Reviewed-by: Rita <rita at example.org>',
      'Reviewed-by: Rita',
      'Fixes: 0123456789ab ("x")',
      'Reviewed by: Rita <rita@example.org>',
      'no colon here',
    ]) {
      assert.equal(checkTrailerText(bad).ok, false, bad);
    }
  });
  it('accepts names RFC 5322 would quote, as kernel trailers write them', () => {
    const r = checkTrailerText('Acked-by: J. Random Hacker (Acme) <jrh@example.org>');
    assert.ok(r.ok);
    assert.equal(r.ok && r.trailer.value, 'J. Random Hacker (Acme) <jrh@example.org>');
  });
});

describe('sameTrailer', () => {
  it('compares keys case-insensitively and people by address after .mailmap', () => {
    const mm = parseMailmap('Rita Reviewer <rita@example.org> <rita@old.example>\n');
    const old = { key: 'reviewed-by', value: 'R. Reviewer <rita@old.example>', email: 'rita@old.example' };
    assert.ok(sameTrailer(old, rita, mm));
    assert.ok(!sameTrailer(old, rita));
    assert.ok(!sameTrailer({ ...old, key: 'Acked-by' }, rita, mm));
  });
});

describe('insertTrailers', () => {
  it("goes before the submitter's own Signed-off-by when that is last", () => {
    const msg =
      'sub: do it\n\nBody.\n\nSigned-off-by: Ann Author <ann@example.org>\nAcked-by: Al <al@example.org>\nSigned-off-by: Sam Submitter <sam@example.org>\n';
    assert.equal(
      ins(msg),
      'sub: do it\n\nBody.\n\nSigned-off-by: Ann Author <ann@example.org>\nAcked-by: Al <al@example.org>\nReviewed-by: Rita Reviewer <rita@example.org>\nSigned-off-by: Sam Submitter <sam@example.org>\n',
    );
  });
  it("keeps the submitter's own Co-developed-by right above their Signed-off-by", () => {
    const msg =
      'sub\n\nSigned-off-by: Ann Author <ann@example.org>\nCo-developed-by: Sam Submitter <sam@example.org>\nSigned-off-by: Sam Submitter <sam@example.org>\n';
    assert.equal(
      ins(msg),
      'sub\n\nSigned-off-by: Ann Author <ann@example.org>\nReviewed-by: Rita Reviewer <rita@example.org>\nCo-developed-by: Sam Submitter <sam@example.org>\nSigned-off-by: Sam Submitter <sam@example.org>\n',
    );
  });

  it("goes last when the last trailer is someone else's", () => {
    const msg = 'sub: do it\n\nBody.\n\nSigned-off-by: Ann Author <ann@example.org>\n';
    assert.equal(ins(msg), `${msg}Reviewed-by: Rita Reviewer <rita@example.org>\n`);
  });
  it('recognises the submitter through .mailmap', () => {
    const mm = parseMailmap('Sam Submitter <sam@example.org> <sam@laptop.example>\n');
    const msg = 'sub\n\nSigned-off-by: Sam <sam@laptop.example>\n';
    const out = insertTrailers(Buffer.from(msg), [rita], { submitter: sam, mailmap: mm }).message.toString();
    assert.equal(out, 'sub\n\nReviewed-by: Rita Reviewer <rita@example.org>\nSigned-off-by: Sam <sam@laptop.example>\n');
  });
  it('opens a trailer paragraph when there is none, and for a subject-only message', () => {
    assert.equal(ins('sub\n\nBody text.\n'), 'sub\n\nBody text.\n\nReviewed-by: Rita Reviewer <rita@example.org>\n');
    assert.equal(ins('sub\n'), 'sub\n\nReviewed-by: Rita Reviewer <rita@example.org>\n');
    assert.equal(ins('sub'), 'sub\n\nReviewed-by: Rita Reviewer <rita@example.org>\n');
  });
  it('keeps a body paragraph that merely contains a colon as a paragraph', () => {
    const msg = 'sub\n\nNote: this is prose, not a trailer block at all\nbecause it goes on and on\nfor several lines.\n';
    assert.equal(ins(msg), `${msg}\nReviewed-by: Rita Reviewer <rita@example.org>\n`);
  });
  it('keeps continuation lines, trailing blank lines and the --- notes in place', () => {
    const msg = 'sub\n\nBody.\n\nLink: https://example.org/a\n  /continued\nSigned-off-by: Ann Author <ann@example.org>\n\n\n---\nv2: notes\n';
    assert.equal(
      ins(msg),
      'sub\n\nBody.\n\nLink: https://example.org/a\n  /continued\nSigned-off-by: Ann Author <ann@example.org>\nReviewed-by: Rita Reviewer <rita@example.org>\n\n\n---\nv2: notes\n',
    );
  });
  it('never duplicates, and adds several in the order given', () => {
    const msg = 'sub\n\nSigned-off-by: Ann Author <ann@example.org>\nreviewed-by: Rita R. <RITA@example.org>\n';
    const r = insertTrailers(Buffer.from(msg), [rita, tom, tom], { submitter: sam });
    assert.deepEqual(r.added, [tom]);
    assert.equal(r.present.length, 2);
    assert.equal(r.message.toString(), `${msg}Tested-by: Tom Tester <tom@example.org>\n`);
  });
  it('is idempotent: a second insertion returns the same bytes', () => {
    const once = insertTrailers(Buffer.from('sub\n\nSigned-off-by: Sam Submitter <sam@example.org>\n'), [rita, tom], { submitter: sam }).message;
    const twice = insertTrailers(once, [rita, tom], { submitter: sam });
    assert.equal(twice.added.length, 0);
    assert.ok(twice.message.equals(once));
  });
  it('changes no other byte: latin-1 messages, CRLF lines, odd whitespace', () => {
    const latin = Buffer.concat([
      Buffer.from('sub: caf'),
      Buffer.from([0xe9]),
      Buffer.from('\n\nK\xf6rper  \t\n\nSigned-off-by: Ann <ann@example.org>\n', 'latin1'),
    ]);
    const out = insertTrailers(latin, [rita], { submitter: sam }).message;
    const line = Buffer.from('Reviewed-by: Rita Reviewer <rita@example.org>\n');
    assert.ok(out.equals(Buffer.concat([latin, line])));
    const crlf = 'sub\r\n\r\nBody.\r\n\r\nSigned-off-by: Ann <ann@example.org>\r\n';
    assert.equal(ins(crlf), `${crlf}Reviewed-by: Rita Reviewer <rita@example.org>\r\n`);
  });
  it('writes non-ASCII names as UTF-8', () => {
    const zoe = parseTrailerArg('Acked-by: Zoë Ünlü <zoe@example.org>');
    const out = insertTrailers(Buffer.from('sub\n'), [zoe]).message;
    assert.equal(out.toString('utf8'), 'sub\n\nAcked-by: Zoë Ünlü <zoe@example.org>\n');
  });
});

describe('trailerProblems', () => {
  it('flags misspelt keys, odd case, malformed people, bad Fixes and duplicates', () => {
    const msg =
      'sub\n\nSigned-of-by: Ann <ann@example.org>\nreviewed-by: Rita <rita@example.org>\nAcked-by: nobody\nFixes: abc ("x")\nReviewed-by: Rita <rita@example.org>\nSigned-off-by: Sam <sam@example.org>\n';
    const ts = parseTrailers(msg);
    const problems = ts.map((t) => trailerProblems(t, ts));
    assert.match(problems[0]!.join(), /misspelling of Signed-off-by/);
    assert.match(problems[1]!.join(), /usual spelling is Reviewed-by/);
    assert.match(problems[2]!.join(), /not a valid/);
    assert.match(problems[3]!.join(), /12 hex digits/);
    assert.match(problems[4]!.join(), /twice/);
    assert.deepEqual(problems[5], []);
  });
});

describe('checkTrailerText names', () => {
  it('unquotes a quoted name and keeps everything else as written', () => {
    const r = checkTrailerText('Reviewed-by: "Doe, Jane" <jane@example.org>');
    assert.ok(r.ok);
    assert.equal(r.ok && r.trailer.value, 'Doe, Jane <jane@example.org>');
  });
});
