/** A trailer plan as lines of text: what each commit gets, what is skipped and why. */
import type { TrailerPlan } from '../../src/trailers/actions.js';

export function planLines(plan: TrailerPlan): string[] {
  const out: string[] = [];
  for (const e of plan.entries) {
    out.push(`${e.sha.slice(0, 12)} ${e.subject}`);
    for (const t of e.add) out.push(`  + ${t.key}: ${t.value}${t.from ? `   (from ${t.from.name || t.from.email})` : ''}`);
    for (const t of e.present) out.push(`  = ${t.key}: ${t.value}   (already there)`);
  }
  if (plan.skipped.length) {
    out.push('', 'Skipped:');
    for (const s of plan.skipped) out.push(`  - ${s.trailer ?? s.subject ?? ''}${s.from ? ` from ${s.from.email}` : ''}: ${s.reason}`);
  }
  return out;
}
