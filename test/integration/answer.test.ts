import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type TestRepo, hermeticProcess, scratch } from '../helpers/repo.js';
import { answerItem } from '../helpers/ops.js';
import { UsageError } from '../../src/errors.js';
import type { AnswerRequest } from '../../src/ops/answer.js';
import { readSeries } from '../../src/ops/branch.js';
import { loadState } from '../../src/store/state.js';
import { evaluate } from '../../src/acceptance/evaluate.js';
import { SOB, WIRING, ACC_SECTION, acceptanceRepo, driverSource, withSection } from '../helpers/acceptance-tree.js';

// src/ runs git in this process: give it the hermetic environment.
hermeticProcess();

const scratchpad = scratch('pp-answer-');

function driverRepo(): TestRepo {
  const r = acceptanceRepo(scratchpad);
  r.commit(`vfio/acc: add\n\n${SOB}\n`, { 'drivers/vfio/pci/acc/main.c': driverSource([]), ...WIRING });
  r.commit(`MAINTAINERS: acc\n\n${SOB}\n`, { MAINTAINERS: withSection(ACC_SECTION) });
  return r;
}

/** The item as evaluated in this process (the CLI's own output is covered in check.test.ts). */
async function status(r: TestRepo, id: string): Promise<{ status: string; answer?: unknown }> {
  const s = await readSeries({ repoDir: r.dir });
  const report = await evaluate(s, loadState(s.repo.commonDir, s.branch!));
  return report.items.find((i) => i.id === id)!;
}

test('the three device-docs questions by --text, --file and stdin; the item passes when all are answered', async () => {
  const r = driverRepo();
  assert.equal((await status(r, 'vfio.device-docs')).status, 'open');
  let res = runCli(['answer', 'vfio.device-docs.state', '--text', 'Queue contexts, saved by the PF.'], { cwd: r.dir });
  assert.equal(res.code, 0, res.stderr);
  assert.equal(res.stdout, 'vfio.device-docs.state: answer recorded\n');
  const f = join(r.dir, '.git', 'answer.txt');
  writeFileSync(f, 'Nothing beyond vfio-pci.\n');
  assert.equal(runCli(['answer', 'vfio.device-docs.exclusive', '--file', f], { cwd: r.dir }).code, 0);
  assert.equal((await status(r, 'vfio.device-docs')).status, 'open');
  res = runCli(['answer', 'vfio.device-docs.safeguards', '--file', '-', '--json'], { cwd: r.dir, input: 'A magic number and a length check.\n' });
  assert.equal(res.code, 0, res.stderr);
  assert.equal(JSON.parse(res.stdout).answer.text, 'A magic number and a length check.');
  const dd = (await status(r, 'vfio.device-docs')) as { status: string; answer: Record<string, { text: string }> };
  assert.equal(dd.status, 'pass');
  assert.equal(dd.answer['vfio.device-docs.exclusive']!.text, 'Nothing beyond vfio-pci.');
});

test('--confirm with --note, and --clear; answers survive a reworded commit', async () => {
  const r = driverRepo();
  assert.equal((await status(r, 'vfio.userspace-data')).status, 'open');
  const res = runCli(['answer', 'vfio.userspace-data', '--confirm', '--note', 'lengths bounded by the buffer'], { cwd: r.dir });
  assert.equal(res.code, 0, res.stderr);
  r.git(['commit', '-q', '--amend', '-m', `MAINTAINERS: add the acc driver\n\n${SOB}`]);
  const ud = (await status(r, 'vfio.userspace-data')) as { status: string; answer: { confirmed: boolean; note: string } };
  assert.equal(ud.status, 'pass');
  assert.deepEqual([ud.answer.confirmed, ud.answer.note], [true, 'lengths bounded by the buffer']);
  assert.equal(res.stderr, '');
  assert.equal(runCli(['answer', 'vfio.userspace-data', '--clear'], { cwd: r.dir }).code, 0);
  assert.equal((await status(r, 'vfio.userspace-data')).status, 'open');
  // Without a note the item passes, but the cover letter gets nothing: say so.
  const bare = runCli(['answer', 'vfio.userspace-data', '--confirm'], { cwd: r.dir });
  assert.equal(bare.code, 0, bare.stderr);
  assert.equal(bare.stdout, 'vfio.userspace-data: confirmed\n');
  assert.match(
    bare.stderr,
    /^vfio\.userspace-data: confirmed without a note, so the cover letter says nothing about it; a note is what goes into the cover letter: patchpilot answer vfio\.userspace-data --confirm --note "\.\.\."\n$/,
  );
  assert.equal((await status(r, 'vfio.userspace-data')).status, 'pass');
});

