import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSeries } from '../../src/ops/branch.js';
import { loadState, updateState } from '../../src/store/state.js';
import { evaluate } from '../../src/acceptance/evaluate.js';
import { profileRecipients } from '../../src/acceptance/approvers.js';
import { profilePeople } from '../../src/acceptance/index.js';
import type { ItemResult } from '../../src/acceptance/types.js';
import { scratch, type TestRepo, hermeticProcess } from '../helpers/repo.js';
import {
  ACC_SECTION,
  AUTHOR,
  BAZ,
  BEA,
  PAM,
  RAY,
  REX,
  RIA_NEW,
  ROB,
  SOB,
  VAL,
  WIRING,
  acceptanceRepo,
  driverSource,
  withSection,
} from '../helpers/acceptance-tree.js';

// src/ runs git in this process: give it the hermetic environment.
hermeticProcess();

const scratchpad = scratch();
const repo = () => acceptanceRepo(scratchpad);

async function check(r: TestRepo): Promise<{ items: Map<string, ItemResult>; profiles: string[]; report: Awaited<ReturnType<typeof evaluate>> }> {
  const s = await readSeries({ repoDir: r.dir });
  const report = await evaluate(s, loadState(s.repo.commonDir, s.branch!));
  return { items: new Map(report.items.map((i) => [i.id, i])), profiles: report.profiles.map((p) => p.id), report };
}

const texts = (i: ItemResult | undefined) => (i?.evidence ?? []).map((e) => e.text).join('\n');

/** A complete new driver: code, wiring, MAINTAINERS section; extra files and trailers on the first commit. */
function addDriver(
  r: TestRepo,
  opts: {
    includes?: string[];
    trailers?: string[];
    extra?: Record<string, string>;
    migration?: boolean;
    section?: string | null;
    wiring?: Record<string, string>;
  } = {},
) {
  r.commit(`vfio/acc: add the acc variant driver\n\nBody.\n\n${[...(opts.trailers ?? []), SOB].join('\n')}\n`, {
    'drivers/vfio/pci/acc/main.c': driverSource(opts.includes ?? [], opts.migration ?? true),
    ...(opts.wiring ?? WIRING),
    ...opts.extra,
  });
  if (opts.section !== null) r.commit(`MAINTAINERS: add acc\n\n${SOB}\n`, { MAINTAINERS: withSection(opts.section ?? ACC_SECTION) });
}

test('parent approval: changing the PF driver needs its maintainer; open names whom to ask, an Acked-by passes', async () => {
  const r = repo();
  r.commit(`foo: export VF state\n\n${SOB}\n`, { 'drivers/net/foo/sriov.c': 'int foo_pf_save(int vf, char *b, int l) { return 0; }\n' });
  addDriver(r, { includes: ['<linux/foo/pf.h>'] });
  let { items, profiles } = await check(r);
  // drivers/net/ is under NETWORKING DRIVERS, whose P: is the netdev document.
  assert.deepEqual(profiles, ['vfio-pci-variant', 'netdev', 'kernel']);
  let pa = items.get('vfio.parent-approval')!;
  assert.equal(pa.status, 'open');
  assert.match(texts(pa), /parent: FOO PF DRIVER/);
  assert.match(texts(pa), /the series changes drivers\/net\/foo\/sriov\.c/);
  assert.match(texts(pa), /drivers\/vfio\/pci\/acc\/main\.c:5 includes <linux\/foo\/pf\.h>/);
  assert.deepEqual(
    pa.ask.map((a) => [a.address, a.field, a.role]),
    [
      [PAM, 'to', 'maintainer'],
      [ROB, 'cc', 'reviewer'],
    ],
  );
  assert.match(pa.missing.join('\n'), /Pam Parent/);

  r.git(['commit', '-q', '--amend', '-F', '-'], `MAINTAINERS: add acc\n\nAcked-by: ${ROB}\n${SOB}\n`);
  ({ items } = await check(r));
  pa = items.get('vfio.parent-approval')!;
  assert.equal(pa.status, 'pass');
  assert.match(texts(pa), /Acked-by: Rob Reviewer/);
  assert.deepEqual(pa.ask, []);
});

