/**
 * Per-commit notes: with format.notes set, the export carries them below the
 * --- line as git format-patch does; without it, none (git's default).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hermeticProcess, makeRepo, runCli, scratch } from '../helpers/repo.js';
import { setCover } from '../helpers/ops.js';

// The cover and recipients a test only sets up go through src/ops in this process (test/helpers/ops.ts).
hermeticProcess();
const pad = scratch('pp-notes-');
const SOB = 'Signed-off-by: Test Author <author@test.example>';

test('git notes reach the exported patches when format.notes asks for them', async () => {
  const r = pad.keep(makeRepo({ base: { MAINTAINERS: 'ZORB\nM:\tMaint Ainer <maint@example.org>\nS:\tMaintained\nF:\tzorb/\n\n' } }));
  r.commit(`zorb: one\n\n${SOB}\n`, { 'zorb/a.c': 'a\n' });
  r.commit(`zorb: two\n\n${SOB}\n`, { 'zorb/b.c': 'b\n' });
  r.git(['notes', 'add', '-m', 'Tested on the zorb 3000 only.', 'HEAD']);
  await setCover(r.dir, { title: 'zorb: things', body: 'Zorb does things.' });
  const plain = join(pad.dir(), 'plain');
  assert.equal(runCli(['export', '-o', plain], { cwd: r.dir }).code, 0);
  const two = (d: string) => readFileSync(join(d, readdirSync(d).sort()[2]!), 'utf8');
  assert.doesNotMatch(two(plain), /zorb 3000/);
  r.git(['config', 'format.notes', 'true']);
  const noted = join(pad.dir(), 'noted');
  const ex = runCli(['export', '-o', noted], { cwd: r.dir });
  assert.equal(ex.code, 0, ex.stderr);
  assert.match(two(noted), /^---\n\nNotes:\n {4}Tested on the zorb 3000 only\.\n/m);
});
