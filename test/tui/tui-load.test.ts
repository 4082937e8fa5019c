/**
 * Loading the TUI only reads: opening it (the three stages of the first
 * frames) and reloading leave the branch state file byte for byte as it
 * was, even with an export whose send command the Send screen shows. Only
 * asking for the command records the export as the one printed.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { before, test } from 'node:test';
import { createDemo } from '../../src/demo/index.js';
import { createActions } from '../../components/controller/actions.js';
import { loadSeries } from '../../components/controller/session.js';
import type { Effect } from '../../components/effects.js';
import { hermeticProcess, runCli, scratch } from '../helpers/repo.js';

hermeticProcess();
const scratchpad = scratch('pp-tui-load-');
let root: string;
let stateFile: string;

before(async () => {
  root = (await createDemo(join(scratchpad.dir(), 'linux'))).root;
  stateFile = join(root, '.git', 'patchpilot', 'zorb-vfio.json');
  // A state with an export in it: what the Send screen shows a command for.
  for (const args of [
    ['cover', '--title', 'Acme Zorb live migration', '--body', 'This adds the Acme Zorb variant driver.'],
    ['export', '-o', join(root, 'outgoing', 'v1'), '--force'],
  ]) {
    const r = runCli(args, { cwd: root });
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  }
});

const noProgress = () => {};

test('the first frame needs the series alone; each stage adds its part; nothing is written', async () => {
  const before = readFileSync(stateFile);
  const opts = { repoDir: root };
  const first = await loadSeries(opts);
  assert.equal(first.data.series.commits.length, 3);
  assert.equal(first.data.items, undefined, 'the checklist is still being decided');
  assert.equal(first.data.recipients, undefined);
  const actions = createActions(opts, first);
  const report = await actions.perform({ kind: 'refresh', stage: 'report' }, noProgress);
  assert.ok(report.data?.items?.some((i) => i.id === 'vfio.parent-approval'));
  assert.equal(report.data?.recipients, undefined);
  const extras = await actions.perform({ kind: 'refresh', stage: 'extras' }, noProgress);
  assert.ok(extras.data?.recipients?.list.length);
  assert.match(extras.data?.cover?.subject ?? '', /Acme Zorb live migration/);
  assert.match(extras.data?.send?.command ?? '', /git send-email/, 'the Send screen shows the command of the export');
  for (const e of [{ kind: 'reload' }, { kind: 'refresh' }] as Effect[]) await actions.perform(e, noProgress);
  assert.ok(readFileSync(stateFile).equals(before), 'opening and reloading the TUI changed the state file');
  assert.equal(JSON.parse(before.toString()).sendCmd, undefined);
});

test('asking for the command (the Send screen action) records the export as printed', async () => {
  const opts = { repoDir: root };
  const actions = createActions(opts, await loadSeries(opts));
  await actions.perform({ kind: 'write-command', path: 'outgoing/send-v1.sh' }, noProgress);
  const state = JSON.parse(readFileSync(stateFile, 'utf8'));
  // Kept relative to the work tree in the file (or absolute in older records).
  assert.equal(resolve(root, state.sendCmd?.dir ?? ''), join(root, 'outgoing', 'v1'));
  assert.match(readFileSync(join(root, 'outgoing', 'send-v1.sh'), 'utf8'), /^git send-email .*--to=/m);
});
