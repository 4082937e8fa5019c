/**
 * Prerequisite series (patchpilot deps, and the Series screen of the TUI):
 * record one read from a range, a branch or an mbox; list them with where
 * each stands for the branch; remove one. The branch state keeps them in
 * the order they apply.
 */
import { UsageError } from '../errors.js';
import { checkMessageId, readPrerequisite } from '../deps/read.js';
import { prerequisiteStatus, type DepStatus } from '../deps/status.js';
import { updateState, type Prerequisite } from '../store/state.js';
import type { OnBranch, Opened } from './branch.js';

export type { DepStatus } from '../deps/status.js';

export interface DepsList {
  /** The upstream commit base-commit: names. */
  upstream: string;
  deps: (DepStatus & { subjects: string[] })[];
}

export async function listDeps(o: Opened): Promise<DepsList> {
  const deps = o.state.deps ?? [];
  const status = await prerequisiteStatus(o.series, deps);
  return {
    upstream: o.series.base.upstream ?? o.series.base.commit,
    deps: status.map((s, i) => ({ ...s, subjects: deps[i]!.patches.map((p) => p.subject) })),
  };
}

export interface AddDepOptions {
  messageId?: string;
  /** Where a relative mbox path is taken from (the CLI's working directory). */
  cwd?: string;
}

/** Record a prerequisite; the caller opens the branch again to see the series without its commits. */
export async function addDep(o: OnBranch, spec: string, opts: AddDepOptions = {}): Promise<Prerequisite> {
  if (!spec.trim()) throw new UsageError('deps add: name a range A..B, a branch or an mbox file');
  const messageId = opts.messageId !== undefined ? checkMessageId(opts.messageId) : undefined;
  const upstream = o.series.base.upstream ?? o.series.base.commit;
  const read = await readPrerequisite(o.repo, spec, upstream, opts.cwd);
  const dep: Prerequisite = { ...read, ...(messageId ? { messageId } : {}), at: new Date().toISOString() };
  const ids = new Set(dep.patches.map((p) => p.patchId));
  for (const [i, d] of (o.state.deps ?? []).entries()) {
    if (d.source === dep.source || (dep.messageId && d.messageId === dep.messageId) || d.patches.some((p) => ids.has(p.patchId)))
      throw new UsageError(`deps add: ${spec} is already recorded as prerequisite ${i + 1} (${d.source}); remove it first to record it again`);
  }
  const theirs = new Set(dep.patches.flatMap((p) => (p.commit ? [p.commit] : [])));
  if (o.series.commits.every((c) => theirs.has(c.sha)))
    throw new UsageError(`deps add: ${spec} holds every commit of the series; a prerequisite is another series your branch is built on`);
  updateState(o.repo.commonDir, o.branch, (s) => {
    s.deps = [...(s.deps ?? []), dep];
  });
  return dep;
}

/** Remove a prerequisite named by its number in deps list, what was given to deps add, or its Message-ID. */
export function removeDep(o: OnBranch, which: string): Prerequisite {
  const deps = o.state.deps ?? [];
  const w = which.trim().replace(/^<(.*)>$/, '$1');
  const n = /^\d+$/.test(w) ? Number(w) : NaN;
  const i = Number.isInteger(n) ? n - 1 : deps.findIndex((d) => d.source === w || d.messageId === w || d.branch === w);
  const dep = deps[i];
  if (!dep)
    throw new UsageError(
      deps.length
        ? `deps remove: no prerequisite ${JSON.stringify(which)}; give its number (1-${deps.length}), what deps add was given, or its Message-ID (see patchpilot deps list)`
        : 'deps remove: no prerequisites are recorded for this branch',
    );
  updateState(o.repo.commonDir, o.branch, (s) => {
    s.deps = (s.deps ?? []).filter((d) => !(d.source === dep.source && d.at === dep.at));
    if (!s.deps.length) delete s.deps;
  });
  return dep;
}

/** One prerequisite as the Series screen shows it (components/view-data.ts DependencyView). */
export interface DependencyRow {
  name: string;
  messageId?: string;
  patches: number;
  state: DepStatus['state'];
  note: string;
}

/** The prerequisites for the TUI; nothing is asked of git when none are recorded. */
export async function dependencyRows(o: Opened): Promise<DependencyRow[]> {
  if (!o.state.deps?.length) return [];
  const l = await listDeps(o);
  return l.deps.map((d) => ({
    name: d.source,
    ...(d.messageId ? { messageId: d.messageId } : {}),
    patches: d.patches,
    state: d.state,
    note: `${d.note}${d.fix ? `: ${d.fix}` : ''}`,
  }));
}
