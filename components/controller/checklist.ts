/**
 * The acceptance report (src/acceptance) as checklist items for the TUI:
 * how each can be settled (answer, confirm, or a fix on another screen),
 * its sub-questions with their answers, and the document's words.
 */
import type { FixScreen, ItemView, ProfileView } from '../view-data.js';
import type { ItemResult, Report } from '../../src/acceptance/types.js';
import { itemDef } from '../../src/acceptance/profiles.js';
import type { AnswerState } from '../../src/store/state.js';
import { documentOpenings, itemExcerpt } from '../../src/acceptance/doc-excerpt.js';

/** Where an item is fixed when the fix is not an answer. */
const FIX: Record<string, FixScreen> = {
  'vfio.parent-approval': 'trailers',
  'vfio.listed-reviewer': 'trailers',
  'vfio.vfio-maintainer': 'recipients',
  'kernel.signoff': 'trailers',
  'kernel.trailer-syntax': 'trailers',
  'kernel.cover-letter': 'cover',
};

function isRecord(a: ItemResult['answer']): a is Record<string, AnswerState> {
  return Boolean(a) && !('at' in (a as object));
}

export function itemView(i: ItemResult, root: string, profileDoc: string | undefined): ItemView {
  const spec = itemDef(i.id)?.answer;
  const answers = isRecord(i.answer) ? i.answer : undefined;
  const own = isRecord(i.answer) ? i.answer[i.id] : i.answer;
  const resolve: ItemView['resolve'] = [];
  if (spec?.text && !spec.questions?.length) resolve.push('answer');
  if (spec?.confirm) resolve.push('confirm');
  const doc =
    i.id === 'kernel.profile-docs'
      ? documentOpenings(
          root,
          i.evidence.filter((e) => e.kind === 'document' && e.path).map((e) => e.path!),
        )
      : itemExcerpt(root, i.id, profileDoc);
  // The report's "missing" lines end with the CLI command that settles them; in the TUI a key does that.
  const missing = i.missing.map((m) => m.replace(/[:;,]?\s*(?:\(|with\s+|run\s+)?`?patchpilot\s+[a-z-]+\b.*$/i, '')).filter(Boolean);
  const guidance = [i.guidance, ...missing.map((m) => `• ${m}`)].filter(Boolean).join('\n');
  // The parent sections found, as decideParentApproval names them in its evidence.
  const parents =
    i.id === 'vfio.parent-approval'
      ? i.evidence.filter((e) => e.kind === 'section' && e.text.startsWith('parent: ')).map((e) => e.text.slice(8).replace(/ \((M|R): .*$/, ''))
      : [];
  return {
    id: i.id,
    profile: i.profile,
    ...(parents.length ? { parents } : {}),
    title: i.title,
    status: i.status,
    summary: i.summary,
    question: i.question,
    ...(guidance ? { guidance } : {}),
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
    ...(FIX[i.id] ? { fix: FIX[i.id] } : {}),
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

/** Problems of whole commits (a missing sign-off), from kernel.signoff's evidence, by (possibly short) sha. */
export function commitProblems(report: Report): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const signoff = report.items.find((i) => i.id === 'kernel.signoff');
  if (signoff?.status !== 'fail') return out;
  for (const e of signoff.evidence) {
    if (!e.commit) continue;
    out.set(e.commit, [...(out.get(e.commit) ?? []), e.text]);
  }
  return out;
}
