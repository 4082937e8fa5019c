/**
 * The steps a test needs done to a repository but does not test, done through the operations
 * layer (src/ops: what the commands call) in this process instead of through the built CLI:
 * a CLI run costs a Node start-up (about 0.1 s of CPU), a call here a few git calls. Tests of
 * the command line itself (its options, its output, its exit codes) keep running the CLI.
 *
 * src/ runs git with the process's environment: a test file using these calls
 * hermeticProcess() at its top (test/unit/test-hygiene.test.ts checks it).
 */
import { reportJson } from '../../src/acceptance/evaluate.js';
import { openRepo } from '../../src/git/repo.js';
import { answer, type AnswerRequest } from '../../src/ops/answer.js';
import { openBranch, openOnBranch, readSeries } from '../../src/ops/branch.js';
import { check } from '../../src/ops/check.js';
import { changeCover, checkCoverChanges, showCover, type CoverChanges } from '../../src/ops/cover.js';
import { addDep, listDeps, type AddDepOptions } from '../../src/ops/deps.js';
import { changeRecipients, recipients, type RecipientChanges } from '../../src/ops/recipients.js';

/** `patchpilot series --json`'s data: the series as read. */
export function seriesIn(dir: string, base?: string) {
  return readSeries({ repoDir: dir, ...(base !== undefined ? { base } : {}) });
}

/** `patchpilot cover --title ... --body ...` without printing the letter. */
export async function setCover(dir: string, changes: CoverChanges, base?: string): Promise<void> {
  const o = await openOnBranch({ repoDir: dir, ...(base !== undefined ? { base } : {}) }, 'the cover letter is kept per branch');
  await checkCoverChanges(o, changes);
  await changeCover(o, changes);
}

/** What `patchpilot cover` prints (the letter) and the title kept for the branch. */
export async function coverOf(dir: string, base?: string): Promise<{ title: string | undefined; letter: string }> {
  const o = await openOnBranch({ repoDir: dir, ...(base !== undefined ? { base } : {}) }, 'the cover letter is kept per branch');
  return { title: o.state.cover.title, letter: (await showCover(o)).letter };
}

/** `patchpilot cc --json`: the same data, as its JSON would read back. */
export async function ccJson(dir: string, base?: string) {
  const { maintainersFound: _, ...shown } = await recipients(await openBranch({ repoDir: dir, ...(base !== undefined ? { base } : {}) }));
  return JSON.parse(JSON.stringify(shown)) as typeof shown;
}

/** `patchpilot cc --add/--add-to/--drop/...` without printing the list. */
export async function changeCc(dir: string, changes: RecipientChanges, base?: string): Promise<void> {
  changeRecipients(await openBranch({ repoDir: dir, ...(base !== undefined ? { base } : {}) }), changes);
}

/** `patchpilot deps add SPEC [--message-id ID]`. */
export async function addDeps(dir: string, spec: string, opts: AddDepOptions = {}) {
  return addDep(await openOnBranch({ repoDir: dir }, 'prerequisites are kept per branch'), spec, opts);
}

/** `patchpilot deps list --json`. */
export async function depsIn(dir: string) {
  return listDeps(await openBranch({ repoDir: dir }));
}

/** `patchpilot check --json --no-checkpatch` (or, with checkpatch, `check --json`): the same shape (reportJson). */
export async function checkJson(dir: string, opts: { base?: string; checkpatch?: boolean } = {}) {
  const o = await openBranch({ repoDir: dir, ...(opts.base !== undefined ? { base: opts.base } : {}) });
  return reportJson((await check(o, { checkpatch: Boolean(opts.checkpatch) })).report);
}

/** `patchpilot answer ID --text/--confirm/--clear`. */
export async function answerItem(dir: string, id: string, req: AnswerRequest) {
  return answer(await openRepo(dir), id, req);
}
