import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hermeticProcess, runCli, scratch, type TestRepo } from '../helpers/repo.js';
import { setCover } from '../helpers/ops.js';
import { UsageError } from '../../src/errors.js';
import type { CoverChanges } from '../../src/ops/cover.js';

// src/ runs git in this process (the demo): give it the hermetic environment.
hermeticProcess();

const scratchpad = scratch('pp-cover-');
function twoPatches(): TestRepo {
  const r = scratchpad.repo();
  r.commit('zorb: add the driver\n\nSigned-off-by: Test Author <author@test.example>\n', { 'zorb.c': 'int zorb;\n' });
  r.commit('zorb: add migration\n\nSigned-off-by: Test Author <author@test.example>\n', { 'zorb.c': 'int zorb;\nint mig;\n' });
  return r;
}

test('cover sets title, body and prefixes, and prints the letter with shortlog, diffstat and base-commit', () => {
  const r = twoPatches();
  const res = runCli(['cover', '--title', 'vfio/zorb: a new variant driver', '--body', 'This adds zorb.', '--prefix', 'rfc', '--prefix', 'net-next'], {
    cwd: r.dir,
  });
  assert.equal(res.code, 0, res.stderr);
  const base = r.git(['rev-parse', 'master']).trim();
  assert.match(res.stdout, /^Subject: \[RFC PATCH net-next 0\/2\] vfio\/zorb: a new variant driver\n\nThis adds zorb\.\n/);
  assert.match(res.stdout, /Test Author \(2\):\n  zorb: add the driver\n  zorb: add migration\n/);
  assert.match(res.stdout, / zorb\.c \| 2 \+\+\n 1 file changed, 2 insertions\(\+\)/);
  assert.ok(res.stdout.includes(`base-commit: ${base}`));
  // Remembered: a bare `cover` prints the same letter.
  const again = runCli(['cover', '--json'], { cwd: r.dir });
  const j = JSON.parse(again.stdout);
  assert.equal(j.subject, '[RFC PATCH net-next 0/2] vfio/zorb: a new variant driver');
  assert.deepEqual(j.prefixes, ['RFC', 'net-next']);
  assert.equal(j.single, false);
  // --no-rfc drops only RFC.
  const norfc = runCli(['cover', '--no-rfc', '--json'], { cwd: r.dir });
  assert.equal(JSON.parse(norfc.stdout).subject, '[PATCH net-next 0/2] vfio/zorb: a new variant driver');
});

test('without any text the cover is seeded from the branch description, and git placeholders mark what is missing', () => {
  const r = twoPatches();
  const bare = runCli(['cover'], { cwd: r.dir });
  assert.equal(bare.code, 0, bare.stderr);
  assert.match(bare.stdout, /\*\*\* SUBJECT HERE \*\*\*/);
  assert.match(bare.stderr, /no title yet/);
  r.git(['config', 'branch.topic.description', 'zorb: from the description\n\nFirst paragraph\nof the body.']);
  const res = runCli(['cover', '--json'], { cwd: r.dir });
  const j = JSON.parse(res.stdout);
  assert.equal(j.subject, '[PATCH 0/2] zorb: from the description');
  assert.equal(j.source, 'description');
  assert.match(j.text, /^First paragraph\nof the body\.\n/);
  // Setting only the prefix keeps the seeded text in the state.
  runCli(['cover', '--rfc'], { cwd: r.dir });
  r.git(['config', '--unset', 'branch.topic.description']);
  assert.equal(JSON.parse(runCli(['cover', '--json'], { cwd: r.dir }).stdout).subject, '[RFC PATCH 0/2] zorb: from the description');
});

