/**
 * Named pause points for crash tests. With PATCHPILOT_TEST_PAUSE set to a
 * comma-separated list of point names, a process that reaches one of them
 * writes `patchpilot-test-pause: <point> <pid>` as one line on stderr and
 * stops itself with SIGSTOP. A test waits for that line, then kill -9s the
 * process (a crash exactly there) or sends SIGCONT (it carries on). Without
 * the variable this is one environment lookup.
 *
 * Points in a rewrite (src/history/rewrite.ts), in order:
 *   locked            the rewrite lock is held, nothing read yet
 *   before-pack       new commits built in memory, nothing written
 *   before-update-ref commits written to the object store, branch not moved
 *   after-update-ref  branch moved and backup refs made, state file not yet updated
 * In a state update (src/store/state.ts):
 *   state-locked      the state lock is held, the file not yet read
 * In the TUI (bin/tui.ts):
 *   tui-first-frame   the Series screen drawn, keys read, the checklist not yet decided, ink not loaded
 * Rendering the cover letter (src/letter/export.ts):
 *   cover-rendering   its temporary directory made, format-patch not yet run
 */
export type PausePoint = 'locked' | 'before-pack' | 'before-update-ref' | 'after-update-ref' | 'state-locked' | 'tui-first-frame' | 'cover-rendering';

export function testPause(point: PausePoint): void {
  const want = process.env.PATCHPILOT_TEST_PAUSE;
  if (!want || !want.split(',').includes(point)) return;
  process.stderr.write(`patchpilot-test-pause: ${point} ${process.pid}\n`);
  process.kill(process.pid, 'SIGSTOP');
}
