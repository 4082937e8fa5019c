/**
 * What every command receives, and the argument parser they share. Global
 * options (--repo, --base, --json, --no-color) are accepted before or after
 * the command name.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../src/errors.js';
import { paint, type Paint } from './paint.js';

export interface Context {
  repoDir: string;
  base?: string;
  json: boolean;
  color: boolean;
  paint: Paint;
  out: (text: string) => void;
  err: (text: string) => void;
  /** True when stdin and stdout are terminals (the TUI and $EDITOR are possible). */
  interactive: boolean;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], ctx: Context): Promise<number>;
}

export const GLOBAL_OPTIONS = {
  repo: { type: 'string' },
  base: { type: 'string' },
  json: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

type Options = NonNullable<ParseArgsConfig['options']>;

/** util.parseArgs with the global options added; its errors become usage errors. */
export function parseCommandArgs<O extends Options>(cmd: string, args: string[], options: O, allowPositionals = true) {
  try {
    return parseArgs({ args, options: { ...GLOBAL_OPTIONS, ...options }, allowPositionals, strict: true });
  } catch (e) {
    const msg = (e as Error).message.replace(/\. To specify a positional argument.*$/, '').replace(/^Unknown option/, 'unknown option');
    throw new UsageError(`${cmd}: ${msg} (see patchpilot ${cmd} --help)`);
  }
}

export function withGlobals(ctx: Context, values: { repo?: unknown; base?: unknown; json?: unknown; 'no-color'?: unknown }): Context {
  const color = values['no-color'] ? false : ctx.color;
  return {
    ...ctx,
    repoDir: typeof values.repo === 'string' ? values.repo : ctx.repoDir,
    base: typeof values.base === 'string' ? values.base : ctx.base,
    json: Boolean(values.json) || ctx.json,
    color,
    paint: paint(color),
  };
}
