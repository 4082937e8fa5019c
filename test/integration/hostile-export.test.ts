/**
 * Export against hostile input: bytes that are not UTF-8 in code and commit
 * messages survive byte for byte (git am of the export gives the branch's
 * tree), control characters in MAINTAINERS and .mailmap names never reach a
 * header, an address starting with '-' is refused before anything is
 * written, an empty commit and an odd directory name are clear refusals.
 * One fixture repository, one branch per case.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hermeticEnv, hermeticProcess, scratch, type TestRepo } from '../helpers/repo.js';
import { setCover } from '../helpers/ops.js';
import { assertRefusal, RAW_CONTROL, runCliAsync } from '../helpers/hostile.js';
import { parseMail } from '../../src/letter/patch-mail.js';

// src/ is imported in this process: give it the hermetic environment.
hermeticProcess();

let r: TestRepo;
const scratchpad = scratch('pp-hexp-');
const tmp = () => scratchpad.dir();

const SOB = 'Signed-off-by: Test Author <author@test.example>';
const MAINTAINERS = [
  'ZORB DRIVER',
  'M:\tMae Maintainer <mae@maint.example>',
  'M:\tEvil\rBcc: all@x.org <evil@maint.example>',
  'R:\tEsc\u001b]0;pwned\u0007 Name <esc@maint.example>',
  'R:\tVt\u000bFf\u000c Name <vtff@maint.example>',
  'L:\tzorb@lists.example',
  'S:\tMaintained',
  'F:\tdrivers/zorb/',
  '',
  'DASH DRIVER',
  'M:\tDash Dash <-oQ/tmp/x@dash.example>',
  'M:\tDora Dash <dora@dash.example>',
  'S:\tMaintained',
  'F:\tdrivers/dash/',
  '',
].join('\n');
const MAILMAP = 'Ma\u001b[2Jpped <mae@maint.example>\n';

/** A commit from raw bytes: message and file content as given, no re-encoding. */
function commitBytes(message: Buffer, files: Record<string, Buffer>): void {
  r.write(files);
  r.git(['add', '-A']);
  const res = spawnSync('git', ['commit', '-q', '--no-verify', '-F', '-'], { cwd: r.dir, input: message, env: hermeticEnv() });
  assert.equal(res.status, 0, res.stderr?.toString());
}

function branch(name: string): void {
  r.git(['checkout', '-q', '-b', name, 'master']);
  r.git(['branch', '-q', '--set-upstream-to=master']);
}

before(() => {
  r = scratchpad.repo({
    base: { README: 'base\n', MAINTAINERS, '.mailmap': MAILMAP, 'drivers/zorb/core.c': 'int core;\n', 'drivers/dash/d.c': 'int d;\n' },
    branch: null,
  });
});

/** The tree git am makes of the patches on master, in a fresh worktree. */
function amTree(files: string[]): string {
  const wt = join(tmp(), 'wt');
  r.git(['worktree', 'add', '-q', '--detach', wt, 'master']);
  try {
    const res = spawnSync('git', ['am', '-q', ...files], { cwd: wt, env: hermeticEnv() });
    assert.equal(res.status, 0, `git am: ${res.stderr?.toString()}`);
    return spawnSync('git', ['rev-parse', 'HEAD^{tree}'], { cwd: wt, encoding: 'utf8' }).stdout.trim();
  } finally {
    r.git(['worktree', 'remove', '--force', wt]);
  }
}

function headersOf(file: string): string[] {
  return parseMail(readFileSync(file)).head;
}

describe('bytes that are not UTF-8', () => {
  it('latin-1 in code and in commit messages: git am of the export gives the exact tree (cover letter series)', async () => {
    branch('latin1');
    commitBytes(
      Buffer.concat([
        Buffer.from('zorb: caf'),
        Buffer.from([0xe9]),
        Buffer.from(`\n\nNa${'\u00ef'}ve bytes: `),
        Buffer.from([0xe9, 0xff, 0x80]),
        Buffer.from(`\n\n${SOB}\n`),
      ]),
      {
        'drivers/zorb/core.c': Buffer.concat([Buffer.from('int core; /* caf'), Buffer.from([0xe9, 0xa0, 0xff]), Buffer.from(' */\n')]),
      },
    );
    commitBytes(Buffer.from(`zorb: second\n\n${SOB}\n`), { 'drivers/zorb/iso.c': Buffer.from([0x2f, 0x2a, 0xe4, 0xf6, 0xfc, 0x2a, 0x2f, 0x0a]) });
    await setCover(r.dir, { title: 'zorb: Übersetzung', body: 'Körper — text.' });
    const out = join(tmp(), 'out');
    const res = await runCliAsync(['export', '-o', out, '--force'], { cwd: r.dir });
    assert.equal(res.code, 0, res.stderr);
    const files = readdirSync(out).sort();
    assert.equal(files.length, 3);
    assert.equal(amTree(files.slice(1).map((f) => join(out, f))), r.git(['rev-parse', 'latin1^{tree}']).trim());
    for (const f of files) {
      for (const h of headersOf(join(out, f))) assert.doesNotMatch(h, /[^\x20-\x7e\t\n]/, `${f}: ${JSON.stringify(h)}`);
    }
  });

  it('a single patch with notes below the ---: the same tree', async () => {
    branch('latin1-single');
    commitBytes(Buffer.concat([Buffer.from('zorb: one '), Buffer.from([0xe9]), Buffer.from(`\n\n${SOB}\n`)]), {
      'drivers/zorb/core.c': Buffer.concat([Buffer.from('/* '), Buffer.from([0xe9, 0xe8, 0xff]), Buffer.from(' */\n')]),
    });
    await setCover(r.dir, { body: 'Notes — with UTF-8.' });
    const out = join(tmp(), 'out');
    const res = await runCliAsync(['export', '-o', out, '--force'], { cwd: r.dir });
    assert.equal(res.code, 0, res.stderr);
    const [file] = readdirSync(out);
    const text = readFileSync(join(out, file!));
    assert.ok(text.includes(Buffer.from('---\nNotes — with UTF-8.\n')), 'notes below the ---');
    assert.ok(text.includes(Buffer.from([0xe9, 0xe8, 0xff])), 'latin-1 bytes of the code kept');
    assert.equal(amTree([join(out, file!)]), r.git(['rev-parse', 'latin1-single^{tree}']).trim());
  });
});

