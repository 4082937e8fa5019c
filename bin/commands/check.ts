import { checkExitCode, reportJson, summaryCounts } from '../../src/acceptance/evaluate.js';
import { profileRecipients } from '../../src/acceptance/approvers.js';
import type { ItemResult, Report } from '../../src/acceptance/types.js';
import { PROFILES } from '../../src/acceptance/profiles.js';
import { check } from '../../src/ops/check.js';
import { plural } from '../../src/text/plural.js';
import type { Paint } from '../paint.js';
import { openFor, parseCommandArgs, printJson, withGlobals, type Command } from '../cli.js';
import { sanitizeLine as clean } from '../../src/text/sanitize.js';

/** The built-in profiles and their items, from the profile data itself so the help cannot drift from it. */
function profilesHelp(): string {
  const width = Math.max(...PROFILES.flatMap((p) => p.items.map((i) => i.id.length)));
  const doc = (p: (typeof PROFILES)[number]) => (p.docSection ? `the P: document of the MAINTAINERS section "${p.docSection}"` : p.docPath);
  return PROFILES.map((p) =>
    [
      `  ${p.id}: ${p.title}`,
      `    applies: ${p.appliesWhen}`,
      ...(doc(p) ? [`    rules: ${doc(p)}`] : []),
      ...p.items.map((i) => `    ${i.id.padEnd(width)}  ${i.title}`),
    ].join('\n'),
  ).join('\n');
}

const usage = `Usage: patchpilot check [--json] [--no-checkpatch] [-v] [--repo DIR] [--base REF]

The acceptance report: what reviewers of the subsystems the series touches
expect before they read it, grouped in profiles. Each item of each profile
that applies gets a status: pass; fail (the series itself must change);
open (waiting for your answer or someone's trailer); n/a (does not apply).
Each status comes with the evidence it was decided from (files and lines,
commits, trailers, MAINTAINERS sections, people); the report ends with what
is still missing and whom to ask. Answer open items with patchpilot answer.

Profiles:
${profilesHelp()}
  A tree (.patchpilot/profiles.json) and you ($XDG_CONFIG_HOME/patchpilot/profiles.json)
  may add profiles of questions and decided rules: see docs/profiles.md.

  --no-checkpatch   do not run scripts/checkpatch.pl (a cached run for the
                    same commits is still used)
  -v, --verbose     show each item's evidence (all checkpatch messages;
                    without -v, every ERROR and the first warnings)
  --json            {profiles, items: [{id, profile, title, status, summary,
                    evidence, answer?, ...}], counts}

Exit: 0 every item passes or does not apply; 1 something is open or failing;
2 usage or repository errors.
`;

function statusWord(s: string, p: Paint): string {
  const w = s.padEnd(4);
  if (s === 'pass') return p.green(w);
  if (s === 'fail') return p.red(w);
  if (s === 'open') return p.yellow(w);
  return p.dim(w);
}

/** Without -v: every checkpatch ERROR and the first few warnings, each with its commit and file:line. */
const WARNINGS_SHOWN = 3;

function checkpatchLines(i: ItemResult, p: Paint): string[] {
  const found = i.evidence.filter((e) => e.kind === 'checkpatch');
  const errors = found.filter((e) => e.level === 'ERROR');
  const others = found.filter((e) => e.level !== 'ERROR');
  const out = [...errors.map((e) => `          ${p.red(clean(e.text))}`), ...others.slice(0, WARNINGS_SHOWN).map((e) => `          ${clean(e.text)}`)];
  const more = others.length - WARNINGS_SHOWN;
  if (more > 0) out.push(p.dim(`          ... and ${more} more ${plural(more, 'warning')}/${plural(more, 'check')} (patchpilot check -v)`));
  return out;
}

export function renderReport(report: Report, p: Paint, verbose: boolean): string {
  const lines: string[] = [];
  const width = Math.max(...report.items.map((i) => i.id.length));
  for (const prof of report.profiles) {
    lines.push(`${p.bold(clean(prof.title))} [${clean(prof.id)}]${prof.doc ? p.dim(`  ${clean(prof.doc)}`) : ''}`);
    for (const i of report.items.filter((x) => x.profile === prof.id)) {
      lines.push(`  ${statusWord(i.status, p)}  ${i.id.padEnd(width)}  ${clean(i.summary)}`);
      if (verbose) for (const e of i.evidence) lines.push(e.level === 'ERROR' ? `          ${p.red(clean(e.text))}` : p.dim(`          ${clean(e.text)}`));
      else lines.push(...checkpatchLines(i, p));
    }
    lines.push('');
  }
  const todo = report.items.filter((i) => i.missing.length);
  if (todo.length) {
    lines.push(p.bold('Missing:'));
    for (const i of todo) for (const m of i.missing) lines.push(`  ${i.id}: ${clean(m)}`);
    lines.push('');
  }
  const ask = profileRecipients(report).filter((r) => r.item !== 'vfio.vfio-maintainer' || report.items.some((i) => i.id === r.item && i.status !== 'pass'));
  if (ask.length) {
    lines.push(p.bold('Whom to ask:'));
    for (const r of ask) lines.push(`  ${r.field === 'to' ? 'To' : 'Cc'}: ${clean(r.address)}  ${p.dim(clean(`(${r.item}: ${r.role} of ${r.section})`))}`);
    lines.push('');
  }
  const n = summaryCounts(report);
  lines.push(`${n.pass} pass, ${n.open} open, ${n.fail} fail, ${n['n/a']} n/a`);
  return lines.join('\n');
}

const command: Command = {
  name: 'check',
  summary: 'the acceptance report',
  usage,
  async run(args, ctx0) {
    const { values } = parseCommandArgs('check', args, { 'no-checkpatch': { type: 'boolean' }, verbose: { type: 'boolean', short: 'v' } }, false);
    if (values.help) {
      ctx0.out(usage);
      return 0;
    }
    const ctx = withGlobals(ctx0, values);
    const progress = ctx.interactive && !ctx.json ? (done: number, total: number) => ctx.err(`checkpatch: ${done}/${total}`) : undefined;
    const { report } = await check(await openFor(ctx), { checkpatch: !values['no-checkpatch'], ...(progress ? { onProgress: progress } : {}) });
    if (ctx.json) printJson(ctx, reportJson(report));
    else ctx.out(renderReport(report, ctx.paint, Boolean(values.verbose)));
    return checkExitCode(report);
  },
};
export default command;
