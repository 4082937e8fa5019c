/**
 * The real binary in a real terminal: tmux runs dist/patchpilot.js on the
 * demo repository; keys go in with send-keys, the screen comes back with
 * capture-pane. Polls the screen, never sleeps a fixed time.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CLI, HERMETIC_ENV, hermeticEnv, runCli, scratch } from '../helpers/repo.js';

const SOCKET = `pp-e2e-${process.pid}`;
const SESSION = 'e2e';
const haveTmux = spawnSync('tmux', ['-V']).status === 0;

function tmux(...args: string[]): string {
  const r = spawnSync('tmux', ['-L', SOCKET, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const screen = () => tmux('capture-pane', '-p', '-t', SESSION);

async function waitScreen(what: string | RegExp, timeoutMs = 20000): Promise<string> {
  const end = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < end) {
    last = screen();
    if (typeof what === 'string' ? last.includes(what) : what.test(last)) return last;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}; the screen was:\n${last}`);
}

async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 20000): Promise<T> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const v = probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}; the screen was:\n${screen()}`);
}

/** Keys one at a time, each after the screen answered the previous one. */
function keys(...ks: string[]): void {
  for (const k of ks) tmux('send-keys', '-t', SESSION, k);
}

/**
 * Keys for a stopped process, in the terminal's input before it carries on: tmux writes a key to the terminal on a
 * later turn of its event loop than the send-keys that asked for it, so one more command makes sure it has.
 */
function keysBeforeContinuing(...ks: string[]): void {
  keys(...ks);
  tmux('display-message', '-p', '-t', SESSION, '#{pane_pid}');
}

function type(text: string): void {
  tmux('send-keys', '-t', SESSION, '-l', text);
}

// The tmux server goes first, then the directories it worked in (after hooks run in order).
after(() => {
  spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
});
const scratchpad = scratch('pp-e2e-');
let dir: string;
let root: string;

before(() => {
  dir = scratchpad.dir();
  root = join(dir, 'linux');
  const r = runCli(['demo', '--dir', root, '--no-open']);
  assert.equal(r.code, 0, r.stderr);
});

