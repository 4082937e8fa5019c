// Time from starting `patchpilot` in a terminal to its first full frame, on a
// repository you name (e.g. a kernel tree with a topic branch made by
// bench/vfio-series.sh). tmux is the terminal; the frame counts as drawn when
// the header's readiness ("N/M met") and the footer are on the screen.
// Usage: node bench/tui-first-frame.mjs REPO [RUNS]
import { spawnSync } from 'node:child_process';

const repo = process.argv[2];
const runs = Number(process.argv[3] ?? 5);
if (!repo) throw new Error('usage: node bench/tui-first-frame.mjs REPO [RUNS]');
const cli = new URL('../dist/patchpilot.js', import.meta.url).pathname;
const sock = `pp-bench-${process.pid}`;
const tmux = (...a) => spawnSync('tmux', ['-L', sock, '-f', '/dev/null', ...a], { encoding: 'utf8' });

function once(args) {
  tmux('kill-server');
  const t0 = process.hrtime.bigint();
  tmux('new-session', '-d', '-s', 'b', '-x', '80', '-y', '24', 'sh', '-c', `cd '${repo}' && env -u CI '${process.execPath}' '${cli}' ${args}; sleep 30`);
  for (;;) {
    const s = tmux('capture-pane', '-p', '-t', 'b').stdout;
    if (/\d+\/\d+ met/.test(s) && /q quit/.test(s)) break;
    if (process.hrtime.bigint() - t0 > 20_000_000_000n) throw new Error(`no frame after 20 s:\n${s}`);
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  tmux('send-keys', '-t', 'b', 'q');
  tmux('kill-server');
  return ms;
}

function cmd(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: repo, encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(r.stderr);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
once(''); // warm the page cache
const tui = median(Array.from({ length: runs }, () => once('')));
const series = median(Array.from({ length: runs }, () => cmd(['series', '--json'])));
const check = median(Array.from({ length: runs }, () => cmd(['check', '--json', '--no-checkpatch'])));
console.log(`first TUI frame: ${tui.toFixed(0)} ms (median of ${runs}, tmux polling included)`);
console.log(`series --json:   ${series.toFixed(0)} ms`);
console.log(`check --json --no-checkpatch: ${check.toFixed(0)} ms`);
