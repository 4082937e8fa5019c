/**
 * The acceptance items of recorded prerequisites: the branch is built on
 * every prerequisite it declares, and none of them is already in the base.
 */
import type { Decision, EvalContext, Evidence, ItemDef, ProfileDef } from '../acceptance/types.js';
import { prerequisiteStatus, type DepStatus } from './status.js';

const cache = new WeakMap<EvalContext, Promise<DepStatus[]>>();
function statusOf(ctx: EvalContext): Promise<DepStatus[]> {
  let p = cache.get(ctx);
  if (!p) {
    p = prerequisiteStatus(ctx.series, ctx.state.deps ?? []);
    cache.set(ctx, p);
  }
  return p;
}

const name = (d: DepStatus) => `${d.index}. ${d.source}${d.messageId ? ` <${d.messageId}>` : ''}`;
const ev = (d: DepStatus): Evidence => ({ kind: 'note', text: `${name(d)}: ${d.note}` });

async function decideBuiltOn(ctx: EvalContext): Promise<Decision> {
  const all = await statusOf(ctx);
  const bad = all.filter((d) => d.state === 'not-built-on');
  if (!bad.length) return { status: 'pass', summary: `built on every prerequisite it declares (${all.length})`, evidence: all.map(ev) };
  return {
    status: 'fail',
    summary: `not built on ${bad.length} of ${all.length} declared prerequisite${all.length === 1 ? '' : 's'}`,
    evidence: all.map(ev),
    missing: bad.map((d) => ({ text: `${d.source}: put your commits on top of it`, ...(d.fix ? { cli: d.fix } : {}) })),
  };
}

async function decideStillNeeded(ctx: EvalContext): Promise<Decision> {
  const all = await statusOf(ctx);
  const merged = all.filter((d) => d.state === 'in-base');
  if (!merged.length) return { status: 'pass', summary: 'no prerequisite is in the base yet', evidence: [] };
  return {
    status: 'open',
    summary: `${merged.length} prerequisite${merged.length === 1 ? ' is' : 's are'} already in the base: the lines can go`,
    evidence: merged.map(ev),
    missing: merged.map((d) => ({ text: `${d.source} is merged: drop it from the prerequisites`, cli: d.fix ?? `patchpilot deps remove ${d.index}` })),
  };
}

const items: ItemDef[] = [
  {
    id: 'deps.built-on',
    profile: 'deps',
    title: 'The branch is built on its prerequisites',
    question: 'Does the branch carry every prerequisite series it declares, under its own commits?',
    guidance:
      'A series that depends on another is built on top of it; its cover letter names the prerequisites (prerequisite-message-id: and prerequisite-patch-id:), so that the maintainer and the bots apply them first.',
    decide: decideBuiltOn,
  },
  {
    id: 'deps.still-needed',
    profile: 'deps',
    title: 'No prerequisite is already in the base',
    question: 'Is every declared prerequisite still missing from the base the series applies to?',
    guidance:
      'Once a prerequisite is merged into the upstream branch, rebase onto it and remove it (patchpilot deps remove), so the cover letter stops naming it.',
    decide: decideStillNeeded,
  },
];

export const DEPS_PROFILE: ProfileDef = {
  id: 'deps',
  title: 'Prerequisite series',
  appliesWhen: 'prerequisite series are recorded (patchpilot deps add)',
  applies: (ctx) => Boolean(ctx.state.deps?.length),
  items,
};
