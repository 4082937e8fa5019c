/**
 * The Cover letter and Send screens' data: the letter as export will write
 * it (src/export.ts renderCover), the text the submitter wrote, the last
 * export and the versions already sent.
 */
import { join } from 'node:path';
import type { CoverView, SendView } from '../view-data.js';
import { coverPrefixes, coverText } from '../../src/letter/cover.js';
import { renderCover } from '../../src/letter/export.js';
import type { Series } from '../../src/series/read.js';
import type { BranchState } from '../../src/store/state.js';

export async function coverView(series: Series, state: BranchState): Promise<CoverView> {
  const [r, text] = await Promise.all([renderCover(series, state), coverText(series.repo, series, state)]);
  return {
    separate: !r.single,
    subject: r.subject,
    title: text.title,
    body: text.body,
    changes: state.cover.changes[String(series.version)] ?? '',
    prefixes: coverPrefixes(series, state),
    preview: r.single ? r.text : `Subject: ${r.subject}\n\n${r.text}`,
  };
}

export function defaultExportDir(series: Series): string {
  const name = `${(series.branch ?? 'HEAD').replace(/[^A-Za-z0-9._-]+/g, '-')}-v${series.version}`;
  return join(series.repo.root, 'outgoing', name);
}

export function sendView(series: Series, state: BranchState, command?: string): SendView {
  const exported = state.exported && state.exported.version === series.version ? state.exported : undefined;
  return {
    exportDir: exported?.dir ?? defaultExportDir(series),
    exported: exported ? exported.files : [],
    ...(command ? { command } : {}),
    sent: state.sent.map((s) => ({ version: s.version, tag: s.tag, date: s.date.slice(0, 10) })),
  };
}
