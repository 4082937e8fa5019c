// Placeholder until the TUI issue lands.
import { readSeries } from '../src/series.js';
import type { Context } from './cli.js';
import { COMMANDS } from './registry.js';

export async function runTui(ctx: Context, args: string[]): Promise<number> {
  await readSeries({ repoDir: ctx.repoDir, base: ctx.base });
  return (await COMMANDS.series!.load()).default.run(args, ctx);
}
