import { exportSeries, prepare, recipientPlan } from '../../src/letter/export.js';
import { UsageError } from '../../src/errors.js';
import { readSeries } from '../../src/series/read.js';
import { loadState } from '../../src/store/state.js';
import { parseCommandArgs, withGlobals, type Command } from '../cli.js';

const usage = `Usage: patchpilot export -o DIR [--json]

Write the cover letter and the patches into DIR as git format-patch writes
them (git does the writing), each with From, To and Cc (series-wide, or each
patch its own with cc --per-patch), the subject with version and prefixes,
Message-Id, In-Reply-To the previous version's cover letter when its
Message-ID is known, and base-commit. A single patch carries the cover text
below its --- line instead.

DIR must be new, empty, or hold only files an earlier patchpilot export of
this branch (any version) wrote there: those are replaced, so no stale patch
stays behind. Files you added or changed there are never touched: then the
export is refused.
Then: patchpilot send-cmd prints the git send-email command for these files.
`;

const command: Command = {
  name: 'export',
  summary: 'write the cover letter and patches with their mail headers',
  usage,
  async run(args, ctx0) {
    const { values: v } = parseCommandArgs('export', args, { output: { type: 'string', short: 'o' } }, false);
    if (v.help) {
      ctx0.out(usage);
      return 0;
    }
    const ctx = withGlobals(ctx0, v);
    if (!v.output) throw new UsageError('export: say where with -o DIR');
    const series = await readSeries({ repoDir: ctx.repoDir, base: ctx.base });
    if (!series.branch) throw new UsageError('HEAD is detached; check out the topic branch to export it');
    const state = loadState(series.repo.commonDir, series.branch);
    const p = await prepare(series, state);
    const rec = await exportSeries(p, await recipientPlan(series, state), v.output);
    if (ctx.json) {
      ctx.out(JSON.stringify({ ...rec, warnings: p.warnings }, null, 2));
      return 0;
    }
    const out = [
      `wrote ${rec.files.length} file${rec.files.length === 1 ? '' : 's'} to ${rec.dir}:`,
      ...rec.files.map((f) => `  ${f.slice(rec.dir.length + 1)}`),
    ];
    out.push(`To: ${rec.to.join(', ') || '(nobody)'}`, `Cc: ${rec.cc.join(', ') || '(nobody)'}`);
    if (rec.perPatch) out.push('(per patch: each patch carries its own To and Cc; the cover letter goes to everyone above)');
    if (rec.inReplyTo) out.push(`In-Reply-To: ${rec.inReplyTo} (v${p.prev!.version})`);
    out.push('next: patchpilot send-cmd prints the git send-email command');
    ctx.out(out.join('\n'));
    for (const w of p.warnings) ctx.err(`note: ${w}`);
    return 0;
  },
};
export default command;
