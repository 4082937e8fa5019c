/**
 * Keys as data: in every context the TUI can be in, a key changes the state
 * exactly when a binding of that context's keymaps takes it, and every such
 * binding is in the help overlay and (when it says so) in the footer. Walks
 * every keymap and every key, so a key handled but not listed (or listed but
 * doing nothing) fails here.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_KEYMAPS, footerKeys, helpSections } from '../../components/keys.js';
import { applies, bindingFor, keyLabel, matches } from '../../components/keymap.js';
import { keymapsFor, reducer } from '../../components/reducer.js';
import { initialState, SCREENS, type Action, type KeyInfo, type UiState } from '../../components/ui-state.js';
import { helpLines } from '../../components/Overlays.js';
import { fixtureData } from '../helpers/tui-fixture.js';

const key = (input: string, k: KeyInfo = {}): Action => ({ type: 'key', input, key: k });
const run = (s: UiState, ...as: Action[]) => as.reduce(reducer, s);

/** Every key a terminal can send that ink names: printable characters, named keys, Ctrl+letters. */
function universe(): Array<{ name: string; input: string; key: KeyInfo }> {
  const out: Array<{ name: string; input: string; key: KeyInfo }> = [];
  for (let c = 0x20; c < 0x7f; c++) {
    const ch = String.fromCharCode(c);
    out.push({ name: JSON.stringify(ch), input: ch, key: /[A-Z]/.test(ch) ? { shift: true } : {} });
  }
  const named: Record<string, KeyInfo> = {
    enter: { return: true },
    esc: { escape: true },
    tab: { tab: true },
    'shift+tab': { tab: true, shift: true },
    up: { upArrow: true },
    down: { downArrow: true },
    left: { leftArrow: true },
    right: { rightArrow: true },
    pgup: { pageUp: true },
    pgdn: { pageDown: true },
    home: { home: true },
    end: { end: true },
    backspace: { backspace: true },
    delete: { delete: true },
  };
  for (const [name, k] of Object.entries(named)) out.push({ name, input: '', key: k });
  for (let c = 0x61; c <= 0x7a; c++) out.push({ name: `ctrl+${String.fromCharCode(c)}`, input: String.fromCharCode(c), key: { ctrl: true } });
  return out;
}

/** A state of every kind the keys can meet: each screen, the walk on each kind of item, boxes, overlays. */
function contexts(): Array<[string, UiState]> {
  const out: Array<[string, UiState]> = [];
  for (const sc of SCREENS) out.push([`screen ${sc}`, initialState(fixtureData(), 80, 24, sc)]);
  const undecided = { ...fixtureData(), items: undefined, profiles: undefined, recipients: undefined, cover: undefined, send: undefined };
  for (const sc of SCREENS) out.push([`screen ${sc}, nothing but the series loaded`, initialState(undecided, 80, 24, sc)]);
  out.push(['screen checklist, no item applies', initialState({ ...fixtureData(), items: [] }, 80, 24, 'checklist')]);
  const empty = { ...fixtureData(), series: { ...fixtureData().series, commits: [] }, recipients: { mode: 'series' as const, list: [], perPatch: [] } };
  for (const sc of SCREENS) out.push([`screen ${sc}, empty lists`, initialState(empty, 80, 24, sc)]);
  const checklist = initialState(fixtureData(), 80, 24, 'checklist');
  for (const [i, item] of fixtureData().items!.entries()) {
    out.push([`walk on ${item.id}`, run({ ...checklist, cursor: { ...checklist.cursor, checklist: i } }, key('', { return: true }))]);
  }
  const withParents = fixtureData();
  withParents.items![1]!.parents = ['ZORB ETHERNET DRIVER'];
  out.push(['walk on an item with parents', run(initialState(withParents, 80, 24, 'checklist'), key('', { return: true }))]);
  out.push(['trailer box (completions)', run(initialState(fixtureData(), 80, 24, 'trailers'), key('a'))]);
  out.push(['recipient box', run(initialState(fixtureData(), 80, 24, 'recipients'), key('a'))]);
  out.push(['export box (nothing to complete)', run(initialState(fixtureData(), 80, 24, 'send'), key('x'))]);
  out.push(['multi-line answer box', run(initialState(fixtureData(), 80, 24, 'cover'), key('b'))]);
  const pending = run(initialState(fixtureData(), 80, 24, 'cover'), key('t'), key('', { return: true }));
  out.push(['a box waiting for its save', pending]);
  const second = fixtureData();
  second.series.version = 2;
  second.send!.sent = [{ version: 1, tag: 'zorb-vfio-v1', date: '2026-01-12' }];
  second.send!.threadToPrevious = false;
  out.push(['screen send, a version sent before', initialState(second, 80, 24, 'send')]);
  out.push(['help', run(initialState(fixtureData(), 80, 24, 'series'), key('?'))]);
  out.push(['yes/no question', { ...initialState(fixtureData(), 80, 24, 'trailers'), confirm: { prompt: 'Undo?', effect: { kind: 'undo' } } }]);
  const plan = (choices: boolean): UiState => ({
    ...initialState(fixtureData(), 80, 24, 'trailers'),
    plan: {
      title: 'plan',
      lines: ['bbbbbbbbbbbb subject', '  + Acked-by: Pat <pat@x.org>', '  + Tested-by: Tess <t@x.org>'],
      effect: { kind: 'import-apply', path: '/tmp/x.mbox' },
      scroll: 0,
      rejected: [],
      at: 0,
      ...(choices
        ? {
            choices: [
              { id: 'b#0', line: 1 },
              { id: 'b#1', line: 2 },
            ],
          }
        : {}),
    },
  });
  out.push(['plan without choices', plan(false)]);
  out.push(['plan with choices', plan(true)]);
  return out;
}

