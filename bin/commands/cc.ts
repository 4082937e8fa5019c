import { UsageError } from '../../src/errors.js';
import { loadMaintainers } from '../../src/maintainers/db.js';
import { addRecipient, dropRecipient, undropRecipient, type Recipient, type RecipientSource } from '../../src/recipients/compute.js';
import { readSeries } from '../../src/series/read.js';
import { seriesRecipients } from '../../src/recipients/series.js';
import { emptyState, loadState, updateState } from '../../src/store/state.js';
import { parseCommandArgs, withGlobals, type Command } from '../cli.js';

const usage = `Usage: patchpilot cc [--json] [--add ADDR]... [--add-to ADDR]... [--drop ADDR]...
                     [--undrop ADDR]... [--per-patch | --series-wide]

Who receives the series, and why: To: the M: maintainers of the MAINTAINERS
sections the series touches (get_maintainer.pl's rules); Cc: their R:
reviewers and L: lists, and everyone named in the commits' trailers. You (the
submitter) are left out; people are compared after .mailmap.

  --add ADDR      add "Name <address>" to Cc (--add-to: to To)
  --drop ADDR     drop an address; it stays dropped when the list is recomputed
  --undrop ADDR   forget a drop
  --per-patch     each patch to its own recipients, the cover letter to all
  --series-wide   every patch and the cover letter to everyone (the default)
Choices are kept for the branch (and its later versions) in the git directory.
`;

function reason(s: RecipientSource): string {
  switch (s.kind) {
    case 'maintainer':
      return s.role === 'in file' ? `named in ${s.section}` : `${s.role ?? 'maintainer'}: ${s.section}`;
    case 'reviewer':
      return `reviewer: ${s.section}`;
    case 'list':
      return `${s.role ?? 'list'}: ${s.section}`;
    case 'trailer':
      return `${s.trailer} in ${(s.commits ?? []).map((c) => c.slice(0, 12)).join(', ')}`;
    case 'profile':
      return `acceptance item ${s.role}`;
    case 'manual':
      return 'added by you';
  }
}

function lines(title: string, list: Recipient[], p: { bold: (s: string) => string; dim: (s: string) => string }): string[] {
  if (!list.length) return [`${p.bold(title)} (none)`];
  const out = [p.bold(title)];
  for (const r of list) {
    out.push(`  ${r.address}`);
    out.push(p.dim(`      ${r.sources.map(reason).join('; ')}`));
    if (r.keptBecause) out.push(p.dim(`      kept: ${r.keptBecause}`));
  }
  return out;
}

const command: Command = {
  name: 'cc',
  summary: 'who receives the series, with the reasons',
  usage,
  async run(args, ctx0) {
    const { values } = parseCommandArgs(
      'cc',
      args,
      {
        add: { type: 'string', multiple: true },
        'add-to': { type: 'string', multiple: true },
        drop: { type: 'string', multiple: true },
        undrop: { type: 'string', multiple: true },
        'per-patch': { type: 'boolean' },
        'series-wide': { type: 'boolean' },
      },
      false,
    );
    if (values.help) {
      ctx0.out(usage);
      return 0;
    }
    const ctx = withGlobals(ctx0, values);
    if (values['per-patch'] && values['series-wide']) throw new UsageError('cc: --per-patch and --series-wide exclude each other');
    const series = await readSeries({ repoDir: ctx.repoDir, base: ctx.base });
    const { repo } = series;
    const maintainers = loadMaintainers(repo.root);
    for (const w of maintainers.warnings) ctx.err(`patchpilot: ${w.file}:${w.line}: ${w.message}`);
    const changes = Boolean(
      values.add?.length || values['add-to']?.length || values.drop?.length || values.undrop?.length || values['per-patch'] || values['series-wide'],
    );
    let state = repo.branch ? loadState(repo.commonDir, repo.branch) : undefined;
    const droppedNow = new Map<string, string>();
    if (changes) {
      if (!repo.branch) throw new UsageError('cc: HEAD is detached; check out your branch to keep recipient choices');
      // Validate everything before writing anything.
      const probe = structuredClone(loadState(repo.commonDir, repo.branch));
      const apply = (s: typeof probe) => {
        for (const a of values.drop ?? []) droppedNow.set(dropRecipient(s, a), a);
        for (const a of values.undrop ?? []) undropRecipient(s, a);
        for (const a of values.add ?? []) addRecipient(s, a, 'cc');
        for (const a of values['add-to'] ?? []) addRecipient(s, a, 'to');
        if (values['per-patch']) s.recipients.mode = 'per-patch';
        if (values['series-wide']) s.recipients.mode = 'series';
      };
      apply(probe);
      state = updateState(repo.commonDir, repo.branch, apply);
    }
    // The same list export and send-cmd use: approvers that open acceptance items wait for included.
    const result = await seriesRecipients(series, state ?? emptyState('HEAD'), { maintainers });
    for (const [email, a] of droppedNow) {
      if (!result.dropped.some((r) => r.email.toLowerCase() === email)) {
        ctx.err(`patchpilot: ${JSON.stringify(a)} is not among the recipients now; the drop is kept in case it appears later`);
      }
    }
    const mode = state?.recipients.mode ?? 'series';
    if (ctx.json) {
      ctx.out(JSON.stringify({ mode, ...result }, null, 2));
      return 0;
    }
    const p = ctx.paint;
    const out = [...lines('To:', result.to, p), ...lines('Cc:', result.cc, p)];
    if (result.dropped.length) out.push(...lines('Dropped by you (stay dropped):', result.dropped, p));
    if (result.perPatch) {
      out.push('', p.bold('Per patch (the cover letter goes to everyone above):'));
      result.perPatch.forEach((pp, i) => {
        const c = series.commits.find((x) => x.sha === pp.sha);
        out.push(`  [${i + 1}/${result.perPatch!.length}] ${pp.sha.slice(0, 12)} ${c?.subject ?? ''}`);
        out.push(`      To: ${pp.to.map((r) => r.address).join(', ') || '(none)'}`);
        out.push(`      Cc: ${pp.cc.map((r) => r.address).join(', ') || '(none)'}`);
      });
    } else out.push('', p.dim('Series-wide: the cover letter and every patch go to all of the above (--per-patch to change).'));
    ctx.out(out.join('\n'));
    return 0;
  },
};
export default command;
