/**
 * While another process holds the branch's state lock, the TUI stays
 * responsive: it draws who it waits for, keys typed meanwhile do not land in
 * the box being saved, and the save goes through once the lock is free.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, before, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { hermeticProcess, scratch } from '../helpers/repo.js';
import { createDemo } from '../../src/demo/index.js';
import { acquireLock } from '../../src/history/lock.js';
import { statePath } from '../../src/store/state.js';
import { createActions } from '../../components/controller/actions.js';
import { load } from '../../components/controller/session.js';
import { KEY, mount } from '../helpers/tui-fixture.js';

hermeticProcess();
const scratchpad = scratch('pp-tui-lock-');
let root: string;

before(async () => {
  root = (await createDemo(join(scratchpad.dir(), 'linux'))).root;
});
afterEach(() => cleanup());

test('a save waits for the state lock without freezing the screen; keys typed meanwhile stay out of the box', async () => {
  const opts = { repoDir: root };
  const loaded = await load(opts);
  const t = mount(loaded.data, createActions(opts, loaded), { screen: 'recipients', width: 120, height: 30 });
  await t.waitFrame('Pat Parent');
  const file = statePath(join(root, '.git'), 'zorb-vfio');
  // Held by a live process (this one, as another patchpilot would hold it).
  const release = acquireLock(`${file}.lock`, { waitMs: 0, busy: () => 'busy' });
  try {
    await t.keys('a', 'Noor New <noor@example.org>', KEY.enter);
    await t.waitState('the box waits for the save', (s) => s.edit?.pending);
    // Drawn while waiting: the event loop is not blocked by the lock wait.
    await t.waitFrame('waiting for patchpilot pid');
    await t.keys('1', 'x', KEY.backspace);
    const s = t.state();
    assert.equal(s.edit?.buf.text, 'Noor New <noor@example.org>', 'keys typed during the save reached the box');
    assert.equal(s.screen, 'recipients');
  } finally {
    release();
  }
  await t.waitState('saved once the lock is free', (s) => !s.edit && /added/.test(s.message?.text ?? ''));
  assert.equal(t.state().screen, 'recipients');
  assert.match(readFileSync(file, 'utf8'), /noor@example\.org/);
  t.unmount();
});
