/**
 * Completion of "Key: Name <email>" in the add-trailer prompt: keys first,
 * then people from MAINTAINERS and the series' own trailers.
 */
export const REVIEW_KEYS = [
  'Reviewed-by',
  'Acked-by',
  'Tested-by',
  'Reported-by',
  'Suggested-by',
  'Cc',
  'Co-developed-by',
  'Signed-off-by',
  'Fixes',
  'Link',
  'Closes',
];

/** Completions of a plain name (a MAINTAINERS section): those starting with the text, then those containing it. */
export function plainCandidates(text: string, names: string[]): string[] {
  const q = text.trim().toLowerCase();
  const starts = names.filter((n) => n.toLowerCase().startsWith(q));
  return [...starts, ...names.filter((n) => !starts.includes(n) && n.toLowerCase().includes(q))];
}

/** The candidates for what is typed so far, best first. */
export function candidates(text: string, people: string[]): string[] {
  const colon = text.indexOf(':');
  if (colon < 0) {
    const q = text.trim().toLowerCase();
    return REVIEW_KEYS.filter((k) => k.toLowerCase().startsWith(q)).map((k) => `${k}: `);
  }
  const key = text.slice(0, colon).trim();
  const q = text
    .slice(colon + 1)
    .trim()
    .toLowerCase();
  const starts = people.filter((p) => p.toLowerCase().startsWith(q));
  const contains = people.filter((p) => !starts.includes(p) && p.toLowerCase().includes(q));
  return [...starts, ...contains].map((p) => `${key}: ${p}`);
}
