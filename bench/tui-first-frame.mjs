// Time from starting `patchpilot` in a terminal to its first full frame, on a
// repository you name (e.g. a kernel tree with a topic branch made by
// bench/vfio-series.sh). tmux is the terminal. The TUI itself records when
// ink wrote its first frame (PATCHPILOT_TIMING, milliseconds since the node
// process started), so polling the terminal costs no CPU while it loads; the
// screen is then checked to hold that frame (the header's "N/M met").
// Usage: node bench/tui-first-frame.mjs REPO [RUNS]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repo = process.argv[2];
const runs = Number(process.argv[3] ?? 5);
if (!repo) throw new Error('usage: node bench/tui-first-frame.mjs REPO [RUNS]');
const cli = new URL('../dist/patchpilot.js', import.meta.url).pathname;
const sock = `pp-bench-${process.pid}`;
const tmux = (...a) => spawnSync('tmux', ['-L', sock, '-f', '/dev/null', ...a], { encoding: 'utf8' });

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function once() {
  tmux('kill-server');
  const log = join(tmpdir(), `pp-first-frame-${process.pid}`);
  rmSync(log, { force: true });
  tmux(
    'new-session',
    '-d',
    '-s',
    'b',
    '-x',
    '80',
    '-y',
    '24',
    'sh',
    '-c',
    `cd '${repo}' && env -u CI PATCHPILOT_TIMING='${log}' '${process.execPath}' '${cli}'; sleep 30`,
  );
  const t0 = Date.now();
  let m;
  while (!(m = existsSync(log) && /first frame (\d+) ms/.exec(readFileSync(log, 'utf8')))) {
    if (Date.now() - t0 > 20000) throw new Error('no frame after 20 s');
    sleep(50);
  }
  while (!/\d+\/\d+ met/.test(tmux('capture-pane', '-p', '-t', 'b').stdout)) sleep(50);
  tmux('send-keys', '-t', 'b', 'q');
  tmux('kill-server');
  rmSync(log, { force: true });
  return Number(m[1]);
}

function cmd(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: repo, encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(r.stderr);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
once(); // warm the page cache
const tui = median(Array.from({ length: runs }, () => once()));
const series = median(Array.from({ length: runs }, () => cmd(['series', '--json'])));
const check = median(Array.from({ length: runs }, () => cmd(['check', '--json', '--no-checkpatch'])));
console.log(`first TUI frame: ${tui.toFixed(0)} ms after node started (median of ${runs})`);
console.log(`ratio to check: ${(tui / check).toFixed(2)}`);
console.log(`series --json:   ${series.toFixed(0)} ms`);
console.log(`check --json --no-checkpatch: ${check.toFixed(0)} ms`);
