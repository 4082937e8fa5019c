/**
 * Handing the terminal to $EDITOR and back. The editor is resolved before
 * the screen is given up, and run synchronously, so that no frame of the
 * TUI can be drawn over the editor or onto the normal screen meanwhile.
 */
import { editText, type EditorHooks } from '../../src/editor.js';
import type { Git } from '../../src/git/git.js';

/** Leave the alternate screen and raw mode; `resume` takes them back. */
export type TerminalHooks = EditorHooks;

export const NO_TERMINAL: TerminalHooks = { release() {}, resume() {} };

export async function editInTerminal(git: Git, text: string, header: string, hooks: TerminalHooks): Promise<string> {
  return editText(git, `${text}${text.endsWith('\n') || !text ? '' : '\n'}${header}`, 'PATCHPILOT_EDIT.txt', hooks);
}
