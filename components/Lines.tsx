/**
 * Rows drawn by ink: each row is truncated to the width, so a pane takes
 * exactly the rows it is given and can scroll. What the rows hold is
 * computed in rows/ (plain data), the same rows the terminal gets before
 * ink has loaded. Every row the TUI draws goes through Row, and Row makes
 * control characters visible (\e, \x07...): a subject, a name or a message
 * from someone else can never retitle or clear the terminal, whichever
 * screen shows it.
 */
import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import { sanitizeLine } from '../src/text/sanitize.js';
import { measureWideWith } from './rows/columns.js';
import { segsOf, type Line } from './rows/line.js';
import { windowLines } from './rows/panes.js';
import { useTheme } from './theme.js';

export type { Line, Seg } from './rows/line.js';

// The rows ink draws are measured as ink measures them (ink has string-width loaded anyway).
measureWideWith(stringWidth);

export function Row({ line }: { line: Line }) {
  const theme = useTheme();
  const segs = segsOf(line);
  return (
    <Text wrap="truncate">
      {segs.map((s, i) => (
        <Text key={i} color={theme.color ? s.color : undefined} bold={s.bold} dimColor={s.dim} inverse={s.inverse} strikethrough={s.strike}>
          {sanitizeLine(s.text) || (i === 0 && segs.length === 1 ? ' ' : '')}
        </Text>
      ))}
    </Text>
  );
}

/** Rows as they are, in a box of `height` rows. */
export function Rows({ lines, height, width }: { lines: Line[]; height: number; width: number }) {
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      {lines.map((l, i) => (
        <Row key={i} line={l} />
      ))}
    </Box>
  );
}

/** `height` rows of `lines` from `scroll`; a marker on the last row says when more follows. */
export function Lines({ lines, height, scroll = 0, width }: { lines: Line[]; height: number; scroll?: number; width: number }) {
  return <Rows lines={windowLines(lines, height, scroll)} height={height} width={width} />;
}
