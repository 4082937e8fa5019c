/**
 * The TUI under hostile text and careless keys: control sequences in other
 * people's text never reach the terminal raw; a draft is not thrown away
 * without asking; keys ignored during a rewrite say why; removing a parent
 * that is not one is refused, as on the command line.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { reducer } from '../../components/reducer.js';
import { initialState, type Action, type KeyInfo, type UiState } from '../../components/ui-state.js';
import { fixtureData, KEY, mount, RecordingActions } from '../helpers/tui-fixture.js';

afterEach(() => cleanup());

const key = (input: string, k: KeyInfo = {}): Action => ({ type: 'key', input, key: k });
const run = (s: UiState, ...as: Action[]) => as.reduce(reducer, s);

const TITLE = '\x1b]0;pwned\x07';
const CLEAR = '\x1b[2J';

/** ESC and BEL that are not ink's own colour and style codes (SGR, ending in m). */
// eslint-disable-next-line no-control-regex
const raw = (frame: string) => frame.replace(/\x1b\[[0-9;]*m/g, '').match(/[\x07\x1b]/g) ?? [];

test('control sequences in subjects, names, trailers, messages and recipients reach the frame only as visible escapes', async () => {
  const data = fixtureData();
  const c = data.series.commits[1]!;
  c.subject = `vfio/pci: add ${TITLE}zorb${CLEAR} driver`;
  c.body = `The body ${CLEAR}clears\nthe screen ${TITLE}.`;
  c.author = `Eve ${TITLE}<eve@example.org>`;
  c.trailers[0] = { key: 'Reviewed-by', value: `Mal ${CLEAR}<mal@example.org>` };
  data.recipients!.list[0]!.address = `Alex ${TITLE}<alex@vfio.example>`;
  data.recipients!.list[0]!.reasons = [`maintainer: VFIO ${CLEAR}DRIVER`];
  data.items![1]!.waitingFor = [`Pat ${TITLE}<pat@zorb.example>`];
  for (const color of [false, true]) {
    const t = mount(data, new RecordingActions(), { width: 120, height: 40, color });
    await t.waitFrame('Series');
    await t.keys('j');
    await t.waitFrame('The body');
    for (const screen of ['1', '2', '3', '4']) {
      await t.keys(screen);
      await t.waitState(`screen ${screen}`, (s) => s.screen === ['series', 'checklist', 'recipients', 'trailers'][Number(screen) - 1]);
      const frame = t.lastFrame() ?? '';
      assert.deepEqual(raw(frame), [], `screen ${screen} (colour ${color}) has a raw control character`);
    }
    await t.keys('1');
    await t.waitState('series again', (s) => s.screen === 'series');
    await t.waitFrame('The body');
    assert.match(t.frame(), /add \\e\]0;pwned\\x07zorb/);
    assert.match(t.frame(), /The body \\e\[2Jclears/);
    t.unmount();
  }
});

test('Ctrl+C in a box with a draft asks first: n goes back to the draft, y quits', async () => {
  const t = mount(fixtureData(), new RecordingActions(), { screen: 'trailers' });
  await t.waitFrame('[ ] 1');
  await t.keys('a', 'Acked-by: Pat');
  await t.waitState('typed', (s) => s.edit?.buf.text === 'Acked-by: Pat');
  await t.keys(KEY.ctrlC);
  await t.waitFrame('Quit and lose what you typed in the box?');
  assert.equal(t.state().quit, false);
  assert.match(t.frame(), /│ Acked-by: Pat/, 'the draft stays in view under the question');
  await t.keys('n');
  await t.waitState('back in the box', (s) => !s.confirm && s.edit?.buf.text === 'Acked-by: Pat');
  await t.keys(' <pat@zorb.example>');
  await t.waitState('still typing', (s) => s.edit?.buf.text === 'Acked-by: Pat <pat@zorb.example>');
  await t.keys(KEY.ctrlC, 'y');
  await t.waitState('quit', (s) => s.quit);
});

test('Ctrl+C in an empty or untouched box quits at once', () => {
  const untouched = run(initialState(fixtureData(), 80, 24, 'send'), key('x'));
  assert.ok(untouched.edit);
  assert.equal(run(untouched, key('c', { ctrl: true })).quit, true);
  assert.equal(run(initialState(fixtureData(), 80, 24, 'trailers'), key('a'), key('c', { ctrl: true })).quit, true);
});

test('q and Ctrl+C during a rewrite are refused with the reason on the status line', async () => {
  let release!: () => void;
  const a = new RecordingActions((e) =>
    e.kind === 'trailer-plan'
      ? { plan: { title: 'add 1 trailer', lines: ['bbbbbbbbbbbb vfio/pci: add', '  + Acked-by: Pat Parent <pat@zorb.example>'] } }
      : e.kind === 'trailer-apply'
        ? new Promise((res) => (release = () => res({ message: 'rewrote 1 commit' })))
        : {},
  );
  const t = mount(fixtureData(), a, { screen: 'trailers' });
  await t.waitFrame('[ ] 1');
  await t.keys('a', 'Acked-by: Pat Parent <pat@zorb.example>', KEY.enter);
  await t.waitFrame('+ Acked-by: Pat Parent');
  await t.keys('y');
  await t.waitState('rewriting', (s) => s.running.some((r) => r.kind === 'trailer-apply'));
  await t.keys('q');
  await t.waitFrame('q ignored: wait until rewriting the branch has ended');
  await t.keys(KEY.ctrlC);
  await t.waitFrame('Ctrl+C ignored: wait until rewriting the branch has ended');
  assert.equal(t.state().quit, false);
  release();
  await t.waitState('done', (s) => !s.running.length);
  await t.keys('q');
  await t.waitState('quits now', (s) => s.quit);
});

test('- refuses a section that is not a parent; + still adds any; no parent at all says so', () => {
  const data = fixtureData();
  data.items![1]!.parents = ['ZORB ETHERNET DRIVER'];
  const walk = run(initialState(data, 80, 24, 'checklist'), key('', { return: true }));
  assert.equal(walk.walk?.itemId, 'vfio.parent-approval');
  let s = run(walk, key('-'), key('u', { ctrl: true }), key('NO SUCH SECTION'), key('', { return: true }));
  assert.match(s.edit!.error!, /"NO SUCH SECTION" is not a parent driver of this series/);
  assert.equal(s.queue.length, 0);
  s = run(walk, key('-'), key('u', { ctrl: true }), key('zorb ethernet driver'), key('', { return: true }));
  assert.deepEqual(s.queue.at(-1)?.effect, { kind: 'parent', op: 'remove', section: 'ZORB ETHERNET DRIVER' });
  s = run(walk, key('+'), key('NEW SECTION'), key('', { return: true }));
  assert.deepEqual(s.queue.at(-1)?.effect, { kind: 'parent', op: 'add', section: 'NEW SECTION' });
  data.items![1]!.parents = [];
  s = run(run(initialState(data, 80, 24, 'checklist'), key('', { return: true })), key('-'));
  assert.equal(s.edit, null);
  assert.match(s.message!.text, /no parent driver to remove/);
});
