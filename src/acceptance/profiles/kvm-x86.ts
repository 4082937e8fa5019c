/**
 * The KVM x86 profile: the rules of Documentation/process/maintainer-kvm-x86.rst
 * the series can decide: the shortlog scope ("KVM: x86:", "KVM: SVM:" ...),
 * its case, capital letter, punctuation and length; no In-Reply-To to an
 * earlier version; base-commit in the mails. Testing is the submitter's to confirm.
 */
import { commitLabel, shortSha, type Decision, type EvalContext, type Evidence, type ItemDef, type ProfileDef } from '../types.js';
import type { Commit } from '../../series/read.js';
import { commitsTouching, confirmItem, pathsWithDoc, plural, splitSubject, threadChoice } from './common.js';

export const KVM_X86_DOC = 'Documentation/process/maintainer-kvm-x86.rst';
const P = 'kvm-x86';
export const KVM_TOPICS = ['x86', 'x86/mmu', 'x86/pmu', 'x86/xen', 'selftests', 'SVM', 'nSVM', 'VMX', 'nVMX'];

const scope = (ctx: EvalContext) => pathsWithDoc(ctx, KVM_X86_DOC).paths;

/** The topic a file suggests, as the document lists them. */
export function topicOf(path: string): string {
  if (path.startsWith('tools/testing/selftests/kvm/')) return 'selftests';
  if (/^arch\/x86\/kvm\/svm\/nested\.c$/.test(path)) return 'nSVM';
  if (/^arch\/x86\/kvm\/vmx\/nested\.[ch]$/.test(path)) return 'nVMX';
  if (/^arch\/x86\/kvm\/svm\/|^arch\/x86\/include\/(uapi\/)?asm\/svm\.h$/.test(path)) return 'SVM';
  if (/^arch\/x86\/kvm\/vmx\/|^arch\/x86\/include\/(uapi\/)?asm\/vmx/.test(path)) return 'VMX';
  if (/^arch\/x86\/kvm\/mmu/.test(path)) return 'x86/mmu';
  if (/^arch\/x86\/kvm\/pmu|^arch\/x86\/kvm\/(svm|vmx)\/pmu/.test(path)) return 'x86/pmu';
  if (/^arch\/x86\/kvm\/xen/.test(path)) return 'x86/xen';
  return 'x86';
}

/** The first common parent of several topics ("traverse up the conceptual tree"): usually x86. */
function commonTopic(topics: string[]): string {
  const set = [...new Set(topics)];
  if (set.length === 1) return set[0]!;
  if (set.every((t) => t === 'SVM' || t === 'nSVM')) return 'SVM';
  if (set.every((t) => t === 'VMX' || t === 'nVMX')) return 'VMX';
  return 'x86';
}

function suggested(c: Commit, paths: Set<string>): string {
  return `KVM: ${commonTopic(c.files.filter((f) => paths.has(f.path)).map((f) => topicOf(f.path)))}:`;
}

