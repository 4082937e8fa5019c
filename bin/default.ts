/**
 * The bare command: the TUI on a terminal, the check report otherwise
 * (so scripts and CI get text instead of a raw-mode failure).
 */
import type { Context } from './cli.js';

export async function runDefault(ctx: Context, args: string[]): Promise<number> {
  if (ctx.interactive && !ctx.json) {
    const { runTui } = await import('./tui.js');
    return runTui(ctx, args);
  }
  // The check command itself, not the command table: demo runs this too, and the table lists demo.
  const check = (await import('./commands/check.js')).default;
  return check.run(args, ctx);
}
