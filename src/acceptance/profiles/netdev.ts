/**
 * The netdev profile: the rules of Documentation/process/maintainer-netdev.rst
 * that the series, the branch state and the tree decide. It applies when a
 * MAINTAINERS section the series touches names that document in P:.
 */
import { decideCoverLetter } from '../kernel-items.js';
import { commitLabel, shortSha, type Decision, type EvalContext, type Evidence, type ItemDef, type ProfileDef } from '../types.js';
import { addedCode, unorderedDeclarations } from './code-scan.js';
import { confirmItem, hasTrailer, threadChoice, hoursText, now, pathsWithDoc, plural, subjectPrefixes, tagText } from './common.js';

export const NETDEV_DOC = 'Documentation/process/maintainer-netdev.rst';
const P = 'netdev';
const MAX_PATCHES = 15;
const REPOST_HOURS = 24;

const scope = (ctx: EvalContext) => pathsWithDoc(ctx, NETDEV_DOC).paths;

/** The tree the subject names, as written ("net", "NET-NEXT"...), or undefined. */
function treeTag(prefixes: readonly string[]): string | undefined {
  return prefixes.find((p) => /^net(-next)?$/i.test(p));
}

function setPrefixCommand(prefixes: readonly string[], tree: string): string {
  const keep = prefixes.filter((p) => !/^net(-next)?$/i.test(p));
  return `patchpilot cover ${[...keep, tree].map((p) => `--prefix ${p}`).join(' ')}`;
}

export function decideTree(ctx: EvalContext): Decision {
  const prefixes = subjectPrefixes(ctx);
  const tag = treeTag(prefixes);
  const shown = tagText(prefixes, ctx.series.version);
  const allFixes = ctx.series.commits.every((c) => hasTrailer(c, 'Fixes'));
  const suggest = allFixes ? 'net' : 'net-next';
  if (tag === 'net' || tag === 'net-next') {
    return { status: 'pass', summary: `the subject names the ${tag} tree: ${shown}`, evidence: [{ kind: 'note', text: `subject prefix ${shown}` }] };
  }
  if (tag) {
    return {
      status: 'fail',
      summary: `the tree is written "${tag}": netdev wants it lower case`,
      evidence: [{ kind: 'note', text: `subject prefix ${shown}` }],
      missing: [{ text: `write the tree in lower case: ${tag.toLowerCase()}`, cli: setPrefixCommand(prefixes, tag.toLowerCase()) }],
    };
  }
  return {
    status: 'open',
    summary: `the subject does not name net or net-next: ${shown}`,
    evidence: [
      { kind: 'note', text: `subject prefix ${shown}` },
      {
        kind: 'note',
        text: allFixes
          ? 'every patch carries a Fixes: tag, so net (fixes for code already in mainline) is likely'
          : 'not every patch is a fix with a Fixes: tag: net-next is likely',
      },
    ],
    missing: [
      {
        text: `name the tree in the subject prefix: ${suggest}${suggest === 'net' ? ' (every patch is a fix)' : ' (or net, for fixes of code already in mainline)'}`,
        cli: setPrefixCommand(prefixes, suggest),
      },
    ],
  };
}

