import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hermeticEnv, hermeticProcess, runCli, scratch, type TestRepo } from '../helpers/repo.js';
import { addDeps, changeCc, checkJson, depsIn, seriesIn, setCover } from '../helpers/ops.js';
import { hasB4 } from '../helpers/b4.js';

// The first test and the mistakes run every deps subcommand through the CLI; elsewhere what a test sets up
// (a recorded prerequisite, the cover, a recipient) and what it only reads (the series, the checklist) goes
// through src/ops in this process, and the output under test (export's files, b4's reading of them) through the CLI.
hermeticProcess();

const pad = scratch('pp-deps-');
const SOB = 'Signed-off-by: Test Author <author@test.example>';

let template: TestRepo | undefined;

/** master, a prerequisite branch `pre` of two commits on it, and `topic` on top of `pre` (its upstream: master): a copy of one built once. */
function built(): TestRepo {
  template ??= buildOnce();
  return pad.copy(template);
}

function buildOnce(): TestRepo {
  const r = pad.repo({ branch: 'pre' });
  r.commit(`pre: part one\n\n${SOB}\n`, { 'p1.c': 'int p1;\n' });
  r.commit(`pre: part two\n\n${SOB}\n`, { 'p2.c': 'int p2;\n' });
  r.git(['checkout', '-q', '-b', 'topic']);
  r.git(['branch', '-q', '--set-upstream-to=master']);
  r.commit(`topic: step one\n\n${SOB}\n`, { 't1.c': 'int t1;\n' });
  r.commit(`topic: step two\n\n${SOB}\n`, { 't2.c': 'int t2;\n' });
  const ok = (args: string[]) => {
    const res = runCli(args, { cwd: r.dir });
    assert.equal(res.code, 0, `${args.join(' ')}: ${res.stderr}`);
    return res;
  };
  ok(['cover', '--title', 'topic: two steps', '--body', 'Two steps on top of pre.']);
  ok(['cc', '--add-to', 'Ma Int <ma@test.example>']);
  return r;
}

const cli = (r: TestRepo, args: string[]) => runCli(args, { cwd: r.dir });
const json = (r: TestRepo, args: string[]) => {
  const res = cli(r, [...args, '--json']);
  assert.ok(res.code === 0 || (args[0] === 'check' && res.code === 1), `${args.join(' ')}: ${res.stderr}`);
  return JSON.parse(res.stdout);
};
const prereqLines = (text: string) => text.split('\n').filter((l) => /^(base-commit|prerequisite-[a-z-]+): /.test(l));

function exportCover(r: TestRepo): { dir: string; cover: string } {
  const dir = pad.dir();
  const res = cli(r, ['export', '-o', join(dir, 'out'), '--force']);
  assert.equal(res.code, 0, res.stderr);
  const files = readdirSync(join(dir, 'out')).sort();
  return { dir: join(dir, 'out'), cover: readFileSync(join(dir, 'out', files[0]!), 'utf8') };
}

test('a branch built on a recorded prerequisite branch: its commits leave the series, and the cover letter carries b4 lines equal to git format-patch --base', () => {
  const r = built();
  assert.equal(json(r, ['series']).commits.length, 4);
  const add = json(r, ['deps', 'add', 'pre', '--message-id', '<pre-v1-0@test.example>']);
  assert.equal(add.added.kind, 'branch');
  assert.equal(add.added.messageId, 'pre-v1-0@test.example');
  assert.equal(add.deps[0].state, 'built-on');
  const s = json(r, ['series']);
  assert.deepEqual(
    s.commits.map((c: { subject: string }) => c.subject),
    ['topic: step one', 'topic: step two'],
  );
  const master = r.git(['rev-parse', 'master']).trim();
  const { cover } = exportCover(r);
  const git = prereqLines(r.git(['format-patch', '--stdout', '--cover-letter', '--base=master', 'pre..topic']));
  assert.equal(git[0], `base-commit: ${master}`);
  assert.equal(git.length, 3);
  const ours = prereqLines(cover);
  assert.deepEqual(ours, [git[0], 'prerequisite-message-id: <pre-v1-0@test.example>', ...git.slice(1)]);
  assert.deepEqual(
    ours.filter((l) => !l.startsWith('prerequisite-message-id')),
    git,
  );
  const check = json(r, ['check', '--no-checkpatch']);
  assert.equal(check.items.find((i: { id: string }) => i.id === 'deps.built-on').status, 'pass');
  assert.equal(check.items.find((i: { id: string }) => i.id === 'deps.still-needed').status, 'pass');
});

