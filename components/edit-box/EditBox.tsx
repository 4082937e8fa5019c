/**
 * The answer box and one-line prompts: the text with its cursor, scrolled
 * so the cursor row stays visible, and the error or hint under it. The
 * edit box is one widget in this folder: this view, its pure text model
 * (text-buffer.ts), its keys (edit-keys.ts) and completion (completion.ts).
 */
import { Box } from 'ink';
import { Row, type Seg } from '../Lines.js';
import { candidates, plainCandidates } from './completion.js';
import type { EditState } from '../ui-state.js';
import { cursorPosition } from './text-buffer.js';
import { windowStart, wrap } from '../wrap.js';

/** An error under the box, wrapped (cut at the width it would lose what to do), at most four rows. */
function errorRows(e: EditState, width: number): string[] {
  if (e.pending || !e.error) return [];
  return wrap(`✗ ${e.error}`, width - 3).slice(0, 4);
}

export function editBoxHeight(e: EditState, body: number, width = 80): number {
  const extra = Math.max(0, errorRows(e, width).length - 1);
  if (!e.buf.multiline) return (e.completions ? 6 : 4) + extra;
  return Math.max(6, Math.min(12, Math.floor(body / 2))) + extra;
}

export function EditBox({ e, width, height }: { e: EditState; width: number; height: number }) {
  const { row, col, lines } = cursorPosition(e.buf);
  const errors = errorRows(e, width);
  const inner = Math.max(1, height - (e.completions ? 5 : 3) - Math.max(0, errors.length - 1));
  const textW = Math.max(10, width - 4);
  const start = windowStart(lines.length, row, inner);
  // Long lines scroll sideways around the cursor rather than wrapping, so the cursor row is exact.
  const shift = col >= textW ? col - textW + 1 : 0;
  const rows: Seg[][] = [];
  for (let i = start; i < Math.min(lines.length, start + inner); i++) {
    const l = lines[i]!;
    if (i === row) {
      const vis = l.slice(shift);
      const c = col - shift;
      rows.push([{ text: '│ ', dim: true }, { text: vis.slice(0, c) }, { text: vis[c] ?? ' ', inverse: true }, { text: vis.slice(c + 1) }]);
    } else rows.push([{ text: '│ ', dim: true }, { text: l }]);
  }
  while (rows.length < inner) rows.push([{ text: '│', dim: true }]);
  const status: Seg = e.pending
    ? { text: '  saving…', color: 'cyan' }
    : e.error
      ? { text: `  ✗ ${e.error}`, color: 'red', bold: true }
      : { text: `  ${e.hint ?? (e.buf.multiline ? 'Ctrl+S saves · Enter new line · Ctrl+E $EDITOR · Esc cancels' : 'Enter saves · Esc cancels')}`, dim: true };
  const query = e.complete?.query ?? e.buf.text;
  const matches = e.completions ? (e.target.kind === 'trailer' ? candidates(query, e.completions) : plainCandidates(query, e.completions)).slice(0, 3) : [];
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Row
        line={[
          { text: '┌ ', dim: true },
          { text: e.label, bold: true, color: 'cyan' },
          { text: ` ${'─'.repeat(Math.max(0, width - e.label.length - 4))}`, dim: true },
        ]}
      />
      {rows.map((r, i) => (
        <Row key={i} line={r} />
      ))}
      <Row line={{ text: `└${'─'.repeat(Math.max(0, width - 2))}`, dim: true }} />
      {errors.length ? errors.map((text, i) => <Row key={`e${i}`} line={{ text: `  ${text}`, color: 'red', bold: true }} />) : <Row line={status} />}
      {e.completions ? (
        <>
          <Row line={{ text: matches.length ? `  Tab: ${matches.join('  ·  ')}` : '  (no completion)', dim: true }} />
          <Row line={{ text: '' }} />
        </>
      ) : null}
    </Box>
  );
}
