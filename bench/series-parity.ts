/**
 * Compare `patchpilot series --json` with git itself on a real branch:
 * commits, subjects, authors, trailer keys and values (git interpret-trailers
 * --parse), files with their numstat. Prints differences and timings.
 * Usage: npx tsx bench/series-parity.ts --repo DIR [--base REF] [--runs N]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { join } from 'node:path';

const { values } = parseArgs({ options: { repo: { type: 'string' }, base: { type: 'string' }, runs: { type: 'string' } } });
const repo = values.repo ?? process.cwd();
const cli = join(import.meta.dirname, '..', 'dist', 'patchpilot.js');
const git = (args: string[], input?: string) =>
  execFileSync('git', ['-c', 'core.quotePath=false', ...args], { cwd: repo, input, encoding: 'utf8', maxBuffer: 1 << 28 });

const baseArgs = values.base ? ['--base', values.base] : [];
const runs = Number(values.runs ?? 5);
const times: number[] = [];
let out = '';
for (let i = 0; i < runs; i++) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, 'series', '--json', '--repo', repo, ...baseArgs], { encoding: 'utf8', maxBuffer: 1 << 28 });
  times.push(Number(process.hrtime.bigint() - t) / 1e6);
  if (r.status !== 0) throw new Error(r.stderr);
  out = r.stdout;
}
const s = JSON.parse(out) as {
  base: { commit: string };
  commits: {
    sha: string;
    subject: string;
    author: { name: string; email: string };
    trailers: { key: string; value: string }[];
    files: { path: string; additions: number; deletions: number; binary?: boolean }[];
  }[];
};
const problems: string[] = [];
const shas = git(['rev-list', '--reverse', `${s.base.commit}..HEAD`])
  .trim()
  .split('\n');
if (shas.join() !== s.commits.map((c) => c.sha).join()) problems.push(`commit list differs: git ${shas.length}, patchpilot ${s.commits.length}`);
for (const c of s.commits) {
  const [subject, an, ae] = git(['show', '-s', '--format=%s%x00%an%x00%ae', c.sha]).trimEnd().split('\0');
  if (subject !== c.subject) problems.push(`${c.sha}: subject "${c.subject}" vs git "${subject}"`);
  if (an !== c.author.name || ae !== c.author.email) problems.push(`${c.sha}: author differs`);
  const msg = git(['show', '-s', '--format=%B', c.sha]);
  const want = git(['interpret-trailers', '--parse'], msg).split('\n').filter(Boolean);
  const got = c.trailers.map((t) => `${t.key}: ${t.value}`);
  if (want.join('\n') !== got.join('\n')) problems.push(`${c.sha}: trailers differ\n  git: ${want.join(' | ')}\n  pp:  ${got.join(' | ')}`);
  const ns = git(['show', '-M', '--numstat', '--format=', c.sha])
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [a, d, ...p] = l.split('\t');
      let path = p.join('\t');
      const m = /^(.*)\{(.*) => (.*)\}(.*)$/.exec(path);
      if (m) path = `${m[1]}${m[3]}${m[4]}`.replace('//', '/');
      else if (path.includes(' => ')) path = path.split(' => ')[1]!;
      return `${path} ${a === '-' ? 0 : a} ${d === '-' ? 0 : d}`;
    });
  const mine = c.files.map((f) => `${f.path} ${f.additions} ${f.deletions}`);
  if (ns.sort().join('\n') !== mine.sort().join('\n')) problems.push(`${c.sha}: files differ\n  git: ${ns.join(' | ')}\n  pp:  ${mine.join(' | ')}`);
}
times.sort((a, b) => a - b);
console.log(`${s.commits.length} commits, ${s.commits.reduce((n, c) => n + c.files.length, 0)} files`);
console.log(`series --json: median ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms, min ${times[0]!.toFixed(0)} ms over ${runs} runs`);
console.log(problems.length ? `${problems.length} differences:\n${problems.join('\n')}` : 'identical to git');
process.exitCode = problems.length ? 1 : 0;
