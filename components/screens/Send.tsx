/**
 * Send: where the patches are exported, the exact git send-email command,
 * and the versions already sent. The tool never sends mail itself.
 */
import { Lines, type Line } from '../Lines.js';
import { readiness } from '../view-data.js';
import type { UiState } from '../ui-state.js';
import { SYMBOL } from '../rows/line.js';
import { wrap } from '../wrap.js';
import { count } from '../../src/text/plural.js';

export function sendLines(s: UiState): Line[] {
  const send = s.data.send!;
  const r = readiness(s.data.items);
  const out: Line[] = [];
  const left = r.open.length + r.failing.length;
  out.push(
    !r.decided
      ? { text: 'checklist: deciding…', dim: true }
      : left
        ? { text: `${SYMBOL.open} ${count(left, 'checklist item')} not met yet (screen 2); you may still export and look.`, color: 'yellow' }
        : { text: `${SYMBOL.pass} every checklist item is met`, color: 'green' },
  );
  if (send.refusals?.length) {
    // The same refusals export itself makes: seen before pressing x, each with what fixes it.
    out.push({ text: '' }, { text: 'Export would refuse', bold: true, color: 'red' });
    for (const r of send.refusals) {
      for (const [i, l] of wrap(r.text, s.width - 4).entries())
        out.push({ text: `${i ? '    ' : `  ${SYMBOL.fail} `}${l}`, color: r.forceable ? 'yellow' : 'red' });
      if (r.fix) for (const l of wrap(`fix: ${r.fix}`, s.width - 6, '    ')) out.push({ text: l });
      if (r.forceable) out.push({ text: '    x exports anyway once you have read this (forced)', dim: true });
    }
  }
  out.push({ text: '' }, { text: 'Export', bold: true, color: 'cyan' });
  out.push([{ text: '  directory  ', dim: true }, { text: send.exportDir }]);
  if (send.exported.length) for (const f of send.exported) out.push({ text: `  ${f.slice(f.lastIndexOf('/') + 1)}` });
  else out.push({ text: '  not exported yet: x exports the cover letter and patches', dim: true });
  out.push({ text: '' }, { text: 'Command', bold: true, color: 'cyan' });
  if (send.command) for (const l of send.command.split('\n')) for (const w of wrap(l, s.width - 4, '  ')) out.push({ text: w });
  else out.push({ text: '  appears after the export; w writes it to a file', dim: true });
  out.push({ text: '' }, { text: 'Versions', bold: true, color: 'cyan' });
  if (!send.sent.length) out.push({ text: `  v${s.data.series.version} not sent yet: s marks it sent after you sent it`, dim: true });
  for (const v of send.sent) out.push({ text: `  v${v.version}  ${v.tag}  ${v.date}${v.messageId ? `  ${v.messageId}` : ''}` });
  if (send.sent.length) out.push({ text: `  now preparing v${s.data.series.version}`, bold: true });
  if (send.threadToPrevious !== undefined) {
    const on = s.thread ?? send.threadToPrevious;
    const prev = send.sent.at(-1);
    const name = `v${prev?.version ?? s.data.series.version - 1}`;
    const chosen = s.thread !== undefined && s.thread !== send.threadToPrevious ? ' (chosen; recorded at the next export)' : '';
    const how = on
      ? `replies to ${name}'s cover letter${prev?.messageId ? ` ${prev.messageId}` : ''}${chosen}; t starts a new thread instead`
      : `a new thread whose cover letter links ${name}${prev?.messageId ? ` ${prev.messageId}` : ''}${chosen}; t replies to ${name} instead`;
    for (const [i, l] of wrap(`threading: ${how}`, s.width - 4).entries()) out.push({ text: `${i ? '    ' : '  '}${l}` });
  }
  return out;
}

export function SendScreen({ s, height }: { s: UiState; height: number }) {
  if (s.data.send === undefined)
    return (
      <Lines
        lines={[s.loadError ? { text: `could not load: ${s.loadError}`, color: 'red' } : { text: 'loading…', dim: true }]}
        height={height}
        width={s.width}
      />
    );
  if (!s.data.send) return <Lines lines={[{ text: 'sending is not available in this build', dim: true }]} height={height} width={s.width} />;
  return <Lines lines={sendLines(s)} height={height} scroll={s.scroll.send} width={s.width} />;
}
