import { sanitizeLine as clean } from '../../src/text/sanitize.js';
import { recordSent, setRevision } from '../../src/ops/send.js';
import { UsageError } from '../../src/errors.js';
import { displayArg } from '../../src/text/shell.js';
import { loreLink } from '../../src/series/versions.js';
import { openFor, parseCommandArgs, printJson, withGlobals, type Command } from '../cli.js';

const usage = `Usage: patchpilot sent [--message-id ID | --force] [--version N] [--json]
       patchpilot sent --force-revision N

Record that this version went out: tag the branch tip <branch>-vN (annotated,
with the cover letter as its message), remember the cover letter's Message-ID,
and start v(N+1) with an empty "Changes in v(N+1)" for you to fill in
(patchpilot cover --changes T). The next version's cover letter links this one
(a lore link); it replies to it only with export --thread-to-previous.
On a branch made by b4 prep, sent does what b4 send does: the tag is
sent/<name>-vN on the series without b4's cover commit, and b4's tracking data
in the cover commit gets the Message-ID and the next revision.
Versions tagged already (<branch>-vN by git-publish, sent/ by b4) count: the
version prepared is always above them.

By default the Message-ID is the one in the export whose git send-email
command patchpilot send-cmd printed last (git send-email keeps the files'
Message-Ids), else the last export's. sent says which export (directory and
time) it took, and warns when a later export exists or no command was printed
for it: then check, and correct it with --message-id right away.

  --message-id ID  the Message-ID of the cover letter (of the patch, for a single
                   patch) as it was sent. Given right after a sent, it completes
                   or corrects that record instead of recording a new version.
  --force          record this version even though nothing was exported, without
                   a Message-ID (the next version then cannot thread to it);
                   without it, sent refuses when there is no export and no ID
  --version N      the version that went out was vN (not the one prepared)
  --force-revision N
                   record nothing; prepare vN from now on (b4 prep
                   --force-revision; on a b4 branch b4's revision too)
`;

function versionArg(flag: string, text: string): number {
  const n = /^v?(\d{1,3})$/i.exec(text.trim())?.[1];
  if (!n || Number(n) < 1) throw new UsageError(`sent: ${flag} takes a version number such as 2, not ${JSON.stringify(text)}`);
  return Number(n);
}

const command: Command = {
  name: 'sent',
  summary: 'record that this version went out and start the next one',
  usage,
  async run(args, ctx0) {
    const { values: v } = parseCommandArgs(
      'sent',
      args,
      { 'message-id': { type: 'string' }, force: { type: 'boolean' }, version: { type: 'string' }, 'force-revision': { type: 'string' } },
      false,
      ['message-id'],
    );
    if (v.help) {
      ctx0.out(usage);
      return 0;
    }
    const ctx = withGlobals(ctx0, v);
    const o = await openFor(ctx, 'sent versions are kept per branch');
    if (v['force-revision'] !== undefined) {
      const n = versionArg('--force-revision', v['force-revision']);
      await setRevision(o, n);
      ctx.out(`now preparing v${n}`);
      return 0;
    }
    const version = v.version !== undefined ? { version: versionArg('--version', v.version) } : {};
    const r = await recordSent(o, { messageId: v['message-id'], force: Boolean(v.force), ...version });
    if (ctx.json) {
      printJson(ctx, {
        version: r.version,
        tag: r.tag,
        tip: r.tip,
        messageId: r.messageId ?? null,
        messageIdFrom: r.messageIdFrom,
        export: r.export ?? null,
        ...(r.replaced ? { replaced: r.replaced } : {}),
        next: r.next,
        updated: r.updated,
        warnings: r.warnings,
      });
      for (const w of r.warnings) ctx.err(`warning: ${clean(w)}`);
      return 0;
    }
    if (r.updated) ctx.out(`v${r.version} (tag ${r.tag}): Message-ID ${r.replaced ? `corrected (was ${clean(r.replaced)})` : 'recorded'}`);
    else ctx.out(`v${r.version} recorded: tag ${r.tag} on ${r.tip.slice(0, 12)}`);
    if (r.messageId) {
      const from =
        r.messageIdFrom === 'given'
          ? 'as given'
          : r.export
            ? `from the export in ${displayArg(r.export.dir)} of ${r.export.at.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}`
            : '';
      ctx.out(clean(`Message-ID: ${r.messageId} (${from}; ${loreLink(r.messageId)})`));
    } else {
      ctx.err(`warning: no Message-ID known for v${r.version}; v${r.next} cannot thread to it (run patchpilot sent --message-id ID now to add it)`);
    }
    for (const w of r.warnings) ctx.err(`warning: ${clean(w)}`);
    if (!r.updated) ctx.out(`now on v${r.next}: say what changed with patchpilot cover --changes T`);
    return 0;
  },
};
export default command;
