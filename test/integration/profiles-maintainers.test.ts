import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSeries } from '../../src/ops/branch.js';
import { loadState, updateState, type BranchState } from '../../src/store/state.js';
import { evaluate } from '../../src/acceptance/evaluate.js';
import type { ItemResult } from '../../src/acceptance/types.js';
import { hermeticProcess, makeRepo, scratch, type TestRepo } from '../helpers/repo.js';

hermeticProcess();
const pad = scratch();
const SOB = 'Signed-off-by: Test Author <author@test.example>';

const MAINTAINERS = `Test tree

KERNEL VIRTUAL MACHINE FOR X86 (KVM/x86)
M:	Kay Vm <kay@kvm.example>
L:	kvm@lists.example
S:	Supported
P:	Documentation/process/maintainer-kvm-x86.rst
F:	arch/x86/kvm/

NETWORKING DRIVERS
M:	Nia Net <nia@net.example>
L:	netdev@lists.example
S:	Maintained
P:	Documentation/process/maintainer-netdev.rst
F:	drivers/net/

X86 ARCHITECTURE (32-BIT AND 64-BIT)
M:	Tia Tip <tia@tip.example>
L:	linux-kernel@lists.example
S:	Maintained
T:	git git://git.kernel.org/pub/scm/linux/kernel/git/tip/tip.git x86/core
F:	arch/x86/
X:	arch/x86/kvm/

THE REST
M:	Top Person <top@kernel.example>
S:	Buried alive in reporters
F:	*
F:	*/
`;

const GOOD_C = `// SPDX-License-Identifier: GPL-2.0
static int foo_open(struct net_device *dev)
{
	struct foo_priv *priv = netdev_priv(dev);
	struct sk_buff *skb;
	int err;

	err = foo_up(priv, skb);
	return err;
}
`;
const BAD_C = `// SPDX-License-Identifier: GPL-2.0
static int foo_close(struct net_device *dev)
{
	int err;
	struct foo_priv *priv = netdev_priv(dev);

	err = foo_down(priv);
	return err;
}
`;

function repo(): TestRepo {
  return pad.keep(
    makeRepo({
      base: {
        MAINTAINERS,
        'Documentation/process/maintainer-netdev.rst': 'Allow at least 24 hours to pass between postings.\n',
        'Documentation/process/maintainer-kvm-x86.rst': 'The preferred prefix format is KVM: <topic>:\n',
        'drivers/net/foo/main.c': '// SPDX-License-Identifier: GPL-2.0\n',
        'arch/x86/kvm/vmx/vmx.c': '// vmx\n',
        'arch/x86/kernel/apic.c': '// apic\n',
      },
    }),
  );
}

async function items(r: TestRepo): Promise<Map<string, ItemResult>> {
  const s = await readSeries({ repoDir: r.dir });
  const report = await evaluate(s, loadState(s.repo.commonDir, s.branch!));
  return new Map(report.items.map((i) => [i.id, i]));
}

function state(r: TestRepo, f: (s: BranchState) => void) {
  updateState(`${r.dir}/.git`, 'topic', f);
}

const cover = (prefixes: string[]) => (s: BranchState) => {
  s.cover.prefixes = prefixes;
  s.cover.title = 'net: foo: open and close';
  s.cover.body = 'Adds open and close.';
};

test('netdev: a series that follows the rules passes every decided item; the netdev document is not asked about', async () => {
  const r = repo();
  r.commit(`net: foo: Add open\n\n${SOB}\n`, { 'drivers/net/foo/open.c': GOOD_C });
  r.commit(`net: foo: Add more\n\n${SOB}\n`, { 'drivers/net/foo/more.c': GOOD_C.replace('foo_open', 'foo_more') });
  state(r, cover(['net-next']));
  const it = await items(r);
  for (const id of ['netdev.tree', 'netdev.fixes', 'netdev.series-length', 'netdev.cover-letter', 'netdev.reverse-xmas'])
    assert.equal(it.get(id)!.status, 'pass', `${id}: ${it.get(id)!.summary}`);
  assert.equal(it.get('netdev.repost-wait')!.status, 'n/a');
  assert.equal(it.get('netdev.new-thread')!.status, 'n/a');
  assert.equal(it.get('netdev.testing')!.status, 'open');
  assert.equal(it.get('kernel.profile-docs')!.status, 'n/a');
  assert.match(
    it
      .get('kernel.profile-docs')!
      .evidence.map((e) => e.text)
      .join('\n'),
    /maintainer-netdev\.rst: P: of NETWORKING DRIVERS, covered by the netdev profile/,
  );
});