export function decideFixes(ctx: EvalContext): Decision {
  const tag = treeTag(subjectPrefixes(ctx))?.toLowerCase();
  const commits = ctx.series.commits;
  const without = commits.filter((c) => !hasTrailer(c, 'Fixes'));
  const withN = commits.length - without.length;
  if (tag === 'net') {
    if (!without.length) return { status: 'pass', summary: `every patch for net carries a Fixes: tag (${withN})`, evidence: [] };
    return {
      status: 'fail',
      summary: `${plural(without.length, 'patch', 'patches')} for net without a Fixes: tag`,
      evidence: without.map((c) => ({ kind: 'commit', commit: c.sha, text: `${commitLabel(c)}: no Fixes: tag` })),
      missing: without.map((c) => `${shortSha(c)}: add "Fixes: <12+ hex digits> (\\"<subject of the commit it fixes>\\")", or send it to net-next`),
    };
  }
  // For net-next the rule still holds for fixes; a subject that says "fix" without the tag is worth a look.
  const suspects = without.filter((c) => /\bfix(e[sd])?\b/i.test(c.subject));
  if (!suspects.length)
    return {
      status: 'pass',
      summary: withN ? `${plural(withN, 'patch', 'patches')} with a Fixes: tag; no other patch says it fixes something` : 'no patch says it fixes something',
      evidence: [],
    };
  const a = ctx.answers['netdev.fixes'];
  const evidence: Evidence[] = suspects.map((c) => ({
    kind: 'commit',
    commit: c.sha,
    text: `${commitLabel(c)}: the subject says it fixes something, but there is no Fixes: tag`,
  }));
  if (a?.confirmed) {
    evidence.push({ kind: 'answer', text: `confirmed these fix no earlier commit${a.note ? `: ${a.note}` : ''}` });
    return { status: 'pass', summary: 'confirmed: no Fixes: tag is due', evidence };
  }
  return {
    status: 'open',
    summary: `${plural(suspects.length, 'patch', 'patches')} read as fixes but carry no Fixes: tag`,
    evidence,
    missing: [
      ...suspects.map((c) => `${shortSha(c)}: add "Fixes: <sha> (\\"<subject>\\")" naming the commit that introduced the bug`),
      { text: 'or confirm that none of them fixes an earlier commit', cli: 'patchpilot answer netdev.fixes --confirm --note "..."' },
    ],
  };
}

export function decideLength(ctx: EvalContext): Decision {
  const n = ctx.series.commits.length;
  if (n <= MAX_PATCHES) return { status: 'pass', summary: `${plural(n, 'patch', 'patches')} (netdev takes at most ${MAX_PATCHES})`, evidence: [] };
  return {
    status: 'fail',
    summary: `${n} patches: netdev takes at most ${MAX_PATCHES} in one series`,
    evidence: [{ kind: 'note', text: `${n} commits between ${ctx.series.base.ref} and HEAD` }],
    missing: [`break the series up: send at most ${MAX_PATCHES} patches now, the rest as a later series`],
  };
}

/**
 * The previous version as sent: patchpilot's record, else the tag that marks
 * it (patchpilot's and git-publish's <branch>-vN, b4's sent/<name>-vN), dated
 * when the tag was made.
 */
async function previousSent(ctx: EvalContext): Promise<{ version: number; date: string; tag: string } | undefined> {
  const prev = ctx.series.version - 1;
  const own = [...ctx.state.sent].filter((s) => s.version < ctx.series.version).sort((a, b) => b.version - a.version)[0];
  if (own) return own;
  const branch = ctx.series.branch;
  if (prev < 1 || !branch) return undefined;
  const changeId = (ctx.series.b4Cover?.tracking?.series as { 'change-id'?: unknown } | undefined)?.['change-id'];
  const names = [`${branch}-v${prev}`, `sent/${branch.replace(/^b4\//, '')}-v${prev}`, ...(typeof changeId === 'string' ? [`sent/${changeId}-v${prev}`] : [])];
  const out = await ctx.series.repo.git.run(['for-each-ref', '--format=%(refname:short)%00%(creatordate:iso-strict)', ...names.map((n) => `refs/tags/${n}`)]);
  const [tag, date] = (out.split('\n').find(Boolean) ?? '').split('\0');
  return tag && date ? { version: prev, date: new Date(date).toISOString(), tag } : undefined;
}

