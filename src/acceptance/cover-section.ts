/**
 * The acceptance answers as a section of the cover letter. Answers live in
 * the branch state under the item ids (docs/rules.md); the device-documentation
 * item has one answer per question, keyed `vfio.device-docs.<question>`.
 */
import type { BranchState } from '../store/state.js';

export const DEVICE_DOC_QUESTIONS = [
  { id: 'vfio.device-docs.state', title: 'How the device state is composed and consumed' },
  { id: 'vfio.device-docs.exclusive', title: 'What is not otherwise available to the user via vfio-pci' },
  { id: 'vfio.device-docs.safeguards', title: 'Safeguards that validate the data' },
] as const;

function indent(text: string): string {
  return text
    .trim()
    .split('\n')
    .map((l) => (l ? `  ${l}` : ''))
    .join('\n');
}

/**
 * The section text, or '' when nothing has been answered. Only the
 * submitter's own words go in: a confirmation without a note says nothing
 * a reviewer could quote, so it adds nothing (the item still passes).
 */
export function acceptanceCoverSection(state: Pick<BranchState, 'answers'>): string {
  const out: string[] = [];
  const docs = DEVICE_DOC_QUESTIONS.filter((q) => state.answers[q.id]?.text?.trim());
  const confirmedDoc = state.answers['vfio.device-docs'];
  const docNote = confirmedDoc?.confirmed ? confirmedDoc.note?.trim() : undefined;
  // A driver without migration answers the item itself, in one text.
  const overall = confirmedDoc?.text?.trim();
  if (docs.length || docNote || overall) {
    out.push('Device-specific extensions:');
    if (overall) out.push('', indent(overall));
    for (const q of docs) out.push('', `- ${q.title}:`, indent(state.answers[q.id]!.text!));
    if (docNote) out.push('', `- Documented in: ${docNote}`);
  }
  const ud = state.answers['vfio.userspace-data'];
  const udNote = ud?.confirmed ? ud.note?.trim() : undefined;
  if (udNote) {
    if (out.length) out.push('');
    out.push('Userspace data:');
    out.push('', indent(udNote));
  }
  return out.join('\n');
}

/** Items whose --confirm --note text goes into the cover letter (and nothing without a note). */
export const NOTE_IN_COVER: readonly string[] = ['vfio.userspace-data', 'vfio.device-docs'];