test('netdev: no tree in the prefix is open with the command that sets it; net without Fixes: fails; upper case fails', async () => {
  const r = repo();
  r.commit(`net: foo: Add open\n\n${SOB}\n`, { 'drivers/net/foo/open.c': GOOD_C });
  r.commit(`net: foo: Add more\n\n${SOB}\n`, { 'drivers/net/foo/more.c': GOOD_C.replace('foo_open', 'foo_more') });
  state(r, cover(['RFC']));
  let t = (await items(r)).get('netdev.tree')!;
  assert.equal(t.status, 'open');
  assert.match(t.missing.join('\n'), /patchpilot cover --prefix RFC --prefix net-next/);
  state(r, cover(['NET']));
  assert.equal((await items(r)).get('netdev.tree')!.status, 'fail');
  state(r, cover(['net']));
  const it = await items(r);
  assert.equal(it.get('netdev.tree')!.status, 'pass');
  const fx = it.get('netdev.fixes')!;
  assert.equal(fx.status, 'fail');
  assert.equal(fx.evidence.length, 2);
});

test('netdev: 16 patches fail, 15 pass', async () => {
  const r = repo();
  for (let i = 1; i <= 15; i++) r.commit(`net: foo: Step ${i}\n\n${SOB}\n`, { [`drivers/net/foo/s${i}.c`]: `int s${i};\n` });
  assert.equal((await items(r)).get('netdev.series-length')!.status, 'pass');
  r.commit(`net: foo: Step 16\n\n${SOB}\n`, { 'drivers/net/foo/s16.c': 'int s16;\n' });
  const l = (await items(r)).get('netdev.series-length')!;
  assert.equal(l.status, 'fail');
  assert.match(l.summary, /16 patches/);
});

test('netdev: declarations not longest-first are named with file and line; only in netdev files', async () => {
  const r = repo();
  r.commit(`net: foo: Add close\n\n${SOB}\n`, { 'drivers/net/foo/close.c': BAD_C });
  const x = (await items(r)).get('netdev.reverse-xmas')!;
  assert.equal(x.status, 'fail');
  assert.deepEqual(
    x.evidence.map((e) => [e.path, e.line]),
    [['drivers/net/foo/close.c', 4]],
  );
  assert.match(x.evidence[0]!.text, /"struct foo_priv \*priv = netdev_priv\(dev\);" is longer than "int err;"/);
});

test('netdev: v2 within 24 hours of v1 is open and says how long to wait; after 24 hours it passes', async () => {
  const r = repo();
  const tip = r.commit(`net: foo: Add open\n\n${SOB}\n`, { 'drivers/net/foo/open.c': GOOD_C });
  const sentAt = (h: number) => (s: BranchState) => {
    s.version = 2;
    s.sent = [{ version: 1, tag: 'topic-v1', date: new Date(Date.now() - h * 3600e3).toISOString(), tip, base: tip }];
  };
  state(r, sentAt(3));
  const w = (await items(r)).get('netdev.repost-wait')!;
  assert.equal(w.status, 'open');
  assert.match(w.summary, /v1 went out 3 h (1 min )?ago: wait 2[01] h/);
  state(r, sentAt(25));
  assert.equal((await items(r)).get('netdev.repost-wait')!.status, 'pass');
});

test('netdev: without a record of patchpilot sent, the tag of v1 (git-publish, b4) dates it', async () => {
  const r = repo();
  r.commit(`net: foo: Add open\n\n${SOB}\n`, { 'drivers/net/foo/open.c': GOOD_C });
  const when = new Date(Date.now() - 2 * 3600e3).toISOString();
  r.git(['tag', '-a', '-m', 'v1', 'topic-v1'], undefined, { GIT_COMMITTER_DATE: when });
  state(r, (s) => {
    s.version = 2;
  });
  const w = (await items(r)).get('netdev.repost-wait')!;
  assert.equal(w.status, 'open');
  assert.match(w.summary, /v1 went out 2 h (1 min )?ago: wait 2[12] h/);
  assert.match(w.evidence[0]!.text, /tag topic-v1/);
});

