import { readTextInput } from '../../src/text/input-file.js';
import { answerableIds } from '../../src/acceptance/profiles.js';
import { UsageError } from '../../src/errors.js';
import { openRepo } from '../../src/git/repo.js';
import { answer, changeParent, checkItem, type AnswerRequest } from '../../src/ops/answer.js';
import { parseCommandArgs, printJson, withGlobals, type Command } from '../cli.js';

const usage = `Usage: patchpilot answer ITEM (--text T | --file F | --confirm [--note T] | --clear)
       patchpilot answer vfio.parent-approval (--add-parent SECTION | --remove-parent SECTION | --reset-parent SECTION)

Record an answer to an acceptance item in the branch's state. Answers are kept
per item, so rewording or rebasing the commits does not lose them.

  --text T          the answer (the vfio.device-docs.* questions)
  --file F          the answer read from a file ('-' for stdin)
  --confirm         confirm an item (vfio.userspace-data, vfio.device-docs,
                    kernel.profile-docs)
  --note T          what the confirmation rests on, in your words; for
                    vfio.userspace-data and vfio.device-docs it is what
                    the cover letter says (nothing without a note)
  --clear           forget the answer
  --add-parent S    treat MAINTAINERS section S as a parent driver
  --remove-parent S do not treat section S as a parent driver
  --reset-parent S  forget a hand-made parent choice

Items:
${answerableIds()
  .map((id) => `  ${id}`)
  .join('\n')}
  and the items of the tree's .patchpilot/profiles.json, if it has one
`;

const command: Command = {
  name: 'answer',
  summary: 'answer or confirm an acceptance item',
  usage,
  async run(args, ctx0) {
    const { values, positionals } = parseCommandArgs(
      'answer',
      args,
      {
        text: { type: 'string' },
        file: { type: 'string' },
        confirm: { type: 'boolean' },
        note: { type: 'string' },
        clear: { type: 'boolean' },
        'add-parent': { type: 'string' },
        'remove-parent': { type: 'string' },
        'reset-parent': { type: 'string' },
      },
      true,
      ['text', 'note'],
    );
    if (values.help) {
      ctx0.out(usage);
      return 0;
    }
    const ctx = withGlobals(ctx0, values);
    if (positionals.length !== 1)
      throw new UsageError('answer: name one item, e.g. patchpilot answer vfio.userspace-data --confirm (see patchpilot answer --help)');
    const id = positionals[0]!;
    const parentOps = (['add-parent', 'remove-parent', 'reset-parent'] as const).filter((k) => values[k] !== undefined);
    const modes = (['text', 'file', 'confirm', 'clear'] as const).filter((k) => values[k] !== undefined);
    const repo = await openRepo(ctx.repoDir);
    if (parentOps.length) {
      if (id !== 'vfio.parent-approval' || parentOps.length > 1 || modes.length)
        throw new UsageError('answer: --add-parent, --remove-parent and --reset-parent go alone with vfio.parent-approval');
      const op = parentOps[0]!;
      const change = op === 'add-parent' ? 'add' : op === 'remove-parent' ? 'remove' : 'reset';
      const r = changeParent(repo, String(values[op]), change);
      const verb = change === 'add' ? 'is now a parent driver' : change === 'remove' ? 'is no longer a parent driver' : 'is decided from the series again';
      if (ctx.json) printJson(ctx, { item: id, section: r.section, change: op });
      else ctx.out(`${r.section} ${verb}`);
      return 0;
    }
    checkItem(repo.root, id);
    if (modes.length !== 1) throw new UsageError('answer: give exactly one of --text, --file, --confirm or --clear');
    if (values.note !== undefined && !values.confirm) throw new UsageError('answer: --note goes with --confirm');
    let req: AnswerRequest;
    if (values.clear) req = { kind: 'clear' };
    else if (values.confirm) req = { kind: 'confirm', ...(values.note !== undefined ? { note: values.note } : {}) };
    else {
      const file = values.file;
      let text = values.text ?? '';
      if (file !== undefined) {
        // A regular file (or '-'), UTF-8 text, bounded: a FIFO or device must not hang the command.
        text = readTextInput(file, '--file');
      }
      req = { kind: 'text', text };
    }
    const r = await answer(repo, id, req, ctx.base !== undefined ? { base: ctx.base } : {});
    for (const w of r.warnings) ctx.err(w);
    if (ctx.json) printJson(ctx, { item: id, answer: r.answer });
    else {
      const input = r.input;
      ctx.out(
        input.kind === 'clear'
          ? `${id}: answer cleared`
          : input.kind === 'text'
            ? `${id}: answer recorded`
            : `${id}: confirmed${input.covers ? ` (${input.covers.join(', ')})` : ''}`,
      );
    }
    return 0;
  },
};
export default command;
