/**
 * What every command receives and the helpers they share: the argument
 * parser, opening the branch, printing JSON. A command parses its options,
 * calls an operation of src/ops, and prints what comes back. Global options
 * (--repo, --base, --json, --no-color) are accepted before or after the
 * command name.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../src/errors.js';
import { openBranch, openOnBranch, type OnBranch, type Opened, type OpenOptions } from '../src/ops/branch.js';
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

/**
 * Options that take free text (a title, a changelog line, an address) take
 * the next argument whatever it starts with, as git's -m does: a changelog
 * line is often "- Fixed ...", which parseArgs alone refuses as ambiguous.
 */
function bindFreeText(args: string[], options: Options, freeText: readonly string[]): string[] {
  if (!freeText.length) return args;
  const shorts = new Map<string, string>(Object.entries(options).flatMap(([name, o]) => (o.short ? [[`-${o.short}`, name] as const] : [])));
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      out.push(...args.slice(i));
      break;
    }
    const name = a.startsWith('--') ? a.slice(2) : shorts.get(a);
    if (name !== undefined && freeText.includes(name) && i + 1 < args.length) {
      out.push(`--${name}=${args[++i]!}`);
      continue;
    }
    out.push(a);
  }
  return out;
}

/**
 * util.parseArgs with the global options added; its errors become usage
 * errors. `freeText` names the options whose value may start with '-'.
 */
export function parseCommandArgs<O extends Options>(
  cmd: string,
  args: string[],
  options: O,
  allowPositionals = true,
  freeText: readonly (keyof O & string)[] = [],
) {
  try {
    return parseArgs({ args: bindFreeText(args, options, freeText), options: { ...GLOBAL_OPTIONS, ...options }, allowPositionals, strict: true });
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

/** Where the command works: --repo and --base. */
export function whereOf(ctx: Context): OpenOptions {
  return { repoDir: ctx.repoDir, ...(ctx.base !== undefined ? { base: ctx.base } : {}) };
}

/** The branch opened for a command; with `why`, refused in the one wording while HEAD is detached. */
export function openFor(ctx: Context): Promise<Opened>;
export function openFor(ctx: Context, why: string): Promise<OnBranch>;
export function openFor(ctx: Context, why?: string): Promise<Opened> {
  return why === undefined ? openBranch(whereOf(ctx)) : openOnBranch(whereOf(ctx), why);
}

/** Every --json output goes through here: one shape of indentation, one trailing newline. */
export function printJson(ctx: Context, value: unknown): void {
  ctx.out(JSON.stringify(value, null, 2));
}
