/**
 * The subcommands, loaded on demand so that `patchpilot series` never pays
 * for the modules of `patchpilot check` or for ink.
 */
import type { Command } from './cli.js';

export const COMMANDS: Record<string, { summary: string; load: () => Promise<{ default: Command }> }> = {
  series: { summary: 'the branch as read: base, commits, trailers, files', load: () => import('./commands/series.js') },
  maintainers: { summary: 'drop-in for scripts/get_maintainer.pl', load: () => import('./commands/maintainers.js') },
  cc: { summary: 'who receives the series, with the reasons', load: () => import('./commands/cc.js') },
  check: { summary: 'the acceptance report (exit 1 while something is open or failing)', load: () => import('./commands/check.js') },
  answer: { summary: 'answer or confirm an acceptance item', load: () => import('./commands/answer.js') },
  trailers: { summary: 'add, import and undo review trailers (rewrites the branch safely)', load: () => import('./commands/trailers.js') },
  cover: { summary: 'set and print the cover letter', load: () => import('./commands/cover.js') },
  export: { summary: 'write the cover letter and patches with their mail headers', load: () => import('./commands/export.js') },
  'send-cmd': { summary: 'print the git send-email command for the exported files', load: () => import('./commands/send-cmd.js') },
  sent: { summary: 'record that this version went out and start the next one', load: () => import('./commands/sent.js') },
  deps: { summary: 'record the prerequisite series the branch is built on', load: () => import('./commands/deps.js') },
  demo: { summary: 'make the bundled demo repository and open patchpilot on it', load: () => import('./commands/demo.js') },
};
