import { test } from 'node:test';
import assert from 'node:assert/strict';
import { b4CoverParts, withoutEditme, withoutEmptyPrerequisite } from '../../src/b4/cover.js';
import { parseTrailers } from '../../src/trailers/parse.js';

const COVER = `a: two changes to a

# my own note
This series changes a twice.
#include <linux/foo.h> goes too, as b4 send drops it

To: Maint Ainer <maint@example.org>
Cc: list@vger.kernel.org
Cc: Some One (Corp) <some@example.org>
Signed-off-by: Sub Mitter <sub@example.org>

---
Changes in v2:
- EDITME: describe what is new in this series revision.
- Link to v1: https://lore.kernel.org/r/x@y`;

test('b4 cover: comment lines gone, To/Cc taken out as recipients, the rest kept as b4 send renders it', () => {
  const p = b4CoverParts(COVER);
  assert.equal(p.subject, 'a: two changes to a');
  assert.doesNotMatch(p.body, /^#/m);
  assert.doesNotMatch(p.body, /^(To|Cc):/m);
  assert.match(p.body, /^This series changes a twice\.\n\nSigned-off-by: Sub Mitter <sub@example.org>\n\n---\nChanges in v2:/);
  assert.deepEqual(p.to, [{ name: 'Maint Ainer', email: 'maint@example.org' }]);
  assert.deepEqual(p.cc, [
    { name: '', email: 'list@vger.kernel.org' },
    { name: 'Some One (Corp)', email: 'some@example.org' },
  ]);
});

test('b4 cover: EDITME template text is not the submitter text', () => {
  const body = 'EDITME: describe the purpose\nof this series.\n\nReal text.\n\nChanges in v2:\n- EDITME: describe what is new\n- Link to v1: L';
  assert.equal(withoutEditme(body), 'Real text.\n\nChanges in v2:\n- Link to v1: L');
});

test('the all-zero prerequisite-patch-id of b4 empty cover commit is dropped, real ones stay', () => {
  const z = '0'.repeat(40);
  assert.equal(
    withoutEmptyPrerequisite(`base-commit: abc\nprerequisite-patch-id: ${z}\nprerequisite-patch-id: ${'1'.repeat(40)}\n`),
    `base-commit: abc\nprerequisite-patch-id: ${'1'.repeat(40)}\n`,
  );
});

test('trailers: a bare address is a person (Cc: stable), a name with parentheses is kept', () => {
  const t = parseTrailers(
    's\n\nb\n\nCc: stable@vger.kernel.org # 6.12\nCc: Some One (Corp) <some@example.org>\nLink: https://lore.kernel.org/r/a@b\nSigned-off-by: A <a@b.org>\n',
  );
  assert.deepEqual(
    t.map((x) => [x.key, x.name, x.email]),
    [
      ['Cc', '', 'stable@vger.kernel.org'],
      ['Cc', 'Some One (Corp)', 'some@example.org'],
      ['Link', undefined, undefined],
      ['Signed-off-by', 'A', 'a@b.org'],
    ],
  );
});
