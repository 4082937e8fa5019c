/**
 * ink takes over the terminal from bin/tui.ts: the App starts from the state
 * whose frames are already on screen (the series, the checklist decided) and
 * its runner performs what is still queued (the recipients, the cover letter,
 * the send command). Loaded after those frames: ink, react and yoga's
 * WebAssembly are most of the TUI's start-up.
 */
import { render } from 'ink';
import { createElement, useEffect, useState } from 'react';
import { App } from '../components/App.js';
import type { Actions } from '../components/effects.js';
import type { Job, UiState } from '../components/ui-state.js';

export interface Handover {
  state: UiState;
  /** Jobs the state shows running already, for the App's runner to perform. */
  taken: Job[];
  actions: Actions;
  color: boolean;
  /** Records when ink's first frame is drawn (PATCHPILOT_TIMING). */
  mark(what: string): void;
  /** Called when SIGTERM or SIGHUP should end the TUI: returns the function that does it. */
  onStop(stop: () => void): void;
}

export async function mountTui(h: Handover): Promise<void> {
  const { stdout } = process;
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
  const actions: Actions = { perform: (e, p) => h.actions.perform(e, p), shown };

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
    return createElement(App, { data: h.state.data, state: h.state, taken: h.taken, actions, width: size.width, height: size.height, color: h.color });
  }

  clearBeforeFirstFrame(stdout);
  let first = true;
  const onRender = () => {
    if (first) h.mark('ink frame');
    first = false;
    const waiting = onFrame;
    onFrame = [];
    for (const f of waiting) f();
  };
  // ink draws at most maxFps frames a second; at its default 30, a result that lands just after a busy indicator's frame
  // waited up to 33 ms for the next one. A frame is drawn only when something changed, so the higher cap costs nothing idle.
  const instance = render(createElement(Root), { exitOnCtrlC: false, patchConsole: true, onRender, maxFps: 120 });
  h.onStop(() => instance.unmount());
  await instance.waitUntilExit();
}

/**
 * ink draws its first frame from the top without erasing: what bin/tui.ts drew would stay wherever ink writes nothing
 * (keys typed before ink loaded may have led to another screen, the terminal may have been resized). The screen is
 * cleared in the same write as ink's first frame, so it never shows empty.
 */
function clearBeforeFirstFrame(stdout: NodeJS.WriteStream): void {
  const write = stdout.write;
  stdout.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
    if (typeof chunk === 'string' && chunk.includes('\n')) {
      stdout.write = write;
      return (write as (c: string, ...r: unknown[]) => boolean).call(this, `\x1b[H\x1b[2J${chunk}`, ...rest);
    }
    return (write as (c: unknown, ...r: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof stdout.write;
}
