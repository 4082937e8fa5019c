/**
 * The reducer alone: pure state transitions, no rendering. Keys in chunks,
 * the walk-through order, text editing, effects queued and their results.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reducer } from '../../components/reducer.js';
import { initialState, type Action, type KeyInfo, type UiState } from '../../components/ui-state.js';
import { fixtureData } from '../helpers/tui-fixture.js';

const key = (input: string, k: KeyInfo = {}): Action => ({ type: 'key', input, key: k });
const run = (s: UiState, ...as: Action[]) => as.reduce(reducer, s);
const start = (screen: UiState['screen'] = 'series') => initialState(fixtureData(), 80, 24, screen);

test('a chunk of typed-ahead keys is split into keys; text after a box opens goes into it', () => {
  let s = run(start('checklist'), key('j\r'));
  assert.equal(s.walk?.itemId, 'vfio.device-docs');
  s = run(s, key('\rfirst line\rsecond\x13'));
  assert.deepEqual(s.queue.at(-1)?.effect, { kind: 'answer', itemId: 'vfio.device-docs.state', answer: { text: 'first line\nsecond' } });
  assert.equal(s.edit?.pending, true);
});

test('q quits, but not in the middle of a rewrite', () => {
  let s = run(start(), { type: 'taken', ids: [] });
  s = { ...s, running: [{ id: 9, kind: 'trailer-apply', label: 'rewriting the branch' }] };
  s = run(s, key('q'));
  assert.equal(s.quit, false);
  assert.match(s.message!.text, /q ignored: wait until rewriting the branch has ended/);
  s = { ...s, running: [] };
  assert.equal(run(s, key('q')).quit, true);
  assert.equal(run(start(), key('c', { ctrl: true })).quit, true);
});

test('the walk visits not-met items in order and ends with a summary', () => {
  let s = run(start('checklist'), key('', { return: true }));
  const seen = [s.walk!.itemId];
  for (let i = 0; i < 10 && s.walk; i++) {
    s = run(s, key('n'));
    if (s.walk) seen.push(s.walk.itemId);
  }
  assert.deepEqual(seen, ['vfio.parent-approval', 'vfio.device-docs', 'vfio.userspace-data', 'kernel.signoff']);
  assert.equal(s.walk, null);
  assert.match(s.message!.text, /end of the walk-through: 1\/5 met; 4 still wait/);
});

test('after an answer is saved the walk goes to the next unanswered question, then the next item', () => {
  let s = run(start('checklist'), key('j'), key('', { return: true }), key('', { return: true }), key('answer one'), key('s', { ctrl: true }));
  const job = s.queue.at(-1)!;
  const data = fixtureData();
  data.items![2]!.questions![0]!.answer = 'answer one';
  s = run(s, { type: 'taken', ids: [job.id] }, { type: 'done', job, result: { data } });
  assert.equal(s.edit, null);
  assert.deepEqual(s.walk, { itemId: 'vfio.device-docs', sub: 1, scroll: 0 });
  for (const q of data.items![2]!.questions!) q.answer = 'x';
  data.items![2]!.status = 'pass';
  s = run(s, { type: 'done', job: { id: 99, effect: { kind: 'answer', itemId: 'vfio.device-docs.safeguards', answer: { text: 'x' } } }, result: { data } });
  assert.equal(s.walk?.itemId, 'vfio.userspace-data');
});

test('a failed effect keeps the box open with the error; Esc cancels', () => {
  let s = run(start('recipients'), key('a'), key('nobody'), key('', { return: true }));
  const job = s.queue.at(-1)!;
  s = run(s, { type: 'taken', ids: [job.id] }, { type: 'failed', job, error: 'nobody is not a mailbox' });
  assert.equal(s.edit?.error, 'nobody is not a mailbox');
  assert.equal(s.edit?.buf.text, 'nobody');
  assert.deepEqual(s.running, []);
  s = run(s, key('', { escape: true }));
  assert.equal(s.edit, null);
});

test('text editing: cursor moves, backspace, word delete, one-line prompts flatten newlines', () => {
  let s = run(start('cover'), key('b'));
  s = run(s, key('u', { ctrl: true }), key('ab'), key('', { return: true }), key('cd'), key('', { upArrow: true }), key('X'));
  assert.equal(s.edit!.buf.text, 'abX\ncd');
  s = run(s, key('', { downArrow: true }), key('', { backspace: true }), key('w', { ctrl: true }));
  assert.equal(s.edit!.buf.text, 'abX\n');
  s = run(start('cover'), key('t'), key('two\nlines'));
  assert.equal(s.edit!.buf.text, 'Acme Zorb vfio-pci variant drivertwo lines');
});

test('the plan of a rewrite waits for y; n cancels and nothing is queued', () => {
  let s = run(start('trailers'), key('a'), key('Acked-by: Pat Parent <pat@zorb.example>'), key('', { return: true }));
  const job = s.queue.at(-1)!;
  s = run(s, { type: 'taken', ids: [job.id] }, { type: 'done', job, result: { plan: { title: 'plan', lines: ['+ Acked-by'] } } });
  assert.equal(s.plan?.effect.kind, 'trailer-apply');
  const queued = s.queue.length;
  s = run(s, key('n'));
  assert.equal(s.plan, null);
  assert.equal(s.queue.length, queued);
});

test('resizing keeps the cursor inside the list and the body height follows', () => {
  let s = run(start(), key('G'));
  assert.equal(s.cursor.series, 2);
  s = run(s, { type: 'resize', width: 60, height: 12 });
  assert.equal(s.width, 60);
  assert.equal(s.cursor.series, 2);
});

test('f on a missing sign-off opens the add box for the commits that lack it, with their author', () => {
  let s = run(start('checklist'), key('G'), key('k'), key('', { return: true }));
  assert.equal(s.walk?.itemId, 'kernel.signoff');
  s = run(s, key('f'));
  assert.equal(s.screen, 'trailers');
  assert.deepEqual(s.edit?.target, { kind: 'trailer', commits: ['c'.repeat(40)] });
  assert.equal(s.edit?.buf.text, 'Signed-off-by: Sam Submitter <sam@submitter.example>');
});

test('a failed load after the first frame is said on the screens waiting for it, not only in a passing message', () => {
  const data = { ...fixtureData(), recipients: undefined, cover: undefined, send: undefined };
  let s = initialState(data, 80, 24, 'recipients', [{ kind: 'refresh' }]);
  const job = s.queue[0]!;
  s = run(s, { type: 'taken', ids: [job.id] }, { type: 'failed', job, error: 'git format-patch failed' }, key('5'));
  assert.equal(s.loadError, 'git format-patch failed');
  assert.equal(s.message, null);
});

test('e hands the current question to $EDITOR; the edited text is saved as its answer, unchanged text is not', () => {
  let s = run(start('checklist'), key('j'), key('', { return: true }), key('e'));
  const job = s.queue.at(-1)!;
  assert.deepEqual(job.effect, { kind: 'editor', text: '', target: { kind: 'answer', itemId: 'vfio.device-docs', key: 'vfio.device-docs.state' } });
  s = run(s, { type: 'taken', ids: [job.id] }, { type: 'done', job, result: { text: 'Written in vi.' } });
  assert.deepEqual(s.queue.at(-1)!.effect, { kind: 'answer', itemId: 'vfio.device-docs.state', answer: { text: 'Written in vi.' } });
  const queued = s.queue.length;
  s = run(s, { type: 'done', job, result: { text: '' } });
  assert.equal(s.queue.length, queued);
  assert.match(s.message!.text, /unchanged/);
});

test('moves typed on a list still loading are made once it arrives, from where its cursor starts', () => {
  const undecided = { ...fixtureData(), profiles: undefined, items: undefined, recipients: undefined, cover: undefined, send: undefined };
  const startup = [{ kind: 'refresh', stage: 'report' } as const, { kind: 'refresh', stage: 'extras' } as const];
  let s = initialState(undecided, 80, 24, 'checklist', startup);
  const [report, extras] = s.queue;
  // The checklist starts on its first item not met (1: parent approval); j j moves two further down.
  s = run(s, { type: 'taken', ids: [report!.id] }, key('j'), key('j'));
  assert.equal(s.cursor.checklist, 0);
  s = run(s, { type: 'done', job: report!, result: { data: { ...undecided, items: fixtureData().items, profiles: fixtureData().profiles } } });
  assert.equal(s.cursor.checklist, 3);
  assert.equal(s.early, undefined, 'made once');
  // On the recipients (still loading), G then k: the one before the last, once they arrive.
  s = run({ ...s, screen: 'recipients' }, key('G'), key('k'));
  assert.deepEqual(s.early, { recipients: ['last', 'previous'] });
  s = run(s, { type: 'taken', ids: [extras!.id] }, { type: 'done', job: extras!, result: { data: fixtureData() } });
  assert.equal(s.cursor.recipients, fixtureData().recipients!.list.length - 2);
  assert.equal(s.cursor.checklist, 3, 'the checklist cursor stays');
  // A list that has arrived and is empty keeps nothing for later.
  const none = fixtureData();
  none.recipients!.list = [];
  s = run(initialState(none, 80, 24, 'recipients', startup), key('j'));
  assert.equal(s.early, undefined);
});

test('moves typed for a list whose loading failed are dropped, not made after a later reload', () => {
  const undecided = { ...fixtureData(), profiles: undefined, items: undefined, recipients: undefined, cover: undefined, send: undefined };
  let s = initialState(undecided, 80, 24, 'checklist', [{ kind: 'refresh', stage: 'report' }]);
  const report = s.queue[0]!;
  s = run(s, { type: 'taken', ids: [report.id] }, key('j'));
  assert.deepEqual(s.early, { checklist: ['next'] });
  s = run(s, { type: 'failed', job: report, error: 'git exploded' });
  assert.equal(s.early, undefined);
  s = run(s, key('j'), key('j'));
  assert.equal(s.early, undefined, 'nothing is loading: nothing kept');
  const reload = { id: 77, effect: { kind: 'reload' } as const };
  s = run(s, { type: 'done', job: reload, result: { data: fixtureData() } });
  assert.equal(s.cursor.checklist, 1, 'the first item not met, as on any first arrival');
});
