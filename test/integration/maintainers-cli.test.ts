// `patchpilot maintainers`: roles, lists, .mailmap, de-duplication, keywords,
// .yaml addresses, Fixes:, options and errors, on small trees written here.
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { runMaintainers } from '../../bin/maintainers/run.js';
import { hermeticProcess, runCli, scratch } from '../helpers/repo.js';

// runMaintainers runs git in this process (--git, the repository checks): give it the hermetic environment.
hermeticProcess();

const scratchpad = scratch('pp-mc-');

function tree(files: Record<string, string>): string {
  const d = scratchpad.dir();
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(dirname(join(d, p)), { recursive: true });
    writeFileSync(join(d, p), c);
  }
  return d;
}

async function gm(root: string, args: string[], stdin = ''): Promise<{ out: string[]; err: string }> {
  const out: string[] = [];
  let err = '';
  await runMaintainers(
    args,
    { cwd: root, out: (t) => out.push(...t.replace(/\n$/, '').split('\n')), err: (t) => (err += `${t}\n`), stdin: () => stdin, stdinIsTty: false },
    'usage',
  );
  return { out, err };
}

const MAINT = `Header text
	M: *Mail* patches to

ACME DRIVER
M:	Ann Acme <ann@acme.example>
M:	Linus Torvalds <torvalds@linux-foundation.org>
R:	Rob Review <rob@old.example>
L:	acme@lists.example (moderated for non-subscribers)
L:	acme-private@lists.example (subscribers-only)
S:	Supported
T:	git git://acme.example/acme.git
W:	https://acme.example
F:	drivers/acme/
F:	Documentation/bindings/acme.yaml

ACME CORE WITH A VERY LONG SECTION NAME THAT GOES ON AND ON
M:	Ann Acme <ann@other.example>
M:	"Lee, Chun-Yi" <lee@core.example> (core bits)
L:	core@lists.example
S:	Odd Fixes
F:	drivers/acme/core.c
K:	(?i)zorb_magic

NO STATUS
M:	Nick Nostatus <nick@x.example>
F:	drivers/nostatus/

THE REST
M:	Linus Torvalds <torvalds@linux-foundation.org>
L:	linux-kernel@vger.example.org
S:	Buried alive in reporters
F:	*
F:	*/
`;

const FILES = {
  MAINTAINERS: MAINT,
  '.mailmap': 'Rob Review <rob@new.example> <rob@old.example>\n',
  'drivers/acme/core.c': 'int x;\n',
  'drivers/acme/x.c': 'int y;\n',
  'drivers/nostatus/a.c': '',
  'kernel/sched.c': '',
  'Documentation/bindings/acme.yaml': 'maintainers:\n  - Yara Yaml <yara@yaml.example>\n',
};

