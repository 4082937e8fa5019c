/**
 * The only module that runs git. Everything else asks it for output.
 * Every call is one spawned git process. simple-git used to sit here; it is
 * not used because git must run exactly as the user's own git would, and
 * simple-git 4.1 removes GIT_DIR, GIT_CONFIG_GLOBAL, GIT_AUTHOR_* and other
 * GIT_* variables from the environment it passes on (so a hermetic or
 * per-project git config is silently replaced by ~/.gitconfig), waits 50 ms
 * after every call that prints nothing, and cannot feed stdin.
 * At most a few git processes run at once: independent calls can be started
 * together without flooding a small machine.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

/** Options every call gets, so user config cannot change what we parse. */
const FIXED = ['-c', 'core.quotePath=false', '-c', 'i18n.logOutputEncoding=UTF-8', '-c', 'log.showSignature=false', '-c', 'color.ui=false'];

/** Git processes running at once; more wait for a free slot. */
const MAX_RUNNING = 4;

export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
    readonly code: number | null,
  ) {
    super(`git ${args.join(' ')} failed${code === null ? '' : ` (exit ${code})`}: ${stderr.trim().split('\n')[0] ?? ''}`);
    this.name = 'GitError';
  }
}

export interface RunOptions {
  input?: string | Buffer;
  env?: Record<string, string | undefined>;
  /** Exit codes that are not failures (e.g. 1 for `git config --get` when unset). */
  okCodes?: number[];
}

export interface RunResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

const earlyKey = (args: readonly string[], okCodes?: number[]) => `${args.join('\0')}\0\0${okCodes?.join(',') ?? ''}`;

let found: { path: string; program: string } | undefined;

/**
 * git's absolute path, looked up once per PATH: spawning a bare 'git' makes libuv try execve in every PATH
 * directory before the right one (nine failed tries per call on a typical developer's PATH). With a relative
 * entry in PATH, or when none holds git, the bare name is spawned as before.
 */
function gitProgram(): string {
  const path = process.env.PATH ?? '';
  if (found?.path === path) return found.program;
  let program = 'git';
  const dirs = path.split(':');
  if (dirs.every((d) => isAbsolute(d))) {
    for (const d of dirs) {
      const p = join(d, 'git');
      try {
        accessSync(p, constants.X_OK);
        if (!statSync(p).isFile()) continue;
        program = p;
        break;
      } catch {
        // Not in this directory.
      }
    }
  }
  found = { path, program };
  return program;
}

let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_RUNNING) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

export class Git {
  /** Calls started ahead of need (prefetch), by arguments: the first matching call takes the answer over. */
  private readonly early = new Map<string, Promise<RunResult>>();

  constructor(readonly dir: string) {}

  /**
   * Start a read-only call now, while other work goes on; the first later call
   * with the same arguments and exit codes takes its answer instead of running
   * git again. A call nobody asks for costs one git process, nothing else.
   * Resolves to stdout, or null when git failed.
   */
  prefetch(args: readonly string[], okCodes?: number[]): Promise<string | null> {
    const key = earlyKey(args, okCodes);
    let p = this.early.get(key);
    if (!p) {
      p = this.exec(args, okCodes ? { okCodes } : {});
      this.early.set(key, p);
    }
    return p.then(
      (r) => r.stdout.toString('utf8'),
      () => null,
    );
  }

  /** Run git and return stdout as text. Throws GitError on failure. */
  async run(args: readonly string[], opts: RunOptions = {}): Promise<string> {
    const r = await this.exec(args, opts);
    return r.stdout.toString('utf8');
  }

  /** Run git; null instead of an exception when it fails. */
  async tryRun(args: readonly string[], opts: RunOptions = {}): Promise<string | null> {
    try {
      return await this.run(args, opts);
    } catch (e) {
      if (e instanceof GitError) return null;
      throw e;
    }
  }

  /** Spawn git with full control over stdin and environment; stdout as bytes. */
  exec(args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
    if (this.early.size && opts.input === undefined && opts.env === undefined) {
      const key = earlyKey(args, opts.okCodes);
      const p = this.early.get(key);
      if (p) {
        this.early.delete(key);
        return p;
      }
    }
    return slot(() => this.spawnGit(args, opts));
  }

  private spawnGit(args: readonly string[], opts: RunOptions): Promise<RunResult> {
    return new Promise((resolve, reject) => {
      let env: NodeJS.ProcessEnv = process.env;
      if (opts.env) {
        env = { ...process.env, ...opts.env };
        for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
      }
      const child = spawn(opts.env?.PATH === undefined ? gitProgram() : 'git', [...FIXED, ...args], {
        cwd: this.dir,
        env,
        stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout!.on('data', (b: Buffer) => out.push(b));
      child.stderr!.on('data', (b: Buffer) => err.push(b));
      child.on('error', (e) => reject(new GitError(args, e.message, null)));
      child.on('close', (code) => {
        const res = { stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8'), code: code ?? -1 };
        if (code === 0 || (code !== null && opts.okCodes?.includes(code))) resolve(res);
        else reject(new GitError(args, res.stderr, code));
      });
      if (child.stdin) {
        child.stdin.on('error', () => {});
        child.stdin.end(opts.input);
      }
    });
  }
}
