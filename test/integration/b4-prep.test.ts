/**
 * patchpilot on a branch made by `b4 prep` (Debian's b4 0.12), checked with
 * b4 itself: the exported cover letter is what b4 send would mail, and after
 * patchpilot sent, b4 and patchpilot agree on the version.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestRepo, hermeticProcess, runCli, scratch } from '../helpers/repo.js';
import { checkJson, seriesIn } from '../helpers/ops.js';
import { b4, hasB4 } from '../helpers/b4.js';

// The version and the checklist, which the tests only read back, come from src/ops in this process.
hermeticProcess();

const pad = scratch('pp-b4-');
const skip = hasB4 ? false : 'b4 is not installed (Debian package b4): these tests run b4 itself';

const COVER = `zorb: two changes

# a note to myself that b4 never sends
This series changes zorb twice.

To: Maint Ainer <maint@example.org>
Cc: zorb-list@vger.kernel.org
Cc: Some One (Corp) <some@example.org>
Signed-off-by: Test Author <author@test.example>
`;

let made: TestRepo | undefined;

/** A b4 prep branch b4/zorb with a written cover letter and two patches: a copy of one made once (b4 takes a third of a second to start). */
function b4Branch(): TestRepo {
  return pad.copy((made ??= makeB4Branch()));
}

function makeB4Branch(): TestRepo {
  const r = pad.repo({ base: { 'zorb.c': 'int zorb;\n' }, branch: null });
  const dir = r.dir;
  b4(dir, ['prep', '-n', 'zorb']);
  r.commit('zorb: one\n\nSigned-off-by: Test Author <author@test.example>\n', { 'zorb.c': 'int zorb;\nint one;\n' });
  r.commit('zorb: two\n\nCc: stable@vger.kernel.org # 6.12\nSigned-off-by: Test Author <author@test.example>\n', {
    'zorb.c': 'int zorb;\nint one;\nint two;\n',
  });
  const file = join(pad.dir(), 'cover.txt');
  writeFileSync(file, COVER);
  b4(dir, ['prep', '--edit-cover'], { EDITOR: `cp ${file}`, GIT_EDITOR: `cp ${file}` });
  return r;
}

const cli = (r: TestRepo, args: string[]) => {
  const res = runCli([...args, '--base', 'master'], { cwd: r.dir });
  return res;
};

