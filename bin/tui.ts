/**
 * The TUI entry: read the series (while ink loads), take the terminal
 * (alternate screen, raw mode), render the first frame with the series
 * alone, and let effects bring the checklist, then the recipients, cover
 * letter and send command. Keys work from the first frame. The terminal is
 * given back exactly as it was on every way out: q, Ctrl+C, SIGTERM, an error.
 */
import { appendFileSync } from 'node:fs';
import { createElement, useEffect, useState } from 'react';
import { loadSeries } from '../components/controller/session.js';
import type { Context } from './cli.js';

const ENTER = '\x1b[?1049h\x1b[?25l';
const LEAVE = '\x1b[?25h\x1b[?1049l';

export async function runTui(ctx: Context, _args: string[]): Promise<number> {
  const opts = { repoDir: ctx.repoDir, base: ctx.base };
  const timing = process.env.PATCHPILOT_TIMING;
  const mark = (what: string) => timing && appendFileSync(timing, `${what} ${Math.round(performance.now())} ms\n`);
  mark('start');
  const [ink, { App }, { createActions }, loaded] = await Promise.all([
    import('ink').then((m) => (mark('ink loaded'), m)),
    import('../components/App.js'),
    import('../components/controller/actions.js'),
    loadSeries(opts).then((l) => (mark('series loaded'), l)),
  ]);
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
  // shown() resolves at ink's next frame (or after 100 ms, should none come): the recipients stage, started right after
  // the checklist's result, would otherwise hold that frame back until its own first wait for git (about 80 ms).
  let onFrame: (() => void)[] = [];
  const shown = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, 100);
      timer.unref();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      onFrame.push(done);
    });
  const base = { ...inner, shown };
  // With PATCHPILOT_TIMING, each effect's time and outcome is recorded too.
  const actions: typeof base = timing
    ? {
        ...base,
        async perform(e, progress) {
          mark(`effect ${e.kind} start`);
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
    : base;

  // The size follows the terminal; the App re-lays itself out on every change.
  function Root() {
    const [size, setSize] = useState({ width: stdout.columns || 80, height: stdout.rows || 24 });
    useEffect(() => {
      const on = () => setSize({ width: stdout.columns || 80, height: stdout.rows || 24 });
      stdout.on('resize', on);
      return () => {
        stdout.off('resize', on);
      };
    }, []);
    return createElement(App, {
      data: loaded.data,
      actions,
      width: size.width,
      height: size.height,
      color: ctx.color,
      startup: [
        { kind: 'refresh', stage: 'report' },
        { kind: 'refresh', stage: 'extras' },
      ],
    });
  }

  const onSignal = () => instance.unmount();
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  enter();
  let first = true;
  const onRender = () => {
    if (first) mark('first frame');
    first = false;
    const waiting = onFrame;
    onFrame = [];
    for (const f of waiting) f();
  };
  // ink draws at most maxFps frames a second; at its default 30, a result that lands just after a busy indicator's frame
  // waited up to 33 ms for the next one. A frame is drawn only when something changed, so the higher cap costs nothing idle.
  const instance = ink.render(createElement(Root), { exitOnCtrlC: false, patchConsole: true, onRender, maxFps: 120 });
  try {
    await instance.waitUntilExit();
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    leave();
  }
  return 0;
}
