import { UsageError } from '../../src/errors.js';
import { renderCover } from '../../src/export.js';
import { readSeries } from '../../src/series.js';
import { loadState, updateState } from '../../src/state.js';
import { createVersionTag, loreLink, normalizeMessageId, versionTagName } from '../../src/versions.js';
import { parseCommandArgs, withGlobals, type Command } from '../cli.js';

const usage = `Usage: patchpilot sent [--message-id ID] [--json]

Record that this version went out: tag the branch tip <branch>-vN (annotated,
with the cover letter as its message), remember the cover letter's Message-ID,
and start v(N+1) with an empty "Changes in v(N+1)" for you to fill in
(patchpilot cover --changes T). The next export threads to this version.

  --message-id ID  the Message-ID of the cover letter (of the patch, for a single
                   patch) as it was sent; by default the one patchpilot export
                   wrote, which git send-email keeps
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
    const given = v['message-id'] !== undefined ? normalizeMessageId(v['message-id']) : undefined;
    const series = await readSeries({ repoDir: ctx.repoDir, base: ctx.base });
    if (!series.branch) throw new UsageError('HEAD is detached; check out the topic branch you sent');
    const { repo } = series;
    const branch = series.branch;
    const state = loadState(repo.commonDir, branch);
    const version = series.version;
    const exported = state.exported && state.exported.version === version ? state.exported : undefined;
    if (exported && exported.tip !== repo.head) {
      throw new UsageError(
        `the branch changed since v${version} was exported (${exported.tip.slice(0, 12)} then, ${repo.head.slice(0, 12)} now); run sent before amending, or export again if you sent the current tip`,
      );
    }
    const messageId = given ?? exported?.firstMessageId;
    const r = await renderCover(series, state);
    const tag = versionTagName(branch, version);
    await createVersionTag(repo, tag, repo.head, `${r.subject}\n\n${r.text}\n`);
    const next = version + 1;
    updateState(repo.commonDir, branch, (s) => {
      s.sent = s.sent.filter((x) => x.version !== version);
      s.sent.push({ version, tag, ...(messageId ? { messageId } : {}), date: new Date().toISOString(), tip: repo.head, base: series.base.commit });
      s.version = next;
      s.cover.changes[String(next)] ??= '';
    });
    if (ctx.json) {
      ctx.out(JSON.stringify({ version, tag, tip: repo.head, messageId: messageId ?? null, next }, null, 2));
      return 0;
    }
    ctx.out(`v${version} recorded: tag ${tag} on ${repo.head.slice(0, 12)}`);
    if (messageId) ctx.out(`cover letter: ${messageId} (${loreLink(messageId)})`);
    else ctx.err(`note: no Message-ID known for v${version}; v${next} cannot thread to it (pass --message-id ID to record it)`);
    ctx.out(`now on v${next}: say what changed with patchpilot cover --changes T`);
    return 0;
  },
};
export default command;
