// Answers about immutable git objects kept in the git directory: read back, kept per object id, pruned.
import { strict as assert } from 'node:assert';
import { readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { objectCache } from '../../src/git/object-cache.js';
import { prune } from '../../src/store/user-cache.js';
import { scratchDirs } from '../helpers/scratch.js';

const scratchpad = scratchDirs('pp-object-cache-');
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

it('keeps answers per object id and reads them back in a later process', () => {
  const common = scratchpad.dir();
  const first = objectCache<string[]>(common, 'includers', A);
  assert.equal(first.get('linux/x/y.h'), undefined);
  first.set('linux/x/y.h', ['drivers/x/main.c']);
  first.set('linux/x/z.h', []);
  const again = objectCache<string[]>(common, 'includers', A);
  assert.deepEqual(again.get('linux/x/y.h'), ['drivers/x/main.c']);
  assert.deepEqual(again.get('linux/x/z.h'), []);
  assert.equal(objectCache<string[]>(common, 'includers', B).get('linux/x/y.h'), undefined);
  assert.equal(again.get('constructor'), undefined);
});

it('ignores a damaged file and never caches under an id that is not one', () => {
  const common = scratchpad.dir();
  objectCache<number>(common, 'includers', A).set('k', 1);
  writeFileSync(join(common, 'patchpilot-cache', `includers-${A}.json`), '{not json');
  assert.equal(objectCache<number>(common, 'includers', A).get('k'), undefined);
  objectCache<number>(common, 'includers', '../../etc').set('k', 1);
  assert.deepEqual(readdirSync(join(common, 'patchpilot-cache')), [`includers-${A}.json`]);
});

it('keeps the most recently used files of a kind', () => {
  const dir = scratchpad.dir();
  const names = Array.from({ length: 5 }, (_, i) => `includers-${String(i).repeat(40)}.json`);
  names.forEach((n, i) => {
    writeFileSync(join(dir, n), '{}');
    const t = new Date(Date.UTC(2026, 0, 1, 0, i));
    utimesSync(join(dir, n), t, t);
  });
  writeFileSync(join(dir, `vfio-pci-dirs-${A}.json`), '{}');
  prune(dir, 'includers', 2);
  assert.deepEqual(readdirSync(dir).sort(), [...names.slice(3), `vfio-pci-dirs-${A}.json`].sort());
});
