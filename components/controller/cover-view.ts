/**
 * The Cover letter and Send screens' data: the letter as export will write
 * it (the cover op), the text the submitter wrote, the last export, what
 * export would refuse, the command, and the versions already sent.
 */
import { join } from 'node:path';
import type { CoverView, RefusalView, SendView } from '../view-data.js';
import type { CoverLetter } from '../../src/ops/cover.js';
import type { Series } from '../../src/series/read.js';
import type { BranchState } from '../../src/store/state.js';
import type { ExportGuard } from '../../src/letter/guards.js';
import { guardText } from './messages.js';

export function coverView(c: CoverLetter): CoverView {
  const r = c.rendered;
  return {
    separate: !r.single,
    subject: r.subject,
    title: c.text.title,
    body: c.text.body,
    changes: c.changes,
    prefixes: r.prepared.prefixes,
    preview: r.single ? r.text : `Subject: ${r.subject}\n\n${r.text}`,
  };
}

export function defaultExportDir(series: Series): string {
  const name = `${(series.branch ?? 'HEAD').replace(/[^A-Za-z0-9._-]+/g, '-')}-v${series.version}`;
  return join(series.repo.root, 'outgoing', name);
}

function refusal(g: ExportGuard): RefusalView {
  return { text: guardText(g), ...(g.forceable ? { forceable: true } : {}) };
}

export function sendView(series: Series, state: BranchState, command?: string, guards?: readonly ExportGuard[]): SendView {
  const exported = state.exported && state.exported.version === series.version ? state.exported : undefined;
  return {
    exportDir: exported?.dir ?? defaultExportDir(series),
    exported: exported ? exported.files : [],
    ...(command ? { command } : {}),
    sent: state.sent.map((s) => ({ version: s.version, tag: s.tag, date: s.date.slice(0, 10), ...(s.messageId ? { messageId: s.messageId } : {}) })),
    // Threading is a choice only once a previous version was sent.
    ...(state.sent.some((s) => s.version < series.version) ? { threadToPrevious: Boolean(state.threadToPrevious) } : {}),
    ...(guards ? { refusals: guards.map(refusal) } : {}),
  };
}
