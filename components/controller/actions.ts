/**
 * What the TUI's effects do: each calls an operation of src/ops (the same
 * ones the CLI commands call), then reloads so the screen shows what is now
 * on disk. Components never reach git or files; they only queue effects.
 */
import { resolve } from 'node:path';
import type { Actions, Effect, EffectResult, Progress } from '../effects.js';
import { scissorsBlock } from '../../src/editor.js';
import { UsageError } from '../../src/errors.js';
import { answer, changeParent, type AnswerRequest } from '../../src/ops/answer.js';
import { onBranch, openBranch, type OnBranch } from '../../src/ops/branch.js';
import { check } from '../../src/ops/check.js';
import { changeCover } from '../../src/ops/cover.js';
import { changeRecipients } from '../../src/ops/recipients.js';
import { exportTo, recordSent, writeSendScript } from '../../src/ops/send.js';
import {
  applyTrailers,
  openForTrailersIn,
  planCount,
  planTrailers,
  undoRewrite,
  withoutRejected,
  type PlanRequest,
  type TrailerPlan,
} from '../../src/ops/trailers.js';
import { stateLockFree } from '../../src/ops/state-lock.js';
import { checkOutputTarget } from '../../src/store/files.js';
import { count } from '../../src/text/plural.js';
import { load, loadExtras, loadReport, type Loaded, type SessionOptions } from './session.js';
import { editInTerminal, NO_TERMINAL, type TerminalHooks } from './terminal.js';
import { planView } from './plan-view.js';
import { tuiWords } from './messages.js';

export interface ActionContext {
  opts: SessionOptions;
  current: Loaded;
  terminal: TerminalHooks;
  /** The plan last shown, applied as shown when the user says yes. */
  plan?: { key: string; plan: TrailerPlan };
  /** Reloads are numbered when they start; one that started before the last applied is stale. */
  started: number;
  applied: number;
}

function planKey(e: { kind: string; commits?: string[]; trailer?: string; path?: string }): string {
  return JSON.stringify([e.kind.replace(/-(plan|apply)$/, ''), e.commits ?? [], e.trailer ?? '', e.path ?? '']);
}

/**
 * Bring in what `next` loads, unless a later load already did. Checkpatch
 * runs beside the other effects, so two loads can overlap: the one that
 * began earlier may not carry the later change and must not replace what is
 * on screen.
 */
async function settle(ctx: ActionContext, next: () => Promise<Loaded>, message?: string): Promise<EffectResult> {
  const n = ++ctx.started;
  const fresh = await next();
  if (n < ctx.applied) return message ? { message } : {};
  ctx.applied = n;
  ctx.current = fresh;
  return { data: fresh.data, ...(message ? { message } : {}) };
}

/** Read everything again. */
function reload(ctx: ActionContext, message?: string): Promise<EffectResult> {
  return settle(ctx, () => load(ctx.opts), message);
}

/** The branch read afresh for an op that writes what it read (the cover letter, an export). */
async function fresh(ctx: ActionContext, why: string): Promise<OnBranch> {
  return onBranch(await openBranch(ctx.opts), why);
}

function planRequest(e: Extract<Effect, { kind: 'trailer-plan' | 'import-plan' | 'trailer-apply' | 'import-apply' }>): PlanRequest {
  return e.kind === 'trailer-plan' || e.kind === 'trailer-apply'
    ? { kind: 'add', trailers: [e.trailer], commits: e.commits }
    : { kind: 'import', path: e.path };
}

function answerRequest(a: Extract<Effect, { kind: 'answer' }>['answer']): AnswerRequest {
  if (!a) return { kind: 'clear' };
  if (a.text !== undefined) return { kind: 'text', text: a.text };
  return { kind: 'confirm', ...(a.note ? { note: a.note } : {}) };
}

