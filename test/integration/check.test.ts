import { test } from 'node:test';
import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { hermeticProcess, runCli, scratch } from '../helpers/repo.js';
import { checkJson } from '../helpers/ops.js';
import { SOB, WIRING, ACC_SECTION, acceptanceRepo, driverSource, withSection, PAM } from '../helpers/acceptance-tree.js';

// The command's exit codes, plain report and JSON run the CLI; where a test only reads an item again (the cached
// checkpatch run) or decides one the CLI already showed, the report comes from src/ops in this process.
hermeticProcess();

const scratchpad = scratch('pp-check-');
const repo = () => acceptanceRepo(scratchpad);

/** Stands in for checkpatch.pl: reports how many mails it got in one call, and an ERROR for BADCODE. */
const FAKE_CHECKPATCH = `my $in = do { local $/; <STDIN> };
my $n = () = $in =~ /^From [0-9a-f]{40} /mg;
print "WARNING:MAILS: $n mails in this call\\n#1: \\n\\n";
if ($in =~ /^\\+BADCODE/m) { print "ERROR:BAD_CODE: no bad code\\n#9: FILE: drivers/misc/bar/bad.c:2:\\n+BADCODE\\n\\n"; }
print "total: 0 errors\\n";
exit 1;
`;

test('exit 0 and a one-line-per-item report when everything is met or does not apply', () => {
  const r = repo();
  r.commit(`bar: one\n\n${SOB}\n`, { 'drivers/misc/bar/a.c': 'int a;\n' });
  const res = runCli(['check'], { cwd: r.dir });
  assert.equal(res.code, 0, res.stdout + res.stderr);
  assert.match(res.stdout, /^Linux kernel patch submission \[kernel\]/m);
  assert.match(res.stdout, /^ {2}pass {2}kernel\.signoff +every commit is signed off/m);
  assert.match(res.stdout, /^ {2}n\/a {3}kernel\.checkpatch +scripts\/checkpatch\.pl is not in this tree/m);
  assert.doesNotMatch(res.stdout, /Missing:|Whom to ask:/);
  assert.match(res.stdout, /2 pass, 0 open, 0 fail, 3 n\/a$/m);
});

test('exit 1 with open items: what is missing and whom to ask, and the JSON of the check contract', () => {
  const r = repo();
  r.commit(`vfio/acc: add\n\n${SOB}\n`, { 'drivers/vfio/pci/acc/main.c': driverSource(['<linux/foo/pf.h>']), ...WIRING });
  r.commit(`MAINTAINERS: acc\n\n${SOB}\n`, { MAINTAINERS: withSection(ACC_SECTION) });
  const plain = runCli(['check', '--no-checkpatch'], { cwd: r.dir });
  assert.equal(plain.code, 1);
  assert.match(plain.stdout, /^vfio-pci device specific \(variant\) driver \[vfio-pci-variant\] {2}Documentation\/driver-api\/vfio-acceptance\.rst$/m);
  assert.match(plain.stdout, /^ {2}open {2}vfio\.parent-approval/m);
  assert.match(plain.stdout, /^Missing:\n {2}vfio\.parent-approval: an Acked-by, Reviewed-by, Tested-by or Signed-off-by from FOO PF DRIVER/m);
  assert.match(plain.stdout, new RegExp(`^Whom to ask:\\n {2}To: ${PAM} {2}\\(vfio\\.parent-approval: maintainer of FOO PF DRIVER\\)`, 'm'));
  const res = runCli(['check', '--json', '--no-checkpatch'], { cwd: r.dir });
  assert.equal(res.code, 1);
  const j = JSON.parse(res.stdout);
  assert.deepEqual(
    j.profiles.map((p: { id: string }) => p.id),
    ['vfio-pci-variant', 'kernel'],
  );
  assert.deepEqual(
    j.items.map((i: { id: string }) => i.id),
    [
      'vfio.parent-approval',
      'vfio.listed-reviewer',
      'vfio.vfio-maintainer',
      'vfio.device-docs',
      'vfio.userspace-data',
      'vfio.maintainers-entry',
      'vfio.build-wiring',
      'kernel.signoff',
      'kernel.trailer-syntax',
      'kernel.checkpatch',
      'kernel.cover-letter',
      'kernel.profile-docs',
    ],
  );
  for (const i of j.items) {
    assert.deepEqual(Object.keys(i).slice(0, 6), ['id', 'profile', 'title', 'status', 'summary', 'evidence']);
    assert.ok(['pass', 'fail', 'open', 'n/a'].includes(i.status));
  }
  const dd = j.items.find((i: { id: string }) => i.id === 'vfio.device-docs');
  assert.deepEqual(
    dd.answerable.questions.map((q: { id: string }) => q.id),
    ['vfio.device-docs.state', 'vfio.device-docs.exclusive', 'vfio.device-docs.safeguards'],
  );
  const ud = j.items.find((i: { id: string }) => i.id === 'vfio.userspace-data');
  assert.deepEqual(ud.answerable, { confirm: true });
  assert.ok(
    ud.evidence.some(
      (e: { kind: string; path?: string; line?: number; commit?: string }) =>
        e.kind === 'line' && e.path === 'drivers/vfio/pci/acc/main.c' && e.line === 13 && e.commit,
    ),
  );
});