test('b4 reads the exported series: the upstream base-commit, the prerequisite lines in the cover letter, none in the patches', async (t) => {
  if (!hasB4) {
    t.skip('b4 is not installed (Debian: apt install b4): the b4 check is skipped');
    return;
  }
  const r = built();
  await addDeps(r.dir, 'pre', { messageId: 'pre-v1-0@test.example' });
  const { dir, cover } = exportCover(r);
  const mbox = join(dir, 'all.mbox');
  writeFileSync(
    mbox,
    readdirSync(dir)
      .sort()
      .map((f) => readFileSync(join(dir, f), 'utf8') + '\n')
      .join(''),
  );
  const out = pad.dir();
  const b4 = spawnSync('b4', ['--offline-mode', 'am', '-m', mbox, '-o', out], {
    cwd: r.dir,
    encoding: 'utf8',
    env: hermeticEnv({ XDG_CACHE_HOME: out }),
  });
  const said = `${b4.stdout}${b4.stderr}`;
  assert.equal(b4.status, 0, said);
  assert.match(said, new RegExp(`Base: using specified base-commit ${r.git(['rev-parse', 'master']).trim()}`));
  const files = readdirSync(out);
  const coverFile = readFileSync(
    join(
      out,
      files.find((f) => f.endsWith('.cover'))!,
    ),
    'utf8',
  );
  assert.deepEqual(prereqLines(coverFile), prereqLines(cover));
  assert.doesNotMatch(
    readFileSync(
      join(
        out,
        files.find((f) => f.endsWith('.mbx'))!,
      ),
      'utf8',
    ),
    /prerequisite/,
  );
});

test('the base stays the upstream when the branch tracks the prerequisite branch', async () => {
  const r = built();
  r.git(['branch', '-q', '--set-upstream-to=pre']);
  assert.equal((await seriesIn(r.dir)).commits.length, 2);
  await addDeps(r.dir, 'pre');
  const { cover } = exportCover(r);
  assert.equal(prereqLines(cover)[0], `base-commit: ${r.git(['rev-parse', 'master']).trim()}`);
  assert.equal(prereqLines(cover).length, 3);
});

test('a prerequisite from an mbox is recognised under a branch that applied its mails', async () => {
  const r = built();
  const mboxDir = pad.dir();
  r.git(['format-patch', '-q', '--cover-letter', '--thread', '--base=master', '-o', mboxDir, 'master..pre']);
  const mbox = join(mboxDir, 'pre.mbox');
  writeFileSync(
    mbox,
    readdirSync(mboxDir)
      .sort()
      .map((f) => readFileSync(join(mboxDir, f), 'utf8').replace('*** SUBJECT HERE ***', 'pre: two parts'))
      .join('\n'),
  );
  // The same patches, other commits: the prerequisite as applied from its mails.
  r.git(['checkout', '-q', '-B', 'topic2', 'master']);
  r.git(['branch', '-q', '--set-upstream-to=master']);
  r.git(['cherry-pick', 'master..pre'], undefined, { GIT_COMMITTER_DATE: '2026-02-01T00:00:00+00:00' });
  r.commit(`topic: step one\n\n${SOB}\n`, { 't1.c': 'int t1;\n' });
  const add = { added: await addDeps(r.dir, mbox), ...(await depsIn(r.dir)) };
  assert.equal(add.added.kind, 'mbox');
  assert.match(add.added.messageId!, /@/);
  assert.equal(add.added.patches.length, 2);
  assert.equal(add.deps[0]!.state, 'built-on');
  assert.deepEqual(
    (await seriesIn(r.dir)).commits.map((c: { subject: string }) => c.subject),
    ['topic: step one'],
  );
  // A single patch carries the lines below its diff.
  await changeCc(r.dir, { addTo: ['Ma Int <ma@test.example>'] });
  const { cover } = exportCover(r);
  assert.deepEqual(prereqLines(cover).slice(1, 2), [`prerequisite-message-id: <${add.added.messageId}>`]);
  assert.equal(prereqLines(cover).length, 4);
});