async function perform(ctx: ActionContext, e: Effect, progress: (p: Progress) => void): Promise<EffectResult> {
  const { series, opened } = ctx.current;
  switch (e.kind) {
    case 'recipient':
    case 'recipient-add':
    case 'recipient-mode': {
      if (e.kind === 'recipient-mode') {
        changeRecipients(opened, { mode: e.mode });
        return reload(ctx, e.mode === 'per-patch' ? 'each patch goes to its own recipients, the cover letter to all' : 'every patch goes to every recipient');
      }
      if (e.kind === 'recipient-add') {
        const r = changeRecipients(opened, e.field === 'to' ? { addTo: [e.address] } : { add: [e.address] });
        return reload(ctx, `added ${r.added[0]!.address} to ${e.field === 'to' ? 'To' : 'Cc'}`);
      }
      if (e.op === 'drop') {
        const r = changeRecipients(opened, { drop: [e.address] });
        return reload(ctx, `dropped ${r.dropped[0]!.email} (Space restores)`);
      }
      changeRecipients(opened, { undrop: [e.address] });
      return reload(ctx, `restored ${e.address}`);
    }
    case 'refresh': {
      // The first frame has the series only: the checklist comes next, then the rest.
      if (e.stage === 'report') return ctx.current.report ? {} : settle(ctx, () => loadReport(ctx.current));
      return settle(ctx, () => loadExtras(ctx.current));
    }
    case 'reload':
      return reload(ctx, 'read the branch again');
    case 'answer': {
      const r = await answer(series.repo, e.itemId, answerRequest(e.answer), {
        opened,
        ...(ctx.current.report ? { report: ctx.current.report } : {}),
        ...(ctx.opts.base !== undefined ? { base: ctx.opts.base } : {}),
      });
      const what = r.input.kind === 'clear' ? 'cleared' : r.input.kind === 'text' ? 'answer saved' : 'confirmed';
      return reload(ctx, `${e.itemId}: ${what}`);
    }
    case 'checkpatch': {
      progress({ label: 'running checkpatch', done: 0, total: series.commits.length });
      const ran = await check(opened, { checkpatch: true, onProgress: (done, total) => progress({ label: 'running checkpatch', done, total }) });
      return reload(ctx, ran.checkpatch ?? 'checkpatch finished');
    }
    case 'editor': {
      // A scissors line, not '#'-stripping: answers may quote code ('#include', '#define').
      const help = `\n${scissorsBlock(['Write the text above the line; save and quit to keep it.'])}`;
      return { text: await editInTerminal(series.repo.git, e.text, help, ctx.terminal) };
    }
    case 'trailer-plan':
    case 'import-plan': {
      const b = await openForTrailersIn(series.repo, ctx.opts.base);
      const plan = await planTrailers(b, planRequest(e));
      ctx.plan = { key: planKey(e), plan };
      const n = planCount(plan);
      if (!n) {
        const why = plan.skipped.length ? `; ${plan.skipped.length} skipped: ${plan.skipped[0]!.reason}` : '';
        return { message: `nothing to add: every trailer is already there${why}` };
      }
      return { plan: { title: `${plan.what}: ${count(n, 'trailer')} to add`, ...planView(plan) } };
    }
    case 'trailer-apply':
    case 'import-apply': {
      const b = await openForTrailersIn(series.repo, ctx.opts.base);
      const shown = ctx.plan?.key === planKey(e) ? ctx.plan.plan : await planTrailers(b, planRequest(e));
      ctx.plan = undefined;
      const r = await applyTrailers(b, withoutRejected(shown, e.reject), {
        onProgress: (p) => progress({ label: `rewriting the branch (${p.phase})`, done: p.done, total: p.total }),
      });
      if (!r) return reload(ctx, 'nothing to add');
      return reload(ctx, `rewrote ${count(r.rewritten, 'commit')}; ${r.branch} is at ${r.newTip.slice(0, 12)} (u undoes)`);
    }
    case 'undo': {
      const r = await undoRewrite(series.repo);
      return reload(ctx, `restored ${r.branch} to ${r.restored.slice(0, 12)}${r.what ? ` (undid: ${r.what})` : ''}`);
    }
    case 'cover': {
      await changeCover(await fresh(ctx, 'the cover letter is kept per branch'), { [e.field]: e.text });
      return reload(ctx, `cover letter ${e.field} saved`);
    }
    case 'prefixes': {
      await changeCover(await fresh(ctx, 'the cover letter is kept per branch'), { prefixes: e.prefixes });
      return reload(ctx, e.prefixes.length ? `subject prefixes: ${e.prefixes.join(' ')}` : 'no subject prefixes');
    }
    case 'parent': {
      try {
        changeParent(series.repo, e.section, e.op);
      } catch (err) {
        if (err instanceof UsageError && e.op === 'add') throw new UsageError(`${err.message} (Tab completes the names)`);
        throw err;
      }
      return reload(
        ctx,
        e.op === 'add' ? `${e.section} is now a parent driver: its approval is asked for` : `${e.section} is no longer treated as a parent driver`,
      );
    }
    case 'export': {
      const { record } = await exportTo(await fresh(ctx, 'the export is kept per branch'), e.dir, {
        ...(e.force ? { force: true } : {}),
        ...(e.thread !== undefined ? { threadToPrevious: e.thread } : {}),
      });
      return reload(ctx, `wrote ${count(record.files.length, 'file')} to ${record.dir}`);
    }
    case 'write-command': {
      // A device, FIFO or symbolic link is refused here (and again by the writer); a regular file is replaced only once the user says so.
      if (checkOutputTarget(e.path, series.repo.root) === 'file' && !e.overwrite) {
        return {
          confirm: {
            prompt: `${resolve(series.repo.root, e.path)} exists: overwrite it? (y: overwrite, n: back to the name)`,
            effect: { ...e, overwrite: true },
          },
        };
      }
      // Asking for the command records the export as the one printed (what sent takes).
      const { path } = await writeSendScript(await fresh(ctx, 'the export is kept per branch'), e.path);
      return reload(ctx, `wrote ${path}`);
    }
    case 'sent': {
      const r = await recordSent(await fresh(ctx, 'sent versions are kept per branch'), e.messageId ? { messageId: e.messageId } : {});
      const line = r.updated
        ? `v${r.version} (tag ${r.tag}): Message-ID ${r.replaced ? `corrected (was ${r.replaced})` : 'recorded'}`
        : `v${r.version} recorded: tag ${r.tag} on ${r.tip.slice(0, 12)}`;
      return reload(ctx, line);
    }
    default:
      throw new UsageError(`${(e as Effect).kind}: not available in this build`);
  }
}

