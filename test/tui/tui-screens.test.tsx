/**
 * Every screen alone, on hand-written view data: what it shows at 80x24, and
 * which effect its keys send towards src/.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { fixtureData, KEY, mount, RecordingActions } from '../helpers/tui-fixture.js';

afterEach(() => cleanup());

function rows(frame: string): string[] {
  return frame.split('\n');
}

test('frame: header with branch, base, version, readiness; footer keys; fits 80x24', async () => {
  const t = mount(fixtureData(), new RecordingActions());
  const f = await t.waitFrame('zorb-vfio');
  assert.match(f, /zorb-vfio on master \(1f0cde8be924\) · v1 · 3 patches · ✗ 1\/5 met/);
  assert.match(f, /1 Series .*2 Checklist .*6 Send/);
  assert.match(f, /✗ 1 failing: kernel\.signoff/);
  assert.match(f, /q quit/);
  assert.equal(rows(f).length, 24);
  for (const r of rows(f)) assert.ok(r.length <= 80, `row longer than 80: ${r}`);
});

test('series: trailer badges, problems, files on Enter', async () => {
  const t = mount(fixtureData(), new RecordingActions());
  await t.waitFrame('net: zorb: export VF state');
  assert.match(t.frame(), /vfio\/pci: add Acme Zorb variant driver.*✗Reviewd-by SoB ✗/);
  await t.keys('j');
  await t.waitFrame('looks like a misspelling of Reviewed-by');
  await t.keys(KEY.enter);
  await t.waitFrame('A drivers/vfio/pci/zorb/main.c +120 -0');
  await t.waitState('expanded in the state', (s) => s.expanded.length === 1 && s.expanded[0] === 'b'.repeat(40));
});

test('screen switching: 1-6, Tab and Shift-Tab, help overlay', async () => {
  const t = mount(fixtureData(), new RecordingActions());
  await t.waitFrame('zorb-vfio');
  await t.keys('3');
  await t.waitState('recipients screen', (s) => s.screen === 'recipients');
  await t.keys(KEY.tab);
  await t.waitState('trailers screen', (s) => s.screen === 'trailers');
  await t.keys(KEY.shiftTab, KEY.shiftTab);
  await t.waitState('checklist screen', (s) => s.screen === 'checklist');
  await t.keys('6', KEY.tab);
  await t.waitState('wraps to series', (s) => s.screen === 'series');
  await t.keys('?');
  await t.waitFrame('Help: j/k and PgDn scroll');
  assert.match(t.frame(), /Tab +next screen/);
  assert.ok(!t.frame().includes('mark this version as sent'));
  // The other screens' keys are further down: page until they show, each page moving the help on.
  for (let page = 0; page < 20 && !t.frame().includes('mark this version as sent'); page++) {
    const at = t.state().helpScroll;
    await t.keys(KEY.pgDown);
    await t.waitState('paged', (s) => s.helpScroll > at);
  }
  await t.waitFrame('mark this version as sent');
  await t.keys('x');
  await t.waitState('help closed', (s) => !s.help);
});

test('checklist: statuses by symbol without colour; the cursor starts on the first open item', async () => {
  const t = mount(fixtureData(), new RecordingActions(), { screen: 'checklist' });
  const f = await t.waitFrame('vfio.parent-approval');
  assert.match(f, /✓ pass vfio\.maintainers-entry/);
  assert.match(f, /▸ ○ open vfio\.parent-approval/);
  assert.match(f, /✗ fail kernel\.signoff/);
  assert.match(f, /– n\/a +kernel\.checkpatch/);
  assert.equal(t.state().cursor.checklist, 1);
});

test('checklist walk: document words, evidence, confirm, and on to the next open item', async () => {
  const a = new RecordingActions();
  const t = mount(fixtureData(), a, { screen: 'checklist' });
  await t.waitFrame('vfio.parent-approval');
  await t.keys(KEY.enter);
  const f = await t.waitFrame('From Documentation/driver-api/vfio-pci-device-specific-driver-acceptance.rst');
  assert.match(f, /│ sign-off\/ack\/review\/etc for any interactions with parent drivers/);
  assert.match(f, /Pat Parent <pat@zorb\.example>/);
  assert.match(f, /f goes to Trailers to fix it/);
  await t.keys('n');
  await t.waitState('device-docs', (s) => s.walk?.itemId === 'vfio.device-docs');
  await t.keys('n');
  await t.waitState('userspace-data', (s) => s.walk?.itemId === 'vfio.userspace-data');
  await t.keys('c');
  await t.waitState('confirm effect', () => a.effects.length === 1);
  assert.deepEqual(a.effects[0], { kind: 'answer', itemId: 'vfio.userspace-data', answer: { confirmed: true } });
  await t.waitState('moved on to kernel.signoff', (s) => s.walk?.itemId === 'kernel.signoff');
  await t.keys('f');
  await t.waitState('fix screen', (s) => s.screen === 'trailers');
});

test('checklist walk: the multi-line answer box saves with Ctrl+S and goes to the next question', async () => {
  const a = new RecordingActions();
  const t = mount(fixtureData(), a, { screen: 'checklist' });
  await t.waitFrame('vfio.parent-approval');
  await t.keys('j', KEY.enter, KEY.enter);
  await t.waitFrame('Answer: How the device state is composed and consumed');
  await t.keys('line one', KEY.enter, 'line two', KEY.backspace, 'o');
  await t.waitState('typed', (s) => s.edit?.buf.text === 'line one\nline two');
  await t.keys(KEY.ctrlS);
  await t.waitState('saved', (s) => !s.edit);
  assert.deepEqual(a.effects[0], { kind: 'answer', itemId: 'vfio.device-docs.state', answer: { text: 'line one\nline two' } });
});

test('recipients: Space drops, a adds to To after Tab, p shows each patch', async () => {
  const a = new RecordingActions((e) => (e.kind === 'recipient-add' && !e.address.includes('@') ? Promise.reject(new Error('not an address: bob')) : {}));
  const t = mount(fixtureData(), a, { screen: 'recipients' });
  const f = await t.waitFrame('Alex Maintainer <alex@vfio.example>');
  assert.match(f, /To \+ Alex Maintainer <alex@vfio\.example> +maintainer: VFIO DRIVER/);
  assert.match(f, /Cc - kvm@vger\.example +dropped/);
  await t.keys(' ');
  await t.waitState('drop', () => a.effects.length === 1);
  assert.deepEqual(a.effects[0], { kind: 'recipient', op: 'drop', address: 'alex@vfio.example' });
  await t.keys('a', KEY.tab, 'bob', KEY.enter);
  await t.waitFrame('✗ not an address: bob');
  await t.waitState('the box stays open with the error', (s) => s.edit?.target.kind === 'recipient' && s.edit.error);
  await t.keys(' <bob@example.org>', KEY.enter);
  await t.waitState('added', (s) => !s.edit);
  assert.deepEqual(a.effects.at(-1), { kind: 'recipient-add', address: 'bob <bob@example.org>', field: 'to' });
  await t.keys('p');
  await t.waitFrame('Nate Net <nate@net.example>');
});

test('trailers: choose commits, complete a person, see the plan, apply it', async () => {
  const a = new RecordingActions((e) =>
    e.kind === 'trailer-plan' ? { plan: { title: 'add 1 trailer', lines: ['bbbbbbbbbbbb vfio/pci: add', '  + Acked-by: Pat Parent <pat@zorb.example>'] } } : {},
  );
  const t = mount(fixtureData(), a, { screen: 'trailers' });
  await t.waitFrame('[ ] 1');
  await t.keys('j', ' ');
  await t.waitFrame('[x] 2');
  await t.keys('a', 'Ack', KEY.tab);
  await t.waitState('key completed', (s) => s.edit?.buf.text === 'Acked-by: ');
  await t.keys('pat', KEY.tab);
  await t.waitState('person completed', (s) => s.edit?.buf.text === 'Acked-by: Pat Parent <pat@zorb.example>');
  await t.keys(KEY.enter);
  await t.waitFrame('+ Acked-by: Pat Parent <pat@zorb.example>');
  assert.deepEqual(a.effects[0], { kind: 'trailer-plan', commits: ['b'.repeat(40)], trailer: 'Acked-by: Pat Parent <pat@zorb.example>' });
  await t.keys('y');
  await t.waitState('applied', () => a.effects.length === 2);
  assert.equal(a.effects[1]!.kind, 'trailer-apply');
  await t.keys('u');
  await t.waitFrame('nothing to undo');
});

test('cover letter: fields, live preview while typing the title', async () => {
  const a = new RecordingActions();
  const t = mount(fixtureData(), a, { screen: 'cover' });
  await t.waitFrame('Subject: [PATCH 0/3] Acme Zorb vfio-pci variant driver');
  await t.keys('t', ' v2');
  await t.waitFrame('Subject: [PATCH 0/3] Acme Zorb vfio-pci variant driver v2');
  await t.keys(KEY.enter);
  await t.waitState('saved', () => a.effects.length === 1);
  assert.deepEqual(a.effects[0], { kind: 'cover', field: 'title', text: 'Acme Zorb vfio-pci variant driver v2' });
  await t.keys('b');
  await t.waitState('body box is multi-line', (s) => s.edit?.buf.multiline === true);
});

test('send: export directory, write the command, mark as sent', async () => {
  const a = new RecordingActions();
  const t = mount(fixtureData(), a, { screen: 'send' });
  const f = await t.waitFrame('/tmp/outgoing/v1');
  assert.match(f, /not exported yet/);
  await t.keys('x', KEY.enter);
  await t.waitState('export', () => a.effects.length === 1);
  assert.deepEqual(a.effects[0], { kind: 'export', dir: '/tmp/outgoing/v1' });
  await t.waitState('box closed', (s) => !s.edit);
  await t.keys('w', KEY.enter);
  await t.waitState('write', () => a.effects.length === 2);
  assert.deepEqual(a.effects[1], { kind: 'write-command', path: '/tmp/outgoing/v1-send.sh' });
  await t.waitState('box closed', (s) => !s.edit);
  await t.keys('s', '<id@example.org>', KEY.enter);
  await t.waitState('sent', () => a.effects.length === 3);
  assert.deepEqual(a.effects[2], { kind: 'sent', messageId: '<id@example.org>' });
});

test('resize re-lays out; long lists scroll with the cursor', async () => {
  const data = fixtureData();
  const many = Array.from({ length: 40 }, (_, i) => ({ ...data.series.commits[0]!, sha: i.toString(16).padStart(40, '0'), subject: `patch number ${i + 1}` }));
  data.series.commits = many;
  const t = mount(data, new RecordingActions());
  await t.waitFrame('patch number 1');
  assert.ok(!t.frame().includes('patch number 30'));
  await t.keys('G');
  await t.waitFrame('patch number 40');
  assert.match(t.frame(), /40\/40/);
  t.resize(120, 40);
  await t.waitState('resized', (s) => s.width === 120 && s.height === 40);
  assert.equal(t.frame().split('\n').length, 40);
});

test('help on a wide terminal: two columns that scroll together until the last key shows', async () => {
  const t = mount(fixtureData(), new RecordingActions(), { width: 120, height: 30 });
  await t.waitFrame('zorb-vfio');
  await t.keys('?');
  await t.waitFrame('Help: j/k and PgDn scroll');
  assert.ok(!t.frame().includes('back to the list'), 'the walk-through keys come last');
  for (let page = 0; page < 20 && !t.frame().includes('back to the list'); page++) {
    const at = t.state().helpScroll;
    await t.keys(KEY.pgDown);
    await t.waitState('paged', (s) => s.helpScroll > at);
  }
  await t.waitFrame('back to the list');
  assert.equal(t.frame().split('\n').length, 30);
});
