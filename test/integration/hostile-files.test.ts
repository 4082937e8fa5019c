/**
 * Input paths that are not ordinary files: a FIFO, a device, a directory, a
 * huge or binary file. Each must end within seconds with one clear line,
 * never hang or take the whole file in. One fixture repository.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratch, type TestRepo } from '../helpers/repo.js';
import { SOB, WIRING, ACC_SECTION, acceptanceRepo, driverSource, withSection } from '../helpers/acceptance-tree.js';
import { assertRefusal, runCliAsync } from '../helpers/hostile.js';

const pad = scratch('pp-hfiles-');
let r: TestRepo;
let work: string;
let fifo: string;
before(() => {
  r = acceptanceRepo(pad);
  r.commit(`vfio/acc: add\n\n${SOB}\n`, { 'drivers/vfio/pci/acc/main.c': driverSource([]), ...WIRING });
  r.commit(`MAINTAINERS: acc\n\n${SOB}\n`, { MAINTAINERS: withSection(ACC_SECTION) });
  work = pad.dir();
  fifo = join(work, 'fifo');
  execFileSync('mkfifo', [fifo]);
  writeFileSync(join(work, 'big.txt'), Buffer.alloc(20 * 1024 * 1024, 'a'));
  writeFileSync(join(work, 'binary.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]));
  writeFileSync(join(work, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
  mkdirSync(join(work, 'dir'));
});

describe('input paths', () => {
  const cases: [string, () => string[], RegExp][] = [
    ['trailers import /dev/zero', () => ['trailers', 'import', '/dev/zero'], /\/dev\/zero is a device/],
    ['trailers import FIFO', () => ['trailers', 'import', fifo], /is a FIFO/],
    ['cover --body-file FIFO', () => ['cover', '--body-file', fifo], /is a FIFO/],
    ['cover --body-file /dev/zero', () => ['cover', '--body-file', '/dev/zero'], /is a device/],
    ['cover --body-file DIR', () => ['cover', '--body-file', join(work, 'dir')], /is a directory/],
    ['cover --body-file of 20 MB', () => ['cover', '--body-file', join(work, 'big.txt')], /20\.0 MB; the limit is 1\.0 MB/],
    ['cover --body-file binary', () => ['cover', '--body-file', join(work, 'binary.txt')], /binary data/],
    ['cover --body-file latin-1', () => ['cover', '--body-file', join(work, 'latin1.txt')], /not UTF-8/],
    ['answer --file FIFO', () => ['answer', 'vfio.device-docs.state', '--file', fifo], /is a FIFO/],
    ['answer --file /dev/zero', () => ['answer', 'vfio.device-docs.state', '--file', '/dev/zero'], /is a device/],
    ['answer --file of 20 MB', () => ['answer', 'vfio.device-docs.state', '--file', join(work, 'big.txt')], /the limit is 1\.0 MB/],
    ['answer --file binary', () => ['answer', 'vfio.device-docs.state', '--file', join(work, 'binary.txt')], /binary data/],
  ];
  for (const [what, args, pattern] of cases) {
    it(`${what}: one line, in time`, async () => {
      assertRefusal(await runCliAsync(args(), { cwd: r.dir }), pattern, what);
    });
  }
  it('answer --file - with 20 MB on standard input is refused, not stored', async () => {
    assertRefusal(
      await runCliAsync(['answer', 'vfio.device-docs.state', '--file', '-'], { cwd: r.dir, input: 'a'.repeat(2 * 1024 * 1024) }),
      /standard input is larger than 1\.0 MB/,
      'stdin',
    );
  });
});

describe('a repository whose files are symbolic links to a FIFO or a device', () => {
  it('MAINTAINERS, .mailmap and the repository profiles file never make a command hang', async () => {
    const t = pad.repo();
    t.git(['branch', '-q', '--set-upstream-to=master']);
    t.commit(`zorb: one\n\n${SOB}\n`, { 'zorb/a.c': 'int a;\n' });
    symlinkSync(fifo, join(t.dir, 'MAINTAINERS'));
    symlinkSync('/dev/zero', join(t.dir, '.mailmap'));
    mkdirSync(join(t.dir, '.patchpilot'));
    symlinkSync('/dev/zero', join(t.dir, '.patchpilot', 'profiles.json'));
    for (const args of [['series'], ['cc'], ['check', '--no-checkpatch'], ['maintainers', '-f', 'zorb/a.c']]) {
      const res = await runCliAsync(args, { cwd: t.dir });
      assert.ok(!res.timedOut, `${args.join(' ')} did not end`);
      assert.ok([0, 1, 2].includes(res.code), `${args.join(' ')}: exit ${res.code}: ${res.stderr}`);
      assert.doesNotMatch(res.stderr, /internal error|\n\s+at /);
    }
  });
});