test('parent approval: an R: reviewer of the parent counts, and the wording says maintainers or reviewers', async () => {
  const r = repo();
  addDriver(r, { includes: ['<linux/foo/pf.h>'], trailers: [`Reviewed-by: ${ROB}`] });
  const pa = (await check(r)).items.get('vfio.parent-approval')!;
  assert.equal(pa.status, 'pass', texts(pa));
  assert.match(pa.title, /maintainers or reviewers/);
  assert.match(pa.question, /maintainer or reviewer \(M: or R: in MAINTAINERS\)/);
  assert.match(pa.summary, /approved by a maintainer or reviewer/);
  const r2 = repo();
  addDriver(r2, { includes: ['<linux/foo/pf.h>'] });
  assert.match((await check(r2)).items.get('vfio.parent-approval')!.summary, /^0 of 1 parent driver approved by a maintainer or reviewer$/);
});

test('profile docs: on a variant-driver series the vfio document is left to its profile, and the n/a says so', async () => {
  const r = repo();
  addDriver(r);
  const pd = (await check(r)).items.get('kernel.profile-docs')!;
  assert.equal(pd.status, 'n/a');
  assert.equal(pd.summary, 'no section the series touches has a P: document other than the one the vfio-pci-variant profile covers');
  assert.match(texts(pd), /Documentation\/driver-api\/vfio-acceptance\.rst: P: of VFIO PCI DEVICE SPECIFIC DRIVERS, covered by the vfio-pci-variant profile/);
  // With a foo PF change as well, only maintainer-foo.rst is to be confirmed (the netdev profile decides maintainer-netdev.rst).
  r.commit(`foo: tweak\n\n${SOB}\n`, { 'drivers/net/foo/main.c': 'int foo_probe(void) { return 1; }\n' });
  const pd2 = (await check(r)).items.get('kernel.profile-docs')!;
  assert.equal(pd2.status, 'open');
  assert.deepEqual(
    pd2.evidence.filter((e) => e.path).map((e) => e.path),
    ['Documentation/process/maintainer-foo.rst'],
  );
});

test('parent approval: reaching the parent only through include/linux/<dir>/ with its maintainer signed off passes', async () => {
  const r = repo();
  addDriver(r, { includes: ['<linux/foo/pf.h>', '<linux/vfio.h>'], trailers: [`Signed-off-by: ${PAM}`] });
  const { items } = await check(r);
  const pa = items.get('vfio.parent-approval')!;
  assert.equal(pa.status, 'pass', texts(pa));
  // include/linux/foo/ belongs to two sections equally: one parent, approved by either.
  assert.match(pa.summary, /approved by a maintainer or reviewer: FOO PF DRIVER \/ FOO RDMA DRIVER$/);
  assert.doesNotMatch(texts(pa), /VFIO DRIVER|THE REST/);
  const r2 = repo();
  addDriver(r2, { includes: ['<linux/foo/pf.h>'], trailers: [`Acked-by: ${RAY}`] });
  assert.equal((await check(r2)).items.get('vfio.parent-approval')!.status, 'pass');
  const r3 = repo();
  addDriver(r3, { includes: ['<linux/foo/pf.h>'] });
  assert.deepEqual(
    (await check(r3)).items.get('vfio.parent-approval')!.ask.map((a) => a.address),
    [PAM, ROB, RAY],
  );
});

test('parent approval: a single header owned by a driver section is a parent, generic headers are not', async () => {
  const r = repo();
  addDriver(r, { includes: ['<linux/bar_helper.h>', '<linux/interrupt.h>', '<linux/uaccess.h>'] });
  const pa = (await check(r)).items.get('vfio.parent-approval')!;
  assert.equal(pa.status, 'open');
  assert.deepEqual(
    pa.ask.map((a) => a.address),
    [BEA],
  );
  assert.doesNotMatch(texts(pa), /interrupt|uaccess/);
});

