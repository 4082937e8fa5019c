/**
 * The frame the TUI writes before ink has loaded must be the frame ink then
 * draws: the same rows, cut at the same column, with the same styles, so
 * that ink's first render replaces it without a visible change.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import chalk from 'chalk';
import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';
import { App, Body } from '../../components/App.js';
import { Frame } from '../../components/Chrome.js';
import { frameLines, frameText, needsTruncate, rowText } from '../../components/rows/frame.js';
import { ThemeContext } from '../../components/theme.js';
import { initialState, type UiState } from '../../components/ui-state.js';
import { reducer } from '../../components/reducer.js';
import type { AppData } from '../../components/view-data.js';
import { fixtureData, until } from '../helpers/tui-fixture.js';

afterEach(() => cleanup());

// eslint-disable-next-line no-control-regex
const plain = (t: string) => t.replace(/\x1b\[[0-9;]*m/g, '');
const rowsOf = (t: string) =>
  plain(t)
    .split('\n')
    .map((l) => l.trimEnd());

function inkFrame(s: UiState, color: boolean): string {
  const { lastFrame } = render(
    <ThemeContext.Provider value={{ color }}>
      <Frame s={s}>
        <Body s={s} />
      </Frame>
    </ThemeContext.Provider>,
  );
  return lastFrame() ?? '';
}

function ourFrame(s: UiState, color: boolean): string {
  const lines = frameLines(s);
  assert.ok(lines, 'the Series screen has rows');
  assert.equal(lines.length, s.height);
  const text = frameText(lines, s.width, { color, styles: true, truncate: (t, w) => cliTruncate(t, w, { position: 'end' }) });
  assert.ok(text.startsWith('\x1b[H\x1b[2J'));
  assert.ok(!text.endsWith('\n'), 'no line feed after the last row: the screen would scroll');
  return text.slice('\x1b[H\x1b[2J'.length).replace(/\r\n/g, '\n');
}

function same(s: UiState, what: string): void {
  const ink = rowsOf(inkFrame(s, false));
  const ours = rowsOf(ourFrame(s, false));
  // ink leaves out the empty rows at the bottom of its output; the terminal shows them empty either way.
  while (ink.length < ours.length) ink.push('');
  assert.deepEqual(ours, ink, what);
}

function seriesOnly(): AppData {
  return { ...fixtureData(), profiles: undefined, items: undefined, recipients: undefined, cover: undefined, send: undefined };
}

const REPORT = { kind: 'refresh', stage: 'report' } as const;

test('the Series screen, undecided and decided, at several sizes, row for row as ink draws it', () => {
  for (const [width, height] of [
    [120, 40],
    [80, 24],
    [40, 12],
  ] as const) {
    let s = initialState(seriesOnly(), width, height, 'series', [REPORT]);
    same(s, `${width}x${height}, first frame`);
    s = reducer(s, { type: 'taken', ids: [1] });
    same(s, `${width}x${height}, deciding`);
    s = reducer(s, { type: 'done', job: { id: 1, effect: REPORT }, result: { data: fixtureData() } });
    same(s, `${width}x${height}, decided`);
    for (const k of ['j', 'j', '\r', 'J', 'J']) s = reducer(s, { type: 'key', input: k === '\r' ? '' : k, key: k === '\r' ? { return: true } : {} });
    same(s, `${width}x${height}, third commit, files shown, scrolled`);
  }
});

test('long subjects, wide and combining characters, control characters and a long message are cut where ink cuts them', () => {
  const data = fixtureData();
  const c = data.series.commits;
  c[0] = { ...c[0]!, subject: `net: zorb: ${'very long subject '.repeat(12)}`, author: 'Zoë Dvořák <zoe@example.org>' };
  c[1] = { ...c[1]!, subject: 'vfio/pci: 漢字のサブジェクト、幅の広い文字が並ぶ件名 ✓ e\u0301 mixed', body: '日本語の本文\n\nzweite Zeile mit ß' };
  c[2] = { ...c[2]!, subject: 'evil \x1b]0;owned\x07 \u202e subject\ttab' };
  data.series.deps = [{ name: 'prereq-series', messageId: '<20240101.1@example.org>', patches: 2, state: 'built-on' }];
  for (const width of [120, 47]) {
    let s = initialState(data, width, 30);
    same(s, `${width}: first commit`);
    s = reducer(s, { type: 'key', input: 'j', key: {} });
    same(s, `${width}: the wide one`);
    s = reducer(s, { type: 'key', input: 'j', key: {} });
    same(s, `${width}: the control characters`);
    s = { ...s, message: { kind: 'error', text: `a message too long for the status line: ${'and more '.repeat(30)}` } };
    same(s, `${width}: a long message`);
  }
  assert.ok(needsTruncate(frameLines(initialState(data, 120, 30))!));
  assert.ok(!needsTruncate(frameLines(initialState(fixtureData(), 120, 30))!));
});

test('commit rows line up in columns whatever their subjects are written in: wide, combining or plain', () => {
  const data = fixtureData();
  const c = data.series.commits;
  // The same trailers and no problems, so that every row has the same badges.
  const same = { trailers: c[0]!.trailers, problems: [] };
  c[0] = { ...c[0]!, ...same, subject: 'net: zorb: plain ASCII subject' };
  c[1] = { ...c[1]!, ...same, subject: 'vfio/pci: 漢字の件名' };
  c[2] = { ...c[2]!, ...same, subject: 'MAINTAINERS: Zoe\u0308 Dvor\u030cák' };
  for (const width of [120, 60]) {
    const rows = rowsOf(inkFrame(initialState(data, width, 30), false)).filter((r) => /^.{0,3}\d [0-9a-f]{12} /.test(r.trimStart()) || /[0-9a-f]{12} /.test(r));
    const commits = rows.filter((r) => / (net: zorb|vfio\/pci|MAINTAINERS): /.test(r)).slice(0, 3);
    assert.equal(commits.length, 3, rows.join('\n'));
    // The column where the trailer badges start: the subject's padding counts terminal columns, not UTF-16 units.
    const badgeColumn = (r: string) => stringWidth(r.slice(0, r.search(/ SoB/)));
    assert.deepEqual(
      commits.map(badgeColumn),
      commits.map(() => badgeColumn(commits[0]!)),
      `${width}:\n${commits.join('\n')}`,
    );
  }
  // Cut to the room as well: a wide subject too long for it ends in '…' within the same columns.
  c[1] = { ...c[1]!, subject: `vfio/pci: ${'漢字'.repeat(40)}` };
  const rows = rowsOf(inkFrame(initialState(data, 80, 30), false)).filter((r) => /[0-9a-f]{12} /.test(r));
  const [plainRow, wide] = [rows.find((r) => r.includes('plain ASCII'))!, rows.find((r) => r.includes('漢字'))!];
  assert.match(wide, /…/);
  assert.equal(stringWidth(wide.slice(0, wide.search(/ SoB/))), stringWidth(plainRow.slice(0, plainRow.search(/ SoB/))));
});

test('recipient rows keep their reasons in one column when a name is written in wide characters', () => {
  const data = fixtureData();
  const list = data.recipients!.list;
  list[1] = { ...list[1]!, name: '张三', email: 'zhang@example.org', address: '张三 <zhang@example.org>' };
  const s = { ...initialState(data, 120, 24), screen: 'recipients' as const };
  const rows = rowsOf(inkFrame(s, false)).filter((r) => /^. (To|Cc) [+-] /.test(r));
  assert.equal(rows.length, list.length, rows.join('\n'));
  // Where the reason starts, in terminal columns: the same on every row.
  const reasonColumn = rows.map((r) => stringWidth(r.slice(0, r.search(/ (maintainer|reviewer|dropped)/))));
  assert.deepEqual(
    reasonColumn,
    rows.map(() => reasonColumn[0]),
    rows.join('\n'),
  );
});

/** Each row's characters with the style they are drawn in, from SGR sequences: what a terminal would show. */
function cells(text: string): string[][] {
  return text.split('\n').map((row) => {
    const out: string[] = [];
    let st = { b: false, d: false, i: false, s: false, fg: 0 };
    for (const m of row.matchAll(/\x1b\[([0-9;]*)m|([^\x1b])/g)) {
      if (m[2] !== undefined) {
        out.push(`${m[2]}${st.b ? 'B' : ''}${st.d ? 'D' : ''}${st.i ? 'I' : ''}${st.s ? 'S' : ''}${st.fg ? st.fg : ''}`);
        continue;
      }
      for (const c of (m[1] || '0').split(';').map(Number)) {
        if (c === 0) st = { b: false, d: false, i: false, s: false, fg: 0 };
        else if (c === 1) st = { ...st, b: true };
        else if (c === 2) st = { ...st, d: true };
        else if (c === 22) st = { ...st, b: false, d: false };
        else if (c === 7) st = { ...st, i: true };
        else if (c === 27) st = { ...st, i: false };
        else if (c === 9) st = { ...st, s: true };
        else if (c === 29) st = { ...st, s: false };
        else if (c === 39) st = { ...st, fg: 0 };
        else if ((c >= 30 && c <= 37) || (c >= 90 && c <= 97)) st = { ...st, fg: c };
      }
    }
    // A space drawn plain is what an empty cell shows.
    while (out.length && out[out.length - 1] === ' ') out.pop();
    return out;
  });
}

test('styles: every character is bold, dim, inverse or coloured in the painted frame as in the frame ink draws', () => {
  // ink's chalk draws no style without a terminal; the TUI runs on one.
  const level = chalk.level;
  chalk.level = 1;
  try {
    for (const [color, width] of [
      [true, 100],
      [false, 100],
      [true, 52],
      [true, 47],
      [true, 61],
      [true, 38],
    ] as const) {
      let s = initialState(seriesOnly(), width, 24, 'series', [REPORT]);
      s = reducer(s, { type: 'taken', ids: [1] });
      const before = [cells(inkFrame(s, color)), cells(ourFrame(s, color))];
      s = reducer(s, { type: 'done', job: { id: 1, effect: REPORT }, result: { data: fixtureData() } });
      s = reducer(s, { type: 'key', input: 'j', key: {} });
      const after = [cells(inkFrame(s, color)), cells(ourFrame(s, color))];
      for (const [ink, ours] of [before, after]) {
        while (ink!.length < ours!.length) ink!.push([]);
        assert.deepEqual(ours, ink, `colour ${color}`);
      }
      assert.ok(
        after[1]!.flat().some((c) => c.includes('I')),
        'the selected row is inverse',
      );
      assert.equal(
        after[1]!.flat().some((c) => /3\d$/.test(c)),
        color,
        'colours only with colour',
      );
    }
  } finally {
    chalk.level = level;
  }
  assert.equal(rowText({ text: 'abc', bold: true }, 10, { color: true, styles: false }), 'abc');
});

test('other screens and overlays are not painted: ink draws them', () => {
  const s = initialState(fixtureData(), 100, 24);
  assert.equal(frameLines({ ...s, screen: 'checklist' }), null);
  assert.equal(frameLines({ ...s, help: true }), null);
  assert.equal(frameLines({ ...s, confirm: { prompt: 'quit?', quit: true } }), null);
});

test('the hand-over to ink: the App starts from the painted state, shows the job taken before it as running, and performs it', async () => {
  const EXTRAS = { kind: 'refresh', stage: 'extras' } as const;
  // As bin/tui.ts leaves it: the checklist done, the recipients stage taken (its frame already says so).
  let s = initialState(seriesOnly(), 100, 24, 'series', [REPORT, EXTRAS]);
  s = reducer(s, { type: 'taken', ids: [1] });
  s = reducer(s, { type: 'done', job: { id: 1, effect: REPORT }, result: { data: fixtureData() } });
  s = reducer(s, { type: 'taken', ids: [2] });
  const painted = rowsOf(ourFrame(s, false));
  assert.match(painted.join('\n'), /⟳ loading the recipients and the cover letter… .*○ \d+ open/);
  let finish!: () => void;
  const done = new Promise<void>((res) => (finish = res));
  const performed: string[] = [];
  const actions = {
    async perform(e: { kind: string }) {
      performed.push(e.kind);
      await done;
      return { data: fixtureData() };
    },
  };
  const { lastFrame } = render(<App data={s.data} state={s} taken={[{ id: 2, effect: EXTRAS }]} actions={actions} width={100} height={24} color={false} />);
  // ink's first frame is the painted one, the loading label included: no step back to a finished status line.
  const first = rowsOf(lastFrame() ?? '');
  while (first.length < painted.length) first.push('');
  assert.deepEqual(first, painted);
  await until('the taken job performed', () => performed.length === 1);
  assert.deepEqual(performed, ['refresh']);
  finish();
  await until('the status line without the label', () => !(lastFrame() ?? '').includes('loading the recipients') && /○ \d+ open: /.test(lastFrame() ?? ''));
});
