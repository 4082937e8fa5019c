/**
 * The TUI entry. It draws the Series screen as soon as `git log` answers,
 * then the checklist once decided, writing the frames itself from the rows
 * the ink components draw (components/rows/): ink, react and yoga take
 * longer to load than both. ink then takes over (bin/tui-ink.ts) from the
 * same state and performs what is still queued. Keys typed before that go
 * through the same reducer; q and Ctrl+C quit at once. The terminal is given
 * back exactly as it was on every way out: q, Ctrl+C, SIGTERM, an error.
 */
import { appendFileSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { createActions } from '../components/controller/actions.js';
import { loadSeries } from '../components/controller/session.js';
import type { Actions, Effect } from '../components/effects.js';
import { rawKey, reducer } from '../components/reducer.js';
import { frameLines, frameText, needsTruncate, type TextStyle } from '../components/rows/frame.js';
import { measureWideWith } from '../components/rows/columns.js';
import { initialState, type Action, type Job, type UiState } from '../components/ui-state.js';
import { testPause } from '../src/history/pause.js';
import type { Context } from './cli.js';

const ENTER = '\x1b[?1049h\x1b[?25l';
const LEAVE = '\x1b[?25h\x1b[?1049l';
/** Synchronized output: a terminal that knows it shows the cleared and redrawn screen at once (ink brackets its frames so too). */
const BEGIN_FRAME = '\x1b[?2026h';
const END_FRAME = '\x1b[?2026l';
const SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT', 'SIGQUIT'];

/** What the App loads after the first frame: the checklist first, then the recipients, cover letter and send command. */
const STARTUP: Effect[] = [
  { kind: 'refresh', stage: 'report' },
  { kind: 'refresh', stage: 'extras' },
];

export async function runTui(ctx: Context, _args: string[]): Promise<number> {
  const opts = { repoDir: ctx.repoDir, base: ctx.base };
  const timing = process.env.PATCHPILOT_TIMING;
  const mark = (what: string) => timing && appendFileSync(timing, `${what} ${Math.round(performance.now())} ms\n`);
  mark('start');
  const { stdin, stdout } = process;

  let inside = false;
  const enter = () => {
    if (inside) return;
    inside = true;
    stdout.write(ENTER);
  };
  const leave = () => {
    if (!inside) return;
    inside = false;
    stdout.write(LEAVE);
  };

  // Raw from the start, so that keys typed while the series loads are neither echoed nor held for a line.
  const typed: string[] = [];
  let onKeys = () => {};
  const onData = (b: Buffer | string) => {
    typed.push(String(b));
    onKeys();
  };
  stdin.setRawMode?.(true);
  stdin.on('data', onData);
  const stopReading = () => {
    stdin.off('data', onData);
    stdin.pause();
  };
  let loaded;
  try {
    loaded = await loadSeries(opts);
  } catch (e) {
    stopReading();
    stdin.setRawMode?.(false);
    throw e;
  }
  mark('series loaded');

  const inner = createActions(opts, loaded, {
    release() {
      stdin.setRawMode?.(false);
      leave();
    },
    resume() {
      enter();
      stdin.setRawMode?.(true);
    },
  });
  // With PATCHPILOT_TIMING, each effect's time and outcome is recorded too.
  const actions: Actions = timing
    ? {
        async perform(e, progress) {
          mark(`effect ${e.kind}${e.kind === 'refresh' ? ` ${e.stage}` : ''} start`);
          try {
            const r = await inner.perform(e, progress);
            mark(`effect ${e.kind} done${r.data ? '' : ' (no data)'}`);
            return r;
          } catch (err) {
            mark(`effect ${e.kind} failed: ${(err as Error).message}`);
            throw err;
          }
        },
      }
    : inner;

  // Until ink is up: the state, the frame it shows, and how it ends.
  let s: UiState = initialState(loaded.data, stdout.columns || 80, stdout.rows || 24, 'series', STARTUP);
  let truncate: TextStyle['truncate'];
  const style = (): TextStyle => ({ color: ctx.color, styles: process.env.TERM !== 'dumb', ...(truncate ? { truncate } : {}) });
  const paint = async () => {
    let lines = frameLines(s);
    if (!lines) return;
    // Wide or combining characters: cut as ink cuts them, with the module ink uses (loaded only for such rows).
    if (!truncate && needsTruncate(lines)) {
      const [{ default: cliTruncate }, { default: stringWidth }] = await Promise.all([import('cli-truncate'), import('string-width')]);
      truncate = (t, w) => cliTruncate(t, w, { position: 'end' });
      measureWideWith(stringWidth);
      lines = frameLines(s);
      if (!lines) return;
    }
    stdout.write(`${BEGIN_FRAME}${frameText(lines, s.width, style())}${END_FRAME}`);
  };
  let ended: (() => void) | undefined;
  const quit = new Promise<void>((resolve) => (ended = resolve));
  const apply = (a: Action) => {
    s = reducer(s, a);
    if (s.quit) ended?.();
  };
  const takeKeys = () => {
    for (const chunk of typed.splice(0)) apply(rawKey(chunk));
  };
  const onResize = () => {
    apply({ type: 'resize', width: stdout.columns || 80, height: stdout.rows || 24 });
    void paint();
  };
  stdout.on('resize', onResize);
  // A signal ends the TUI as q would, and the exit status says which signal (128 + its number). The handlers stay
  // until the terminal is given back: were none left while ink unmounts, ink's own exit hook would re-raise the
  // signal and the process would die on the alternate screen.
  let stop = () => apply({ type: 'key', input: 'c', key: { ctrl: true } });
  let signalled: NodeJS.Signals | undefined;
  const onSignal = (sig: NodeJS.Signals) => {
    signalled ??= sig;
    stop();
  };
  for (const sig of SIGNALS) process.on(sig, onSignal);
  const status = () => (signalled ? 128 + (osConstants.signals[signalled] ?? 0) : 0);

  try {
    enter();
    // The checklist, as the App's runner would run it: taken (the busy indicator shows), performed, done.
    const job = s.queue[0]!;
    apply({ type: 'taken', ids: [job.id] });
    takeKeys();
    await paint();
    mark('first frame');
    onKeys = () => {
      takeKeys();
      void paint();
    };
    testPause('tui-first-frame');
    const report = actions.perform(job.effect, (progress) => {
      apply({ type: 'progress', id: job.id, progress });
      void paint();
    });
    let taken: Job[] = [];
    const outcome = await Promise.race([
      report.then(
        (result) => ({ type: 'done', job, result }) as const,
        (e: Error) => ({ type: 'failed', job, error: e.message.split('\n')[0] ?? String(e) }) as const,
      ),
      quit.then(() => null),
    ]);
    if (outcome) {
      apply(outcome);
      // The recipients stage is taken now, so that this frame already says it is loading, as ink's frames go on to.
      taken = s.queue.filter((j) => j.effect.kind === 'refresh');
      apply({ type: 'taken', ids: taken.map((j) => j.id) });
      await paint();
      mark('checklist decided');
    }
    // Round the event loop through one poll for input, so that keys typed meanwhile are read before ink loads: a
    // checklist decided from the caches can be ready before the loop has polled the terminal, and a q waiting there
    // then quits without ink. One immediate may run in the check phase right after the poll this code runs in; an
    // immediate queued from it runs only after the next iteration's poll.
    await new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));
    if (s.quit) return status();
    stopReading();
    stdout.off('resize', onResize);
    takeKeys();
    const { mountTui } = await import('./tui-ink.js');
    if (s.quit) return status();
    await mountTui({ state: s, taken, actions, color: ctx.color, mark, onStop: (f) => (stop = f) });
    return status();
  } finally {
    for (const sig of SIGNALS) process.off(sig, onSignal);
    stdout.off('resize', onResize);
    stopReading();
    stdin.setRawMode?.(false);
    leave();
  }
}