test("parent approval: a relative include into another driver's directory makes that driver a parent", async () => {
  const r = repo();
  addDriver(r, { includes: ['"../../../misc/baz/core.h"', '"local.h"'] });
  const pa = (await check(r)).items.get('vfio.parent-approval')!;
  assert.equal(pa.status, 'open');
  assert.match(texts(pa), /drivers\/vfio\/pci\/acc\/main\.c:5 includes drivers\/misc\/baz\/core\.h \(BAZ ACCEL DRIVER\)/);
  assert.deepEqual(
    pa.ask.map((a) => a.address),
    [BAZ],
  );
});

test('parent approval: a driver header only THE REST covers is traced to the driver that includes it', async () => {
  const r = repo();
  addDriver(r, { includes: ['<linux/baz/api.h>'], trailers: [`Reviewed-by: ${BAZ}`] });
  const pa = (await check(r)).items.get('vfio.parent-approval')!;
  assert.equal(pa.status, 'pass', texts(pa));
  assert.match(texts(pa), /only THE REST covers it; drivers\/misc\/baz\/core\.c includes it \(BAZ ACCEL DRIVER\)/);
});

test('parent approval: n/a without parents; parents can be added and removed by hand', async () => {
  const r = repo();
  addDriver(r, { includes: ['<linux/bar_helper.h>'] });
  const s = await readSeries({ repoDir: r.dir });
  updateState(s.repo.commonDir, 'topic', (st) => {
    st.parents.removed.push('BAR HELPER DRIVER');
  });
  let pa = (await check(r)).items.get('vfio.parent-approval')!;
  assert.equal(pa.status, 'n/a');
  assert.match(texts(pa), /removed by hand as a parent driver: BAR HELPER DRIVER/);
  updateState(s.repo.commonDir, 'topic', (st) => {
    st.parents.added.push('BAZ ACCEL DRIVER');
  });
  pa = (await check(r)).items.get('vfio.parent-approval')!;
  assert.equal(pa.status, 'open');
  assert.deepEqual(
    pa.ask.map((a) => a.address),
    [BAZ],
  );
  assert.match(texts(pa), /added by hand/);
});

test('listed reviewer: a Reviewed-by under the address .mailmap maps the listed one to counts', async () => {
  const r = repo();
  addDriver(r);
  let lr = (await check(r)).items.get('vfio.listed-reviewer')!;
  assert.equal(lr.status, 'open');
  // MAINTAINERS lists the old address; the recipients get the one .mailmap gives.
  assert.deepEqual(
    lr.ask.map((a) => [a.address, a.field]),
    [
      [RIA_NEW, 'cc'],
      [REX, 'cc'],
    ],
  );
  const s = await readSeries({ repoDir: r.dir });
  const people = await profilePeople(s, loadState(s.repo.commonDir, 'topic'));
  assert.deepEqual(
    people.filter((p) => p.item === 'vfio.listed-reviewer').map((p) => [p.email, p.field, p.section, p.role]),
    [
      ['ria@new.example', 'cc', 'VFIO PCI DEVICE SPECIFIC DRIVERS', 'reviewer'],
      ['rex@listed.example', 'cc', 'VFIO PCI DEVICE SPECIFIC DRIVERS', 'reviewer'],
    ],
  );
  r.git(['commit', '-q', '--amend', '-F', '-'], `MAINTAINERS: add acc\n\nReviewed-by: ${RIA_NEW}\n${SOB}\n`);
  lr = (await check(r)).items.get('vfio.listed-reviewer')!;
  assert.equal(lr.status, 'pass');
  // .mailmap maps ria@old.example to ria@new.example: the new one is canonical.
  assert.match(texts(lr), /\.mailmap: ria@old\.example \(in MAINTAINERS\) is ria@new\.example/);
});

