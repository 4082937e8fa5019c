// .mailmap: git's rules (src/mail/mailmap.ts), checked against `git check-mailmap`.
// get_maintainer.pl's own reading is tested in test/unit/mailmap-perl.test.ts.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseMailmap } from '../../src/mail/mailmap.js';
import { MAP, PEOPLE } from '../helpers/mailmap-fixture.js';
import { hermeticProcess, scratch } from '../helpers/repo.js';

// src/ runs git in this process: give it the hermetic environment.
hermeticProcess();

const scratchpad = scratch('pp-mailmap-');

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
