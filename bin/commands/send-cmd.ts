import { UsageError } from '../../src/errors.js';
import { commandText, sendCommand } from '../../src/ops/send.js';
import { openFor, parseCommandArgs, printJson, withGlobals, type Command } from '../cli.js';

const usage = `Usage: patchpilot send-cmd [-o DIR [--force]] [--dry-run] [--json]

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
  --force    with -o: export even with acceptance items open or failing
  --dry-run  print only the --dry-run variant
`;

const command: Command = {
  name: 'send-cmd',
  summary: 'print the git send-email command for the exported files',
  usage,
  async run(args, ctx0) {
    const { values: v } = parseCommandArgs(
      'send-cmd',
      args,
      { output: { type: 'string', short: 'o' }, 'dry-run': { type: 'boolean' }, force: { type: 'boolean' } },
      false,
    );
    if (v.help) {
      ctx0.out(usage);
      return 0;
    }
    const ctx = withGlobals(ctx0, v);
    if (v.force && v.output === undefined) throw new UsageError('send-cmd: --force goes with -o DIR (it lets the export go ahead)');
    const o = await openFor(ctx, 'the export is kept per branch');
    const { command: cmd, export: rec } = await sendCommand(o, {
      record: true,
      ...(v.output !== undefined ? { exportDir: v.output, force: Boolean(v.force) } : {}),
    });
    if (ctx.json) {
      printJson(ctx, {
        argv: cmd.argv,
        dryRunArgv: cmd.dryRunArgv,
        shell: cmd.shell,
        dryRunShell: cmd.dryRunShell,
        files: rec.files,
        to: rec.to,
        cc: rec.cc,
        suppressCc: cmd.suppressCc,
        inReplyTo: rec.inReplyTo ?? null,
      });
      return 0;
    }
    ctx.out(v['dry-run'] ? cmd.dryRunDisplay : commandText(cmd, ctx.paint.dim));
    return 0;
  },
};
export default command;