describe('recipients from hostile MAINTAINERS and .mailmap', () => {
  it('control characters in names never reach To or Cc', async () => {
    branch('ctl-names');
    r.commit(`zorb: touch\n\n${SOB}\n`, { 'drivers/zorb/core.c': 'int core2;\n' });
    const out = join(tmp(), 'out');
    const res = await runCliAsync(['export', '-o', out, '--force'], { cwd: r.dir });
    assert.equal(res.code, 0, res.stderr);
    const [file] = readdirSync(out);
    const head = headersOf(join(out, file!));
    for (const h of head) assert.doesNotMatch(Buffer.from(h, 'latin1').toString('utf8'), RAW_CONTROL, JSON.stringify(h));
    assert.ok(!head.some((h) => /^bcc:/i.test(h)), 'no Bcc header');
    const to = head.find((h) => h.startsWith('To:'))!;
    assert.match(to, /mae@maint\.example/);
    assert.match(to, /evil@maint\.example/);
  });

  it("an address starting with '-' is refused before anything is written, saying how to drop it", async () => {
    branch('dash');
    r.commit(`dash: touch\n\n${SOB}\n`, { 'drivers/dash/d.c': 'int d2;\n' });
    const out = join(tmp(), 'out');
    const res = await runCliAsync(['export', '-o', out, '--force'], { cwd: r.dir });
    assertRefusal(res, /-oQ\/tmp\/x@dash\.example.*(starts with '-'|not an address).*cc --drop/, 'dash export', { lines: 'list' });
    assert.ok(!existsSync(out), 'nothing written');
    // cc lists the address, and says then what export will refuse, in the same words (as data too, in --json).
    const line = res.stderr.split('\n').find((l) => l.includes('-oQ/tmp/x@dash.example'))!;
    const cc = await runCliAsync(['cc'], { cwd: r.dir });
    assert.equal(cc.code, 0, cc.stderr);
    assert.ok(cc.stderr.split('\n').includes(line.replace(/^patchpilot: /, 'patchpilot: export will refuse: ')), cc.stderr);
    const json = JSON.parse((await runCliAsync(['cc', '--json'], { cwd: r.dir })).stdout);
    assert.ok(json.warnings.some((w: string) => w.startsWith('export will refuse: ') && w.includes('-oQ/tmp/x@dash.example')));
    // The way out it names works: the address can be dropped, and then the export goes through.
    const drop = await runCliAsync(['cc', '--drop', '-oQ/tmp/x@dash.example'], { cwd: r.dir });
    assert.equal(drop.code, 0, drop.stderr);
    const again = await runCliAsync(['export', '-o', out, '--force'], { cwd: r.dir });
    assert.equal(again.code, 0, again.stderr);
    const [file] = readdirSync(out);
    assert.doesNotMatch(readFileSync(join(out, file!), 'latin1'), /-oQ/);
  });
});

describe('odd series and paths', () => {
  it('an empty commit is refused with a clear line, not exported as an empty file', async () => {
    branch('empty');
    r.commit(`zorb: real\n\n${SOB}\n`, { 'drivers/zorb/core.c': 'int core3;\n' });
    r.commit(`zorb: nothing\n\n${SOB}\n`, {}, { allowEmpty: true });
    await setCover(r.dir, { title: 'Two patches', body: 'One of them empty.' });
    const out = join(tmp(), 'out');
    assertRefusal(await runCliAsync(['export', '-o', out, '--force'], { cwd: r.dir }), /changes no file.*empty/, 'empty commit');
    assert.ok(!existsSync(out));
  });

  it('the staging directory of an export killed before it finished is removed by the next export', async () => {
    branch('stale-stage');
    r.commit(`zorb: stage\n\n${SOB}\n`, { 'drivers/zorb/core.c': 'int core5;\n' });
    const parent = tmp();
    // pid 2^22+7 is above the default pid_max: no such process.
    const stale = join(parent, '.out.patchpilot-4194311-AbCdEf');
    mkdirSync(stale);
    writeFileSync(join(stale, '0001-half.patch'), 'From');
    const res = await runCliAsync(['export', '-o', join(parent, 'out'), '--force'], { cwd: r.dir });
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(readdirSync(parent), ['out']);
  });

  it('an export directory whose name has a newline works or is refused in one line, never an internal error', async () => {
    branch('nl-dir');
    r.commit(`zorb: nl\n\n${SOB}\n`, { 'drivers/zorb/core.c': 'int core4;\n' });
    const out = join(tmp(), 'out\nnext');
    const res = await runCliAsync(['export', '-o', out, '--force'], { cwd: r.dir });
    assert.ok(res.code === 0 || res.code === 2, `exit ${res.code}: ${res.stderr}`);
    if (res.code === 2) assertRefusal(res, /./, 'newline dir');
    else {
      assert.equal(readdirSync(out).length, 1);
      const cmd = await runCliAsync(['send-cmd'], { cwd: r.dir });
      assert.equal(cmd.code, 0, cmd.stderr);
      assert.doesNotMatch(cmd.stdout, RAW_CONTROL);
    }
  });
});
