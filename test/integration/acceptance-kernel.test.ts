import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSeries } from '../../src/ops/branch.js';
import { loadState, updateState } from '../../src/store/state.js';
import { evaluate } from '../../src/acceptance/evaluate.js';
import { parseCheckpatchOutput, splitMbox } from '../../src/acceptance/checkpatch.js';
import type { ItemResult } from '../../src/acceptance/types.js';
import { scratch, type TestRepo, hermeticProcess } from '../helpers/repo.js';
import { AUTHOR, RIA_NEW, RIA_OLD, SOB, acceptanceRepo } from '../helpers/acceptance-tree.js';

// src/ runs git in this process: give it the hermetic environment.
hermeticProcess();

const scratchpad = scratch();
const repo = () => acceptanceRepo(scratchpad);

async function items(r: TestRepo): Promise<Map<string, ItemResult>> {
  const s = await readSeries({ repoDir: r.dir });
  const report = await evaluate(s, loadState(s.repo.commonDir, s.branch!));
  return new Map(report.items.map((i) => [i.id, i]));
}

const texts = (i: ItemResult) => i.evidence.map((e) => e.text).join('\n');
let n = 0;
const change = () => ({ [`drivers/misc/bar/f${++n}.c`]: `int f${n};\n` });

test('signoff: passes when every author signed off, fails per commit otherwise', async () => {
  const r = repo();
  r.commit(`bar: one\n\n${SOB}\n`, change());
  assert.equal((await items(r)).get('kernel.signoff')!.status, 'pass');
  const bad = r.commit('bar: two\n\nSigned-off-by: Someone Else <else@test.example>\n', change());
  const so = (await items(r)).get('kernel.signoff')!;
  assert.equal(so.status, 'fail');
  assert.equal(so.evidence.length, 1);
  assert.equal(so.evidence[0]!.commit, bad);
  assert.match(so.missing[0]!, /add "Signed-off-by: Test Author <author@test.example>"/);
});

