/**
 * The acceptance module for the rest of patchpilot (docs/rules.md, "Acceptance profiles and items"):
 *  - evaluate(series, state) -> Report: the profiles that apply and every
 *    item's status, summary, evidence, answer, what is missing and whom to ask;
 *    evaluateWithCheckpatch() also runs (or reuses) checkpatch for `check`;
 *  - reportJson() is the `check --json` shape (docs/rules.md, "Commands and their output");
 *  - profileRecipients(report): the people open items wait for, with the item,
 *    section, role and To/Cc, for the recipients (source kind 'profile');
 *  - recordAnswer() / setParent(): the only ways answers and hand-made parent
 *    choices reach the branch state;
 *  - PROFILES / loadProfiles(root) / itemDef(): the item definitions.
 */
import type { Series } from '../series/read.js';
import type { BranchState } from '../store/state.js';
import { profileRecipients } from './approvers.js';
import { evaluate, type EvaluateOptions } from './evaluate.js';

export type { Approver, Evidence, ItemDef, ItemResult, ProfileDef, ProfileResult, Report, Status } from './types.js';
export { evaluate, evaluateWithCheckpatch, checkExitCode, reportJson, summaryCounts, type EvaluateOptions } from './evaluate.js';
export { profileRecipients, type ProfileRecipient } from './approvers.js';
export { recordAnswer, setParent, checkAnswerable, coversOf, type AnswerInput } from './answers.js';
export { PROFILES, allItems, itemDef, answerableIds } from './profiles.js';
export { loadProfiles, REPO_PROFILES } from './repo-profiles.js';
export { runCheckpatch, cachedRun, type CheckpatchRun } from './checkpatch.js';
export { DEVICE_DOC_QUESTIONS, acceptanceCoverSection } from './cover-section.js';

/** For the recipients: evaluate and return the people open items wait for (pass the report instead when you have one). */
export async function profilePeople(series: Series, state: BranchState, opts: EvaluateOptions = {}) {
  return profileRecipients(await evaluate(series, state, opts));
}
