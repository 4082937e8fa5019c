// The MAINTAINERS scan cache's file: the scan read back equals the scan made, and old entries are pruned.
import { strict as assert } from 'node:assert';
import { readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { parseWithCache } from '../../src/maintainers/cache.js';
import { prune } from '../../src/store/user-cache.js';
import { parseMaintainersTexts } from '../../src/maintainers/parse.js';
import { scratchDirs } from '../helpers/scratch.js';

const scratchpad = scratchDirs('pp-cache-store-');
const savedTmp = process.env.TMPDIR;
after(() => {
  process.env.TMPDIR = savedTmp;
  if (savedTmp === undefined) delete process.env.TMPDIR;
});

function bigMaintainers(n: number): string {
  let text = 'Header\n\tM: x\n\n';
  for (let i = 0; i < n; i++) {
    text += `AREA ${i}\nM:\tPerson ${i} <p${i}@x.org>\nS:\tMaintained\nF:\tdrivers/area${i}/\nF:\tinclude/linux/area${i % 7}/*.h\nX:\tdrivers/area${i}/old/\nK:\tarea_${i}_magic\n\n`;
  }
  return text;
}

it('reads back exactly the scan it wrote', () => {
  process.env.TMPDIR = scratchpad.dir();
  const root = scratchpad.dir();
  const text = bigMaintainers(1200);
  writeFileSync(join(root, 'MAINTAINERS'), text);
  const fresh = parseMaintainersTexts([{ text, file: 'MAINTAINERS' }]).typevalue.snapshot();
  parseWithCache(join(root, 'MAINTAINERS'), text, 'MAINTAINERS');
  const cached = parseWithCache(join(root, 'MAINTAINERS'), text, 'MAINTAINERS').typevalue.snapshot();
  assert.ok(fresh.byPrefix.length > 1000, 'the prefix index is not trivial');
  assert.deepEqual(cached, fresh);
});

it('keeps only the most recently used entries', () => {
  const dir = scratchpad.dir();
  const names = Array.from({ length: 9 }, (_, i) => `maintainers-${String(i).padStart(8, '0')}.bin`);
  names.forEach((n, i) => {
    writeFileSync(join(dir, n), 'x');
    const t = new Date(Date.UTC(2026, 0, 1, 0, i));
    utimesSync(join(dir, n), t, t);
  });
  writeFileSync(join(dir, 'unrelated.txt'), 'x');
  prune(dir, 'maintainers', 3);
  assert.deepEqual(readdirSync(dir).sort(), [...names.slice(6), 'unrelated.txt'].sort());
});
