/**
 * Trailers: each commit with its trailers, problems in red; Space chooses
 * commits for `a`, `A` takes them all, `i` imports, `u` undoes.
 */
import type { Line, Seg } from '../Lines.js';
import type { UiState } from '../ui-state.js';
import { SplitPane } from './common.js';
import { commitDetail, commitRow } from '../rows/series.js';

export function TrailersScreen({ s, height }: { s: UiState; height: number }) {
  const commits = s.data.series.commits;
  const rows: Seg[][] = commits.map((c, i) => {
    const on = s.marked.includes(c.sha);
    return commitRow(c, i, s.width, [{ text: on ? '[x]' : '[ ]', bold: on, color: on ? 'cyan' : undefined }]);
  });
  const c = commits[s.cursor.trailers];
  const detail: Line[] = c ? commitDetail(c, s.width, false, { message: false }) : [];
  const chosen = s.marked.length ? ` · ${s.marked.length} chosen for a` : '';
  const undo = s.data.canUndo ? ` · u undoes ${s.data.undoNote ?? 'the last rewrite'}` : '';
  const title = `${c ? `trailers of ${c.sha.slice(0, 12)}` : ''}${chosen}${undo}`;
  return <SplitPane rows={rows} cursor={s.cursor.trailers} detail={detail} scroll={s.scroll.trailers} height={height} width={s.width} title={title} stacked />;
}