function launch(extraEnv: Record<string, string>, after = 'exec sleep 600', stderr = ''): void {
  const env = Object.entries({ ...HERMETIC_ENV, TMPDIR: hermeticEnv().TMPDIR!, TERM: 'xterm-256color', ...extraEnv })
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}='${v}'`)
    .join(' ');
  const unset = Object.entries(extraEnv)
    .filter(([, v]) => v === '')
    .map(([k]) => `-u ${k}`)
    .join(' ');
  const script = `cd '${root}' && env -u CI ${unset} ${env} '${process.execPath}' '${CLI}'${stderr ? ` 2>'${stderr}'` : ''}; echo "PP-EXIT:$?"; ${after}`;
  spawnSync('tmux', ['-L', SOCKET, 'kill-session', '-t', SESSION]);
  // Killing the last session ends the server; a new session started while it is still exiting fails, and is started again.
  for (let i = 0; ; i++) {
    try {
      tmux('new-session', '-d', '-s', SESSION, '-x', '80', '-y', '24', 'sh', '-c', script);
      return;
    } catch (e) {
      if (i === 4 || !/server exited unexpectedly/.test((e as Error).message)) throw e;
    }
  }
}

const SGR_COLOUR = /\x1b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|38;5;\d+)(?:;[0-9;]*)?m/;

test('colour carries the status on a colour terminal; with NO_COLOR the symbols alone do', { skip: !haveTmux && 'tmux is not installed' }, async () => {
  launch({ NO_COLOR: '' });
  await waitScreen(' met');
  keys('2');
  await waitScreen(/▸ ○ open/);
  const coloured = tmux('capture-pane', '-e', '-p', '-t', SESSION);
  assert.match(coloured, SGR_COLOUR, 'colours on a colour terminal');
  keys('q');
  await waitScreen('PP-EXIT:0');
  launch({ NO_COLOR: '1' });
  await waitScreen(' met');
  keys('2');
  await waitScreen(/▸ ○ open/);
  const mono = tmux('capture-pane', '-e', '-p', '-t', SESSION);
  assert.doesNotMatch(mono, SGR_COLOUR, 'no colour with NO_COLOR');
  assert.match(mono, /✓ pass/);
  assert.match(mono, /○ open/);
  keys('q');
  await waitScreen('PP-EXIT:0');
});

test(
  'the TUI in tmux: first frame, the walk-through answers an item, 1-6, $EDITOR, q restores the terminal',
  { skip: !haveTmux && 'tmux is not installed (.ci/run installs it)' },
  async () => {
    // An "editor" that writes a body, so the hand-over of the terminal is exercised too.
    const editor = join(dir, 'editor.sh');
    writeFileSync(editor, '#!/bin/sh\nprintf "Written in the editor.\\n" > "$1"\n');
    chmodSync(editor, 0o755);
    const stty = join(dir, 'stty.txt');
    launch({ GIT_EDITOR: editor }, `stty -a > '${stty}'; exec sleep 600`);

    const first = await waitScreen('zorb-vfio on master');
    assert.match(first, /1 Series .*6 Send/);
    assert.equal(tmux('display', '-p', '-t', SESSION, '#{alternate_on}').trim(), '1', 'the TUI draws on the alternate screen');

    // The walk-through: Enter starts at the first open item; n moves on until the device documentation questions.
    keys('2');
    await waitScreen(/▸ . open/);
    keys('Enter');
    await waitScreen(/item \d+\/\d+ · \d+ not met/);
    // Other things change the screen meanwhile (the status line); only the item line says n was handled.
    const itemOn = () => /(\S+) · item \d+\/\d+/.exec(screen())?.[1];
    for (let i = 0; i < 12 && itemOn() !== 'vfio.device-docs'; i++) {
      const before = itemOn();
      keys('n');
      await waitFor('the next item', () => itemOn() !== before);
    }
    await waitScreen('vfio.device-docs · item');
    keys('Enter');
    await waitScreen('Answer: How the device state is composed and consumed');
    type('Registers, queue state and DMA rings.');
    keys('Enter');
    type('Consumed by the PF on resume.');
    keys('C-s');
    const statePath = join(root, '.git', 'patchpilot', 'zorb-vfio.json');
    const saved = await waitFor('the answer in the state file', () => {
      if (!existsSync(statePath)) return false;
      const s = JSON.parse(readFileSync(statePath, 'utf8')) as { answers: Record<string, { text?: string }> };
      return s.answers['vfio.device-docs.state'];
    });
    assert.equal(saved.text, 'Registers, queue state and DMA rings.\nConsumed by the PF on resume.');
    // After the answer the walk moves on: the next question of the item is marked.
    await waitScreen(/▸ ○ What is not otherwise available/);

    // 1-6 switch screens.
    keys('1');
    await waitScreen(/▸ +1 [0-9a-f]{12} net: zorb/);
    keys('3');
    await waitScreen(/(To|Cc) [+-] \S+/);
    keys('4');
    await waitScreen('[ ] 1');
    keys('5');
    await waitScreen('── preview');
    keys('6');
    await waitScreen('Export');

    // $EDITOR for the cover letter body: the terminal goes to the editor and comes back.
    keys('5', 'j', 'e');
    await waitScreen('Written in the editor.');
    assert.equal(tmux('display', '-p', '-t', SESSION, '#{alternate_on}').trim(), '1', 'back on the alternate screen after the editor');

    keys('q');
    const end = await waitScreen('PP-EXIT:0');
    assert.doesNotMatch(end, /1 Series/, 'the TUI is gone from the screen');
    assert.equal(tmux('display', '-p', '-t', SESSION, '#{alternate_on}').trim(), '0', 'back on the normal screen');
    const modes = await waitFor('stty output', () => existsSync(stty) && readFileSync(stty, 'utf8'));
    assert.match(modes, /(^|\s)icanon(\s|$)/, 'canonical mode restored');
    assert.match(modes, /(^|\s)echo(\s|$)/, 'echo restored');
    const body = JSON.parse(readFileSync(statePath, 'utf8')) as { cover: { body?: string } };
    assert.equal(body.cover.body, 'Written in the editor.');
  },
);

/**
 * The first frames are drawn before ink has loaded; the process is stopped right after the first one (a test pause
 * point), keys are typed meanwhile, and it carries on: they are handled in order from that first frame.
 */
async function stoppedAtFirstFrame(errFile: string, extra: Record<string, string> = {}): Promise<number> {
  launch({ PATCHPILOT_TEST_PAUSE: 'tui-first-frame', ...extra }, 'exec sleep 600', errFile);
  const line = await waitFor(
    'the pause',
    () => (existsSync(errFile) && /patchpilot-test-pause: tui-first-frame (\d+)/.exec(readFileSync(errFile, 'utf8'))) || undefined,
  );
  const pid = Number(line[1]);
  const first = await waitScreen(/zorb-vfio on master .*checklist deciding…/);
  assert.match(first, /▸ +1 [0-9a-f]{12} net: zorb/, 'the commits are on screen before ink has loaded');
  return pid;
}

test(
  'keys typed at the first frame, before ink has loaded, are not lost: they move the cursor and open a screen',
  { skip: !haveTmux && 'tmux is not installed' },
  async () => {
    const err = join(dir, 'early-keys.err');
    const timing = join(dir, 'early-keys.timing');
    const pid = await stoppedAtFirstFrame(err, { PATCHPILOT_TIMING: timing });
    keysBeforeContinuing('j', 'j', 'Enter');
    process.kill(pid, 'SIGCONT');
    await waitScreen(/▸ +3 [0-9a-f]{12} MAINTAINERS/);
    await waitScreen(/M MAINTAINERS \+\d+ -\d+/);
    await waitScreen(/\d+\/\d+ met/);
    keys('2');
    await waitScreen(/▸ . open/);
    keys('q');
    await waitScreen('PP-EXIT:0');
    const marks = readFileSync(timing, 'utf8');
    assert.match(marks, /first frame[\s\S]*checklist decided[\s\S]*ink frame/, 'the series, then the checklist, then ink');
  },
);

test('q at the first frame quits before ink loads, and SIGTERM there gives the terminal back too', { skip: !haveTmux && 'tmux is not installed' }, async () => {
  for (const how of ['q', 'SIGTERM'] as const) {
    const err = join(dir, `early-${how}.err`);
    const timing = join(dir, `early-${how}.timing`);
    const stty = join(dir, `early-${how}.stty`);
    launch({ PATCHPILOT_TEST_PAUSE: 'tui-first-frame', PATCHPILOT_TIMING: timing }, `stty -a > '${stty}'; exec sleep 600`, err);
    const line = await waitFor(
      'the pause',
      () => (existsSync(err) && /patchpilot-test-pause: tui-first-frame (\d+)/.exec(readFileSync(err, 'utf8'))) || undefined,
    );
    const pid = Number(line[1]);
    await waitScreen(/checklist deciding…/);
    if (how === 'q') keysBeforeContinuing('q');
    else process.kill(pid, 'SIGTERM');
    process.kill(pid, 'SIGCONT');
    const end = await waitScreen(how === 'q' ? 'PP-EXIT:0' : 'PP-EXIT:143');
    assert.doesNotMatch(end, /1 Series/, `${how}: the TUI is gone from the screen`);
    assert.equal(tmux('display', '-p', '-t', SESSION, '#{alternate_on}').trim(), '0', `${how}: back on the normal screen`);
    const modes = await waitFor('stty output', () => existsSync(stty) && readFileSync(stty, 'utf8'));
    assert.match(modes, /(^|\s)icanon(\s|$)/, `${how}: canonical mode restored`);
    assert.match(modes, /(^|\s)echo(\s|$)/, `${how}: echo restored`);
    assert.doesNotMatch(readFileSync(timing, 'utf8'), /ink frame/, `${how}: ink was never loaded`);
  }
});

test(
  'a signal once ink has the screen: the TUI ends as on q, leaves the alternate screen, and says which signal',
  { skip: !haveTmux && 'tmux is not installed' },
  async () => {
    for (const [sig, code] of [
      ['SIGTERM', 143],
      ['SIGHUP', 129],
      ['SIGINT', 130],
    ] as const) {
      const timing = join(dir, `late-${sig}.timing`);
      const stty = join(dir, `late-${sig}.stty`);
      launch({ PATCHPILOT_TIMING: timing }, `stty -a > '${stty}'; exec sleep 600`);
      await waitFor('ink on screen', () => existsSync(timing) && /ink frame/.test(readFileSync(timing, 'utf8')));
      const shell = tmux('display', '-p', '-t', SESSION, '#{pane_pid}').trim();
      const pid = Number(spawnSync('pgrep', ['-P', shell, 'node'], { encoding: 'utf8' }).stdout.trim());
      assert.ok(pid > 0, 'the TUI process');
      process.kill(pid, sig);
      const end = await waitScreen(`PP-EXIT:${code}`);
      assert.doesNotMatch(end, /1 Series/, `${sig}: the TUI is gone from the screen`);
      assert.equal(tmux('display', '-p', '-t', SESSION, '#{alternate_on}').trim(), '0', `${sig}: back on the normal screen`);
      const modes = await waitFor('stty output', () => existsSync(stty) && readFileSync(stty, 'utf8'));
      assert.match(modes, /(^|\s)icanon(\s|$)/, `${sig}: canonical mode restored`);
    }
  },
);

test(
  'a signal while the cover letter renders ends the TUI without leaving its temporary directory behind',
  { skip: !haveTmux && 'tmux is not installed' },
  async () => {
    const tmp = scratchpad.dir();
    const err = join(dir, 'cover-rendering.err');
    launch({ PATCHPILOT_TEST_PAUSE: 'cover-rendering', TMPDIR: tmp }, 'exec sleep 600', err);
    const line = await waitFor(
      'the pause',
      () => (existsSync(err) && /patchpilot-test-pause: cover-rendering (\d+)/.exec(readFileSync(err, 'utf8'))) || undefined,
    );
    const rendering = () => readdirSync(tmp).filter((f) => f.startsWith('patchpilot-cover-'));
    assert.equal(rendering().length, 1, 'the cover letter is being rendered in a directory of its own');
    const pid = Number(line[1]);
    process.kill(pid, 'SIGTERM');
    process.kill(pid, 'SIGCONT');
    await waitScreen('PP-EXIT:143');
    assert.deepEqual(rendering(), [], 'the directory went with the process');
  },
);
