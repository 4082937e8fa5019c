#!/usr/bin/env node
// The speed table: every command as a whole process, as a ratio to the
// floor measured in the same run (`node -e 0`; for the TUI, a node process
// printing one line in the same terminal), median of RUNS rounds. Each
// round runs every measurement once, so a load that comes and goes weighs
// on all of them alike.
//
//   node scripts/build.mjs
//   bench/kernel-tree.sh /tmp/linux && bench/vfio-series.sh /tmp/linux   (a 3-patch vfio-pci variant series)
//   node bench/speed.mjs /tmp/linux [--runs N] [--no-tui] [--no-rewrite]
//
// TREE is a git work tree with the series checked out (its upstream is the
// series base). The bench writes only in a temp dir, in TREE's git
// directory (patchpilot's per-branch state and caches) and, for the
// trailers row, on a throw-away branch that bench/rewrite.mjs removes again.
// The TUI runs in tmux (120x40); a pipe-pane copy of the terminal output
// tells when the commits, then "N/M items met", are on screen.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, cpSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const flag = (n) => args.includes(`--${n}`);
const opt = (n, d) => (args.includes(`--${n}`) ? args[args.indexOf(`--${n}`) + 1] : d);
const tree = args.find((a, i) => !a.startsWith('--') && !/^--(runs)$/.test(args[i - 1] ?? ''));
if (!tree) {
  console.error('usage: node bench/speed.mjs TREE [--runs N] [--no-tui] [--no-rewrite]');
  process.exit(2);
}
const TREE = resolve(tree);
const RUNS = Number(opt('runs', '7'));
const ROOT = resolve(new URL('..', import.meta.url).pathname);
const tmp = mkdtempSync(join(tmpdir(), 'pp-speed-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
// A private copy of the bundle, so that a rebuild of dist/ during the run cannot break it.
cpSync(join(ROOT, 'dist'), join(tmp, 'dist'), { recursive: true });
const CLI = join(tmp, 'dist', 'patchpilot.js');
const NODE = process.execPath;
const ENV = { ...process.env, NO_COLOR: '1' };
delete ENV.CI;
delete ENV.PATCHPILOT_TIMING;
const git = (a) => execFileSync('git', a, { cwd: TREE, encoding: 'utf8', maxBuffer: 1 << 28 }).trim();

const branch = git(['symbolic-ref', '--short', 'HEAD']);
const upstream = spawnSync('git', ['rev-parse', '--abbrev-ref', '@{upstream}'], { cwd: TREE, encoding: 'utf8' }).stdout.trim();
if (!upstream) {
  console.error(`${TREE}: the branch ${branch} has no upstream; make the series with bench/vfio-series.sh ${TREE}`);
  process.exit(2);
}
const patchDir = join(tmp, 'patches');
execFileSync('git', ['format-patch', '-q', '-o', patchDir, `${upstream}..HEAD`], { cwd: TREE });
const patches = readdirSync(patchDir).map((f) => join(patchDir, f));
const patchFiles = patches.reduce((n, p) => n + (readFileSync(p, 'utf8').match(/^diff --git /gm)?.length ?? 0), 0);
const subjects = git(['log', '--format=%s', `${upstream}..HEAD`]).split('\n');
const shas = git(['log', '--format=%H', `${upstream}..HEAD`]).split('\n');

// ---- whole processes, wall and CPU time (user + system, children included)
// One python3 process per round times the round's commands: os.wait4 gives the children's CPU time to the
// microsecond (GNU time's %U/%S stop at 10 ms); python's own start-up stays out of every figure.
const TIMER = `
import json, os, sys, time
out = []
for c in json.load(sys.stdin):
    t = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.chdir(c['cwd'])
        fd = os.open('/dev/null', os.O_RDWR)
        os.dup2(fd, 0); os.dup2(fd, 1)
        err = os.open(c['err'], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(err, 2)
        os.execvpe(c['argv'][0], c['argv'], c['env'])
    _, status, ru = os.wait4(pid, 0)
    out.append({'ms': (time.perf_counter() - t) * 1000, 'cpu': (ru.ru_utime + ru.ru_stime) * 1000, 'status': os.waitstatus_to_exitcode(status)})
json.dump(out, sys.stdout)
`;
const haveTimer = spawnSync('python3', ['-c', 'import os; os.wait4'], { stdio: 'ignore' }).status === 0;
function runRound(rows) {
  const err = join(tmp, 'stderr');
  if (!haveTimer) {
    return rows.map(({ argv: [cmd, a], env }) => {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(cmd, a, { cwd: TREE, env: env ?? ENV, stdio: ['ignore', 'ignore', 'pipe'] });
      return { ms: Number(process.hrtime.bigint() - t0) / 1e6, cpu: NaN, status: r.status, stderr: String(r.stderr) };
    });
  }
  const input = JSON.stringify(rows.map(({ argv: [cmd, a], env }) => ({ argv: [cmd, ...a], cwd: TREE, env: env ?? ENV, err })));
  const r = spawnSync('python3', ['-c', TIMER], { input, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`the timer failed: ${r.stderr}`);
  return JSON.parse(r.stdout).map((x) => ({ ...x, stderr: readFileSync(err, 'utf8') }));
}
function checked(rows, results) {
  results.forEach((x, i) => {
    const ok = rows[i].ok ?? [0];
    if (!ok.includes(x.status)) throw new Error(`${rows[i].argv[1].join(' ')}: exit ${x.status}: ${x.stderr}`);
  });
  return results;
}

const pp = (...a) => [NODE, [CLI, ...a]];
const CLI_ROWS = [
  { id: 'floor', label: 'node -e 0 (the floor)', argv: [NODE, ['-e', '0']] },
  { id: 'series', label: '`series --json`', argv: pp('series', '--json'), target: 1.5 },
  { id: 'check', label: '`check --json --no-checkpatch`', argv: pp('check', '--json', '--no-checkpatch'), ok: [0, 1], target: 2.0 },
  { id: 'cc', label: '`cc --json`', argv: pp('cc', '--json'), target: 2.0 },
  { id: 'maintainers', label: `\`maintainers\` (${patches.length} patches, ${patchFiles} files)`, argv: pp('maintainers', ...patches), target: 1.4 },
  { id: 'perl', label: 'scripts/get_maintainer.pl, same patches', argv: ['perl', ['scripts/get_maintainer.pl', ...patches]] },
];
// NODE_EXTRA_CA_CERTS makes every node process, the floor included, read and parse those certificates at start (about
// 40 ms for a distribution's CA bundle). The targets are ratios to the floor as it is here; node without it is measured
// too, so that the table says how much of the floor that is.
const CA = process.env.NODE_EXTRA_CA_CERTS;
if (CA) {
  const bare = { ...ENV };
  delete bare.NODE_EXTRA_CA_CERTS;
  CLI_ROWS.splice(1, 0, { id: 'bare', label: 'node -e 0 without NODE_EXTRA_CA_CERTS', argv: [NODE, ['-e', '0']], env: bare });
}

// ---- the TUI in tmux
const SOCK = `pp-speed-${process.pid}`;
const tmux = (...a) => spawnSync('tmux', ['-L', SOCK, '-f', '/dev/null', ...a], { encoding: 'utf8' });
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
// eslint-disable-next-line no-control-regex
const plain = (s) => s.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]/g, '');
const q = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
let win = 0;

/**
 * Start CMD in a fresh 120x40 window; the time runs from the key press that
 * lets it start to the moment each pattern shows in the terminal's output.
 */
function inTmux(cmd, patterns) {
  const name = `w${win++}`;
  const log = join(tmp, `${name}.out`);
  writeFileSync(log, '');
  tmux('new-window', '-d', '-t', 'pp', '-n', name, `sh -c ${q(`read go; cd ${q(TREE)} && exec ${cmd}`)}`);
  tmux('pipe-pane', '-t', `pp:${name}`, `cat >> ${q(log)}`);
  const t0 = performance.now();
  tmux('send-keys', '-t', `pp:${name}`, 'Enter');
  const at = [];
  let size = -1;
  let text = '';
  while (at.length < patterns.length) {
    const now = performance.now();
    if (now - t0 > 30000) throw new Error(`${cmd}: not on screen after 30 s: ${patterns[at.length]}\n${plain(text).slice(-2000)}`);
    const s = statSync(log).size;
    if (s !== size) {
      size = s;
      text = plain(readFileSync(log, 'utf8'));
      while (at.length < patterns.length && patterns[at.length](text)) at.push(now - t0);
    }
    if (at.length < patterns.length) sleep(2);
  }
  const screen = tmux('capture-pane', '-p', '-t', `pp:${name}`).stdout;
  tmux('send-keys', '-t', `pp:${name}`, 'q');
  for (let i = 0; i < 100 && tmux('list-windows', '-t', 'pp', '-F', '#{window_name}').stdout.split('\n').includes(name); i++) sleep(20);
  tmux('kill-window', '-t', `pp:${name}`);
  return { at, screen };
}

// Each commit's abbreviated id: the subjects are cut to fit the list.
const commitsShown = (t) => shas.every((s) => t.includes(s.slice(0, 10)));
const decided = (t) => /[1-9]\d*\/[1-9]\d* items met|\b0\/[1-9]\d* items met/.test(t) && !/deciding…\s*$/.test(t.slice(-200));

function tuiRound() {
  const floor = inTmux(`${q(NODE)} -e ${q("process.stdout.write('the floor\\n'); setTimeout(() => {}, 3000)")}`, [(t) => t.includes('the floor')]);
  const tui = inTmux(`env NO_COLOR=1 ${q(NODE)} ${q(CLI)}`, [commitsShown, decided]);
  if (!commitsShown(tui.screen) || !/\d+\/\d+ items met/.test(tui.screen)) throw new Error(`the TUI's screen does not show the series:\n${tui.screen}`);
  return { floor: floor.at[0], commits: tui.at[0], decided: tui.at[1] };
}

// ---- the rounds
const times = Object.fromEntries([...CLI_ROWS.map((r) => r.id), 'tuiFloor', 'tuiCommits', 'tuiDecided'].map((k) => [k, { ms: [], cpu: [] }]));
const withTui = !flag('no-tui') && spawnSync('tmux', ['-V']).status === 0;
if (withTui) tmux('new-session', '-d', '-s', 'pp', '-x', '120', '-y', '40');
try {
  checked(CLI_ROWS, runRound(CLI_ROWS)); // warm the page cache and patchpilot's caches
  if (withTui) tuiRound();
  for (let i = 0; i < RUNS; i++) {
    checked(CLI_ROWS, runRound(CLI_ROWS)).forEach((t, j) => {
      times[CLI_ROWS[j].id].ms.push(t.ms);
      times[CLI_ROWS[j].id].cpu.push(t.cpu);
    });
    if (withTui) {
      const t = tuiRound();
      times.tuiFloor.ms.push(t.floor);
      times.tuiCommits.ms.push(t.commits);
      times.tuiDecided.ms.push(t.decided);
    }
  }
} finally {
  if (withTui) tmux('kill-server');
}

const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, { ms: median(v.ms), cpu: median(v.cpu) }]));

