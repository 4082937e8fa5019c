/**
 * What the TUI's effects do: each is a call into the domain modules
 * (answers, recipients, trailers, cover, export, versions), followed by a
 * reload so the screen shows what is now on disk. Components never reach
 * git or files; they only queue these effects.
 */
import type { Actions, Effect, EffectResult, Progress } from '../effects.js';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { coversOf, recordAnswer, setParent, type AnswerInput } from '../../src/acceptance/answers.js';
import { evaluateWithCheckpatch } from '../../src/acceptance/evaluate.js';
import { scissorsBlock } from '../../src/editor.js';
import { UsageError } from '../../src/errors.js';
import { addRecipient, dropRecipient, undropRecipient } from '../../src/recipients/compute.js';
import { updateState, writeFileAtomic } from '../../src/store/state.js';
import { lastLine, runCommand } from './commands.js';
import { applyPlan, openBranchIn, planAdd, planCount, undo, type TrailerPlan } from '../../src/trailers/actions.js';
import { parseTrailerArg } from '../../src/trailers/edit.js';
import { load, withExtras, type Loaded, type SessionOptions } from './session.js';
import { editInTerminal, NO_TERMINAL, type TerminalHooks } from './terminal.js';
import { planLines } from './plan-view.js';

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
 * Read everything again. Checkpatch runs beside the other effects, so two
 * reloads can overlap: the one that began earlier may not carry the later
 * change and must not replace what is on screen.
 */
async function reload(ctx: ActionContext, message?: string): Promise<EffectResult> {
  const n = ++ctx.started;
  const fresh = await load(ctx.opts);
  if (n < ctx.applied) return message ? { message } : {};
  ctx.applied = n;
  ctx.current = fresh;
  return { data: fresh.data, ...(message ? { message } : {}) };
}

async function branchCtx(ctx: ActionContext) {
  return openBranchIn(ctx.current.series.repo, ctx.opts.base);
}

async function makePlan(
  ctx: ActionContext,
  e: Extract<Effect, { kind: 'trailer-plan' | 'import-plan' | 'trailer-apply' | 'import-apply' }>,
): Promise<TrailerPlan> {
  const b = await branchCtx(ctx);
  if (e.kind === 'trailer-plan' || e.kind === 'trailer-apply') return planAdd(b, [parseTrailerArg(e.trailer)], { commits: e.commits });
  // The mail parser is big; it is loaded the first time a thread is imported, not at start-up.
  const { planImportFile } = await import('../../src/trailers/import.js');
  return planImportFile(b, e.path);
}

