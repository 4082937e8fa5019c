// Reading files of the tree and files the user names: whole contents at any size, the limit, no FIFO.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { readRegularFile, readTextInput, readTreeText } from '../../src/text/input-file.js';
import { scratchDirs } from '../helpers/scratch.js';

const scratchpad = scratchDirs('pp-input-file-');
const dir = scratchpad.dir();

it('reads a file whole, whatever its size', () => {
  for (const size of [0, 1, 4095, 65536, 65537, 800_000]) {
    const data = Buffer.alloc(size, 0x61);
    if (size) data[size - 1] = 0x62;
    writeFileSync(join(dir, `f${size}`), data);
    assert.ok(readRegularFile(join(dir, `f${size}`), 'the file', 1 << 20).equals(data), `size ${size}`);
  }
  assert.equal(readTreeText(join(dir, 'f4095'))?.length, 4095);
  assert.equal(readTreeText(join(dir, 'missing')), undefined);
});

it('refuses a file over the limit, binary text and a FIFO', () => {
  writeFileSync(join(dir, 'big'), Buffer.alloc(2000, 0x61));
  assert.throws(() => readRegularFile(join(dir, 'big'), 'the file', 1000), /the limit is/);
  writeFileSync(join(dir, 'nul'), 'a\0b');
  assert.throws(() => readTextInput(join(dir, 'nul'), 'the answer'), /binary data/);
  execFileSync('mkfifo', [join(dir, 'fifo')]);
  assert.throws(() => readTextInput(join(dir, 'fifo'), 'the answer'), /FIFO/);
});
