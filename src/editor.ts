/**
 * Long text edited in the user's editor, chosen exactly as git chooses it:
 * `git var GIT_EDITOR` applies $GIT_EDITOR, core.editor, $VISUAL (unless the
 * terminal is dumb), $EDITOR, then vi. The editor string is run through the
 * shell like git does, so "code --wait" or an editor with arguments works.
 * Lines starting with '#' are instructions to the user and are stripped,
 * as git strips them from commit messages.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from './errors.js';
import type { Git } from './git.js';

export async function resolveEditor(git: Git): Promise<string> {
  // Through exec, not simple-git: simple-git drops GIT_EDITOR from the environment it passes on.
  const out = await git.exec(['var', 'GIT_EDITOR']).then((r) => r.stdout.toString('utf8'), () => null);
  const editor = out?.trim();
  if (!editor) throw new UsageError('no editor configured: set GIT_EDITOR, core.editor, VISUAL or EDITOR');
  return editor;
}

/** Remove '#' comment lines, trailing blank lines and trailing spaces, as git's default cleanup does. */
export function stripComments(text: string): string {
  const lines = text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .map((l) => l.replace(/\s+$/, ''));
  const joined = lines.join('\n').replace(/\n{3,}/g, '\n\n');
  return joined.trim();
}

/**
 * Let the user edit `text` (comment lines included) and return what they saved,
 * comments stripped. `fileName` shows in the editor's title bar.
 */
export async function editText(git: Git, text: string, fileName = 'PATCHPILOT_EDIT.txt'): Promise<string> {
  const editor = await resolveEditor(git);
  const dir = mkdtempSync(join(tmpdir(), 'patchpilot-edit-'));
  const file = join(dir, fileName);
  try {
    writeFileSync(file, text);
    if (editor !== ':') {
      const r = spawnSync('sh', ['-c', `${editor} "$@"`, editor, file], { stdio: 'inherit', cwd: git.dir });
      if (r.error) throw new UsageError(`cannot run the editor "${editor}": ${r.error.message}`);
      if (r.status !== 0) throw new UsageError(`the editor "${editor}" exited with ${r.status === null ? `signal ${r.signal}` : `status ${r.status}`}; nothing was changed`);
    }
    return stripComments(readFileSync(file, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