test('check: a declared prerequisite the branch is not built on fails; one already in the base is open (the line can go)', async () => {
  const r = built();
  r.git(['checkout', '-q', '-b', 'other', 'master']);
  r.commit(`other: thing\n\n${SOB}\n`, { 'o.c': 'int o;\n' });
  r.git(['checkout', '-q', 'topic']);
  await addDeps(r.dir, 'pre');
  await addDeps(r.dir, 'other');
  let items = (await checkJson(r.dir)).items;
  const bo = items.find((i: { id: string }) => i.id === 'deps.built-on')!;
  assert.equal(bo.status, 'fail');
  assert.match(bo.missing.join('\n'), /other: put your commits on top of it: git rebase --onto other/);
  assert.equal(cli(r, ['deps', 'remove', '2']).code, 0);
  // pre is merged upstream: rebase topic's own commits onto the new master.
  r.git(['checkout', '-q', 'master']);
  r.git(['merge', '-q', '--ff-only', 'pre']);
  r.git(['checkout', '-q', 'topic']);
  items = (await checkJson(r.dir)).items;
  const sn = items.find((i: { id: string }) => i.id === 'deps.still-needed')!;
  assert.equal(sn.status, 'open');
  assert.match(sn.missing.join('\n'), /patchpilot deps remove 1/);
  const list = await depsIn(r.dir);
  assert.equal(list.deps[0]!.state, 'in-base');
});

test('deps: mistakes are one line and exit 2', () => {
  const r = built();
  const one = (args: string[], re: RegExp) => {
    const res = cli(r, args);
    assert.equal(res.code, 2, `${args.join(' ')}: ${res.stdout}`);
    assert.match(res.stderr, re);
    assert.equal(res.stderr.trim().split('\n').length, 1);
  };
  one(['deps', 'add', 'no-such-thing'], /neither a file, a range A\.\.B, a branch nor a commit/);
  one(['deps', 'add', 'pre', '--message-id', 'not an id'], /is not a Message-ID/);
  one(['deps', 'remove', '1'], /no prerequisites are recorded/);
  one(['deps', 'frob'], /unknown subcommand "frob"/);
  assert.equal(cli(r, ['deps', 'add', 'pre']).code, 0);
  one(['deps', 'add', 'master..pre'], /already recorded as prerequisite 1/);
  one(['deps', 'remove', '7'], /no prerequisite "7"/);
  assert.equal(cli(r, ['deps', 'remove', 'pre']).code, 0);
  assert.equal(json(r, ['deps', 'list']).deps.length, 0);
});

test('a damaged prerequisite in the state file is one line naming the file, exit 2', async () => {
  const r = built();
  await addDeps(r.dir, 'pre');
  const file = join(r.dir, '.git', 'patchpilot', 'topic.json');
  const st = JSON.parse(readFileSync(file, 'utf8'));
  st.deps[0].patches[0].patchId = 'not hex';
  writeFileSync(file, JSON.stringify(st));
  const res = cli(r, ['deps', 'list']);
  assert.equal(res.code, 2);
  assert.match(res.stderr, /^patchpilot: state file .*topic\.json is damaged \(deps/);
  assert.equal(res.stderr.trim().split('\n').length, 1);
});

test('a prerequisite branch b4 prepared is named by its change-id; its cover commit is neither a patch nor our cover letter', async () => {
  const r = pad.repo({ branch: 'b4/pre' });
  const tracking = { series: { revision: 2, 'change-id': '20260101-pre-0123456789ab', 'base-branch': 'master', prefixes: [] } };
  r.commit(
    `pre: the prerequisite\n\nIt comes first.\n\n--- b4-submit-tracking ---\n# This section is used internally by b4 prep for tracking purposes.\n${JSON.stringify(tracking)}\n`,
    {},
    { allowEmpty: true },
  );
  r.commit(`pre: part one\n\n${SOB}\n`, { 'p1.c': 'int p1;\n' });
  r.git(['checkout', '-q', '-b', 'topic']);
  r.git(['branch', '-q', '--set-upstream-to=master']);
  r.commit(`topic: step one\n\n${SOB}\n`, { 't1.c': 'int t1;\n' });
  r.commit(`topic: step two\n\n${SOB}\n`, { 't2.c': 'int t2;\n' });
  await setCover(r.dir, { title: 'topic: two steps', body: 'On top of pre.' });
  await changeCc(r.dir, { addTo: ['Ma Int <ma@test.example>'] });
  const add = json(r, ['deps', 'add', 'b4/pre']);
  assert.equal(add.added.changeId, '20260101-pre-0123456789ab:v2');
  assert.equal(add.added.patches.length, 1);
  const s = await seriesIn(r.dir);
  assert.equal(s.b4Cover, undefined);
  assert.equal(s.commits.length, 2);
  const { cover } = exportCover(r);
  const git = prereqLines(r.git(['format-patch', '--stdout', '--cover-letter', '--base=master', 'b4/pre..topic'])).filter((l) => !/: 0+$/.test(l));
  assert.deepEqual(prereqLines(cover), [git[0], 'prerequisite-change-id: 20260101-pre-0123456789ab:v2', ...git.slice(1)]);
  assert.match(cover, /^Subject: \[PATCH 0\/2\] topic: two steps$/m);
});
