/**
 * Hermetic git repositories for tests: fixed identities and dates, and the
 * user's own git configuration shut out (GIT_CONFIG_GLOBAL, GIT_CONFIG_NOSYSTEM).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { after } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// One empty file per user, reused by every test process (a directory per process piled up by the hundred).
const EMPTY_CONFIG = join(tmpdir(), `patchpilot-test-empty-gitconfig-${process.getuid?.() ?? 'user'}`);
writeFileSync(EMPTY_CONFIG, '');

/** The environment every git call and every patchpilot process in tests runs with. */
export const HERMETIC_ENV: Record<string, string> = {
  GIT_CONFIG_GLOBAL: EMPTY_CONFIG,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@test.example',
  GIT_COMMITTER_NAME: 'Test Author',
  GIT_COMMITTER_EMAIL: 'author@test.example',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00+00:00',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00+00:00',
  LC_ALL: 'C',
  TZ: 'UTC',
  NO_COLOR: '1',
};

// Tests in this process (src/ modules calling git) see the same environment.
Object.assign(process.env, HERMETIC_ENV);
delete process.env.GIT_DIR;
delete process.env.GIT_WORK_TREE;

export interface Person {
  name: string;
  email: string;
}

export class TestRepo {
  private tick = 0;
  constructor(readonly dir: string) {}

  git(args: string[], input?: string, env: Record<string, string> = {}): string {
    const r = spawnSync('git', args, { cwd: this.dir, input, env: { ...process.env, ...HERMETIC_ENV, ...env }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  }

  write(files: Record<string, string | Buffer | null>): void {
    for (const [p, c] of Object.entries(files)) {
      const full = join(this.dir, p);
      if (c === null) rmSync(full, { force: true });
      else {
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, c);
      }
    }
  }

  /** Write files, stage everything, commit; returns the new sha. Each commit is one minute later. */
  commit(message: string, files: Record<string, string | Buffer | null> = {}, opts: { author?: Person; allowEmpty?: boolean } = {}): string {
    this.write(files);
    this.git(['add', '-A']);
    this.tick++;
    const date = new Date(Date.UTC(2026, 0, 1, 0, this.tick)).toISOString();
    const env: Record<string, string> = { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
    if (opts.author) Object.assign(env, { GIT_AUTHOR_NAME: opts.author.name, GIT_AUTHOR_EMAIL: opts.author.email });
    this.git(['commit', '-q', '--no-verify', ...(opts.allowEmpty ? ['--allow-empty'] : []), '-F', '-'], message, env);
    return this.head();
  }

  head(): string {
    return this.git(['rev-parse', 'HEAD']).trim();
  }

  rm(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A new repository on branch master with one base commit, then checked out on `topic`. */
export function makeRepo(opts: { base?: Record<string, string>; branch?: string | null } = {}): TestRepo {
  const dir = mkdtempSync(join(tmpdir(), 'pp-repo-'));
  const repo = new TestRepo(dir);
  repo.git(['init', '-q', '-b', 'master']);
  repo.git(['config', 'user.name', HERMETIC_ENV.GIT_AUTHOR_NAME!]);
  repo.git(['config', 'user.email', HERMETIC_ENV.GIT_AUTHOR_EMAIL!]);
  repo.commit('base\n', opts.base ?? { README: 'base\n' });
  const branch = opts.branch === undefined ? 'topic' : opts.branch;
  if (branch) repo.git(['checkout', '-q', '-b', branch]);
  return repo;
}

const ROOT = join(dirname(new URL(import.meta.url).pathname), '..', '..');
export const CLI = join(ROOT, 'dist', 'patchpilot.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the built CLI (npm test builds it first) in the hermetic environment. */
export function runCli(args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string> } = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? process.cwd(),
    input: opts.input ?? '',
    env: { ...process.env, ...HERMETIC_ENV, ...opts.env },
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function gitOut(dir: string, args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env: { ...process.env, ...HERMETIC_ENV }, encoding: 'utf8' });
}

/**
 * Temporary directories and repositories a test file makes, removed when the
 * file's tests end. Call at the top level of the test file.
 */
export function scratch(prefix = 'pp-') {
  const dirs: string[] = [];
  const repos: TestRepo[] = [];
  after(() => {
    repos.forEach((r) => r.rm());
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });
  return {
    dir(): string {
      const d = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(d);
      return d;
    },
    /** Keep a repository made elsewhere for removal. */
    keep<R extends TestRepo>(r: R): R {
      repos.push(r);
      return r;
    },
  };
}
