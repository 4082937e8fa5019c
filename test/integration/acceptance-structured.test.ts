/**
 * Acceptance results carry their structure, so no face reads it back out of
 * text: what to do in words and command apart (the one-line form unchanged
 * for `check`), the parent sections, ready-made trailers, the screen that
 * fixes an item; and the TUI's checklist built from them shows no command
 * line and knows no item by its id.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checklistView, commitProblems } from '../../components/controller/checklist.js';
import { evaluate, reportJson } from '../../src/acceptance/evaluate.js';
import { todoLine } from '../../src/acceptance/types.js';
import { DEVICE_DOC_QUESTIONS } from '../../src/acceptance/cover-section.js';
import { readSeries } from '../../src/ops/branch.js';
import { loadState } from '../../src/store/state.js';
import { hermeticProcess, scratch } from '../helpers/repo.js';
import { ACC_SECTION, SOB, WIRING, acceptanceRepo, driverSource, withSection } from '../helpers/acceptance-tree.js';

hermeticProcess();

const scratchpad = scratch();

/** A new variant driver that includes the PF driver's header; its MAINTAINERS commit lacks the author's sign-off. */
async function report() {
  const r = acceptanceRepo(scratchpad);
  r.commit(`vfio/acc: add the acc variant driver\n\nBody.\n\n${SOB}\n`, {
    'drivers/vfio/pci/acc/main.c': driverSource(['<linux/foo/pf.h>'], true),
    ...WIRING,
  });
  r.commit('MAINTAINERS: add acc\n', { MAINTAINERS: withSection(ACC_SECTION) });
  const s = await readSeries({ repoDir: r.dir });
  return { rep: await evaluate(s, loadState(s.repo.commonDir, s.branch!)), root: r.dir, tip: r.git(['rev-parse', 'HEAD']).trim() };
}

test('what to do: words and command apart, the one-line form for check unchanged; parents, fixes and fix screens as fields', async () => {
  const { rep, tip } = await report();
  const item = (id: string) => rep.items.find((i) => i.id === id)!;
  for (const i of rep.items) {
    assert.deepEqual(i.missing, i.todo.map(todoLine), `${i.id}: missing is the todo as lines`);
    for (const t of i.todo) assert.doesNotMatch(t.text, /patchpilot /, `${i.id}: the words hold no command: ${t.text}`);
  }
  const dd = item('vfio.device-docs');
  assert.equal(dd.status, 'open');
  assert.ok(dd.todo.some((t) => t.cli?.startsWith('patchpilot answer vfio.device-docs.state')));
  assert.deepEqual(item('vfio.parent-approval').parents, ['FOO PF DRIVER', 'FOO RDMA DRIVER']);
  assert.equal(item('vfio.parent-approval').fix?.screen, 'trailers');
  assert.equal(item('vfio.listed-reviewer').fix?.trailer, 'Reviewed-by');
  assert.equal(item('vfio.vfio-maintainer').fix?.screen, 'recipients');
  const so = item('kernel.signoff');
  assert.equal(so.status, 'fail');
  assert.deepEqual(so.fixes, [{ trailer: 'Signed-off-by: Test Author <author@test.example>', commits: [tip] }]);
  assert.ok(item('vfio.build-wiring').files.includes('drivers/vfio/pci/Kconfig'));
});

test('check --json keeps every field it had and adds the structured ones', async () => {
  const { rep } = await report();
  const json = reportJson(rep);
  for (const i of json.items) {
    for (const k of ['id', 'profile', 'title', 'status', 'summary', 'evidence', 'question', 'missing', 'ask']) assert.ok(k in i, `${i.id} keeps ${k}`);
    assert.ok(Array.isArray(i.todo) && Array.isArray(i.files));
  }
  const pa = json.items.find((i) => i.id === 'vfio.parent-approval')!;
  assert.deepEqual(pa.parents, ['FOO PF DRIVER', 'FOO RDMA DRIVER']);
  assert.equal(pa.fixScreen, 'trailers');
  // No function or RegExp (the item's document rule) leaks into the JSON.
  assert.doesNotMatch(JSON.stringify(json), /"doc":\{"match"/);
});

test("the TUI's checklist: todo in words only, the fields the walk-through acts on, whole-commit problems from any failing item", async () => {
  const { rep, root, tip } = await report();
  const { items } = checklistView(rep, root);
  const view = (id: string) => items.find((i) => i.id === id)!;
  for (const i of items) for (const t of i.todo ?? []) assert.doesNotMatch(t, /patchpilot|`/, `${i.id}: ${t}`);
  assert.deepEqual(
    view('vfio.device-docs').todo?.slice(0, 3),
    DEVICE_DOC_QUESTIONS.map((q) => q.title),
  );
  assert.ok(view('vfio.device-docs').answersAll);
  assert.deepEqual(view('vfio.parent-approval').parents, ['FOO PF DRIVER', 'FOO RDMA DRIVER']);
  assert.equal(view('vfio.parent-approval').fixTrailer, 'Acked-by');
  assert.equal(view('vfio.listed-reviewer').fixTrailer, 'Reviewed-by');
  assert.deepEqual(view('kernel.signoff').fixes, [{ commits: [tip], trailer: 'Signed-off-by: Test Author <author@test.example>' }]);
  assert.equal(view('kernel.signoff').fix, 'trailers');
  assert.equal(view('vfio.userspace-data').parents, undefined, 'only the item about parent drivers carries them');
  const problems = commitProblems(rep);
  assert.deepEqual([...problems.keys()], [tip]);
  assert.match(problems.get(tip)![0]!, /no Signed-off-by from its author/);
});
