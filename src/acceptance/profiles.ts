/**
 * The built-in acceptance profiles: every profile and item in one place, as
 * data. Item ids are a contract (answers are stored under them). Besides how
 * it is decided, an item says where it is fixed (`fix`) and which words of
 * which document state its rule (`doc`), so the TUI needs no table of its own.
 */
import { DEVICE_DOC_QUESTIONS } from './cover-section.js';
import { decideCheckpatch, decideCoverLetter, decideProfileDocs, decideSignoff, decideTrailerSyntax } from './kernel-items.js';
import type { ItemDef, ProfileDef } from './types.js';
import { MAINTAINER_PROFILES, decidedSections } from './profiles/index.js';
import { DEPS_PROFILE } from '../deps/profile.js';
import {
  VARIANT_SECTION,
  decideBuildWiring,
  decideDeviceDocs,
  decideListedReviewer,
  decideMaintainersEntry,
  decideParentApproval,
  decideUserspaceData,
  decideVfioMaintainer,
} from './vfio-items.js';

const VARIANT_PROFILE = 'vfio-pci-variant';
const SUBMITTING = 'Documentation/process/submitting-patches.rst';

const vfioItems: ItemDef[] = [
  {
    id: 'vfio.parent-approval',
    profile: VARIANT_PROFILE,
    title: 'Interactions with parent drivers are approved by their maintainers or reviewers',
    question:
      'Has a maintainer or reviewer (M: or R: in MAINTAINERS) of every parent driver (the PF driver, or any driver whose interfaces this driver uses) approved the interaction?',
    guidance:
      'A parent driver is the driver of the parent device (e.g. the SR-IOV PF) or another driver whose interfaces the variant driver uses beyond vfio-pci-core and generic kernel APIs. Each needs a Signed-off-by, Acked-by, Reviewed-by or Tested-by from one of its maintainers or reviewers on the series. Ask them before sending, or send to them and wait for the trailer.',
    fix: { screen: 'trailers', trailer: 'Acked-by' },
    doc: { match: [/approval via\s+sign-off/i, /approval\b.*\bparent/i] },
    decide: decideParentApproval,
  },
  {
    id: 'vfio.listed-reviewer',
    profile: VARIANT_PROFILE,
    title: 'Reviewed by a listed reviewer',
    question: `Has one of the R: reviewers of "${VARIANT_SECTION}" reviewed the series?`,
    guidance:
      'Besides the vfio maintainer, new variant drivers need a Reviewed-by from at least one listed reviewer. They are on the recipients; their Reviewed-by decides this item.',
    fix: { screen: 'trailers', trailer: 'Reviewed-by' },
    doc: { match: [/listed\s+reviewers/i] },
    decide: decideListedReviewer,
  },
  {
    id: 'vfio.vfio-maintainer',
    profile: VARIANT_PROFILE,
    title: 'The vfio maintainer is on To',
    question: 'Is the series addressed to the vfio maintainer?',
    guidance: 'The M: people of "VFIO DRIVER" take variant drivers; they must be on To, not dropped from the recipients.',
    fix: { screen: 'recipients' },
    doc: { match: [/overall\s+vfio\s+maintainer/i, /vfio\s+maintainer/i] },
    decide: decideVfioMaintainer,
  },
  {
    id: 'vfio.device-docs',
    profile: VARIANT_PROFILE,
    title: 'Device-specific extensions are documented for reviewers',
    question:
      'How is the device state composed and consumed, which parts are not otherwise available to the user via vfio-pci, and what safeguards validate the data?',
    guidance:
      'Reviewers must understand what the driver adds beyond vfio-pci. For migration, answer the three questions (the answers become a section of the cover letter), or point at a document the series adds.',
    answer: { text: true, confirm: true, questions: DEVICE_DOC_QUESTIONS },
    doc: { match: [/sufficient\s+documentation/i, /documentation\b.*\breviewers/i] },
    decide: decideDeviceDocs,
  },
  {
    id: 'vfio.userspace-data',
    profile: VARIANT_PROFILE,
    title: 'No unchecked userspace data beyond the assigned device',
    question:
      'Is every place where userspace data enters the new code checked, so that nothing has an effect beyond the assigned device and no exploitable interface is created?',
    guidance:
      'Go through each listed entry point (copy-ins, read/write/ioctl handlers, migration data paths): bounds, sizes, offsets and states must be validated before the data reaches the device or its parent driver. Confirm with a note on how.',
    answer: { confirm: true },
    doc: { match: [/exploitable\s+interfaces/i, /userspace\s+data/i] },
    decide: decideUserspaceData,
  },
  {
    id: 'vfio.maintainers-entry',
    profile: VARIANT_PROFILE,
    title: 'The new driver has a MAINTAINERS entry',
    question: 'Does every new variant-driver directory have a MAINTAINERS section with M:, L:, S: and an F: covering it?',
    guidance: 'Add the section in the series (usually its last patch), in alphabetical order.',
    decide: decideMaintainersEntry,
  },
  {
    id: 'vfio.build-wiring',
    profile: VARIANT_PROFILE,
    title: 'The new driver is wired into the build',
    question:
      'Does every new variant-driver directory have its own Kconfig and Makefile, sourced from drivers/vfio/pci/Kconfig and added in drivers/vfio/pci/Makefile?',
    guidance: 'drivers/vfio/pci/Kconfig needs `source "drivers/vfio/pci/<dir>/Kconfig"`, drivers/vfio/pci/Makefile `obj-$(CONFIG_...) += <dir>/`.',
    decide: decideBuildWiring,
  },
];

