// The F:/X:/N: matching rules of get_maintainer.pl, each with a case that
// fails if the rule is implemented differently.
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { findSection, loadMaintainers, maintainersFromText, sectionsForFile, matchFile } from '../../src/maintainers/index.js';
import { UsageError } from '../../src/errors.js';
import { scratchDirs } from '../helpers/scratch.js';

const scratchpad = scratchDirs('pp-mt-');

function tree(files: Record<string, string> = {}): string {
  const d = scratchpad.dir();
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(dirname(join(d, p)), { recursive: true });
    writeFileSync(join(d, p), c);
  }
  return d;
}

const HEAD = 'List of maintainers\n===================\n\n\tM: *Mail* patches to\n\n';

function names(text: string, file: string, root = tree()): string[] {
  return sectionsForFile(maintainersFromText(root, HEAD + text), file).map((s) => s.name);
}

describe('MAINTAINERS parsing', () => {
  it('keeps fields in file order with line numbers and every letter present', () => {
    const db = maintainersFromText(
      tree(),
      `${HEAD}FOO DRIVER\nM:\tA <a@x.org>\nR:\tB <b@x.org>\nL:\tl@x.org\nS:\tMaintained\nF:\tdrivers/foo/\nF:\tinclude/foo.h\nK:\tfoo_\n`,
    );
    const s = findSection(db, 'FOO DRIVER')!;
    assert.equal(s.line, 6);
    assert.deepEqual(s.F, ['drivers/foo/', 'include/foo.h']);
    assert.deepEqual(s.fields.M, ['A <a@x.org>']);
    assert.deepEqual(s.P, []);
    assert.equal(s.entries[1]!.line, 8);
    assert.equal(db.warnings.length, 0);
  });

  it('reports malformed lines with their line numbers and skips them', () => {
    const db = maintainersFromText(tree(), `${HEAD}FOO\nM:\tA <a@x.org>\nZ:\tsomething\nF:\nR:\tno address here\nF:\tfoo/\n`);
    assert.deepEqual(
      db.warnings.map((w) => w.line),
      [8, 9, 10],
    );
    assert.match(db.warnings[0]!.message, /unknown field letter 'Z:'/);
    assert.deepEqual(findSection(db, 'FOO')!.F, ['foo/']);
    assert.deepEqual(findSection(db, 'FOO')!.R, []);
  });

  it('throws a UsageError when MAINTAINERS is missing', () => {
    assert.throws(
      () => loadMaintainers(tree()),
      (e) => e instanceof UsageError && /no MAINTAINERS file/.test(e.message),
    );
  });

  it('finds sections by name, exactly or ignoring case', () => {
    const db = maintainersFromText(tree(), `${HEAD}VFIO DRIVER\nF:\tdrivers/vfio/\n\nVFIO PCI DEVICE SPECIFIC DRIVERS\nF:\tdrivers/vfio/pci/*/\n`);
    assert.equal(findSection(db, 'VFIO PCI DEVICE SPECIFIC DRIVERS')!.F[0], 'drivers/vfio/pci/*/');
    assert.equal(findSection(db, 'vfio driver')!.name, 'VFIO DRIVER');
    assert.equal(findSection(db, 'NOPE'), undefined);
  });
});

describe('F: patterns', () => {
  it('a trailing slash matches everything below', () => {
    assert.deepEqual(names('A\nF:\tdrivers/foo/\n', 'drivers/foo/bar/baz.c'), ['A']);
  });

  it('without a trailing slash the file needs as many slashes as the pattern', () => {
    const t = 'A\nF:\tdrivers/foo/*\n';
    assert.deepEqual(names(t, 'drivers/foo/x.c'), ['A']);
    assert.deepEqual(names(t, 'drivers/foo/sub/x.c'), []);
  });

  it('a pattern naming an existing directory gets the slash (working tree)', () => {
    const t = 'A\nF:\tdrivers/foo\n';
    assert.deepEqual(names(t, 'drivers/foo/sub/x.c', tree({ 'drivers/foo/sub/x.c': '' })), ['A']);
    // No such directory on disk: the pattern is a file name, deeper files do not match.
    assert.deepEqual(names(t, 'drivers/foo/sub/x.c', tree()), []);
    // Without the directory, a same-depth name that merely starts with the pattern matches (prefix match).
    assert.deepEqual(names(t, 'drivers/foobar', tree()), ['A']);
    assert.deepEqual(names(t, 'drivers/foobar', tree({ 'drivers/foo/x': '' })), []);
  });

  it('only . * ? are translated: . is literal, ? one character, * anything', () => {
    assert.deepEqual(names('A\nF:\tdrivers/a.c\n', 'drivers/abc'), []);
    assert.deepEqual(names('A\nF:\tdrivers/a?c\n', 'drivers/abc'), ['A']);
    assert.deepEqual(names('A\nF:\tdrivers/x*.[ch]\n', 'drivers/xy.h'), ['A']);
    assert.deepEqual(names('A\nF:\tdrivers/x*.[ch]\n', 'drivers/xy.s'), []);
  });

  it('X: excludes the whole section, N: matches included', () => {
    const t = 'A\nF:\tsound/\nN:\tcodec\nX:\tsound/legacy/\n\nB\nF:\tsound/legacy/\n';
    assert.deepEqual(names(t, 'sound/legacy/codec.c'), ['B']);
    assert.deepEqual(names(t, 'sound/new/codec.c'), ['A']);
  });

  it('N: is a Perl regex with /x', () => {
    const t = 'A\nN:\t[^a-z]tegra   # comment\n';
    assert.deepEqual(names(t, 'drivers/tegra/x.c'), ['A']);
    assert.deepEqual(names(t, 'drivers/integrator/x.c'), []);
  });

  it('orders deeper matches first, THE REST last, ties by position', () => {
    const t = 'THE EARLY\nF:\tdrivers/net/x/\n\nDEEP\nF:\tdrivers/net/x/y/\n\nSHALLOW\nF:\tdrivers/\n\nTIE\nF:\tdrivers/net/x/\n\nTHE REST\nF:\t*\nF:\t*/\n';
    assert.deepEqual(names(t, 'drivers/net/x/y/z.c'), ['DEEP', 'THE EARLY', 'TIE', 'SHALLOW', 'THE REST']);
  });

  it("a section's depth is its LAST matching F: line, not its deepest", () => {
    const t = 'LASTWINS\nF:\tdrivers/net/x.c\nF:\tdrivers/\n\nMIDDLE\nF:\tdrivers/net/\n';
    // LASTWINS matched at depth 3 then at depth 1: the script keeps 1, so MIDDLE (2) comes first.
    assert.deepEqual(names(t, 'drivers/net/x.c'), ['MIDDLE', 'LASTWINS']);
  });

  it('patterns starting with * rank below every anchored one', () => {
    const t = 'STAR\nF:\t*/\n\nTOP\nF:\tnet/\n';
    assert.deepEqual(names(t, 'net/x'), ['TOP', 'STAR']);
  });

  it('says whether a maintained section with M: matched exactly (no git fallback)', () => {
    const root = tree();
    const db = maintainersFromText(root, `${HEAD}A\nM:\ta@x.org\nS:\tMaintained\nF:\tdrivers/a/\n\nB\nM:\tb@x.org\nS:\tOrphan\nF:\tdrivers/b/x.c\n`);
    assert.equal(matchFile(db, 'drivers/a/x.c').exact, true);
    assert.equal(matchFile(db, 'drivers/a/sub/x.c').exact, false);
    assert.equal(matchFile(db, 'drivers/b/x.c').exact, false);
  });
});
