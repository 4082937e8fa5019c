/**
 * Answers to acceptance items, and the parent drivers chosen by hand.
 * Answers are kept per item id (never per commit), so rewording or
 * rebasing the series keeps them.
 */
import { checkAnswerable, coversOf, recordAnswer, setParent, unusedAnswer, type AnswerInput } from '../acceptance/answers.js';
import { NOTE_IN_COVER } from '../acceptance/cover-section.js';
import { evaluate } from '../acceptance/evaluate.js';
import { loadView } from '../acceptance/maintainers-view.js';
import { loadProfiles } from '../acceptance/repo-profiles.js';
import type { Report } from '../acceptance/types.js';
import { UsageError } from '../errors.js';
import type { Repo } from '../git/repo.js';
import type { AnswerState } from '../store/state.js';
import { openIn, repoOnBranch, type Opened } from './branch.js';

export type AnswerRequest = { kind: 'text'; text: string } | { kind: 'confirm'; note?: string } | { kind: 'clear' };

export interface Answered {
  item: string;
  input: AnswerInput;
  /** What is stored now (null once cleared). */
  answer: AnswerState | null;
  /** What the submitter should know (a confirmation without a note says nothing in the cover letter). */
  warnings: string[];
}

/** Check the id names an answerable item of the tree's profiles, before anything else is read. */
export function checkItem(root: string, id: string): void {
  checkAnswerable(id, loadProfiles(root));
}

/**
 * Record an answer. A confirmation of kernel.profile-docs covers the
 * documents listed now (from `report` when the caller has one), so a
 * document the series brings in later stays open.
 */
export async function answer(repo: Repo, id: string, req: AnswerRequest, more: { base?: string; opened?: Opened; report?: Report } = {}): Promise<Answered> {
  const profiles = loadProfiles(repo.root);
  checkAnswerable(id, profiles);
  const b = repoOnBranch(repo, 'answers are kept per branch');
  let input: AnswerInput = req;
  if (req.kind === 'confirm' && id === 'kernel.profile-docs') {
    const o = more.opened ?? (await openIn(repo, more.base));
    const r = more.report ?? (await evaluate(o.series, o.state, { profiles }));
    const covers = coversOf(r.items.find((i) => i.id === id)) ?? [];
    if (!covers.length) throw new UsageError('no section this series touches has a P: document; there is nothing to confirm');
    input = { ...req, covers };
  }
  const state = recordAnswer(b.repo.commonDir, b.branch, id, input, new Date(), profiles);
  const warnings: string[] = [];
  if (input.kind === 'confirm' && !input.note?.trim() && NOTE_IN_COVER.includes(id)) {
    // The cover letter quotes only the submitter's note; a bare confirmation puts nothing there.
    warnings.push(
      `${id}: confirmed without a note, so the cover letter says nothing about it; a note is what goes into the cover letter: patchpilot answer ${id} --confirm --note "..."`,
    );
  }
  if (input.kind === 'text' && checkAnswerable(id, profiles).question) {
    const o = await openIn(repo, more.base);
    const unused = unusedAnswer(id, await evaluate(o.series, o.state, { profiles }), profiles);
    if (unused) warnings.push(unused);
  }
  return { item: id, input, answer: state.answers[id] ?? null, warnings };
}

export type ParentChange = 'add' | 'remove' | 'reset';

/** Treat a MAINTAINERS section as a parent driver or not (vfio.parent-approval), or forget the choice. */
export function changeParent(repo: Repo, section: string, change: ParentChange): { section: string; change: ParentChange } {
  const b = repoOnBranch(repo, 'parent-driver choices are kept per branch');
  const name = section.trim();
  const found = loadView(b.repo.root).byName(name);
  if (!found && change !== 'reset') throw new UsageError(`MAINTAINERS has no section named "${name}"`);
  const chosen = found?.name ?? name;
  setParent(b.repo.commonDir, b.branch, chosen, change);
  return { section: chosen, change };
}
