/**
 * Recipients: To and Cc with the reason for each; dropped people stay
 * listed (struck through) so they can be restored. `p` shows each patch's own list.
 */
import type { Line, Seg } from '../Lines.js';
import type { UiState } from '../ui-state.js';
import { wrap } from '../wrap.js';
import { SplitPane } from './common.js';
import { columns, padColumns } from '../rows/columns.js';

function perPatch(s: UiState, height: number) {
  const r = s.data.recipients!;
  const rows: Seg[][] = r.perPatch.map((p, i) => [
    { text: `${String(i + 1).padStart(2)} `, dim: true },
    { text: p.subject },
    { text: `  ${p.to.length} to, ${p.cc.length} cc`, dim: true },
  ]);
  const p = r.perPatch[s.cursor.recipients];
  const detail: Line[] = [];
  if (p) {
    detail.push({ text: 'To', bold: true });
    for (const a of p.to) detail.push({ text: `  ${a}` });
    detail.push({ text: 'Cc', bold: true });
    for (const a of p.cc) detail.push({ text: `  ${a}` });
  }
  const mode = r.mode === 'per-patch' ? 'sent per patch (m: series-wide)' : 'sent series-wide: every patch goes to everyone (m: per patch)';
  return (
    <SplitPane
      rows={rows}
      cursor={s.cursor.recipients}
      detail={detail}
      scroll={s.scroll.recipients}
      height={height}
      width={s.width}
      title={`per-patch view · ${mode}`}
    />
  );
}

export function RecipientsScreen({ s, height }: { s: UiState; height: number }) {
  const r = s.data.recipients;
  if (r === undefined)
    return (
      <SplitPane
        rows={[[s.loadError ? { text: `could not load the recipients: ${s.loadError}`, color: 'red' } : { text: 'loading the recipients…', dim: true }]]}
        cursor={-1}
        detail={[]}
        scroll={0}
        height={height}
        width={s.width}
      />
    );
  if (!r)
    return (
      <SplitPane
        rows={[[{ text: 'recipients are not available in this build', dim: true }]]}
        cursor={-1}
        detail={[]}
        scroll={0}
        height={height}
        width={s.width}
      />
    );
  if (s.perPatchView) return perPatch(s, height);
  const nameW = Math.min(44, Math.max(10, ...r.list.map((x) => columns(x.address))) + 1);
  const rows: Seg[][] = r.list.map((x) => [
    { text: x.field === 'to' ? 'To ' : 'Cc ', bold: true, color: x.field === 'to' ? 'cyan' : undefined },
    // Neither pass nor fail: the status colours and symbols keep their one meaning.
    { text: x.dropped ? '- ' : '+ ', dim: x.dropped },
    { text: padColumns(x.address, nameW), strike: x.dropped, dim: x.dropped },
    { text: x.dropped ? 'dropped' : (x.reasons[0] ?? ''), dim: true },
    { text: x.reasons.length > 1 && !x.dropped ? ` +${x.reasons.length - 1}` : '', dim: true },
  ]);
  if (!rows.length) rows.push([{ text: 'nobody: no MAINTAINERS section matches and no trailer names anyone', dim: true }]);
  const who = r.list[s.cursor.recipients];
  const detail: Line[] = [];
  if (who) {
    detail.push([
      { text: who.address, bold: true },
      { text: who.dropped ? '  dropped: Space restores' : `  on ${who.field === 'to' ? 'To' : 'Cc'}: Space drops`, dim: true },
    ]);
    if (who.manual) detail.push({ text: '  added by you', color: 'cyan' });
    for (const reason of who.reasons) for (const [i, l] of wrap(reason, s.width - 6).entries()) detail.push({ text: `${i ? '    ' : '  • '}${l}` });
  }
  const to = r.list.filter((x) => x.field === 'to' && !x.dropped).length;
  const cc = r.list.filter((x) => x.field === 'cc' && !x.dropped).length;
  const title = `${to} to, ${cc} cc · ${r.mode === 'per-patch' ? 'each patch to its own people' : 'series-wide'} · a adds · p per-patch view`;
  return <SplitPane rows={rows} cursor={s.cursor.recipients} detail={detail} scroll={s.scroll.recipients} height={height} width={s.width} title={title} />;
}