test('kernel.profile-docs --confirm records the documents it covers', async () => {
  const r = acceptanceRepo(scratchpad);
  r.commit(`bar: x\n\n${SOB}\n`, { 'drivers/misc/bar/x.c': 'int x;\n' });
  let res = runCli(['answer', 'kernel.profile-docs', '--confirm'], { cwd: r.dir });
  assert.equal(res.code, 2);
  assert.match(res.stderr, /nothing to confirm/);
  r.commit(`foo: y\n\n${SOB}\n`, { 'drivers/net/foo/y.c': 'int y;\n' });
  res = runCli(['answer', 'kernel.profile-docs', '--confirm', '--json'], { cwd: r.dir });
  assert.equal(res.code, 0, res.stderr);
  assert.deepEqual(JSON.parse(res.stdout).answer.covers, ['Documentation/process/maintainer-foo.rst']);
  assert.equal((await status(r, 'kernel.profile-docs')).status, 'pass');
});

test('parents by hand: --add-parent and --remove-parent take MAINTAINERS section names', async () => {
  const r = driverRepo();
  assert.equal((await status(r, 'vfio.parent-approval')).status, 'n/a');
  let res = runCli(['answer', 'vfio.parent-approval', '--add-parent', 'FOO PF DRIVER'], { cwd: r.dir });
  assert.equal(res.code, 0, res.stderr);
  assert.equal(res.stdout, 'FOO PF DRIVER is now a parent driver\n');
  assert.equal((await status(r, 'vfio.parent-approval')).status, 'open');
  res = runCli(['answer', 'vfio.parent-approval', '--remove-parent', 'FOO PF DRIVER'], { cwd: r.dir });
  assert.equal(res.code, 0);
  assert.equal((await status(r, 'vfio.parent-approval')).status, 'n/a');
  res = runCli(['answer', 'vfio.parent-approval', '--add-parent', 'NO SUCH SECTION'], { cwd: r.dir });
  assert.equal(res.code, 2);
  assert.match(res.stderr, /no section named "NO SUCH SECTION"/);
});

test('unknown items, decided items and wrong kinds of answer are one-line usage errors', async () => {
  const r = driverRepo();
  // The option parsing and --file run the CLI, and so does one refusal of the answer operation; the operation's
  // other refusals are the same UsageError path and are checked on it in this process (what answer calls).
  const cases: [string[], RegExp][] = [
    [['answer', 'vfio.nope', '--confirm'], /unknown item 'vfio\.nope'; answerable items: .*vfio\.userspace-data/],
    [['answer', 'vfio.device-docs.state', '--text', 'a', '--clear'], /exactly one of/],
    [['answer', 'vfio.device-docs.state', '--file', '/no/such/file'], /cannot read \/no\/such\/file: no such file/],
    [['answer'], /name one item/],
  ];
  for (const [args, re] of cases) {
    const res = runCli(args, { cwd: r.dir });
    assert.equal(res.code, 2, args.join(' '));
    assert.match(res.stderr, re);
    assert.equal(res.stderr.trim().split('\n').length, 1);
  }
  const refused: [string, AnswerRequest, RegExp][] = [
    ['vfio.listed-reviewer', { kind: 'confirm' }, /is decided from the repository/],
    ['vfio.userspace-data', { kind: 'text', text: 'x' }, /use --confirm/],
    ['vfio.device-docs.state', { kind: 'confirm' }, /answer it with --text or --file/],
    ['vfio.device-docs.state', { kind: 'text', text: '  ' }, /is empty/],
  ];
  for (const [id, req, re] of refused) {
    await assert.rejects(answerItem(r.dir, id, req), (e: Error) => e instanceof UsageError && re.test(e.message) && !e.message.includes('\n'), id);
  }
  assert.equal((await status(r, 'vfio.userspace-data')).answer, undefined);
});
