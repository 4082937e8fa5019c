/**
 * The whole TUI on a loaded series: the demo repository, the real src/app
 * actions, keys typed into the App; asserts what reached the branch state
 * and git, not just what the screen says.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, before, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { gitOut, hermeticProcess, scratch } from '../helpers/repo.js';
import { createDemo } from '../../src/demo/index.js';
import { createActions } from '../../components/controller/actions.js';
import { load } from '../../components/controller/session.js';
import type { ScreenId } from '../../components/ui-state.js';
import { KEY, mount } from '../helpers/tui-fixture.js';

// src/ runs git in this process: give it the hermetic environment.
hermeticProcess();

const scratchpad = scratch('pp-tui-flow-');
let root: string;

before(async () => {
  root = (await createDemo(join(scratchpad.dir(), 'linux'))).root;
});
afterEach(() => cleanup());

const stateFile = () => JSON.parse(readFileSync(join(root, '.git', 'patchpilot', 'zorb-vfio.json'), 'utf8'));

async function start(screen?: ScreenId) {
  const opts = { repoDir: root };
  const loaded = await load(opts);
  return mount(loaded.data, createActions(opts, loaded), { screen });
}

test('walk-through: answers and a confirmation are saved as given, and the walk moves on', async () => {
  const t = await start('checklist');
  await t.waitFrame('vfio.parent-approval');
  await t.keys(KEY.enter);
  await t.waitState('walk started at the first open item', (s) => s.walk?.itemId === 'vfio.parent-approval');
  await t.waitFrame(/approval \(sign-off, ack or review\)|approval via/);
  await t.keys('n', 'n');
  await t.waitState('device docs', (s) => s.walk?.itemId === 'vfio.device-docs');
  await t.keys(KEY.enter, 'The PF saves 4 KiB of VF registers.', KEY.ctrlS);
  await t.waitState('next question', (s) => !s.edit && s.walk?.sub === 1);
  assert.equal(stateFile().answers['vfio.device-docs.state'].text, 'The PF saves 4 KiB of VF registers.');
  await t.keys(KEY.enter, 'Nothing beyond vfio-pci.', KEY.ctrlS);
  await t.waitState('third question', (s) => !s.edit && s.walk?.sub === 2);
  await t.keys(KEY.enter, 'Length and version are checked on resume.', KEY.ctrlS);
  await t.waitState('on to userspace data', (s) => !s.edit && s.walk?.itemId === 'vfio.userspace-data');
  assert.equal(t.state().data.items?.find((i) => i.id === 'vfio.device-docs')?.status, 'pass');
  await t.keys('c');
  await t.waitState(
    'confirmed, moved on',
    (s) => s.walk?.itemId !== 'vfio.userspace-data' && s.data.items?.find((i) => i.id === 'vfio.userspace-data')?.status === 'pass',
  );
  assert.equal(stateFile().answers['vfio.userspace-data'].confirmed, true);
});

test('trailers: add through the plan, then undo restores the tip exactly', async () => {
  const before = gitOut(root, ['rev-parse', 'HEAD']).trim();
  const t = await start('trailers');
  await t.waitFrame('[ ] 1');
  await t.keys('A', 'Acked-by: Pat Parent <pat.parent@acme.example>', KEY.enter);
  await t.waitFrame('+ Acked-by: Pat Parent <pat.parent@acme.example>');
  await t.keys('y');
  await t.waitState('rewritten', (s) => s.data.canUndo && s.running.length === 0);
  const msg = gitOut(root, ['log', '-1', '--format=%B', 'HEAD~2']);
  assert.match(msg, /^Acked-by: Pat Parent <pat.parent@acme.example>$/m);
  assert.equal(t.state().data.items?.find((i) => i.id === 'vfio.parent-approval')?.status, 'pass');
  await t.keys('u', 'y');
  await t.waitState('undone', (s) => !s.data.canUndo && s.running.length === 0);
  assert.equal(gitOut(root, ['rev-parse', 'HEAD']).trim(), before);
});

test('trailers: import a saved reply; the listed reviewer item passes once it is applied', async () => {
  const mbox = join(scratchpad.dir(), 'replies.mbox');
  writeFileSync(
    mbox,
    [
      'From rita@review.example Mon Jan 12 10:00:00 2026',
      'From: Rita Reviewer <rita@review.example>',
      'To: Sam Submitter <sam@submitter.example>',
      'Subject: Re: [PATCH 2/3] vfio/pci: add Acme Zorb variant driver with live migration',
      'Date: Mon, 12 Jan 2026 10:00:00 +0000',
      'Message-ID: <r1@review.example>',
      '',
      'Looks good to me.',
      '',
      'Reviewed-by: Rita Reviewer <rita@review.example>',
      '',
    ].join('\n'),
  );
  const t = await start('trailers');
  await t.waitFrame('[ ] 1');
  await t.keys('i', mbox, KEY.enter);
  await t.waitFrame('+ Reviewed-by: Rita Reviewer <rita@review.example>');
  await t.keys('y');
  await t.waitState('applied', (s) => s.data.canUndo && s.running.length === 0);
  assert.match(gitOut(root, ['log', '-1', '--format=%B', 'HEAD~1']), /^Reviewed-by: Rita Reviewer <rita@review.example>$/m);
  assert.equal(t.state().data.items?.find((i) => i.id === 'vfio.listed-reviewer')?.status, 'pass');
  await t.keys('u', 'y');
  await t.waitState('undone', (s) => !s.data.canUndo && s.running.length === 0);
});

test('cover letter: the title typed in the TUI is the subject export will use', async () => {
  const t = await start('cover');
  await t.waitFrame('── preview');
  await t.keys('t', 'Acme Zorb live migration', KEY.enter);
  await t.waitState('saved and reloaded', (s) => !s.edit && s.data.cover?.subject === '[PATCH 0/3] Acme Zorb live migration');
  assert.equal(stateFile().cover.title, 'Acme Zorb live migration');
  assert.match(t.frame(), /Subject: \[PATCH 0\/3\] Acme Zorb live migration/);
});

test('cover letter: subject prefixes set with p reach the subject', async () => {
  const t = await start('cover');
  await t.waitFrame('── preview');
  await t.keys('p', 'RFC net-next', KEY.enter);
  await t.waitState('prefixes saved', (s) => !s.edit && s.data.cover?.subject.startsWith('[RFC PATCH net-next 0/3]'));
  assert.deepEqual(stateFile().cover.prefixes, ['RFC', 'net-next']);
  await t.keys('p', '\x15', KEY.enter);
  await t.waitState('prefixes cleared', (s) => !s.edit && s.data.cover?.subject.startsWith('[PATCH 0/3]'));
});

test('parent approval: - removes a parent section by hand, + adds it back (with name completion)', async () => {
  const t = await start('checklist');
  await t.waitFrame('vfio.parent-approval');
  await t.keys(KEY.enter, '-');
  await t.waitState('remove box', (s) => s.edit?.target.kind === 'parent' && s.edit.buf.text === 'ACME ZORB ETHERNET DRIVER');
  await t.keys(KEY.enter);
  await t.waitState('no parent left', (s) => !s.edit && s.data.items?.find((i) => i.id === 'vfio.parent-approval')?.status === 'n/a');
  assert.deepEqual(stateFile().parents.removed, ['ACME ZORB ETHERNET DRIVER']);
  await t.keys('+', 'acme zorb eth', KEY.tab);
  await t.waitState('completed', (s) => s.edit?.buf.text === 'ACME ZORB ETHERNET DRIVER');
  await t.keys(KEY.enter);
  await t.waitState('parent again', (s) => !s.edit && s.data.items?.find((i) => i.id === 'vfio.parent-approval')?.status === 'open');
  await t.keys('+', 'NO SUCH SECTION', KEY.enter);
  await t.waitFrame('MAINTAINERS has no section named "NO SUCH SECTION"');
});

test('Ctrl+R reads the branch again after it changed outside the TUI', async () => {
  const t = await start('series');
  await t.waitFrame('MAINTAINERS: add entry');
  const msg = gitOut(root, ['log', '-1', '--format=%B']).trimEnd();
  gitOut(root, ['commit', '-q', '--amend', '-m', `${msg}\nTested-by: Tess Tester <tess@example.org>`]);
  await t.keys('\x12');
  await t.waitState('reloaded', (s) => s.data.series.commits.at(-1)?.trailers.some((x) => x.key === 'Tested-by'));
});
