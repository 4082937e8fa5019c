/**
 * Dropping a recipient: an address written before .mailmap, or someone an
 * acceptance item keeps on the list, is among the recipients, and `cc --drop`
 * must not say otherwise. The .mailmap evidence names the canonical address.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, hermeticProcess, scratch, type TestRepo } from '../helpers/repo.js';
import { readSeries } from '../../src/ops/branch.js';
import { loadState } from '../../src/store/state.js';
import { evaluate } from '../../src/acceptance/evaluate.js';
import { SOB, WIRING, ACC_SECTION, RIA_NEW, acceptanceRepo, driverSource, withSection } from '../helpers/acceptance-tree.js';

hermeticProcess();
const pad = scratch('pp-cc-drop-');

function driverRepo(trailer = ''): TestRepo {
  const r = acceptanceRepo(pad);
  r.commit(`vfio/acc: add\n\n${SOB}\n`, { 'drivers/vfio/pci/acc/main.c': driverSource([]), ...WIRING });
  r.commit(`MAINTAINERS: acc\n\n${trailer}${SOB}\n`, { MAINTAINERS: withSection(ACC_SECTION) });
  return r;
}

test('cc --drop of a reviewer an open item needs, under the address MAINTAINERS lists (before .mailmap): no "not among the recipients"', () => {
  const r = driverRepo();
  for (const addr of ['ria@old.example', 'ria@new.example']) {
    const res = runCli(['cc', '--drop', addr], { cwd: r.dir });
    assert.equal(res.code, 0, res.stderr);
    assert.doesNotMatch(res.stderr, /not among the recipients/, addr);
    assert.match(res.stdout, /kept: dropped by you, but acceptance item/);
  }
});

test('the .mailmap evidence names the canonical address as canonical', async () => {
  const r = driverRepo(`Reviewed-by: ${RIA_NEW}\n`);
  const s = await readSeries({ repoDir: r.dir });
  const item = (await evaluate(s, loadState(s.repo.commonDir, s.branch!))).items.find((i) => i.id === 'vfio.listed-reviewer')!;
  assert.equal(item.status, 'pass');
  const text = item.evidence.map((e) => e.text).join('\n');
  assert.match(text, /\.mailmap: ria@old\.example \(in MAINTAINERS\) is ria@new\.example/);
  assert.doesNotMatch(text, /ria@new\.example is ria@old\.example/);
});
