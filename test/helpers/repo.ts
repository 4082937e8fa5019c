/**
 * Hermetic git repositories for tests: fixed identities and dates, and the
 * user's own git configuration shut out (GIT_CONFIG_GLOBAL, GIT_CONFIG_NOSYSTEM).
 *
 * Importing this module changes nothing in the test process. Every git and
 * patchpilot process a helper spawns gets its environment explicitly
 * (hermeticEnv()). A test file that calls src/ in-process (src/ runs git with the
 * process's environment) says so at its top with hermeticProcess().
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { after, before } from 'node:test';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from './paths.js';
import { scratchDirs, SYSTEM_TMP } from './scratch.js';

/** The variables every git call and every patchpilot process in tests runs with. */
export const HERMETIC_ENV: Readonly<Record<string, string>> = Object.freeze({
  // No global or system git configuration: the user's ~/.gitconfig must not change what tests see.
  GIT_CONFIG_GLOBAL: '/dev/null',
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
});

/**
 * Variables inherited from outside that would point git or patchpilot elsewhere
 * (GIT_DIR when the tests run from a git hook, a developer's PATCHPILOT_TIMING),
 * and NODE_EXTRA_CA_CERTS: with it every node process reads and parses a bundle of
 * TLS certificates at start (about 40 ms on a CA bundle of 140 certificates), which
 * nothing patchpilot does uses, in each of the hundreds of CLI runs.
 */
const FOREIGN = /^(GIT_|PATCHPILOT_|NODE_EXTRA_CA_CERTS$)/;

/** Set by scripts/run-tests.mjs: one directory for the whole run, which it removes at the end. */
const RUN_TMP = process.env.PATCHPILOT_TEST_TMP;
let processTmp: string | undefined = RUN_TMP;

/**
 * TMPDIR for what the tests run (patchpilot's caches, git's temporary files): the run's directory
 * (so the CLI's code cache and MAINTAINERS cache stay warm from one test file to the next), or
 * one per test process when a file runs alone; removed at the end, so a run leaves nothing in
 * the system's.
 */
function testTmp(): string {
  if (!processTmp) {
    const dir = mkdtempSync(join(SYSTEM_TMP, 'pp-tmp-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    processTmp = dir;
  }
  return processTmp;
}

/** The environment for a child process: the caller's, without foreign git/patchpilot variables, plus HERMETIC_ENV and `extra`. */
export function hermeticEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !FOREIGN.test(k)) env[k] = v;
  return { ...env, ...HERMETIC_ENV, TMPDIR: testTmp(), ...extra };
}

/**
 * For a test file that calls src/ in-process: make this process's environment
 * hermetic (src/ spawns git with it) while the file's tests run, from its first
 * hook to its last. Call it once, at the top level of the test file, before
 * its own hooks. (Hooks, not the file's top level: where test files share a
 * process, scripts/run-tests.mjs, every file's top level runs before any test.)
 */
export function hermeticProcess(): void {
  let saved: NodeJS.ProcessEnv = {};
  before(() => {
    saved = { ...process.env };
    for (const k of Object.keys(process.env)) if (FOREIGN.test(k)) delete process.env[k];
    Object.assign(process.env, HERMETIC_ENV, { TMPDIR: testTmp() });
  });
  after(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });
}

export interface Person {
  name: string;
  email: string;
}

export class TestRepo {
  private tick = 0;
  constructor(readonly dir: string) {}

  git(args: string[], input?: string, env: Record<string, string> = {}): string {
    // No `git maintenance run --auto` after each commit: one git process more each time, for repositories of a few commits.
    const r = spawnSync('git', ['-c', 'maintenance.auto=false', ...args], { cwd: this.dir, input, env: hermeticEnv(env), encoding: 'utf8' });
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
    return this.committed();
  }

  /** The commit just made, read from the ref file git wrote (one git process fewer per commit); rev-parse where that is not plain. */
  private committed(): string {
    try {
      const head = readFileSync(join(this.dir, '.git', 'HEAD'), 'utf8').trim();
      const sha = head.startsWith('ref: ') ? readFileSync(join(this.dir, '.git', head.slice(5)), 'utf8').trim() : head;
      if (/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha)) return sha;
    } catch {
      // A worktree (.git is a file), a packed or reftable ref: ask git.
    }
    return this.head();
  }

  head(): string {
    return this.git(['rev-parse', 'HEAD']).trim();
  }

  rm(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface RepoOptions {
  /** Files of the base commit on master (default: a README). */
  base?: Record<string, string>;
  /** The branch checked out after the base commit (default `topic`; null stays on master). */
  branch?: string | null;
  /** An empty directory to make it in (default: a new temporary directory the caller removes). */
  dir?: string;
}

/** A new repository on branch master with one base commit, then checked out on `topic`. */
export function makeRepo(opts: RepoOptions = {}): TestRepo {
  const dir = opts.dir ?? mkdtempSync(join(SYSTEM_TMP, 'pp-repo-'));
  const repo = new TestRepo(dir);
  repo.git(['init', '-q', '-b', 'master']);
  appendFileSync(join(dir, '.git', 'config'), `[user]\n\tname = ${HERMETIC_ENV.GIT_AUTHOR_NAME}\n\temail = ${HERMETIC_ENV.GIT_AUTHOR_EMAIL}\n`);
  repo.commit('base\n', opts.base ?? { README: 'base\n' });
  const branch = opts.branch === undefined ? 'topic' : opts.branch;
  if (branch) repo.git(['checkout', '-q', '-b', branch]);
  return repo;
}

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
    env: hermeticEnv(opts.env),
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function gitOut(dir: string, args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env: hermeticEnv(), encoding: 'utf8' });
}

/**
 * Temporary directories and repositories a test file makes, removed when the
 * file's tests end. Call at the top level of the test file.
 */
export function scratch(prefix = 'pp-') {
  const dirs = scratchDirs(prefix);
  return {
    ...dirs,
    /** makeRepo in a directory removed with the others. */
    repo(opts: Omit<RepoOptions, 'dir'> = {}): TestRepo {
      return makeRepo({ ...opts, dir: dirs.dir() });
    },
    /**
     * An exact copy of a repository (work tree, index, refs, state files), for tests that
     * share one fixture built once per file: far cheaper than building it again, and unlike
     * a clone it keeps the branch's base (no origin remote, no upstream).
     */
    copy(from: TestRepo | string): TestRepo {
      const d = dirs.dir();
      execFileSync('cp', ['-a', `${typeof from === 'string' ? from : from.dir}/.`, d]);
      return new TestRepo(d);
    },
  };
}

export type Scratch = ReturnType<typeof scratch>;
