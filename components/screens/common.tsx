/**
 * Pieces several screens share: a list with a selection that scrolls, and
 * a list above a detail pane.
 */
import { Box } from 'ink';
import { Lines, Row, Rows, type Line, type Seg } from '../Lines.js';
import { listLines, stackedLines, type StackedPane } from '../rows/panes.js';
import type { ItemView } from '../view-data.js';
import { SYMBOL } from '../rows/line.js';
import { wrap } from '../wrap.js';

/** Rows of a list, `height` of them, keeping the cursor visible; the selected row is inverse. */
export function ListPane({ rows, cursor, height, width, focus = true }: { rows: Seg[][]; cursor: number; height: number; width: number; focus?: boolean }) {
  return <Rows lines={listLines(rows, cursor, height, focus)} height={height} width={width} />;
}

/** The width a list gets: all of it, or the left pane on a wide terminal. */
export function paneWidth(width: number): number {
  return width >= 120 ? Math.floor(width * 0.45) : width;
}

/** A list on top and the selected row's detail below, split by a rule. */
export function SplitPane({
  rows,
  cursor,
  detail,
  scroll,
  height,
  width,
  title,
  stacked = false,
}: StackedPane & {
  /** The detail always below the list, even on a wide terminal (lists of long lines, such as commit subjects). */
  stacked?: boolean;
}) {
  // Wide terminals get the list and the detail side by side, each the full height.
  if (width >= 120 && !stacked) {
    const listW = paneWidth(width);
    const detailW = width - listW - 1;
    return (
      <Box flexDirection="row" height={height} width={width}>
        <ListPane rows={rows} cursor={cursor} height={height} width={listW} />
        <Box flexDirection="column" width={1} height={height}>
          {Array.from({ length: height }, (_, i) => (
            <Row key={i} line={{ text: '│', dim: true }} />
          ))}
        </Box>
        <Box flexDirection="column" width={detailW} height={height}>
          <Row line={{ text: ` ${title ?? ''}`, dim: true, bold: true }} />
          <Lines lines={detail} height={height - 1} scroll={scroll} width={detailW} />
        </Box>
      </Box>
    );
  }
  return <Rows lines={stackedLines({ rows, cursor, detail, scroll, height, width, title })} height={height} width={width} />;
}

export const STATUS_COLOR = { pass: 'green', fail: 'red', open: 'yellow', 'n/a': 'gray' } as const;

export function statusSeg(i: Pick<ItemView, 'status'>): Seg {
  return { text: `${SYMBOL[i.status]} ${i.status.padEnd(4)} `, color: STATUS_COLOR[i.status], bold: i.status !== 'n/a' };
}

export function evidenceLines(item: ItemView, width: number): Line[] {
  const out: Line[] = [];
  for (const e of item.evidence) {
    const where = e.path ? `${e.path}${e.line ? `:${e.line}` : ''}` : e.commit ? e.commit.slice(0, 12) : '';
    // Evidence texts often name their file already; the location is added only when they do not.
    const text = where && !e.text.includes(e.path ?? e.commit?.slice(0, 12) ?? where) ? `${where}  ${e.text}` : e.text;
    wrap(text, width - 4).forEach((l, i) => out.push(i === 0 ? [{ text: '  • ', dim: true }, { text: l }] : { text: `    ${l}` }));
  }
  return out;
}
