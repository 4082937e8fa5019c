/**
 * Decisions of the `kernel` profile: sign-offs, trailer spelling and form,
 * checkpatch, the cover letter, and the subsystem documents of the sections
 * a series touches.
 */
import { formatPerson } from '../mail/address.js';
import { shellQuote } from '../text/shell.js';
import { canonicalKey, isPersonKey, suggestKey, type Trailer } from '../trailers/parse.js';
import { personProblem, repeatsEarlier } from '../trailers/edit.js';
import { b4CoverParts, withoutEditme } from '../b4/cover.js';
import { commitLabel, shortSha, type Decision, type EvalContext, type Evidence, type Todo } from './types.js';
import type { Commit } from '../series/read.js';
import { count as counted, plural } from '../text/plural.js';

const same = (ctx: EvalContext, a: string, b: string) => a.toLowerCase() === b.toLowerCase() || ctx.mailmap.same(a, b);

/**
 * submitting-patches.rst, "Sign your work": the author signs off, each
 * co-developer signs off right after their Co-developed-by, and whoever
 * passes the patch on (the submitter, who export puts in From:) adds their
 * own Signed-off-by to the chain.
 */
export function decideSignoff(ctx: EvalContext): Decision {
  const evidence: Evidence[] = [];
  const missing: Array<string | Todo> = [];
  const sub = ctx.series.submitter;
  const subAddr = sub ? formatPerson(sub.name, sub.email) : '';
  const unsigned: Commit[] = [];
  // The sign-offs that would settle it, each with the commits that lack it (the TUI offers them ready to add).
  const fixes = new Map<string, string[]>();
  const fix = (trailer: string, c: Commit) => fixes.set(trailer, [...(fixes.get(trailer) ?? []), c.sha]);
  for (const c of ctx.series.commits) {
    const sobs = c.trailers.filter((t) => t.key.toLowerCase() === 'signed-off-by');
    if (!sobs.some((t) => t.email && same(ctx, t.email, c.author.email))) {
      const text = `${commitLabel(c)}: no Signed-off-by from its author ${c.author.name} <${c.author.email}>`;
      evidence.push({ kind: 'commit', commit: c.sha, text });
      missing.push(`${shortSha(c)}: add "Signed-off-by: ${c.author.name} <${c.author.email}>"`);
      fix(`Signed-off-by: ${c.author.name} <${c.author.email}>`, c);
    }
    // The author's own commit: the check above already asked for this sign-off.
    if (sub && !same(ctx, sub.email, c.author.email) && !sobs.some((t) => t.email && same(ctx, t.email, sub.email))) {
      unsigned.push(c);
      fix(`Signed-off-by: ${subAddr}`, c);
      evidence.push({
        kind: 'commit',
        commit: c.sha,
        text: `${commitLabel(c)}: no Signed-off-by from you, the submitter ${subAddr} (you pass on ${c.author.name}'s patch)`,
      });
      const tip = c === ctx.series.commits[ctx.series.commits.length - 1];
      missing.push(`${shortSha(c)}: add yours, "Signed-off-by: ${subAddr}"${tip ? ' (the last commit: git commit --amend -s)' : ''}`);
    }
    c.trailers.forEach((t, i) => {
      if (t.key.toLowerCase() !== 'co-developed-by') return;
      const next: Trailer | undefined = c.trailers[i + 1];
      const ok = next && next.key.toLowerCase() === 'signed-off-by' && next.email && t.email && same(ctx, next.email, t.email);
      if (ok) return;
      evidence.push({
        kind: 'trailer',
        commit: c.sha,
        text: `${commitLabel(c)}: "Co-developed-by: ${t.value}" is not immediately followed by the same person's Signed-off-by`,
      });
      missing.push(`${shortSha(c)}: put "Signed-off-by: ${t.value}" right after "Co-developed-by: ${t.value}"`);
    });
  }
  if (unsigned.length) {
    const which = unsigned.length === ctx.series.commits.length ? '--all' : unsigned.map((c) => `--commit ${shortSha(c)}`).join(' ');
    missing.push({
      text: `or add your sign-off to ${plural(unsigned.length, 'it', 'them')} in one step`,
      cli: `patchpilot trailers add ${which} ${shellQuote(`Signed-off-by: ${subAddr}`)}`,
    });
  }
  if (evidence.length) {
    const bad = new Set(evidence.map((e) => e.commit)).size;
    return {
      status: 'fail',
      summary: `${bad} of ${counted(ctx.series.commits.length, 'commit')} ${plural(bad, 'lacks', 'lack')} a required Signed-off-by`,
      evidence,
      missing,
      fixes: [...fixes].map(([trailer, commits]) => ({ trailer, commits })),
    };
  }
  const bySub = (c: Commit) => (sub && !same(ctx, sub.email, c.author.email) ? ` and by you, ${subAddr}` : '');
  return {
    status: 'pass',
    summary: sub
      ? 'every commit is signed off by its author and by you, and every co-developer signed off'
      : 'every commit is signed off by its author, and every co-developer signed off (set user.email or sendemail.from so your own sign-off is checked too)',
    evidence: ctx.series.commits.map((c) => ({
      kind: 'commit' as const,
      commit: c.sha,
      text: `${commitLabel(c)}: Signed-off-by ${c.author.name} <${c.author.email}>${bySub(c)}`,
    })),
  };
}

