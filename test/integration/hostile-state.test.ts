/**
 * Hostile and concurrent use of the branch state: two commands writing at
 * once lose nothing, a damaged or hostile state file is one clear line (never
 * an internal error, never silently overwritten), a read-only state
 * directory is refused clearly, and temporary files of killed writers go.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CLI, type TestRepo, hermeticProcess, scratch } from '../helpers/repo.js';
import { SOB, WIRING, ACC_SECTION, acceptanceRepo, driverSource, withSection } from '../helpers/acceptance-tree.js';
import { loadState, statePath } from '../../src/store/state.js';
import { answer } from '../../src/ops/answer.js';
import { openRepo } from '../../src/git/repo.js';
import { UsageError } from '../../src/errors.js';
import { assertRefusal, OTHER_USER, runCliAsync, TRUST_ALL } from '../helpers/hostile.js';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';

// src/ runs git in this process: give it the hermetic environment.
hermeticProcess();

const scratchpad = scratch('pp-hstate-');
// loadState runs in this process.
hermeticProcess();
const pad = scratch('pp-hstate-');
let r: TestRepo;
let common: string;
let file: string;
before(() => {
  r = acceptanceRepo(scratchpad);
  r.commit(`vfio/acc: add\n\n${SOB}\n`, { 'drivers/vfio/pci/acc/main.c': driverSource([]), ...WIRING });
  r.commit(`MAINTAINERS: acc\n\n${SOB}\n`, { MAINTAINERS: withSection(ACC_SECTION) });
  common = join(r.dir, '.git');
  file = statePath(common, 'topic');
});

// Each pair races two writers on one lock; PP_STATE_PAIRS=100 for a longer hunt.
const PAIRS = Number(process.env.PP_STATE_PAIRS ?? 10);

describe('concurrent state updates', () => {
  it(`lose no answer in ${PAIRS} pairs of answer commands run at once`, async () => {
    const lost: string[] = [];
    for (let i = 0; i < PAIRS; i++) {
      const [a, b] = await Promise.all([
        runCliAsync(['answer', 'vfio.device-docs.state', '--text', `state ${i}`], { cwd: r.dir }),
        runCliAsync(['answer', 'vfio.device-docs.exclusive', '--text', `exclusive ${i}`], { cwd: r.dir }),
      ]);
      assert.equal(a.code, 0, a.stderr);
      assert.equal(b.code, 0, b.stderr);
      const s = loadState(common, 'topic');
      if (s.answers['vfio.device-docs.state']?.text !== `state ${i}`) lost.push(`pair ${i}: state`);
      if (s.answers['vfio.device-docs.exclusive']?.text !== `exclusive ${i}`) lost.push(`pair ${i}: exclusive`);
    }
    assert.deepEqual(lost, []);
    assert.deepEqual(
      readdirSync(join(common, 'patchpilot')).filter((f) => /\.tmp|\.lock/.test(f)),
      [],
    );
  });
});

describe('a damaged state file', () => {
  const cases: [string, string, RegExp][] = [
    ['null', 'null', /expected an object, found null/],
    ['an array', '[]', /found an array/],
    ['a number', '42', /found number/],
    ['dropped: 5', JSON.stringify({ schema: 1, recipients: { dropped: 5 } }), /recipients\.dropped/],
    ['a string version', JSON.stringify({ schema: 1, version: 'two' }), /version/],
    ['a huge version', JSON.stringify({ schema: 1, version: 1e12 }), /version/],
    ['answers as a list', JSON.stringify({ schema: 1, answers: [1, 2] }), /answers/],
    // valibot's record and object schemas take an array: the next answer was then set on the array and lost.
    ['answers: []', JSON.stringify({ schema: 1, answers: [] }), /answers: Expected Object but received an array/],
    ['recipients: []', JSON.stringify({ schema: 1, recipients: [] }), /recipients: Expected Object but received an array/],
    ['cover: []', JSON.stringify({ schema: 1, cover: [] }), /cover: Expected Object but received an array/],
    ['cover.changes: []', JSON.stringify({ schema: 1, cover: { changes: [] } }), /cover\.changes: Expected Object but received an array/],
    ['parents: []', JSON.stringify({ schema: 1, parents: [] }), /parents: Expected Object but received an array/],
    [
      'an answer that is a list',
      JSON.stringify({ schema: 1, answers: { 'vfio.device-docs.state': [] } }),
      /answers\.vfio\.device-docs\.state: Expected Object/,
    ],
    ['exported: []', JSON.stringify({ schema: 1, exported: [] }), /exported: Expected Object/],
    ['sent: {}', JSON.stringify({ schema: 1, sent: {} }), /sent: Expected Array/],
    ['a title with CRLF', JSON.stringify({ schema: 1, cover: { title: 'x\r\nBcc: evil@x.org' } }), /cover\.title: holds a control character/],
    [
      'an added address with a newline',
      JSON.stringify({ schema: 1, recipients: { added: [{ address: 'a\n<a@b.c>', name: 'a', email: 'a@b.c', field: 'cc' }] } }),
      /recipients\.added/,
    ],
  ];
  // Every damage through the operation that writes answers, in this process; the first two also through the CLI's
  // three writers (answer, cover, cc --add): they share the reading, and show the refusal is one line and exit 2.
  const writers = [['answer', 'vfio.device-docs.state', '--text', 'x'], ['cover'], ['cc', '--add', 'New One <new@x.org>']];
  const refusal = new RegExp(`state file .*topic\\.json.* is damaged \\(.*\\); move it away`);
  for (const [i, [what, content, pattern]] of cases.entries()) {
    it(`(${what}) is one clear line naming the file, and is left as it was`, async () => {
      writeFileSync(file, content);
      if (i === 0 || what === 'answers: []') {
        for (const args of writers) {
          const res = await runCliAsync(args, { cwd: r.dir });
          assertRefusal(res, refusal, `${what}, ${args[0]}`);
          assert.match(res.stderr, pattern, what);
          assert.equal(readFileSync(file, 'utf8'), content, `${what}: the file was changed by ${args[0]}`);
        }
      }
      await assert.rejects(
        answer(await openRepo(r.dir), 'vfio.device-docs.state', { kind: 'text', text: 'x' }),
        (e: Error) => e instanceof UsageError && refusal.test(e.message) && pattern.test(e.message),
        what,
      );
      assert.equal(readFileSync(file, 'utf8'), content, `${what}: the file was changed by answer`);
    });
  }
  it('a value the next read would refuse is never written: an answer holding ESC is refused, the state stays readable', async () => {
    writeFileSync(file, JSON.stringify({ schema: 1 }));
    const res = await runCliAsync(['answer', 'vfio.device-docs.state', '--text', 'evil \u001b[2J text'], { cwd: r.dir });
    assertRefusal(res, /^patchpilot: the answer to vfio\.device-docs\.state holds a control character \(ESC\); nothing was saved$/m, 'ESC answer');
    assert.equal(readFileSync(file, 'utf8'), JSON.stringify({ schema: 1 }));
    assert.equal((await runCliAsync(['cover'], { cwd: r.dir })).code, 0);
  });

  it('unknown fields written by newer code are kept through an update', async () => {
    writeFileSync(file, JSON.stringify({ schema: 1, futureField: { keep: true } }));
    const res = await runCliAsync(['answer', 'vfio.device-docs.state', '--text', 'kept'], { cwd: r.dir });
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')).futureField, { keep: true });
  });
});

describe('the state directory', () => {
  it('read-only: answer, cover and cc --add are refused in one line, not an internal error', async () => {
    const dir = join(common, 'patchpilot');
    mkdirSync(dir, { recursive: true });
    // Root ignores permissions: then the commands run as another user, for whom the root-owned directory is read-only.
    // The other user may not reach this checkout's dist/ (a clone in a 0700 temporary directory): it runs a copy.
    const cli = join(common, 'pp-cli', 'patchpilot.js');
    if (OTHER_USER !== undefined) {
      cpSync(dirname(CLI), dirname(cli), { recursive: true });
      spawnSync('chmod', ['-R', 'a+rX', r.dir]);
    }
    chmodSync(dir, 0o555);
    const as = OTHER_USER !== undefined ? { uid: OTHER_USER, cli, env: { ...TRUST_ALL, HOME: tmpdir() } } : {};
    try {
      for (const args of [
        ['answer', 'vfio.device-docs.state', '--text', 'x'],
        ['cover', '--title', 'A title'],
        ['cc', '--add', 'New One <new@x.org>'],
      ]) {
        assertRefusal(await runCliAsync(args, { cwd: r.dir, ...as }), /permission denied/, args.join(' '));
      }
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it('temporary files and locks of a killed writer are removed by the next update; a live one is left', async () => {
    const dir = join(common, 'patchpilot');
    mkdirSync(dir, { recursive: true });
    // pid 2^22+7 is above the default pid_max of most systems: no such process.
    const dead = 4194311;
    const stale = [`topic.json.tmp-${dead}-1767225600000`, `topic.json.lock.${dead}.tmp`];
    for (const f of stale) writeFileSync(join(dir, f), '{');
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: dead, host: (await import('node:os')).hostname(), at: 'then' }));
    const live = `topic.json.tmp-${process.pid}-1767225600000`;
    writeFileSync(join(dir, live), '{');
    const res = await runCliAsync(['answer', 'vfio.device-docs.state', '--text', 'after a crash'], { cwd: r.dir });
    assert.equal(res.code, 0, res.stderr);
    const left = readdirSync(dir);
    for (const f of stale) assert.ok(!left.includes(f), `${f} left behind`);
    assert.ok(!existsSync(`${file}.lock`), 'the stale lock was not taken over and released');
    assert.ok(left.includes(live), 'a live process’s temporary file was removed');
  });
});
