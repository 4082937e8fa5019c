/**
 * The built-in profiles of maintainer entry documents whose rules are decided
 * from the series, the branch state and the tree, and the documents they
 * cover (kernel.profile-docs no longer asks to confirm having read those).
 */
import type { EvalContext, ProfileDef } from '../types.js';
import type { CoveredSection } from '../kernel-items.js';
import { KVM_X86_DOC, KVM_X86_PROFILE } from './kvm-x86.js';
import { NETDEV_DOC, NETDEV_PROFILE } from './netdev.js';
import { TIP_DOC, TIP_PROFILE } from './tip.js';

export const MAINTAINER_PROFILES: ProfileDef[] = [NETDEV_PROFILE, KVM_X86_PROFILE, TIP_PROFILE];

/** Document -> the profile that decides its rules. */
export const DECIDED_DOCS: Record<string, string> = { [NETDEV_DOC]: NETDEV_PROFILE.id, [KVM_X86_DOC]: KVM_X86_PROFILE.id, [TIP_DOC]: TIP_PROFILE.id };

/** The sections of MAINTAINERS whose P: document one of these profiles decides. */
export function decidedSections(ctx: EvalContext): CoveredSection[] {
  if (!ctx.maintainers) return [];
  const out: CoveredSection[] = [];
  for (const p of ctx.paths) {
    for (const s of ctx.maintainers.profilesFor(p)) {
      for (const doc of s.profiles) if (DECIDED_DOCS[doc] && !out.some((o) => o.section === s.name)) out.push({ section: s.name, profile: DECIDED_DOCS[doc]! });
    }
  }
  return out;
}
