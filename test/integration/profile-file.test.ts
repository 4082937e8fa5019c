import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSeries } from '../../src/ops/branch.js';
import { loadState, updateState } from '../../src/store/state.js';
import { evaluate } from '../../src/acceptance/evaluate.js';
import { loadProfiles, userProfilesPath } from '../../src/acceptance/repo-profiles.js';
import type { ItemResult } from '../../src/acceptance/types.js';
import { UsageError } from '../../src/errors.js';
import { hermeticProcess, makeRepo, runCli, scratch, type TestRepo } from '../helpers/repo.js';

hermeticProcess();
const pad = scratch();
const SOB = 'Signed-off-by: Test Author <author@test.example>';
// The user-level file lives here for every test of this file (and never in the developer's own ~/.config).
const xdg = pad.dir();
before(() => {
  process.env.XDG_CONFIG_HOME = xdg;
});

const RULES = {
  profiles: [
    {
      id: 'acme',
      title: 'Acme NIC',
      appliesTo: ['drivers/net/acme/'],
      items: [
        { id: 'acme.size', title: 'Small series', rule: { maxPatches: 2 } },
        { id: 'acme.prefix', title: 'Subject prefix', rule: { subjectPrefix: '^net: acme: ' }, quote: 'Start every subject with net: acme:' },
        { id: 'acme.tree', title: 'Tree tag', rule: { coverPrefix: ['acme-next', 'acme-fixes'] } },
        { id: 'acme.wait', title: 'Two days between versions', rule: { minHoursBetweenVersions: 48 } },
        {
          id: 'acme.review',
          title: 'Reviewed by the Acme team',
          rule: { requiredTrailer: { key: 'Reviewed-by', from: ['Rita <rita@acme.example>', '@team.acme.example'] } },
        },
        { id: 'acme.hw', title: 'Tested on hardware', question: 'Which boards?', answer: 'text' },
      ],
    },
  ],
};

function repo(): TestRepo {
  return pad.keep(makeRepo({ base: { 'drivers/net/acme/main.c': 'int acme;\n', 'drivers/misc/x.c': 'int x;\n' } }));
}

async function items(r: TestRepo): Promise<Map<string, ItemResult>> {
  const s = await readSeries({ repoDir: r.dir });
  const report = await evaluate(s, loadState(s.repo.commonDir, s.branch!));
  return new Map(report.items.map((i) => [i.id, i]));
}

test('a tree profile file with decided rules changes the result; out of its paths it does not apply', async () => {
  const r = repo();
  r.commit(`misc: x\n\n${SOB}\n`, { 'drivers/misc/x.c': 'int x2;\n' });
  r.write({ '.patchpilot/profiles.json': JSON.stringify(RULES) });
  assert.equal((await items(r)).get('acme.size'), undefined);
  r.commit(`acme: one\n\n${SOB}\n`, { 'drivers/net/acme/a.c': 'int a;\n' });
  r.commit(`net: acme: Two\n\n${SOB}\nReviewed-by: Tom <tom@team.acme.example>\n`, { 'drivers/net/acme/b.c': 'int b;\n' });
  let it = await items(r);
  assert.equal(it.get('acme.size')!.status, 'fail');
  assert.match(it.get('acme.size')!.summary, /3 patches: at most 2/);
  const pre = it.get('acme.prefix')!;
  assert.equal(pre.status, 'fail');
  assert.equal(pre.evidence.length, 1, 'only commits in the profile paths are checked, and one of them matches');
  assert.match(pre.guidance, /"Start every subject with net: acme:"/);
  const tree = it.get('acme.tree')!;
  assert.equal(tree.status, 'open');
  assert.match(tree.missing.join('\n'), /patchpilot cover --prefix acme-next/);
  assert.equal(it.get('acme.wait')!.status, 'n/a');
  assert.equal(it.get('acme.review')!.status, 'pass', 'a Reviewed-by from the listed domain counts');
  assert.equal(it.get('acme.hw')!.status, 'open');
  const s = await readSeries({ repoDir: r.dir });
  updateState(s.repo.commonDir, 'topic', (st) => {
    st.cover.prefixes = ['acme-next'];
    st.version = 2;
    st.sent = [{ version: 1, tag: 'topic-v1', date: new Date(Date.now() - 30 * 3600e3).toISOString(), tip: s.repo.head, base: s.base.commit }];
  });
  it = await items(r);
  assert.equal(it.get('acme.tree')!.status, 'pass');
  const w = it.get('acme.wait')!;
  assert.equal(w.status, 'open');
  assert.match(w.summary, /wait 1[78] h/);
});