async function perform(ctx: ActionContext, e: Effect, progress: (p: Progress) => void): Promise<EffectResult> {
  const { series } = ctx.current;
  switch (e.kind) {
    case 'recipient':
    case 'recipient-add':
    case 'recipient-mode': {
      if (!series.branch) throw new UsageError('HEAD is detached; recipient choices are kept per branch: check out the topic branch');
      let what = '';
      updateState(series.repo.commonDir, series.branch, (s) => {
        if (e.kind === 'recipient-mode') {
          s.recipients.mode = e.mode;
          what = e.mode === 'per-patch' ? 'each patch goes to its own recipients, the cover letter to all' : 'every patch goes to every recipient';
        } else if (e.kind === 'recipient-add') what = `added ${addRecipient(s, e.address, e.field).address} to ${e.field === 'to' ? 'To' : 'Cc'}`;
        else if (e.op === 'drop') what = `dropped ${dropRecipient(s, e.address)} (Space restores)`;
        else {
          undropRecipient(s, e.address);
          what = `restored ${e.address}`;
        }
      });
      return reload(ctx, what);
    }
    case 'refresh': {
      const n = ++ctx.started;
      const fresh = await withExtras(ctx.opts, ctx.current);
      if (n < ctx.applied) return {};
      ctx.applied = n;
      ctx.current = fresh;
      return { data: fresh.data };
    }
    case 'reload':
      return reload(ctx, 'read the branch again');
    case 'answer': {
      if (!series.branch) throw new UsageError('HEAD is detached; answers are kept per branch: check out the topic branch');
      const a = e.answer;
      const item = ctx.current.report.items.find((i) => i.id === e.itemId);
      const input: AnswerInput = !a
        ? { kind: 'clear' }
        : a.text !== undefined
          ? { kind: 'text', text: a.text }
          : { kind: 'confirm', ...(a.note ? { note: a.note } : {}), ...(coversOf(item) ? { covers: coversOf(item) } : {}) };
      recordAnswer(series.repo.commonDir, series.branch, e.itemId, input);
      const what = input.kind === 'clear' ? 'cleared' : input.kind === 'text' ? 'answer saved' : 'confirmed';
      return reload(ctx, `${e.itemId}: ${what}`);
    }
    case 'checkpatch': {
      const { state } = ctx.current;
      progress({ label: 'running checkpatch', done: 0, total: series.commits.length });
      await evaluateWithCheckpatch(series, state, { checkpatch: true, onProgress: (done, total) => progress({ label: 'running checkpatch', done, total }) });
      return reload(ctx, 'checkpatch finished');
    }
    case 'editor': {
      // A scissors line, not '#'-stripping: answers may quote code ('#include', '#define').
      const help = `\n${scissorsBlock(['Write the text above the line; save and quit to keep it.'])}`;
      return { text: await editInTerminal(series.repo.git, e.text, help, ctx.terminal) };
    }
    case 'trailer-plan':
    case 'import-plan': {
      const plan = await makePlan(ctx, e);
      ctx.plan = { key: planKey(e), plan };
      if (!planCount(plan)) {
        const why = plan.skipped.length ? `; ${plan.skipped.length} skipped: ${plan.skipped[0]!.reason}` : '';
        return { message: `nothing to add: every trailer is already there${why}` };
      }
      return { plan: { title: `${plan.what}: ${planCount(plan)} trailer${planCount(plan) === 1 ? '' : 's'} to add`, lines: planLines(plan) } };
    }
    case 'trailer-apply':
    case 'import-apply': {
      const plan = ctx.plan?.key === planKey(e) ? ctx.plan.plan : await makePlan(ctx, e);
      ctx.plan = undefined;
      const b = await branchCtx(ctx);
      const r = await applyPlan(b, plan, (p) => progress({ label: `rewriting the branch (${p.phase})`, done: p.done, total: p.total }));
      if (!r) return reload(ctx, 'nothing to add');
      return reload(ctx, `rewrote ${r.rewritten} commit${r.rewritten === 1 ? '' : 's'}; ${r.branch} is at ${r.newTip.slice(0, 12)} (u undoes)`);
    }
    case 'undo': {
      const r = await undo(series.repo);
      return reload(ctx, `restored ${r.branch} to ${r.restored.slice(0, 12)}${r.what ? ` (undid: ${r.what})` : ''}`);
    }
    case 'cover': {
      const flag = e.field === 'title' ? '--title' : e.field === 'body' ? '--body' : '--changes';
      await runCommand('cover', [flag, e.text], ctx.opts, true);
      return reload(ctx, `cover letter ${e.field} saved`);
    }
    case 'parent': {
      if (!series.branch) throw new UsageError('HEAD is detached; check out the topic branch');
      const db = ctx.current.db;
      if (e.op === 'add' && db && !db.byName(e.section)) throw new UsageError(`no MAINTAINERS section is called "${e.section}" (Tab completes the names)`);
      setParent(series.repo.commonDir, series.branch, e.section, e.op);
      return reload(
        ctx,
        e.op === 'add' ? `${e.section} is now a parent driver: its approval is asked for` : `${e.section} is no longer treated as a parent driver`,
      );
    }
    case 'prefixes': {
      await runCommand('cover', e.prefixes.length ? e.prefixes.flatMap((p) => ['--prefix', p]) : ['--no-prefix'], ctx.opts, true);
      return reload(ctx, e.prefixes.length ? `subject prefixes: ${e.prefixes.join(' ')}` : 'no subject prefixes');
    }
    case 'export': {
      const r = await runCommand('export', ['-o', e.dir], ctx.opts);
      return reload(ctx, lastLine(r) || `exported to ${e.dir}`);
    }
    case 'write-command': {
      // The file sends for real when run; the dry run is in it as a comment to try first.
      const r = await runCommand('send-cmd', [], ctx.opts, true);
      const cmd = JSON.parse(r.out) as { shell: string; dryRunShell: string };
      const path = resolve(series.repo.root, e.path);
      mkdirSync(dirname(path), { recursive: true });
      const text = [
        '#!/bin/sh',
        `# Written by patchpilot: sends v${series.version} of ${series.branch}. Read it, then run it.`,
        '# To see every message and its recipients without sending anything, run first:',
        `#   ${cmd.dryRunShell}`,
        cmd.shell,
        '',
      ].join('\n');
      writeFileAtomic(path, text);
      chmodSync(path, 0o755);
      return reload(ctx, `wrote ${path}`);
    }
    case 'sent': {
      const r = await runCommand('sent', e.messageId ? ['--message-id', e.messageId] : [], ctx.opts);
      return reload(ctx, lastLine(r));
    }
    default:
      throw new UsageError(`${(e as Effect).kind}: not available in this build`);
  }
}

export function createActions(opts: SessionOptions, current: Loaded, terminal: TerminalHooks = NO_TERMINAL): Actions & { ctx: ActionContext } {
  const ctx: ActionContext = { opts, current, terminal, started: 0, applied: 0 };
  return { ctx, perform: (e, progress) => perform(ctx, e, progress) };
}