const FIXES = /^([0-9a-fA-F]{12,40}) \("(.*)"\)$/;

export async function decideTrailerSyntax(ctx: EvalContext): Promise<Decision> {
  const evidence: Evidence[] = [];
  const missing: string[] = [];
  const problem = (c: Commit, t: Trailer, what: string, fix?: string) => {
    evidence.push({ kind: 'trailer', commit: c.sha, text: `${commitLabel(c)}: "${t.key}: ${t.value}": ${what}` });
    if (fix) missing.push(`${shortSha(c)}: ${fix}`);
  };
  const fixes: { c: Commit; t: Trailer; sha: string; subject: string; wellFormed: boolean }[] = [];
  let count = 0;
  for (const c of ctx.series.commits) {
    for (const t of c.trailers) {
      count++;
      const canon = canonicalKey(t.key);
      if (!canon) {
        const s = suggestKey(t.key);
        if (s) problem(c, t, `unknown key, did you mean ${s}?`, `write "${s}: ${t.value}"`);
        continue;
      }
      if (canon !== t.key && !canon.includes(' ')) problem(c, t, `spell the key ${canon}`, `write "${canon}: ${t.value}"`);
      const bad = isPersonKey(canon) ? personProblem(canon, t) : undefined;
      if (bad) {
        // An address without the name the key wants: said as trailers and trailers add say it.
        problem(c, t, t.email ? bad : 'needs a valid "Name <address>"', `give "${canon}:" a name and an address in angle brackets`);
      }
      // The same check as trailers list: a line repeated in one commit (a doubled Signed-off-by) is flagged by both.
      if (repeatsEarlier(t, c.trailers)) problem(c, t, 'appears twice in the commit', `remove the repeated "${t.key}: ${t.value}"`);
      if (canon === 'Fixes') {
        const m = FIXES.exec(t.value);
        const hex = m?.[1] ?? /^([0-9a-fA-F]{4,40})\b/.exec(t.value)?.[1];
        fixes.push({ c, t, sha: hex ?? '', subject: m?.[2] ?? '', wellFormed: Boolean(m) });
      }
    }
  }
  const found = fixes.some((f) => f.sha)
    ? await ctx.lookups.commitSubjects(fixes.filter((f) => f.sha).map((f) => f.sha))
    : new Map<string, { sha: string; subject: string }>();
  for (const f of fixes) {
    const hit = f.sha ? found.get(f.sha) : undefined;
    const proper = hit ? `Fixes: ${hit.sha.slice(0, 12)} ("${hit.subject}")` : undefined;
    if (!f.wellFormed) {
      const guess = f.sha.length >= 12 ? f.sha.slice(0, 12) : '<12+ hex digits>';
      problem(
        f.c,
        f.t,
        'needs at least 12 hex digits of the commit and its subject: Fixes: <sha> ("<subject>")',
        `write "${proper ?? `Fixes: ${guess} ("<subject of the fixed commit>")`}"`,
      );
    } else if (!hit) {
      // checkpatch flags it too: a Fixes: that names no commit of the repository points nowhere.
      problem(f.c, f.t, `names commit ${f.sha.slice(0, 12)}, which is not in this repository`, 'check the sha of the fixed commit (git log --oneline -1 SHA)');
    } else if (f.subject !== hit.subject) {
      // A well-formed Fixes: whose subject differs from the commit it names points at the wrong commit.
      problem(f.c, f.t, `the subject of ${hit.sha.slice(0, 12)} is "${hit.subject}"`, `write "${proper}"`);
    }
  }
  if (evidence.length) return { status: 'fail', summary: counted(evidence.length, 'malformed trailer'), evidence, missing };
  return { status: 'pass', summary: count ? `${counted(count, 'trailer')} well-formed` : 'no trailers to check', evidence: [] };
}

