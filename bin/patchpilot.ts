#!/usr/bin/env node
/**
 * The patchpilot entry: global options, subcommand dispatch, one-line errors.
 * ink is imported only when the TUI is shown, so subcommands start fast.
 */
import { writeSync } from 'node:fs';
import { join } from 'node:path';
import { isatty } from 'node:tty';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../src/errors.js';
import { colorWanted, paint } from './paint.js';
import type { Context } from './cli.js';
import { COMMANDS } from './registry.js';
import { VERSION } from './version.js';
import { requireWithCodeCache } from './code-cache.js';

const hooks = globalThis as {
  __ppLoadCommand?: (rel: string) => unknown;
  __ppLoadTui?: () => Promise<unknown>;
  __ppLoadInk?: () => Promise<unknown>;
  __ppYoga?: unknown;
};
// The bundle (scripts/build.mjs) loads each subcommand's file through this hook: with V8's code cache.
hooks.__ppLoadCommand = (rel) => requireWithCodeCache(join(__dirname, rel));
// The TUI draws its first frames without ink (dist/tui.js), then loads ink's part (dist/tui-ink.js). Both are CommonJS,
// but yoga (under ink) awaits its WebAssembly at the top level, which only an ES module may: yoga.mjs is imported first
// (a real import(), which esbuild would turn into require()) and handed over.
hooks.__ppLoadTui = async () => requireWithCodeCache(join(__dirname, 'tui.js'));
hooks.__ppLoadInk = async () => {
  const importEsm = new Function('url', 'return import(url)') as (url: string) => Promise<{ default: unknown }>;
  hooks.__ppYoga ??= (await importEsm(pathToFileURL(join(__dirname, 'yoga.mjs')).href)).default;
  return requireWithCodeCache(join(__dirname, 'tui-ink.js'));
};

const GLOBAL_HELP = `patchpilot ${VERSION}: prepare a Linux kernel patch series for e-mail

Usage: patchpilot [--repo DIR] [--base REF]          the TUI (the check report without a terminal)
       patchpilot COMMAND [OPTIONS]

Commands:
${Object.entries(COMMANDS)
  .map(([n, c]) => `  ${n.padEnd(12)} ${c.summary}`)
  .join('\n')}

Global options:
  --repo DIR     the repository (default: the current directory)
  --base REF     the series base (default: the branch's upstream, else the merge-base
                 with origin/HEAD, origin/master, origin/main, master or main)
  --json         machine-readable output
  --no-color     no colours (NO_COLOR is honoured too)
  -h, --help     help for patchpilot or for a command
  --version      print the version

Exit codes: 0 success; 1 check found open or failing items; 2 usage or repository errors.
`;

/** Pull global options that precede the command name out of argv. */
function splitGlobals(argv: string[]): {
  globals: Partial<Record<'repo' | 'base', string>> & { json?: boolean; noColor?: boolean; help?: boolean; version?: boolean };
  rest: string[];
} {
  const globals: ReturnType<typeof splitGlobals>['globals'] = {};
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (name === '--repo' || name === '--base') {
      const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      globals[name.slice(2) as 'repo' | 'base'] = v;
    } else if (a === '--json') globals.json = true;
    else if (a === '--no-color') globals.noColor = true;
    else if (a === '--help' || a === '-h') globals.help = true;
    else if (a === '--version' || a === '-V') globals.version = true;
    else break;
  }
  return { globals, rest: argv.slice(i) };
}

/**
 * Write to file descriptor 1 without creating process.stdout (and process.stdin for isTTY): those streams cost a
 * few ms of module loading and setup that a command printing its answer does not need. A pipe another process
 * made non-blocking is waited for; a reader that went away (`patchpilot series | head`) ends the process quietly.
 */
function writeOut(text: string): void {
  const buf = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(1, buf, off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
      else if (code === 'EPIPE') process.exit(0);
      else throw e;
    }
  }
}

export async function main(argv: string[]): Promise<number> {
  const { globals, rest } = splitGlobals(argv);
  if (globals.version) {
    writeOut(`patchpilot ${VERSION}\n`);
    return 0;
  }
  const color = colorWanted({ isTTY: isatty(1) }, Boolean(globals.noColor));
  const ctx: Context = {
    repoDir: globals.repo ?? process.cwd(),
    base: globals.base,
    json: Boolean(globals.json),
    color,
    paint: paint(color),
    out: (t) => writeOut(t.endsWith('\n') || t === '' ? t : `${t}\n`),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    interactive: isatty(0) && isatty(1),
  };
  const [name, ...args] = rest;
  if (name === undefined || name === 'tui') {
    if (globals.help) {
      writeOut(GLOBAL_HELP);
      return 0;
    }
    const { runDefault } = await import('./default.js');
    return runDefault(ctx, args);
  }
  if (name === 'help') {
    const topic = args[0] && COMMANDS[args[0]];
    if (topic) return (await topic.load()).default.run(['--help'], ctx);
    writeOut(GLOBAL_HELP);
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) throw new UsageError(`unknown command '${name}' (see patchpilot --help)`);
  const cmd = (await entry.load()).default;
  return cmd.run(globals.help ? ['--help', ...args] : args, ctx);
}

function report(e: unknown): number {
  // Matched by name: each command is bundled with its own copy of UsageError (scripts/build.mjs).
  if (e instanceof UsageError || (e instanceof Error && e.name === 'UsageError')) {
    process.stderr.write(`patchpilot: ${e.message}\n`);
    return (e as UsageError).exitCode ?? 2;
  }
  // Matched by name so that this entry does not load src/git/git.ts for --help.
  if (e instanceof Error && e.name === 'GitError') {
    process.stderr.write(`patchpilot: ${e.message}\n`);
    return 2;
  }
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`patchpilot: internal error: ${msg.split('\n')[0]} (set PATCHPILOT_DEBUG=1 for details)\n`);
  if (process.env.PATCHPILOT_DEBUG) process.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
  return 70;
}

/**
 * Exit as soon as the command is done. Everything it prints is written synchronously (writeOut; stderr on Linux), the
 * 'exit' handlers still run (the code cache is saved there), and no work is left behind but a git process started
 * ahead of time for an answer that was not needed. Letting node wind down on its own took 6-19 ms more on a kernel
 * tree (tearing down a heap that has read MAINTAINERS and the patches).
 */
function exit(code: number): never {
  process.exitCode = code;
  process.exit();
}

main(process.argv.slice(2)).then(exit, (e) => exit(report(e)));
