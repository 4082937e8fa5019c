/**
 * The rows around every screen: header (branch, base, version, readiness),
 * tab bar, status line (what is still open; messages and progress), footer
 * (the keys of the current screen).
 */
import { count } from '../../src/text/plural.js';
import { footerKeys } from '../keys.js';
import { messageRows, SCREENS, SCREEN_TITLES, type UiState } from '../ui-state.js';
import { readiness } from '../view-data.js';
import { SYMBOL, type Line, type Seg } from './line.js';

export function headerLine(s: UiState): Line {
  const { series } = s.data;
  const r = readiness(s.data.items);
  const status = r.failing.length ? 'fail' : r.open.length ? 'open' : 'pass';
  const color = status === 'fail' ? 'red' : status === 'open' ? 'yellow' : 'green';
  const n = series.commits.length;
  const wide = s.width >= 100;
  return [
    ...(wide ? [{ text: ' patchpilot ', bold: true, inverse: true }] : []),
    { text: ` ${series.branch}`, bold: true },
    { text: ` on ${series.baseRef} (${series.baseCommit.slice(0, 12)})`, dim: true },
    { text: ` · v${series.version} · ${count(n, 'patch', 'patches')} · ` },
    r.decided ? { text: `${SYMBOL[status]} ${r.met}/${r.total} ${wide ? 'items ' : ''}met`, color, bold: true } : { text: 'checklist deciding…', dim: true },
  ];
}

const ABBREV: Record<string, string> = { series: 'Ser', checklist: 'Chk', recipients: 'Rcp', trailers: 'Trl', cover: 'Cov', send: 'Snd' };

export function tabsLine(s: UiState): Line {
  const full = SCREENS.reduce((n, sc, i) => n + SCREEN_TITLES[sc].length + String(i + 1).length + 4, 0);
  // On a narrow terminal the other screens' names shrink; the current one stays whole.
  const title = (sc: (typeof SCREENS)[number]) => (full <= s.width || sc === s.screen ? SCREEN_TITLES[sc] : s.width < 60 ? '' : ABBREV[sc]!);
  const segs: Seg[] = [];
  SCREENS.forEach((sc, i) => {
    const on = sc === s.screen;
    const t = title(sc);
    segs.push({ text: ' ' }, { text: ` ${i + 1}${t ? ` ${t}` : ''} `, inverse: on, bold: on, dim: !on });
  });
  return segs;
}

/** The status line, under the rows of a message too long for it. */
export function statusLines(s: UiState): Line[] {
  const r = readiness(s.data.items);
  const segs: Seg[] = [];
  const color = s.message?.kind === 'error' ? 'red' : 'cyan';
  const long = messageRows(s);
  // The message first: it answers the last key, and behind long progress labels it would be cut off the line.
  if (s.message && !long.length) segs.push({ text: `${s.message.kind === 'error' ? '✗ ' : ''}${s.message.text}  `, color });
  for (const run of s.running) {
    const pct = run.total ? ` ${run.done ?? 0}/${run.total}` : '';
    segs.push({ text: `⟳ ${run.label}${pct}… `, color: 'cyan', bold: true });
  }
  const busy = segs.length > 0;
  // Undecided: the progress label already says so while it runs; afterwards a failed load is on the screens waiting for it.
  if (!r.decided) segs.push({ text: busy || s.loadError ? '' : 'checklist: deciding…', dim: true });
  else if (!r.open.length && !r.failing.length) segs.push({ text: `${SYMBOL.pass} nothing open`, color: 'green' });
  else {
    if (r.failing.length) {
      const names = busy ? '' : `: ${r.failing.map((i) => i.id).join(', ')}`;
      segs.push({ text: `${SYMBOL.fail} ${r.failing.length} failing${names}  `, color: 'red' });
    }
    if (r.open.length) {
      const names = busy ? '' : `: ${r.open.map((i) => i.id).join(', ')}`;
      segs.push({ text: `${SYMBOL.open} ${r.open.length} open${names}`, color: 'yellow' });
    }
  }
  return [...long.map((text) => ({ text, color })), segs];
}

export function footerLine(s: UiState): Line {
  const segs: Seg[] = [];
  const rows = footerKeys(s);
  const long = rows.reduce((n, [k, w]) => n + k.length + w.length + 3, 0) > s.width;
  for (const [k, what, short] of rows) segs.push({ text: ` ${k}`, bold: true }, { text: ` ${long && short ? short : what} `, dim: true });
  return segs;
}