const PLACEHOLDER = /\*\*\*\s*(SUBJECT|BLURB)\s+HERE\s*\*\*\*|\bEDITME\b|<(title|cover letter|describe)[^>]*>/i;

/** b4 keeps '#' lines in its cover commit as instructions that never reach the mail. */
function coverBody(text: string | undefined, fromB4: boolean): string {
  if (!text) return '';
  return fromB4
    ? text
        .split('\n')
        .filter((l) => !l.startsWith('#'))
        .join('\n')
        .trim()
    : text.trim();
}

export function decideCoverLetter(ctx: EvalContext): Decision {
  const n = ctx.series.commits.length;
  if (n < 2) return { status: 'n/a', summary: 'a single patch gets no cover letter; its notes go below the ---', evidence: [] };
  const b4 = ctx.series.b4Cover;
  const title = (ctx.state.cover.title ?? b4?.subject ?? '').trim();
  // b4's cover as b4 send renders it (and export writes it): no '#' notes, no To:/Cc: lines, no EDITME template text.
  const body =
    ctx.state.cover.body !== undefined ? coverBody(ctx.state.cover.body, false) : b4 ? withoutEditme(b4CoverParts(`${b4.subject}\n\n${b4.body}`).body) : '';
  const source =
    ctx.state.cover.title !== undefined || ctx.state.cover.body !== undefined ? 'patchpilot cover' : b4 ? `b4 cover commit ${shortSha(b4.sha)}` : undefined;
  const evidence: Evidence[] = [];
  const missing: Array<string | Todo> = [];
  if (source) evidence.push({ kind: 'note', text: `cover letter from ${source}`, ...(b4 && source.startsWith('b4') ? { commit: b4.sha } : {}) });
  if (!title) missing.push({ text: 'write the cover letter subject', cli: 'patchpilot cover --title "..."' });
  else if (PLACEHOLDER.test(title)) missing.push(`replace the placeholder in the subject "${title}"`);
  else evidence.push({ kind: 'note', text: `subject: ${title}` });
  if (!body) missing.push({ text: 'write the cover letter body', cli: 'patchpilot cover --body-file FILE or --edit' });
  else if (PLACEHOLDER.test(body)) missing.push(`replace the placeholder in the body: "${PLACEHOLDER.exec(body)![0].trim()}"`);
  else evidence.push({ kind: 'note', text: `body: ${body.split('\n').length} line${body.includes('\n') ? 's' : ''}` });
  if (missing.length) return { status: 'open', summary: `a ${n}-patch series needs a cover letter subject and body`, evidence, missing };
  return { status: 'pass', summary: `cover letter "${title}"`, evidence };
}

/** A section whose P: document another profile covers, and that profile. */
export interface CoveredSection {
  section: string;
  profile: string;
}

/** Sections with a P: document the series touches, other than the excluded ones (whose document is their own profile's). */
export function profileDocs(ctx: EvalContext, exclude: string[]): Map<string, { sections: string[]; paths: string[] }> {
  const docs = new Map<string, { sections: string[]; paths: string[] }>();
  if (!ctx.maintainers) return docs;
  for (const p of ctx.paths) {
    for (const s of ctx.maintainers.profilesFor(p)) {
      if (s.isRest || exclude.includes(s.name)) continue;
      for (const doc of s.profiles) {
        const d = docs.get(doc) ?? { sections: [], paths: [] };
        if (!d.sections.includes(s.name)) d.sections.push(s.name);
        if (!d.paths.includes(p)) d.paths.push(p);
        docs.set(doc, d);
      }
    }
  }
  return docs;
}

