#!/usr/bin/env node
// Differential test of `patchpilot maintainers` against scripts/get_maintainer.pl
// on small random trees: random F:/X:/N:/K: patterns (wildcards, existing and
// missing directories, '.' and '?'), statuses, lists, duplicate people, and
// random file sets and patches. The script runs with --no-tree in the random
// tree, with its hash-order sorts pinned to MAINTAINERS position.
//
//   node bench/maintainers-fuzz.mjs --script PATH/TO/get_maintainer.pl [--cases N] [--seed S]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(`--${n}`) ? args[args.indexOf(`--${n}`) + 1] : d);
const SCRIPT = opt('script', `${process.env.PP_LINUX ?? '/tmp/patchpilot-linux'}/scripts/get_maintainer.pl`);
const CASES = Number(opt('cases', '200'));
let seed = Number(opt('seed', '1'));
const ROOT = resolve(new URL('..', import.meta.url).pathname);
const work = mkdtempSync(join(tmpdir(), 'pp-fuzz-'));
cpSync(join(ROOT, 'dist'), join(work, 'dist'), { recursive: true });
const CLI = join(work, 'dist', 'patchpilot.js');
const src = readFileSync(SCRIPT, 'utf8').replace(
  'foreach my $line (sort {$hash{$b} <=> $hash{$a}} keys %hash) {\n\t    add_categories',
  'foreach my $line (sort {$hash{$b} <=> $hash{$a} || $a <=> $b} keys %hash) {\n\t    add_categories',
);
const PINNED = join(work, 'get_maintainer.pl');
writeFileSync(PINNED, src);

function rand() {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (a) => a[Math.floor(rand() * a.length)];
const DIRS = ['a', 'a/b', 'a/b/c', 'a/bc', 'd', 'd/e.f', 'sound', 'sound/soc', 'net', 'net/x'];
const NAMES = ['x.c', 'x.h', 'y.c', 'codec.c', 'readme.txt', 'b.yaml', 'Makefile', 'e.g'];
const PEOPLE = [
  'Ann One <ann@x.org>',
  'Bob Two <bob@x.org>',
  'Ann One <ann@other.org>',
  '"Lee, C" <lee@x.org>',
  'Carl Three <carl@x.org> (odd bits)',
  'Linus Torvalds <torvalds@linux-foundation.org>',
  'Old Addr <old@x.org>',
];
const LISTS = ['l1@x.org', 'l2@x.org (moderated for non-subscribers)', 'l3@x.org (subscribers-only)', 'l1@X.org'];
const STATUS = ['Maintained', 'Supported', 'Odd Fixes', 'Orphan', 'Obsolete', 'Odd fixes', 'Buried alive in reporters'];

function pattern() {
  const d = pick(DIRS);
  switch (Math.floor(rand() * 9)) {
    case 0:
      return `${d}/`;
    case 1:
      return d; // a directory without its slash: matches below it only because it exists
    case 2:
      return `${d}/*`;
    case 3:
      return `${d}/${pick(NAMES)}`;
    case 4:
      return `${d}/*.c`;
    case 5:
      return `${d}/?.c`;
    case 6:
      return `*/${pick(NAMES)}`;
    case 7:
      return `${d}/${pick(NAMES).slice(0, 1)}`; // a file-name prefix
    default:
      return `${d}/x.[ch]`;
  }
}

function makeCase(dir) {
  const files = [];
  for (const d of DIRS) for (const n of NAMES) if (rand() < 0.35) files.push(`${d}/${n}`);
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), f.endsWith('.yaml') ? `maintainers:\n  - ${pick(PEOPLE)}\n` : 'x\n');
  }
  let m = 'Header text\n\tM: not a field\n\n';
  const nsec = 2 + Math.floor(rand() * 8);
  for (let i = 0; i < nsec; i++) {
    m += `SECTION ${i}${rand() < 0.2 ? ' WITH A RATHER LONG NAME THAT NEEDS TO BE CUT SHORT' : ''}\n`;
    const lines = [];
    for (let k = Math.floor(rand() * 3); k > 0; k--) lines.push(`M:\t${pick(PEOPLE)}`);
    for (let k = Math.floor(rand() * 2); k > 0; k--) lines.push(`R:\t${pick(PEOPLE)}`);
    for (let k = Math.floor(rand() * 2); k > 0; k--) lines.push(`L:\t${pick(LISTS)}`);
    if (rand() < 0.8) lines.push(`S:\t${pick(STATUS)}`);
    for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) lines.push(`F:\t${pattern()}`);
    if (rand() < 0.25) lines.push(`X:\t${pattern()}`);
    if (rand() < 0.2) lines.push(`N:\t${pick(['codec', '[^a-z]x', '(?i)README', 'e\\.f$'])}`);
    if (rand() < 0.2) lines.push(`K:\t${pick(['\\bfoo_\\w+', '(?i)magic', 'bar|baz'])}`);
    lines.sort(() => rand() - 0.5);
    m += `${lines.join('\n')}\n\n`;
  }
  m += 'THE REST\nM:\tLinus Torvalds <torvalds@linux-foundation.org>\nL:\tlkml@x.org\nS:\tBuried alive in reporters\nF:\t*\nF:\t*/\n';
  writeFileSync(join(dir, 'MAINTAINERS'), m);
  writeFileSync(join(dir, '.mailmap'), 'New Addr <new@x.org> <old@x.org>\nAnn One <ann@x.org> <ann@other.org>\n');
  return files;
}

