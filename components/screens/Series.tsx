/**
 * Series: the commits with their trailer badges; the selected commit's
 * author, trailers and files below.
 */
import type { Line, Seg } from '../Lines.js';
import type { CommitView } from '../view-data.js';
import type { UiState } from '../ui-state.js';
import { SYMBOL } from '../theme.js';
import { wrap } from '../wrap.js';
import { paneWidth, SplitPane } from './common.js';

const BADGE: Record<string, string> = {
  'signed-off-by': 'SoB',
  'reviewed-by': 'Rb',
  'acked-by': 'Ack',
  'tested-by': 'Tb',
  'co-developed-by': 'Co',
  'reported-by': 'Rep',
  'suggested-by': 'Sug',
  fixes: 'Fixes',
  cc: 'Cc',
  link: 'Link',
  closes: 'Closes',
};

export function badges(c: CommitView): Seg[] {
  const counts = new Map<string, { n: number; bad: boolean }>();
  for (const t of c.trailers) {
    const b = BADGE[t.key.toLowerCase()] ?? t.key;
    const cur = counts.get(b) ?? { n: 0, bad: false };
    counts.set(b, { n: cur.n + 1, bad: cur.bad || Boolean(t.problem) });
  }
  const out: Seg[] = [];
  for (const [b, { n, bad }] of counts) {
    const color = bad ? 'red' : b === 'Rb' || b === 'Ack' || b === 'Tb' ? 'green' : 'blue';
    out.push({ text: ` ${bad ? SYMBOL.fail : ''}${b}${n > 1 ? `×${n}` : ''}`, color, bold: b !== 'SoB' });
  }
  return out;
}

export function commitRow(c: CommitView, i: number, width: number, extra: Seg[] = []): Seg[] {
  const bad = c.problems.length > 0 || c.trailers.some((t) => t.problem);
  const b = badges(c);
  const badgeLen = b.reduce((n, x) => n + x.text.length, 0);
  const head = `${String(i + 1).padStart(2)} ${c.sha.slice(0, 12)} `;
  const room = Math.max(10, width - head.length - badgeLen - 6 - extra.reduce((n, x) => n + x.text.length, 0));
  const subject = c.subject.length > room ? `${c.subject.slice(0, room - 1)}…` : c.subject.padEnd(room);
  return [...extra, { text: head, dim: true }, { text: subject }, ...b, ...(bad ? [{ text: ` ${SYMBOL.fail}`, color: 'red', bold: true }] : [])];
}

export function commitDetail(c: CommitView, width: number, showFiles: boolean): Line[] {
  const out: Line[] = [];
  out.push([{ text: 'Author  ', dim: true }, { text: c.author }]);
  for (const p of c.problems) out.push({ text: `${SYMBOL.fail} ${p}`, color: 'red' });
  out.push({ text: '' });
  if (!c.trailers.length) out.push({ text: '(no trailers)', dim: true });
  for (const t of c.trailers) {
    out.push([{ text: `${t.key}: `, bold: true, color: t.problem ? 'red' : undefined }, { text: t.value }]);
    if (t.problem) for (const l of wrap(`${SYMBOL.fail} ${t.problem}`, width - 4, '    ')) out.push({ text: l, color: 'red' });
  }
  out.push({ text: '' });
  const add = c.files.reduce((n, f) => n + f.additions, 0);
  const del = c.files.reduce((n, f) => n + f.deletions, 0);
  out.push([
    { text: `${c.files.length} file${c.files.length === 1 ? '' : 's'}, `, dim: true },
    { text: `+${add}`, color: 'green' },
    { text: ' ' },
    { text: `-${del}`, color: 'red' },
    { text: showFiles ? '' : '  (Enter shows them)', dim: true },
  ]);
  if (showFiles) {
    for (const f of c.files) {
      out.push([
        { text: `  ${f.status} `, bold: true },
        { text: f.path },
        { text: ` +${f.additions}`, color: 'green' },
        { text: ` -${f.deletions}`, color: 'red' },
      ]);
    }
  }
  return out;
}

export function SeriesScreen({ s, height }: { s: UiState; height: number }) {
  const { commits, submitter } = s.data.series;
  const rows = commits.map((c, i) => commitRow(c, i, paneWidth(s.width)));
  const c = commits[s.cursor.series];
  const detail = c ? commitDetail(c, s.width, s.expanded.includes(c.sha)) : [];
  const title = c ? `commit ${c.sha.slice(0, 12)} · submitter ${submitter}` : '';
  return <SplitPane rows={rows} cursor={s.cursor.series} detail={detail} scroll={s.scroll.series} height={height} width={s.width} title={title} />;
}
