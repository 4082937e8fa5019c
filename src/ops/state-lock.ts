/**
 * Waiting for another process's state update without blocking. The state
 * lock (src/store/state.ts) is waited for synchronously, which is right for a
 * command but freezes a terminal UI: keys pile up unread and nothing is
 * drawn. A caller with an event loop to keep waits here first, asynchronously,
 * until no live process holds the branch's state lock; the update that
 * follows then takes it at once (or, in the rare race, waits briefly).
 */
import { UsageError } from '../errors.js';
import type { Repo } from '../git/repo.js';
import { liveHolder } from '../history/lock.js';
import { statePath } from '../store/state.js';
import { displayArg } from '../text/shell.js';

export interface StateLockWait {
  /** How long to wait for the holder before giving up (as the synchronous wait does). */
  waitMs?: number;
  /** Called once, when the lock is found held: who holds it. */
  onWait?: (holder: { pid: number }) => void;
  /** Time between looks. */
  pollMs?: number;
}

/** Resolve once no live process holds the state lock of the repository's branch; a UsageError after `waitMs`. */
export async function stateLockFree(repo: Pick<Repo, 'commonDir' | 'branch'>, opts: StateLockWait = {}): Promise<void> {
  if (!repo.branch) return;
  const file = statePath(repo.commonDir, repo.branch);
  const lock = `${file}.lock`;
  const deadline = Date.now() + (opts.waitMs ?? 10_000);
  let told = false;
  for (;;) {
    const h = liveHolder(lock);
    if (!h) return;
    if (!told) opts.onWait?.(h);
    told = true;
    if (Date.now() >= deadline) {
      throw new UsageError(
        `another patchpilot (pid ${h.pid}) is still updating ${displayArg(file)}; nothing was saved: try again once it has finished (if none is running, remove ${displayArg(lock)})`,
      );
    }
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 50));
  }
}
