import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acceptanceCoverSection } from '../../src/acceptance/cover-section.js';

const at = '2026-01-01T00:00:00Z';

test('the cover section holds the device-docs answers and the userspace-data confirmation', () => {
  assert.equal(acceptanceCoverSection({ answers: {} }), '');
  const text = acceptanceCoverSection({
    answers: {
      'vfio.device-docs.state': { text: 'Queue contexts.\nSaved by the PF.', at },
      'vfio.device-docs.safeguards': { text: 'A magic number.', at },
      'vfio.userspace-data': { confirmed: true, note: 'Lengths are bounded.', at },
    },
  });
  assert.equal(
    text,
    'Device-specific extensions:\n\n- How the device state is composed and consumed:\n  Queue contexts.\n  Saved by the PF.\n\n- Safeguards that validate the data:\n  A magic number.\n\nUserspace data:\n\n  Lengths are bounded.',
  );
});

test('a driver without migration answers vfio.device-docs itself; that text is the section', () => {
  const text = acceptanceCoverSection({ answers: { 'vfio.device-docs': { text: 'Exposes the GPU memory as a BAR.', at } } });
  assert.equal(text, 'Device-specific extensions:\n\n  Exposes the GPU memory as a BAR.');
});

test('a confirmation without a note puts no words of ours in the cover letter', () => {
  assert.equal(acceptanceCoverSection({ answers: { 'vfio.userspace-data': { confirmed: true, at } } }), '');
  assert.equal(acceptanceCoverSection({ answers: { 'vfio.device-docs': { confirmed: true, at } } }), '');
  const text = acceptanceCoverSection({
    answers: { 'vfio.device-docs': { confirmed: true, note: 'Documentation/driver-api/acc.rst', at }, 'vfio.userspace-data': { confirmed: true, at } },
  });
  assert.equal(text, 'Device-specific extensions:\n\n- Documented in: Documentation/driver-api/acc.rst');
});
