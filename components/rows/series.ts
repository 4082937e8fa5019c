/**
 * The Series screen as rows: the prerequisite series, the commits with their
 * trailer badges; the selected commit's whole subject and message, author,
 * trailers and files below. The Trailers screen shows commits the same way.
 */
import { count } from '../../src/text/plural.js';
import { sanitizeLine } from '../../src/text/sanitize.js';
import type { UiState } from '../ui-state.js';
import type { CommitView, DependencyView } from '../view-data.js';
import { wrap } from '../wrap.js';
import { columns, fitColumns } from './columns.js';
import { SYMBOL, type Line, type Seg } from './line.js';
import { padRows, stackedLines, windowLines } from './panes.js';

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
  const badgeLen = b.reduce((n, x) => n + columns(x.text), 0);
  const head = `${String(i + 1).padStart(2)} ${c.sha.slice(0, 12)} `;
  const room = Math.max(10, width - head.length - badgeLen - 6 - extra.reduce((n, x) => n + columns(x.text), 0));
  // Measured as it will be drawn: control characters take the room of their visible escapes.
  const text = sanitizeLine(c.subject);
  const subject = fitColumns(text, room);
  return [...extra, { text: head, dim: true }, { text: subject }, ...b, ...(bad ? [{ text: ` ${SYMBOL.fail}`, color: 'red', bold: true }] : [])];
}

/**
 * A commit in full: its whole subject and message (wrapped to the pane, the
 * message's own line breaks kept), the author, every trailer with its
 * problems, and the files when asked for.
 */
export function commitDetail(c: CommitView, width: number, showFiles: boolean, opts: { message?: boolean } = {}): Line[] {
  const out: Line[] = [];
  const showMessage = opts.message ?? true;
  if (showMessage) {
    for (const l of wrap(c.subject, width - 2)) out.push({ text: l, bold: true });
    const body = c.body?.replace(/^\n+|\s+$/g, '');
    if (body) {
      out.push({ text: '' });
      for (const l of wrap(body, width - 2)) out.push({ text: l });
    }
    out.push({ text: '' });
  }
  out.push([{ text: 'Author  ', dim: true }, { text: c.author }]);
  for (const p of c.problems) out.push({ text: `${SYMBOL.fail} ${p}`, color: 'red' });
  out.push({ text: '' });
  if (!c.trailers.length) out.push({ text: '(no trailers)', dim: true });
  for (const t of c.trailers) {
    out.push([{ text: `${t.key}: `, bold: true, color: t.problem ? 'red' : undefined }, { text: t.value }]);
    if (t.problem) for (const l of wrap(`${SYMBOL.fail} ${t.problem}`, width - 4, '    ')) out.push({ text: l, color: 'red' });
  }
  if (!showFiles && opts.message === false) return out;
  out.push({ text: '' });
  const add = c.files.reduce((n, f) => n + f.additions, 0);
  const del = c.files.reduce((n, f) => n + f.deletions, 0);
  out.push([
    { text: `${count(c.files.length, 'file')}, `, dim: true },
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

const DEP_STATE: Record<NonNullable<DependencyView['state']>, Seg> = {
  'in-base': { text: 'already in the base: the prerequisite line can go', color: 'green' },
  'built-on': { text: 'the branch is built on it', color: 'green' },
  'not-built-on': { text: 'the branch is not built on it', color: 'red', bold: true },
};

/** The prerequisite series, one row each, above the commits. */
export function dependencyLines(deps: DependencyView[], width: number): Line[] {
  const out: Line[] = [];
  for (const d of deps) {
    const what = `${d.name}${d.messageId && d.messageId !== d.name ? ` <${d.messageId.replace(/^<|>$/g, '')}>` : ''}${d.patches ? ` (${count(d.patches, 'patch', 'patches')})` : ''}`;
    out.push([{ text: 'depends on ', dim: true }, { text: what, bold: true }, ...(d.state ? [{ text: ' · ' }, DEP_STATE[d.state]] : [])]);
    if (d.note) for (const l of wrap(d.note, width - 4, '    ')) out.push({ text: l, dim: true });
  }
  return out;
}

/** The Series screen's `height` rows. */
export function seriesLines(s: UiState, height: number): Line[] {
  const { commits, submitter, deps } = s.data.series;
  // Commit subjects are long: the list takes the whole width, the commit's message below it.
  const rows = commits.map((c, i) => commitRow(c, i, s.width));
  const c = commits[s.cursor.series];
  const detail = c ? commitDetail(c, s.width, s.expanded.includes(c.sha)) : [];
  const title = c ? `commit ${c.sha.slice(0, 12)} · submitter ${submitter}` : '';
  const pane = (h: number) => stackedLines({ rows, cursor: s.cursor.series, detail, scroll: s.scroll.series, height: h, width: s.width, title });
  if (!deps?.length) return padRows(pane(height), height);
  const depLines = dependencyLines(deps, s.width);
  const depH = Math.min(depLines.length, Math.max(1, Math.floor(height / 4)));
  return padRows([...padRows(windowLines(depLines, depH), depH), ...pane(height - depH)], height);
}