test('a b4 cover commit seeds the letter and is not exported as a patch', () => {
  const r = twoPatches();
  // b4's default strategy keeps the cover as an empty commit first in the series.
  const base = r.git(['rev-parse', 'master']).trim();
  const tracking = JSON.stringify({ series: { revision: 1, 'change-id': '20260101-zorb-1a2b3c', prefixes: ['RFC'] } });
  r.git(['checkout', '-q', '-b', 'b4/zorb', base]);
  r.commit(
    `vfio/zorb: from b4\n\nb4 body text.\n\n--- b4-submit-tracking ---\n# This section is used internally by b4 prep\n${tracking}\n`,
    {},
    { allowEmpty: true },
  );
  r.git(['cherry-pick', 'master..topic']);
  const res = runCli(['cover', '--json'], { cwd: r.dir });
  assert.equal(res.code, 0, res.stderr);
  const j = JSON.parse(res.stdout);
  assert.equal(j.subject, '[RFC PATCH 0/2] vfio/zorb: from b4');
  assert.match(j.text, /^b4 body text\.\n/);
  assert.doesNotMatch(j.text, /b4-submit-tracking/);
  assert.match(j.text, /\(2\):\n  zorb: add the driver\n  zorb: add migration\n\n/);
});

test('a single patch gets no cover letter: the text goes below its --- line', () => {
  const r = scratchpad.repo();
  r.commit('zorb: one fix\n\nSigned-off-by: Test Author <author@test.example>\n', { 'z.c': 'x\n' });
  const res = runCli(['cover', '--body', 'Tested on a Zorb 3000.', '--json'], { cwd: r.dir });
  assert.equal(res.code, 0, res.stderr);
  const j = JSON.parse(res.stdout);
  assert.equal(j.single, true);
  assert.equal(j.subject, '[PATCH] zorb: one fix');
  assert.match(j.text, /^Tested on a Zorb 3000\.\n\n z\.c \| 1 \+\n/);
  assert.equal(res.stderr, '');
  // A title has nowhere to go: said on stderr, not silently dropped.
  const titled = runCli(['cover', '--title', 'zorb: a title'], { cwd: r.dir });
  assert.equal(titled.code, 0, titled.stderr);
  assert.match(
    titled.stderr,
    /^note: a single patch has no cover letter, so the title is not used: the subject is the patch's own \("\[PATCH\] zorb: one fix"\).*below the --- line/,
  );
  assert.match(titled.stdout, /^Subject: \[PATCH\] zorb: one fix$/m);
});