export function decideProfileDocs(ctx: EvalContext, exclude: CoveredSection[]): Decision {
  if (!ctx.maintainers) return { status: 'n/a', summary: ctx.maintainersError ?? 'no MAINTAINERS file', evidence: [] };
  const docs = profileDocs(
    ctx,
    exclude.map((e) => e.section),
  );
  // Documents left out because a profile of their own covers them: say so, or "none" reads as an oversight.
  const elsewhere: Evidence[] = [];
  const byProfile: string[] = [];
  for (const e of exclude) {
    const s = ctx.maintainers.byName(e.section);
    if (!s?.profiles.length || !ctx.paths.some((p) => ctx.maintainers!.profilesFor(p).some((x) => x.name === s.name))) continue;
    if (!byProfile.includes(e.profile)) byProfile.push(e.profile);
    for (const doc of s.profiles) elsewhere.push({ kind: 'document', text: `${doc}: P: of ${s.name}, covered by the ${e.profile} profile` });
  }
  if (!docs.size) {
    const other = byProfile.length ? ` other than the one the ${byProfile.join(' and ')} ${plural(byProfile.length, 'profile covers', 'profiles cover')}` : '';
    return { status: 'n/a', summary: `no section the series touches has a P: document${other}`, evidence: elsewhere };
  }
  const a = ctx.answers['kernel.profile-docs'];
  const confirmed = new Set(a?.confirmed ? (a.covers ?? []) : []);
  const evidence: Evidence[] = [];
  const missing: Todo[] = [];
  for (const [doc, d] of docs) {
    const inTree = /^https?:/.test(doc) ? 'a web page' : ctx.exists(doc) ? 'in the tree' : 'not in this tree';
    evidence.push({
      kind: 'document',
      path: doc,
      text: `${doc} (${inTree}): P: of ${d.sections.join(', ')}, for ${d.paths.slice(0, 3).join(', ')}${d.paths.length > 3 ? ', ...' : ''}${confirmed.has(doc) ? '; confirmed read' : ''}`,
    });
    if (!confirmed.has(doc)) missing.push({ text: `read ${doc}, then confirm`, cli: 'patchpilot answer kernel.profile-docs --confirm' });
  }
  evidence.push(...elsewhere);
  if (missing.length) return { status: 'open', summary: `confirm having read ${counted(missing.length, 'subsystem document')}`, evidence, missing };
  return { status: 'pass', summary: `${counted(docs.size, 'subsystem document')} confirmed read`, evidence };
}

export function decideCheckpatch(ctx: EvalContext): Decision {
  const run = ctx.checkpatch;
  if (!run)
    return {
      status: 'open',
      summary: 'checkpatch has not run on this version of the series',
      evidence: [],
      missing: [{ text: 'run checkpatch', cli: 'patchpilot check (without --no-checkpatch)' }],
    };
  if (!run.ran) {
    if (run.unavailable) return { status: 'n/a', summary: run.reason, evidence: [] };
    return { status: 'open', summary: run.reason, evidence: [], missing: [{ text: 'run checkpatch again once checkpatch.pl works', cli: 'patchpilot check' }] };
  }
  const evidence: Evidence[] = [];
  let errors = 0;
  let warnings = 0;
  for (const c of run.commits) {
    for (const m of c.messages) {
      if (m.level === 'ERROR') errors++;
      else warnings++;
      // checkpatch's own "FILE: path:LINE" goes first, as a compiler would put it, so an editor can jump there.
      const where = m.path ? ` ${m.path}${m.line ? `:${m.line}` : ''}:` : '';
      evidence.push({
        kind: 'checkpatch',
        commit: c.sha,
        level: m.level,
        text: `${shortSha(c.sha)}${where} ${m.level}${m.type ? ` ${m.type}` : ''}: ${m.message}`,
        ...(m.path ? { path: m.path } : {}),
        ...(m.line ? { line: m.line } : {}),
      });
    }
  }
  // Stable: errors first, each level in commit order.
  evidence.sort((a, b) => Number(b.level === 'ERROR') - Number(a.level === 'ERROR'));
  const tally = `${counted(errors, 'error')}, ${counted(warnings, 'warning')}/${plural(warnings, 'check')} on ${counted(run.commits.length, 'patch', 'patches')}`;
  if (errors) {
    const bad = run.commits.filter((c) => c.messages.some((m) => m.level === 'ERROR')).map((c) => shortSha(c.sha));
    return { status: 'fail', summary: `checkpatch: ${tally}`, evidence, missing: [`fix the checkpatch ERRORs in ${bad.join(', ')}`] };
  }
  return { status: 'pass', summary: `checkpatch: ${tally}`, evidence };
}
