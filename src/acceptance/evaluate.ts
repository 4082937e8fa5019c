/**
 * The acceptance report: which profiles apply, and each item's decision with
 * its evidence and the submitter's answer. One plain function for the CLI
 * and the TUI; checkpatch results come from the per-branch cache or a run.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Series } from '../series/read.js';
import { updateState, type AnswerState, type BranchState } from '../store/state.js';
import { CHECKPATCH, cachedRun, runCheckpatch, type CheckpatchRun } from './checkpatch.js';
import { buildContext } from './context.js';
import type { MaintainersView } from './maintainers-view.js';
import { todoLine, type Decision, type EvalContext, type ItemResult, type ProfileDef, type Report, type Todo } from './types.js';
import { loadProfiles } from './repo-profiles.js';

export interface EvaluateOptions {
  /** A checkpatch run to use; otherwise the cached one for this tip, if any. */
  checkpatch?: CheckpatchRun;
  maintainers?: MaintainersView | null;
  /** Default: the built-in profiles and the tree's .patchpilot/profiles.json. */
  profiles?: ProfileDef[];
}

function profileDoc(p: ProfileDef, ctx: EvalContext): string | undefined {
  if (p.docSection) return ctx.maintainers?.byName(p.docSection)?.profiles[0];
  return p.docPath && ctx.exists(p.docPath) ? p.docPath : undefined;
}

function answersFor(id: string, questions: readonly { id: string }[] | undefined, answers: Record<string, AnswerState>): ItemResult['answer'] {
  if (!questions?.length) return answers[id];
  const out: Record<string, AnswerState> = {};
  for (const k of [id, ...questions.map((q) => q.id)]) if (answers[k]) out[k] = answers[k]!;
  return Object.keys(out).length ? out : undefined;
}

function todoOf(d: Decision): Todo[] {
  if (d.status === 'pass' || d.status === 'n/a') return [];
  return (d.missing ?? []).map((m) => (typeof m === 'string' ? { text: m } : m));
}

export async function evaluate(series: Series, state: BranchState, opts: EvaluateOptions = {}): Promise<Report> {
  let checkpatch = opts.checkpatch ?? cachedRun(state.checkpatch, series);
  if (!checkpatch && !existsSync(join(series.repo.root, CHECKPATCH)))
    checkpatch = { ran: false, unavailable: true, reason: `${CHECKPATCH} is not in this tree` };
  const ctx = await buildContext(series, state, {
    ...(checkpatch ? { checkpatch } : {}),
    ...(opts.maintainers !== undefined ? { maintainers: opts.maintainers } : {}),
  });
  const profiles = (opts.profiles ?? loadProfiles(series.repo.root)).filter((p) => p.applies(ctx));
  const items = await Promise.all(
    profiles.flatMap((p) =>
      p.items.map(async (item): Promise<ItemResult> => {
        const d = await item.decide(ctx);
        const answer = item.answer ? answersFor(item.id, item.answer.questions, state.answers) : undefined;
        const todo = todoOf(d);
        return {
          id: item.id,
          profile: p.id,
          title: item.title,
          status: d.status,
          summary: d.summary,
          evidence: d.evidence,
          ...(answer ? { answer } : {}),
          question: item.question,
          guidance: item.guidance,
          ...(item.answer ? { answerSpec: item.answer } : {}),
          missing: todo.map(todoLine),
          todo,
          ask: d.ask ?? [],
          files: [...new Set(d.evidence.flatMap((e) => (e.path ? [e.path] : [])))],
          ...(d.parents ? { parents: d.parents } : {}),
          ...(d.fixes?.length ? { fixes: d.fixes } : {}),
          ...(item.fix ? { fix: item.fix } : {}),
          ...(item.doc ? { doc: item.doc } : {}),
        };
      }),
    ),
  );
  return {
    profiles: profiles.map((p) => {
      const doc = profileDoc(p, ctx);
      return { id: p.id, title: p.title, ...(doc ? { doc } : {}), appliesWhen: p.appliesWhen };
    }),
    items,
  };
}

/**
 * `check`: run checkpatch unless told not to (reusing the cached run for the
 * same tip and base), keep the run in the branch state, and evaluate.
 */
export async function evaluateWithCheckpatch(
  series: Series,
  state: BranchState,
  opts: { checkpatch: boolean; onProgress?: (done: number, total: number) => void; onRun?: (run: CheckpatchRun, fresh: boolean) => void },
): Promise<Report> {
  let run = cachedRun(state.checkpatch, series);
  if (run) opts.onRun?.(run, false);
  if (opts.checkpatch && !run) {
    run = await runCheckpatch(series, opts.onProgress);
    opts.onRun?.(run, true);
    if (run.ran && series.branch) {
      const keep = run;
      updateState(series.repo.commonDir, series.branch, (s) => {
        s.checkpatch = { tip: keep.tip, at: keep.at, results: keep };
      });
    }
  }
  return evaluate(series, state, run ? { checkpatch: run } : {});
}

export function summaryCounts(report: Report): Record<'pass' | 'fail' | 'open' | 'n/a', number> {
  const n = { pass: 0, fail: 0, open: 0, 'n/a': 0 };
  for (const i of report.items) n[i.status]++;
  return n;
}

/** Exit 0 when everything is met, 1 while something is open or failing (docs/rules.md). */
export function checkExitCode(report: Report): number {
  return report.items.some((i) => i.status === 'open' || i.status === 'fail') ? 1 : 0;
}

/** The JSON of `check --json` (docs/rules.md): fields may be added, never renamed. */
export function reportJson(report: Report) {
  return {
    profiles: report.profiles,
    items: report.items.map((i) => ({
      id: i.id,
      profile: i.profile,
      title: i.title,
      status: i.status,
      summary: i.summary,
      evidence: i.evidence,
      ...(i.answer ? { answer: i.answer } : {}),
      question: i.question,
      ...(i.answerSpec ? { answerable: i.answerSpec } : {}),
      missing: i.missing,
      ask: i.ask.map((a) => ({ name: a.name, email: a.email, address: a.address, field: a.field, section: a.section, role: a.role })),
      // Added fields: the same as `missing`, split into words and command; the files the evidence names; for parent items, the parent sections.
      todo: i.todo,
      files: i.files,
      ...(i.parents ? { parents: i.parents } : {}),
      ...(i.fixes ? { fixes: i.fixes } : {}),
      ...(i.fix ? { fixScreen: i.fix.screen } : {}),
    })),
    counts: summaryCounts(report),
  };
}
