/**
 * Handing the terminal to $EDITOR and back. The editor is resolved before
 * the screen is given up, and run synchronously, so that no frame of the
 * TUI can be drawn over the editor or onto the normal screen meanwhile.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanupEdited, resolveEditor } from '../editor.js';
import { UsageError } from '../errors.js';
import type { Git } from '../git.js';

export interface TerminalHooks {
  /** Leave the alternate screen and raw mode; `resume` takes them back. */
  release(): void;
  resume(): void;
}

export const NO_TERMINAL: TerminalHooks = { release() {}, resume() {} };

export async function editInTerminal(git: Git, text: string, header: string, hooks: TerminalHooks): Promise<string> {
  const editor = await resolveEditor(git);
  const dir = mkdtempSync(join(tmpdir(), 'patchpilot-edit-'));
  const file = join(dir, 'PATCHPILOT_EDIT.txt');
  try {
    const written = `${text}${text.endsWith('\n') || !text ? '' : '\n'}${header}`;
    writeFileSync(file, written);
    if (editor !== ':') {
      hooks.release();
      let r;
      try {
        r = spawnSync('sh', ['-c', `${editor} "$@"`, editor, file], { stdio: 'inherit', cwd: git.dir });
      } finally {
        hooks.resume();
      }
      if (r.error) throw new UsageError(`cannot run the editor "${editor}": ${r.error.message}`);
      if (r.status !== 0) throw new UsageError(`the editor "${editor}" exited with ${r.status === null ? `signal ${r.signal}` : `status ${r.status}`}; nothing was changed`);
    }
    return cleanupEdited(readFileSync(file, 'utf8'), written);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
