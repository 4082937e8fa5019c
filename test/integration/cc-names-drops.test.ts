/**
 * Recipients as a submitter types them, checked against git send-email
 * itself: an address git send-email cannot extract is refused where it
 * enters (one line, exit 2); a name is kept as typed and quoted, never
 * shortened; dropping someone you added lists them as dropped, and undrop
 * brings them back.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { hermeticEnv, hermeticProcess, scratch, type TestRepo } from '../helpers/repo.js';
import { ccJson } from '../helpers/ops.js';
import { assertRefusal, runCliAsync } from '../helpers/hostile.js';

hermeticProcess();

const pad = scratch('pp-ccnames-');
let r: TestRepo;
before(() => {
  r = pad.repo({ base: { README: 'base\n', MAINTAINERS: 'ZORB\nM:\tMae Maintainer <mae@maint.example>\nS:\tMaintained\nF:\tzorb/\n' } });
  r.git(['branch', '-q', '--set-upstream-to=master']);
  r.commit('zorb: one\n\nSigned-off-by: Test Author <author@test.example>\n', { 'zorb/a.c': 'int a;\n' });
});

// The list as cc --json has it, read in this process (src/ops: what cc calls); the changes under test run the CLI.
const cc = () => ccJson(r.dir);

describe('addresses git send-email cannot extract', () => {
  for (const args of [
    ['cc', '--add', 'bob@localhost'],
    ['cc', '--add', 'Bob <bob@localhost>'],
    ['cc', '--add-to', 'Bob <bob@x_y.org>'],
    ['cc', '--add', '"c>d"@x.org'],
    ['cc', '--add', 'X <"c>d"@x.org>'],
    ['trailers', 'add', '--all', 'Reviewed-by: Bob <bob@localhost>'],
  ]) {
    it(`${args.join(' ')}: refused in one line, exit 2, nothing stored`, async () => {
      assertRefusal(await runCliAsync(args, { cwd: r.dir }), /no dot in its domain|domain git send-email refuses|'<' or '>'/, args.join(' '));
    });
  }

  it('a MAINTAINERS address without a dot: export refuses it in one line, and cc --drop can still drop it', async () => {
    const other = pad.repo({
      base: { README: 'base\n', MAINTAINERS: 'ZORB\nM:\tMae Maintainer <mae@maint.example>\nR:\tLocal Root <root@localhost>\nS:\tMaintained\nF:\tzorb/\n' },
    });
    other.git(['branch', '-q', '--set-upstream-to=master']);
    other.commit('zorb: one\n\nSigned-off-by: Test Author <author@test.example>\n', { 'zorb/a.c': 'int a;\n' });
    const out = join(pad.dir(), 'out');
    const ex = await runCliAsync(['export', '-o', out, '--force'], { cwd: other.dir });
    assertRefusal(ex, /root@localhost.*no dot in its domain/, 'export', { lines: 'list' });
    const drop = await runCliAsync(['cc', '--drop', 'root@localhost'], { cwd: other.dir });
    assert.equal(drop.code, 0, drop.stderr);
    assert.match(drop.stderr, /dropped Local Root <root@localhost>/);
    const ex2 = await runCliAsync(['export', '-o', out, '--force'], { cwd: other.dir });
    assert.equal(ex2.code, 0, ex2.stderr);
  });
});

describe('names are kept as typed', () => {
  it('"(Acme Corp)" and "$(x)" stay in the name, quoted in the header, and git send-email sends them so', async () => {
    for (const a of ['Rep Orter (Acme Corp) <rep2@acme.example>', 'Ann $(x) Lee <ann@example.org>']) {
      const add = await runCliAsync(['cc', '--add', a], { cwd: r.dir });
      assert.equal(add.code, 0, add.stderr);
    }
    const list = (await cc()).cc;
    assert.equal(list.find((p) => p.email === 'rep2@acme.example')?.address, '"Rep Orter (Acme Corp)" <rep2@acme.example>');
    assert.equal(list.find((p) => p.email === 'ann@example.org')?.address, '"Ann $(x) Lee" <ann@example.org>');
    const ex = await runCliAsync(['export', '-o', join(pad.dir(), 'names'), '--force'], { cwd: r.dir });
    assert.equal(ex.code, 0, ex.stderr);
    const cmd = JSON.parse((await runCliAsync(['send-cmd', '--json'], { cwd: r.dir })).stdout) as { argv: string[]; shell: string };
    // The shell line too: run as sh would, nothing in the names is expanded.
    const dry = spawnSync('sh', ['-c', `${cmd.shell} --dry-run --confirm=never`], { cwd: r.dir, env: hermeticEnv(), encoding: 'utf8' });
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /"Rep Orter \(Acme Corp\)" <rep2@acme\.example>/);
    assert.match(dry.stdout, /"Ann \$\(x\) Lee" <ann@example\.org>/);
  });
});

describe('dropping someone you added', () => {
  it('cc --drop says who was dropped and lists them; cc --undrop brings them back as added', async () => {
    assert.equal((await runCliAsync(['cc', '--add', 'Zed Zee <zed@example.org>'], { cwd: r.dir })).code, 0);
    const drop = await runCliAsync(['cc', '--drop', 'zed@example.org'], { cwd: r.dir });
    assert.equal(drop.code, 0, drop.stderr);
    assert.match(drop.stderr, /dropped Zed Zee <zed@example\.org>/);
    assert.doesNotMatch(drop.stderr, /not among the recipients/);
    assert.match(drop.stdout, /Dropped by you[^\n]*\n\s+Zed Zee <zed@example\.org>/);
    let now = await cc();
    assert.ok(now.dropped.some((p) => p.email === 'zed@example.org'));
    assert.ok(![...now.to, ...now.cc].some((p) => p.email === 'zed@example.org'));
    const undrop = await runCliAsync(['cc', '--undrop', 'zed@example.org'], { cwd: r.dir });
    assert.equal(undrop.code, 0, undrop.stderr);
    now = await cc();
    assert.equal(now.cc.find((p) => p.email === 'zed@example.org')?.address, 'Zed Zee <zed@example.org>');
    assert.ok(!now.dropped.some((p) => p.email === 'zed@example.org'));
    const again = await runCliAsync(['cc', '--undrop', 'zed@example.org'], { cwd: r.dir });
    assert.match(again.stderr, /was not dropped/);
  });
});
