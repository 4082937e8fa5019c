import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitOut, hermeticEnv, hermeticProcess, runCli, scratch, type TestRepo } from '../helpers/repo.js';
import { changeCc, setCover } from '../helpers/ops.js';
import { createDemo } from '../../src/demo/index.js';
import { exportSeries, prepare, type Mailbox, type RecipientPlan } from '../../src/letter/export.js';
import { readSeries } from '../../src/ops/branch.js';
import { loadState } from '../../src/store/state.js';
import { sendCommand, suppressCcClasses } from '../../src/letter/send-command.js';
import { shellJoin, shellQuote } from '../../src/text/shell.js';

// src/ runs git in this process: give it the hermetic environment.
hermeticProcess();

const scratchpad = scratch('pp-send-');
const tmp = () => scratchpad.dir();

const sh = (cmd: string, cwd: string, env: Record<string, string> = {}) => spawnSync('sh', ['-c', cmd], { cwd, encoding: 'utf8', env: hermeticEnv(env) });

test('shellQuote passes every byte literally through a POSIX shell', () => {
  const nasty = [
    "O'Brien `touch x`",
    '$(touch y) $HOME ${PATH}',
    'a"b\\c',
    'tab\there',
    'new\nline',
    'Zoë Ölund 李',
    '-n',
    '',
    '=x',
    '~root',
    '*',
    'a;b|c&d',
    "''",
  ];
  const d = tmp();
  const r = sh(`printf '%s\\0' ${shellJoin(nasty)}`, d);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.split('\0').slice(0, -1), nasty);
  assert.deepEqual(readdirSync(d), []);
  assert.equal(shellQuote('plain-word_1.2/x@y:z,'), 'plain-word_1.2/x@y:z,');
  assert.equal(shellQuote("it's"), `'it'\\''s'`);
});

const SUB = { name: 'Test Author', email: 'author@test.example' };
const MAINT: Mailbox = { name: "O'Brien `touch x`", email: 'obrien@maint.example' };
const DOLLAR: Mailbox = { name: 'Dee $(touch y) Dollar', email: 'dee@maint.example' };
const COMMA: Mailbox = { name: 'Doe, Jane', email: 'jane@review.example' };
const UNI: Mailbox = { name: 'Zoë Ölund', email: 'zoe@review.example' };
const LIST: Mailbox = { name: '', email: 'zorb@lists.example' };

function series(): TestRepo {
  const r = scratchpad.repo();
  r.commit(
    `zorb: add the driver\n\nReviewed-by: Doe, Jane <jane@review.example>\nCc: Dropped Person <dropped@else.example>\nSigned-off-by: ${SUB.name} <${SUB.email}>\n`,
    { 'a.c': 'a\n' },
  );
  r.commit(`zorb: add migration\n\nAcked-by: Zoë Ölund <zoe@review.example>\nSigned-off-by: ${SUB.name} <${SUB.email}>\n`, { 'b.c': 'b\n' });
  r.git(['config', 'branch.topic.description', 'zorb: a new driver\n\nThe body.']);
  return r;
}

/** A sendmail stand-in: one file of arguments and one of the message per call. */
function captureScript(): { cmd: string; dir: string } {
  const d = tmp();
  const dir = join(d, 'captured');
  mkdirSync(dir);
  const script = join(d, 'sendmail.sh');
  writeFileSync(script, `#!/bin/sh\nn=$(ls '${dir}' | grep -c 'args$')\nprintf '%s\\n' "$@" > '${dir}'/$n.args\ncat > '${dir}'/$n.mail\n`);
  chmodSync(script, 0o755);
  return { cmd: script, dir };
}

function captured(dir: string): { rcpts: string[]; mail: string }[] {
  const n = readdirSync(dir).filter((f) => f.endsWith('.args')).length;
  return Array.from({ length: n }, (_, i) => ({
    rcpts: readFileSync(join(dir, `${i}.args`), 'utf8')
      .split('\n')
      .filter((a) => a && !a.startsWith('-'))
      .sort(),
    mail: readFileSync(join(dir, `${i}.mail`), 'utf8'),
  }));
}

