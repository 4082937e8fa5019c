/**
 * Long text in the user's editor from a full-screen face: the editor is
 * resolved before the screen is given up, and run synchronously, so that no
 * frame can be drawn over the editor or onto the normal screen meanwhile.
 */
import { editText, type EditorHooks } from '../editor.js';
import type { Git } from '../git/git.js';

/** Leave the alternate screen and raw mode; `resume` takes them back. */
export type TerminalHooks = EditorHooks;

export const NO_TERMINAL: TerminalHooks = { release() {}, resume() {} };

/** `header` goes below the text (a scissors block with help); what the user wrote above it comes back. */
export async function editInTerminal(git: Git, text: string, header: string, hooks: TerminalHooks): Promise<string> {
  return editText(git, `${text}${text.endsWith('\n') || !text ? '' : '\n'}${header}`, 'PATCHPILOT_EDIT.txt', hooks);
}
