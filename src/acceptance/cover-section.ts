/**
 * The acceptance answers as a section of the cover letter. Answers live in
 * the branch state under the item ids of SPEC §6; the device-documentation
 * item has one answer per question, keyed `vfio.device-docs.<question>`.
 */
import type { BranchState } from '../state.js';

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

/** The section text, or '' when nothing has been answered. */
export function acceptanceCoverSection(state: Pick<BranchState, 'answers'>): string {
  const out: string[] = [];
  const docs = DEVICE_DOC_QUESTIONS.filter((q) => state.answers[q.id]?.text?.trim());
  const confirmedDoc = state.answers['vfio.device-docs'];
  // A driver without migration answers the item itself, in one text.
  const overall = confirmedDoc?.text?.trim();
  if (docs.length || confirmedDoc?.confirmed || overall) {
    out.push('Device-specific extensions:');
    if (overall) out.push('', indent(overall));
    for (const q of docs) out.push('', `- ${q.title}:`, indent(state.answers[q.id]!.text!));
    if (confirmedDoc?.confirmed) out.push('', `- Documented in: ${confirmedDoc.note?.trim() || 'the documentation added by this series'}`);
  }
  const ud = state.answers['vfio.userspace-data'];
  if (ud?.confirmed) {
    if (out.length) out.push('');
    out.push('Userspace data:');
    out.push('', indent(ud.note?.trim() || 'Every path where userspace data enters the driver was reviewed; none has an effect beyond the assigned device.'));
  }
  return out.join('\n');
}