/**
 * sendemail.* settings that would each change who gets the mail if the
 * command did not switch them off: addresses from config (also an
 * identity's), to/cc commands printing `adds`, the cover's To/Cc copied to
 * every patch, and the old-style switches that overrule --suppress-cc.
 */
function hostileSendemailConfig(repoDir: string, adds: string): void {
  const script = join(tmp(), 'adds.sh');
  writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' ${shellQuote(adds)}\n`);
  chmodSync(script, 0o755);
  for (const [k, v] of [
    ['sendemail.to', 'listto@cfg.example'],
    ['sendemail.cc', 'extra@cfg.example'],
    ['sendemail.bcc', 'bcc@cfg.example'],
    ['sendemail.identity', 'work'],
    ['sendemail.work.bcc', 'identity-bcc@cfg.example'],
    ['sendemail.toCmd', script],
    ['sendemail.ccCmd', script],
    ['sendemail.toCover', 'true'],
    ['sendemail.ccCover', 'true'],
    ['sendemail.signedOffByCc', 'true'],
    ['sendemail.suppressFrom', 'false'],
    ['sendemail.suppressCc', 'author'],
  ])
    gitOut(repoDir, ['config', k!, v!]);
}

async function exportAndCommand(r: TestRepo, plan: RecipientPlan) {
  const s = await readSeries({ repoDir: r.dir });
  const p = await prepare(s, loadState(s.repo.commonDir, s.branch!));
  const rec = await exportSeries(p, plan, join(tmp(), 'out'));
  return { rec, cmd: sendCommand(rec, suppressCcClasses(rec, s.commits)) };
}

