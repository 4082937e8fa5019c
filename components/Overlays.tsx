/**
 * What covers a screen for a moment: the help (?), a rewrite plan waiting
 * for y/n, a yes/no question.
 */
import { Box } from 'ink';
import { helpSections } from './keys.js';
import { Lines, Row, type Line } from './Lines.js';
import type { UiState } from './ui-state.js';
import { wrap } from './wrap.js';

const KEY_COLUMN = 14;

/** One help row: the keys, then what they do wrapped under its own column (a key label too long for it gets its own row). */
function helpRow(k: string, what: string, width: number): Line[] {
  const text = wrap(what, Math.max(20, width - KEY_COLUMN - 1));
  const keys = `  ${k}`;
  const out: Line[] = [];
  if (keys.length >= KEY_COLUMN) out.push({ text: keys, bold: true });
  text.forEach((t, i) => {
    const head = i === 0 && keys.length < KEY_COLUMN ? keys.padEnd(KEY_COLUMN) : ' '.repeat(KEY_COLUMN);
    out.push([{ text: head, bold: true }, { text: t }]);
  });
  return out;
}

/** The help, from the keymaps themselves: every binding with its keys and what it does, wrapped to `width`. */
export function helpLines(s: UiState, width = s.width): Line[] {
  return helpSections(s).flatMap(({ title, rows }): Line[] => [
    { text: title, bold: true, color: 'cyan' },
    ...rows.flatMap(([k, what]) => helpRow(k, what, width)),
    { text: '' },
  ]);
}

/** Two columns when the terminal is wide enough, so the whole help fits more often. */
export function Help({ s, height }: { s: UiState; height: number }) {
  const two = s.width >= 100;
  const lines = helpLines(s, two ? Math.floor(s.width / 2) - 1 : s.width - 1);
  const head: Line = { text: 'Help: j/k and PgDn scroll, any other key closes it', bold: true, inverse: true };
  if (two) {
    // Two columns read as one page: scrolling moves the page, the right column continues the left.
    const rows = height - 1;
    const perColumn = Math.max(rows, Math.ceil(lines.length / 2));
    const start = Math.min(s.helpScroll, Math.max(0, lines.length - 2 * rows));
    const left = perColumn <= rows ? lines.slice(0, perColumn) : lines.slice(start, start + rows);
    const right = perColumn <= rows ? lines.slice(perColumn) : lines.slice(start + rows);
    const w = Math.floor(s.width / 2);
    return (
      <Box flexDirection="column" height={height}>
        <Row line={head} />
        <Box flexDirection="row" height={rows}>
          <Lines lines={left} height={rows} width={w} />
          <Lines lines={right} height={rows} width={s.width - w} />
        </Box>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={height}>
      <Row line={head} />
      <Lines lines={lines} height={height - 1} scroll={s.helpScroll} width={s.width} />
    </Box>
  );
}

/**
 * A rewrite plan before anything moves. Its incoming trailers are marked
 * [x] (taken) or [ ] (turned down with Space); y applies the taken ones.
 */
export function Plan({ s, height }: { s: UiState; height: number }) {
  const plan = s.plan!;
  const choices = plan.choices ?? [];
  const byLine = new Map(choices.map((c, i) => [c.line, { id: c.id, i }]));
  const taken = choices.filter((c) => !plan.rejected.includes(c.id)).length;
  const body: Line[] = plan.lines.map((l, n): Line => {
    const c = byLine.get(n);
    if (!choices.length) return { text: l };
    if (!c) return { text: `      ${l}` };
    const off = plan.rejected.includes(c.id);
    const here = c.i === plan.at;
    return [
      { text: here ? '▸ ' : '  ', bold: true },
      { text: off ? '[ ] ' : '[x] ', bold: !off, color: off ? undefined : 'green' },
      { text: l, strike: off, dim: off, inverse: here },
    ];
  });
  const how = choices.length
    ? `${taken} of ${choices.length} taken · Space takes or turns down the one at ▸ · y or Enter applies the taken ones (a backup ref is kept; u undoes) · n or Esc cancels`
    : 'y or Enter applies it (a backup ref is kept; u undoes), n or Esc cancels';
  const lines: Line[] = [
    { text: plan.title, bold: true, color: 'cyan' },
    { text: '' },
    ...body,
    { text: '' },
    ...wrap(how, s.width - 1).map((t) => ({ text: t, color: 'cyan' })),
  ];
  return <Lines lines={lines} height={height} scroll={plan.scroll} width={s.width} />;
}

export function Confirm({ s }: { s: UiState }) {
  return (
    <Box flexDirection="column" height={2}>
      <Row line={{ text: '─'.repeat(s.width), dim: true }} />
      <Row
        line={[
          { text: '? ', color: 'yellow', bold: true },
          { text: s.confirm!.prompt, bold: true },
        ]}
      />
    </Box>
  );
}