export async function decideRepostWait(ctx: EvalContext, hours = REPOST_HOURS): Promise<Decision> {
  const sent = await previousSent(ctx);
  if (!sent) return { status: 'n/a', summary: `v${ctx.series.version}: no earlier version was sent from this branch`, evidence: [] };
  const at = Date.parse(sent.date);
  const t = now();
  const ready = at + hours * 3600_000;
  const evidence: Evidence[] = [
    { kind: 'note', text: `v${sent.version} was sent ${sent.date.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')} (tag ${sent.tag})` },
  ];
  if (!Number.isFinite(at))
    return { status: 'open', summary: `the time v${sent.version} was sent is unknown`, evidence, missing: [`check when v${sent.version} went out`] };
  if (t >= ready) return { status: 'pass', summary: `v${sent.version} went out ${hoursText(t - at, 'down')} ago (at least ${hours} h)`, evidence };
  const until = new Date(ready)
    .toISOString()
    .replace('T', ' ')
    .replace(/:\d\d\.\d+Z$/, ' UTC');
  return {
    status: 'open',
    summary: `v${sent.version} went out ${hoursText(t - at, 'down')} ago: wait ${hoursText(ready - t)} more (until ${until}) before sending v${ctx.series.version}`,
    evidence,
    missing: [`wait until ${until} (${hoursText(ready - t)}) before sending v${ctx.series.version}`],
  };
}

/** The export of this version, if any, and whether it replies to an earlier posting. */
export function decideNewThread(ctx: EvalContext): Decision {
  if (ctx.series.version < 2) return { status: 'n/a', summary: 'v1 starts its own thread', evidence: [] };
  const e = ctx.state.exported;
  if (!e || e.version !== ctx.series.version)
    return (
      threadChoice(ctx, 'netdev wants a new version in a new thread') ?? {
        status: 'pass',
        summary: `v${ctx.series.version} is not exported yet; export starts a new thread (the branch's choice)`,
        evidence: [],
      }
    );
  const where: Evidence = { kind: 'file', path: e.files[0] ?? e.dir, text: `export of v${e.version} in ${e.dir} (${e.at.slice(0, 16).replace('T', ' ')})` };
  if (e.inReplyTo)
    return {
      status: 'fail',
      summary: `the export of v${e.version} replies to ${e.inReplyTo}: netdev wants a new version in a new thread`,
      evidence: [where, { kind: 'note', text: `In-Reply-To: ${e.inReplyTo}` }],
      missing: [
        { text: `export v${e.version} again as a new thread; the changelog links the previous version`, cli: `patchpilot export -o ${e.dir} --new-thread` },
      ],
    };
  return { status: 'pass', summary: `the export of v${e.version} starts a new thread`, evidence: [where] };
}

export async function decideReverseXmas(ctx: EvalContext, doc = NETDEV_DOC, paths = scope(ctx)): Promise<Decision> {
  const inScope = new Set(paths);
  const files = await addedCode(ctx);
  const checked = files.filter((f) => inScope.has(f.path));
  if (!checked.length) return { status: 'n/a', summary: `the series adds no C code under ${doc === NETDEV_DOC ? 'netdev' : 'these'} sections`, evidence: [] };
  const bad = unorderedDeclarations(checked, (p) => inScope.has(p));
  if (!bad.length)
    return {
      status: 'pass',
      summary: `local variable declarations in the added code of ${plural(checked.length, 'file')} are ordered longest to shortest`,
      evidence: [],
    };
  return {
    status: 'fail',
    summary: `${plural(bad.length, 'block')} of local variables not ordered longest to shortest`,
    evidence: bad.map((b) => ({
      kind: 'line' as const,
      path: b.path,
      line: b.line,
      text: `${b.path}:${b.line}: "${b.lines[b.bad]}" is longer than "${b.lines[b.bad - 1]}" above it`,
    })),
    missing: bad.map((b) => `${b.path}:${b.line}: order the declarations longest line first (move an initialisation out of line if another variable needs it)`),
  };
}

function decideCover(ctx: EvalContext): Decision {
  const d = decideCoverLetter(ctx);
  if (d.status === 'n/a') return { ...d, summary: 'a single patch: no cover letter' };
  return d;
}

