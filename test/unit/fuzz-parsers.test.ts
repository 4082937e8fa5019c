/**
 * Property tests (fast-check, seeded so a failure repeats) of the parsers
 * that take other people's text: the address parser, the trailer parser and
 * mbox reading, and the headers export writes from what they return.
 * Properties: no exception but UsageError; no control character in anything
 * that becomes a header; a valid address survives format -> parse unchanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { scratchDirs } from '../helpers/scratch.js';
import { join } from 'node:path';
import fc from 'fast-check';
import { UsageError } from '../../src/errors.js';
import { formatHeaderMailbox, formatLocalPart, mailboxProblem, parseMailbox } from '../../src/mail/address.js';
import { parseTrailers } from '../../src/trailers/parse.js';
import { readMailbox } from '../../src/mail/saved.js';
import { checkHeaders, parseMail, serializeMail, setRecipients } from '../../src/letter/patch-mail.js';

const pad = scratchDirs('pp-fuzz-');
const SEED = Number(process.env.PP_FUZZ_SEED ?? 20260101);
const RUNS = Number(process.env.PP_FUZZ_RUNS ?? 300);
const opts = { seed: SEED, numRuns: RUNS };

/** Header text (decoded from the latin-1 held form) must hold no control character but folding. */
const HEADER_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]|\n(?![ \t])/;

/** Text with the characters that break things: controls, quotes, angle brackets, dashes, non-ASCII. */
const hostileChar = fc.constantFrom(
  ...'abcXYZ019 .,;:@<>()[]"\\\'-_+=/!#$%&*?^`{|}~'.split(''),
  '\r',
  '\n',
  '\t',
  '\u0000',
  '\u000b',
  '\u000c',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009b',
  'é',
  'Ü',
  '\u202e',
  '—',
);
const hostileText = fc.array(hostileChar, { maxLength: 40 }).map((a) => a.join(''));

/** Either a hostile string or one shaped like an address, so both paths of the parser are exercised. */
const addressish = fc.oneof(
  hostileText,
  fc.tuple(hostileText, hostileText, hostileText).map(([n, l, d]) => `${n} <${l}@${d}.org>`),
  fc.tuple(hostileText, hostileText).map(([l, d]) => `"${l}"@${d}.org`),
);

function onlyUsageErrors(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
  }
}

test('parseMailbox never throws; what it accepts is safe for a header and a command line', () => {
  fc.assert(
    fc.property(addressish, (input) => {
      const r = parseMailbox(input);
      if (!r.ok) return;
      assert.equal(mailboxProblem(r.name, r.email), undefined, JSON.stringify(input));
      assert.doesNotMatch(r.email, /^"?-/);
      assert.doesNotMatch(formatHeaderMailbox(r.name, r.email), /[\u0000-\u001f\u007f-\u009f]/);
    }),
    opts,
  );
});

const atext = fc.constantFrom(..."abcdefxyz0189!#$%&'*+/=?^_`{|}~-".split(''));
// No '<' or '>': git send-email cannot parse a local part holding them, so the parser refuses it.
const qtext = fc.constantFrom(...'ab z09 .,;:@()[]"\\-'.split(''));
const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);
const validLocal = fc
  .oneof(
    fc
      .array(
        fc.array(atext, { minLength: 1, maxLength: 6 }).map((a) => a.join('')),
        { minLength: 1, maxLength: 3 },
      )
      .map((a) => a.join('.')),
    fc.array(qtext, { minLength: 1, maxLength: 12 }).map((a) => a.join('')),
  )
  .filter((l) => !l.startsWith('-') && l.trim() === l && !/\s\s/.test(l));