test('checkpatch: one patch per call, ERRORs fail the item with commit, file and line; the run is cached per tip', async () => {
  const r = repo();
  r.commit(`add checkpatch\n\n${SOB}\n`, { 'scripts/checkpatch.pl': FAKE_CHECKPATCH });
  r.commit(`bar: good\n\n${SOB}\n`, { 'drivers/misc/bar/good.c': 'int good;\n' });
  const bad = r.commit(`bar: bad\n\n${SOB}\n`, { 'drivers/misc/bar/bad.c': 'int x;\nBADCODE\n' });
  const res = runCli(['check', '--json'], { cwd: r.dir });
  assert.equal(res.code, 1, res.stderr);
  const cp = JSON.parse(res.stdout).items.find((i: { id: string }) => i.id === 'kernel.checkpatch');
  assert.equal(cp.status, 'fail');
  assert.match(cp.summary, /1 error, 3 warnings\/checks on 3 patches/);
  const err = cp.evidence.find((e: { text: string }) => /ERROR/.test(e.text));
  assert.deepEqual([err.commit, err.path, err.line], [bad, 'drivers/misc/bar/bad.c', 2]);
  const perCall = cp.evidence.filter((e: { text: string }) => /MAILS/.test(e.text)).map((e: { text: string }) => e.text.replace(/^\w+ /, ''));
  assert.deepEqual(perCall, Array(3).fill('WARNING MAILS: 1 mails in this call'));

  // Cached: --no-checkpatch still knows the result for these commits...
  const again = await checkJson(r.dir);
  assert.equal(again.items.find((i) => i.id === 'kernel.checkpatch')!.status, 'fail');
  // ...and not for new ones.
  r.commit(`bar: fix\n\n${SOB}\n`, { 'drivers/misc/bar/bad.c': 'int x;\n' });
  const stale = await checkJson(r.dir);
  assert.equal(stale.items.find((i) => i.id === 'kernel.checkpatch')!.status, 'open');
});

/** Two located warnings per patch, and an ERROR for BADCODE, as checkpatch prints them ("#N: FILE: path:LINE:"). */
const NOISY_CHECKPATCH = `my $in = do { local $/; <STDIN> };
my ($f) = $in =~ /^\\+\\+\\+ b\\/(\\S+)/m;
print "WARNING:LONG_LINE: line length of 101 exceeds 100 columns\\n#7: FILE: $f:1:\\n+x\\n\\n";
print "CHECK:SPACING: spaces preferred around that '+'\\n#8: FILE: $f:1:\\n+x\\n\\n";
if ($in =~ /^\\+BADCODE/m) { print "ERROR:BAD_CODE: no bad code\\n#9: FILE: drivers/misc/bar/bad.c:2:\\n+BADCODE\\n\\n"; }
exit 1;
`;

test('checkpatch in the plain report: every ERROR and the first warnings with commit and file:line; all with -v', () => {
  const r = repo();
  r.commit(`add checkpatch\n\n${SOB}\n`, { 'scripts/checkpatch.pl': NOISY_CHECKPATCH });
  const good = r.commit(`bar: good\n\n${SOB}\n`, { 'drivers/misc/bar/good.c': 'int good;\n' });
  const bad = r.commit(`bar: bad\n\n${SOB}\n`, { 'drivers/misc/bar/bad.c': 'int x;\nBADCODE\n' });
  const res = runCli(['check'], { cwd: r.dir });
  assert.equal(res.code, 1, res.stderr);
  const block = res.stdout.slice(res.stdout.indexOf('kernel.checkpatch')).split('\n').slice(0, 6);
  assert.match(res.stdout, /^ {2}fail {2}kernel\.checkpatch +checkpatch: 1 error, 6 warnings\/checks on 3 patches$/m);
  assert.equal(block[1], `          ${bad.slice(0, 12)} drivers/misc/bar/bad.c:2: ERROR BAD_CODE: no bad code`);
  assert.match(block[2]!, /^ {10}[0-9a-f]{12} scripts\/checkpatch\.pl:1: WARNING LONG_LINE: line length of 101 exceeds 100 columns$/);
  assert.match(block[3]!, /^ {10}[0-9a-f]{12} scripts\/checkpatch\.pl:1: CHECK SPACING: /);
  assert.equal(block[4], `          ${good.slice(0, 12)} drivers/misc/bar/good.c:1: WARNING LONG_LINE: line length of 101 exceeds 100 columns`);
  assert.equal(block[5], '          ... and 3 more warnings/checks (patchpilot check -v)');
  const v = runCli(['check', '-v'], { cwd: r.dir }).stdout;
  assert.match(v, new RegExp(`^ {10}${bad.slice(0, 12)} drivers/misc/bar/bad\\.c:1: CHECK SPACING: `, 'm'));
  assert.doesNotMatch(v, /more warnings/);
});

