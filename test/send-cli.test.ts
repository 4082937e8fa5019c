import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HERMETIC_ENV, runCli, gitOut } from './helpers/repo.js';
import { createDemo } from '../src/demo/index.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'pp-sendcli-'));
  dirs.push(d);
  return d;
}
const OBRIEN = "O'Brien `touch x` <obrien@acme.example>";

async function demo(): Promise<string> {
  const { root } = await createDemo(join(tmp(), 'demo'));
  return root;
}

function capture(): { cmd: string; dir: string } {
  const d = tmp();
  const dir = join(d, 'captured');
  mkdirSync(dir);
  const script = join(d, 'sendmail.sh');
  writeFileSync(script, `#!/bin/sh\nn=$(ls '${dir}' | grep -c 'args$')\nprintf '%s\\n' "$@" > '${dir}'/$n.args\ncat > '${dir}'/$n.mail\n`);
  chmodSync(script, 0o755);
  return { cmd: script, dir };
}

function rcpts(dir: string): string[][] {
  const n = readdirSync(dir).filter((f) => f.endsWith('.args')).length;
  return Array.from({ length: n }, (_, i) => readFileSync(join(dir, `${i}.args`), 'utf8').split('\n').filter((a) => a && !a.startsWith('-')).sort());
}

test("the command send-cmd prints, run for real, sends every file to exactly the recipients cc shows, and O'Brien `touch x` runs nothing", async () => {
  const root = await demo();
  const ok = (args: string[]) => {
    const r = runCli(args, { cwd: root });
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    return r;
  };
  ok(['cover', '--title', 'vfio/zorb: a variant driver for Acme Zorb VFs', '--body', 'Live migration for Zorb VFs.']);
  ok(['cc', '--add', OBRIEN]);
  // Chen is in the trailers (Co-developed-by, Signed-off-by): dropped, git must not bring Chen back.
  ok(['cc', '--drop', 'chen@submitter.example']);
  const cc = JSON.parse(ok(['cc', '--json']).stdout);
  const expected = [...cc.to, ...cc.cc].map((r: { email: string }) => r.email).sort();
  assert.ok(expected.includes('obrien@acme.example') && !expected.includes('chen@submitter.example'));
  const out = join(tmp(), 'out');
  const printed = ok(['send-cmd', '-o', out]).stdout;
  const send = printed.slice(printed.indexOf('# Send\n') + '# Send\n'.length);
  assert.match(send, /^git send-email /);
  assert.match(send, /--suppress-cc=sob/);
  const cap = capture();
  gitOut(root, ['config', 'sendemail.sendmailCmd', cap.cmd]);
  const r = spawnSync('sh', ['-c', send], { cwd: root, encoding: 'utf8', env: { ...process.env, ...HERMETIC_ENV } });
  assert.equal(r.status, 0, r.stderr + r.stdout);
  const got = rcpts(cap.dir);
  assert.equal(got.length, 4, 'the cover letter and three patches');
  for (const g of got) assert.deepEqual(g, expected);
  assert.ok(!existsSync(join(root, 'x')), 'the backticks ran nothing');
  const mail = readFileSync(join(cap.dir, '0.mail'), 'utf8');
  assert.match(mail, /O'Brien `touch x` <obrien@acme\.example>/);
});

test('v1 -> v2 end to end: sent takes the exported Message-ID, amend, cover shows v2 with changelog and range-diff, export threads to v1', async () => {
  const root = await demo();
  const ok = (args: string[]) => {
    const r = runCli(args, { cwd: root });
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    return r;
  };
  ok(['cover', '--title', 'vfio/zorb: a variant driver', '--body', 'Body.']);
  const v1 = JSON.parse(ok(['export', '-o', join(tmp(), 'v1'), '--json']).stdout);
  const sent = JSON.parse(ok(['sent', '--json']).stdout);
  assert.equal(sent.messageId, v1.coverMessageId);
  assert.equal(sent.tag, 'zorb-vfio-v1');
  // Amend the last commit, as after review.
  gitOut(root, ['commit', '-q', '--amend', '-m', 'MAINTAINERS: add entry for the Acme Zorb vfio-pci driver (v2)\n\nSigned-off-by: Sam Submitter <sam@submitter.example>\n']);
  const cover = ok(['cover', '--changes', 'reworded the MAINTAINERS patch']).stdout;
  assert.match(cover, /^Subject: \[PATCH v2 0\/3\] vfio\/zorb: a variant driver\n/);
  assert.match(cover, /Changes in v2:\n- reworded the MAINTAINERS patch\n- Link to v1: https:\/\/lore\.kernel\.org\/r\/cover\./);
  assert.match(cover, /Range-diff against v1:\n/);
  const v2 = JSON.parse(ok(['export', '-o', join(tmp(), 'v2'), '--json']).stdout);
  assert.equal(v2.inReplyTo, v1.coverMessageId);
  const text = readFileSync(v2.files[0], 'utf8');
  assert.match(text, new RegExp(`^In-Reply-To: ${v1.coverMessageId.replace(/[.+]/g, '\\$&')}$`, 'm'));
  const cmd = JSON.parse(ok(['send-cmd', '--json']).stdout);
  assert.ok(cmd.argv.includes(`--in-reply-to=${v1.coverMessageId}`));
  // Amending after the export makes the export stale: send-cmd says so instead of sending old files.
  gitOut(root, ['commit', '-q', '--amend', '--no-edit', '--allow-empty']);
  gitOut(root, ['commit', '-q', '--amend', '-m', 'MAINTAINERS: add entry (v2, again)\n\nSigned-off-by: Sam Submitter <sam@submitter.example>\n']);
  const stale = runCli(['send-cmd'], { cwd: root });
  assert.equal(stale.code, 2);
  assert.match(stale.stderr, /out of date \(the branch changed since\)/);
});

test('export and send-cmd usage errors are one line, exit 2', async () => {
  const root = await demo();
  for (const [args, re] of [
    [['export'], /-o DIR/],
    [['send-cmd'], /nothing exported yet/],
  ] as [string[], RegExp][]) {
    const r = runCli(args, { cwd: root });
    assert.equal(r.code, 2, r.stdout);
    assert.match(r.stderr, re);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  }
});
