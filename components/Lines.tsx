/**
 * A pane drawn as a list of one-row lines: each line is truncated to the
 * width, so a pane takes exactly the rows it is given and can scroll.
 * Every row the TUI draws goes through Row, and Row makes control characters
 * visible (\e, \x07...): a subject, a name or a message from someone else
 * can never retitle or clear the terminal, whichever screen shows it.
 */
import { Box, Text } from 'ink';
import { sanitizeLine } from '../src/text/sanitize.js';
import { useTheme } from './theme.js';

export interface Seg {
  text: string;
  color?: string;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
  strike?: boolean;
}

export type Line = Seg | Seg[];

export function Row({ line }: { line: Line }) {
  const theme = useTheme();
  const segs = Array.isArray(line) ? line : [line];
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

/** `height` rows of `lines` from `scroll`; a marker on the last row says when more follows. */
export function Lines({ lines, height, scroll = 0, width }: { lines: Line[]; height: number; scroll?: number; width: number }) {
  const max = Math.max(0, lines.length - height);
  const start = Math.min(Math.max(0, scroll), max);
  const shown = lines.slice(start, start + height);
  const more = start + height < lines.length;
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      {shown.map((l, i) =>
        more && i === shown.length - 1 ? (
          <Row key={i} line={{ text: `  ↓ ${lines.length - start - height + 1} more lines`, dim: true }} />
        ) : (
          <Row key={i} line={l} />
        ),
      )}
    </Box>
  );
}
