/**
 * Series: the prerequisite series, the commits with their trailer badges;
 * the selected commit's whole subject and message, author, trailers and
 * files below (the rows: rows/series.ts).
 */
import { Rows } from '../Lines.js';
import { seriesLines } from '../rows/series.js';
import type { UiState } from '../ui-state.js';

export function SeriesScreen({ s, height }: { s: UiState; height: number }) {
  return <Rows lines={seriesLines(s, height)} height={height} width={s.width} />;
}
