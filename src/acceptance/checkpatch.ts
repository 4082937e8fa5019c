/**
 * scripts/checkpatch.pl of the tree, one patch per call (with several
 * patches in one call, --mailback-style early exits and per-file state make
 * the results depend on the order), as many calls at once as there are
 * cores. Perl is not git, so it is spawned here rather than in src/git.ts.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Series } from '../series/read.js';

export interface CheckpatchMessage {
  level: 'ERROR' | 'WARNING' | 'CHECK';
  type?: string;
  message: string;
  path?: string;
  line?: number;
}

export interface CheckpatchCommit {
  sha: string;
  subject: string;
  messages: CheckpatchMessage[];
  /** checkpatch's exit code (1 on any report). */
  code: number;
}

export type CheckpatchRun =
  { ran: true; tip: string; base: string; at: string; commits: CheckpatchCommit[] } | { ran: false; reason: string; unavailable: boolean };

export const CHECKPATCH = 'scripts/checkpatch.pl';

const SPLIT = /^From ([0-9a-f]{40}) Mon Sep 17 00:00:00 2001$/m;

/** `git format-patch --stdout` output into one mail per commit, by sha. */
export function splitMbox(mbox: string): Map<string, string> {
  const out = new Map<string, string>();
  const parts = mbox.split(SPLIT);
  for (let i = 1; i + 1 < parts.length; i += 2) out.set(parts[i]!, `From ${parts[i]} Mon Sep 17 00:00:00 2001${parts[i + 1]}`);
  return out;
}

/** checkpatch's report: blank-line separated blocks, each "LEVEL:TYPE: message" and "#N: FILE: path:line:". */
export function parseCheckpatchOutput(text: string): CheckpatchMessage[] {
  const out: CheckpatchMessage[] = [];
  for (const block of text.replace(/\x1b\[[0-9;]*m/g, '').split(/\n\s*\n/)) {
    const lines = block.split('\n');
    const i = lines.findIndex((l) => /^(ERROR|WARNING|CHECK):/.test(l));
    if (i < 0) continue;
    const m = /^(ERROR|WARNING|CHECK):(?:([A-Z0-9_]+):)? ?(.*)$/.exec(lines[i]!)!;
    const msg: CheckpatchMessage = { level: m[1] as CheckpatchMessage['level'], message: m[3]!.trim() };
    if (m[2]) msg.type = m[2];
    const loc = lines
      .slice(i + 1)
      .map((l) => /^#\d+: FILE: (.+):(\d+):\s*$/.exec(l))
      .find(Boolean);
    if (loc) {
      msg.path = loc[1]!;
      msg.line = Number(loc[2]);
    }
    out.push(msg);
  }
  return out;
}

function runPerl(root: string, patch: string): Promise<{ code: number; stdout: string; stderr: string } | { missing: true }> {
  return new Promise((resolve, reject) => {
    const child = spawn('perl', [join(root, CHECKPATCH), '--no-summary', '--color=never', '--show-types', '-'], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? resolve({ missing: true }) : reject(e)));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.on('error', () => {});
    child.stdin.end(patch);
  });
}

/** Run checkpatch on every commit of the series. Never throws for a missing perl or script: the run says why. */
export async function runCheckpatch(series: Series, onProgress?: (done: number, total: number) => void): Promise<CheckpatchRun> {
  const root = series.repo.root;
  if (!existsSync(join(root, CHECKPATCH))) return { ran: false, unavailable: true, reason: `${CHECKPATCH} is not in this tree` };
  const tip = series.commits[series.commits.length - 1]!.sha;
  const mbox = await series.repo.git.run(['format-patch', '--stdout', '--no-signature', '--no-color', '--no-numbered', `${series.base.commit}..${tip}`]);
  const mails = splitMbox(mbox);
  const results: CheckpatchCommit[] = new Array(series.commits.length);
  let next = 0;
  let done = 0;
  let missing = false;
  let failed: string | undefined;
  const worker = async () => {
    while (!missing && !failed && next < series.commits.length) {
      const i = next++;
      const c = series.commits[i]!;
      const r = await runPerl(root, mails.get(c.sha) ?? '');
      if ('missing' in r) {
        missing = true;
        return;
      }
      if (r.code !== 0 && r.code !== 1) {
        failed = `${CHECKPATCH} failed on ${c.sha.slice(0, 12)} (exit ${r.code}): ${r.stderr.trim().split('\n')[0] || 'no message'}`;
        return;
      }
      results[i] = { sha: c.sha, subject: c.subject, code: r.code, messages: parseCheckpatchOutput(r.stdout) };
      onProgress?.(++done, series.commits.length);
    }
  };
  const n = Math.max(1, Math.min(availableParallelism(), series.commits.length));
  await Promise.all(Array.from({ length: n }, worker));
  if (missing) return { ran: false, unavailable: true, reason: 'perl is not installed (checkpatch.pl needs it)' };
  if (failed) return { ran: false, unavailable: false, reason: failed };
  return { ran: true, tip, base: series.base.commit, at: new Date().toISOString(), commits: results };
}

/** A cached run is good for the series when the tip and the base are the same. */
export function cachedRun(cache: { tip: string; results: unknown } | undefined, series: Series): CheckpatchRun | undefined {
  const r = cache?.results as CheckpatchRun | undefined;
  const tip = series.commits[series.commits.length - 1]?.sha;
  if (!r || !r.ran || r.tip !== tip || r.base !== series.base.commit) return undefined;
  return r;
}
