/**
 * The line b4 prep puts in its cover commit's message, and the tracking data
 * after it (b4 ez.py make_magic_json). Read leniently: a cover commit whose
 * data does not parse is treated as carrying none.
 */
export const B4_MARKER = '--- b4-submit-tracking ---';

/** The tracking JSON after the marker (its '#' comment line left out), or undefined. */
export function trackingOf(message: string): Record<string, unknown> | undefined {
  const at = message.indexOf(B4_MARKER);
  if (at < 0) return undefined;
  const json = message
    .slice(at + B4_MARKER.length)
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n')
    .trim();
  try {
    const data = json ? (JSON.parse(json) as unknown) : undefined;
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The `series` record of the tracking data (revision, history, change-id, base-branch...), or undefined. */
export function trackedSeries(message: string): Record<string, unknown> | undefined {
  const series = trackingOf(message)?.series;
  return series && typeof series === 'object' && !Array.isArray(series) ? (series as Record<string, unknown>) : undefined;
}
