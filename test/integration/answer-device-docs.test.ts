/**
 * One answer covers the three migration-data questions of vfio.device-docs,
 * and no answer is recorded in vain without saying so.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, type TestRepo, hermeticProcess, scratch } from '../helpers/repo.js';
import { coverOf } from '../helpers/ops.js';
import { readSeries } from '../../src/ops/branch.js';
import { loadState } from '../../src/store/state.js';
import { evaluate } from '../../src/acceptance/evaluate.js';
import { SOB, WIRING, ACC_SECTION, acceptanceRepo, driverSource, withSection } from '../helpers/acceptance-tree.js';

hermeticProcess();
const pad = scratch('pp-answer-dd-');

function driverRepo(migration: boolean): TestRepo {
  const r = acceptanceRepo(pad);
  r.commit(`vfio/acc: add\n\n${SOB}\n`, { 'drivers/vfio/pci/acc/main.c': driverSource([], migration), ...WIRING });
  r.commit(`MAINTAINERS: acc\n\n${SOB}\n`, { MAINTAINERS: withSection(ACC_SECTION) });
  return r;
}

async function item(r: TestRepo, id: string) {
  const s = await readSeries({ repoDir: r.dir });
  return (await evaluate(s, loadState(s.repo.commonDir, s.branch!))).items.find((i) => i.id === id)!;
}

test('answer vfio.device-docs --text: one answer covers the three questions and goes into the cover letter', async () => {
  const r = driverRepo(true);
  assert.equal((await item(r, 'vfio.device-docs')).status, 'open');
  const res = runCli(['answer', 'vfio.device-docs', '--text', 'The state is the queue contexts; nothing else; a magic and a length check.'], { cwd: r.dir });
  assert.equal(res.code, 0, res.stderr);
  assert.equal(res.stderr, '');
  assert.equal((await item(r, 'vfio.device-docs')).status, 'pass');
  // The letter as cover prints it, read in this process (src/ops showCover).
  assert.match((await coverOf(r.dir)).letter, /The state is the queue contexts; nothing else; a magic and a length check\./);
});

test('a migration question answered for a driver without migration: recorded, and the command says it is not used', () => {
  const r = driverRepo(false);
  const res = runCli(['answer', 'vfio.device-docs.state', '--text', 'Queue contexts.'], { cwd: r.dir });
  assert.equal(res.code, 0, res.stderr);
  assert.match(res.stderr, /vfio\.device-docs\.state is recorded, but vfio\.device-docs does not ask it here.*patchpilot answer vfio\.device-docs --text/);
});
