/**
 * A branch made with `b4 prep -n NAME -f BASE` (Debian's b4 0.12, run
 * hermetically): patchpilot finds the series where b4 does (after b4's cover
 * commit, not from origin/HEAD or master), and `sent` bumps b4's cover
 * commit exactly as b4's own reroll does, so b4 still reads the title.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestRepo, hermeticEnv, runCli, scratch } from '../helpers/repo.js';
import { b4, b4Interpreter, hasB4 } from '../helpers/b4.js';

const pad = scratch('pp-b4base-');
// b4's own Python (the one its script runs with), not whatever python3 comes first on PATH.
const interpreter = b4Interpreter();
const PY = interpreter && /python/.test(interpreter) ? interpreter : '/usr/bin/python3';
const hasB4AndPython = hasB4 && PY === interpreter;
const skip = hasB4AndPython ? false : 'b4 is not installed (Debian package b4): these tests run b4 itself';

/** Run b4's own Python code in the repository (its cover parsing, its reroll). */
function b4py(dir: string, code: string): string {
  const r = spawnSync(PY, ['-c', `import b4, b4.ez\n${code}`], { cwd: dir, encoding: 'utf8', env: hermeticEnv() });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

const coverSubject = (dir: string) => b4py(dir, `c, t = b4.ez.load_cover(strip_comments=True)\nprint(b4.ez.get_cover_subject_body(c)[0].full_subject)`).trim();
const coverMessage = (r: TestRepo) => r.git(['log', '-F', '--grep=--- b4-submit-tracking ---', '-n1', '--format=%B']);

/** master: base; nd-base: one unrelated commit; b4/zorb: `b4 prep -n zorb -f nd-base` and two patches, the cover still b4's template. */
function b4Start(): TestRepo {
  const r = pad.repo({ base: { 'zorb.c': 'int zorb;\n' }, branch: 'nd-base' });
  const dir = r.dir;
  r.commit('unrelated: work on nd-base\n', { 'other.c': 'int other;\n' });
  b4(dir, ['prep', '-n', 'zorb', '-f', 'nd-base']);
  r.commit('zorb: one\n\nSigned-off-by: Test Author <author@test.example>\n', { 'zorb.c': 'int zorb;\nint one;\n' });
  r.commit('zorb: two\n\nSigned-off-by: Test Author <author@test.example>\n', { 'zorb.c': 'int zorb;\nint one;\nint two;\n' });
  return r;
}

// b4 takes a third of a second to start: the branch is made once and copied, and each cover written into a copy.
let start: TestRepo | undefined;
const covered = new Map<string, TestRepo>();

/** A copy of b4Start() with `cover` written by b4 prep --edit-cover (made once per cover text). */
function b4Branch(cover: string): TestRepo {
  let made = covered.get(cover);
  if (!made) {
    made = pad.copy((start ??= b4Start()));
    const file = join(pad.dir(), 'cover.txt');
    writeFileSync(file, cover);
    b4(made.dir, ['prep', '--edit-cover'], { EDITOR: `cp ${file}`, GIT_EDITOR: `cp ${file}` });
    covered.set(cover, made);
  }
  return pad.copy(made);
}

const COVER = 'zorb: two changes\n\nThis series changes zorb twice.\n\nTo: Maint Ainer <maint@example.org>\nSigned-off-by: Test Author <author@test.example>\n';
let r: TestRepo;
before(() => {
  if (hasB4AndPython) r = b4Branch(COVER);
});

test('b4 prep -f nd-base: without --base the series starts after b4 cover commit (b4 base-branch), not at master', { skip }, () => {
  const s = runCli(['series', '--json'], { cwd: r.dir });
  assert.equal(s.code, 0, s.stderr);
  const series = JSON.parse(s.stdout) as { base: { ref: string; commit: string }; commits: { subject: string }[] };
  assert.deepEqual(
    series.commits.map((c) => c.subject),
    ['zorb: one', 'zorb: two'],
  );
  assert.equal(series.base.commit, r.git(['rev-parse', 'nd-base']).trim());
  assert.equal(series.base.ref, 'nd-base');
  const out = pad.dir();
  const ex = runCli(['export', '-o', out, '--force'], { cwd: r.dir });
  assert.equal(ex.code, 0, ex.stderr);
  const files = readdirSync(out).sort();
  assert.equal(files.length, 3, files.join(' '));
  const cover = readFileSync(join(out, files[0]!), 'utf8');
  assert.match(cover, /^Subject: \[PATCH 0\/2\] zorb: two changes$/m);
  assert.match(cover, new RegExp(`^base-commit: ${r.git(['rev-parse', 'nd-base']).trim()}$`, 'm'));
  // trailers work on the same range: the unrelated commit is not rewritten.
  const before = r.git(['rev-parse', 'nd-base']).trim();
  const t = runCli(['trailers', 'add', '--all', 'Acked-by: Ann Acker <ann@example.org>'], { cwd: r.dir });
  assert.equal(t.code, 0, t.stderr);
  assert.equal(r.git(['log', '--format=%H', '-n1', '--grep=unrelated', 'HEAD']).trim(), before);
});

test('a base below b4 cover commit: the refusal names the base and b4 start, not the cover position', { skip }, () => {
  const ex = runCli(['export', '-o', pad.dir(), '--force', '--base', 'master'], { cwd: r.dir });
  assert.equal(ex.code, 2);
  assert.doesNotMatch(ex.stderr, /move it to the start|middle of the series/);
  assert.match(ex.stderr, /the base master \([0-9a-f]{12}\) is below the start of b4's series/);
  assert.match(ex.stderr, /--base [0-9a-f]{12}\^/);
  assert.equal(ex.stderr.trim().split('\n').length, 1, ex.stderr);
});

test('sent on a b4 branch writes the cover commit byte for byte as b4 reroll does; b4 still reads the title', { skip }, () => {
  const twin = new TestRepo(pad.dir());
  cpSync(r.dir, twin.dir, { recursive: true });
  const sent = runCli(['sent', '--message-id', '<v1-cover@example.org>'], { cwd: r.dir });
  assert.equal(sent.code, 0, sent.stderr);
  b4py(twin.dir, `b4.ez.reroll('b4/zorb', 'v1\\n', 'v1-cover@example.org')`);
  assert.equal(coverMessage(r), coverMessage(twin));
  assert.match(coverMessage(r), /^zorb: two changes\n\nThis series changes zorb twice\.\n\nTo: [^\n]+\nSigned-off-by: [^\n]+\n\n---\nChanges in v2:\n- EDITME/);
  assert.equal(coverSubject(r.dir), 'zorb: two changes');
});

test('sent when the title section already has a "Changes in" heading: the new changelog goes before that heading, the title stays first', { skip }, () => {
  const odd = b4Branch(
    'zorb: two changes\n\nThis series changes zorb twice.\n\nChanges in v1:\n- first version\n\nSigned-off-by: Test Author <author@test.example>\n',
  );
  const sent = runCli(['sent', '--message-id', '<v1-odd@example.org>'], { cwd: odd.dir });
  assert.equal(sent.code, 0, sent.stderr);
  assert.match(coverMessage(odd), /^zorb: two changes\n\nThis series changes zorb twice\.\n\nChanges in v2:\n- EDITME/);
  assert.equal(coverSubject(odd.dir), 'zorb: two changes');
});

test('on a b4 branch the title and body are b4 cover commit: cover --title is refused, b4 prep --edit-cover reaches patchpilot', { skip }, () => {
  const b = b4Branch(COVER);
  const refused = runCli(['cover', '--title', 'something else'], { cwd: b.dir });
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /b4 prep --edit-cover; nothing was changed/);
  assert.equal(refused.stderr.trim().split('\n').length, 1, refused.stderr);
  const file = join(pad.dir(), 'cover2.txt');
  writeFileSync(file, COVER.replace('zorb: two changes', 'zorb: two better changes'));
  b4(b.dir, ['prep', '--edit-cover'], { EDITOR: `cp ${file}`, GIT_EDITOR: `cp ${file}` });
  const c = JSON.parse(runCli(['cover', '--json'], { cwd: b.dir }).stdout) as { subject: string; source: string };
  assert.equal(c.subject, '[PATCH 0/2] zorb: two better changes');
  assert.equal(coverSubject(b.dir), 'zorb: two better changes');
});

test("on a b4 branch export's placeholder refusals point to b4 prep --edit-cover, the command that can fix them", { skip }, () => {
  // A b4 cover still holding b4's template: no subject line of its own, EDITME in the body.
  const b = b4Branch('EDITME: cover title for zorb\n\n# Describe the purpose of this series.\nEDITME: describe the series\n');
  const out = join(pad.dir(), 'out');
  const refused = runCli(['export', '-o', out, '--force'], { cwd: b.dir });
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /no subject .*: edit it with b4 prep --edit-cover/);
  assert.match(refused.stderr, /no body .*: edit it with b4 prep --edit-cover/);
  assert.doesNotMatch(refused.stderr, /patchpilot cover --(title|body|edit)/);
  assert.ok(!readdirSync(pad.dir()).includes('out'), 'nothing is written');
});

test("on a b4 branch the changelog is b4's too: cover --changes after sent is refused, pointing to b4 prep --edit-cover", { skip }, () => {
  const b = b4Branch(COVER);
  const sent = runCli(['sent', '--message-id', '<v1-changes@example.org>'], { cwd: b.dir });
  assert.equal(sent.code, 0, sent.stderr);
  for (const args of [
    ['cover', '--changes', '- reworded'],
    ['cover', '--add-changes', '- reworded'],
  ]) {
    const refused = runCli(args, { cwd: b.dir });
    assert.equal(refused.code, 2, args.join(' '));
    assert.match(refused.stderr, /changelog.*b4 prep --edit-cover; nothing was changed/);
  }
  assert.match(coverMessage(b), /Changes in v2:\n- EDITME/);
});
