/**
 * What covers a screen for a moment: the help (?), a rewrite plan waiting
 * for y/n, a yes/no question.
 */
import { Box } from 'ink';
import { EDIT_KEYS, GLOBAL_KEYS, SCREEN_KEYS, WALK_KEYS, type KeyRow } from './keys.js';
import { Lines, Row, type Line } from './Lines.js';
import { SCREEN_TITLES, SCREENS, type UiState } from './ui-state.js';

function keyLines(title: string, rows: KeyRow[]): Line[] {
  return [{ text: title, bold: true, color: 'cyan' }, ...rows.map(([k, what]) => [{ text: `  ${k.padEnd(12)}`, bold: true }, { text: what }]), { text: '' }];
}

export function helpLines(s: UiState): Line[] {
  const out: Line[] = [];
  out.push(...keyLines('Everywhere', GLOBAL_KEYS));
  out.push(...keyLines(`${SCREEN_TITLES[s.screen]} (this screen)`, SCREEN_KEYS[s.screen]));
  if (s.screen === 'checklist') out.push(...keyLines('Walking through an item', WALK_KEYS));
  out.push(...keyLines('In a text box', EDIT_KEYS));
  for (const sc of SCREENS) if (sc !== s.screen) out.push(...keyLines(SCREEN_TITLES[sc], SCREEN_KEYS[sc]));
  return out;
}

/** Two columns when the terminal is wide enough, so the whole help fits more often. */
export function Help({ s, height }: { s: UiState; height: number }) {
  const lines = helpLines(s);
  const head: Line = { text: 'Help: j/k and PgDn scroll, any other key closes it', bold: true, inverse: true };
  if (s.width >= 100) {
    const half = Math.ceil(lines.length / 2);
    const w = Math.floor(s.width / 2);
    return (
      <Box flexDirection="column" height={height}>
        <Row line={head} />
        <Box flexDirection="row" height={height - 1}>
          <Lines lines={lines.slice(0, half)} height={height - 1} width={w} />
          <Lines lines={lines.slice(half)} height={height - 1} width={s.width - w} />
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

export function Plan({ s, height }: { s: UiState; height: number }) {
  const plan = s.plan!;
  const lines: Line[] = [
    { text: plan.title, bold: true, color: 'cyan' },
    { text: '' },
    ...plan.lines.map((l) => ({ text: l })),
    { text: '' },
    { text: 'y or Enter applies it (a backup ref is kept; u undoes), n or Esc cancels', color: 'cyan' },
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
