// The MAINTAINERS scan cache: same results from the cache, invalidated by a change.
import { strict as assert } from 'node:assert';
import { appendFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { loadMaintainers, sectionsForFile } from '../../src/maintainers/index.js';
import { scratchDirs } from '../helpers/scratch.js';

const scratchpad = scratchDirs('pp-cache-');
const root = scratchpad.dir();
const cacheTmp = scratchpad.dir();
const savedTmp = process.env.TMPDIR;
after(() => {
  process.env.TMPDIR = savedTmp;
  if (savedTmp === undefined) delete process.env.TMPDIR;
});

it('serves the scan from the cache and notices a changed file', () => {
  process.env.TMPDIR = cacheTmp;
  // Big enough (over 64 KiB) to be cached.
  let text = 'Header\n\tM: x\n\n';
  for (let i = 0; i < 1500; i++) text += `AREA ${i}\nM:\tPerson ${i} <p${i}@x.org>\nS:\tMaintained\nF:\tdrivers/area${i}/\nK:\tarea_${i}_magic\n\n`;
  writeFileSync(join(root, 'MAINTAINERS'), text);
  const first = loadMaintainers(root);
  const cacheDir = readdirSync(cacheTmp).find((d) => d.startsWith('patchpilot-cache-'))!;
  assert.equal(readdirSync(join(cacheTmp, cacheDir)).length, 1);
  const second = loadMaintainers(root);
  assert.deepEqual(
    sectionsForFile(second, 'drivers/area700/x.c').map((s) => s.name),
    ['AREA 700'],
  );
  assert.deepEqual(
    second.sections.map((s) => s.name),
    first.sections.map((s) => s.name),
  );
  assert.deepEqual(second.sectionAt(second.typevalue.kLines[3]!).K, ['area_3_magic']);
  appendFileSync(join(root, 'MAINTAINERS'), '\nNEW AREA\nM:\tNew <new@x.org>\nS:\tMaintained\nF:\tdrivers/area700/x.c\n');
  const third = loadMaintainers(root);
  assert.deepEqual(
    sectionsForFile(third, 'drivers/area700/x.c').map((s) => s.name),
    ['NEW AREA', 'AREA 700'],
  );
});