test("signoff: a Co-developed-by must be followed by the same person's Signed-off-by", async () => {
  const r = repo();
  r.commit(`bar: co\n\nCo-developed-by: Cory Dev <cory@test.example>\n${SOB}\nSigned-off-by: Cory Dev <cory@test.example>\n`, change());
  const so = (await items(r)).get('kernel.signoff')!;
  assert.equal(so.status, 'fail');
  assert.match(texts(so), /Co-developed-by: Cory Dev <cory@test\.example>" is not immediately followed/);
  const r2 = repo();
  r2.commit(`bar: co\n\nCo-developed-by: Cory Dev <cory@test.example>\nSigned-off-by: Cory Dev <cory@test.example>\n${SOB}\n`, change());
  assert.equal((await items(r2)).get('kernel.signoff')!.status, 'pass');
});

test('signoff: the submitter (sendemail.from, after .mailmap) must sign off every commit they pass on', async () => {
  const r = repo();
  r.git(['config', 'sendemail.from', RIA_NEW]);
  const first = r.commit(`bar: one\n\n${SOB}\n`, change());
  const second = r.commit(`bar: two\n\n${SOB}\n`, change());
  let so = (await items(r)).get('kernel.signoff')!;
  assert.equal(so.status, 'fail');
  assert.deepEqual(
    so.evidence.map((e) => e.commit),
    [first, second],
  );
  assert.match(texts(so), /no Signed-off-by from you, the submitter Ria Listed <ria@new\.example>/);
  assert.match(so.missing[1]!, /add yours, "Signed-off-by: Ria Listed <ria@new\.example>" \(the last commit: git commit --amend -s\)/);
  assert.equal(so.missing[2], "or add your sign-off to them in one step: patchpilot trailers add --all 'Signed-off-by: Ria Listed <ria@new.example>'");
  // Her old address counts: .mailmap maps it to the new one.
  r.git(['commit', '-q', '--amend', '-m', `bar: two\n\n${SOB}\nSigned-off-by: ${RIA_OLD}\n`]);
  so = (await items(r)).get('kernel.signoff')!;
  assert.equal(so.status, 'fail');
  assert.equal(so.evidence.length, 1);
  assert.equal(so.evidence[0]!.commit, first);
  assert.match(so.missing.at(-1)!, new RegExp(`trailers add --commit ${first.slice(0, 12)} 'Signed-off-by`));
  // The submitter's own commits need only the one sign-off.
  const r2 = repo();
  r2.git(['config', 'sendemail.from', AUTHOR]);
  r2.commit(`bar: mine\n\n${SOB}\n`, change());
  so = (await items(r2)).get('kernel.signoff')!;
  assert.equal(so.status, 'pass', texts(so));
});

test('trailer syntax: misspelt keys get the fix, Fixes: needs 12 hex digits and ("subject")', async () => {
  const r = repo();
  const base = r.git(['rev-parse', 'master']).trim();
  r.commit(
    `bar: good\n\nFixes: ${base.slice(0, 12)} ("base")\nReviewed-by: Rae View <rae@test.example>\nCc: stable@vger.kernel.org # 6.1+\nReported-by: syzbot+1234@syzkaller.appspotmail.com\n${SOB}\n`,
    change(),
  );
  let ts = (await items(r)).get('kernel.trailer-syntax')!;
  assert.equal(ts.status, 'pass', texts(ts));
  r.commit(`bar: bad\n\nReviewd-by: Rae View <rae@test.example>\nFixes: 123 (oops)\nAcked-by: nobody\nSigned-of-by: ${SOB.slice(15)}\n${SOB}\n`, change());
  ts = (await items(r)).get('kernel.trailer-syntax')!;
  assert.equal(ts.status, 'fail');
  const t = texts(ts);
  assert.match(t, /"Reviewd-by: Rae View <rae@test\.example>": unknown key, did you mean Reviewed-by\?/);
  assert.match(t, /"Signed-of-by: .*": unknown key, did you mean Signed-off-by\?/);
  assert.match(t, /"Fixes: 123 \(oops\)": needs at least 12 hex digits of the commit and its subject/);
  assert.match(t, /"Acked-by: nobody": needs a valid "Name <address>"/);
  assert.ok(ts.missing.includes(`${ts.evidence[0]!.commit!.slice(0, 12)}: write "Reviewed-by: Rae View <rae@test.example>"`));
});

test("trailer syntax: a Fixes: whose subject is not the named commit's gets the right line", async () => {
  const r = repo();
  const base = r.git(['rev-parse', 'master']).trim();
  r.commit(`bar: fix\n\nFixes: ${base.slice(0, 12)} ("something else")\n${SOB}\n`, change());
  const ts = (await items(r)).get('kernel.trailer-syntax')!;
  assert.equal(ts.status, 'fail');
  assert.match(ts.missing[0]!, new RegExp(`write "Fixes: ${base.slice(0, 12)} \\("base"\\)"`));
});

test('cover letter: n/a for one patch, open without or with placeholders, pass when written', async () => {
  const r = repo();
  r.commit(`bar: one\n\n${SOB}\n`, change());
  assert.equal((await items(r)).get('kernel.cover-letter')!.status, 'n/a');
  r.commit(`bar: two\n\n${SOB}\n`, change());
  let cl = (await items(r)).get('kernel.cover-letter')!;
  assert.equal(cl.status, 'open');
  assert.equal(cl.missing.length, 2);
  const s = await readSeries({ repoDir: r.dir });
  updateState(s.repo.commonDir, 'topic', (st) => {
    st.cover.title = 'bar: two small things';
    st.cover.body = '*** BLURB HERE ***';
  });
  cl = (await items(r)).get('kernel.cover-letter')!;
  assert.equal(cl.status, 'open');
  assert.match(cl.missing[0]!, /placeholder in the body/);
  updateState(s.repo.commonDir, 'topic', (st) => {
    st.cover.body = 'Two small things for bar.';
  });
  cl = (await items(r)).get('kernel.cover-letter')!;
  assert.equal(cl.status, 'pass');
  assert.match(cl.summary, /bar: two small things/);
});

test("cover letter: a b4 cover commit supplies it; b4's EDITME subject stays open", async () => {
  const r = repo();
  r.commit(
    'EDITME: cover title for topic\n\n# Describe the purpose of this series.\n\n--- b4-submit-tracking ---\n{"series": {"revision": 1}}\n',
    {},
    { allowEmpty: true },
  );
  r.commit(`bar: one\n\n${SOB}\n`, change());
  r.commit(`bar: two\n\n${SOB}\n`, change());
  const cl = (await items(r)).get('kernel.cover-letter')!;
  assert.equal(cl.status, 'open');
  assert.match(cl.missing.join('\n'), /placeholder in the subject "EDITME/);
  assert.match(cl.missing.join('\n'), /write the cover letter body/);
});

test('profile docs: a foo change asks to confirm maintainer-foo.rst, not the netdev document its profile decides; n/a without P: documents', async () => {
  const r = repo();
  r.commit(`foo: tweak\n\n${SOB}\n`, { 'drivers/net/foo/main.c': 'int foo_probe(void) { return 1; }\n' });
  let pd = (await items(r)).get('kernel.profile-docs')!;
  assert.equal(pd.status, 'open');
  assert.equal(pd.evidence[0]!.path, 'Documentation/process/maintainer-foo.rst');
  assert.match(pd.evidence[0]!.text, /in the tree\): P: of FOO PF DRIVER/);
  assert.ok(pd.evidence.some((e) => /maintainer-netdev\.rst: P: of NETWORKING DRIVERS, covered by the netdev profile/.test(e.text)));
  assert.equal(pd.missing.length, 1);
  const s = await readSeries({ repoDir: r.dir });
  updateState(s.repo.commonDir, 'topic', (st) => {
    st.answers['kernel.profile-docs'] = { confirmed: true, covers: ['Documentation/process/maintainer-foo.rst'], at: new Date().toISOString() };
  });
  pd = (await items(r)).get('kernel.profile-docs')!;
  assert.equal(pd.status, 'pass');
  const r2 = repo();
  r2.commit(`bar: x\n\n${SOB}\n`, change());
  assert.equal((await items(r2)).get('kernel.profile-docs')!.status, 'n/a');
});

test('profile docs: a confirmation covers the documents it saw, not one a later change brings in', async () => {
  const r = repo();
  r.commit(`bar: x\n\n${SOB}\n`, change());
  const s = await readSeries({ repoDir: r.dir });
  updateState(s.repo.commonDir, 'topic', (st) => {
    st.answers['kernel.profile-docs'] = { confirmed: true, covers: ['Documentation/other.rst'], at: new Date().toISOString() };
  });
  r.commit(`foo: tweak\n\n${SOB}\n`, { 'drivers/net/foo/main.c': 'int foo_probe(void) { return 1; }\n' });
  assert.equal((await items(r)).get('kernel.profile-docs')!.status, 'open');
});

test('checkpatch: n/a without the script, open until it runs', async () => {
  const r = repo();
  r.commit(`bar: x\n\n${SOB}\n`, change());
  const cp = (await items(r)).get('kernel.checkpatch')!;
  assert.equal(cp.status, 'n/a');
  assert.match(cp.summary, /scripts\/checkpatch\.pl is not in this tree/);
  r.commit(`add checkpatch\n\n${SOB}\n`, { 'scripts/checkpatch.pl': 'exit 0;\n' });
  assert.equal((await items(r)).get('kernel.checkpatch')!.status, 'open');
});

test('checkpatch output and format-patch mails are read block by block', () => {
  const out = `WARNING:FILE_PATH_CHANGES: added, moved or deleted file(s), does MAINTAINERS need updating?
#12: 
new file mode 100644

ERROR:CODE_INDENT: code indent should use tabs where possible
#45: FILE: drivers/vfio/pci/acc/main.c:23:
+        foo();

total: 1 errors, 1 warnings, 40 lines checked
`;
  assert.deepEqual(parseCheckpatchOutput(out), [
    { level: 'WARNING', type: 'FILE_PATH_CHANGES', message: 'added, moved or deleted file(s), does MAINTAINERS need updating?' },
    { level: 'ERROR', type: 'CODE_INDENT', message: 'code indent should use tabs where possible', path: 'drivers/vfio/pci/acc/main.c', line: 23 },
  ]);
  const a = 'a'.repeat(40);
  const b = 'b'.repeat(40);
  const mails = splitMbox(`From ${a} Mon Sep 17 00:00:00 2001\nSubject: one\n\nFrom the body\n---\nFrom ${b} Mon Sep 17 00:00:00 2001\nSubject: two\n`);
  assert.deepEqual([...mails.keys()], [a, b]);
  assert.match(mails.get(a)!, /From the body/);
  assert.doesNotMatch(mails.get(a)!, /Subject: two/);
});