test('the printed command, run for real, sends the cover and every patch to exactly the chosen recipients, and runs nothing', async () => {
  const r = series();
  r.git(['config', 'user.name', SUB.name]);
  r.git(['config', 'user.email', SUB.email]);
  // The submitter dropped dropped@else.example (a Cc: line in patch 1): git must not add it back.
  const plan: RecipientPlan = { to: [MAINT, DOLLAR], cc: [LIST, COMMA, UNI] };
  const { rec, cmd } = await exportAndCommand(r, plan);
  assert.deepEqual(
    cmd.argv.filter((a) => a.startsWith('--suppress-cc')),
    ['--suppress-cc=self', '--suppress-cc=misc-by', '--suppress-cc=bodycc', '--suppress-cc=cccmd'],
    cmd.shell,
  );
  // git send-email applies --no-to/--no-cc to the config only; ours come after them in any case.
  const at = (a: string) => cmd.argv.findIndex((x) => x.startsWith(a));
  assert.ok(at('--no-to') < at('--to=') && at('--no-cc') < at('--cc=') && at('--no-bcc') > 0, cmd.shell);
  const cap = captureScript();
  r.git(['config', 'sendemail.sendmailCmd', cap.cmd]);
  hostileSendemailConfig(r.dir, 'Dropped Person <dropped@else.example>');
  const dry = sh(cmd.dryRunShell, r.dir);
  assert.equal(dry.status, 0, dry.stderr);
  assert.deepEqual(readdirSync(cap.dir), [], 'the dry run sends nothing');
  const res = sh(cmd.shell, r.dir);
  assert.equal(res.status, 0, res.stderr + res.stdout);
  const sent = captured(cap.dir);
  assert.equal(sent.length, 3);
  const expected = [...plan.to, ...plan.cc].map((m) => m.email).sort();
  for (const m of sent) assert.deepEqual(m.rcpts, expected);
  // Headers as exported: the names arrive intact, the files' Message-Ids are kept and the patches thread to the cover.
  assert.match(sent[0]!.mail, /^To: O'Brien `touch x` <obrien@maint\.example>,\s+"?Dee \$\(touch y\) Dollar"? <dee@maint\.example>$/m);
  assert.match(sent[0]!.mail, /^Cc: zorb@lists\.example,\s+"Doe, Jane" <jane@review\.example>,\s+=\?UTF-8\?q\?Zo=C3=AB/im);
  assert.match(sent[0]!.mail, new RegExp(`^Message-I[dD]: ${rec.coverMessageId!.replace(/[.+]/g, '\\$&')}$`, 'm'));
  for (const m of sent.slice(1)) assert.match(m.mail, new RegExp(`^In-Reply-To: ${rec.coverMessageId!.replace(/[.+]/g, '\\$&')}$`, 'm'));
  for (const d of [r.dir, tmp()]) assert.ok(!existsSync(join(d, 'x')) && !existsSync(join(d, 'y')), 'no command ran');
});

test('per-patch mode: each patch reaches its own recipients, the cover the union, with no prompt for To', async () => {
  const r = series();
  const shas = r.git(['rev-list', '--reverse', 'master..topic']).trim().split('\n');
  const plan: RecipientPlan = {
    to: [MAINT],
    cc: [LIST, COMMA, UNI],
    perPatch: [
      { sha: shas[0]!, to: [MAINT], cc: [COMMA] },
      { sha: shas[1]!, to: [], cc: [LIST, UNI] },
    ],
  };
  const { cmd } = await exportAndCommand(r, plan);
  assert.ok(!cmd.argv.some((a) => a.startsWith('--to=') || a.startsWith('--cc=')));
  const cap = captureScript();
  r.git(['config', 'sendemail.sendmailCmd', cap.cmd]);
  // Per patch there is no --to/--cc to displace sendemail.to/cc: --no-to/--no-cc must, and ccCover must not copy the cover's Cc.
  hostileSendemailConfig(r.dir, 'Cmd Person <cmd@cfg.example>');
  const res = sh(cmd.shell, r.dir);
  assert.equal(res.status, 0, res.stderr + res.stdout);
  const sent = captured(cap.dir);
  assert.deepEqual(
    sent.map((m) => m.rcpts),
    [
      ['jane@review.example', 'obrien@maint.example', 'zoe@review.example', 'zorb@lists.example'],
      ['jane@review.example', 'obrien@maint.example'],
      ['zoe@review.example', 'zorb@lists.example'],
    ],
  );
});

test('suppress-cc keeps git adding only what is on the lists: nothing dropped, only self', async () => {
  const r = series();
  const drop = { name: 'Dropped Person', email: 'dropped@else.example' };
  const s = await readSeries({ repoDir: r.dir });
  const { rec } = await exportAndCommand(r, { to: [MAINT], cc: [COMMA, UNI, drop] });
  // "Reviewed-by: Doe, Jane <...>" would reach git as a recipient "Doe": misc-by is off even though Jane is on the list.
  assert.deepEqual(suppressCcClasses(rec, s.commits), ['self', 'misc-by']);
  const q = scratchpad.repo();
  q.commit('zorb: quoted\n\nReviewed-by: "Doe, Jane" <jane@review.example>\nCc: Dropped Person <dropped@else.example>\n', { 'q.c': 'q\n' });
  q.commit('zorb: more\n\nAcked-by: Zoë Ölund <zoe@review.example>\n', { 'r.c': 'r\n' });
  q.git(['config', 'branch.topic.description', 'zorb: quoted']);
  const s2 = await readSeries({ repoDir: q.dir });
  const { rec: rec1 } = await exportAndCommand(q, { to: [MAINT], cc: [COMMA, UNI, drop] });
  assert.deepEqual(suppressCcClasses(rec1, s2.commits), ['self']);
  const { rec: rec2 } = await exportAndCommand(q, { to: [MAINT], cc: [COMMA, UNI] });
  assert.deepEqual(suppressCcClasses(rec2, s2.commits), ['self', 'bodycc']);
});

// ---- the commands as a user runs them, on the demo repository --------------------
// What a test only sets up (the cover's text, a recipient choice it does not test) goes through src/ops in-process
// (test/helpers/ops.ts); the commands under test (cc --json, export, send-cmd, sent) run as the CLI.

const OBRIEN = "O'Brien `touch x` <obrien@acme.example>";

let demoTemplate: Promise<string> | undefined;

/** A copy of the demo repository, built once for this file. */
async function demo(): Promise<string> {
  demoTemplate ??= createDemo(join(tmp(), 'demo')).then((d) => d.root);
  return scratchpad.copy(await demoTemplate).dir;
}

function okIn(root: string) {
  return (args: string[], env?: Record<string, string>) => {
    const r = runCli(args, { cwd: root, env });
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    return r;
  };
}

test("the command send-cmd prints, run for real, sends every file to exactly the recipients cc shows, and O'Brien `touch x` runs nothing", async () => {
  const root = await demo();
  const ok = okIn(root);
  await setCover(root, { title: 'vfio/zorb: a variant driver for Acme Zorb VFs', body: 'Live migration for Zorb VFs.' });
  // Chen is in the trailers (Co-developed-by, Signed-off-by): dropped, git must not bring Chen back.
  await changeCc(root, { add: [OBRIEN], drop: ['chen@submitter.example'] });
  const cc = JSON.parse(ok(['cc', '--json']).stdout);
  const expected = [...cc.to, ...cc.cc].map((r: { email: string }) => r.email).sort();
  assert.ok(expected.includes('obrien@acme.example') && !expected.includes('chen@submitter.example'));
  const out = join(tmp(), 'out');
  const printed = ok(['send-cmd', '-o', out, '--force']).stdout;
  const send = printed.slice(printed.indexOf('# Send\n') + '# Send\n'.length);
  assert.match(send, /^git send-email /);
  assert.match(send, /--suppress-cc=sob/);
  const cap = captureScript();
  gitOut(root, ['config', 'sendemail.sendmailCmd', cap.cmd]);
  // The user's report: a dropped reviewer whom a ccCmd would bring back, and addresses in the config.
  await changeCc(root, { drop: ['vic@vfio.example'] });
  hostileSendemailConfig(root, 'Vic Helper <vic@vfio.example>');
  const expected2 = expected.filter((e: string) => e !== 'vic@vfio.example');
  const printed2 = ok(['send-cmd', '-o', out, '--force']).stdout;
  const send2 = printed2.slice(printed2.indexOf('# Send\n') + '# Send\n'.length);
  assert.match(send2, /--no-signed-off-by-cc/, 'signedOffByCc=true would bring Chen back');
  const r = spawnSync('sh', ['-c', send2], { cwd: root, encoding: 'utf8', env: hermeticEnv() });
  assert.equal(r.status, 0, r.stderr + r.stdout);
  const got = captured(cap.dir).map((m) => m.rcpts);
  assert.equal(got.length, 4, 'the cover letter and three patches');
  for (const g of got) assert.deepEqual(g, expected2);
  assert.ok(!existsSync(join(root, 'x')), 'the backticks ran nothing');
  const mail = readFileSync(join(cap.dir, '0.mail'), 'utf8');
  assert.match(mail, /O'Brien `touch x` <obrien@acme\.example>/);
});

test('v1 -> v2 end to end: sent takes the exported Message-ID, amend, cover shows v2 with changelog and range-diff, export threads to v1', async () => {
  const root = await demo();
  const ok = okIn(root);
  await setCover(root, { title: 'vfio/zorb: a variant driver', body: 'Body.' });
  const v1 = JSON.parse(ok(['export', '-o', join(tmp(), 'v1'), '--json', '--force']).stdout);
  const sent = JSON.parse(ok(['sent', '--json']).stdout);
  assert.equal(sent.messageId, v1.coverMessageId);
  assert.equal(sent.tag, 'zorb-vfio-v1');
  // Amend the last commit, as after review.
  gitOut(root, [
    'commit',
    '-q',
    '--amend',
    '-m',
    'MAINTAINERS: add entry for the Acme Zorb vfio-pci driver (v2)\n\nSigned-off-by: Sam Submitter <sam@submitter.example>\n',
  ]);
  const cover = ok(['cover', '--changes', 'reworded the MAINTAINERS patch']).stdout;
  assert.match(cover, /^Subject: \[PATCH v2 0\/3\] vfio\/zorb: a variant driver\n/);
  assert.match(cover, /Changes in v2:\n- reworded the MAINTAINERS patch\n- Link to v1: https:\/\/lore\.kernel\.org\/r\/cover\./);
  assert.match(cover, /Range-diff against v1:\n/);
  // A new version starts a new thread unless asked; asked once, the branch keeps the choice.
  const fresh = JSON.parse(ok(['export', '-o', join(tmp(), 'v2new'), '--json', '--force']).stdout);
  assert.equal(fresh.inReplyTo, undefined);
  const v2 = JSON.parse(ok(['export', '-o', join(tmp(), 'v2'), '--thread-to-previous', '--json', '--force']).stdout);
  assert.equal(v2.inReplyTo, v1.coverMessageId);
  const text = readFileSync(v2.files[0], 'utf8');
  assert.match(text, new RegExp(`^In-Reply-To: ${v1.coverMessageId.replace(/[.+]/g, '\\$&')}$`, 'm'));
  const cmd = JSON.parse(ok(['send-cmd', '--json']).stdout);
  assert.ok(cmd.argv.includes(`--in-reply-to=${v1.coverMessageId}`));
  // Changing the letter after the export makes the export stale: send-cmd says so instead of sending old files.
  ok(['cover', '--body', 'Body, reworded.']);
  const reworded = runCli(['send-cmd'], { cwd: root });
  assert.equal(reworded.code, 2);
  assert.match(reworded.stderr, /out of date \(the cover letter changed since\)/);
  ok(['export', '-o', v2.dir, '--force']);
  ok(['send-cmd']);
  // So does amending.
  gitOut(root, ['commit', '-q', '--amend', '--no-edit', '--allow-empty']);
  gitOut(root, ['commit', '-q', '--amend', '-m', 'MAINTAINERS: add entry (v2, again)\n\nSigned-off-by: Sam Submitter <sam@submitter.example>\n']);
  const stale = runCli(['send-cmd'], { cwd: root });
  assert.equal(stale.code, 2);
  assert.match(stale.stderr, /out of date \(the branch changed since\)/);
});

test('export and send-cmd usage errors are one line, exit 2', async () => {
  const root = await demo();
  // A letter that passes the export's guards, so what is left is the usage error.
  await setCover(root, { title: 'vfio/zorb: a variant driver', body: 'Body.' });
  for (const [args, re] of [
    [['export'], /-o DIR/],
    [['send-cmd'], /nothing exported yet/],
    [['export', '-o', join(root, 'MAINTAINERS', 'out'), '--force'], /cannot write to .*: a part of the path is a file/],
    [['export', '-o', join(root, 'drivers'), '--force'], /holds other files/],
    [['send-cmd', '--to', 'x'], /unknown option '--to'/],
  ] as [string[], RegExp][]) {
    const r = runCli(args, { cwd: root });
    assert.equal(r.code, 2, r.stdout);
    assert.match(r.stderr, re);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  }
});

test('per patch, a sendemail.suppressCc that would drop each patch Cc: header is refused; series-wide it is harmless', async () => {
  const root = await demo();
  const ok = okIn(root);
  await setCover(root, { title: 'vfio/zorb: a variant driver', body: 'Body.' });
  await changeCc(root, { mode: 'per-patch' });
  gitOut(root, ['config', 'sendemail.suppressCc', 'all']);
  const out = join(tmp(), 'out');
  const r = runCli(['send-cmd', '-o', out, '--force'], { cwd: root });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /sendemail\.suppressCc=all, which makes git send-email ignore the Cc: header each patch carries in per-patch mode/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  await changeCc(root, { mode: 'series' });
  ok(['send-cmd', '-o', out, '--force']);
});

test('sent records the export whose command send-cmd printed, says which, and warns about a later export or one never printed', async () => {
  const root = await demo();
  const ok = okIn(root);
  await setCover(root, { title: 'vfio/zorb: a variant driver', body: 'Body.' });
  const out1 = join(tmp(), 'out1');
  const out2 = join(tmp(), 'out2');
  const e1 = JSON.parse(ok(['export', '-o', out1, '--json', '--force']).stdout);
  ok(['send-cmd']);
  // The user sends out1, then exports again elsewhere only to look. git format-patch makes a Message-ID
  // of <what>.<seconds>.git.<committer address>: two exports within one second differ only if the
  // committer address does, so the second export runs with another one instead of waiting for the clock.
  const e2 = JSON.parse(ok(['export', '-o', out2, '--json', '--force'], { GIT_COMMITTER_EMAIL: 'second-export@test.example' }).stdout);
  assert.notEqual(e1.coverMessageId, e2.coverMessageId);
  const s = runCli(['sent'], { cwd: root });
  assert.equal(s.code, 0, s.stderr);
  assert.ok(s.stdout.includes(`Message-ID: ${e1.coverMessageId} (from the export in ${out1} of ${e1.at.slice(0, 10)} `), s.stdout);
  assert.match(
    s.stderr,
    /^warning: the export in \S*out2 \(.*\) is newer than the one whose command send-cmd printed \(\S*out1, .*\); recorded the Message-ID of the printed one\. If you sent the newer files, correct it now: patchpilot sent --message-id /m,
  );
  assert.ok(s.stderr.includes(e2.coverMessageId));
  assert.equal(loadState(join(root, '.git'), 'zorb-vfio').sent[0]!.messageId, e1.coverMessageId);
  // Corrected right away.
  const fix = JSON.parse(ok(['sent', '--message-id', e2.coverMessageId, '--json']).stdout);
  assert.deepEqual([fix.updated, fix.replaced, fix.messageId], [true, e1.coverMessageId, e2.coverMessageId]);
  // v2: out1 holds v1's files, which an earlier export (not the last one) wrote: they are replaced.
  gitOut(root, ['commit', '-q', '--amend', '-m', 'MAINTAINERS: add entry (v2)\n\nSigned-off-by: Sam Submitter <sam@submitter.example>\n']);
  await setCover(root, { changes: 'reworded' });
  const v2 = JSON.parse(ok(['export', '-o', out1, '--thread-to-previous', '--json', '--force']).stdout);
  assert.deepEqual(
    readdirSync(out1),
    v2.files.map((f: string) => f.slice(out1.length + 1)),
  );
  assert.equal(v2.inReplyTo, e2.coverMessageId);
  // Exported but no command printed for it: recorded, with a warning.
  const j = runCli(['sent', '--json'], { cwd: root });
  assert.equal(j.code, 0, j.stderr);
  const sent2 = JSON.parse(j.stdout);
  assert.deepEqual(
    [sent2.version, sent2.messageId, sent2.messageIdFrom, sent2.export.dir, sent2.export.printed],
    [2, v2.coverMessageId, 'export', out1, false],
  );
  assert.match(sent2.warnings[0], /send-cmd never printed a command for the export in /);
  assert.match(j.stderr, /^warning: send-cmd never printed/);
  // v3: the printed export's directory exported again afterwards: the printed one is recorded, with a warning.
  gitOut(root, ['commit', '-q', '--amend', '-m', 'MAINTAINERS: add entry (v3)\n\nSigned-off-by: Sam Submitter <sam@submitter.example>\n']);
  await setCover(root, { changes: 'reworded again' });
  const v3 = JSON.parse(ok(['send-cmd', '-o', out2, '--json', '--force']).stdout);
  const printedId = readFileSync(v3.files[0], 'utf8').match(/^Message-I[dD]: (.*)$/m)![1];
  await setCover(root, { body: 'Body, once more.' });
  ok(['export', '-o', out2, '--force']);
  const s3 = runCli(['sent', '--json'], { cwd: root });
  assert.equal(s3.code, 0, s3.stderr);
  assert.equal(JSON.parse(s3.stdout).messageId, printedId);
  assert.match(s3.stderr, /^warning: \S*out2 was exported again \(.*\) after send-cmd printed the command for its export of /);
});
