import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, type TestRepo, hermeticProcess, scratch } from '../helpers/repo.js';
import { answerItem, checkJson } from '../helpers/ops.js';
import { SOB, acceptanceRepo } from '../helpers/acceptance-tree.js';
import { loadProfiles } from '../../src/acceptance/repo-profiles.js';
import { UsageError } from '../../src/errors.js';

// src/ runs git in this process: give it the hermetic environment.
hermeticProcess();

const scratchpad = scratch('pp-profiles-');

const PROFILE = {
  profiles: [
    {
      id: 'foo-nic',
      title: 'Foo NIC drivers',
      appliesTo: ['drivers/net/foo/'],
      doc: 'Documentation/process/maintainer-netdev.rst',
      items: [
        { id: 'foo.hw-tested', title: 'Tested on hardware', question: 'On which boards did you test?', answer: 'text' },
        { id: 'foo.fw-compat', title: 'Firmware compatibility', question: 'Does it work with old firmware?' },
      ],
    },
  ],
};

function check(r: TestRepo) {
  const res = runCli(['check', '--json', '--no-checkpatch'], { cwd: r.dir });
  return { code: res.code, stderr: res.stderr, json: res.code === 2 ? undefined : JSON.parse(res.stdout) };
}

// The profile's first decisions are read through the CLI (check --json); after the answers the report comes from
// src/ops in this process (checkJson: the same shape), and one answer runs the CLI, the others the answer operation.
test('a repository profile applies to its paths and its items are decided by the answers', async () => {
  const r = acceptanceRepo(scratchpad);
  r.write({ '.patchpilot/profiles.json': JSON.stringify(PROFILE) });
  r.commit(`bar: x\n\n${SOB}\n`, { 'drivers/misc/bar/x.c': 'int x;\n' });
  assert.deepEqual(
    (await checkJson(r.dir)).profiles.map((p: { id: string }) => p.id),
    ['kernel'],
  );
  r.commit(`foo: y\n\n${SOB}\n`, { 'drivers/net/foo/y.c': 'int y;\n' });
  let j = check(r).json;
  const prof = j.profiles.find((p: { id: string }) => p.id === 'foo-nic');
  assert.deepEqual(prof, {
    id: 'foo-nic',
    title: 'Foo NIC drivers',
    doc: 'Documentation/process/maintainer-netdev.rst',
    appliesWhen: 'the series changes drivers/net/foo/',
  });
  const item = (id: string) => j.items.find((i: { id: string }) => i.id === id);
  assert.equal(item('foo.hw-tested').status, 'open');
  assert.equal(item('foo.hw-tested').evidence[0].path, 'drivers/net/foo/y.c');
  assert.equal(runCli(['answer', 'foo.hw-tested', '--text', 'Foo-2000 rev B'], { cwd: r.dir }).code, 0);
  await assert.rejects(answerItem(r.dir, 'foo.fw-compat', { kind: 'text', text: 'yes' }), UsageError);
  await answerItem(r.dir, 'foo.fw-compat', { kind: 'confirm' });
  j = await checkJson(r.dir);
  assert.equal(item('foo.hw-tested').status, 'pass');
  assert.equal(item('foo.fw-compat').status, 'pass');
});

test('a malformed repository profile file is a one-line usage error', () => {
  const r = acceptanceRepo(scratchpad);
  r.commit(`bar: x\n\n${SOB}\n`, { 'drivers/misc/bar/x.c': 'int x;\n' });
  const cases: [unknown, RegExp][] = [
    ['{ nope', /profiles\.json is not valid JSON/],
    [{ profiles: [{ ...PROFILE.profiles[0], id: 'kernel' }] }, /profile id "kernel" is already taken/],
    [{ profiles: [{ ...PROFILE.profiles[0], appliesTo: [] }] }, /needs "appliesTo"/],
    [
      { profiles: [{ ...PROFILE.profiles[0], items: [{ id: 'vfio.device-docs', title: 't', question: 'q' }] }] },
      /item id "vfio\.device-docs" is already taken/,
    ],
  ];
  for (const [content, re] of cases) {
    r.write({ '.patchpilot/profiles.json': typeof content === 'string' ? content : JSON.stringify(content) });
    assert.throws(
      () => loadProfiles(r.dir),
      (e: unknown) => e instanceof UsageError && re.test(e.message),
    );
  }
  const res = check(r);
  assert.equal(res.code, 2);
  assert.match(res.stderr, /^patchpilot: \.patchpilot\/profiles\.json: profiles\[0\]\.items\[0\]\.id: item id "vfio\.device-docs" is already taken\n$/);
});
