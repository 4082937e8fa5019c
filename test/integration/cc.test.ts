// Recipients of the series (docs/rules.md, Recipients) on the demo repository and on small
// repositories: To/Cc with reasons, the submitter left out, .mailmap,
// persistence of --add/--drop, per-patch mode, profile people.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { createDemo } from '../../src/demo/index.js';
import { CO_DEVELOPER, DEMO_COMMITS, SUBMITTER } from '../../src/demo/series.js';
import { loadMailmap } from '../../src/mail/mailmap.js';
import { loadMaintainers } from '../../src/maintainers/index.js';
import { addRecipient, computeRecipients, dropRecipient, validateRecipient, type Recipient } from '../../src/recipients/compute.js';
import { readSeries } from '../../src/ops/branch.js';
import type { Series } from '../../src/series/read.js';
import { emptyState } from '../../src/store/state.js';
import { hermeticProcess, runCli, scratch } from '../helpers/repo.js';

// src/ runs git in this process: give it the hermetic environment.
hermeticProcess();

const scratchpad = scratch('pp-cc-');

let demo: string;
let series: Series;
before(async () => {
  const d = scratchpad.dir();
  demo = (await createDemo(join(d, 'demo'))).root;
  // The hermetic test environment sets GIT_AUTHOR_*, which would make the test author the submitter.
  series = { ...(await readSeries({ repoDir: demo })), submitter: SUBMITTER };
});

const emails = (list: Recipient[]) => list.map((r) => r.email);

/** The shas of the demo commits (DEMO_COMMITS, oldest first) that `pick` selects. */
function demoShas(pick: (c: (typeof DEMO_COMMITS)[number]) => boolean): string[] {
  assert.deepEqual(
    series.commits.map((c) => c.subject),
    DEMO_COMMITS.map((c) => c.message.split('\n')[0]),
  );
  return series.commits.filter((_, i) => pick(DEMO_COMMITS[i]!)).map((c) => c.sha);
}

function compute(state = emptyState('zorb-vfio'), extra: Parameters<typeof computeRecipients>[0]['profile'] = undefined) {
  return computeRecipients({ series, state, maintainers: loadMaintainers(demo), mailmap: loadMailmap(demo), profile: extra });
}

describe('series recipients', () => {
  it('puts M: maintainers on To and R:, L: and trailer people on Cc, without the submitter', () => {
    const r = compute();
    assert.deepEqual(emails(r.to).sort(), ['nia@net.example', 'pat.parent@acme.example', 'vera@vfio.example']);
    for (const e of [
      'quinn@acme.example',
      'vic@vfio.example',
      'ravi@review.example',
      'kvm@vger.example.org',
      'netdev@vger.example.org',
      'linux-kernel@vger.example.org',
      'chen@submitter.example',
    ]) {
      assert.ok(emails(r.cc).includes(e), `${e} on Cc`);
    }
    const all = [...r.to, ...r.cc];
    assert.ok(!all.some((x) => x.email === 'sam@submitter.example'), 'submitter left out');
    assert.ok(!all.some((x) => x.email === 'torvalds@linux-foundation.org'), 'chief penguin left out');
  });

  it('gives every recipient its reasons: section and role, or trailer and commits', () => {
    const r = compute();
    const vera = r.to.find((x) => x.email === 'vera@vfio.example')!;
    // Expected from the demo's definition: the commits touching a path of VFIO DRIVER (F: drivers/vfio/ and two headers).
    const vfioCommits = demoShas((c) => Object.keys(c.files).some((f) => f.startsWith('drivers/vfio/') || /^include\/linux\/vfio(_pci_core)?\.h$/.test(f)));
    assert.ok(vfioCommits.length >= 1 && vfioCommits.length < DEMO_COMMITS.length, 'the demo has commits inside and outside VFIO DRIVER');
    assert.deepEqual(vera.sources[0], { kind: 'maintainer', role: 'maintainer', section: 'VFIO DRIVER', commits: vfioCommits });
    const kvm = r.cc.find((x) => x.email === 'kvm@vger.example.org')!;
    assert.ok(kvm.sources.every((s) => s.kind === 'list' && s.role === 'open list'));
    assert.ok(kvm.sources.some((s) => s.section === 'VFIO PCI DEVICE SPECIFIC DRIVERS'));
    const chen = r.cc.find((x) => x.email === 'chen@submitter.example')!;
    assert.deepEqual(chen.sources.map((s) => s.trailer).sort(), ['Co-developed-by', 'Signed-off-by']);
    const chenCommits = demoShas((c) => c.message.includes(`Co-developed-by: ${CO_DEVELOPER.name} <${CO_DEVELOPER.email}>`));
    for (const s of chen.sources) assert.deepEqual(s.commits, chenCommits, s.trailer);
  });

  it('maps addresses through .mailmap and de-duplicates after it', () => {
    const r = compute();
    const rita = [...r.to, ...r.cc].filter((x) => x.name === 'Rita Reviewer');
    assert.deepEqual(emails(rita), ['rita@review.example']);
  });

  it('drops and adds by the state, keeps profile people despite a drop, and says why', () => {
    const state = emptyState('zorb-vfio');
    dropRecipient(state, 'Quinn Quality <quinn@acme.example>');
    dropRecipient(state, 'pat.parent@acme.example');
    addRecipient(state, 'Extra Person <extra@x.example>', 'to');
    const r = compute(state, [{ name: 'Pat Parent', email: 'pat@acme-corp.example', item: 'vfio-pci-variant.parent-approval' }]);
    assert.deepEqual(emails(r.dropped), ['quinn@acme.example']);
    assert.ok(!emails(r.cc).includes('quinn@acme.example'));
    const pat = r.to.find((x) => x.email === 'pat.parent@acme.example')!;
    assert.match(pat.keptBecause!, /vfio-pci-variant\.parent-approval/);
    assert.ok(pat.sources.some((s) => s.kind === 'profile' && s.role === 'vfio-pci-variant.parent-approval'));
    const extra = r.to.find((x) => x.email === 'extra@x.example')!;
    assert.deepEqual(extra.sources, [{ kind: 'manual' }]);
  });

  it('per-patch mode gives each patch its own lists and the union for the cover', () => {
    const state = emptyState('zorb-vfio');
    state.recipients.mode = 'per-patch';
    const r = compute(state);
    assert.equal(r.perPatch!.length, series.commits.length);
    const first = r.perPatch![0]!;
    assert.ok(emails(first.to).includes('pat.parent@acme.example'));
    assert.ok(!emails(first.to).includes('vera@vfio.example'), 'the PF patch does not go to the vfio maintainer');
    const union = new Set([...emails(r.to), ...emails(r.cc)]);
    for (const p of r.perPatch!) for (const x of [...p.to, ...p.cc]) assert.ok(union.has(x.email));
  });

  it('validates added addresses: one RFC 5322 mailbox, no line breaks', () => {
    assert.equal(validateRecipient('Jane Doe <jane@example.org>').email, 'jane@example.org');
    assert.equal(validateRecipient('"Doe, Jane" <jane@example.org>').address, '"Doe, Jane" <jane@example.org>');
    assert.throws(() => validateRecipient('Jane <jane@example.org>\r\nBcc: evil@x.org'), /line break/);
    assert.throws(() => validateRecipient('a@x.org, b@x.org'), /mailbox/);
    assert.throws(() => validateRecipient('not an address'), /mailbox/);
  });
});

