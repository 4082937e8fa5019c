import { seriesJson } from '../../src/series/read.js';
import { count } from '../../src/text/plural.js';
import { openFor, parseCommandArgs, printJson, withGlobals, type Command } from '../cli.js';
import { sanitizeLine as clean } from '../../src/text/sanitize.js';

const usage = `Usage: patchpilot series [--json] [--repo DIR] [--base REF]

The branch as patchpilot reads it: base, version, and each commit with its
author, trailers and changed files (status, additions, deletions).
`;

const command: Command = {
  name: 'series',
  summary: 'the branch as read',
  usage,
  async run(args, ctx0) {
    const { values } = parseCommandArgs('series', args, {}, false);
    if (values.help) {
      ctx0.out(usage);
      return 0;
    }
    const ctx = withGlobals(ctx0, values);
    const { series: s } = await openFor(ctx);
    if (ctx.json) {
      printJson(ctx, seriesJson(s));
      return 0;
    }
    const p = ctx.paint;
    const lines = [
      `${p.bold(clean(s.branch ?? '(detached HEAD)'))} on ${clean(s.base.ref)} (${s.base.commit.slice(0, 12)}), v${s.version}, ${count(s.commits.length, 'patch', 'patches')}`,
    ];
    for (const d of s.base.prerequisites ?? [])
      lines.push(
        `on prerequisite ${clean(d.source)}${d.messageId ? ` <${clean(d.messageId)}>` : ''}: ${d.commits.length ? count(d.commits.length, 'commit', 'commits') : 'not under the branch (patchpilot deps list)'}`,
      );
    if (s.submitter) lines.push(`submitter: ${clean(`${s.submitter.name} <${s.submitter.email}>`)}`);
    if (s.b4Cover) lines.push(`b4 cover letter: ${clean(s.b4Cover.subject)}`);
    s.commits.forEach((c, i) => {
      lines.push('', `${p.dim(`[${i + 1}/${s.commits.length}]`)} ${c.sha.slice(0, 12)} ${p.bold(clean(c.subject))}`);
      lines.push(`      author: ${clean(`${c.author.name} <${c.author.email}>`)}`);
      for (const t of c.trailers) lines.push(`      ${clean(`${t.key}: ${t.value}`)}`);
      for (const f of c.files) {
        const stat = f.binary ? 'binary' : `+${f.additions} -${f.deletions}`;
        lines.push(`      ${f.status} ${clean(`${f.oldPath ? `${f.oldPath} -> ` : ''}${f.path}`)} ${p.dim(stat)}`);
      }
    });
    ctx.out(lines.join('\n'));
    return 0;
  },
};
export default command;
