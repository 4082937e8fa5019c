/**
 * Addresses from hostile or unusual input, end to end through the built CLI:
 * quoted local parts keep their quotes from the trailer to the header to the
 * sendmail arguments (what cc shows is who gets the mail), and a local part
 * starting with '-' is refused in one line wherever it enters.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import addrs from 'email-addresses';
import { hermeticEnv, scratch, type TestRepo, hermeticProcess } from '../helpers/repo.js';
import { assertRefusal, runCliAsync } from '../helpers/hostile.js';
import { parseMail } from '../../src/letter/patch-mail.js';

// src/ is imported here: keep any git it runs in-process hermetic.
hermeticProcess();
const pad = scratch('pp-haddr-');
let r: TestRepo;
let work: string;
before(() => {
  work = pad.dir();
  r = pad.repo({ base: { README: 'base\n', MAINTAINERS: 'ZORB\nM:\tMae Maintainer <mae@maint.example>\nS:\tMaintained\nF:\tzorb/\n' } });
  r.git(['branch', '-q', '--set-upstream-to=master']);
  r.commit('zorb: one\n\nSigned-off-by: Test Author <author@test.example>\n', { 'zorb/a.c': 'int a;\n' });
});

describe('quoted local parts', () => {
  it('a trailer with "a b;c"@b.c is committed quoted and is not flagged malformed', async () => {
    const add = await runCliAsync(['trailers', 'add', '--all', 'Reviewed-by: Tess Quote <"a b;c"@b.c>'], { cwd: r.dir });
    assert.equal(add.code, 0, add.stderr);
    assert.match(r.git(['log', '-1', '--format=%B']), /^Reviewed-by: Tess Quote <"a b;c"@b\.c>$/m);
    const check = await runCliAsync(['check', '--json', '--no-checkpatch'], { cwd: r.dir });
    const syntax = JSON.parse(check.stdout).items.find((i: { id: string }) => i.id === 'kernel.trailer-syntax');
    assert.equal(syntax.status, 'pass', JSON.stringify(syntax));
  });

  it('cc --add "g h"@x.org: cc, the exported headers and the send-email arguments all name "g h"@x.org, and git send-email delivers there', async () => {
    assert.equal((await runCliAsync(['cc', '--add', '"g h"@x.org'], { cwd: r.dir })).code, 0);
    const cc = JSON.parse((await runCliAsync(['cc', '--json'], { cwd: r.dir })).stdout) as { to: { email: string }[]; cc: { email: string }[] };
    const shown = [...cc.to, ...cc.cc].map((x) => x.email).sort();
    assert.deepEqual(shown, ['"a b;c"@b.c', '"g h"@x.org', 'mae@maint.example']);
    const out = join(work, 'out');
    const exp = await runCliAsync(['export', '-o', out, '--force'], { cwd: r.dir });
    assert.equal(exp.code, 0, exp.stderr);
    const [file] = readdirSync(out);
    const head = parseMail(readFileSync(join(out, file!))).head;
    const listed = head
      .filter((h) => /^(to|cc):/i.test(h))
      .flatMap(
        (h) => (addrs.parseAddressList(h.slice(h.indexOf(':') + 1).replace(/\n\s+/g, ' ')) ?? []) as { address: string; local: string; domain: string }[],
      )
      .map((a) => `${/^[\w.+-]+$/.test(a.local) ? a.local : `"${a.local}"`}@${a.domain}`)
      .sort();
    assert.deepEqual(listed, shown, 'the headers name exactly what cc shows');
    // git send-email through a sendmail stand-in: the recipients it is given are what cc shows.
    const capDir = join(work, 'cap');
    mkdirSync(capDir);
    const script = join(work, 'sendmail.sh');
    writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' "$@" > '${capDir}'/args\ncat > '${capDir}'/mail\n`);
    chmodSync(script, 0o755);
    r.git(['config', 'sendemail.sendmailCmd', script]);
    const cmd = JSON.parse((await runCliAsync(['send-cmd', '--json'], { cwd: r.dir })).stdout) as { argv: string[] };
    assert.ok(cmd.argv.includes('--cc="g h"@x.org'), cmd.argv.join(' '));
    const sent = spawnSync(cmd.argv[0]!, [...cmd.argv.slice(1), '--confirm=never', '--quiet'], {
      cwd: r.dir,
      env: hermeticEnv(),
      encoding: 'utf8',
    });
    assert.equal(sent.status, 0, sent.stderr);
    const rcpts = readFileSync(join(capDir, 'args'), 'utf8')
      .split('\n')
      .filter((a) => a && a !== '-i')
      .sort();
    assert.deepEqual(rcpts, shown);
  });
});

describe("a local part starting with '-'", () => {
  for (const args of [
    ['cc', '--add', '-oX@x.org'],
    ['cc', '--add=-oX@x.org'],
    ['cc', '--add', 'Evil <-oQ/tmp/x@x.org>'],
    ['trailers', 'add', '--all', 'Reviewed-by: Evil <-oX@x.org>'],
  ]) {
    it(`${args.join(' ')}: one line, exit 2`, async () => {
      assertRefusal(await runCliAsync(args, { cwd: r.dir }), /-o(X|Q)/, args.join(' '));
    });
  }
});
