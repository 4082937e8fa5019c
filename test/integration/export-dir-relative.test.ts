/**
 * The export directory in the branch state: inside the work tree it is kept
 * relative to it, so a copy of the repository (cp -a) exports and prints
 * send commands for its own directory, never the original's; outside the
 * tree, and in records written before, it is an absolute path read as it is.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hermeticProcess, scratch, type TestRepo } from '../helpers/repo.js';
import { setCover } from '../helpers/ops.js';
import { SOB, WIRING, ACC_SECTION, acceptanceRepo, driverSource, withSection } from '../helpers/acceptance-tree.js';
import { runCliAsync } from '../helpers/hostile.js';

// The cover and recipients a test only sets up go through src/ops in this process (test/helpers/ops.ts).
hermeticProcess();
const pad = scratch('pp-exprel-');
let r: TestRepo;
const stateOf = (dir: string) => JSON.parse(readFileSync(join(dir, '.git', 'patchpilot', 'topic.json'), 'utf8'));

before(async () => {
  r = acceptanceRepo(pad);
  r.commit(`vfio/acc: add\n\n${SOB}\n`, { 'drivers/vfio/pci/acc/main.c': driverSource([]), ...WIRING });
  r.commit(`MAINTAINERS: acc\n\n${SOB}\n`, { MAINTAINERS: withSection(ACC_SECTION) });
  await setCover(r.dir, { title: 'A title', body: 'A body.' });
});

async function ok(args: string[], cwd: string): Promise<string> {
  const res = await runCliAsync(args, { cwd });
  assert.equal(res.code, 0, `${args.join(' ')}: ${res.stderr}`);
  return res.stdout;
}

describe('the export directory in the state', () => {
  it('inside the work tree: stored relative; a copied repository sends and exports its own files', async () => {
    await ok(['export', '-o', 'outgoing/v1', '--force'], r.dir);
    const saved = stateOf(r.dir).exported;
    assert.equal(saved.dir, join('outgoing', 'v1'));
    assert.ok(
      saved.files.every((f: string) => f.startsWith('outgoing/v1/')),
      saved.files.join(' '),
    );

    const copy = pad.copy(r);
    const cmd = await ok(['send-cmd'], copy.dir);
    assert.ok(cmd.includes(join(copy.dir, 'outgoing', 'v1')), cmd);
    assert.ok(!cmd.includes(`${r.dir}/`), `the copy's command names the original's files: ${cmd}`);
    // Exporting again in the copy replaces the copy's files, and leaves the original's alone.
    const before = readdirSync(join(r.dir, 'outgoing', 'v1')).map((f) => readFileSync(join(r.dir, 'outgoing', 'v1', f)));
    await setCover(copy.dir, { title: 'Another title' });
    await ok(['export', '-o', 'outgoing/v1', '--force'], copy.dir);
    assert.match(readFileSync(join(copy.dir, 'outgoing', 'v1', readdirSync(join(copy.dir, 'outgoing', 'v1'))[0]!), 'utf8'), /Another title/);
    const after = readdirSync(join(r.dir, 'outgoing', 'v1')).map((f) => readFileSync(join(r.dir, 'outgoing', 'v1', f)));
    assert.deepEqual(after, before);
  });

  it('outside the work tree: stored absolute', async () => {
    const out = join(pad.dir(), 'elsewhere');
    await ok(['export', '-o', out, '--force'], r.dir);
    assert.equal(stateOf(r.dir).exported.dir, out);
    assert.ok(stateOf(r.dir).exported.files.every((f: string) => f.startsWith(`${out}/`)));
  });

  it('an absolute record written before is read as it is', async () => {
    const file = join(r.dir, '.git', 'patchpilot', 'topic.json');
    const s = stateOf(r.dir);
    await ok(['export', '-o', 'outgoing/v2', '--force'], r.dir);
    const rel = stateOf(r.dir);
    // As an older patchpilot wrote it: every path absolute.
    const abs = (p: string) => join(r.dir, p);
    const old = {
      ...rel.exported,
      dir: abs(rel.exported.dir),
      files: rel.exported.files.map(abs),
    };
    writeFileSync(file, JSON.stringify({ ...s, exported: old, exports: [old], sendCmd: undefined }));
    const cmd = await ok(['send-cmd'], r.dir);
    assert.ok(cmd.includes(join(r.dir, 'outgoing', 'v2')), cmd);
    assert.ok(existsSync(join(r.dir, 'outgoing', 'v2')));
    // The next write keeps it readable and stores it relative.
    assert.equal(stateOf(r.dir).sendCmd.dir, join('outgoing', 'v2'));
  });
});
