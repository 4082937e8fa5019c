import { UsageError } from '../../src/errors.js';
import { openRepo } from '../../src/git/repo.js';
import type { RewriteResult } from '../../src/history/rewrite.js';
import {
  applyTrailers,
  openForTrailers,
  planCount,
  planTrailers,
  trailerList,
  undoRewrite,
  type BranchContext,
  type TrailerPlan,
} from '../../src/ops/trailers.js';
import { count, plural } from '../../src/text/plural.js';
import { formatTrailer } from '../../src/trailers/edit.js';
import { parseCommandArgs, printJson, whereOf, withGlobals, type Command, type Context } from '../cli.js';

const usage = `Usage: patchpilot trailers [list] [--json]
       patchpilot trailers add [--commit REV]... [--all] [--custom] [--dry-run] "Key: Name <address>"...
       patchpilot trailers import MBOX_OR_MAILDIR [--dry-run] [--accept-mismatch] [--any-version]
       patchpilot trailers undo

list     every commit's trailers, with misspelt keys, malformed people and
         duplicates flagged
add      add review trailers (Reviewed-by, Acked-by, Tested-by, ...) to the
         named commits (--commit, repeatable), to every patch (--all), or to
         the only patch of a one-patch series. Trailers already present (same
         key, same person after .mailmap) are not added again. --custom allows
         a key patchpilot does not know.
import   read a saved thread (mbox file or maildir) and add the trailers the
         replies carry to the commits they answer; replies to the cover letter
         apply to every patch. A trailer naming someone other than the sender
         is listed and skipped unless --accept-mismatch. A reply to another
         version of the series than the branch's (patchpilot series shows it)
         or the last one sent is listed and skipped unless --any-version.
         When the thread holds the reviewed patch, its git patch-id decides
         instead: the review applies where the commit's patch is unchanged,
         and is skipped (unless --any-version) where it changed.
undo     put the branch back where the last rewrite found it; refused when the
         branch moved since.

add and import print the plan, then rewrite base..HEAD in one step: author,
dates, tree and every other byte of each message stay; the committer is you,
as git would set it; GPG signatures of rewritten commits are dropped (they no
longer match). The old tip is kept in refs/patchpilot/rewrites/. The branch
must be checked out, the work tree clean, and no rebase, merge, cherry-pick,
revert or bisect under way.
`;
import { sanitizeLine as clean } from '../../src/text/sanitize.js';

function shortSha(s: string): string {
  return s.slice(0, 12);
}

export function planLines(plan: TrailerPlan): string[] {
  const lines: string[] = [];
  for (const e of plan.entries) {
    lines.push(`${shortSha(e.sha)} ${e.subject}`);
    for (const t of e.add) lines.push(`  + ${formatTrailer(t)}${t.from ? `   (from ${t.from.name ? `${t.from.name} <${t.from.email}>` : t.from.email})` : ''}`);
    for (const t of e.present) lines.push(`  = ${formatTrailer(t)}   (already there)`);
  }
  if (plan.skipped.length) {
    if (lines.length) lines.push('');
    lines.push('skipped:');
    for (const s of plan.skipped) {
      const who = s.from ? ` from ${s.from.name ? `${s.from.name} <${s.from.email}>` : s.from.email}` : '';
      const where = s.sha ? ` for ${shortSha(s.sha)}` : s.subject ? ` on "${s.subject}"` : '';
      lines.push(`  - ${s.trailer ?? '(message)'}${who}${where}: ${s.reason}`);
    }
  }
  // Subjects, names and trailers come from other people: no control character reaches the terminal.
  return lines.map(clean);
}

function resultLines(r: RewriteResult | null, plan: TrailerPlan): string[] {
  if (!r) return [planCount(plan) ? 'nothing moved' : 'nothing to add: the branch is unchanged'];
  const lines = [
    `${r.branch}: ${shortSha(r.oldTip)} -> ${shortSha(r.newTip)}, ${count(r.changed, 'commit')} changed, ${r.rewritten} rewritten`,
    `old tip kept in ${r.backupRef}; patchpilot trailers undo puts it back`,
  ];
  if (r.droppedSignatures)
    lines.push(
      `${count(r.droppedSignatures, 'GPG signature')} ${plural(r.droppedSignatures, 'was', 'were')} dropped (they no longer match); sign again if you need them`,
    );
  return lines;
}

