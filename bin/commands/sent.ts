import { markSent } from '../../src/sendcmd.js';
import { readSeries } from '../../src/series.js';
import { loreLink } from '../../src/versions.js';
import { parseCommandArgs, withGlobals, type Command } from '../cli.js';

const usage = `Usage: patchpilot sent [--message-id ID] [--json]

Record that this version went out: tag the branch tip <branch>-vN (annotated,
with the cover letter as its message), remember the cover letter's Message-ID,
and start v(N+1) with an empty "Changes in v(N+1)" for you to fill in
(patchpilot cover --changes T). The next export threads to this version.

  --message-id ID  the Message-ID of the cover letter (of the patch, for a single
                   patch) as it was sent; by default the one patchpilot export
                   wrote, which git send-email keeps. Given right after a sent
                   that had none, it completes that record.
`;

const command: Command = {
  name: 'sent',
  summary: 'record that this version went out and start the next one',
  usage,
  async run(args, ctx0) {
    const { values: v } = parseCommandArgs('sent', args, { 'message-id': { type: 'string' } }, false);
    if (v.help) {
      ctx0.out(usage);
      return 0;
    }
    const ctx = withGlobals(ctx0, v);
    const series = await readSeries({ repoDir: ctx.repoDir, base: ctx.base });
    const r = await markSent(series, v['message-id']);
    if (ctx.json) {
      ctx.out(JSON.stringify({ version: r.version, tag: r.tag, tip: r.tip, messageId: r.messageId ?? null, next: r.next, updated: r.updated }, null, 2));
      return 0;
    }
    if (r.updated) ctx.out(`v${r.version} (tag ${r.tag}): Message-ID recorded`);
    else ctx.out(`v${r.version} recorded: tag ${r.tag} on ${r.tip.slice(0, 12)}`);
    if (r.messageId) ctx.out(`cover letter: ${r.messageId} (${loreLink(r.messageId)})`);
    else ctx.err(`note: no Message-ID known for v${r.version}; v${r.next} cannot thread to it (run patchpilot sent --message-id ID now to add it)`);
    if (!r.updated) ctx.out(`now on v${r.next}: say what changed with patchpilot cover --changes T`);
    return 0;
  },
};
export default command;