test('--edit opens GIT_EDITOR with help below a scissors line; what is above it is kept, #include lines too', () => {
  const r = twoPatches();
  const script = join(r.dir, '.git', 'fake-editor.sh');
  const seen = join(r.dir, '.git', 'seen.txt');
  // The user replaces the text above the scissors line and leaves the help below it alone.
  writeFileSync(
    script,
    `#!/bin/sh\ncp "$1" '${seen}'\n{ printf 'Edited title\\n\\nEdited body:\\n#include <linux/vfio.h>\\n# not a comment\\n\\n'; sed -n '/^# -* >8 -*$/,$p' '${seen}'; } > "$1"\n`,
  );
  chmodSync(script, 0o755);
  const res = runCli(['cover', '--edit', '--json'], { cwd: r.dir, env: { GIT_EDITOR: script } });
  assert.equal(res.code, 0, res.stderr);
  const shown = readFileSync(seen, 'utf8');
  assert.match(shown, /\n\n# -{24} >8 -{24}\n# Do not modify or remove the line above\.\n/);
  assert.match(shown, /^# Version: v1$/m);
  assert.match(shown, /^#   zorb: add the driver$/m);
  const j = JSON.parse(res.stdout);
  assert.equal(j.title, 'Edited title');
  assert.equal(j.body, 'Edited body:\n#include <linux/vfio.h>\n# not a comment');
  // With the scissors line deleted, only the help lines patchpilot wrote are removed.
  writeFileSync(script, `#!/bin/sh\n{ printf 'Title two\\n\\n#define X 1\\n'; grep '^#' '${seen}' | grep -v '>8'; } > "$1"\n`);
  const two = runCli(['cover', '--edit', '--json'], { cwd: r.dir, env: { GIT_EDITOR: script } });
  assert.equal(two.code, 0, two.stderr);
  assert.equal(JSON.parse(two.stdout).body, '#define X 1');
  // An editor that fails changes nothing.
  const bad = runCli(['cover', '--edit'], { cwd: r.dir, env: { GIT_EDITOR: 'false' } });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /exited with status 1/);
  assert.equal(JSON.parse(runCli(['cover', '--json'], { cwd: r.dir }).stdout).title, 'Title two');
});

test('-o writes the letter to a file', () => {
  const r = twoPatches();
  const out = join(r.dir, '.git', 'cover.txt');
  const res = runCli(['cover', '--title', 'T', '-o', out], { cwd: r.dir });
  assert.equal(res.code, 0, res.stderr);
  assert.equal(readFileSync(out, 'utf8'), res.stdout);
  const bad = runCli(['cover', '-o', join(r.dir, 'zorb.c', 'x.txt')], { cwd: r.dir });
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
});

test('bad input is one line and exit 2: a title with a newline, an unknown prefix syntax, --changes on v1', async () => {
  const r = twoPatches();
  // Input holding line breaks, the option parsing and --body-file run the CLI; the other refusals are the cover
  // operation's own (UsageError, one line) and are checked on it in this process (setCover: what cover calls).
  for (const [args, re] of [
    [['--title', 'one\ntwo'], /one line/],
    [['--prefix', 'RFC\nX'], /subject prefix "RFC\\nX" is not one word/],
    [['--prefix', 'RFC\r\u2028X'], /subject prefix "RFC\\r\\u2028X"/],
    [['--body-file', '/nonexistent/a\nb'], /cannot read "\/nonexistent\/a\\nb"/],
    [['--body', 'x', '--body-file', 'y'], /not both/],
    [['--body-file', '/nonexistent/file'], /cannot read/],
  ] as [string[], RegExp][]) {
    const res = runCli(['cover', ...args], { cwd: r.dir });
    assert.equal(res.code, 2, `${args.join(' ')}: ${res.stdout}`);
    assert.match(res.stderr, re);
    assert.equal(res.stderr.trim().split('\n').length, 1);
  }
  for (const [change, re] of [
    [{ prefixes: ['net next'] }, /subject prefix "net next"/],
    [{ prefixes: ['[RFC]'] }, /subject prefix/],
    [{ prefixes: ['v3'] }, /numbers versions itself/],
    [{ prefixes: ['PATCH'] }, /always in the subject/],
    [{ changes: 'x' }, /v2 and later/],
  ] as [CoverChanges, RegExp][]) {
    await assert.rejects(
      setCover(r.dir, change),
      (e: Error) => e instanceof UsageError && re.test(e.message) && !e.message.includes('\n'),
      JSON.stringify(change),
    );
  }
  assert.ok(
    !existsSync(join(r.dir, '.git', 'patchpilot', 'topic.json')) ||
      !readFileSync(join(r.dir, '.git', 'patchpilot', 'topic.json'), 'utf8').includes('one\\ntwo'),
  );
});

test('the acceptance answers become their own section, and --edit lists the recipients', async () => {
  const { createDemo } = await import('../../src/demo/index.js');
  const { updateState } = await import('../../src/store/state.js');
  const parent = scratchpad.dir();
  const { root } = await createDemo(join(parent, 'demo'));
  updateState(join(root, '.git'), 'zorb-vfio', (s) => {
    s.answers['vfio.device-docs.state'] = { text: 'A header, then the VF registers.', at: '2026-01-01T00:00:00Z' };
    s.answers['vfio.userspace-data'] = { confirmed: true, note: 'resume_write bounds-checks every write.', at: '2026-01-01T00:00:00Z' };
  });
  const res = runCli(['cover', '--title', 'vfio/zorb: driver', '--body', 'Body.'], { cwd: root });
  assert.equal(res.code, 0, res.stderr);
  assert.match(
    res.stdout,
    /\n\nBody\.\n\nDevice-specific extensions:\n\n- How the device state is composed and consumed:\n  A header, then the VF registers\.\n\nUserspace data:\n\n  resume_write bounds-checks every write\.\n\nSam Submitter \(3\):/,
  );
  const script = join(parent, 'ed.sh');
  const seen = join(parent, 'seen.txt');
  writeFileSync(script, `#!/bin/sh\ncp "$1" '${seen}'\n`);
  chmodSync(script, 0o755);
  assert.equal(runCli(['cover', '--edit'], { cwd: root, env: { GIT_EDITOR: script } }).code, 0);
  assert.match(readFileSync(seen, 'utf8'), /^# To:\n#   Pat Parent <pat\.parent@acme\.example>$/m);
});