export function decideScope(ctx: EvalContext): Decision {
  const paths = new Set(scope(ctx));
  const commits = commitsTouching(ctx, [...paths]);
  const evidence: Evidence[] = [];
  const missing: string[] = [];
  for (const c of commits) {
    const { scopes, rest } = splitSubject(c.subject);
    const want = suggested(c, paths);
    const bad = (why: string) => {
      evidence.push({ kind: 'commit', commit: c.sha, text: `${commitLabel(c)}: ${why}` });
      const fixed = rest.replace(/^[a-z]/, (x) => x.toUpperCase()).replace(/[.!]+$/, '');
      missing.push(`${shortSha(c)}: start the subject with "${want}" (reword: "${want} ${fixed}")`);
    };
    if (scopes[0] === 'x86/kvm') bad('"x86/kvm:" is for Linux as a KVM guest (arch/x86/kernel/kvm.c), not for KVM');
    else if (scopes[0]?.toLowerCase() === 'kvm' && scopes[0] !== 'KVM') bad(`"${scopes[0]}:" must be spelled "KVM:" (names are case sensitive)`);
    else if (scopes[0] !== 'KVM') bad(`no "KVM: <topic>:" prefix (suggested from its files: "${want}")`);
    else if (!scopes[1]) bad('"KVM:" without a topic');
    else if (!KVM_TOPICS.includes(scopes[1])) {
      const near = KVM_TOPICS.find((t) => t.toLowerCase() === scopes[1]!.toLowerCase());
      bad(
        near
          ? `"KVM: ${scopes[1]}:" must be spelled "KVM: ${near}:" (case sensitive)`
          : `"${scopes[1]}" is not one of the KVM x86 topics (${KVM_TOPICS.join(', ')})`,
      );
    } else evidence.push({ kind: 'commit', commit: c.sha, text: `${commitLabel(c)}: "KVM: ${scopes[1]}:"` });
  }
  if (missing.length) return { status: 'fail', summary: `${plural(missing.length, 'subject')} without a KVM x86 topic prefix`, evidence, missing };
  return { status: 'pass', summary: `${plural(commits.length, 'KVM x86 patch', 'KVM x86 patches')} with a "KVM: <topic>:" prefix`, evidence };
}

export function decideShortlogStyle(ctx: EvalContext): Decision {
  const commits = commitsTouching(ctx, scope(ctx));
  const evidence: Evidence[] = [];
  const missing: string[] = [];
  let over75 = 0;
  for (const c of commits) {
    const { rest } = splitSubject(c.subject);
    const problems: string[] = [];
    if (/^[a-z]/.test(rest) && !/^[a-z_][a-z0-9_]*\(\)/.test(rest)) problems.push('capitalize the first word after the prefix');
    if (/[.!]$/.test(rest)) problems.push('drop the ending punctuation');
    if (c.subject.length > 80) problems.push(`${c.subject.length} characters: 80 is the hard limit`);
    else if (c.subject.length > 75) over75++;
    if (problems.length) {
      evidence.push({ kind: 'commit', commit: c.sha, text: `${commitLabel(c)}: ${problems.join('; ')}` });
      missing.push(`${shortSha(c)}: ${problems.join('; ')}`);
    } else if (c.subject.length > 75) {
      evidence.push({ kind: 'note', commit: c.sha, text: `${commitLabel(c)}: ${c.subject.length} characters, over the firm 75 (under the hard 80)` });
    }
  }
  if (missing.length) return { status: 'fail', summary: `${plural(missing.length, 'shortlog')} to fix`, evidence, missing };
  return {
    status: 'pass',
    summary: `${plural(commits.length, 'shortlog')} capitalized, without ending punctuation, within 80 characters${over75 ? ` (${over75} over 75)` : ''}`,
    evidence,
  };
}

export function decideNoReplyTo(ctx: EvalContext): Decision {
  if (ctx.series.version < 2) return { status: 'n/a', summary: 'v1 replies to nothing', evidence: [] };
  const e = ctx.state.exported;
  if (e?.version !== ctx.series.version) {
    const chosen = threadChoice(ctx, 'link it with a lore link in the cover letter instead');
    if (chosen) return chosen;
  } else if (e.inReplyTo)
    return {
      status: 'fail',
      summary: `the export of v${e.version} carries In-Reply-To: ${e.inReplyTo}; link earlier versions with a lore link in the cover letter instead`,
      evidence: [{ kind: 'file', path: e.files[0] ?? e.dir, text: `export of v${e.version} in ${e.dir}` }],
      missing: [{ text: `export v${e.version} again as a new thread`, cli: `patchpilot export -o ${e.dir} --new-thread` }],
    };
  return { status: 'pass', summary: 'no In-Reply-To to an earlier version', evidence: [] };
}

