import { readTextInput } from '../../src/text/input-file.js';
import { editText } from '../../src/editor.js';
import { UsageError } from '../../src/errors.js';
import { validatePrefix, validateTitle } from '../../src/letter/cover.js';
import { changeCover, checkCoverChanges, checkOutputTarget, coverEditText, showCover, writeCover, type CoverChanges } from '../../src/ops/cover.js';
import { openFor, parseCommandArgs, printJson, withGlobals, type Command } from '../cli.js';
import { sanitizeLine as clean, sanitizeText } from '../../src/text/sanitize.js';

const usage = `Usage: patchpilot cover [--title T] [--body T | --body-file F] [--changes T | --add-changes T] [--edit]
                        [--prefix P]... [--no-prefix] [--rfc | --no-rfc] [-o FILE] [--json]

Set and print the cover letter: "[PATCH vN 0/M] title", the body, the
"Changes in vN" blocks (newest first, with a link to the previous version when
its Message-ID is known), the acceptance answers, git's shortlog and diffstat,
the range-diff against the previous version, and base-commit. A single-patch
series has no cover letter: the text goes below the --- line of the patch.

Until you set them, the title and body come from the branch description
(git branch --edit-description) or from the cover letter of the last
git-publish tag (<branch>-vN). On a branch b4 prepared they, and the
changelog, are b4's: edit them with b4 prep --edit-cover (b4 send reads only
its cover commit).

  --title T        the title (one line); a single patch has none (its subject is
                   the patch's own): the title is kept for a longer series
  --body T         the body text; --body-file F reads it from a file (- for stdin)
  --changes T      what changed in this version (v2 and later); replaces this
                   version's changelog as a whole (cover says what it replaced)
  --add-changes T  add lines at the end of this version's changelog
  --edit           edit title, body and changes in your editor ($GIT_EDITOR,
                   core.editor, $VISUAL, $EDITOR); help is shown below a
                   scissors line (# ----- >8 -----) and everything from that
                   line on is removed; '#' lines above it (#include) are kept
  --prefix P       a subject prefix such as RFC or a tree tag such as net-next;
                   repeat for several (replaces the list); --no-prefix clears it
  --rfc, --no-rfc  add or remove the RFC prefix alone
  -o FILE          also write the letter to FILE
  --json           the letter and its parts as JSON
`;

const OPTIONS = {
  title: { type: 'string' },
  body: { type: 'string' },
  'body-file': { type: 'string' },
  changes: { type: 'string' },
  'add-changes': { type: 'string' },
  edit: { type: 'boolean' },
  prefix: { type: 'string', multiple: true },
  'no-prefix': { type: 'boolean' },
  rfc: { type: 'boolean' },
  'no-rfc': { type: 'boolean' },
  output: { type: 'string', short: 'o' },
} as const;

function readBodyFile(path: string): string {
  // A regular file (or '-'), UTF-8 text, bounded: a FIFO or device must not hang the command.
  return readTextInput(path, '--body-file');
}

const command: Command = {
  name: 'cover',
  summary: 'set and print the cover letter',
  usage,
  async run(args, ctx0) {
    const { values: v } = parseCommandArgs('cover', args, OPTIONS, false, ['title', 'body', 'changes', 'add-changes']);
    if (v.help) {
      ctx0.out(usage);
      return 0;
    }
    const ctx = withGlobals(ctx0, v);
    if (v.body !== undefined && v['body-file'] !== undefined) throw new UsageError('cover: give --body or --body-file, not both');
    if (v.rfc && v['no-rfc']) throw new UsageError('cover: give --rfc or --no-rfc, not both');
    if (v.prefix && v['no-prefix']) throw new UsageError('cover: give --prefix or --no-prefix, not both');
    if (v.changes !== undefined && v['add-changes'] !== undefined) throw new UsageError('cover: give --changes (replace) or --add-changes (append), not both');
    if (v.title !== undefined) validateTitle(v.title);
    v.prefix?.forEach(validatePrefix);
    if (v.output !== undefined) checkOutputTarget(v.output);
    const body = v['body-file'] !== undefined ? readBodyFile(v['body-file']) : v.body;
    const change: CoverChanges = {
      ...(v.title !== undefined ? { title: v.title } : {}),
      ...(body !== undefined ? { body } : {}),
      ...(v.changes !== undefined ? { changes: v.changes } : {}),
      ...(v['add-changes'] !== undefined ? { addChanges: v['add-changes'] } : {}),
      ...(v.prefix ? { prefixes: v.prefix } : v['no-prefix'] ? { prefixes: [] } : {}),
      ...(v.rfc ? { rfc: true } : v['no-rfc'] ? { rfc: false } : {}),
    };

    const o = await openFor(ctx, 'the cover letter is kept per branch');
    await checkCoverChanges(o, v.edit ? { ...change, edited: '' } : change);
    if (v.edit) {
      const text = await editText(o.repo.git, await coverEditText(o), 'COVER_LETTER');
      if (text.trim()) change.edited = text;
      else ctx.err('cover: the edited text was empty; nothing changed');
    }
    const { state, titleGiven, replacedChanges } = await changeCover(o, change);
    if (replacedChanges !== undefined)
      ctx.err(`note: replaced the changelog of v${o.series.version} (it was: ${clean(JSON.stringify(replacedChanges))}); --add-changes adds to it instead`);
    const c = await showCover(o, state);
    const r = c.rendered;
    if (r.single && titleGiven) {
      ctx.err(
        `note: a single patch has no cover letter, so the title is not used: the subject is the patch's own ("${clean(r.subject)}"); the title is kept for when the series has more patches. The body${o.series.version > 1 ? ' and changes go' : ' goes'} below the --- line of the patch.`,
      );
    }
    if (v.output !== undefined) writeCover(v.output, c.letter);
    const p = r.prepared;
    if (ctx.json) {
      printJson(ctx, {
        subject: r.subject,
        title: p.cover.title,
        body: p.cover.body,
        source: p.cover.source,
        prefixes: p.prefixes,
        version: o.series.version,
        changes: state.cover.changes,
        previous: p.prev ? { version: p.prev.version, tag: p.prev.tag, tip: p.prev.tip, messageId: p.prev.messageId, source: p.prev.source } : null,
        single: r.single,
        text: r.text,
        warnings: p.warnings,
      });
    } else {
      if (r.single) ctx.out(ctx.paint.dim('# a single patch: this text goes below the --- line of the patch'));
      // The letter quotes subjects, names and the shortlog: no control character reaches the terminal.
      ctx.out(sanitizeText(c.letter));
      for (const w of p.warnings) ctx.err(`note: ${clean(w)}`);
    }
    return 0;
  },
};
export default command;