const items: ItemDef[] = [
  {
    id: 'netdev.tree',
    doc: { match: [/designate your patch to a tree/i, /explicitly mark which tree/i] },
    fix: { screen: 'cover' },
    profile: P,
    title: 'The subject names the target tree (net or net-next)',
    question: 'Is the series marked [PATCH net] (fixes) or [PATCH net-next] (new code)?',
    guidance: `maintainer-netdev.rst: "designate your patch to a tree - [PATCH net] or [PATCH net-next]"; "Use net instead of net-next (always lower case) in the above for bug-fix net content."`,
    decide: decideTree,
  },
  {
    id: 'netdev.fixes',
    doc: { match: [/tag is required, regardless of the tree/i] },
    profile: P,
    title: 'Fixes carry a Fixes: tag',
    question: 'Does every fix carry a Fixes: tag (every patch, for net)?',
    guidance: 'maintainer-netdev.rst: "for fixes the Fixes: tag is required, regardless of the tree".',
    answer: { confirm: true },
    decide: decideFixes,
  },
  {
    id: 'netdev.series-length',
    doc: { match: [/Avoid sending series longer than 15 patches/i, /large series/i] },
    profile: P,
    title: `At most ${MAX_PATCHES} patches`,
    question: `Does the series hold at most ${MAX_PATCHES} patches?`,
    guidance: `maintainer-netdev.rst: "don't post large series (> 15 patches), break them up"; "Avoid sending series longer than 15 patches."`,
    decide: decideLength,
  },
  {
    id: 'netdev.repost-wait',
    doc: { match: [/Allow at least 24 hours to pass between postings/i, /24h/i] },
    profile: P,
    title: 'At least 24 hours since the previous version',
    question: 'Have 24 hours passed since the previous version was sent?',
    guidance: `maintainer-netdev.rst: "don't repost your patches within one 24h period"; "Allow at least 24 hours to pass between postings." Decided from the versions patchpilot sent recorded.`,
    decide: (ctx) => decideRepostWait(ctx),
  },
  {
    id: 'netdev.new-thread',
    doc: { match: [/posted as a separate thread/i] },
    profile: P,
    title: 'A new version is a new thread',
    question: 'Is the new version posted as its own thread, not as a reply to the previous one?',
    guidance:
      'maintainer-netdev.rst: "The new version of patches should be posted as a separate thread, not as a reply to the previous posting. Change log should include a link to the previous posting."',
    decide: decideNewThread,
  },
  {
    id: 'netdev.cover-letter',
    doc: { match: [/some feature cover letter/i] },
    fix: { screen: 'cover' },
    profile: P,
    title: 'A series of several patches has a cover letter',
    question: 'Does a series of more than one patch come with a cover letter (0/N)?',
    guidance: 'maintainer-netdev.rst shows the shape of a series: "[PATCH net-next 0/3] net: some feature cover letter", followed by its patches 1/3 to 3/3.',
    decide: decideCover,
  },
  {
    id: 'netdev.reverse-xmas',
    doc: { match: [/Order the variable declaration lines longest to shortest/i, /reverse xmas/i] },
    profile: P,
    title: 'Local variables in reverse Christmas tree order',
    question: 'Are the local variable declarations of the added code ordered longest line to shortest?',
    guidance:
      'maintainer-netdev.rst: "Netdev has a convention for ordering local variables in functions. Order the variable declaration lines longest to shortest" ... "If there are dependencies between the variables preventing the ordering move the initialization out of line."',
    decide: (ctx) => decideReverseXmas(ctx),
  },
  confirmItem({
    id: 'netdev.testing',
    doc: { match: [/allyesconfig/i] },
    profile: P,
    title: 'Built with allyesconfig and allmodconfig, W=1',
    question: 'Does every patch survive an allyesconfig and an allmodconfig build with W=1 without new warnings, on top of net or net-next?',
    guidance:
      'maintainer-netdev.rst: "At the very minimum your changes must survive an allyesconfig and an allmodconfig build with W=1 set without new warnings or failures." "You are expected to test your changes on top of the relevant networking tree (net or net-next)". The tree cannot tell; confirm with a note on what you ran.',
    scope,
  }),
];

export const NETDEV_PROFILE: ProfileDef = {
  id: P,
  title: 'Networking (netdev)',
  appliesWhen: `a section the series touches has P: ${NETDEV_DOC}`,
  docPath: NETDEV_DOC,
  applies: (ctx) => scope(ctx).length > 0,
  items,
};
