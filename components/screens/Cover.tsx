/**
 * Cover letter: the three things the submitter writes (title, body, this
 * version's changelog) and a preview of the letter as it will be sent,
 * updated as they type.
 */
import { Box } from 'ink';
import { Lines, type Line, type Seg } from '../Lines.js';
import type { CoverView } from '../view-data.js';
import type { UiState } from '../ui-state.js';
import { ListPane } from './common.js';

const FIELDS = ['title', 'body', 'changes'] as const;

/** The preview with the text being typed in place of the saved one. */
export function livePreview(cover: CoverView, field: (typeof FIELDS)[number] | undefined, text: string | undefined): string {
  if (!field || text === undefined) return cover.preview;
  const old = cover[field];
  if (old && cover.preview.includes(old)) return cover.preview.replace(old, text);
  // Before anything is written, git's placeholders stand where the text will go.
  const placeholder = field === 'title' ? '*** SUBJECT HERE ***' : field === 'body' ? '*** BLURB HERE ***' : undefined;
  if (!old && placeholder && cover.preview.includes(placeholder)) return cover.preview.split(placeholder).join(text || placeholder);
  return cover.preview;
}

export function CoverScreen({ s, height }: { s: UiState; height: number }) {
  const cover = s.data.cover;
  if (cover === undefined)
    return (
      <Lines
        lines={[s.loadError ? { text: `could not load the cover letter: ${s.loadError}`, color: 'red' } : { text: 'loading the cover letter…', dim: true }]}
        height={height}
        width={s.width}
      />
    );
  if (!cover) return <Lines lines={[{ text: 'the cover letter is not available in this build', dim: true }]} height={height} width={s.width} />;
  const v = s.data.series.version;
  const firstLine = (t: string) => {
    const l = t.trim().split('\n')[0] ?? '';
    const more = t.trim().split('\n').length > 1 ? ' …' : '';
    return l ? l + more : '';
  };
  const rows: Seg[][] = [
    [{ text: 'Title    ', bold: true }, cover.title ? { text: cover.title } : { text: '(none: t writes it)', color: 'yellow' }],
    [{ text: 'Body     ', bold: true }, cover.body.trim() ? { text: firstLine(cover.body) } : { text: '(empty: b writes it)', color: 'yellow' }],
    [
      { text: `Changes  `, bold: true },
      cover.changes.trim()
        ? { text: firstLine(cover.changes) }
        : { text: v > 1 ? `(what changed in v${v}: c writes it)` : '(v1: none needed)', dim: v === 1, color: v > 1 ? 'yellow' : undefined },
    ],
  ];
  const editing = s.edit?.target.kind === 'cover' ? s.edit.target.field : undefined;
  const preview = livePreview(cover, editing, s.edit?.buf.text);
  const lines: Line[] = preview.split('\n').map((l) => ({ text: l.replace(/\t/g, '        ') }));
  const previewH = Math.max(1, height - 4);
  const prefixNote = cover.prefixes.length ? ` · prefixes ${cover.prefixes.join(' ')} (p)` : ' · p sets prefixes';
  const title = cover.separate ? `preview${prefixNote}` : 'single patch: this text goes below the --- of the patch';
  return (
    <Box flexDirection="column" height={height} width={s.width}>
      <ListPane rows={rows} cursor={s.cursor.cover} height={3} width={s.width} />
      <Lines lines={[{ text: `── ${title} ${'─'.repeat(Math.max(0, s.width - title.length - 4))}`, dim: true }]} height={1} width={s.width} />
      <Lines lines={lines} height={previewH} scroll={s.scroll.cover} width={s.width} />
    </Box>
  );
}