function decideGitBase(ctx: EvalContext): Decision {
  const up = ctx.series.base.upstream ?? ctx.series.base.commit;
  return {
    status: 'pass',
    summary: `export writes base-commit: ${up.slice(0, 12)} (git format-patch --base)`,
    evidence: [{ kind: 'commit', commit: up, text: `base-commit: ${up} (${ctx.series.base.ref})` }],
  };
}

const items: ItemDef[] = [
  {
    id: 'kvm.shortlog-scope',
    doc: { match: [/preferred prefix format/i, /case sensitive/i] },
    profile: P,
    title: 'Shortlog prefix "KVM: <topic>:"',
    question: 'Does every KVM x86 patch start its subject with "KVM: <topic>:" (x86, x86/mmu, x86/pmu, x86/xen, selftests, SVM, nSVM, VMX, nVMX)?',
    guidance:
      'maintainer-kvm-x86.rst: "The preferred prefix format is KVM: <topic>:" ... "DO NOT use x86/kvm!" ... "All names are case sensitive! KVM: x86: is good, kvm: vmx: is not." "If a patch touches multiple topics, traverse up the conceptual tree to find the first common parent (which is often simply x86)."',
    decide: decideScope,
  },
  {
    id: 'kvm.shortlog-style',
    doc: { match: [/Capitalize the first word/i, /firm-but-not-hard/i] },
    profile: P,
    title: 'Shortlog capitalized, no ending punctuation, at most 80 characters',
    question: 'Is the first word after the prefix capitalized, without ending punctuation, and the subject within 80 characters?',
    guidance:
      'maintainer-kvm-x86.rst: "Capitalize the first word of the condensed patch description, but omit ending punctionation." "use 75 characters as a firm-but-not-hard limit, and use 80 characters as a hard limit."',
    decide: decideShortlogStyle,
  },
  {
    id: 'kvm.no-in-reply-to',
    doc: { match: [/via\s+`*In-Reply-To:/i] },
    profile: P,
    title: 'Earlier versions linked, not replied to',
    question: 'Does the new version avoid In-Reply-To: to an earlier version?',
    guidance:
      'maintainer-kvm-x86.rst: "Do not explicitly reference bug reports, prior versions of a patch/series, etc. via In-Reply-To: headers." "To link to a bug report, previous version, or anything of interest, use lore links."',
    decide: decideNoReplyTo,
  },
  {
    id: 'kvm.git-base',
    doc: { match: [/--base`*\s+flag/i, /--base/i] },
    profile: P,
    title: 'Base tree information in the patches',
    question: 'Do the patches carry base-commit: (git format-patch --base)?',
    guidance:
      'maintainer-kvm-x86.rst: "use git format-patch with the --base flag to automatically include the base tree information in the generated patches." Fixes for the current release go on kvm.git master, everything else on kvm-x86/next: pass --base accordingly.',
    decide: decideGitBase,
  },
  confirmItem({
    id: 'kvm.testing',
    doc: { match: [/bare minimum/i] },
    profile: P,
    title: 'Built for KVM_INTEL=m KVM_AMD=m KVM_WERROR=y; selftests and KVM-unit-tests run',
    question: 'Does every patch build with KVM_INTEL=m, KVM_AMD=m and KVM_WERROR=y, and do KVM selftests and KVM-unit-tests pass?',
    guidance:
      'maintainer-kvm-x86.rst: "At a bare minimum, *all* patches in a series must build cleanly for KVM_INTEL=m KVM_AMD=m, and KVM_WERROR=y." "Running KVM selftests and KVM-unit-tests is also mandatory". The tree cannot tell; confirm with a note on what you ran (say it in the cover letter if you could not test fully).',
    scope,
  }),
];

export const KVM_X86_PROFILE: ProfileDef = {
  id: P,
  title: 'KVM x86',
  appliesWhen: `a section the series touches has P: ${KVM_X86_DOC}`,
  docPath: KVM_X86_DOC,
  applies: (ctx) => scope(ctx).length > 0,
  items,
};