const validName = fc.oneof(
  fc.constant(''),
  fc.stringMatching(/^[A-Za-z][A-Za-z .,'()"\\-]{0,20}[A-Za-z.]$/).filter((n) => !/\s\s/.test(n) && !/[()]/.test(n)),
  fc.constantFrom('Jörg Müller', 'Zoë Ölund', '山田 太郎', 'Doe, Jane', 'A. Name', 'Say "Hi"'),
);

test('valid addresses round-trip: parse(format(name, local@domain)) gives them back', () => {
  fc.assert(
    fc.property(validName, validLocal, fc.array(label, { minLength: 2, maxLength: 3 }), (name, local, labels) => {
      const email = `${formatLocalPart(local)}@${labels.join('.')}`;
      const r = parseMailbox(formatHeaderMailbox(name, email));
      assert.ok(r.ok, `${formatHeaderMailbox(name, email)}: ${r.ok ? '' : r.error}`);
      assert.equal(r.email, email);
      assert.equal(r.name, name);
    }),
    opts,
  );
});

test('the trailer parser never throws; every person it finds has a safe address', () => {
  const key = fc.constantFrom('Reviewed-by', 'Signed-off-by', 'Acked-by', 'Cc', 'Reviewd-by', 'Fixes', 'X-\u001b');
  const trailerLine = fc.tuple(key, addressish).map(([k, v]) => `${k}: ${v}`);
  const message = fc
    .tuple(hostileText, fc.array(hostileText, { maxLength: 3 }), fc.array(trailerLine, { maxLength: 5 }))
    .map(([subject, body, trailers]) => [subject, '', ...body, '', ...trailers].join('\n'));
  fc.assert(
    fc.property(message, (msg) => {
      onlyUsageErrors(() => {
        for (const t of parseTrailers(msg)) {
          if (t.email !== undefined) assert.equal(mailboxProblem('', t.email), undefined, JSON.stringify(t));
        }
      });
    }),
    opts,
  );
});

test('mbox reading never throws but UsageError; headers written from its senders hold no control character', async () => {
  const dir = pad.dir();
  {
    const header = fc
      .tuple(fc.constantFrom('From', 'Subject', 'Message-ID', 'In-Reply-To', 'X-Odd', 'Content-Type'), hostileText)
      .map(([k, v]) => `${k}: ${v}`);
    const message = fc
      .tuple(addressish, fc.array(header, { maxLength: 4 }), fc.array(hostileText, { maxLength: 4 }))
      .map(([from, hs, body]) => [`From: ${from}`, ...hs, '', ...body].join('\n'));
    const mbox = fc.oneof(
      fc.array(message, { minLength: 1, maxLength: 3 }).map((ms) => Buffer.from(ms.map((m) => `From x@y Thu Jan  1 00:00:00 2026\n${m}\n`).join('\n'))),
      fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(mbox, async (data) => {
        const file = join(dir, `m${n++}.mbox`);
        writeFileSync(file, data);
        let messages;
        try {
          messages = (await readMailbox(file)).messages;
        } catch (e) {
          if (e instanceof UsageError) return;
          throw e;
        }
        const senders = messages.flatMap((m) => (m.from && parseMailbox(formatHeaderMailbox(m.from.name, m.from.email)).ok ? [m.from] : []));
        // Export's own guard: headers are written from these, or refused with a UsageError; never a control character.
        onlyUsageErrors(() => {
          const mail = setRecipients(parseMail(Buffer.from('From: a@b.c\nSubject: x\n\nbody\n')), senders, []);
          checkHeaders(mail, 'fuzz.patch');
          for (const h of parseMail(serializeMail(mail)).head) assert.doesNotMatch(Buffer.from(h, 'latin1').toString('utf8'), HEADER_CONTROL);
        });
      }),
      { ...opts, numRuns: Math.min(RUNS, 150) },
    );
  }
});

test('headers from arbitrary mailboxes: written safely or refused with a UsageError', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(hostileText, addressish), { maxLength: 4 }), (boxes) => {
      onlyUsageErrors(() => {
        const mail = setRecipients(
          parseMail(Buffer.from('From: a@b.c\nSubject: x\n\nbody\n')),
          boxes.map(([name, email]) => ({ name, email })),
          [],
        );
        checkHeaders(mail, 'fuzz.patch');
        for (const h of mail.head) assert.doesNotMatch(Buffer.from(h, 'latin1').toString('utf8'), HEADER_CONTROL);
      });
    }),
    opts,
  );
});
