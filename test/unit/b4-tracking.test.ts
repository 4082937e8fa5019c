import { test } from 'node:test';
import assert from 'node:assert/strict';
import { b4SentTagName, forcedRevisionMessage, pythonJson, rerollMessage, splitCoverMessage } from '../../src/b4/tracking.js';

const MSG = `zorb: things

Zorb does things.

--- b4-submit-tracking ---
# This section is used internally by b4 prep for tracking purposes.
{
  "series": {
    "revision": 1,
    "change-id": "20260101-zorb-0123456789ab",
    "base-branch": "master",
    "prefixes": []
  }
}`;

test("b4's sent tag names: the branch without b4/", () => {
  assert.equal(b4SentTagName('b4/zorb', 3), 'sent/zorb-v3');
  assert.equal(b4SentTagName('zorb', 1), 'sent/zorb-v1');
});

test('json as Python writes it: non-ASCII escaped', () => {
  assert.equal(pythonJson({ n: 'Zoë' }), '{\n  "n": "Zo\\u00eb"\n}');
});

test('reroll as b4 send does it: history, revision, changelog template with the lore link', () => {
  const out = rerollMessage(MSG, 1, '<abc@example.org>');
  const { cover, tracking } = splitCoverMessage(out);
  assert.equal(tracking.series.revision, 2);
  assert.deepEqual(tracking.series.history, { v1: ['abc@example.org'] });
  assert.equal(
    cover,
    'zorb: things\n\nZorb does things.\n\n---\nChanges in v2:\n- EDITME: describe what is new in this series revision.\n- EDITME: use bulletpoints and terse descriptions.\n- Link to v1: https://lore.kernel.org/r/abc@example.org',
  );
  // The next reroll prepends to the same section, as b4 does.
  const again = splitCoverMessage(rerollMessage(out, 2, '<def@example.org>'));
  assert.match(again.cover, /---\nChanges in v3:\n(?:.*\n){2}- Link to v2: https:\/\/lore\.kernel\.org\/r\/def@example\.org\n\nChanges in v2:/);
  assert.equal(splitCoverMessage(forcedRevisionMessage(out, 7)).tracking.series.revision, 7);
});
