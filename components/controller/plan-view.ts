/**
 * A trailer plan as lines of text (what each commit gets, what is skipped
 * and why), and the incoming trailers as choices the user may turn down,
 * each with the line it is shown on.
 */
import { choiceId, type TrailerPlan } from '../../src/ops/trailers.js';

export function planView(plan: TrailerPlan): { lines: string[]; choices: Array<{ id: string; line: number }> } {
  const lines: string[] = [];
  const choices: Array<{ id: string; line: number }> = [];
  for (const e of plan.entries) {
    lines.push(`${e.sha.slice(0, 12)} ${e.subject}`);
    e.add.forEach((t, i) => {
      choices.push({ id: choiceId(e.sha, i), line: lines.length });
      lines.push(`  + ${t.key}: ${t.value}${t.from ? `   (from ${t.from.name || t.from.email})` : ''}`);
    });
    for (const t of e.present) lines.push(`  = ${t.key}: ${t.value}   (already there)`);
  }
  if (plan.skipped.length) {
    lines.push('', 'Skipped:');
    for (const s of plan.skipped) lines.push(`  - ${s.trailer ?? s.subject ?? ''}${s.from ? ` from ${s.from.email}` : ''}: ${s.reason}`);
  }
  return { lines, choices };
}