const keysIn = (s: UiState) => keymapsFor(s).flatMap((m) => m.bindings);

test('in every context, a key changes the state exactly when a listed binding takes it', () => {
  const keys = universe();
  for (const [what, s] of contexts()) {
    for (const k of keys) {
      const next = reducer(s, key(k.input, k.key));
      const b = bindingFor(keymapsFor(s), s, k.input, k.key);
      if (next !== s) assert.ok(b, `${what}: ${k.name} is handled but no binding lists it`);
      else assert.equal(b, undefined, `${what}: ${k.name} is listed (${b && keyLabel(b)}: ${b?.help}) but does nothing`);
    }
  }
});

test('every binding of every context is in the help overlay, and the footer shows only bindings that apply', () => {
  for (const [what, s] of contexts()) {
    const help = helpSections(s).flatMap((sec) => sec.rows.map(([k, w]) => `${k} ${w}`));
    for (const b of keysIn(s)) assert.ok(help.includes(`${keyLabel(b)} ${b.help}`), `${what}: ${keyLabel(b)} (${b.help}) is missing from the help`);
    const applying = keysIn(s).filter((b) => applies(b, s));
    for (const [k] of footerKeys(s))
      assert.ok(
        applying.some((b) => keyLabel(b) === k),
        `${what}: the footer offers ${k}, which does nothing here`,
      );
  }
  // Every keymap there is shows in the help of every screen.
  for (const sc of SCREENS) {
    const titles = helpSections(initialState(fixtureData(), 80, 24, sc)).flatMap((x) => x.rows.map((r) => r.join(' ')));
    for (const m of ALL_KEYMAPS)
      for (const b of m.bindings) assert.ok(titles.includes(`${keyLabel(b)} ${b.help}`), `${sc}: ${m.title} ${keyLabel(b)} not in the help`);
  }
});

test('the keys that used to drift are listed where they work: l and → walk through the checklist', () => {
  const s = initialState(fixtureData(), 80, 24, 'checklist');
  for (const [input, k] of [
    ['l', {}],
    ['', { rightArrow: true }],
  ] as const) {
    assert.equal(run(s, key(input, k)).walk?.itemId, 'vfio.parent-approval');
    const b = bindingFor(keymapsFor(s), s, input, k)!;
    assert.ok(b.keys.some((n) => matches(n, input, k)));
    assert.match(keyLabel(b), input ? /\bl\b/ : /→/);
  }
  const rows = helpSections(s).find((x) => x.title.startsWith('Checklist'))!.rows;
  assert.deepEqual(rows[0], ['Enter/→/l', 'walk through, from the selected item']);
});

test('the walk footer follows the item: + - only for an item about parent drivers, [ ] only with questions', () => {
  const data = fixtureData();
  data.items![1]!.parents = ['ZORB ETHERNET DRIVER'];
  const s = run(initialState(data, 80, 24, 'checklist'), key('', { return: true }));
  assert.equal(s.walk?.itemId, 'vfio.parent-approval');
  const labels = footerKeys(s).map((r) => r[0]);
  assert.ok(labels.includes('+ -'));
  assert.ok(!labels.includes('[ ]'));
  const docs = run(s, key('n'));
  assert.equal(docs.walk?.itemId, 'vfio.device-docs');
  const docLabels = footerKeys(docs).map((r) => r[0]);
  assert.ok(docLabels.includes('[ ]'));
  assert.ok(!docLabels.includes('+ -'));
  assert.equal(run(docs, key('+')), docs, '+ is not taken on an item without parents');
});

/** The keys a binding shows in the help and the footer, one by one ('j k ↓ ↑' and '↑/k' both name k). */
const shownKeys = (label: string) => label.split(/[\s/]+/).filter((k) => k && k !== 'any' && k !== 'other' && k !== 'key');

