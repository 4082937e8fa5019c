/**
 * Text from other people reaches the terminal escaped, whichever command
 * prints it: a commit subject, author and trailer, MAINTAINERS and .mailmap
 * names, a reply's sender and subject in the import plan. Each of them holds
 * ESC sequences, BEL, CR, a C1 CSI and DEL here; no command may print one raw.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratch, type TestRepo } from '../helpers/repo.js';
import { RAW_CONTROL, runCliAsync } from '../helpers/hostile.js';

const pad = scratch('pp-hout-');
const EVIL = '\u001b]0;owned\u0007\u001b[2J\r\u009b31m\u007f';
let r: TestRepo;
let mbox: string;
before(() => {
  r = pad.repo({
    base: {
      README: 'base\n',
      MAINTAINERS: `ZORB\nM:\tMae ${EVIL} Maint <mae@maint.example>\nR:\tRo${EVIL}Bo <ro@maint.example>\nS:\tMaintained\nF:\tzorb/\n`,
      '.mailmap': `Mapped${EVIL} <ro@maint.example>\n`,
    },
  });
  r.git(['branch', '-q', '--set-upstream-to=master']);
  r.commit(
    `zorb: add ${EVIL} the driver\n\nReviewed-by: Ev${EVIL}il <ev@x.org>\nSigned-off-by: Test Author <author@test.example>\n`,
    { 'zorb/a.c': 'int a;\n' },
    {
      author: { name: `Au${EVIL}thor`, email: 'author@test.example' },
    },
  );
  mbox = join(pad.dir(), 'thread.mbox');
  writeFileSync(
    mbox,
    [
      'From x@y Thu Jan  1 00:00:00 2026',
      `From: Re${EVIL}viewer <rv@x.org>`,
      `Subject: Re: [PATCH] zorb: add ${EVIL} the driver`,
      'Message-ID: <r1@x.org>',
      'Content-Type: text/plain; charset=utf-8',
      '',
      `Reviewed-by: Re${EVIL}viewer <rv@x.org>`,
      '',
    ].join('\n'),
  );
});

describe('printers', () => {
  const commands = [
    ['series'],
    ['cc'],
    ['check', '--no-checkpatch'],
    ['cover'],
    ['trailers', 'list'],
    ['maintainers', '-f', 'zorb/a.c'],
    ['maintainers', '--sections', '-f', 'zorb/a.c'],
    ['trailers', 'import', '--dry-run', '--accept-mismatch', 'MBOX'],
    ['export', '-o', 'OUT', '--force'],
    ['send-cmd'],
  ];
  for (const args of commands) {
    it(`${args.join(' ')} prints no raw control character`, async () => {
      const real = args.map((a) => (a === 'MBOX' ? mbox : a === 'OUT' ? join(pad.dir(), 'out') : a));
      const res = await runCliAsync(real, { cwd: r.dir });
      assert.ok(!res.timedOut && res.code !== 70, `${args.join(' ')}: exit ${res.code}: ${res.stderr}`);
      const bad = RAW_CONTROL.exec(res.stdout + res.stderr);
      assert.equal(
        bad,
        null,
        `${args.join(' ')}: ${JSON.stringify(bad?.[0])} in ${JSON.stringify((res.stdout + res.stderr).slice(Math.max(0, (bad?.index ?? 0) - 40), (bad?.index ?? 0) + 20))}`,
      );
    });
  }
});
