/**
 * `r` (run checkpatch) says what happened: in a tree without
 * scripts/checkpatch.pl it was not run, and why; the op's message is what
 * the TUI shows, never a plain "finished" for a run that did not happen.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { createDemo } from '../../src/demo/index.js';
import { createActions } from '../../components/controller/actions.js';
import { loadSeries } from '../../components/controller/session.js';
import { hermeticProcess, scratch } from '../helpers/repo.js';

hermeticProcess();
const scratchpad = scratch('pp-tui-cpmsg-');
let root: string;

before(async () => {
  root = (await createDemo(join(scratchpad.dir(), 'linux'))).root;
});

const noProgress = () => {};

test('without scripts/checkpatch.pl: "checkpatch was not run" and the reason', async () => {
  const opts = { repoDir: root };
  const actions = createActions(opts, await loadSeries(opts));
  const r = await actions.perform({ kind: 'checkpatch' }, noProgress);
  assert.equal(r.message, 'checkpatch was not run: scripts/checkpatch.pl is not in this tree');
});

test('with one: it finished, with its counts; asked again for the same commits, the known results', async () => {
  mkdirSync(join(root, 'scripts'), { recursive: true });
  // A checkpatch that finds one warning in every patch.
  writeFileSync(
    join(root, 'scripts', 'checkpatch.pl'),
    '#!/usr/bin/perl\nwhile (<STDIN>) {}\nprint "WARNING:TEST: a test warning\\n#1: FILE: x.c:1:\\n\\n";\nexit 1;\n',
  );
  chmodSync(join(root, 'scripts', 'checkpatch.pl'), 0o755);
  const opts = { repoDir: root };
  const actions = createActions(opts, await loadSeries(opts));
  const r = await actions.perform({ kind: 'checkpatch' }, noProgress);
  assert.equal(r.message, 'checkpatch finished: 0 errors, 3 warnings');
  const again = await createActions(opts, await loadSeries(opts)).perform({ kind: 'checkpatch' }, noProgress);
  assert.equal(again.message, 'checkpatch already ran on these commits: 0 errors, 3 warnings');
});
