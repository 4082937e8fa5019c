/**
 * Text from other people (subjects, names, trailers) reaches the terminal
 * with its control characters made visible: an escape sequence in a commit
 * subject or a trailer cannot retitle the window or clear the screen.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, scratch } from '../helpers/repo.js';

const r = scratch('pp-printers-').repo();
r.commit('zorb: add \x1b]0;owned\x07 the driver\n\nReviewed-by: Evil \x1b[2J Person <evil@example.org>\nSigned-off-by: Test Author <author@test.example>\n', {
  'zorb.c': 'int zorb;\n',
});

for (const args of [['series'], ['trailers', 'list'], ['cc'], ['check', '--no-checkpatch'], ['cover']]) {
  test(`${args.join(' ')} prints no control character from the commits`, () => {
    const res = runCli(args, { cwd: r.dir });
    assert.ok(res.code === 0 || (args[0] === 'check' && res.code === 1), res.stderr);
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(res.stdout + res.stderr, /[\x07\x1b]/);
    if (['series', 'trailers', 'cover'].includes(args[0]!)) assert.match(res.stdout, /\\e/, 'shown, as a visible escape');
  });
}
