/**
 * What the TUI says when something is refused: the whole message, wrapped
 * rather than cut at the width; the TUI's own keys instead of command-line
 * flags where it has them; and after a refused rewrite, the branch as it now
 * is, without Ctrl+R.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, before, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { gitOut, hermeticProcess, scratch } from '../helpers/repo.js';
import { createDemo } from '../../src/demo/index.js';
import { UsageError } from '../../src/errors.js';
import { createActions } from '../../components/controller/actions.js';
import { load } from '../../components/controller/session.js';
import { tuiWords } from '../../components/controller/messages.js';
import { fixtureData, KEY, mount, RecordingActions } from '../helpers/tui-fixture.js';

hermeticProcess();
const scratchpad = scratch('pp-tui-messages-');
let root: string;
const none = () => {};

before(async () => {
  root = (await createDemo(join(scratchpad.dir(), 'linux'))).root;
  const opts = { repoDir: root };
  const actions = createActions(opts, await load(opts));
  await actions.perform({ kind: 'cover', field: 'title', text: 'Acme Zorb live migration' }, none);
  await actions.perform({ kind: 'cover', field: 'body', text: 'This adds the Acme Zorb variant driver.' }, none);
});
afterEach(() => cleanup());

async function start(screen: 'send' | 'trailers') {
  const opts = { repoDir: root };
  const loaded = await load(opts);
  return mount(loaded.data, createActions(opts, loaded), { screen, width: 120, height: 40 });
}

/** The frame's rows joined back into one text, so a wrapped message reads as one. */
const joined = (frame: string) => frame.replace(/\s+/g, ' ');

test('a message longer than the status line is wrapped whole, the recovery step included', async () => {
  const damaged =
    "state file /home/sam/src/linux/.git/patchpilot/zorb-vfio.json is damaged (expected an object, found an array); move it away (mv /home/sam/src/linux/.git/patchpilot/zorb-vfio.json /home/sam/src/linux/.git/patchpilot/zorb-vfio.json.bad) to start the branch's state afresh, or fix it by hand";
  const actions = new RecordingActions((e) => {
    if (e.kind === 'reload') throw new UsageError(damaged);
    return {};
  });
  const t = mount(fixtureData(), actions, { width: 120, height: 30 });
  await t.waitFrame('Series');
  await t.keys('\x12');
  await t.waitState('the error', (s) => s.message?.kind === 'error');
  await t.waitFrame(/fix it by hand/);
  assert.ok(joined(t.frame()).includes(`✗ ${damaged}`.replace(/\s+/g, ' ').slice(0, 100)));
  for (const row of t.frame().split('\n')) assert.ok(row.length <= 120, `a row is ${row.length} wide`);
  // The screen gave up the rows the message took: the footer is still on the last row.
  assert.match(t.frame().split('\n').at(-1) ?? '', /quit/);
});

test('Send: the refusal names the TUI keys (no --force), and s after amending says s and x, not the sent command', async () => {
  const t = await start('send');
  await t.waitFrame('Export would refuse');
  const text = joined(t.frame());
  assert.match(text, /screen 2 shows what each needs/);
  assert.doesNotMatch(text, /--force|patchpilot check/);
  await t.keys('x');
  await t.waitState('the export box', (s) => s.edit?.target.kind === 'export');
  await t.keys(KEY.enter);
  await t.waitState('exported', (s) => !s.edit && /wrote/.test(s.message?.text ?? ''));
  gitOut(root, ['commit', '--amend', '--no-edit', '--allow-empty', '--date=2026-01-13T00:00:00']);
  await t.keys('s');
  await t.waitState('the Message-ID box', (s) => s.edit?.target.kind === 'message-id');
  await t.keys(KEY.enter);
  const error = await t.waitState('refused', (s) => s.edit?.error);
  assert.match(error, /mark it sent \(s\) before amending, or export again \(x\)/);
  assert.doesNotMatch(error, /run sent|--force|--message-id/);
  await t.waitFrame(/export again \(x\) if you sent the current tip/);
  t.unmount();
});

test('a refused rewrite reads the branch again: the screen shows where the branch is now', async () => {
  const t = await start('trailers');
  await t.waitFrame('[ ] 1');
  await t.keys('A', 'Acked-by: Pat Parent <pat.parent@acme.example>', KEY.enter);
  await t.waitFrame('+ Acked-by: Pat Parent <pat.parent@acme.example>');
  // Someone moves the branch while the plan is on screen.
  gitOut(root, ['commit', '--amend', '--no-edit', '--allow-empty', '--date=2026-01-14T00:00:00']);
  const tip = gitOut(root, ['rev-parse', 'HEAD']).trim();
  await t.keys('y');
  const s = await t.waitState('refused', (st) => st.message?.kind === 'error' && st.running.length === 0 && st);
  assert.match(s.message!.text, /moved since the plan was made/);
  assert.doesNotMatch(s.message!.text, /run the command again/);
  assert.equal(s.data.series.commits.at(-1)?.sha, tip, 'the view still shows the branch as it was');
  t.unmount();
});

test('refusals in the command line words read with the TUI keys', () => {
  const cases: Array<[string, RegExp]> = [
    [
      'export refused, nothing written:\npatchpilot: 2 acceptance items are not done: a (open), b (fail); run patchpilot check (it runs checkpatch, which kernel.checkpatch waits for), or export anyway with --force',
      /^export refused, nothing written: 2 acceptance items are not done: a \(open\), b \(fail\): screen 2 shows what each needs; export anyway: x, then Enter$/,
    ],
    [
      'the cover letter has no subject (it would go out as "*** SUBJECT HERE ***"): set it with patchpilot cover --title T',
      /: set it on screen 5 \(t edits the title\)$/,
    ],
    ['"-x@y.org" is not an address a mail can go to: drop it with patchpilot cc \'--drop=-x@y.org\'', /: drop it on screen 3 \(Space\)$/],
    ['the exported file /tmp/a/0001.patch is gone; run patchpilot export -o DIR again', /; export again \(x on screen 6\)$/],
    ['zorb-vfio moved since the plan was made (now at 0123456789ab); run the command again', /the screen now shows the branch as it is/],
  ];
  for (const [from, to] of cases) {
    const said = tuiWords(from);
    assert.match(said, to);
    assert.doesNotMatch(said, /--force|--title|--drop|patchpilot (check|cc|export|cover)|run the command/);
  }
});
