import { readFileSync } from 'node:fs';
import { checkAnswerable, coversOf, recordAnswer, setParent, type AnswerInput } from '../../src/acceptance/answers.js';
import { evaluate } from '../../src/acceptance/evaluate.js';
import { loadView } from '../../src/acceptance/maintainers-view.js';
import { NOTE_IN_COVER } from '../../src/acceptance/cover-section.js';
import { answerableIds } from '../../src/acceptance/profiles.js';
import { loadProfiles } from '../../src/acceptance/repo-profiles.js';
import { UsageError } from '../../src/errors.js';
import { openRepo } from '../../src/git/repo.js';
import { readSeriesIn } from '../../src/series/read.js';
import { loadState } from '../../src/store/state.js';
import { parseCommandArgs, withGlobals, type Command } from '../cli.js';

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
    const { values, positionals } = parseCommandArgs('answer', args, {
      text: { type: 'string' },
      file: { type: 'string' },
      confirm: { type: 'boolean' },
      note: { type: 'string' },
      clear: { type: 'boolean' },
      'add-parent': { type: 'string' },
      'remove-parent': { type: 'string' },
      'reset-parent': { type: 'string' },
    });
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
    if (parentOps.length) {
      if (id !== 'vfio.parent-approval' || parentOps.length > 1 || modes.length)
        throw new UsageError('answer: --add-parent, --remove-parent and --reset-parent go alone with vfio.parent-approval');
      const repo = await openRepo(ctx.repoDir);
      if (!repo.branch) throw new UsageError('HEAD is detached: answers are kept per branch; check out your topic branch');
      const op = parentOps[0]!;
      const name = String(values[op]).trim();
      const section = loadView(repo.root).byName(name);
      if (!section && op !== 'reset-parent') throw new UsageError(`MAINTAINERS has no section named "${name}"`);
      setParent(repo.commonDir, repo.branch, section?.name ?? name, op === 'add-parent' ? 'add' : op === 'remove-parent' ? 'remove' : 'reset');
      const verb =
        op === 'add-parent' ? 'is now a parent driver' : op === 'remove-parent' ? 'is no longer a parent driver' : 'is decided from the series again';
      ctx.out(ctx.json ? JSON.stringify({ item: id, section: section?.name ?? name, change: op }) : `${section?.name ?? name} ${verb}`);
      return 0;
    }
    const repo = await openRepo(ctx.repoDir);
    const profiles = loadProfiles(repo.root);
    checkAnswerable(id, profiles);
    if (modes.length !== 1) throw new UsageError('answer: give exactly one of --text, --file, --confirm or --clear');
    if (values.note !== undefined && !values.confirm) throw new UsageError('answer: --note goes with --confirm');
    if (!repo.branch) throw new UsageError('HEAD is detached: answers are kept per branch; check out your topic branch');
    let input: AnswerInput;
    if (values.clear) input = { kind: 'clear' };
    else if (values.confirm) {
      input = { kind: 'confirm', ...(values.note !== undefined ? { note: values.note } : {}) };
      if (id === 'kernel.profile-docs') {
        // The confirmation covers the documents listed now; a document the series later brings in stays open.
        const series = await readSeriesIn(repo, ctx.base);
        const report = await evaluate(series, loadState(repo.commonDir, repo.branch), { profiles });
        const covers = coversOf(report.items.find((i) => i.id === id)) ?? [];
        if (!covers.length) throw new UsageError('no section this series touches has a P: document; there is nothing to confirm');
        input.covers = covers;
      }
    } else {
      const file = values.file;
      let text = values.text ?? '';
      if (file !== undefined) {
        try {
          text = readFileSync(file === '-' ? 0 : file, 'utf8');
        } catch (e) {
          throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
        }
      }
      input = { kind: 'text', text };
    }
    const state = recordAnswer(repo.commonDir, repo.branch, id, input, new Date(), profiles);
    if (input.kind === 'confirm' && !input.note?.trim() && NOTE_IN_COVER.includes(id)) {
      // The cover letter quotes only the submitter's note; a bare confirmation puts nothing there.
      ctx.err(
        `${id}: confirmed without a note, so the cover letter says nothing about it; a note is what goes into the cover letter: patchpilot answer ${id} --confirm --note "..."`,
      );
    }
    if (ctx.json) ctx.out(JSON.stringify({ item: id, answer: state.answers[id] ?? null }, null, 2));
    else
      ctx.out(
        input.kind === 'clear'
          ? `${id}: answer cleared`
          : input.kind === 'text'
            ? `${id}: answer recorded`
            : `${id}: confirmed${input.covers ? ` (${input.covers.join(', ')})` : ''}`,
      );
    return 0;
  },
};
export default command;