test('netdev: an export of v2 that replies to v1 fails the new-thread rule', async () => {
  const r = repo();
  const tip = r.commit(`net: foo: Add open\n\n${SOB}\n`, { 'drivers/net/foo/open.c': GOOD_C });
  state(r, (s) => {
    s.version = 2;
    s.exported = {
      dir: '/tmp/x',
      files: ['/tmp/x/v2-0001-a.patch'],
      version: 2,
      tip,
      base: tip,
      to: [],
      cc: [],
      at: new Date().toISOString(),
      inReplyTo: '<v1@x>',
    };
  });
  assert.equal((await items(r)).get('netdev.new-thread')!.status, 'fail');
  // Before the export: the branch's choice decides.
  state(r, (s) => {
    delete s.exported;
    s.threadToPrevious = true;
  });
  const nt = (await items(r)).get('netdev.new-thread')!;
  assert.equal(nt.status, 'fail');
  assert.match(nt.missing.join('\n'), /patchpilot export -o DIR --new-thread/);
  state(r, (s) => {
    s.threadToPrevious = false;
  });
  assert.equal((await items(r)).get('netdev.new-thread')!.status, 'pass');
  assert.equal((await items(r)).get('kvm.no-in-reply-to'), undefined);
});

test('kvm-x86: the shortlog scope and style are decided, with the topic suggested from the files', async () => {
  const r = repo();
  const bad = r.commit(`kvm: vmx: fix the thing.\n\n${SOB}\n`, { 'arch/x86/kvm/vmx/vmx.c': '// vmx 2\n' });
  let it = await items(r);
  const sc = it.get('kvm.shortlog-scope')!;
  assert.equal(sc.status, 'fail');
  assert.equal(sc.evidence[0]!.commit, bad);
  assert.match(sc.missing.join('\n'), /"KVM: VMX:"/);
  assert.equal(it.get('kvm.shortlog-style')!.status, 'fail');
  assert.equal(it.get('tip.subject'), undefined, 'KVM x86 is not the tip profile');
  const r2 = repo();
  r2.commit(`KVM: VMX: Fix the thing\n\n${SOB}\n`, { 'arch/x86/kvm/vmx/vmx.c': '// vmx 2\n' });
  it = await items(r2);
  assert.equal(it.get('kvm.shortlog-scope')!.status, 'pass');
  assert.equal(it.get('kvm.shortlog-style')!.status, 'pass');
});

test('tip: subject prefix, tag order, combined tags and tail comments are decided on tip files', async () => {
  const r = repo();
  r.commit(`arch/x86/kernel/apic.c: make it work\n\nReviewed-by: Rev Iewer <rev@x.example>\n${SOB}\nReported-and-tested-by: Bob <bob@x.example>\n`, {
    'arch/x86/kernel/apic.c': '// apic\nstatic int x = 1; /* tail */\n',
  });
  const it = await items(r);
  assert.equal(it.get('tip.subject')!.status, 'fail');
  assert.equal(it.get('tip.tag-order')!.status, 'fail');
  assert.equal(it.get('tip.tag-form')!.status, 'fail');
  const tc = it.get('tip.tail-comments')!;
  assert.equal(tc.status, 'fail');
  assert.deepEqual([tc.evidence[0]!.path, tc.evidence[0]!.line], ['arch/x86/kernel/apic.c', 2]);
  const r2 = repo();
  r2.commit(`x86/apic: Make it work\n\n${SOB}\nReviewed-by: Rev Iewer <rev@x.example>\n`, {
    'arch/x86/kernel/apic.c': '// apic\n/* Why */\nstatic int x = 1;\n',
  });
  const ok = await items(r2);
  for (const id of ['tip.subject', 'tip.tag-order', 'tip.tag-form', 'tip.tail-comments']) assert.equal(ok.get(id)!.status, 'pass', id);
});
