/**
 * Output paths that are not regular files: the atomic writer renames a new
 * file over its target, which would turn a device, a FIFO or a symbolic link
 * into a regular file (the TUI once replaced /dev/null). Each is refused in
 * one line and left exactly as it was; a regular file is still replaced.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratch, type TestRepo, hermeticProcess } from '../helpers/repo.js';
import { SOB, WIRING, ACC_SECTION, acceptanceRepo, driverSource, withSection } from '../helpers/acceptance-tree.js';
import { assertRefusal, runCliAsync } from '../helpers/hostile.js';
import { checkOutputTarget } from '../../src/store/files.js';
import { coverOf, setCover } from '../helpers/ops.js';

// src/ runs in this process: give it the hermetic environment.
hermeticProcess();

const pad = scratch('pp-houts-');
let r: TestRepo;
let work: string;
before(() => {
  r = acceptanceRepo(pad);
  r.commit(`vfio/acc: add\n\n${SOB}\n`, { 'drivers/vfio/pci/acc/main.c': driverSource([]), ...WIRING });
  r.commit(`MAINTAINERS: acc\n\n${SOB}\n`, { MAINTAINERS: withSection(ACC_SECTION) });
  work = pad.dir();
});

/** A character device like /dev/null (1,3), made in the temp dir; undefined where mknod is not allowed (not root). */
function nullDevice(): string | undefined {
  const path = join(work, 'null');
  if (existsSync(path)) return path;
  return spawnSync('mknod', [path, 'c', '1', '3']).status === 0 ? path : undefined;
}

describe('an output path that is not a regular file', () => {
  const kinds: [string, () => string | undefined, RegExp][] = [
    [
      'a FIFO',
      () => {
        const p = join(work, 'fifo');
        if (!existsSync(p)) spawnSync('mkfifo', [p]);
        return p;
      },
      /named pipe \(FIFO\)/,
    ],
    [
      'a symbolic link to a file',
      () => {
        const p = join(work, 'link');
        if (!existsSync(p)) {
          writeFileSync(join(work, 'target.txt'), 'keep\n');
          symlinkSync(join(work, 'target.txt'), p);
        }
        return p;
      },
      /symbolic link/,
    ],
    [
      'a symbolic link to standard output',
      () => {
        const p = join(work, 'stdout-link');
        if (!existsSync(p)) symlinkSync('/proc/self/fd/1', p);
        return p;
      },
      /symbolic link/,
    ],
    ['a character device', nullDevice, /character device/],
    ['/dev/stdout', () => '/dev/stdout', /symbolic link/],
  ];
  for (const [what, make, pattern] of kinds) {
    it(`cover -o ${what}: refused in one line, left as it was, the cover unchanged`, async (t) => {
      const path = make();
      if (!path) return t.skip('mknod is not allowed here');
      const before = lstatSync(path);
      const res = await runCliAsync(['cover', '--title', 'Changed title', '-o', path], { cwd: r.dir });
      assertRefusal(res, new RegExp(`will not write .*: it is a ${pattern.source}, not a regular file`), what);
      const after = lstatSync(path);
      assert.equal(after.mode, before.mode, `${what}: its type changed`);
      assert.equal(after.ino, before.ino, `${what}: it was replaced`);
      // Refused before anything changed (read in this process: cover's own output is tested in cover.test).
      const cover = await coverOf(r.dir);
      assert.notEqual(cover.title, 'Changed title');
      assert.doesNotMatch(cover.letter, /Changed title/);
    });
  }
  it('the symbolic link still points where it did and its target keeps its content', () => {
    assert.equal(readlinkSync(join(work, 'link')), join(work, 'target.txt'));
    assert.equal(readFileSync(join(work, 'target.txt'), 'utf8'), 'keep\n');
  });
  it("cover -o - is refused: it would be a file named '-'", async () => {
    assertRefusal(await runCliAsync(['cover', '-o', '-'], { cwd: r.dir }), /'-' is not written to standard output here/, '-o -');
    assert.ok(!existsSync(join(r.dir, '-')));
  });
  it('cover -o a regular file replaces it; a new file is made', async () => {
    const file = join(work, 'letter.txt');
    writeFileSync(file, 'old\n');
    const res = await runCliAsync(['cover', '-o', file], { cwd: r.dir });
    assert.equal(res.code, 0, res.stderr);
    assert.match(readFileSync(file, 'utf8'), /^Subject: /);
    const fresh = join(work, 'fresh.txt');
    assert.equal((await runCliAsync(['cover', '-o', fresh], { cwd: r.dir })).code, 0);
    assert.ok(lstatSync(fresh).isFile());
  });
  it("export into a directory holding a FIFO under an earlier export's name is refused, the FIFO kept", async () => {
    const dir = join(work, 'out');
    await setCover(r.dir, { title: 'A title', body: 'A body.' });
    const first = await runCliAsync(['export', '-o', dir, '--force'], { cwd: r.dir });
    assert.equal(first.code, 0, first.stderr);
    const name = readdirSync(dir)[0]!;
    spawnSync('rm', [join(dir, name)]);
    spawnSync('mkfifo', [join(dir, name)]);
    const res = await runCliAsync(['export', '-o', dir, '--force'], { cwd: r.dir });
    assertRefusal(res, /holds other files/, 'export over a FIFO', { lines: 'list' });
    assert.ok(lstatSync(join(dir, name)).isFIFO());
  });
});

describe('checkOutputTarget (what the TUI asks before "overwrite?")', () => {
  it("says 'new' for nothing, 'file' for a regular file, and refuses the rest", () => {
    mkdirSync(join(work, 'sub'), { recursive: true });
    assert.equal(checkOutputTarget('sub/none.txt', work), 'new');
    writeFileSync(join(work, 'sub', 'f.txt'), 'x');
    assert.equal(checkOutputTarget('sub/f.txt', work), 'file');
    assert.throws(() => checkOutputTarget('sub', work), /it is a directory/);
    assert.throws(() => checkOutputTarget('/dev/null'), /character device/);
    assert.throws(() => checkOutputTarget('-'), /standard output/);
  });
});