const kernelItems: ItemDef[] = [
  {
    id: 'kernel.signoff',
    profile: 'kernel',
    title: 'Every commit is signed off',
    question:
      "Does every commit carry its author's Signed-off-by and yours (you send it), and is each Co-developed-by followed by that person's Signed-off-by?",
    guidance:
      'Whoever passes a patch on adds their Signed-off-by: the author, every co-developer right after their Co-developed-by, and you as the submitter (compared after .mailmap). See "Sign your work" and "When to use Acked-by:, Cc:, and Co-developed-by:" in Documentation/process/submitting-patches.rst.',
    fix: { screen: 'trailers' },
    doc: { doc: SUBMITTING, match: [/Co-developed-by:\s+states/i] },
    decide: decideSignoff,
  },
  {
    id: 'kernel.trailer-syntax',
    profile: 'kernel',
    title: 'Trailers are well-formed',
    question: 'Are the trailer keys spelled right, do person trailers hold "Name <address>", and do Fixes: tags name the commit correctly?',
    guidance:
      'Fixes: takes at least 12 hex digits of the commit and its subject: Fixes: 54a4f0239f2e ("KVM: MMU: make kvm_mmu_zap_page() return the number of pages it actually freed").',
    fix: { screen: 'trailers' },
    doc: { doc: SUBMITTING, match: [/If your patch fixes a bug in a specific commit/i, /Fixes:\s+tag/i] },
    decide: decideTrailerSyntax,
  },
  {
    id: 'kernel.checkpatch',
    profile: 'kernel',
    title: 'checkpatch reports no errors',
    question: 'Does scripts/checkpatch.pl of this tree pass every patch without an ERROR?',
    guidance: 'Warnings are listed for you to judge; errors must be fixed. Runs in `patchpilot check` unless --no-checkpatch.',
    doc: { doc: SUBMITTING, match: [/Check your patches with the patch style checker/i, /checkpatch/i] },
    decide: decideCheckpatch,
  },
  {
    id: 'kernel.cover-letter',
    profile: 'kernel',
    title: 'The cover letter is written',
    question: 'Does the series have a cover letter subject and body, without placeholders?',
    guidance: "Say what the series does and why, for someone who has not seen it. Set it with `patchpilot cover` (or in b4's cover commit).",
    fix: { screen: 'cover' },
    doc: { doc: SUBMITTING, match: [/cover letter/i] },
    decide: decideCoverLetter,
  },
  {
    id: 'kernel.profile-docs',
    profile: 'kernel',
    title: 'Subsystem documents are read',
    question: 'Have you read the maintainer documents (P:) of the subsystems this series touches?',
    guidance: 'Subsystems write down their own rules (tree tags, timing, testing). Read each listed document, then confirm.',
    answer: { confirm: true },
    doc: { openings: true },
    decide: (ctx) => decideProfileDocs(ctx, [{ section: VARIANT_SECTION, profile: VARIANT_PROFILE }, ...decidedSections(ctx)]),
  },
];

export const PROFILES: ProfileDef[] = [
  {
    id: VARIANT_PROFILE,
    title: 'vfio-pci device specific (variant) driver',
    appliesWhen: 'the series changes a file under a subdirectory of drivers/vfio/pci/',
    docSection: VARIANT_SECTION,
    applies: (ctx) => ctx.variantDirs.length > 0,
    items: vfioItems,
  },
  ...MAINTAINER_PROFILES,
  DEPS_PROFILE,
  {
    id: 'kernel',
    title: 'Linux kernel patch submission',
    appliesWhen: 'every series',
    docPath: 'Documentation/process/submitting-patches.rst',
    applies: () => true,
    items: kernelItems,
  },
];

export function allItems(profiles: ProfileDef[] = PROFILES): ItemDef[] {
  return profiles.flatMap((p) => p.items);
}

export function itemDef(id: string, profiles: ProfileDef[] = PROFILES): ItemDef | undefined {
  return allItems(profiles).find((i) => i.id === id);
}

/** Every id `answer` accepts: items that take answers, and their sub-questions. */
export function answerableIds(profiles: ProfileDef[] = PROFILES): string[] {
  return allItems(profiles).flatMap((i) => (i.answer ? [i.id, ...(i.answer.questions ?? []).map((q) => q.id)] : []));
}
