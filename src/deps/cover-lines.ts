/**
 * The prerequisite lines at the end of a cover letter (or of a single patch)
 * the way b4 writes them: after base-commit:, for each prerequisite series in
 * order, its "prerequisite-message-id: <id>" and then one
 * "prerequisite-patch-id:" per patch. The patch ids of the prerequisites the
 * branch is built on are git's own (git format-patch --base writes them for
 * the commits between the upstream base and the series, b4's empty cover
 * commit as all zeros, which export drops); a prerequisite the branch does
 * not carry gets the ids recorded when it was added. A prerequisite b4
 * prepared and that has no Message-ID yet is named by b4's change-id.
 */
import type { Base } from '../git/repo.js';
import type { Prerequisite } from '../store/state.js';

const BLOCK = /^(base-commit: [0-9a-f]+\n)((?:prerequisite-patch-id: [0-9a-f]+\n)*)/m;

export function prerequisiteLines(base: Base, deps: readonly Prerequisite[], gitIds: readonly string[]): string[] {
  const found = base.prerequisites ?? [];
  const lines: string[] = [];
  let at = 0;
  deps.forEach((d, i) => {
    const n = found[i]?.commits.length ?? 0;
    if (d.messageId) lines.push(`prerequisite-message-id: <${d.messageId}>`);
    else if (d.changeId) lines.push(`prerequisite-change-id: ${d.changeId}`);
    const ids = n ? gitIds.slice(at, at + n) : d.patches.map((p) => p.patchId);
    at += n;
    for (const id of ids) lines.push(`prerequisite-patch-id: ${id}`);
  });
  // Anything git wrote that no prerequisite claims stays, as git wrote it.
  for (const id of gitIds.slice(at)) lines.push(`prerequisite-patch-id: ${id}`);
  return lines;
}

/** The mail text with its prerequisite lines in b4's form; unchanged without prerequisites. */
export function withPrerequisiteLines(text: string, base: Base, deps: readonly Prerequisite[] | undefined): string {
  if (!deps?.length) return text;
  const m = BLOCK.exec(text);
  if (!m) return text;
  const gitIds = m[2]!
    .split('\n')
    .filter(Boolean)
    .map((l) => l.slice('prerequisite-patch-id: '.length));
  const lines = prerequisiteLines(base, deps, gitIds);
  return `${text.slice(0, m.index)}${m[1]}${lines.map((l) => `${l}\n`).join('')}${text.slice(m.index + m[0].length)}`;
}
