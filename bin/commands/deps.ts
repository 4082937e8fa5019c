import { UsageError } from '../../src/errors.js';
import { openOnBranch } from '../../src/ops/branch.js';
import { addDep, listDeps, removeDep } from '../../src/ops/deps.js';
import { sanitizeLine as clean } from '../../src/text/sanitize.js';
import { parseCommandArgs, printJson, withGlobals, type Command, type Context } from '../cli.js';

const usage = `Usage: patchpilot deps add RANGE|BRANCH|MBOX [--message-id ID] [--json]
       patchpilot deps list [--json]
       patchpilot deps remove N|SOURCE|MESSAGE-ID [--json]

Prerequisite series: other series your branch is built on, that must be
applied first. Their commits are not part of your series (when the branch
carries them, at its bottom), base-commit: stays the upstream commit under
them, and the cover letter (or a single patch) ends with the lines b4 writes:

  prerequisite-message-id: <id of its cover letter>
  prerequisite-patch-id: <git patch-id --stable of each of its patches>

  add A..B          the commits of a range
  add BRANCH        a local branch: its commits over its own upstream (a
                    branch b4 prepared is named by its change-id until it
                    has a Message-ID)
  add COMMIT        the commits from your upstream up to COMMIT
  add FILE          an mbox of its mails (b4 mbox, or saved from lore)
  --message-id ID   the Message-ID of its cover letter, as posted (an mbox
                    gives its own; a range or branch has none without this)
  list              each prerequisite, and whether the branch is built on it,
                    it is already in the base (its lines can go), or missing
  remove N          forget prerequisite N of deps list (or name it as given,
                    or by its Message-ID)

patchpilot check says when the branch is not built on a prerequisite it
declares, and when one is already in the base.
`;

function printList(ctx: Context, l: Awaited<ReturnType<typeof listDeps>>): void {
  if (!l.deps.length) {
    ctx.out('no prerequisite series recorded (patchpilot deps add RANGE|BRANCH|MBOX)');
    return;
  }
  const p = ctx.paint;
  for (const d of l.deps) {
    const mark = d.state === 'built-on' ? p.green('built on') : d.state === 'in-base' ? p.yellow('in base') : p.red('missing');
    ctx.out(
      `${d.index}. ${clean(d.source)} (${d.kind}, ${d.patches} patch${d.patches === 1 ? '' : 'es'})${d.messageId ? ` <${clean(d.messageId)}>` : ''}: ${mark}`,
    );
    ctx.out(`   ${d.note}${d.fix ? `: ${d.fix}` : ''}`);
  }
  ctx.out(`base-commit: ${l.upstream}`);
}

const command: Command = {
  name: 'deps',
  summary: 'record the prerequisite series the branch is built on',
  usage,
  async run(args, ctx0) {
    const { values, positionals } = parseCommandArgs('deps', args, { 'message-id': { type: 'string' } });
    if (values.help) {
      ctx0.out(usage);
      return 0;
    }
    const ctx = withGlobals(ctx0, values);
    const [sub, arg, ...extra] = positionals;
    const opts = { repoDir: ctx.repoDir, ...(ctx.base ? { base: ctx.base } : {}) };
    if (sub === 'list' || sub === undefined) {
      if (arg !== undefined || values['message-id'] !== undefined) throw new UsageError('deps list takes no arguments (see patchpilot deps --help)');
      const l = await listDeps(await openOnBranch(opts, 'prerequisites are kept per branch'));
      if (ctx.json) printJson(ctx, l);
      else printList(ctx, l);
      return 0;
    }
    if (sub === 'add') {
      if (arg === undefined || extra.length) throw new UsageError('deps add: name one range A..B, branch or mbox file (see patchpilot deps --help)');
      const o = await openOnBranch(opts, 'prerequisites are kept per branch');
      const dep = await addDep(o, arg, { ...(values['message-id'] !== undefined ? { messageId: values['message-id'] } : {}) });
      const l = await listDeps(await openOnBranch(opts, 'prerequisites are kept per branch'));
      if (ctx.json) printJson(ctx, { added: dep, ...l });
      else {
        ctx.out(
          `recorded ${clean(dep.source)}: ${dep.patches.length} patch${dep.patches.length === 1 ? '' : 'es'}${dep.messageId ? `, <${clean(dep.messageId)}>` : ''}`,
        );
        if (!dep.messageId) ctx.err('note: no Message-ID: the cover letter names it by patch ids only (add --message-id ID once it is posted)');
        printList(ctx, l);
      }
      return 0;
    }
    if (sub === 'remove') {
      if (arg === undefined || extra.length || values['message-id'] !== undefined)
        throw new UsageError('deps remove: name one prerequisite (see patchpilot deps list)');
      const dep = removeDep(await openOnBranch(opts, 'prerequisites are kept per branch'), arg);
      if (ctx.json) printJson(ctx, { removed: dep });
      else ctx.out(`removed ${clean(dep.source)}`);
      return 0;
    }
    throw new UsageError(`deps: unknown subcommand ${JSON.stringify(sub)}; use add, list or remove (see patchpilot deps --help)`);
  },
};
export default command;
