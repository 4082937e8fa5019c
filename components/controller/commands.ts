/**
 * Running a subcommand in-process with its output captured. Where a
 * command holds the orchestration (cover, export, send-cmd, sent), the TUI
 * runs the command itself rather than a copy of its logic, so both
 * interfaces always do the same thing. Usage errors propagate as they are.
 */
import type { Context } from '../../bin/cli.js';
import { COMMANDS } from '../../bin/registry.js';
import { UsageError } from '../../src/errors.js';
import { paint } from '../../bin/paint.js';

export interface Captured {
  code: number;
  out: string;
  err: string;
}

export async function runCommand(name: string, args: string[], where: { repoDir: string; base?: string }, json = false): Promise<Captured> {
  const entry = COMMANDS[name];
  if (!entry) throw new UsageError(`${name}: not available in this build`);
  let out = '';
  let err = '';
  const ctx: Context = {
    repoDir: where.repoDir,
    base: where.base,
    json,
    color: false,
    paint: paint(false),
    out: (t) => (out += t.endsWith('\n') || t === '' ? t : `${t}\n`),
    err: (t) => (err += t.endsWith('\n') ? t : `${t}\n`),
    // $EDITOR goes through the TUI's own terminal hand-over, never through a command.
    interactive: false,
  };
  const cmd = (await entry.load()).default;
  const code = await cmd.run(args, ctx);
  return { code, out, err };
}

/** The last meaningful line a command printed, for the status line. */
export function lastLine(c: Captured): string {
  const lines = `${c.out}\n${c.err}`
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines[0] ?? '';
}