const OPTS = [
  ['--nogit-fallback'],
  ['--nogit-fallback', '--norolestats'],
  ['--nogit-fallback', '--norolestats', '--nol'],
  ['--nogit-fallback', '--nom'],
  ['--nogit-fallback', '--s', '--nomoderated'],
  ['--nogit-fallback', '--pattern-depth=1'],
  ['--nogit-fallback', '--sections'],
  ['--nogit-fallback', '--scm', '--status', '--subsystem', '--noemail'],
];
let diffs = 0;
let total = 0;
for (let c = 0; c < CASES; c++) {
  const dir = join(work, `case${c}`);
  mkdirSync(dir);
  const files = makeCase(dir);
  const chosen = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => (rand() < 0.15 ? pick(DIRS) : pick(files.length ? files : ['a/x.c'])));
  const existing = chosen.filter((f) => {
    try {
      readFileSync(join(dir, f));
      return true;
    } catch {
      return DIRS.includes(f) && files.some((x) => x.startsWith(`${f}/`));
    }
  });
  if (!existing.length) continue;
  const patch = existing
    .filter((f) => !DIRS.includes(f))
    .map((f) => `diff --git a/${f} b/${f}\n--- a/${f}\n+++ b/${f}\n@@ -1 +1,2 @@\n x\n+${pick(['foo_bar();', 'MAGIC', 'baz', 'plain'])}\n`)
    .join('');
  for (const o of OPTS) {
    const runs = [[...o, '-f', ...existing]];
    if (patch) runs.push(o);
    for (const a of runs) {
      total++;
      const input = a === o ? `Subject: [PATCH] ${pick(['x', 'foo_init', 'Magic'])}\n\n---\n${patch}` : '';
      const p = spawnSync('perl', [PINNED, '--no-tree', ...a], { cwd: dir, input, encoding: 'utf8' });
      const q = spawnSync(process.execPath, [CLI, 'maintainers', ...a], { cwd: dir, input, encoding: 'utf8' });
      if (p.stdout !== q.stdout || p.status !== q.status) {
        diffs++;
        if (diffs <= 10) {
          console.log(
            `DIFF case ${c} (${dir}) args: ${a.join(' ')}\n--- script (exit ${p.status})\n${p.stdout}${p.stderr}--- patchpilot (exit ${q.status})\n${q.stdout}${q.stderr}`,
          );
        }
      }
    }
  }
  if (!diffs) rmSync(dir, { recursive: true, force: true });
}
console.log(`${total - diffs} passed, ${diffs} failed`);
if (!diffs) rmSync(work, { recursive: true, force: true });
process.exit(diffs ? 1 : 0);