describe('maintainers output', () => {
  it('prints roles, most specific section first, lists after people, THE REST list last', async () => {
    const { out } = await gm(tree(FILES), ['-f', 'drivers/acme/core.c']);
    assert.deepEqual(out, [
      'Ann Acme <ann@other.example> (odd fixer:ACME CORE WITH A VERY LONG SECTION NAME THAT GO...)',
      '"Lee, Chun-Yi" <lee@core.example> (odd fixer:ACME CORE WITH A VERY LONG SECTION NAME THAT GO...)',
      'Rob Review <rob@new.example> (reviewer:ACME DRIVER)',
      'core@lists.example (open list:ACME CORE WITH A VERY LONG SECTION NAME THAT GO...)',
      'acme@lists.example (moderated list:ACME DRIVER)',
      'linux-kernel@vger.example.org (open list)',
    ]);
  });

  it('--norolestats drops roles; --nom/--nol/--nor select; --s adds subscriber lists', async () => {
    const root = tree(FILES);
    assert.deepEqual((await gm(root, ['--norolestats', '--nol', '-f', 'drivers/acme/x.c'])).out, [
      'Ann Acme <ann@acme.example>',
      'Rob Review <rob@new.example>',
    ]);
    assert.deepEqual((await gm(root, ['--norolestats', '--nom', '--nor', '-f', 'drivers/acme/x.c'])).out, [
      'acme@lists.example',
      'linux-kernel@vger.example.org',
    ]);
    assert.deepEqual((await gm(root, ['--norolestats', '--nom', '--nor', '--nomoderated', '-f', 'drivers/acme/x.c'])).out, ['linux-kernel@vger.example.org']);
    assert.ok((await gm(root, ['--s', '-f', 'drivers/acme/x.c'])).out.includes('acme-private@lists.example (subscriber list:ACME DRIVER)'));
  });

  it('leaves the chief penguin out unless --git-chief-penguins', async () => {
    const root = tree(FILES);
    assert.ok(!(await gm(root, ['-f', 'drivers/acme/x.c'])).out.some((l) => l.includes('torvalds')));
    // Added as 'chief penguin' after the sections' own entry, which keeps its first role.
    assert.ok(
      (await gm(root, ['--git-chief-penguins', '-f', 'drivers/acme/x.c'])).out.includes(
        'Linus Torvalds <torvalds@linux-foundation.org> (supporter:ACME DRIVER)',
      ),
    );
    assert.deepEqual((await gm(root, ['--git-chief-penguins', '-f', 'kernel/sched.c'])).out, [
      'Linus Torvalds <torvalds@linux-foundation.org> (chief penguin:THE REST)',
      'linux-kernel@vger.example.org (open list)',
    ]);
    assert.deepEqual((await gm(root, ['-f', 'kernel/sched.c'])).out, ['linux-kernel@vger.example.org (open list)']);
  });

  it('says "unknown" for a section without S:, and honours --separator and --nomultiline', async () => {
    const root = tree(FILES);
    assert.deepEqual((await gm(root, ['-f', 'drivers/nostatus/a.c'])).out, [
      'Nick Nostatus <nick@x.example> (unknown:NO STATUS)',
      'linux-kernel@vger.example.org (open list)',
    ]);
    assert.deepEqual((await gm(root, ['--norolestats', '--separator', ' | ', '-f', 'drivers/nostatus/a.c'])).out, [
      'Nick Nostatus <nick@x.example> | linux-kernel@vger.example.org',
    ]);
  });

  it('adds the addresses of a touched .yaml file as "in file"', async () => {
    const { out } = await gm(tree(FILES), ['-f', 'Documentation/bindings/acme.yaml']);
    assert.ok(out.includes('Yara Yaml <yara@yaml.example> (in file)'), out.join('\n'));
  });

  it('prints --scm, --web and --status entries', async () => {
    const { out } = await gm(tree(FILES), ['--noemail', '--nol', '--scm', '--web', '-f', 'drivers/acme/x.c']);
    assert.deepEqual(out, ['git git://acme.example/acme.git', 'https://acme.example']);
  });

  it('matches K: keywords on patch text: the message whole, the diff only on +/- lines', async () => {
    const root = tree(FILES);
    const patch = (msg: string, ctx: string, add: string) =>
      `Subject: [PATCH] x\n\n${msg}\n---\ndiff --git a/kernel/x.c b/kernel/x.c\n--- a/kernel/x.c\n+++ b/kernel/x.c\n@@ -1,2 +1,2 @@\n ${ctx}\n+${add}\n`;
    const hit = (await gm(root, ['--norolestats'], patch('Uses ZORB_MAGIC now.', 'a', 'b'))).out;
    assert.ok(hit.includes('"Lee, Chun-Yi" <lee@core.example>'), hit.join('\n'));
    assert.ok(!(await gm(root, ['--norolestats'], patch('plain', 'zorb_magic in context', 'b'))).out.some((l) => l.includes('lee@')));
    assert.ok((await gm(root, ['--norolestats'], patch('plain', 'a', 'zorb_magic()'))).out.some((l) => l.includes('lee@')));
    assert.ok(!(await gm(root, ['--norolestats', '--nokeywords'], patch('Uses ZORB_MAGIC now.', 'a', 'b'))).out.some((l) => l.includes('lee@')));
    const roles = (await gm(root, [], patch('plain', 'a', 'zorb_magic()'))).out;
    assert.ok(
      roles.some((l) => l.endsWith('(odd fixer:ACME CORE WITH A VERY LONG SECTION NAME THAT GO...:Keyword:(?i)zorb_magic)')),
      roles.join('\n'),
    );
  });

  it('de-duplicates a person listed under two addresses by name', async () => {
    const { out } = await gm(tree(FILES), ['--norolestats', '-f', 'drivers/acme/core.c']);
    assert.equal(out.filter((l) => l.startsWith('Ann Acme')).length, 1);
  });

  it('--json gives each address with its role', async () => {
    const { out } = await gm(tree(FILES), ['--json', '--scm', '-f', 'drivers/nostatus/a.c']);
    const j = JSON.parse(out.join('\n')) as { recipients: { address: string; role: string }[]; scm: string[] };
    assert.deepEqual(j.recipients, [
      { address: 'Nick Nostatus <nick@x.example>', role: 'unknown:NO STATUS' },
      { address: 'linux-kernel@vger.example.org', role: 'open list' },
    ]);
    assert.deepEqual(j.scm, []);
  });

  it('--sections prints the matching sections with their patterns restored', async () => {
    const { out } = await gm(tree(FILES), ['--sections', '-f', 'drivers/nostatus/a.c']);
    assert.deepEqual(out.slice(0, 3), ['NO STATUS', 'M:\tNick Nostatus <nick@x.example>', 'F:\tdrivers/nostatus/']);
  });
});

