// V8's code cache for the bundled commands (bin/code-cache.ts): two copies of the bundle used in turn keep an entry
// each instead of replacing each other's, at most three are kept per command, and another name's entries stay.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { CLI, hermeticEnv, scratch } from '../helpers/repo.js';

const scratchpad = scratch('pp-codecache-');

it("keeps an entry per copy of the bundle, the three newest per command, and no other command's", () => {
  const tmp = scratchpad.dir();
  const copies = [0, 1, 2, 3].map(() => {
    const d = join(scratchpad.dir(), 'dist');
    cpSync(join(CLI, '..'), d, { recursive: true });
    return join(d, 'patchpilot.js');
  });
  const env = hermeticEnv({ TMPDIR: tmp });
  const cacheDir = join(tmp, `patchpilot-cache-${process.getuid?.() ?? 'user'}`);
  const run = (cli: string) => {
    const r = spawnSync(process.execPath, [cli, 'series', '--help'], { env, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  };
  const entries = () => readdirSync(cacheDir).filter((f) => /^v8-series-[0-9a-f]{8}\.bin$/.test(f));
  run(copies[0]!);
  writeFileSync(join(cacheDir, 'v8-series-extra-0123abcd.bin'), 'another command');
  run(copies[1]!);
  assert.equal(entries().length, 2);
  const written = new Map(entries().map((f) => [f, statSync(join(cacheDir, f)).mtimeMs]));
  run(copies[0]!);
  run(copies[1]!);
  assert.deepEqual(new Map(entries().map((f) => [f, statSync(join(cacheDir, f)).mtimeMs])), written, 'each copy used its own entry');
  run(copies[2]!);
  run(copies[3]!);
  assert.equal(entries().length, 3);
  assert.ok(readdirSync(cacheDir).includes('v8-series-extra-0123abcd.bin'));
});
