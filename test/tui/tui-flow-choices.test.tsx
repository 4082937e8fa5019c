/**
 * The TUI with the real controller on the demo repository, for what the
 * views and the controller must agree on: the commit message as git has it,
 * a plan whose incoming trailers are taken or turned down one by one (only
 * the taken ones reach git), and an export forced past open items from the
 * Send screen (the state records it; nothing without the user asking).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, before, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { gitOut, hermeticProcess, scratch } from '../helpers/repo.js';
import { createDemo } from '../../src/demo/index.js';
import { createActions } from '../../components/controller/actions.js';
import { load } from '../../components/controller/session.js';
import type { ScreenId } from '../../components/ui-state.js';
import { KEY, mount } from '../helpers/tui-fixture.js';

hermeticProcess();

const scratchpad = scratch('pp-tui-choices-');
let root: string;

before(async () => {
  root = (await createDemo(join(scratchpad.dir(), 'linux'))).root;
});
afterEach(() => cleanup());

async function start(screen?: ScreenId, size: { width?: number; height?: number } = {}) {
  const opts = { repoDir: root };
  const loaded = await load(opts);
  return mount(loaded.data, createActions(opts, loaded), { screen, ...size });
}

function reply(from: string, id: string, trailer: string): string {
  return [
    `From ${from.replace(/.*<|>.*/g, '')} Mon Jan 12 10:00:00 2026`,
    `From: ${from}`,
    'To: Sam Submitter <sam@submitter.example>',
    'Subject: Re: [PATCH 2/3] vfio/pci: add Acme Zorb variant driver with live migration',
    'Date: Mon, 12 Jan 2026 10:00:00 +0000',
    `Message-ID: <${id}>`,
    '',
    'Looks good.',
    '',
    trailer,
    '',
  ].join('\n');
}

test('Series: the selected commit shows its whole message from git, trailers apart', async () => {
  const t = await start('series', { width: 120, height: 40 });
  await t.waitFrame('vfio/pci: add Acme Zorb variant driver with live migration');
  await t.keys('j');
  await t.waitFrame('that exposes this through the vfio migration uAPI (STOP_COPY and');
  const c = (await t.waitState('the second commit selected', (s) => s.cursor.series === 1 && s)).data.series.commits[1]!;
  assert.match(c.body!, /^Zorb virtual functions can be migrated/);
  assert.doesNotMatch(c.body!, /Signed-off-by|Co-developed-by/);
  assert.match(t.frame(), /Co-developed-by: Chen Colleague <chen@submitter\.example>/);
});

test('import: a trailer turned down in the plan is not added; the one taken is', async () => {
  const mbox = join(scratchpad.dir(), 'replies.mbox');
  writeFileSync(
    mbox,
    // An mbox: each message's From_ line after a blank line.
    reply('Rita Reviewer <rita@review.example>', 'r1@review.example', 'Reviewed-by: Rita Reviewer <rita@review.example>') +
      '\n' +
      reply('Tess Tester <tess@test.example>', 't1@test.example', 'Tested-by: Tess Tester <tess@test.example>'),
  );
  const before = gitOut(root, ['rev-parse', 'HEAD']).trim();
  const t = await start('trailers');
  await t.waitFrame('[ ] 1');
  await t.keys('i', mbox, KEY.enter);
  await t.waitFrame('2 of 2 taken');
  const plan = await t.waitState('the plan with both trailers', (s) => s.plan?.choices?.length === 2 && s.plan);
  const tested = plan.choices!.findIndex((c) => plan.lines[c.line]!.includes('Tested-by'));
  assert.ok(tested >= 0);
  await t.keys(...Array.from({ length: tested }, () => 'j'), ' ');
  await t.waitFrame('1 of 2 taken');
  await t.keys('y');
  await t.waitState('applied', (s) => s.data.canUndo && s.running.length === 0 && !s.plan);
  const msg = gitOut(root, ['log', '-1', '--format=%B', 'HEAD~1']);
  assert.match(msg, /^Reviewed-by: Rita Reviewer <rita@review\.example>$/m);
  assert.doesNotMatch(msg, /Tested-by/);
  await t.keys('u', 'y');
  await t.waitState('undone', (s) => !s.data.canUndo && s.running.length === 0);
  assert.equal(gitOut(root, ['rev-parse', 'HEAD']).trim(), before);
});

test('Send: what export would refuse is listed; once the cover letter is written, x exports forced past the open items', async () => {
  const t = await start('send', { height: 40 });
  const f = await t.waitFrame('Export would refuse');
  const send = (await t.waitState('the send data', (s) => s.data.send))!;
  assert.ok(send.refusals!.some((r) => !r.forceable) && send.refusals!.some((r) => r.forceable), 'a placeholder and open items');
  for (const r of send.refusals!) assert.ok(f.replace(/\s+/g, ' ').includes(r.text.slice(0, 30)), `shown: ${r.text}`);
  await t.keys('x');
  await t.waitFrame('export would refuse: the cover letter has no subject');
  assert.equal(t.state().edit, null);
  // Write the cover letter, as the refusal asks; the open items remain, and they can be forced.
  await t.keys('5', 't', 'Acme Zorb live migration', KEY.enter);
  await t.waitState('title saved', (s) => !s.edit && s.running.length === 0 && s.data.cover?.title === 'Acme Zorb live migration');
  await t.keys('b', 'Adds a vfio-pci variant driver for Zorb VFs.', KEY.ctrlS);
  await t.waitState('only forceable refusals left', (s) => !s.edit && s.running.length === 0 && s.data.send?.refusals?.every((r) => r.forceable));
  const dir = join(scratchpad.dir(), 'out-v1');
  await t.keys('6', 'x');
  await t.waitFrame('Export anyway (items listed above are open) to');
  await t.keys('\x15', dir, KEY.enter);
  await t.waitState('exported', (s) => !s.edit && s.running.length === 0 && Boolean(s.data.send?.exported.length));
  assert.ok(readdirSync(dir).some((f) => f.endsWith('.patch')));
  // Sent: the next version starts; t chooses to reply to v1's cover letter, and the export does.
  await t.keys('s', '<v1.cover@submitter.example>', KEY.enter);
  await t.waitState('v2', (s) => !s.edit && s.running.length === 0 && s.data.series.version === 2 && s.data.send?.threadToPrevious === false);
  await t.waitFrame('threading: a new thread whose cover letter links v1');
  await t.keys('t');
  await t.waitFrame("the next export (x) replies to v1's cover letter");
  const dir2 = join(scratchpad.dir(), 'out-v2');
  await t.keys('x', '\x15', dir2, KEY.enter);
  await t.waitState('v2 exported', (s) => !s.edit && s.running.length === 0 && Boolean(s.data.send?.exported.length) && s.data.send?.threadToPrevious === true);
  const cover = readdirSync(dir2).find((f) => f.includes('0000-cover-letter'))!;
  assert.match(readFileSync(join(dir2, cover), 'utf8'), /^In-Reply-To: <v1\.cover@submitter\.example>$/m);
});

test('device docs: A writes one answer for the three questions, and the item passes', async () => {
  const t = await start('checklist');
  await t.waitFrame('vfio.device-docs');
  const index = (await t.waitState('items', (s) => s.data.items)).findIndex((i) => i.id === 'vfio.device-docs');
  await t.keys(...Array.from({ length: index }, () => 'j'), KEY.enter);
  await t.waitState('walking device docs', (s) => s.walk?.itemId === 'vfio.device-docs');
  await t.waitState('the item takes one answer for all', (s) => s.data.items?.find((i) => i.id === 'vfio.device-docs')?.answersAll);
  await t.keys('A', 'The PF saves 4 KiB of VF registers; nothing else; length and version are checked.', KEY.ctrlS);
  await t.waitState(
    'passed, walk moved on',
    (s) => !s.edit && s.running.length === 0 && s.data.items?.find((i) => i.id === 'vfio.device-docs')?.status === 'pass',
  );
  await t.waitState('moved on', (s) => s.walk?.itemId !== 'vfio.device-docs');
});
