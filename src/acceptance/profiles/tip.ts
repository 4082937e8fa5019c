/**
 * The tip tree profile: the rules of Documentation/process/maintainer-tip.rst
 * the series can decide (subject prefix and capital letter, the order of the
 * commit tags, no combined tags, lore links, reverse fir tree declarations,
 * no tail comments). MAINTAINERS of 6.12 names the document in no P: entry,
 * so the profile applies to the sections whose T: is the tip tree as well.
 * KVM x86 has its own profile and is left out.
 */
import { commitLabel, shortSha, type Decision, type EvalContext, type Evidence, type ItemDef, type ProfileDef } from '../types.js';
import { addedCode, tailComments } from './code-scan.js';
import { commitsTouching, confirmItem, plural, splitSubject } from './common.js';
import { KVM_X86_DOC } from './kvm-x86.js';
import { decideReverseXmas } from './netdev.js';

export const TIP_DOC = 'Documentation/process/maintainer-tip.rst';
const P = 'tip';
const TIP_TREE = /\/tip\/tip\.git\b/;

/** Paths covered by a tip section (P: the tip handbook, or T: the tip tree), KVM x86 aside. */
export function tipPaths(ctx: EvalContext): string[] {
  const m = ctx.maintainers;
  if (!m) return [];
  return ctx.paths.filter((p) => {
    const secs = m.forPath(p).filter((s) => !s.isRest);
    if (secs.some((s) => s.profiles.includes(KVM_X86_DOC))) return false;
    return secs.some((s) => s.profiles.includes(TIP_DOC) || (s.trees ?? []).some((t) => TIP_TREE.test(t)));
  });
}