describe('patchpilot cc', () => {
  it('persists --add/--drop per branch and keeps them when recomputed', () => {
    const add = runCli(['cc', '--json', '--add', 'New Person <new@x.example>', '--drop', 'vic@vfio.example'], { cwd: demo });
    assert.equal(add.code, 0, add.stderr);
    const j = JSON.parse(add.stdout) as { to: Recipient[]; cc: Recipient[]; dropped: Recipient[] };
    assert.ok(emails(j.cc).includes('new@x.example'));
    assert.deepEqual(emails(j.dropped), ['vic@vfio.example']);
    const again = JSON.parse(runCli(['cc', '--json'], { cwd: demo }).stdout) as typeof j;
    assert.ok(emails(again.cc).includes('new@x.example'));
    assert.ok(!emails(again.cc).includes('vic@vfio.example'));
    const plain = runCli(['cc'], { cwd: demo });
    assert.match(plain.stdout, /Vera Vfio <vera@vfio.example>\n\s+maintainer: VFIO DRIVER/);
    assert.match(plain.stdout, /Dropped by you/);
    runCli(['cc', '--undrop', 'vic@vfio.example'], { cwd: demo });
    assert.ok(emails((JSON.parse(runCli(['cc', '--json'], { cwd: demo }).stdout) as typeof j).cc).includes('vic@vfio.example'));
  });

  it('rejects a bad address with exit 2 and writes nothing', () => {
    const r = runCli(['cc', '--add', 'ok@x.example', '--add', 'Bad\nBcc: x@y.z'], { cwd: demo });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /line break/);
    const j = JSON.parse(runCli(['cc', '--json'], { cwd: demo }).stdout) as { cc: Recipient[] };
    assert.ok(!emails(j.cc).includes('ok@x.example'));
  });

  it('works on a repository with trailers only under THE REST', () => {
    const repo = scratchpad.repo({
      base: {
        MAINTAINERS: 'THE REST\nM:\tLinus Torvalds <torvalds@linux-foundation.org>\nL:\tlkml@x.example\nS:\tBuried alive in reporters\nF:\t*\nF:\t*/\n',
        'a.c': '',
      },
    });
    repo.commit('a: change\n\nReviewed-by: Rev Iewer <rev@x.example>\nSigned-off-by: Test Author <author@test.example>\n', { 'a.c': 'x\n' });
    const j = JSON.parse(runCli(['cc', '--json'], { cwd: repo.dir }).stdout) as { to: Recipient[]; cc: Recipient[] };
    assert.deepEqual(emails(j.to), []);
    assert.deepEqual(emails(j.cc), ['lkml@x.example', 'rev@x.example']);
    assert.deepEqual(j.cc[1]!.sources, [{ kind: 'trailer', trailer: 'Reviewed-by', commits: [repo.head()] }]);
  });
});
