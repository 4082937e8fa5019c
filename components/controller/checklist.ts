/**
 * The acceptance report (src/acceptance) as checklist items for the TUI:
 * how each can be settled (answer, confirm, or a fix on another screen),
 * its sub-questions with their answers, and the document's words. Everything
 * comes from the report's structured fields and the item's own definition
 * (fix, doc rule, answer spec); nothing here knows an item by its id.
 */
import type { ItemView, ProfileView } from '../view-data.js';
import type { ItemResult, Report } from '../../src/acceptance/types.js';
import type { AnswerState } from '../../src/store/state.js';
import { docExcerpt } from '../../src/acceptance/doc-excerpt.js';

function isRecord(a: ItemResult['answer']): a is Record<string, AnswerState> {
  return Boolean(a) && !('at' in (a as object));
}

export function itemView(i: ItemResult, root: string, profileDoc: string | undefined): ItemView {
  const spec = i.answerSpec;
  const answers = isRecord(i.answer) ? i.answer : undefined;
  const own = isRecord(i.answer) ? i.answer[i.id] : i.answer;
  const resolve: ItemView['resolve'] = [];
  if (spec?.text && !spec.questions?.length) resolve.push('answer');
  if (spec?.confirm) resolve.push('confirm');
  const documents = i.evidence.filter((e) => e.kind === 'document' && e.path).map((e) => e.path!);
  const doc = i.doc ? docExcerpt(root, i.doc, profileDoc, documents) : undefined;
  // In the TUI a key does what the report's command lines do: only the words are shown.
  const todo = i.todo.map((t) => t.text).filter(Boolean);
  return {
    id: i.id,
    profile: i.profile,
    ...(i.parents ? { parents: i.parents } : {}),
    title: i.title,
    status: i.status,
    summary: i.summary,
    question: i.question,
    ...(i.guidance ? { guidance: i.guidance } : {}),
    ...(todo.length ? { todo } : {}),
    ...(doc ? { doc } : {}),
    evidence: i.evidence.map((e) => ({
      kind: e.kind,
      text: e.text,
      ...(e.path ? { path: e.path } : {}),
      ...(e.line ? { line: e.line } : {}),
      ...(e.commit ? { commit: e.commit } : {}),
    })),
    ...(own
      ? { answer: { ...(own.text ? { text: own.text } : {}), ...(own.confirmed ? { confirmed: true } : {}), ...(own.note ? { note: own.note } : {}) } }
      : {}),
    resolve,
    ...(i.fix ? { fix: i.fix.screen, ...(i.fix.trailer ? { fixTrailer: i.fix.trailer } : {}) } : {}),
    ...(i.fixes?.length ? { fixes: i.fixes.map((f) => ({ commits: [...f.commits], trailer: f.trailer })) } : {}),
    ...(spec?.text && spec.questions?.length ? { answersAll: true } : {}),
    ...(spec?.questions?.length
      ? { questions: spec.questions.map((q) => ({ id: q.id, title: q.title, ...(answers?.[q.id]?.text ? { answer: answers[q.id]!.text } : {}) })) }
      : {}),
    ...(i.ask.length ? { waitingFor: i.ask.map((a) => `${a.address} (${a.role}, ${a.section})`), ask: [...new Set(i.ask.map((a) => a.address))] } : {}),
  };
}

export function checklistView(report: Report, root: string): { profiles: ProfileView[]; items: ItemView[] } {
  const docOf = new Map(report.profiles.map((p) => [p.id, p.doc]));
  return {
    profiles: report.profiles.map((p) => ({ id: p.id, title: p.title, ...(p.doc ? { doc: p.doc } : {}) })),
    items: report.items.map((i) => itemView(i, root, docOf.get(i.profile))),
  };
}

/**
 * Problems of whole commits, by (possibly short) sha: what a failing item's
 * evidence says about a commit as a whole (a missing sign-off), shown on the
 * commit itself in the Series and Trailers screens.
 */
export function commitProblems(report: Report): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const item of report.items) {
    if (item.status !== 'fail') continue;
    for (const e of item.evidence) {
      if (e.kind !== 'commit' || !e.commit) continue;
      out.set(e.commit, [...(out.get(e.commit) ?? []), e.text]);
    }
  }
  return out;
}
