/**
 * Recording the submitter's answers in the branch state. Answers are keyed
 * by item id (never by commit), so rewording or rebasing the series keeps
 * them; a confirmation of documents records which ones it covered.
 */
import { UsageError } from '../errors.js';
import { updateState, type AnswerState, type BranchState } from '../store/state.js';
import { PROFILES, allItems, answerableIds, itemDef } from './profiles.js';
import type { ItemResult, ProfileDef } from './types.js';

export type AnswerInput = { kind: 'text'; text: string } | { kind: 'confirm'; note?: string; covers?: string[] } | { kind: 'clear' };

/** The item (or question) an id names, or a usage error listing what exists. */
export function checkAnswerable(id: string, profiles: ProfileDef[] = PROFILES): { item: string; question?: string } {
  const ids = answerableIds(profiles);
  if (ids.includes(id)) {
    const item = allItems(profiles).find((i) => i.id === id || i.answer?.questions?.some((q) => q.id === id))!;
    return item.id === id ? { item: id } : { item: item.id, question: id };
  }
  if (itemDef(id, profiles))
    throw new UsageError(`${id} is decided from the repository (trailers, files, MAINTAINERS); it takes no answer. Answerable: ${ids.join(', ')}`);
  throw new UsageError(`unknown item '${id}'; answerable items: ${ids.join(', ')}`);
}

function validate(id: string, input: AnswerInput, profiles: ProfileDef[]): void {
  const { item, question } = checkAnswerable(id, profiles);
  const spec = itemDef(item, profiles)!.answer!;
  if (input.kind === 'clear') return;
  if (question) {
    if (input.kind !== 'text') throw new UsageError(`${id} is a question: answer it with --text or --file`);
  } else if (input.kind === 'text' && !spec.text) throw new UsageError(`${id} is confirmed, not answered with text: use --confirm [--note T]`);
  else if (input.kind === 'confirm' && !spec.confirm) throw new UsageError(`${id} is answered with --text or --file, not --confirm`);
  if (input.kind === 'text' && !input.text.trim()) throw new UsageError(`the answer to ${id} is empty`);
}

/** Validate and store one answer; returns the new state. `profiles`: loadProfiles(root) when the tree has its own. */
export function recordAnswer(
  commonDir: string,
  branch: string,
  id: string,
  input: AnswerInput,
  now = new Date(),
  profiles: ProfileDef[] = PROFILES,
): BranchState {
  validate(id, input, profiles);
  return updateState(commonDir, branch, (s) => {
    if (input.kind === 'clear') {
      delete s.answers[id];
      return;
    }
    const a: AnswerState = { at: now.toISOString() };
    if (input.kind === 'text') a.text = input.text.replace(/\s+$/, '');
    else {
      a.confirmed = true;
      if (input.note?.trim()) a.note = input.note.trim();
      if (input.covers) a.covers = input.covers;
    }
    s.answers[id] = a;
  });
}

/** What a confirmation of an item covers, read off its evaluation (the documents listed for kernel.profile-docs). */
export function coversOf(item: ItemResult | undefined): string[] | undefined {
  if (!item || item.id !== 'kernel.profile-docs') return undefined;
  return item.evidence.filter((e) => e.kind === 'document' && e.path).map((e) => e.path!);
}

/** Add or remove a parent-driver section by hand (vfio.parent-approval), or forget the choice. */
export function setParent(commonDir: string, branch: string, section: string, change: 'add' | 'remove' | 'reset'): BranchState {
  return updateState(commonDir, branch, (s) => {
    s.parents.added = s.parents.added.filter((n) => n !== section);
    s.parents.removed = s.parents.removed.filter((n) => n !== section);
    if (change === 'add') s.parents.added.push(section);
    if (change === 'remove') s.parents.removed.push(section);
  });
}

/**
 * Why an answer just recorded changes nothing, or undefined when it counts:
 * a question the item does not ask (a driver without migration is not asked
 * the migration-data questions). No command records an answer silently in vain.
 */
export function unusedAnswer(id: string, report: { items: ItemResult[] }, profiles: ProfileDef[] = PROFILES): string | undefined {
  const { item, question } = checkAnswerable(id, profiles);
  if (!question) return undefined;
  const result = report.items.find((i) => i.id === item);
  if (!result) return `${id} is recorded, but ${item} does not apply to this series, so the answer is not used`;
  if (result.status === 'pass' || result.status === 'n/a') return undefined;
  const title = itemDef(item, profiles)?.answer?.questions?.find((q) => q.id === id)?.title;
  if (title && result.evidence.some((e) => e.kind === 'answer' && e.text.startsWith(title))) return undefined;
  return `${id} is recorded, but ${item} does not ask it here (${result.summary}); answer the item itself: patchpilot answer ${item} --text "..."`;
}
