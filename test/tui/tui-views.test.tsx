/**
 * What the views show of data that arrives in stages or carries more:
 * the first frame before the checklist is decided, whole commit subjects and
 * messages at 120 columns, prerequisite series, a plan whose trailers are
 * taken or turned down one by one, and the refusals of export on Send.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import type { Effect } from '../../components/effects.js';
import type { AppData } from '../../components/view-data.js';
import { fixtureData, KEY, mount, RecordingActions } from '../helpers/tui-fixture.js';

afterEach(() => cleanup());

/** The first stage: the series alone. */
function seriesOnly(): AppData {
  return { ...fixtureData(), profiles: undefined, items: undefined, recipients: undefined, cover: undefined, send: undefined };
}

test('first frame from the series alone: deciding… where the checklist goes, keys work, then it fills in', async () => {
  let decide!: () => void;
  const decided = new Promise<void>((res) => (decide = res));
  const a = new RecordingActions(async (e) => {
    if (e.kind !== 'refresh' || e.stage !== 'report') return {};
    await decided;
    return { data: fixtureData() };
  });
  // As bin/tui.ts starts it: the series on screen, the checklist and then the rest asked for by startup effects.
  const t = mount(seriesOnly(), a, {
    width: 100,
    height: 30,
    startup: [
      { kind: 'refresh', stage: 'report' },
      { kind: 'refresh', stage: 'extras' },
    ],
  });
  const f = await t.waitFrame('net: zorb: export VF state');
  assert.match(f, /checklist deciding…/);
  await t.waitFrame('⟳ deciding the checklist…');
  await t.keys('2');
  await t.waitFrame('deciding… (the checklist appears here as soon as it is decided)');
  await t.keys(KEY.enter);
  await t.waitFrame('the checklist is still being decided');
  await t.keys('3');
  await t.waitFrame('loading the recipients…');
  await t.keys('6');
  await t.waitFrame('loading…');
  await t.keys('2');
  await t.waitState('on the checklist', (s) => s.screen === 'checklist');
  decide();
  await t.waitFrame('vfio.parent-approval');
  // Arriving late, the checklist still opens on the first item not met.
  await t.waitState('cursor on the first item not met', (s) => s.cursor.checklist === 1);
  assert.match(t.frame(), /▸ ○ open vfio\.parent-approval/);
  assert.match(t.frame(), /✗ 1\/5 items met/);
  await t.waitState('both stages done', (s) => !s.running.length && !s.queue.length);
  assert.deepEqual(
    a.effects.map((e: Effect) => (e.kind === 'refresh' ? e.stage : e.kind)),
    ['report', 'extras'],
  );
});

test('Series at 120 columns: every subject whole in the list, the selected commit’s whole message below', async () => {
  const data = fixtureData();
  const subject = 'vfio/pci: zorb: add live migration support with dirty page tracking via the PF';
  data.series.commits[1]!.subject = subject;
  data.series.commits[1]!.body = [
    'The Zorb PF keeps the VF state in 4 KiB of device memory; the variant',
    'driver reads it through the PF mailbox on stop-copy and writes it back',
    'on resume.',
    '',
    'Dirty pages are tracked by the PF and reported through the same mailbox.',
  ].join('\n');
  const t = mount(data, new RecordingActions(), { width: 120, height: 40 });
  await t.waitFrame('net: zorb: export VF state');
  assert.ok(t.frame().includes(subject), 'the whole subject is in the list');
  await t.keys('j');
  await t.waitFrame('Dirty pages are tracked by the PF and reported through the same mailbox.');
  const f = t.frame();
  assert.equal(f.split('\n').filter((l) => l.includes(subject)).length, 2, 'the subject in the list and again over the message');
  for (const l of data.series.commits[1]!.body!.split('\n').filter(Boolean)) assert.ok(f.includes(l), `message line shown: ${l}`);
  assert.match(f, /Reviewd-by: Rita Reviewer/);
});

test('prerequisite series are listed above the commits with what is known of them', async () => {
  const data = fixtureData();
  data.series.deps = [
    { name: 'zorb-pf-mailbox', messageId: '<20260101.1@zorb.example>', patches: 4, state: 'built-on' },
    { name: 'net-next fix', state: 'in-base' },
  ];
  const t = mount(data, new RecordingActions(), { width: 100, height: 30 });
  const f = await t.waitFrame('depends on zorb-pf-mailbox');
  assert.match(f, /depends on zorb-pf-mailbox <20260101\.1@zorb\.example> \(4 patches\) · the branch is built on it/);
  assert.match(f, /depends on net-next fix · already in the base/);
  assert.match(f, /net: zorb: export VF state/);
});