test('required trailer: open until someone of the group gives it', async () => {
  const r = repo();
  r.write({ '.patchpilot/profiles.json': JSON.stringify(RULES) });
  r.commit(`net: acme: One\n\n${SOB}\nReviewed-by: Other <other@else.example>\n`, { 'drivers/net/acme/a.c': 'int a;\n' });
  const rv = (await items(r)).get('acme.review')!;
  assert.equal(rv.status, 'open');
  assert.match(rv.summary, /waiting for a Reviewed-by from Rita <rita@acme\.example>, @team\.acme\.example/);
  r.commit(`net: acme: Two\n\n${SOB}\nReviewed-by: Rita <rita@acme.example>\n`, { 'drivers/net/acme/b.c': 'int b;\n' });
  assert.equal((await items(r)).get('acme.review')!.status, 'pass');
});

test('the user-level file is read as well, after the tree file', async () => {
  const r = repo();
  r.commit(`net: acme: One\n\n${SOB}\n`, { 'drivers/net/acme/a.c': 'int a;\n' });
  assert.equal(userProfilesPath(), join(xdg, 'patchpilot', 'profiles.json'));
  mkdirSync(join(xdg, 'patchpilot'), { recursive: true });
  writeFileSync(
    userProfilesPath(),
    JSON.stringify({
      profiles: [{ id: 'mine', title: 'Mine', appliesTo: ['drivers/'], items: [{ id: 'mine.size', title: 'One patch', rule: { maxPatches: 1 } }] }],
    }),
  );
  try {
    assert.equal((await items(r)).get('mine.size')!.status, 'pass');
    r.write({ '.patchpilot/profiles.json': JSON.stringify({ profiles: [{ ...RULES.profiles[0], id: 'mine', items: [RULES.profiles[0]!.items[0]] }] }) });
    assert.throws(
      () => loadProfiles(r.dir),
      (e: unknown) => e instanceof UsageError && e.message === `${userProfilesPath()}: profiles[0].id: profile id "mine" is already taken`,
    );
  } finally {
    writeFileSync(userProfilesPath(), '{"profiles": []}');
  }
});

test('each mistake in a profile file is one error naming the file and the field', () => {
  const r = repo();
  const p = RULES.profiles[0]!;
  const cases: [unknown, string][] = [
    [
      { profiles: [{ ...p, items: [{ id: 'a.x', title: 'x', rule: { maxPatches: 0 } }] }] },
      'profiles[0].items[0].rule.maxPatches: must be a whole number greater than 0',
    ],
    [
      { profiles: [{ ...p, items: [{ id: 'a.x', title: 'x', rule: { subjectPrefix: '(' } }] }] },
      'profiles[0].items[0].rule.subjectPrefix: is not a regular expression',
    ],
    [
      { profiles: [{ ...p, items: [{ id: 'a.x', title: 'x', rule: { maxPatches: 1, coverPrefix: 'net' } }] }] },
      'profiles[0].items[0].rule: must hold exactly one of',
    ],
    [
      { profiles: [{ ...p, items: [{ id: 'a.x', title: 'x', rule: { requiredTrailer: { key: 'Reviewed-by', from: 'rita' } } }] }] },
      'profiles[0].items[0].rule.requiredTrailer.from: must be a non-empty list of strings',
    ],
    [
      { profiles: [{ ...p, items: [{ id: 'a.x', title: 'x', rule: { minHoursBetweenVersions: 24 }, answer: 'text' }] }] },
      'profiles[0].items[0].answer: goes with a question, not with a rule',
    ],
    [{ profiles: [{ ...p, items: [{ id: 'a.x', title: 'x', question: 'q', colour: 'red' }] }] }, 'profiles[0].items[0].colour: unknown field'],
    [{ profiles: [{ ...p, appliesTo: 'drivers/' }] }, 'profiles[0].appliesTo: profile needs "appliesTo"'],
    [{ profiles: {} }, 'profiles: expected {"profiles": [...]}'],
  ];
  for (const [content, msg] of cases) {
    r.write({ '.patchpilot/profiles.json': JSON.stringify(content) });
    assert.throws(
      () => loadProfiles(r.dir),
      (e: unknown) => e instanceof UsageError && e.message.startsWith(`.patchpilot/profiles.json: ${msg}`),
      msg,
    );
  }
});

test('check with a broken profile file: one line on stderr, exit 2', () => {
  const r = repo();
  r.commit(`net: acme: One\n\n${SOB}\n`, { 'drivers/net/acme/a.c': 'int a;\n' });
  r.write({
    '.patchpilot/profiles.json': JSON.stringify({ profiles: [{ ...RULES.profiles[0], items: [{ id: 'a.x', title: 'x', rule: { maxPatches: -1 } }] }] }),
  });
  const res = runCli(['check', '--no-checkpatch'], { cwd: r.dir, env: { XDG_CONFIG_HOME: xdg } });
  assert.equal(res.code, 2);
  assert.equal(res.stderr, 'patchpilot: .patchpilot/profiles.json: profiles[0].items[0].rule.maxPatches: must be a whole number greater than 0\n');
  assert.equal(res.stdout, '');
});
