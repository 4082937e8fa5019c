import { UsageError } from '../../src/errors.js';
import { exportTo } from '../../src/ops/send.js';
import { count } from '../../src/text/plural.js';
import { openFor, parseCommandArgs, printJson, withGlobals, type Command } from '../cli.js';
import { sanitizeLine as clean } from '../../src/text/sanitize.js';

const usage = `Usage: patchpilot export -o DIR [--force] [--thread-to-previous | --new-thread] [--json]

Write the cover letter and the patches into DIR as git format-patch writes
them (git does the writing), each with From, To and Cc (series-wide, or each
patch its own with cc --per-patch), the subject with version and prefixes,
Message-Id, and base-commit. A new version starts a new thread whose cover
letter links the previous version (a lore link); it replies to the previous
cover letter only with --thread-to-previous. A single patch carries the cover
text below its --- line instead.

DIR must be new, empty, or hold only files an earlier patchpilot export of
this branch (any version) wrote there: those are replaced, so no stale patch
stays behind. Files you added or changed there are never touched: then the
export is refused.
Nothing is written while the cover letter holds a placeholder (no subject,
no body, b4's EDITME) or nobody is on To:, each refused with one line saying
what to fix. Open or failing acceptance items are listed and refuse too:
  --force               export anyway with acceptance items open or failing
  --thread-to-previous  reply to the previous version's cover letter
  --new-thread          start a new thread (the default; kernel practice);
                        either choice is kept for the branch
Then: patchpilot send-cmd prints the git send-email command for these files.
`;

const command: Command = {
  name: 'export',
  summary: 'write the cover letter and patches with their mail headers',
  usage,
  async run(args, ctx0) {
    const { values: v } = parseCommandArgs(
      'export',
      args,
      { output: { type: 'string', short: 'o' }, force: { type: 'boolean' }, 'thread-to-previous': { type: 'boolean' }, 'new-thread': { type: 'boolean' } },
      false,
    );
    if (v.help) {
      ctx0.out(usage);
      return 0;
    }
    const ctx = withGlobals(ctx0, v);
    if (!v.output) throw new UsageError('export: say where with -o DIR');
    const o = await openFor(ctx, 'the export is kept per branch');
    if (v['thread-to-previous'] && v['new-thread']) throw new UsageError('export: --thread-to-previous and --new-thread exclude each other');
    const thread = v['thread-to-previous'] ? { threadToPrevious: true } : v['new-thread'] ? { threadToPrevious: false } : {};
    const { record: rec, warnings, previousVersion, guards } = await exportTo(o, v.output, { force: Boolean(v.force), ...thread });
    if (ctx.json) {
      printJson(ctx, { ...rec, warnings });
      return 0;
    }
    const out = [`wrote ${count(rec.files.length, 'file')} to ${rec.dir}:`, ...rec.files.map((f) => `  ${f.slice(rec.dir.length + 1)}`)];
    out.push(`To: ${clean(rec.to.join(', ')) || '(nobody)'}`, `Cc: ${clean(rec.cc.join(', ')) || '(nobody)'}`);
    if (rec.perPatch) out.push('(per patch: each patch carries its own To and Cc; the cover letter goes to everyone above)');
    if (rec.inReplyTo) out.push(`In-Reply-To: ${rec.inReplyTo}${previousVersion ? ` (v${previousVersion})` : ''}`);
    out.push('next: patchpilot send-cmd prints the git send-email command');
    ctx.out(out.join('\n'));
    for (const w of warnings) ctx.err(`note: ${clean(w)}`);
    for (const g of guards) ctx.err(`note: exported with --force: ${clean(g.forced ?? g.message)}`);
    return 0;
  },
};
export default command;