test('listed reviewer and vfio maintainer are n/a when MAINTAINERS has no such sections', async () => {
  const r = repo();
  addDriver(r, { section: null });
  r.commit(`strip\n\n${SOB}\n`, { MAINTAINERS: 'THE REST\nM:\tTop Person <top@kernel.example>\nS:\tBuried\nF:\t*\nF:\t*/\n' });
  const { items } = await check(r);
  assert.equal(items.get('vfio.listed-reviewer')!.status, 'n/a');
  assert.equal(items.get('vfio.vfio-maintainer')!.status, 'n/a');
  assert.equal(items.get('vfio.maintainers-entry')!.status, 'fail');
  r.commit(`no file\n\n${SOB}\n`, { MAINTAINERS: null });
  const none = (await check(r)).items;
  for (const id of ['vfio.parent-approval', 'vfio.listed-reviewer', 'vfio.vfio-maintainer', 'kernel.profile-docs']) {
    assert.deepEqual([id, none.get(id)!.status, none.get(id)!.summary], [id, 'n/a', 'no MAINTAINERS file in this tree']);
  }
  assert.equal(none.get('vfio.maintainers-entry')!.status, 'fail');
});

test('vfio maintainer: always on To, even when dropped from the recipients; among the profile recipients', async () => {
  const r = repo();
  addDriver(r);
  let res = await check(r);
  let vm = res.items.get('vfio.vfio-maintainer')!;
  assert.equal(vm.status, 'pass');
  assert.equal(vm.summary, 'Val Vfio on To');
  assert.ok(profileRecipients(res.report).some((p) => p.address === VAL && p.field === 'to' && p.item === 'vfio.vfio-maintainer'));
  const s = await readSeries({ repoDir: r.dir });
  updateState(s.repo.commonDir, 'topic', (st) => {
    st.recipients.dropped.push('val@vfio.example');
  });
  res = await check(r);
  vm = res.items.get('vfio.vfio-maintainer')!;
  assert.equal(vm.status, 'pass');
  assert.match(texts(vm), /you dropped this address, but a variant driver must reach the vfio maintainer/);
  assert.ok(profileRecipients(res.report).some((p) => p.address === VAL && p.field === 'to'));
});

test('a vfio core change does not bring in the variant profile', async () => {
  const r = repo();
  r.commit(`vfio/pci: tweak core\n\n${SOB}\n`, { 'drivers/vfio/pci/vfio_pci_core.c': 'int vfio_pci_core_register_device(void *d) { return 1; }\n' });
  const { profiles, items } = await check(r);
  assert.deepEqual(profiles, ['kernel']);
  assert.equal(items.has('vfio.parent-approval'), false);
});

test('device docs: migration asks three questions; answers or a confirmed document pass; no migration asks one', async () => {
  const r = repo();
  addDriver(r, { extra: { 'Documentation/driver-api/vfio-acc.rst': 'The acc migration data.\n' } });
  let dd = (await check(r)).items.get('vfio.device-docs')!;
  assert.equal(dd.status, 'open');
  assert.match(texts(dd), /vfio_migration_ops used/);
  assert.match(texts(dd), /documentation added: Documentation\/driver-api\/vfio-acc\.rst/);
  assert.equal(dd.missing.filter((m) => /vfio\.device-docs\.(state|exclusive|safeguards)/.test(m)).length, 3);
  const s = await readSeries({ repoDir: r.dir });
  const at = new Date().toISOString();
  updateState(s.repo.commonDir, 'topic', (st) => {
    st.answers['vfio.device-docs.state'] = { text: 'Registers and queues.', at };
    st.answers['vfio.device-docs.exclusive'] = { text: 'The queue contexts.', at };
  });
  dd = (await check(r)).items.get('vfio.device-docs')!;
  assert.equal(dd.status, 'open');
  assert.equal(dd.missing.length, 2);
  updateState(s.repo.commonDir, 'topic', (st) => {
    st.answers['vfio.device-docs.safeguards'] = { text: 'Magic and version checked.', at };
  });
  dd = (await check(r)).items.get('vfio.device-docs')!;
  assert.equal(dd.status, 'pass');
  assert.ok(dd.answer && 'vfio.device-docs.state' in dd.answer);

  const r2 = repo();
  addDriver(r2, { migration: false });
  assert.equal((await check(r2)).items.get('vfio.device-docs')!.status, 'open');
  const s2 = await readSeries({ repoDir: r2.dir });
  updateState(s2.repo.commonDir, 'topic', (st) => {
    st.answers['vfio.device-docs'] = { confirmed: true, note: 'Documentation/driver-api/vfio-acc.rst', at };
  });
  assert.equal((await check(r2)).items.get('vfio.device-docs')!.status, 'pass');
});

