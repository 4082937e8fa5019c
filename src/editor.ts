/**
 * Long text edited in the user's editor, chosen exactly as git chooses it:
 * `git var GIT_EDITOR` applies $GIT_EDITOR, core.editor, $VISUAL (unless the
 * terminal is dumb), $EDITOR, then vi. The editor string is run through the
 * shell like git does, so "code --wait" or an editor with arguments works.
 * The instructions for the user go below a scissors line, and everything
 * from that line on is removed, as `git commit --cleanup=scissors` does:
 * text above it is kept as written, so a body quoting `#include <...>` or a
 * "# comment" survives (stripping every '#' line, as git's default cleanup
 * does, would eat those).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './errors.js';
import { makeTempDir, removeTempDir } from './store/temp-dir.js';
import type { Git } from './git/git.js';

export async function resolveEditor(git: Git): Promise<string> {
  // Through exec, not simple-git: simple-git drops GIT_EDITOR from the environment it passes on.
  const out = await git.exec(['var', 'GIT_EDITOR']).then(
    (r) => r.stdout.toString('utf8'),
    () => null,
  );
  const editor = out?.trim();
  if (!editor) throw new UsageError('no editor configured: set GIT_EDITOR, core.editor, VISUAL or EDITOR');
  return editor;
}

/** git's scissors line (with its default comment character): it and everything below it is removed. */
export const SCISSORS = '# ------------------------ >8 ------------------------';

/** The scissors line and the instructions below it, for the end of a file to edit. */
export function scissorsBlock(help: readonly string[]): string {
  const lines = [
    SCISSORS,
    '# Do not modify or remove the line above.',
    "# Everything below it is ignored; the text above it is kept as written, '#' lines too.",
    ...help.map((l) => (l ? `# ${l}` : '#')),
  ];
  return `${lines.join('\n')}\n`;
}

function whitespaceCleanup(lines: readonly string[]): string {
  return lines
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+/, '')
    .trimEnd();
}

/**
 * The text the user saved: everything above the scissors line, trailing
 * spaces and extra blank lines removed. When the scissors line was deleted,
 * the instruction lines we wrote (`written`, the file as it was opened) are
 * removed one by one instead, and every other line is kept.
 */
export function cleanupEdited(saved: string, written = ''): string {
  const lines = saved.replace(/\r\n/g, '\n').split('\n');
  const at = lines.findIndex((l) => l.trimEnd() === SCISSORS);
  if (at >= 0) return whitespaceCleanup(lines.slice(0, at));
  const w = written.replace(/\r\n/g, '\n').split('\n');
  const from = w.findIndex((l) => l === SCISSORS);
  const ours = new Set(from < 0 ? [] : w.slice(from).filter((l) => l.startsWith('#')));
  return whitespaceCleanup(lines.filter((l) => !ours.has(l.trimEnd())));
}

/**
 * Remove '#' comment lines, trailing blank lines and trailing spaces, as git's
 * default cleanup does; with a scissors line, only what is below it goes.
 */
export function stripComments(text: string): string {
  if (text.split(/\r?\n/).some((l) => l.trimEnd() === SCISSORS)) return cleanupEdited(text);
  const lines = text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .map((l) => l.replace(/\s+$/, ''));
  const joined = lines.join('\n').replace(/\n{3,}/g, '\n\n');
  return joined.trim();
}

/** Called around the editor run, so a full-screen caller can hand the terminal over and take it back. */
export interface EditorHooks {
  release(): void;
  resume(): void;
}

/**
 * Let the user edit `text` (ending with a scissorsBlock) and return what they
 * saved above the scissors line (cleanupEdited). `fileName` shows in the editor's title bar.
 */
export async function editText(git: Git, text: string, fileName = 'PATCHPILOT_EDIT.txt', hooks?: EditorHooks): Promise<string> {
  const editor = await resolveEditor(git);
  const dir = makeTempDir('patchpilot-edit-');
  const file = join(dir, fileName);
  try {
    writeFileSync(file, text);
    if (editor !== ':') {
      hooks?.release();
      let r;
      try {
        r = spawnSync('sh', ['-c', `${editor} "$@"`, editor, file], { stdio: 'inherit', cwd: git.dir });
      } finally {
        hooks?.resume();
      }
      if (r.error) throw new UsageError(`cannot run the editor "${editor}": ${r.error.message}`);
      if (r.status !== 0)
        throw new UsageError(`the editor "${editor}" exited with ${r.status === null ? `signal ${r.signal}` : `status ${r.status}`}; nothing was changed`);
    }
    return cleanupEdited(readFileSync(file, 'utf8'), text);
  } finally {
    removeTempDir(dir);
  }
}
