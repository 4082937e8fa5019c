/**
 * The only module that runs git. Everything else asks it for output.
 * Plain commands go through simple-git; commands that need stdin, binary
 * output or a custom environment are spawned directly (simple-git cannot
 * feed stdin).
 */
import { spawn } from 'node:child_process';
import { simpleGit, type SimpleGit } from 'simple-git';

/** Options every call gets, so user config cannot change what we parse. */
const FIXED = ['-c', 'core.quotePath=false', '-c', 'i18n.logOutputEncoding=UTF-8', '-c', 'log.showSignature=false', '-c', 'color.ui=false'];

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

export class Git {
  private sg: SimpleGit | undefined;
  constructor(readonly dir: string) {}

  private simple(): SimpleGit {
    this.sg ??= simpleGit({ baseDir: this.dir, maxConcurrentProcesses: 4, config: [] });
    return this.sg;
  }

  /** Run git and return stdout as text. Throws GitError on failure. */
  async run(args: readonly string[], opts: RunOptions = {}): Promise<string> {
    if (opts.input === undefined && opts.env === undefined && opts.okCodes === undefined) {
      try {
        return await this.simple().raw([...FIXED, ...args]);
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        throw new GitError(args, msg, null);
      }
    }
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
    return new Promise((resolve, reject) => {
      const env = { ...process.env, ...opts.env };
      for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
      const child = spawn('git', [...FIXED, ...args], { cwd: this.dir, env, stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      child.on('error', (e) => reject(new GitError(args, e.message, null)));
      child.on('close', (code) => {
        const res = { stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8'), code: code ?? -1 };
        if (code === 0 || (code !== null && opts.okCodes?.includes(code))) resolve(res);
        else reject(new GitError(args, res.stderr, code));
      });
      child.stdin.on('error', () => {});
      if (opts.input !== undefined) child.stdin.end(opts.input);
      else child.stdin.end();
    });
  }
}
