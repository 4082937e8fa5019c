/**
 * The TUI: one reducer, the frame, the current screen, and the runner that
 * hands queued effects to the controller (components/controller/) and feeds
 * their results back.
 */
import { Box, useApp, useInput } from 'ink';
import { useEffect, useReducer, useRef } from 'react';
import { Frame } from './Chrome.js';
import { EditBox, editBoxHeight } from './edit-box/EditBox.js';
import type { Actions, Effect } from './effects.js';
import type { AppData } from './view-data.js';
import { Confirm, Help, Plan } from './Overlays.js';
import { reducer } from './reducer.js';
import { ChecklistScreen } from './screens/Checklist.js';
import { CoverScreen } from './screens/Cover.js';
import { RecipientsScreen } from './screens/Recipients.js';
import { SendScreen } from './screens/Send.js';
import { SeriesScreen } from './screens/Series.js';
import { TrailersScreen } from './screens/Trailers.js';
import { bodyHeight, initialState, type Job, type ScreenId, type UiState } from './ui-state.js';
import { ThemeContext } from './theme.js';

export interface AppProps {
  data: AppData;
  actions: Actions;
  width: number;
  height: number;
  color: boolean;
  screen?: ScreenId;
  /** Effects to run once the first frame is up (loading what it did without). */
  startup?: Effect[];
  /** Called with every new state: tests read the reducer's state through it. */
  onState?: (s: UiState) => void;
  /** The state to start from (the TUI's first frames were drawn before ink loaded); otherwise one from data and startup. */
  state?: UiState;
  /** Jobs that state shows running already (taken before ink loaded): the runner performs them first. */
  taken?: Job[];
}

function Screen({ s, height }: { s: UiState; height: number }) {
  switch (s.screen) {
    case 'series':
      return <SeriesScreen s={s} height={height} />;
    case 'checklist':
      return <ChecklistScreen s={s} height={height} />;
    case 'recipients':
      return <RecipientsScreen s={s} height={height} />;
    case 'trailers':
      return <TrailersScreen s={s} height={height} />;
    case 'cover':
      return <CoverScreen s={s} height={height} />;
    case 'send':
      return <SendScreen s={s} height={height} />;
  }
}

export function Body({ s }: { s: UiState }) {
  const h = bodyHeight(s);
  if (s.help) return <Help s={s} height={h} />;
  if (s.plan) return <Plan s={s} height={h} />;
  if (s.edit) {
    // A question about the box (quit and lose the draft?) goes under it, the draft still in view.
    const q = s.confirm ? 2 : 0;
    const eh = Math.min(h - 1 - q, editBoxHeight(s.edit, h, s.width));
    return (
      <Box flexDirection="column" height={h}>
        <Screen s={s} height={h - eh - q} />
        <EditBox e={s.edit} width={s.width} height={eh} />
        {s.confirm ? <Confirm s={s} /> : null}
      </Box>
    );
  }
  if (s.confirm) {
    return (
      <Box flexDirection="column" height={h}>
        <Screen s={s} height={h - 2} />
        <Confirm s={s} />
      </Box>
    );
  }
  return <Screen s={s} height={h} />;
}

/** Checkpatch may take a while on a big series; it must not hold up answers and edits. */
function lane(e: Effect): string {
  return e.kind === 'checkpatch' ? 'checkpatch' : 'main';
}

export function App({ data, actions, width, height, color, screen, startup, onState, state, taken }: AppProps) {
  const [s, dispatch] = useReducer(reducer, undefined, () => state ?? initialState(data, width, height, screen, startup));
  const { exit } = useApp();
  const lanes = useRef(new Map<string, Promise<void>>());

  useEffect(() => {
    if (s.width !== width || s.height !== height) dispatch({ type: 'resize', width, height });
  }, [width, height, s.width, s.height]);

  useInput((input, key) => dispatch({ type: 'key', input, key }));

  const perform = (jobs: Job[]) => {
    for (const job of jobs) {
      const name = lane(job.effect);
      const prev = lanes.current.get(name) ?? Promise.resolve();
      const run = async (j: Job) => {
        try {
          const result = await actions.perform(j.effect, (progress) => dispatch({ type: 'progress', id: j.id, progress }));
          dispatch({ type: 'done', job: j, result });
          // The next effect in this lane (the recipients after the checklist) computes for a while without yielding.
          await actions.shown?.();
        } catch (e) {
          dispatch({ type: 'failed', job: j, error: (e as Error).message.split('\n')[0] ?? String(e) });
        }
      };
      lanes.current.set(
        name,
        prev.then(() => run(job)),
      );
    }
  };

  // Once, at mount: these were taken before the App existed.
  useEffect(() => {
    if (taken?.length) perform(taken);
  }, []);

  useEffect(() => {
    if (!s.queue.length) return;
    const jobs = s.queue;
    dispatch({ type: 'taken', ids: jobs.map((j) => j.id) });
    perform(jobs);
  }, [s.queue, actions]);

  useEffect(() => {
    onState?.(s);
    if (s.quit) exit();
  }, [s, onState, exit]);

  return (
    <ThemeContext.Provider value={{ color }}>
      <Frame s={s}>
        <Body s={s} />
      </Frame>
    </ThemeContext.Provider>
  );
}