test('a plan of incoming trailers: Space turns one down, y applies the rest, the effect says which were turned down', async () => {
  const a = new RecordingActions((e) =>
    e.kind === 'import-plan'
      ? {
          plan: {
            title: 'trailers import from replies.mbox: 2 trailers to add',
            lines: ['bbbbbbbbbbbb vfio/pci: add', '  + Reviewed-by: Rita <rita@example.org>', '  + Tested-by: Tess <tess@example.org>'],
            choices: [
              { id: 'b#0', line: 1 },
              { id: 'b#1', line: 2 },
            ],
          },
        }
      : {},
  );
  const t = mount(fixtureData(), a, { screen: 'trailers' });
  await t.waitFrame('[ ] 1');
  await t.keys('i', '/tmp/replies.mbox', KEY.enter);
  await t.waitFrame('2 of 2 taken');
  assert.match(t.frame(), /▸ \[x\] {3}\+ Reviewed-by: Rita/);
  await t.keys('j', ' ');
  await t.waitFrame('1 of 2 taken');
  assert.match(t.frame(), /▸ \[ \] {3}\+ Tested-by: Tess/);
  await t.keys('y');
  await t.waitState('applied', () => a.effects.length === 2);
  assert.deepEqual(a.effects[1], { kind: 'import-apply', path: '/tmp/replies.mbox', reject: ['b#1'] });
});

test('turning every trailer down applies nothing', async () => {
  const a = new RecordingActions((e) =>
    e.kind === 'import-plan' ? { plan: { title: 'plan', lines: ['c', '  + Acked-by: A <a@x.org>'], choices: [{ id: 'c#0', line: 1 }] } } : {},
  );
  const t = mount(fixtureData(), a, { screen: 'trailers' });
  await t.waitFrame('[ ] 1');
  await t.keys('i', '/tmp/r.mbox', KEY.enter);
  await t.waitFrame('1 of 1 taken');
  await t.keys(' ', 'y');
  await t.waitFrame('every trailer turned down: nothing changed');
  assert.equal(a.effects.length, 1);
});

test('Send lists what export would refuse; x refuses upfront what cannot be forced, and forces past open items only', async () => {
  const data = fixtureData();
  data.send!.refusals = [
    { text: 'the cover letter still has a placeholder: *** SUBJECT HERE ***', fix: 'write the title on screen 5' },
    { text: '4 checklist items are open', forceable: true },
  ];
  const a = new RecordingActions();
  const t = mount(data, a, { screen: 'send', height: 30 });
  const f = await t.waitFrame('Export would refuse');
  assert.match(f, /✗ the cover letter still has a placeholder: \*\*\* SUBJECT HERE \*\*\*/);
  assert.match(f, /fix: write the title on screen 5/);
  assert.match(f, /x exports anyway once you have read this \(forced\)/);
  await t.keys('x');
  await t.waitFrame('export would refuse: the cover letter still has a placeholder');
  assert.equal(t.state().edit, null);
  data.send!.refusals = [{ text: '4 checklist items are open', forceable: true }];
  t.unmount();
  const t2 = mount(data, a, { screen: 'send', height: 30 });
  await t2.waitFrame('Export would refuse');
  await t2.keys('x');
  await t2.waitFrame('Export anyway (items listed above are open) to');
  await t2.keys(KEY.enter);
  await t2.waitState('export', () => a.effects.length === 1);
  assert.deepEqual(a.effects[0], { kind: 'export', dir: '/tmp/outgoing/v1', force: true });
});

test('Send, for a second version: threading is shown and t switches it; the export carries the choice', async () => {
  const data = fixtureData();
  data.series.version = 2;
  data.send = {
    exportDir: '/tmp/outgoing/v2',
    exported: [],
    sent: [{ version: 1, tag: 'zorb-vfio-v1', date: '2026-01-12', messageId: '<v1.cover@submitter.example>' }],
    threadToPrevious: false,
  };
  const a = new RecordingActions();
  const t = mount(data, a, { screen: 'send', height: 30 });
  const f = await t.waitFrame('threading: a new thread whose cover letter links v1');
  assert.match(f.replace(/\s+/g, ' '), /links v1 <v1\.cover@submitter\.example>; t replies to v1 instead/);
  await t.keys('t');
  await t.waitFrame("the next export (x) replies to v1's cover letter");
  assert.match(
    t.frame().replace(/\s+/g, ' '),
    /threading: replies to v1's cover letter <v1\.cover@submitter\.example> \(chosen; recorded at the next export\)/,
  );
  await t.keys('x', KEY.enter);
  await t.waitState('export', () => a.effects.length === 1);
  assert.deepEqual(a.effects[0], { kind: 'export', dir: '/tmp/outgoing/v2', thread: true });
  await t.waitState('the choice handed over', (s) => s.thread === undefined);
});

test('t is not offered before a version was sent', async () => {
  const t = mount(fixtureData(), new RecordingActions(), { screen: 'send' });
  await t.waitFrame('not sent yet');
  assert.doesNotMatch(t.frame(), /threading/);
  await t.keys('t');
  assert.equal(t.state().message, null);
});