test('b4 prep branch: the export is what b4 send mails, and sent leaves b4 and patchpilot on the same version', { skip }, async () => {
  const r = b4Branch();
  const out = pad.dir();
  const ex = cli(r, ['export', '-o', join(out, 'v1'), '--force']);
  assert.equal(ex.code, 0, ex.stderr);
  const files = readdirSync(join(out, 'v1')).sort();
  assert.equal(files.length, 3, files.join(' '));
  const cover = readFileSync(join(out, 'v1', files[0]!), 'utf8');
  assert.match(cover, /^Subject: \[PATCH 0\/2\] zorb: two changes$/m);
  assert.doesNotMatch(cover, /^#/m, 'no comment line of the b4 cover reaches the mail');
  assert.doesNotMatch(cover, /prerequisite-patch-id/, 'b4 empty cover commit is no prerequisite');
  const coverBody = cover.slice(cover.indexOf('\n\n'));
  assert.doesNotMatch(coverBody, /^(To|Cc):/m, 'the To:/Cc: lines of the cover are recipients, not text');
  assert.match(cover, /^To: Maint Ainer <maint@example.org>/m);
  assert.match(cover, /"Some One \(Corp\)" <some@example.org>/);
  assert.match(cover, /stable@vger\.kernel\.org/, 'the bare-address Cc: trailer is a recipient');
  assert.match(cover, /This series changes zorb twice\.\n\nSigned-off-by: Test Author/);

  const cc = JSON.parse(cli(r, ['cc', '--json']).stdout) as { to: { email: string; sources: { role?: string }[] }[] };
  assert.ok(cc.to.find((p) => p.email === 'maint@example.org')?.sources.some((s) => s.role === 'b4 cover'));

  const sc = cli(r, ['send-cmd']);
  assert.equal(sc.code, 0, sc.stderr);
  assert.match(sc.stdout, /stable@vger\.kernel\.org/, 'git send-email is told to Cc stable');

  const sent = cli(r, ['sent']);
  assert.equal(sent.code, 0, sent.stderr);
  assert.match(sent.stdout, /tag sent\/zorb-v1/);
  assert.equal(r.git(['tag', '-l', 'sent/*']).trim(), 'sent/zorb-v1');
  // The tag marks the series without b4's cover commit, as b4 tags it.
  assert.equal(r.git(['log', '--format=%s', 'master..sent/zorb-v1']).trim(), 'zorb: two\nzorb: one');

  const rev = b4(r.dir, ['prep', '--show-revision']);
  assert.match(rev, /^v2$/m, rev);
  const msgid = /^Message-Id: <([^>]+)>/im.exec(cover)![1]!;
  assert.match(rev, new RegExp(`v1: https://lore\\.kernel\\.org/r/${msgid.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  assert.equal((await seriesIn(r.dir, 'master')).version, 2);

  // b4's changelog template went in with EDITME bullets: export leaves them out, and so does check.
  const coverItem = (await checkJson(r.dir, { base: 'master' })).items.find((i) => i.id === 'kernel.cover-letter')!.status;
  assert.equal(coverItem, 'pass');

  // v2: the changelog is written where b4 send reads it, b4's cover commit; patchpilot cover refuses to keep a copy.
  const refused = cli(r, ['cover', '--changes', 'Fix the lock order (Kevin)']);
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /b4 prep --edit-cover/);
  const editor = `sed -i -e 's/^- EDITME: describe what is new.*$/- Fix the lock order (Kevin)/' -e '/^- EDITME: use bulletpoints/d'`;
  b4(r.dir, ['prep', '--edit-cover'], { EDITOR: editor, GIT_EDITOR: editor });
  // b4 send itself now finds nothing left to edit.
  b4(r.dir, ['send', '--no-sign', '-o', join(out, 'b4-v2')]);
  // And patchpilot's export: b4's changelog section once, linking v1; a new thread.
  const ex2 = cli(r, ['export', '-o', join(out, 'v2'), '--force']);
  assert.equal(ex2.code, 0, ex2.stderr);
  const cover2 = readFileSync(join(out, 'v2', readdirSync(join(out, 'v2')).sort()[0]!), 'utf8');
  assert.match(cover2, /^Subject: \[PATCH v2 0\/2\] zorb: two changes$/m);
  assert.equal(cover2.match(/Changes in v2/g)?.length, 1, cover2);
  assert.equal(cover2.match(/Link to v1/g)?.length, 1, cover2);
  assert.match(cover2, /^- Fix the lock order \(Kevin\)$/m);
  assert.doesNotMatch(cover2, /EDITME/);
  assert.doesNotMatch(cover2, /^In-Reply-To:/m, 'a new version starts a new thread');
  assert.match(cover2, new RegExp(`Link to v1: https://lore\\.kernel\\.org/r/${msgid.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  assert.match(cover2, /Range-diff against v1/);
});

test('b4 prep branch: a Message-ID corrected right after sent, and a forced revision, reach b4 too', { skip }, async () => {
  const r = b4Branch();
  assert.equal(cli(r, ['sent', '--message-id', '<first@example.org>']).code, 0);
  const fix = cli(r, ['sent', '--message-id', '<right@example.org>']);
  assert.equal(fix.code, 0, fix.stderr);
  assert.match(fix.stdout, /Message-ID corrected \(was <first@example\.org>\)/);
  const rev = b4(r.dir, ['prep', '--show-revision']);
  assert.match(rev, /^v2$/m);
  assert.match(rev, /v1: https:\/\/lore\.kernel\.org\/r\/right@example\.org/);
  assert.doesNotMatch(rev, /first@example/);
  assert.equal(cli(r, ['sent', '--force-revision', '5']).code, 0);
  assert.match(b4(r.dir, ['prep', '--show-revision']), /^v5$/m);
  assert.equal((await seriesIn(r.dir, 'master')).version, 5);
});
