/** Handing the terminal to $EDITOR and back: src/ops/edit.ts does it; the TUI passes its screen hooks. */
export { editInTerminal, NO_TERMINAL, type TerminalHooks } from '../../src/ops/edit.js';