test("device docs: documents in the tree that the driver's own MAINTAINERS section lists under F: are evidence", async () => {
  const r = repo();
  r.git(['checkout', '-q', 'master']);
  r.commit('base: docs\n', {
    'Documentation/networking/acc_vfio.rst': 'The acc VF migration.\n',
    'Documentation/driver-api/acc/mig.rst': 'Migration data.\n',
    'Documentation/driver-api/acc/sub/more.rst': 'More.\n',
    'Documentation/misc/acc-one.rst': 'One.\n',
    'Documentation/misc/acc-dir/two.rst': 'Two.\n',
    'Documentation/other.rst': "Not the driver's.\n",
  });
  r.git(['checkout', '-q', '-B', 'topic']);
  const files = 'F:\tDocumentation/networking/acc_vfio.rst\nF:\tDocumentation/driver-api/acc/\nF:\tDocumentation/misc/acc-*.rst\nF:\tdrivers/vfio/pci/acc/\n';
  addDriver(r, { section: ACC_SECTION.replace('F:\tdrivers/vfio/pci/acc/\n', files) });
  const dd = (await check(r)).items.get('vfio.device-docs')!;
  assert.equal(dd.status, 'open');
  assert.deepEqual(
    dd.evidence.filter((e) => e.kind === 'document').map((e) => e.path),
    [
      'Documentation/driver-api/acc/mig.rst',
      'Documentation/driver-api/acc/sub/more.rst',
      'Documentation/misc/acc-one.rst',
      'Documentation/networking/acc_vfio.rst',
    ],
  );
  assert.match(texts(dd), /documentation in the tree: Documentation\/networking\/acc_vfio\.rst \(F: of VFIO ACC PCI DRIVER\)/);
  assert.match(
    dd.missing.at(-1)!,
    /^or point at a document \(Documentation\/driver-api\/acc\/mig\.rst, .*, \.\.\.\): patchpilot answer vfio\.device-docs --confirm --note "Documentation\/\.\.\."$/,
  );
  // One document: the hint names it.
  const r2 = repo();
  r2.git(['checkout', '-q', 'master']);
  r2.commit('base: doc\n', { 'Documentation/networking/acc_vfio.rst': 'The acc VF migration.\n' });
  r2.git(['checkout', '-q', '-B', 'topic']);
  addDriver(r2, { section: ACC_SECTION.replace('F:\tdrivers', 'F:\tDocumentation/networking/acc_vfio.rst\nF:\tdrivers') });
  const dd2 = (await check(r2)).items.get('vfio.device-docs')!;
  assert.match(dd2.missing.at(-1)!, /: patchpilot answer vfio\.device-docs --confirm --note "Documentation\/networking\/acc_vfio\.rst"$/);
});

test('device docs and userspace data are n/a for a fix to an existing driver that adds no entry point', async () => {
  const r = repo();
  r.commit(`vfio/old: fix\n\n${SOB}\n`, { 'drivers/vfio/pci/old/main.c': '#include <linux/vfio.h>\nint old_main(void) { return 1; }\n' });
  const { items } = await check(r);
  assert.equal(items.get('vfio.device-docs')!.status, 'n/a');
  assert.equal(items.get('vfio.userspace-data')!.status, 'n/a');
  assert.equal(items.get('vfio.maintainers-entry')!.status, 'n/a');
  assert.equal(items.get('vfio.build-wiring')!.status, 'n/a');
});