test('no key is listed twice with different meanings in one keymap, nor handled by two of its bindings', () => {
  for (const m of ALL_KEYMAPS) {
    const seen = new Map<string, string>();
    for (const b of m.bindings) {
      for (const k of shownKeys(keyLabel(b))) {
        const before = seen.get(k);
        assert.ok(before === undefined || before === b.help, `${m.title}: ${k} is listed as "${before}" and as "${b.help}"`);
        seen.set(k, b.help);
      }
    }
    const taken = new Map<string, string>();
    for (const b of m.bindings) {
      for (const k of b.keys) {
        if (k === 'any' || k === 'char') continue;
        const before = taken.get(k);
        // Two bindings for one key are allowed only when they never apply at once (their `when`s decide).
        assert.ok(before === undefined || (b.when && before !== b.help), `${m.title}: ${k} is taken by "${before}" and by "${b.help}"`);
        taken.set(k, b.help);
      }
    }
  }
  for (const [what, s] of contexts()) {
    // The shown label matches the keys that run: a label naming a key its binding does not take lies.
    for (const b of keysIn(s)) {
      if (!b.label) continue;
      for (const k of shownKeys(b.label)) {
        const named = b.keys.some((n) => keyLabel({ ...b, label: undefined, keys: [n] }) === k || n === k.toLowerCase());
        assert.ok(named || /^\d-\d$/.test(k) || k === '[' || k === ']', `${what}: ${b.label} shows ${k}, which ${b.help} does not take`);
      }
    }
  }
});

test('in use, the keys do what the help says: k and ↑ go back, j and ↓ forward, p goes to the previous item', () => {
  const plan = {
    ...initialState(fixtureData(), 80, 24, 'trailers'),
    plan: {
      title: 'plan',
      lines: ['bbbbbbbbbbbb subject', '  + Acked-by: Pat <pat@x.org>', '  + Tested-by: Tess <t@x.org>'],
      effect: { kind: 'import-apply' as const, path: '/tmp/x.mbox' },
      scroll: 0,
      rejected: [],
      at: 0,
      choices: [
        { id: 'b#0', line: 1 },
        { id: 'b#1', line: 2 },
      ],
    },
  };
  assert.equal(run(plan, key('j')).plan?.at, 1);
  assert.equal(run(plan, key('j'), key('k')).plan?.at, 0);
  assert.equal(run(plan, key('', { downArrow: true }), key('', { upArrow: true })).plan?.at, 0);
  const help = run(initialState(fixtureData(), 80, 24, 'series'), key('?'), key('j'), key('j'), key('k'));
  assert.equal(help.helpScroll, 1);
  const walk = run(initialState(fixtureData(), 80, 24, 'checklist'), key('', { return: true }));
  assert.equal(walk.walk?.itemId, 'vfio.parent-approval');
  assert.equal(run(walk, key('n')).walk?.itemId, 'vfio.device-docs');
  assert.equal(run(walk, key('n'), key('p')).walk?.itemId, 'vfio.parent-approval');
  assert.equal(run(walk, key('', { rightArrow: true }), key('', { leftArrow: true })).walk?.itemId, 'vfio.parent-approval');
});

test('Send on the first version: t is in the help and says why it changes nothing; per-patch recipients do not offer Space', () => {
  const send = initialState(fixtureData(), 80, 24, 'send');
  const t = run(send, key('t'));
  assert.equal(t.thread, undefined);
  assert.match(t.message?.text ?? '', /once an earlier version was sent/);
  assert.ok(!footerKeys(send).some(([k]) => k === 't'));
  const perPatch = run(initialState(fixtureData(), 80, 24, 'recipients'), key('p'));
  assert.ok(perPatch.perPatchView);
  assert.ok(!footerKeys(perPatch).some(([k]) => k === 'Space'), 'the per-patch view offers Space');
  assert.ok(footerKeys(run(perPatch, key('p'))).some(([k]) => k === 'Space'));
});

test('help rows wrap to the column instead of being cut, and a long key label keeps a space before its words', () => {
  for (const width of [38, 59, 119]) {
    const lines = helpLines(initialState(fixtureData(), 120, 40, 'checklist'), width);
    const texts = lines.map((l) => (Array.isArray(l) ? l : [l]).map((x) => x.text).join(''));
    for (const t of texts) assert.ok(t.trimEnd().length <= width, `${width} columns: a help row is ${t.length} wide: ${t}`);
    const all = texts.map((t) => t.trim()).join(' ');
    assert.match(all, /complete \(keys, people, section names\) \/ switch To-Cc/);
    assert.match(all, /read the branch again \(after changing it outside\)/);
    assert.ok(!/any other key\S/.test(all), 'a key label runs into its words');
  }
});
