import { exportSeries, prepare, recipientPlan, staleReason } from '../../src/letter/export.js';
import { UsageError } from '../../src/errors.js';
import { rememberPrinted, sendCommandFor, suppressCcConflict } from '../../src/letter/send-command.js';
import { readSeries } from '../../src/series/read.js';
import { displayArg, shellQuote } from '../../src/text/shell.js';
import { loadState } from '../../src/store/state.js';
import { parseCommandArgs, withGlobals, type Command } from '../cli.js';

const usage = `Usage: patchpilot send-cmd [-o DIR] [--dry-run] [--json]

Print the git send-email command that sends the exported files to exactly
their recipients: --to/--cc as exported (per patch, the files' own To/Cc
headers), --suppress-cc so git adds nobody you dropped, --in-reply-to the
previous version's cover letter when known, every argument quoted for a POSIX
shell. First a --dry-run variant that sends nothing, then the real one.
Recipients in your git config (sendemail.to, cc, bcc, toCmd, ccCmd, toCover,
ccCover) are switched off for this command; your identity and SMTP settings
are used as they are. patchpilot never runs it. git send-email comes with git
(Debian: git-email). patchpilot sent later records the Message-ID of the
export whose command was printed last.

  -o DIR     export into DIR first (as patchpilot export -o DIR)
  --dry-run  print only the --dry-run variant
`;

const command: Command = {
  name: 'send-cmd',
  summary: 'print the git send-email command for the exported files',
  usage,
  async run(args, ctx0) {
    const { values: v } = parseCommandArgs('send-cmd', args, { output: { type: 'string', short: 'o' }, 'dry-run': { type: 'boolean' } }, false);
    if (v.help) {
      ctx0.out(usage);
      return 0;
    }
    const ctx = withGlobals(ctx0, v);
    const series = await readSeries({ repoDir: ctx.repoDir, base: ctx.base });
    if (!series.branch) throw new UsageError('HEAD is detached; check out the topic branch');
    const state = loadState(series.repo.commonDir, series.branch);
    const plan = await recipientPlan(series, state);
    let rec = state.exported;
    const prepared = await prepare(series, state);
    if (v.output !== undefined) rec = await exportSeries(prepared, plan, v.output);
    else if (!rec) throw new UsageError('nothing exported yet: patchpilot send-cmd -o DIR exports the series and prints the command');
    else {
      const why = staleReason(rec, prepared, plan);
      if (why)
        throw new UsageError(
          `the export in ${displayArg(rec.dir)} is out of date (${why}); run patchpilot send-cmd -o ${displayArg(shellQuote(rec.dir))} again`,
        );
    }
    const conflict = await suppressCcConflict(series.repo, rec);
    if (conflict) throw new UsageError(conflict);
    const cmd = sendCommandFor(rec, series.commits);
    const suppress = cmd.suppressCc;
    rememberPrinted(series.repo, series.branch, rec);
    if (ctx.json) {
      ctx.out(
        JSON.stringify(
          {
            argv: cmd.argv,
            dryRunArgv: cmd.dryRunArgv,
            shell: cmd.shell,
            dryRunShell: cmd.dryRunShell,
            files: rec.files,
            to: rec.to,
            cc: rec.cc,
            suppressCc: suppress,
            inReplyTo: rec.inReplyTo ?? null,
          },
          null,
          2,
        ),
      );
      return 0;
    }
    const p = ctx.paint;
    if (v['dry-run']) ctx.out(cmd.dryRunDisplay);
    else
      ctx.out([p.dim('# Check first: shows every message and its recipients, sends nothing'), cmd.dryRunDisplay, '', p.dim('# Send'), cmd.display].join('\n'));
    return 0;
  },
};
export default command;