test('userspace data: copy-ins and table handlers with path and line; open until confirmed', async () => {
  const r = repo();
  addDriver(r);
  let ud = (await check(r)).items.get('vfio.userspace-data')!;
  assert.equal(ud.status, 'open');
  const lines = ud.evidence.map((e) => `${e.path}:${e.line} ${e.text.split(': ')[0]}`);
  assert.ok(
    lines.some((l) => /main\.c:13 .*copy_from_user$/.test(l)),
    lines.join('\n'),
  );
  assert.ok(
    lines.some((l) => /main\.c:20 .*file_operations \.write -> acc_resume_write/.test(l)),
    lines.join('\n'),
  );
  assert.ok(
    lines.some((l) => /vfio_migration_ops \.migration_set_state -> acc_set_state/.test(l)),
    lines.join('\n'),
  );
  const s = await readSeries({ repoDir: r.dir });
  updateState(s.repo.commonDir, 'topic', (st) => {
    st.answers['vfio.userspace-data'] = { confirmed: true, note: 'lengths are bounded by the state buffer', at: new Date().toISOString() };
  });
  ud = (await check(r)).items.get('vfio.userspace-data')!;
  assert.equal(ud.status, 'pass');
  assert.match(texts(ud), /lengths are bounded/);
});

test("userspace data: vfio-pci-core's own handlers in the ops table are listed apart and not counted", async () => {
  const ops = (mmap: string) => `#include <linux/vfio_pci_core.h>

static const struct vfio_device_ops acc_ops = {
\t.name = "acc-vfio-pci",
\t.ioctl = vfio_pci_core_ioctl,
\t.device_feature = vfio_pci_core_ioctl_feature,
\t.read = vfio_pci_core_read,
\t.write = vfio_pci_core_write,
\t.mmap = ${mmap},
};
`;
  const r = repo();
  addDriver(r, { extra: { 'drivers/vfio/pci/acc/ops.c': ops('vfio_pci_core_mmap') } });
  let ud = (await check(r)).items.get('vfio.userspace-data')!;
  assert.equal(ud.status, 'open');
  // main.c: the copy_from_user, the resume file's .write and .migration_set_state; none of ops.c.
  assert.equal(ud.summary, '3 places where userspace data enters the new code (5 more handled by vfio-pci-core); confirm each is checked');
  assert.deepEqual(
    ud.evidence.filter((e) => e.kind === 'line').map((e) => e.path),
    Array(3).fill('drivers/vfio/pci/acc/main.c'),
  );
  const core = ud.evidence.filter((e) => e.kind === 'note');
  assert.equal(core.length, 5);
  assert.equal(core[0]!.text, 'drivers/vfio/pci/acc/ops.c:5 vfio_device_ops .ioctl -> vfio_pci_core_ioctl: handled by vfio-pci-core, not new code');
  assert.equal(core[4]!.text, 'drivers/vfio/pci/acc/ops.c:9 vfio_device_ops .mmap -> vfio_pci_core_mmap: handled by vfio-pci-core, not new code');

  // Only core handlers and no copy-in: nothing of the driver's to confirm. The driver's own mmap counts.
  const r2 = repo();
  r2.commit(`vfio/old: ops\n\n${SOB}\n`, { 'drivers/vfio/pci/old/ops.c': ops('vfio_pci_core_mmap') });
  ud = (await check(r2)).items.get('vfio.userspace-data')!;
  assert.equal(ud.status, 'n/a');
  assert.equal(ud.summary, 'no place in the new code where userspace data enters (5 more handled by vfio-pci-core)');
  const r3 = repo();
  r3.commit(`vfio/old: ops\n\n${SOB}\n`, { 'drivers/vfio/pci/old/ops.c': ops('old_mmap') });
  ud = (await check(r3)).items.get('vfio.userspace-data')!;
  assert.equal(ud.status, 'open');
  assert.match(ud.evidence[0]!.text, /^drivers\/vfio\/pci\/old\/ops\.c:9 vfio_device_ops \.mmap -> old_mmap: /);
});