describe('addresses as the script reads them', () => {
  it('splits RFC 822 lists, keeps commas in names, drops comments, quotes non-ASCII names (checked against the script)', async () => {
    const root = tree({
      MAINTAINERS:
        'Header\n\tM: x\n\nMULTI\nM:\tAnn One <a@x.org>, Bob Two <b@x.org>\nM:\tEnrico Weigelt, metux IT consult <info@metux.net>\nM:\t"Lee, Chun-Yi" <jlee@suse.com>\nR:\tPaulo Alcantara <pc@manguebit.com> (DFS, global name space)\nM:\tJörg Rödel <joro@8bytes.org>\nL:\tlist@x.org\nS:\tMaintained\nF:\tdrivers/a/\n',
      'drivers/a/x.c': '',
    });
    assert.deepEqual((await gm(root, ['--nogit-fallback', '-f', 'drivers/a/x.c'])).out, [
      'Ann One <a@x.org> (maintainer:MULTI)',
      'Bob Two <b@x.org> (maintainer:MULTI)',
      '"Enrico Weigelt, metux IT consult" <info@metux.net> (maintainer:MULTI)',
      '"Lee, Chun-Yi" <jlee@suse.com> (maintainer:MULTI)',
      'Paulo Alcantara <pc@manguebit.com> (reviewer:MULTI)',
      '"Jörg Rödel" <joro@8bytes.org> (maintainer:MULTI)',
      'list@x.org (open list:MULTI)',
    ]);
  });
});

describe('maintainers in a git repository', () => {
  it('adds the signers of a Fixes: commit as blamed_fixes (mailmap applied, --nofixes turns it off)', async () => {
    const repo = scratchpad.repo({ base: FILES });
    const fixed = repo.commit('acme: the bug\n\nSigned-off-by: Rob Review <rob@old.example>\nAcked-by: Fay Fixer <fay@fix.example>\n', {
      'drivers/acme/a.c': 'bug\n',
    });
    const patch = `Subject: [PATCH] acme: fix\n\nFixes: ${fixed.slice(0, 12)} ("acme: the bug")\n---\ndiff --git a/drivers/acme/a.c b/drivers/acme/a.c\n--- a/drivers/acme/a.c\n+++ b/drivers/acme/a.c\n@@ -1 +1 @@\n-bug\n+fixed\n`;
    const { out } = await gm(repo.dir, ['--nogit-fallback'], patch);
    assert.ok(out.includes('Rob Review <rob@new.example> (reviewer:ACME DRIVER,blamed_fixes:1/1=100%)'), out.join('\n'));
    assert.ok(out.includes('Fay Fixer <fay@fix.example> (blamed_fixes:1/1=100%)'), out.join('\n'));
    const off = (await gm(repo.dir, ['--nogit-fallback', '--nofixes'], patch)).out;
    assert.ok(!off.some((l) => l.includes('fay@')));
  });

  it('exits 2 with one line when MAINTAINERS is missing, and reports malformed lines with their number', () => {
    const empty = tree({ README: 'x\n' });
    const r = runCli(['maintainers', '-f', 'README'], { cwd: empty });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^patchpilot: MAINTAINERS file not found/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    const bad = tree({ MAINTAINERS: 'X\n\nFOO\nM:\tFoo <foo@x.org>\nF:\t\nY:\tfoo\nF:\tfoo/\n', 'foo/a': '' });
    const r2 = runCli(['maintainers', '--nogit-fallback', '-f', 'foo/a'], { cwd: bad });
    assert.equal(r2.code, 0);
    assert.match(r2.stderr, /MAINTAINERS:5: 'F:' has no value/);
    assert.match(r2.stderr, /MAINTAINERS:6: unknown field letter 'Y:'/);
    assert.equal(r2.stdout, 'Foo <foo@x.org> (unknown:FOO)\n');
  });

  it('adds signers and authors from history for files no maintained section covers (--git-fallback)', async () => {
    const repo = scratchpad.repo({ base: FILES });
    repo.commit(
      'sched: a change\n\nSigned-off-by: Sig Ner <sig@x.example>\n',
      { 'kernel/sched.c': 'one line\n' },
      { author: { name: 'Au Thor', email: 'au@x.example' } },
    );
    const { out } = await gm(repo.dir, ['--git-since=2000-01-01', '-f', 'kernel/sched.c']);
    assert.deepEqual(
      new Set(out),
      new Set([
        'Sig Ner <sig@x.example> (commit_signer:1/2=50%)',
        'Au Thor <au@x.example> (authored:1/2=50%,added_lines:1/1=100%)',
        'Test Author <author@test.example> (authored:1/2=50%)',
        'linux-kernel@vger.example.org (open list)',
      ]),
    );
    // A maintained section with an M: covers drivers/acme/x.c exactly: no history there, unless --git.
    assert.ok(!(await gm(repo.dir, ['--git-since=2000-01-01', '-f', 'drivers/acme/x.c'])).out.some((l) => l.includes('authored')));
    assert.ok((await gm(repo.dir, ['--git', '--git-since=2000-01-01', '-f', 'drivers/acme/x.c'])).out.some((l) => l.includes('authored')));
    assert.deepEqual((await gm(repo.dir, ['--nogit-fallback', '-f', 'kernel/sched.c'])).out, ['linux-kernel@vger.example.org (open list)']);
  });

  it('refuses --git-blame and --interactive with one clear line', () => {
    for (const opt of ['--git-blame', '--interactive']) {
      const r = runCli(['maintainers', opt, '-f', 'MAINTAINERS'], { cwd: tree(FILES) });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /not supported/);
      assert.equal(r.stderr.trim().split('\n').length, 1);
    }
  });
});
