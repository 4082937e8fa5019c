/**
 * Where the TUI writes a file the user named (the Send screen's w): an
 * existing file is replaced only after a yes, and a FIFO or a symbolic link
 * is refused with a message, never turned into a regular file.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { lstatSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, before, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { hermeticProcess, scratch } from '../helpers/repo.js';
import { createDemo } from '../../src/demo/index.js';
import { createActions } from '../../components/controller/actions.js';
import { load } from '../../components/controller/session.js';
import { KEY, mount } from '../helpers/tui-fixture.js';

hermeticProcess();
const scratchpad = scratch('pp-tui-output-');
let root: string;

before(async () => {
  root = (await createDemo(join(scratchpad.dir(), 'linux'))).root;
  const opts = { repoDir: root };
  const actions = createActions(opts, await load(opts));
  const none = () => {};
  await actions.perform({ kind: 'cover', field: 'title', text: 'Acme Zorb live migration' }, none);
  await actions.perform({ kind: 'cover', field: 'body', text: 'This adds the Acme Zorb variant driver.' }, none);
  await actions.perform({ kind: 'export', dir: join(root, 'outgoing', 'v1'), force: true }, none);
});
afterEach(() => cleanup());

async function sendScreen() {
  const opts = { repoDir: root };
  const loaded = await load(opts);
  const t = mount(loaded.data, createActions(opts, loaded), { screen: 'send', width: 120, height: 30 });
  await t.waitFrame('Command');
  return t;
}

/** w, then the name typed over the one offered, then Enter. */
async function writeTo(t: Awaited<ReturnType<typeof sendScreen>>, path: string) {
  await t.keys('w');
  await t.waitState('the name box', (s) => s.edit?.target.kind === 'write-command');
  await t.keys('\x15', path, KEY.enter);
}

test('an existing file is overwritten only after yes; no goes back to the name', async () => {
  const path = join(root, 'outgoing', 'mine.sh');
  writeFileSync(path, 'my own script\n');
  const t = await sendScreen();
  await writeTo(t, path);
  await t.waitState('asked before overwriting', (s) => s.confirm?.prompt.includes('overwrite'));
  await t.waitFrame('exists: overwrite it?');
  assert.equal(readFileSync(path, 'utf8'), 'my own script\n', 'overwritten before the answer');
  await t.keys('n');
  await t.waitState('back in the box', (s) => !s.confirm && s.edit?.target.kind === 'write-command' && !s.edit.pending);
  assert.equal(readFileSync(path, 'utf8'), 'my own script\n');
  await t.keys(KEY.enter);
  await t.waitState('asked again', (s) => Boolean(s.confirm));
  await t.keys('y');
  await t.waitState('written', (s) => !s.edit && /wrote/.test(s.message?.text ?? ''));
  assert.match(readFileSync(path, 'utf8'), /^git send-email /m);
  t.unmount();
});

test('a new file is written without a question', async () => {
  const path = join(root, 'outgoing', 'fresh.sh');
  const t = await sendScreen();
  await writeTo(t, path);
  await t.waitState('written', (s) => !s.edit && /wrote/.test(s.message?.text ?? ''));
  assert.match(readFileSync(path, 'utf8'), /^git send-email /m);
  t.unmount();
});

test('a FIFO and a symbolic link are refused with a message and left as they are', async () => {
  const fifo = join(root, 'outgoing', 'pipe');
  execFileSync('mkfifo', [fifo]);
  const target = join(root, 'outgoing', 'target.txt');
  writeFileSync(target, 'kept\n');
  const link = join(root, 'outgoing', 'link.sh');
  symlinkSync(target, link);
  for (const [path, why] of [
    [fifo, /FIFO/],
    [link, /symbolic link/],
  ] as const) {
    const t = await sendScreen();
    await writeTo(t, path);
    const e = await t.waitState(`refused ${path}`, (s) => s.edit?.error);
    assert.match(e, why);
    assert.equal(t.state().confirm, null, 'asked about overwriting what is refused');
    t.unmount();
  }
  assert.ok(lstatSync(fifo).isFIFO(), 'the FIFO was replaced');
  assert.ok(lstatSync(link).isSymbolicLink(), 'the symbolic link was replaced');
  assert.equal(readFileSync(target, 'utf8'), 'kept\n');
});