export function decideSubject(ctx: EvalContext): Decision {
  const commits = commitsTouching(ctx, tipPaths(ctx));
  const evidence: Evidence[] = [];
  const missing: string[] = [];
  for (const c of commits) {
    const { scopes, rest } = splitSubject(c.subject);
    const problems: string[] = [];
    if (!scopes.length) problems.push('no "subsys/component:" prefix (git log of the files shows the usual one)');
    else if (scopes.some((s) => /\.[ch]$|\.rst$|\.S$/.test(s) || /^(arch|drivers|kernel|include|tools)\//.test(s)))
      problems.push(`"${scopes.join(': ')}:" is a file name or path; use the subsystem, e.g. x86/apic:`);
    if (/^[a-z]/.test(rest) && !/^[a-z_][a-z0-9_]*\(\)/.test(rest)) problems.push('start the description with an uppercase letter');
    if (problems.length) {
      evidence.push({ kind: 'commit', commit: c.sha, text: `${commitLabel(c)}: ${problems.join('; ')}` });
      missing.push(`${shortSha(c)}: ${problems.join('; ')}`);
    }
  }
  if (missing.length) return { status: 'fail', summary: `${plural(missing.length, 'subject')} to fix`, evidence, missing };
  return { status: 'pass', summary: `${plural(commits.length, 'tip subject')} with a subsystem prefix and a capital letter`, evidence };
}

/** The tip tag order; Co-developed-by/Signed-off-by pairs and every Signed-off-by share a rank. */
const ORDER = ['fixes', 'reported-by', 'closes', 'originally-by', 'suggested-by', 'signed-off-by', 'tested-by', 'reviewed-by', 'acked-by', 'cc', 'link'];
const rankOf = (key: string): number | undefined => {
  const k = key.toLowerCase() === 'co-developed-by' ? 'signed-off-by' : key.toLowerCase();
  const i = ORDER.indexOf(k);
  return i < 0 ? undefined : i;
};

export function decideTagOrder(ctx: EvalContext): Decision {
  const commits = commitsTouching(ctx, tipPaths(ctx));
  const evidence: Evidence[] = [];
  const missing: string[] = [];
  for (const c of commits) {
    let prev: { key: string; rank: number } | undefined;
    for (const t of c.trailers) {
      const rank = rankOf(t.key);
      if (rank === undefined) continue;
      if (prev && rank < prev.rank) {
        evidence.push({ kind: 'trailer', commit: c.sha, text: `${commitLabel(c)}: "${t.key}:" comes after "${prev.key}:"` });
        missing.push(`${shortSha(c)}: move "${t.key}: ${t.value}" above the ${prev.key}: tags`);
        break;
      }
      prev = { key: t.key, rank };
    }
  }
  if (missing.length) return { status: 'fail', summary: `${plural(missing.length, 'commit')} with tags out of the tip order`, evidence, missing };
  return { status: 'pass', summary: `the tags of ${plural(commits.length, 'commit')} are in the tip order`, evidence: [] };
}

const COMBINED = /^[A-Za-z]+-and-[A-Za-z-]+-by$/i;
const NOT_LORE =
  /^https?:\/\/(lkml\.kernel\.org\/r\/|lkml\.org\/lkml|marc\.info\/|www\.spinics\.net\/|(www\.)?mail-archive\.com\/|lists\.infradead\.org\/pipermail\/)/i;

export function decideTagForm(ctx: EvalContext): Decision {
  const commits = commitsTouching(ctx, tipPaths(ctx));
  const evidence: Evidence[] = [];
  const missing: string[] = [];
  for (const c of commits) {
    for (const t of c.trailers) {
      if (COMBINED.test(t.key)) {
        evidence.push({ kind: 'trailer', commit: c.sha, text: `${commitLabel(c)}: combined tag "${t.key}:"` });
        missing.push(`${shortSha(c)}: split "${t.key}:" into one tag per role (e.g. Reported-by: and Tested-by:)`);
      }
      if (t.key.toLowerCase() === 'link' && NOT_LORE.test(t.value)) {
        const id = /^https?:\/\/lkml\.kernel\.org\/r\/(\S+)/.exec(t.value)?.[1];
        evidence.push({ kind: 'trailer', commit: c.sha, text: `${commitLabel(c)}: "Link: ${t.value}" points at a list archive other than lore` });
        missing.push(`${shortSha(c)}: link mail through lore: ${id ? `Link: https://lore.kernel.org/${id}` : 'Link: https://lore.kernel.org/<message-id>'}`);
      }
    }
  }
  if (missing.length) return { status: 'fail', summary: `${plural(missing.length, 'tag')} to fix`, evidence, missing };
  return { status: 'pass', summary: 'no combined tags; mailing-list links go through lore', evidence: [] };
}

export async function decideTailComments(ctx: EvalContext): Promise<Decision> {
  const scope = new Set(tipPaths(ctx));
  const files = (await addedCode(ctx)).filter((f) => scope.has(f.path) && f.path.endsWith('.c'));
  if (!files.length) return { status: 'n/a', summary: 'the series adds no C code to tip files', evidence: [] };
  const hits = tailComments(files, (p) => scope.has(p));
  if (!hits.length) return { status: 'pass', summary: 'no tail comments in the added code', evidence: [] };
  return {
    status: 'fail',
    summary: `${plural(hits.length, 'tail comment')} in the added code`,
    evidence: hits.map((h) => ({ kind: 'line' as const, path: h.path, line: h.line, text: `${h.path}:${h.line}: ${h.text}` })),
    missing: hits.map((h) => `${h.path}:${h.line}: put the comment on its own line above the code`),
  };
}

const items: ItemDef[] = [
  {
    id: 'tip.subject',
    doc: { match: [/preferred format for patch subject prefixes/i] },
    profile: P,
    title: 'Subject "subsys/component: Description"',
    question: 'Does every subject start with a subsys/component: prefix (not a file name), and the description with an uppercase letter?',
    guidance:
      "maintainer-tip.rst: \"The tip tree preferred format for patch subject prefixes is 'subsys/component:', e.g. 'x86/apic:', 'x86/mm/fault:', 'sched/fair:', 'genirq/core:'. Please do not use file names or complete file paths as prefix.\" \"The condensed patch description in the subject line should start with a uppercase letter\".",
    decide: decideSubject,
  },
  {
    id: 'tip.tag-order',
    doc: { match: [/following tag ordering scheme/i] },
    profile: P,
    title: 'Commit tags in the tip order',
    question:
      'Are the tags ordered Fixes, Reported-by, Closes, Originally-by, Suggested-by, Co-developed-by/Signed-off-by, Tested-by, Reviewed-by, Acked-by, Cc, Link?',
    guidance:
      'maintainer-tip.rst: "To have a uniform view of the commit tags, the tip maintainers use the following tag ordering scheme" (Ordering of commit tags).',
    decide: decideTagOrder,
  },
  {
    id: 'tip.tag-form',
    doc: { match: [/do not use combined tags/i] },
    profile: P,
    title: 'No combined tags; mail linked through lore',
    question: 'Are there no combined tags such as Reported-and-tested-by, and do links to list mail use lore.kernel.org?',
    guidance:
      'maintainer-tip.rst: "Please do not use combined tags, e.g. Reported-and-tested-by, as they just complicate automated extraction of tags." "For referring to an email posted to the kernel mailing lists, please use the lore.kernel.org redirector URL".',
    decide: decideTagForm,
  },
  {
    id: 'tip.reverse-fir-tree',
    doc: { match: [/reverse fir tree order/i] },
    profile: P,
    title: 'Variable declarations in reverse fir tree order',
    question: 'Are the variable declarations at the beginning of each function in the added code ordered longest to shortest?',
    guidance: 'maintainer-tip.rst: "The preferred ordering of variable declarations at the beginning of a function is reverse fir tree order".',
    decide: (ctx) => decideReverseXmas(ctx, TIP_DOC, tipPaths(ctx)),
  },
  {
    id: 'tip.tail-comments',
    doc: { match: [/refrain from using tail comments/i] },
    profile: P,
    title: 'No tail comments in code',
    question: 'Does the added C code avoid comments at the end of code lines?',
    guidance:
      'maintainer-tip.rst: "Please refrain from using tail comments. Tail comments disturb the reading flow in almost all contexts, but especially in code". Struct members in headers may use them.',
    decide: decideTailComments,
  },
  confirmItem({
    id: 'tip.testing',
    doc: { match: [/heavyweight\) kernel debugging options/i, /debugging options/i] },
    profile: P,
    title: 'Built, booted and tested with the debugging options',
    question: 'Was the change built, booted and tested with kernel debugging options enabled (make x86_debug.config)?',
    guidance:
      'maintainer-tip.rst: "Anything other than minor changes should be built, booted and tested with comprehensive (and heavyweight) kernel debugging options enabled." The tree cannot tell; confirm with a note on what you ran.',
    scope: tipPaths,
  }),
];

export const TIP_PROFILE: ProfileDef = {
  id: P,
  title: 'The tip tree (x86, scheduler, locking, timers, irq, perf ...)',
  appliesWhen: 'a section the series touches has T: the tip tree or P: maintainer-tip.rst (KVM x86 aside)',
  docPath: TIP_DOC,
  applies: (ctx) => tipPaths(ctx).length > 0,
  items,
};
