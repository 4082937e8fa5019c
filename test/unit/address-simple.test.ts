// The short cut for the usual address (src/mail/address.ts simpleAddrSpec) against the full RFC 5322 grammar
// (email-addresses) it stands in for: wherever it answers, the grammar answers the same.
import { strict as assert } from 'node:assert';
import { it } from 'node:test';
import addrs from 'email-addresses';
import fc from 'fast-check';
import { parseMailbox, simpleAddrSpec } from '../../src/mail/address.js';

const SEED = Number(process.env.PP_FUZZ_SEED ?? 20260101);
const grammar = (input: string) => {
  try {
    return addrs.parseOneAddress({ input, rfc6532: true, rejectTLD: false }) as { type: string; name: string | null; local: string; domain: string } | null;
  } catch {
    return null;
  }
};

const chars = (set: string, max: number) => fc.string({ unit: fc.constantFrom(...set.split('')), minLength: 1, maxLength: max });
const atom = chars("abcXYZ019!#$%&'*+/=?^_`{|}~-", 8);
const label = chars('abcXYZ019-', 8);
const spec = fc
  .tuple(fc.array(atom, { minLength: 1, maxLength: 3 }), fc.array(label, { minLength: 1, maxLength: 4 }))
  .map(([l, d]) => `${l.join('.')}@${d.join('.')}`);
// Near misses: quotes, spaces, brackets, dots at the ends, non-ASCII, comments.
const noisy = fc.string({ unit: fc.constantFrom(...'ab.@-"( )[]\\é<>'.split('')), maxLength: 16 });

it('answers as the grammar does wherever it answers', () => {
  let answered = 0;
  fc.assert(
    fc.property(fc.oneof(spec, noisy), (input) => {
      const quick = simpleAddrSpec(input);
      if (!quick) return;
      answered++;
      const full = grammar(input);
      assert.ok(full, `the grammar refuses ${JSON.stringify(input)}`);
      assert.deepEqual(
        { type: full.type, name: full.name, local: full.local, domain: full.domain },
        { type: quick.type, name: quick.name, local: quick.local, domain: quick.domain },
      );
    }),
    { seed: SEED, numRuns: 3000 },
  );
  assert.ok(answered > 300, 'many generated addresses take the short cut');
});

it('leaves everything else to the grammar', () => {
  for (const input of ['"g h"@x.org', 'a..b@x.org', '.a@x.org', 'a@x', 'a@-x.org', 'a@x.org.', 'é@x.org', 'a@[1.2.3.4]', 'a(c)@x.org', ' a@x.org']) {
    assert.equal(simpleAddrSpec(input), null, input);
  }
  assert.deepEqual(parseMailbox('Ann <-a@x.org>'), { ok: false, error: "starts with '-' (mail tools would read it as an option)" });
  assert.deepEqual(parseMailbox('"Doe, Jo" <jo.doe@x.org>'), { ok: true, name: 'Doe, Jo', email: 'jo.doe@x.org' });
  assert.deepEqual(parseMailbox('"g h"@x.org'), { ok: true, name: '', email: '"g h"@x.org' });
});
