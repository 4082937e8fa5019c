/**
 * One checklist item in the walk-through: the question, the words of the
 * document it comes from, the evidence, the answer, and what to do next.
 * The walk-through's keys and state changes are beside it (walk-keys.ts).
 */
import { Box } from 'ink';
import { Lines, type Line } from '../Lines.js';
import type { ItemView } from '../view-data.js';
import { currentItem, itemsOf, notMet, SCREEN_TITLES, type UiState } from '../ui-state.js';
import { SYMBOL } from '../rows/line.js';
import { wrap } from '../wrap.js';
import { evidenceLines, statusSeg } from '../screens/common.js';

function section(out: Line[], title: string) {
  out.push({ text: '' }, { text: title, bold: true, color: 'cyan' });
}

export function walkLines(item: ItemView, s: UiState): Line[] {
  const width = s.width;
  const items = itemsOf(s);
  const index = items.indexOf(item);
  const left = items.filter(notMet).length;
  const out: Line[] = [];
  out.push([statusSeg(item), { text: item.title, bold: true }]);
  out.push({ text: `       ${item.id} · item ${index + 1}/${items.length} · ${left} not met`, dim: true });
  for (const l of wrap(item.summary, width - 2, '  ')) out.push({ text: l });
  if (item.question) {
    section(out, 'Question');
    for (const l of wrap(item.question, width - 2, '  ')) out.push({ text: l });
  }
  if (item.questions?.length) {
    const sub = s.walk?.sub ?? 0;
    item.questions.forEach((q, i) => {
      const done = Boolean(q.answer?.trim());
      out.push([
        { text: i === sub ? '▸ ' : '  ', bold: true },
        { text: `${done ? SYMBOL.pass : SYMBOL.open} `, color: done ? 'green' : 'yellow' },
        { text: q.title, bold: i === sub },
      ]);
      if (done) for (const l of wrap(q.answer!, width - 6, '      ')) out.push({ text: l, dim: i !== sub });
    });
  }
  if (item.waitingFor?.length) {
    section(out, 'Waiting for');
    for (const p of item.waitingFor) out.push({ text: `  ${p}`, color: 'yellow' });
  }
  if (item.doc) {
    section(out, `From ${item.doc.path}`);
    for (const l of wrap(item.doc.excerpt, width - 4))
      out.push([
        { text: '  │ ', dim: true },
        { text: l, dim: false },
      ]);
  }
  if (item.evidence.length) {
    section(out, 'Evidence');
    out.push(...evidenceLines(item, width));
  }
  if (item.guidance || item.todo?.length) {
    section(out, 'What to do');
    if (item.guidance) for (const l of wrap(item.guidance, width - 2, '  ')) out.push({ text: l });
    for (const t of item.todo ?? []) for (const l of wrap(`• ${t}`, width - 2, '  ')) out.push({ text: l, color: 'yellow' });
  }
  const a = item.answer;
  if (a && (a.text || a.confirmed)) {
    section(out, a.confirmed ? 'Confirmed' : 'Your answer');
    const text = a.text ?? a.note ?? '';
    for (const l of wrap(text || '(no note)', width - 2, '  ')) out.push({ text: l, color: 'green' });
  }
  out.push({ text: '' });
  const how: string[] = [];
  if (item.questions?.length) how.push('Enter answers the marked question, [ ] picks another');
  if (item.answersAll) how.push('A answers them all at once');
  else if (item.resolve.includes('answer')) how.push('Enter writes the answer');
  if (item.resolve.includes('confirm')) how.push('c confirms');
  if (item.resolve.length || item.questions?.length) how.push('e opens $EDITOR');
  if (item.fix) how.push(`f goes to ${SCREEN_TITLES[item.fix]} to fix it`);
  how.push('n moves to the next open item');
  for (const l of wrap(`→ ${how.join('; ')}.`, width - 2)) out.push({ text: l, color: 'cyan' });
  return out;
}

export function WalkScreen({ s, height }: { s: UiState; height: number }) {
  const item = currentItem(s);
  if (!item) return null;
  // The item's title and id stay put while the rest scrolls under them.
  const lines = walkLines(item, s);
  return (
    <Box flexDirection="column" height={height}>
      <Lines lines={lines.slice(0, 2)} height={2} width={s.width} />
      <Lines lines={lines.slice(2)} height={Math.max(1, height - 2)} scroll={s.walk?.scroll ?? 0} width={s.width} />
    </Box>
  );
}
