/**
 * Trailers read the way everything else reads them: a quoted local part
 * ("g h"@x.org) is the same address for trailers, trailers add, check and
 * cc --add, and a commit message in another encoding (latin-1) is decoded as
 * series decodes it. One fixture repository.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hermeticProcess, runCli, scratch, type TestRepo } from '../helpers/repo.js';
import { assertRefusal, runCliAsync } from '../helpers/hostile.js';
import { personProblem, checkTrailerText } from '../../src/trailers/edit.js';
import { personOf } from '../../src/trailers/parse.js';

// The trailer and address parsers run in this process.
hermeticProcess();
const pad = scratch('pp-htrail-');
let r: TestRepo;
before(() => {
  r = pad.repo();
  r.commit('plain: first\n\nCc: "g h"@x.org\nTested-by: "g h"@x.org\nSigned-off-by: Test Author <author@test.example>\n', { 'a.c': 'a\n' });
  // A commit in latin-1, as git -c i18n.commitEncoding=ISO-8859-1 commit writes it.
  r.write({ 'b.c': 'b\n' });
  r.git(['add', '-A']);
  const msg = join(pad.dir(), 'msg');
  writeFileSync(msg, Buffer.from('caf\xe9: na\xefve subject\n\nBody \xe0 la carte.\n\nSigned-off-by: Test Author <author@test.example>\n', 'latin1'));
  r.git(['-c', 'i18n.commitEncoding=ISO-8859-1', 'commit', '-q', '-F', msg]);
});

describe('a quoted local part', () => {
  it('is a bare address for Cc: (no problem), and Tested-by: needs a name, said the same way by trailers and trailers add', async () => {
    const json = JSON.parse(runCli(['trailers', '--json'], { cwd: r.dir }).stdout);
    const [cc, tested] = json.commits[0].trailers;
    assert.equal(cc.email, '"g h"@x.org');
    assert.deepEqual(cc.problems, []);
    assert.deepEqual(tested.problems, ['Tested-by needs a name: write "Tested-by: Name <"g h"@x.org>"']);
    const text = runCli(['trailers'], { cwd: r.dir }).stdout;
    assert.doesNotMatch(text, /is not a valid/);
    const add = await runCliAsync(['trailers', 'add', '--commit', 'HEAD', 'Tested-by: "g h"@x.org'], { cwd: r.dir });
    assertRefusal(add, /Tested-by needs a name: write "Tested-by: Name <"g h"@x\.org>"/, 'trailers add Tested-by bare');
  });
  it('trailers add takes a bare quoted Cc: and writes it as given', async () => {
    const pre = r.head();
    const add = await runCliAsync(['trailers', 'add', '--commit', 'HEAD~1', 'Cc: "j k"@x.org'], { cwd: r.dir });
    assert.equal(add.code, 0, add.stderr);
    assert.notEqual(r.head(), pre);
    assert.match(r.git(['log', '-1', '--format=%B', 'HEAD~1']), /^Cc: "j k"@x\.org$/m);
    const json = JSON.parse(runCli(['trailers', '--json'], { cwd: r.dir }).stdout);
    assert.deepEqual(
      json.commits[0].trailers.filter((t: { problems: string[] }) => t.problems.length).map((t: { key: string }) => t.key),
      ['Tested-by'],
    );
  });
  it('the rule in one place: personOf and personProblem agree with the address parser', () => {
    assert.deepEqual(personOf('"g h"@x.org'), { name: '', email: '"g h"@x.org' });
    assert.deepEqual(personOf('"g h"@x.org # 6.1+'), { name: '', email: '"g h"@x.org' });
    assert.equal(personProblem('Cc', { value: '"g h"@x.org', ...personOf('"g h"@x.org')! }), undefined);
    assert.equal(personProblem('Cc', { value: 'stable@vger.kernel.org # 6.1+', ...personOf('stable@vger.kernel.org # 6.1+')! }), undefined);
    // What cc --add and export refuse is flagged here too, with the same reason.
    assert.match(personProblem('Cc', { value: '-oX@x.org' }) ?? '', /starts with '-'/);
    assert.match(personProblem('Cc', { value: 'bob@localhost' }) ?? '', /no dot in its domain/);
    const cc = checkTrailerText('Cc: "g h"@x.org');
    assert.ok(cc.ok && cc.trailer.value === '"g h"@x.org');
  });
});

describe('a latin-1 commit message', () => {
  it('trailers shows its subject as series does, in text and JSON', () => {
    const series = JSON.parse(runCli(['series', '--json'], { cwd: r.dir }).stdout);
    const want = series.commits.at(-1).subject;
    assert.equal(want, 'café: naïve subject');
    const json = JSON.parse(runCli(['trailers', '--json'], { cwd: r.dir }).stdout);
    assert.equal(json.commits.at(-1).subject, want);
    const text = runCli(['trailers'], { cwd: r.dir }).stdout;
    assert.match(text, /café: naïve subject/);
    assert.doesNotMatch(text, /\ufffd/);
  });
});
