/**
 * MAINTAINERS for the rest of patchpilot: load a tree's file, the sections
 * that cover a path (get_maintainer.pl's rules, most specific first, THE REST
 * last), and lookups by name. `patchpilot maintainers` is src/maintainers/run.ts.
 */
export { loadMaintainers, maintainersFromText, type MaintainersDb, type Field, type Section, type Warning } from './db.js';
export { matchFile, sectionsForFile, type FileMatch, type SectionMatch } from './match.js';
export { FIELD_LETTERS, filePatternToRegex, type FieldLetter } from './section.js';
export { parseGmMailmap, mailmapEmail, parseEmail, formatEmail, type GmMailmap } from './email.js';
import type { MaintainersDb, Section } from './db.js';

/** A section by its name (exact first, then ignoring case). */
export function findSection(db: MaintainersDb, name: string): Section | undefined {
  return db.byName(name);
}
