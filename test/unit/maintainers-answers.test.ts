// Answers about MAINTAINERS kept from run to run (src/maintainers/answers.ts): used while the file and the directory
// answers each was computed with hold; one is computed again when a pattern's directory it asked about comes or goes.
import { strict as assert } from 'node:assert';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { viewOf } from '../../src/acceptance/maintainers-view.js';
import { loadMaintainers, maintainersFromText, type MaintainersDb } from '../../src/maintainers/db.js';
import { matchFile } from '../../src/maintainers/match.js';
import { userCacheDir } from '../../src/store/user-cache.js';
import { scratchDirs } from '../helpers/scratch.js';

const scratchpad = scratchDirs('pp-answers-');
const savedTmp = process.env.TMPDIR;
let root = '';
let text = '';

function bigMaintainers(n: number): string {
  let t = 'Header\n\tM: x\n\nDIR AREA\nM:\tDora Dir <dora@x.org>\nS:\tMaintained\nF:\tdrivers/foo\nP:\tDocumentation/dir-area.rst\n\n';
  for (let i = 0; i < n; i++) {
    t += `AREA ${i}\nM:\tPerson ${i} <p${i}@x.org>\nS:\tMaintained\nF:\tdrivers/area${i}/\nF:\tinclude/linux/area${i % 7}/*.h\nX:\tdrivers/area${i}/old/\nK:\tarea_${i}_magic\n\n`;
  }
  return `${t}THE REST\nM:\tLinus <torvalds@x.org>\nL:\tlinux-kernel@x.org\nS:\tBuried alive in reporters\nF:\t*\nF:\t*/\n`;
}

const shape = (db: MaintainersDb, file: string) => {
  const m = matchFile(db, file);
  return { exact: m.exact, matches: m.matches.map((x) => [x.section.name, x.depth]) };
};

before(() => {
  process.env.TMPDIR = scratchpad.dir();
  root = scratchpad.dir();
  text = bigMaintainers(1200);
  writeFileSync(join(root, 'MAINTAINERS'), text);
  mkdirSync(join(root, 'drivers', 'foo'), { recursive: true });
});
after(() => {
  process.env.TMPDIR = savedTmp;
  if (savedTmp === undefined) delete process.env.TMPDIR;
});

it('a later load answers from the kept matches, names and documents, the same as a fresh scan', () => {
  const files = ['drivers/foo/x.c', 'drivers/area7/a.c', 'drivers/area7/old/b.c', 'include/linux/area3/y.h', 'README'];
  const first = loadMaintainers(root);
  const firstView = viewOf(first);
  const before = files.map((f) => shape(first, f));
  const docs = files.map((f) => firstView.profilesFor(f).map((s) => s.name));
  assert.equal(first.byName('area 12')?.name, 'AREA 12');
  first.answers!.flush();
  assert.equal(readdirSync(userCacheDir()!).filter((f) => f.startsWith('answers-')).length, 1);

  const later = loadMaintainers(root);
  assert.ok(Array.isArray(later.answers!.get('m0:drivers/foo/x.c')), 'the match was kept');
  assert.deepEqual(
    files.map((f) => shape(later, f)),
    before,
  );
  assert.deepEqual(
    files.map((f) =>
      viewOf(later)
        .profilesFor(f)
        .map((s) => s.name),
    ),
    docs,
  );
  assert.equal(later.byName('area 12')?.name, 'AREA 12');
  assert.equal(later.byName('NO SUCH AREA'), undefined);
  const fresh = maintainersFromText(root, text);
  assert.deepEqual(
    files.map((f) => shape(fresh, f)),
    before,
  );
  assert.deepEqual(shape(fresh, 'drivers/foo/x.c').matches[0], ['DIR AREA', 2]);
  assert.deepEqual(docs[0], ['DIR AREA']);
});

it('drops the answers that asked whether a pattern names a directory when that changes, and only those', () => {
  const first = loadMaintainers(root);
  assert.deepEqual(shape(first, 'drivers/foo/x.c').matches[0], ['DIR AREA', 2]);
  first.answers!.flush();
  rmSync(join(root, 'drivers', 'foo'), { recursive: true });
  writeFileSync(join(root, 'drivers', 'foo'), 'now a file\n');
  const later = loadMaintainers(root);
  assert.equal(later.answers!.get('m0:drivers/foo/x.c'), undefined);
  assert.ok(Array.isArray(later.answers!.get('m0:drivers/area7/a.c')), 'an answer that did not ask about drivers/foo stays');
  const now = shape(later, 'drivers/foo/x.c');
  assert.ok(!now.matches.some(([name]) => name === 'DIR AREA'), 'F: drivers/foo is no longer a directory pattern');
  assert.deepEqual(now, shape(maintainersFromText(root, text), 'drivers/foo/x.c'));
  assert.deepEqual(viewOf(later).profilesFor('drivers/foo/x.c'), []);
});

it('keeps nothing with PATCHPILOT_NO_CACHE', () => {
  process.env.PATCHPILOT_NO_CACHE = '1';
  try {
    assert.equal(loadMaintainers(root).answers, undefined);
  } finally {
    delete process.env.PATCHPILOT_NO_CACHE;
  }
});