test('userspace data: a handler added to an existing table is found through the whole file', async () => {
  const r = repo();
  const fops = 'static const struct file_operations old_fops = {\n\t.owner = THIS_MODULE,\n};\n';
  r.git(['checkout', '-q', 'master']);
  r.commit('base: old fops\n', { 'drivers/vfio/pci/old/main.c': `#include <linux/vfio.h>\n${fops}` });
  r.git(['checkout', '-q', '-B', 'topic']);
  r.commit(`vfio/old: add ioctl\n\n${SOB}\n`, {
    'drivers/vfio/pci/old/main.c': `#include <linux/vfio.h>\n${fops.replace('\t.owner', '\t.unlocked_ioctl = old_ioctl,\n\t.owner')}`,
  });
  const ud = (await check(r)).items.get('vfio.userspace-data')!;
  assert.equal(ud.status, 'open');
  assert.equal(ud.evidence[0]!.line, 3);
  assert.match(ud.evidence[0]!.text, /file_operations \.unlocked_ioctl -> old_ioctl/);
});

test('maintainers entry: pass with M: L: S: F:, fail without a section or with one lacking L:', async () => {
  const r = repo();
  addDriver(r);
  let me = (await check(r)).items.get('vfio.maintainers-entry')!;
  assert.equal(me.status, 'pass');
  assert.match(texts(me), /VFIO ACC PCI DRIVER covers drivers\/vfio\/pci\/acc\//);
  const r2 = repo();
  addDriver(r2, { section: null });
  me = (await check(r2)).items.get('vfio.maintainers-entry')!;
  assert.equal(me.status, 'fail');
  assert.match(me.missing[0]!, /F: drivers\/vfio\/pci\/acc\//);
  const r3 = repo();
  addDriver(r3, { section: ACC_SECTION.replace('L:\tkvm@lists.example\n', '') });
  me = (await check(r3)).items.get('vfio.maintainers-entry')!;
  assert.equal(me.status, 'fail');
  assert.match(texts(me), /has no L:/);
});

test('build wiring: pass when sourced and descended into; fail names each missing piece', async () => {
  const r = repo();
  addDriver(r);
  const bw = (await check(r)).items.get('vfio.build-wiring')!;
  assert.equal(bw.status, 'pass');
  assert.match(texts(bw), /drivers\/vfio\/pci\/Kconfig:4 sources drivers\/vfio\/pci\/acc\/Kconfig/);
  assert.match(texts(bw), /drivers\/vfio\/pci\/Makefile:2 descends into acc\//);
  const r2 = repo();
  addDriver(r2, { wiring: { 'drivers/vfio/pci/acc/Kconfig': WIRING['drivers/vfio/pci/acc/Kconfig'] } });
  const bad = (await check(r2)).items.get('vfio.build-wiring')!;
  assert.equal(bad.status, 'fail');
  assert.deepEqual(bad.missing, [
    'add drivers/vfio/pci/acc/Makefile',
    `add 'source "drivers/vfio/pci/acc/Kconfig"' to drivers/vfio/pci/Kconfig`,
    'add "obj-$(CONFIG_...) += acc/" to drivers/vfio/pci/Makefile',
  ]);
});

test('the variant profile document is the P: of its section, read from the tree', async () => {
  const r = repo();
  addDriver(r);
  const { report } = await check(r);
  assert.equal(report.profiles[0]!.doc, 'Documentation/driver-api/vfio-acceptance.rst');
  assert.ok(AUTHOR);
});
