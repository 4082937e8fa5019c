/**
 * What each file of the bundle carries (scripts/build.mjs): a command loads
 * one file, so a package in it is paid for at every start. esbuild marks
 * each module it bundles with a `// node_modules/NAME/...` line.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { CLI } from '../helpers/repo.js';

const dist = dirname(CLI);
const packagesIn = (file: string) =>
  new Set([...readFileSync(join(dist, file), 'utf8').matchAll(/^\/\/ node_modules\/((?:@[^/\n]+\/)?[^/\n]+)\//gm)].map((m) => m[1]!));
const UI = ['ink', 'react', 'react-reconciler', 'scheduler', 'yoga-layout'];
const MAIL = ['mailparser', 'libmime', 'iconv-lite', 'nodemailer'];

test('no command carries ink, react or the mail parser; the mail parser is a file of its own', () => {
  const commands = readdirSync(join(dist, 'commands')).filter((f) => f.endsWith('.js'));
  assert.ok(commands.length >= 10, 'the commands are built');
  for (const f of ['patchpilot.js', ...commands.map((c) => `commands/${c}`)]) {
    const has = packagesIn(f);
    for (const p of [...UI, ...MAIL]) assert.ok(!has.has(p), `${f} carries ${p}`);
  }
  assert.ok(packagesIn('lazy/mail-saved.js').has('mailparser'));
  // maintainers reads MAINTAINERS and patches: no state schema, no diff parser, no address parser.
  assert.deepEqual([...packagesIn('commands/maintainers.js')], []);
});

test('the TUI draws its first frames without ink: ink and react are only in the part loaded after them', () => {
  const first = packagesIn('tui.js');
  for (const p of [...UI, ...MAIL]) assert.ok(!first.has(p), `tui.js carries ${p}`);
  const ink = packagesIn('tui-ink.js');
  for (const p of ['ink', 'react', 'react-reconciler']) assert.ok(ink.has(p), `tui-ink.js carries ${p}`);
  // yoga is an ES module of its own (it awaits its WebAssembly), imported just before tui-ink.js.
  assert.ok(!ink.has('yoga-layout'));
  assert.match(readFileSync(join(dist, 'yoga.mjs'), 'utf8'), /yoga/i);
});