test('checkpatch: no ERROR passes with the warnings listed; a missing perl makes it n/a with the reason', async () => {
  const r = repo();
  r.commit(`add checkpatch\n\n${SOB}\n`, { 'scripts/checkpatch.pl': FAKE_CHECKPATCH });
  const cp = (await checkJson(r.dir, { checkpatch: true })).items.find((i) => i.id === 'kernel.checkpatch')!;
  assert.equal(cp.status, 'pass');
  assert.equal(cp.evidence.length, 1);

  const r2 = repo();
  r2.commit(`add checkpatch\n\n${SOB}\n`, { 'scripts/checkpatch.pl': FAKE_CHECKPATCH });
  const bin = scratchpad.dir();
  symlinkSync(execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim(), join(bin, 'git'));
  const noPerl = runCli(['check', '--json'], { cwd: r2.dir, env: { PATH: bin } });
  const cp2 = JSON.parse(noPerl.stdout).items.find((i: { id: string }) => i.id === 'kernel.checkpatch');
  assert.equal(cp2.status, 'n/a');
  assert.match(cp2.summary, /perl is not installed/);
});

test('checkpatch that breaks leaves the item open with its message, not a crash', () => {
  const r = repo();
  r.commit(`add checkpatch\n\n${SOB}\n`, { 'scripts/checkpatch.pl': 'print STDERR "Global symbol requires explicit package name\\n"; exit 255;\n' });
  const res = runCli(['check', '--json'], { cwd: r.dir });
  assert.equal(res.code, 1, res.stderr);
  const cp = JSON.parse(res.stdout).items.find((i: { id: string }) => i.id === 'kernel.checkpatch');
  assert.equal(cp.status, 'open');
  assert.match(cp.summary, /checkpatch\.pl failed on [0-9a-f]{12} \(exit 255\): Global symbol requires explicit package name/);
});

test('usage and repository errors exit 2 with one line', () => {
  const notRepo = scratchpad.dir();
  let res = runCli(['check'], { cwd: notRepo });
  assert.equal(res.code, 2);
  assert.match(res.stderr, /^patchpilot: .*not a git repository.*\n$/);
  const r = scratchpad.repo();
  res = runCli(['check'], { cwd: r.dir });
  assert.equal(res.code, 2);
  assert.match(res.stderr, /no commits between master and HEAD/);
  res = runCli(['check', '--bogus'], { cwd: r.dir });
  assert.equal(res.code, 2);
  assert.equal(res.stderr.split('\n').filter(Boolean).length, 1);
});

test('--help describes the command and its exit codes', () => {
  const res = runCli(['check', '--help']);
  assert.equal(res.code, 0);
  assert.match(res.stdout, /--no-checkpatch/);
  assert.match(res.stdout, /Exit: 0 every item passes/);
  // Users have no SPEC: the help says in its own words what the profiles are and what they check.
  assert.doesNotMatch(res.stdout, /\bSPEC\b|§/);
  assert.match(
    res.stdout,
    /^ {2}vfio-pci-variant: vfio-pci device specific \(variant\) driver\n {4}applies: the series changes a file under a subdirectory of drivers\/vfio\/pci\/$/m,
  );
  assert.match(
    res.stdout,
    /^ {2}kernel: Linux kernel patch submission\n {4}applies: every series\n {4}rules: Documentation\/process\/submitting-patches\.rst$/m,
  );
  for (const id of ['vfio.parent-approval', 'vfio.userspace-data', 'kernel.signoff', 'kernel.profile-docs'])
    assert.match(res.stdout, new RegExp(`^ {4}${id.replace('.', '\\.')} +\\S`, 'm'));
  assert.match(res.stdout, /fail \(the series itself must change\)/);
});
