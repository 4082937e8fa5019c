/**
 * Options that take free text accept a value starting with '-': a changelog
 * line is usually "- Fixed ...", a note may start with a dash, and node's
 * parseArgs alone refuses such a value as ambiguous.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, scratch } from '../helpers/repo.js';

const r = scratch('pp-free-text-').repo();
r.commit('zorb: add the driver\n\nSigned-off-by: Test Author <author@test.example>\n', { 'zorb.c': 'int zorb;\n' });
r.commit('zorb: add migration\n\nSigned-off-by: Test Author <author@test.example>\n', { 'zorb.c': 'int zorb;\nint mig;\n' });

test('cover --changes, --title and --body take text that starts with a dash', () => {
  assert.equal(runCli(['sent', '--force'], { cwd: r.dir }).code, 0);
  const res = runCli(
    ['cover', '--changes', '- Fix the lock order (Kevin)', '--title', '-zorb: a title with a dash', '--body', '--help is not an option here', '--json'],
    {
      cwd: r.dir,
    },
  );
  assert.equal(res.code, 0, res.stderr);
  const j = JSON.parse(res.stdout);
  assert.equal(j.changes['2'], '- Fix the lock order (Kevin)');
  assert.equal(j.title, '-zorb: a title with a dash');
  assert.equal(j.body, '--help is not an option here');
  // The --opt=value form keeps working.
  const eq = runCli(['cover', '--changes=- Rebased', '--json'], { cwd: r.dir });
  assert.equal(JSON.parse(eq.stdout).changes['2'], '- Rebased');
});

test('a free-text option at the end without its value is still a usage error', () => {
  const res = runCli(['cover', '--changes'], { cwd: r.dir });
  assert.equal(res.code, 2);
  assert.match(res.stderr, /--changes/);
});

test('cc --add and --drop take their value whatever it starts with (and validate it as an address)', () => {
  const res = runCli(['cc', '--drop', '-x@example.org'], { cwd: r.dir });
  // Taken as the address to drop, not as an unknown option -x.
  assert.doesNotMatch(res.stderr, /unknown option|ambiguous/);
});

test('sent --message-id takes the id even when it starts with a dash', () => {
  const res = runCli(['sent', '--message-id', '-bad@id'], { cwd: r.dir });
  assert.doesNotMatch(res.stderr, /ambiguous|unknown option/);
});