async function runPlan(ctx: Context, plan: TrailerPlan, dryRun: boolean, b: BranchContext): Promise<number> {
  const lines = planLines(plan);
  // A blank line between the plan and what follows, none before an empty plan.
  const after = (more: string[]) => ctx.out([...lines, ...(lines.length ? [''] : []), ...more].join('\n'));
  if (dryRun) {
    if (ctx.json) printJson(ctx, { plan, dryRun: true });
    else after([`dry run: ${count(planCount(plan), 'trailer')} would be added; nothing moved`]);
    return 0;
  }
  // The plan is printed only once nothing can refuse the rewrite: a refusal is then the only output.
  let shown = false;
  const show = () => {
    if (!ctx.json && !shown && lines.length) ctx.out(lines.join('\n'));
    shown = true;
  };
  const result = await applyTrailers(b, plan, { onReady: show });
  show();
  if (ctx.json) printJson(ctx, { plan, result });
  else ctx.out([...(lines.length ? [''] : []), ...resultLines(result, plan)].join('\n'));
  return 0;
}

const OPTIONS = {
  commit: { type: 'string', multiple: true },
  all: { type: 'boolean' },
  custom: { type: 'boolean' },
  'dry-run': { type: 'boolean', short: 'n' },
  'accept-mismatch': { type: 'boolean' },
  'any-version': { type: 'boolean' },
} as const;

const command: Command = {
  name: 'trailers',
  summary: 'add, import and undo review trailers (rewrites the branch safely)',
  usage,
  async run(args, ctx0) {
    const { values, positionals } = parseCommandArgs('trailers', args, OPTIONS);
    if (values.help) {
      ctx0.out(usage);
      return 0;
    }
    const ctx = withGlobals(ctx0, values);
    const [sub = 'list', ...rest] = positionals;
    const onlyFor = (name: string, opts: (keyof typeof OPTIONS)[]) => {
      for (const o of Object.keys(OPTIONS) as (keyof typeof OPTIONS)[]) {
        if (values[o] !== undefined && !opts.includes(o)) throw new UsageError(`trailers ${name}: --${o} does not apply (see patchpilot trailers --help)`);
      }
    };
    if (sub === 'list') {
      onlyFor('list', []);
      if (rest.length) throw new UsageError('trailers list takes no arguments');
      const b = await openForTrailers(whereOf(ctx));
      const list = trailerList(b);
      if (ctx.json) {
        printJson(ctx, { branch: b.branch, base: { ref: b.base.ref, commit: b.base.commit }, commits: list });
        return 0;
      }
      const p = ctx.paint;
      const lines: string[] = [];
      let problems = 0;
      list.forEach((c, i) => {
        lines.push(`${p.dim(`[${i + 1}/${list.length}]`)} ${shortSha(c.sha)} ${p.bold(clean(c.subject))}`);
        if (!c.trailers.length) lines.push(`      ${p.dim('(no trailers)')}`);
        for (const t of c.trailers) {
          lines.push(`      ${clean(`${t.key}: ${t.value}`)}`);
          for (const pr of t.problems) lines.push(`        ${p.red('!')} ${clean(pr)}`);
          problems += t.problems.length;
        }
      });
      lines.push('', problems ? `${count(problems, 'problem')} flagged` : 'no problems found');
      ctx.out(lines.join('\n'));
      return 0;
    }
    if (sub === 'add') {
      onlyFor('add', ['commit', 'all', 'custom', 'dry-run']);
      if (!rest.length) throw new UsageError('trailers add needs a trailer: patchpilot trailers add --all "Reviewed-by: Name <address>"');
      if (values.all && values.commit?.length) throw new UsageError('trailers add: pass either --all or --commit, not both');
      const b = await openForTrailers({ ...whereOf(ctx), rewriteSoon: !values['dry-run'] });
      const plan = await planTrailers(b, { kind: 'add', trailers: rest, commits: values.commit, all: Boolean(values.all), custom: Boolean(values.custom) });
      return runPlan(ctx, plan, Boolean(values['dry-run']), b);
    }
    if (sub === 'import') {
      onlyFor('import', ['dry-run', 'accept-mismatch', 'any-version']);
      if (rest.length !== 1) throw new UsageError('trailers import needs one mbox file or maildir: patchpilot trailers import THREAD.mbox');
      const b = await openForTrailers({ ...whereOf(ctx), rewriteSoon: !values['dry-run'] });
      const plan = await planTrailers(b, {
        kind: 'import',
        path: rest[0]!,
        acceptMismatch: Boolean(values['accept-mismatch']),
        anyVersion: Boolean(values['any-version']),
      });
      return runPlan(ctx, plan, Boolean(values['dry-run']), b);
    }
    if (sub === 'undo') {
      onlyFor('undo', []);
      if (rest.length) throw new UsageError('trailers undo takes no arguments');
      const r = await undoRewrite(await openRepo(ctx.repoDir));
      if (ctx.json) printJson(ctx, r);
      else
        ctx.out(`${r.branch}: ${shortSha(r.undone)} -> ${shortSha(r.restored)}, restored the tip from before ${r.what ? `"${r.what}"` : 'the last rewrite'}`);
      return 0;
    }
    throw new UsageError(`trailers: unknown action '${sub}' (list, add, import or undo)`);
  },
};
export default command;
