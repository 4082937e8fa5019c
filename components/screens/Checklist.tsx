/**
 * Checklist: every item with its status; the selected item's summary and
 * evidence below. Enter starts the walk-through (Walk.tsx) at that item.
 */
import type { Line } from '../Lines.js';
import type { ItemView } from '../view-data.js';
import { currentItem, type UiState } from '../ui-state.js';
import { wrap } from '../wrap.js';
import { evidenceLines, SplitPane, statusSeg } from './common.js';
import { WalkScreen } from '../walk/Walk.js';

function itemDetail(item: ItemView, width: number): Line[] {
  const out: Line[] = [];
  out.push([statusSeg(item), { text: item.title, bold: true }, { text: `  (${item.profile})`, dim: true }]);
  for (const l of wrap(item.summary, width - 2, '  ')) out.push({ text: l });
  if (item.waitingFor?.length) out.push({ text: `  waiting for: ${item.waitingFor.join(', ')}`, color: 'yellow' });
  for (const t of item.todo ?? []) for (const l of wrap(`• ${t}`, width - 2, '  ')) out.push({ text: l, color: 'yellow' });
  if (item.evidence.length) {
    out.push({ text: '' }, { text: 'Evidence', bold: true });
    out.push(...evidenceLines(item, width));
  }
  return out;
}

export function ChecklistScreen({ s, height }: { s: UiState; height: number }) {
  if (s.walk && currentItem(s)) return <WalkScreen s={s} height={height} />;
  const items = s.data.items;
  if (!items?.length)
    return (
      <SplitPane
        rows={[
          [
            !items
              ? s.loadError
                ? { text: `could not decide the checklist: ${s.loadError}`, color: 'red' }
                : { text: 'deciding… (the checklist appears here as soon as it is decided)', dim: true }
              : { text: 'no acceptance items apply to this series', dim: true },
          ],
        ]}
        cursor={-1}
        detail={[]}
        scroll={0}
        height={height}
        width={s.width}
      />
    );
  const idW = Math.min(26, Math.max(...items.map((i) => i.id.length)) + 1);
  const rows = items.map((i) => [statusSeg(i), { text: i.id.padEnd(idW), bold: true }, { text: i.title }]);
  const item = items[s.cursor.checklist];
  const detail = item ? itemDetail(item, s.width) : [];
  return (
    <SplitPane
      rows={rows}
      cursor={s.cursor.checklist}
      detail={detail}
      scroll={s.scroll.checklist}
      height={height}
      width={s.width}
      title={item ? `${item.id} · Enter walks through from here` : ''}
    />
  );
}
