/**
 * What the views ask of the outside world, and what comes back. The reducer
 * queues effects; the App hands them to an `Actions` implementation
 * (components/controller/actions.ts, calling the operations in src/ops/)
 * that does the git and file work and returns fresh data.
 */
import type { AppData } from './view-data.js';

export type CoverField = 'title' | 'body' | 'changes';

export type Effect =
  /** Load everything, including what the first frame did without (the cover letter, the send command). */
  /** `stage`: 'report' brings the checklist to a first frame that has only the series; 'extras' (the default) the rest. */
  | { kind: 'refresh'; stage?: 'report' | 'extras' }
  /** Read everything again (the user changed the tree or the branch outside). */
  | { kind: 'reload' }
  | { kind: 'answer'; itemId: string; answer: { text?: string; confirmed?: boolean; note?: string } | null }
  | { kind: 'editor'; text: string; target: EditTarget }
  | { kind: 'recipient'; op: 'drop' | 'restore'; address: string }
  | { kind: 'recipient-add'; address: string; field: 'to' | 'cc' }
  | { kind: 'recipient-mode'; mode: 'series' | 'per-patch' }
  | { kind: 'trailer-plan'; commits: string[]; trailer: string }
  /** `reject`: ids of the plan's trailers the user turned down (PlanChoice.id); they are not added. */
  | { kind: 'trailer-apply'; commits: string[]; trailer: string; reject?: string[] }
  | { kind: 'import-plan'; path: string }
  | { kind: 'import-apply'; path: string; reject?: string[] }
  | { kind: 'undo' }
  | { kind: 'checkpatch' }
  | { kind: 'cover'; field: CoverField; text: string }
  | { kind: 'prefixes'; prefixes: string[] }
  | { kind: 'parent'; op: 'add' | 'remove'; section: string }
  /** `force`: export although checklist items are open (the user saw them listed on the Send screen). */
  /** `thread`: the user's threading choice (SendView.threadToPrevious), remembered per branch by this export. */
  | { kind: 'export'; dir: string; force?: boolean; thread?: boolean }
  /** `overwrite`: the user said yes to replacing the regular file there. */
  | { kind: 'write-command'; path: string; overwrite?: boolean }
  | { kind: 'sent'; messageId?: string };

/** Where the text of a prompt or of $EDITOR goes when it is saved. */
export type EditTarget =
  | { kind: 'answer'; itemId: string; key: string }
  | { kind: 'note'; itemId: string }
  | { kind: 'recipient'; field: 'to' | 'cc' }
  | { kind: 'trailer'; commits: string[] }
  | { kind: 'import' }
  | { kind: 'cover'; field: CoverField }
  | { kind: 'prefixes' }
  /** `parents`: the sections taken as parents now; only these can be removed. */
  | { kind: 'parent'; op: 'add' | 'remove'; parents?: string[] }
  | { kind: 'export'; force?: boolean; thread?: boolean }
  | { kind: 'write-command' }
  | { kind: 'message-id' };

export interface EffectResult {
  data?: AppData;
  message?: string;
  /** A rewrite or import plan to show before anything moves; `choices` are its incoming trailers, each of which the user may turn down. */
  plan?: { title: string; lines: string[]; choices?: Array<{ id: string; line: number }> };
  /** The text written in $EDITOR. */
  text?: string;
  /** A yes/no question before going on (overwrite a file?); yes runs `effect`. */
  confirm?: { prompt: string; effect: Effect };
  /** It failed, but what was read afterwards is in `data` (a refused rewrite reloads so the view is not stale). */
  error?: string;
}

export interface Progress {
  label: string;
  done?: number;
  total?: number;
}

export interface Actions {
  perform(effect: Effect, progress: (p: Progress) => void): Promise<EffectResult>;
  /** Resolves once the terminal has drawn what was dispatched so far: a lane's next effect waits for it, so its work does not hold back that frame. */
  shown?(): Promise<void>;
}

/** A one-line label for the busy indicator. */
export function describe(e: Effect): string {
  switch (e.kind) {
    case 'refresh':
      return e.stage === 'report' ? 'deciding the checklist' : 'loading the recipients and the cover letter';
    case 'reload':
      return 'reading the branch again';
    case 'answer':
      return 'saving the answer';
    case 'editor':
      return 'waiting for the editor';
    case 'recipient':
    case 'recipient-add':
    case 'recipient-mode':
      return 'updating recipients';
    case 'trailer-plan':
    case 'import-plan':
      return 'planning the rewrite';
    case 'trailer-apply':
    case 'import-apply':
      return 'rewriting the branch';
    case 'undo':
      return 'restoring the previous tip';
    case 'checkpatch':
      return 'running checkpatch';
    case 'parent':
      return 'updating the parent drivers';
    case 'cover':
    case 'prefixes':
      return 'saving the cover letter';
    case 'export':
      return 'exporting patches';
    case 'write-command':
      return 'writing the command';
    case 'sent':
      return 'recording the sent version';
  }
}