const REWRITES = new Set<Effect['kind']>(['trailer-apply', 'import-apply', 'undo']);

/** Effects that update the branch's state file (under its lock). */
const WRITES_STATE = new Set<Effect['kind']>([
  'answer',
  'recipient',
  'recipient-add',
  'recipient-mode',
  'cover',
  'prefixes',
  'parent',
  'export',
  'write-command',
  'sent',
  'trailer-apply',
  'import-apply',
  'undo',
]);

export function createActions(opts: SessionOptions, current: Loaded, terminal: TerminalHooks = NO_TERMINAL): Actions & { ctx: ActionContext } {
  const ctx: ActionContext = { opts, current, terminal, started: 0, applied: 0 };
  return {
    ctx,
    perform: async (e, progress) => {
      // Waited for here, asynchronously: the update's own wait would block the event loop, freezing the screen and the keys.
      if (WRITES_STATE.has(e.kind)) {
        await stateLockFree(ctx.current.opened.repo, {
          onWait: (h) => progress({ label: `waiting for patchpilot pid ${h.pid}, which is updating this branch's state` }),
        });
      }
      try {
        return await perform(ctx, e, progress);
      } catch (err) {
        if (!(err instanceof UsageError)) throw err;
        const text = tuiWords(err.message);
        // A refused rewrite (the branch moved, another rewrite ran): what is on screen is stale, so read it again.
        if (REWRITES.has(e.kind)) {
          const fresh = await reload(ctx).catch(() => ({}));
          return { ...fresh, error: text };
        }
        throw new UsageError(text);
      }
    },
  };
}
