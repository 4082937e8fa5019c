/**
 * What the maintainer profiles share: which paths of the series a section's
 * P: document (or tree) covers, the subject prefixes the export will use,
 * subjects split into their scopes, and a decided answer for the items
 * that only the submitter can settle (testing).
 */
import type { Commit } from '../../series/read.js';
import type { Decision, EvalContext, Evidence, ItemDef } from '../types.js';
import type { ViewSection } from '../maintainers-view.js';
import { count } from '../../text/plural.js';

/** Paths of the series covered by a section whose P: is `doc`, with those sections. */
export function pathsWithDoc(ctx: EvalContext, doc: string): { paths: string[]; sections: ViewSection[] } {
  const paths: string[] = [];
  const sections: ViewSection[] = [];
  if (!ctx.maintainers) return { paths, sections };
  for (const p of ctx.paths) {
    const hit = ctx.maintainers.profilesFor(p).filter((s) => !s.isRest && s.profiles.includes(doc));
    if (!hit.length) continue;
    paths.push(p);
    for (const s of hit) if (!sections.includes(s)) sections.push(s);
  }
  return { paths, sections };
}

/** Commits that change at least one of `paths`. */
export function commitsTouching(ctx: EvalContext, paths: readonly string[]): Commit[] {
  const set = new Set(paths);
  return ctx.series.commits.filter((c) => c.files.some((f) => set.has(f.path) || (f.oldPath !== undefined && set.has(f.oldPath))));
}

const PREFIX_RE = /^[A-Za-z0-9][A-Za-z0-9._+/-]*$/;

/** The subject prefixes export will use: the branch's own, else b4's tracking data. */
export function subjectPrefixes(ctx: EvalContext): string[] {
  if (ctx.state.cover.prefixes.length) return ctx.state.cover.prefixes;
  const p = (ctx.series.b4Cover?.tracking?.series as { prefixes?: unknown } | undefined)?.prefixes;
  return Array.isArray(p) ? p.filter((x): x is string => typeof x === 'string' && PREFIX_RE.test(x)) : [];
}

/** "[PATCH net-next v2 0/3]" as the reader sees it, for evidence. */
export function tagText(prefixes: readonly string[], version: number): string {
  const before = prefixes.filter((p) => /^(RFC|RESEND)$/i.test(p));
  const after = prefixes.filter((p) => !/^(RFC|RESEND)$/i.test(p));
  return `[${[...before, 'PATCH', ...after].join(' ')}${version > 1 ? ` v${version}` : ''}]`;
}

export function hasTrailer(c: Commit, key: string): boolean {
  return c.trailers.some((t) => t.key.toLowerCase() === key.toLowerCase());
}

/** A shortlog split into its scopes ("KVM: x86: ") and the description after them. */
export function splitSubject(subject: string): { scopes: string[]; rest: string } {
  const scopes: string[] = [];
  let rest = subject;
  for (;;) {
    // A scope is one word ("net", "x86/mmu", "dt-bindings"): "Fix a thing: really" is the description.
    const m = /^([^\s:()"'`]{1,40}):\s+/.exec(rest);
    if (!m) break;
    scopes.push(m[1]!);
    rest = rest.slice(m[0].length);
  }
  return { scopes, rest };
}

/** "1 patch", "3 patches": the shared helper under the name these profiles use. */
export const plural = count;

/** A duration in hours and minutes; a time already spent rounds down, one still to wait rounds up. */
export function hoursText(ms: number, round: 'up' | 'down' = 'up'): string {
  const mins = Math.max(0, (round === 'up' ? Math.ceil : Math.floor)(ms / 60_000));
  if (!mins) return 'less than a minute';
  const h = Math.floor(mins / 60);
  const m = mins % 60;
  return h ? `${h} h${m ? ` ${m} min` : ''}` : `${m} min`;
}

/** An item the submitter settles by confirming (testing done, rules read): pass once confirmed. */
export function confirmItem(def: Omit<ItemDef, 'decide' | 'answer'> & { scope: (ctx: EvalContext) => string[] }): ItemDef {
  const { scope, ...rest } = def;
  return {
    ...rest,
    answer: { confirm: true },
    decide(ctx): Decision {
      const paths = scope(ctx);
      const evidence: Evidence[] = paths.slice(0, 5).map((p) => ({ kind: 'file', path: p, text: `the series changes ${p}` }));
      if (paths.length > 5) evidence.push({ kind: 'note', text: `and ${paths.length - 5} more files` });
      const a = ctx.answers[def.id];
      if (a?.confirmed) {
        evidence.push({ kind: 'answer', text: `confirmed ${a.at.slice(0, 10)}${a.note ? `: ${a.note}` : ''}` });
        return { status: 'pass', summary: `confirmed${a.note ? `: ${a.note}` : ''}`, evidence };
      }
      return {
        status: 'open',
        summary: 'the tree cannot tell: waiting for your confirmation',
        evidence,
        missing: [{ text: 'confirm, saying what you ran', cli: `patchpilot answer ${def.id} --confirm --note "..."` }],
      };
    },
  };
}

/** The current time; PATCHPILOT_NOW (an ISO date) stands in for it so that the 24-hour rules can be tried without waiting a day. */
export function now(): number {
  const fixed = process.env.PATCHPILOT_NOW;
  const t = fixed ? Date.parse(fixed) : NaN;
  return Number.isFinite(t) ? t : Date.now();
}

/** Threading onto the previous version is a choice kept per branch (export --thread-to-previous): it fails netdev's and KVM's rule. */
export function threadChoice(ctx: EvalContext, rule: string): Decision | undefined {
  if (!ctx.state.threadToPrevious) return undefined;
  return {
    status: 'fail',
    summary: `the branch is set to reply to v${ctx.series.version - 1} (export --thread-to-previous): ${rule}`,
    evidence: [{ kind: 'note', text: 'threading onto the previous version is chosen for this branch' }],
    missing: [{ text: 'export as a new thread; the changelog links the previous version', cli: 'patchpilot export -o DIR --new-thread' }],
  };
}