// ---- trailers add --all on 100 commits against git rebase -x (bench/rewrite.mjs, on the same tree)
let rewrite;
if (!flag('no-rewrite')) {
  // In a repository of its own: in a kernel tree each of git rebase's 100 amends refreshes an 80,000-file index (about 50 s a run).
  const r = spawnSync(NODE, [join(ROOT, 'bench', 'rewrite.mjs'), '100', String(RUNS)], { encoding: 'utf8', env: { ...process.env, PP_CLI: CLI } });
  const rm = /ratio: ([\d.]+)x faster; same new tip as the rebase: (\w+)/.exec(r.stdout);
  const ms = /rebase -x.*median (\d+) ms[\s\S]*trailers add --all:\s+median (\d+) ms/.exec(r.stdout);
  rewrite = rm ? { ratio: Number(rm[1]), same: rm[2] === 'yes', rebase: Number(ms?.[1]), ours: Number(ms?.[2]) } : { error: r.stderr || r.stdout };
}

// ---- the table
const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '–');
const lines = [];
const row = (cells) => lines.push(`| ${cells.join(' | ')} |`);
const gitV = git(['version']).replace('git version ', '');
const cpu = (cpus()[0]?.model ?? 'unknown CPU').trim();
lines.push(
  `${cpu}, ${cpus().length} cores; git ${gitV}; node ${process.version}; ${RUNS} rounds, medians; load average at the end ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
);
lines.push(
  `tree: ${git(['rev-list', '--count', 'HEAD'])} commits, ${git(['ls-files']).split('\n').length} files; series: ${branch}, ${subjects.length} patches on ${upstream}`,
);
lines.push('');
row(['what', 'wall ms', 'ratio', 'target', 'met', 'cpu ms', 'cpu ratio']);
row(['---', '---:', '---:', '---:', '---', '---:', '---:']);
const floor = m.floor;
for (const r of CLI_ROWS) {
  const x = m[r.id];
  const ratio = x.ms / floor.ms;
  const tgt = r.target ? `≤ ${r.target.toFixed(1)}×` : '';
  const met = r.target ? (ratio <= r.target ? 'yes' : 'NO') : '';
  row([r.label, fmt(x.ms), r.id === 'floor' ? '1.00×' : `${fmt(ratio, 2)}×`, tgt, met, fmt(x.cpu), `${fmt(x.cpu / floor.cpu, 2)}×`]);
}
const caNote = CA
  ? `NODE_EXTRA_CA_CERTS is set (${CA}): every node process here, the floor included, parses those certificates at start (${fmt(m.floor.ms - m.bare.ms)} ms of the floor's ${fmt(m.floor.ms)}). The ratios are to the floor as it is here; \`env -u NODE_EXTRA_CA_CERTS node bench/speed.mjs ...\` gives them without it.`
  : undefined;
row(['get_maintainer.pl / `maintainers`', '', `${fmt(m.perl.ms / m.maintainers.ms, 1)}× faster`, '', '', '', '']);
if (withTui) {
  const f = m.tuiFloor.ms;
  row(['TUI floor: node printing one line in tmux', fmt(f), '1.00×', '', '', '', '']);
  const c = m.tuiCommits.ms / f;
  const d = m.tuiDecided.ms / f;
  row(['TUI: the commits on screen (120x40)', fmt(m.tuiCommits.ms), `${fmt(c, 2)}×`, '≤ 2.5×', c <= 2.5 ? 'yes' : 'NO', '', '']);
  row(['TUI: the checklist decided ("N/M items met")', fmt(m.tuiDecided.ms), `${fmt(d, 2)}×`, '≤ 3.5×', d <= 3.5 ? 'yes' : 'NO', '', '']);
}
if (rewrite?.ratio) {
  row([
    '`trailers add --all`, 100 commits, vs `git rebase -x`',
    `${rewrite.ours} (rebase ${rewrite.rebase})`,
    `${fmt(rewrite.ratio, 1)}× faster`,
    '≥ 7×',
    rewrite.ratio >= 7 && rewrite.same ? 'yes' : 'NO',
    '',
    '',
  ]);
  if (!rewrite.same) lines.push('trailers add --all and git rebase -x made different commits!');
} else if (rewrite?.error) lines.push(`bench/rewrite.mjs failed: ${rewrite.error.trim().split('\n')[0]}`);
if (caNote) lines.push('', caNote);
console.log(lines.join('\n'));
if (process.env.SPEED_JSON) writeFileSync(process.env.SPEED_JSON, JSON.stringify({ times, medians: m, rewrite }, null, 2));
rmSync(tmp, { recursive: true, force: true });
