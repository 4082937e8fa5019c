import { UsageError } from '../../src/errors.js';
import { changeRecipients, dropsListed, dropsNotListed, hasChanges, recipients, type RecipientChanges } from '../../src/ops/recipients.js';
import type { Recipient, RecipientSource } from '../../src/recipients/compute.js';
import { openFor, parseCommandArgs, printJson, withGlobals, type Command } from '../cli.js';
import { sanitizeLine as clean } from '../../src/text/sanitize.js';

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
In a tree without MAINTAINERS the list is the people named in the trailers and
those you added (with a warning).
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
    case 'cover':
      return s.role ?? 'b4 cover';
  }
}

function lines(title: string, list: Recipient[], p: { bold: (s: string) => string; dim: (s: string) => string }): string[] {
  if (!list.length) return [`${p.bold(title)} (none)`];
  const out = [p.bold(title)];
  for (const r of list) {
    out.push(`  ${clean(r.address)}`);
    out.push(p.dim(`      ${clean(r.sources.map(reason).join('; '))}`));
    if (r.keptBecause) out.push(p.dim(`      kept: ${clean(r.keptBecause)}`));
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
      ['add', 'add-to', 'drop', 'undrop'],
    );
    if (values.help) {
      ctx0.out(usage);
      return 0;
    }
    const ctx = withGlobals(ctx0, values);
    if (values['per-patch'] && values['series-wide']) throw new UsageError('cc: --per-patch and --series-wide exclude each other');
    const changes: RecipientChanges = {
      add: values.add,
      addTo: values['add-to'],
      drop: values.drop,
      undrop: values.undrop,
      ...(values['per-patch'] ? { mode: 'per-patch' as const } : values['series-wide'] ? { mode: 'series' as const } : {}),
    };
    let opened = await openFor(ctx);
    let dropped: { email: string; input: string }[] = [];
    let notDropped: string[] = [];
    if (hasChanges(changes)) {
      const done = changeRecipients(opened, changes);
      opened = { ...opened, state: done.state };
      dropped = done.dropped;
      notDropped = done.notDropped;
    }
    const result = await recipients(opened);
    for (const w of result.warnings) ctx.err(`patchpilot: ${clean(w)}`);
    for (const x of dropsListed(result, dropped, opened.repo.root)) {
      ctx.err(`patchpilot: ${x.keptBecause ? 'dropped, but kept' : 'dropped'} ${clean(x.name ? `${x.name} <${x.email}>` : x.email)}`);
    }
    for (const a of notDropped) ctx.err(`patchpilot: ${clean(JSON.stringify(a))} was not dropped; nothing to undrop`);
    for (const a of dropsNotListed(result, dropped, opened.repo.root)) {
      ctx.err(`patchpilot: ${clean(JSON.stringify(a))} is not among the recipients now; the drop is kept in case it appears later`);
    }
    if (ctx.json) {
      const { maintainersFound: _, ...shown } = result;
      printJson(ctx, shown);
      return 0;
    }
    const p = ctx.paint;
    const out = [...lines('To:', result.to, p), ...lines('Cc:', result.cc, p)];
    if (result.dropped.length) out.push(...lines('Dropped by you (stay dropped):', result.dropped, p));
    if (result.perPatch) {
      out.push('', p.bold('Per patch (the cover letter goes to everyone above):'));
      result.perPatch.forEach((pp, i) => {
        const c = opened.series.commits.find((x) => x.sha === pp.sha);
        out.push(`  [${i + 1}/${result.perPatch!.length}] ${pp.sha.slice(0, 12)} ${clean(c?.subject ?? '')}`);
        out.push(`      To: ${clean(pp.to.map((r) => r.address).join(', ')) || '(none)'}`);
        out.push(`      Cc: ${clean(pp.cc.map((r) => r.address).join(', ')) || '(none)'}`);
      });
    } else out.push('', p.dim('Series-wide: the cover letter and every patch go to all of the above (--per-patch to change).'));
    ctx.out(out.join('\n'));
    return 0;
  },
};
export default command;
