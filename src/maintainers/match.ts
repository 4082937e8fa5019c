/**
 * Which sections cover a file, by the rules of get_maintainer.pl:
 *  - X: patterns are tested first; one match excludes the whole section;
 *  - F: is a prefix match of the translated pattern; a pattern ending in '/'
 *    (or naming an existing directory: the script appends the '/') matches
 *    everything below, any other needs as many '/' in the file as in it;
 *  - N: is a Perl regex (/x) on the path, depth 0;
 *  - a section's depth is that of its LAST matching F:/N: line in file order
 *    (the script overwrites its hash entry), '/' count + 1 unless the
 *    pattern ends in '/', -1 for patterns starting with '*';
 *  - deeper first. The script breaks ties in Perl's hash order (random per
 *    run); we break them by position in MAINTAINERS, one of its orders.
 */
import type { MaintainersDb } from './db.js';
import { patternOf, type Field, type Section } from './section.js';
import { perlRegex } from './perlre.js';

export interface SectionMatch {
  section: Section;
  /** The script's depth for this file (higher is more specific). */
  depth: number;
}

export interface FileMatch {
  matches: SectionMatch[];
  /**
   * A pattern at least as deep as the file matched in a maintained or
   * supported section that has an M: (the script then skips the git fallback).
   */
  exact: boolean;
}

function slashes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 47) n++;
  return n;
}

/** The pattern as the script holds it after reading: with '/' appended when it names a directory. */
export function effectivePattern(db: MaintainersDb, field: Field): string {
  const p = patternOf(field);
  if (p !== '' && !p.endsWith('/') && db.isDir(p)) return `${p}/`;
  return p;
}

/** file_match_pattern(), with the directory check done only when the prefix matches. */
export function fileMatchesPattern(db: MaintainersDb, file: string, field: Field): string | null {
  const prefix = field.prefix;
  if (prefix && !file.startsWith(prefix)) return null;
  const raw = patternOf(field);
  // A pattern without wildcards or regex characters is a plain prefix: no regex needed.
  const literal = prefix !== undefined && prefix.length === field.value.length;
  if (!literal) {
    const re = db.regex(raw);
    if (!re || !re.test(file)) return null;
  }
  const pattern = effectivePattern(db, field);
  if (pattern.endsWith('/')) {
    if (pattern === raw) return pattern;
    if (literal) return file.startsWith(`${field.value}/`) ? pattern : null;
    const re2 = db.regex(pattern);
    return re2 && re2.test(file) ? pattern : null;
  }
  return slashes(file) === slashes(pattern) ? pattern : null;
}

function isMaintained(s: Section): boolean {
  return s.S.some((v) => /(maintain|support)/i.test(v));
}

/**
 * The sections matching one file, most specific first (THE REST, at depth
 * -1 and last in the file, comes last). `patternDepth` is --pattern-depth.
 */
export function matchFile(db: MaintainersDb, file: string, patternDepth = 0): FileMatch {
  let memo = matched.get(db);
  if (!memo) matched.set(db, (memo = new Map()));
  const key = `${patternDepth}\0${file}`;
  let m = memo.get(key);
  if (!m) memo.set(key, (m = storedMatch(db, `m${patternDepth}:${file}`) ?? computeMatch(db, file, patternDepth)));
  // Copies: a caller may sort or change what it is given.
  return { matches: m.matches.map((x) => ({ ...x })), exact: m.exact };
}

/**
 * Matches already computed, per database: the acceptance checks, the
 * recipients and the TUI's completions each ask for the series' files, and
 * each answer depends only on MAINTAINERS (the directory checks are cached in
 * the database too).
 */
const matched = new WeakMap<MaintainersDb, Map<string, FileMatch>>();

/** A match kept by an earlier run (src/maintainers/answers.ts): [exact ? 1 : 0, then ordinal and depth of each section]. */
function storedMatch(db: MaintainersDb, key: string): FileMatch | undefined {
  const v = db.answers?.get(key);
  if (!Array.isArray(v) || v.length % 2 !== 1) return undefined;
  const matches: SectionMatch[] = [];
  for (let i = 1; i < v.length; i += 2) {
    const section = db.sectionNo(v[i]);
    if (!section || typeof v[i + 1] !== 'number') return undefined;
    matches.push({ section, depth: v[i + 1] as number });
  }
  return { matches, exact: v[0] === 1 };
}

function computeMatch(db: MaintainersDb, file: string, patternDepth: number): FileMatch {
  db.answers?.begin();
  const found = computeMatchNow(db, file, patternDepth);
  db.answers?.set(`m${patternDepth}:${file}`, [found.exact ? 1 : 0, ...found.matches.flatMap((m) => [m.section.ordinal, m.depth])]);
  return found;
}

function computeMatchNow(db: MaintainersDb, file: string, patternDepth: number): FileMatch {
  const matches: SectionMatch[] = [];
  let exact = false;
  const filePd = slashes(file);
  for (const section of db.candidates(file)) {
    let excluded = false;
    for (const f of section.entries) {
      if (f.type === 'X' && fileMatchesPattern(db, file, f) !== null) {
        excluded = true;
        break;
      }
    }
    if (excluded) continue;
    let depth: number | undefined;
    for (const f of section.entries) {
      if (f.type === 'F') {
        const value = fileMatchesPattern(db, file, f);
        if (value === null) continue;
        let valuePd = slashes(value);
        if (!value.endsWith('/')) valuePd++;
        if (value.startsWith('.*')) valuePd = -1;
        if (valuePd >= filePd && isMaintained(section) && section.M.length > 0) exact = true;
        if (patternDepth === 0 || filePd - valuePd < patternDepth) depth = valuePd;
      } else if (f.type === 'N') {
        const re = perlRegex(f.value);
        if (re && re.test(file)) depth = 0;
      }
    }
    if (depth !== undefined) matches.push({ section, depth });
  }
  // Array.prototype.sort is stable: equal depths keep MAINTAINERS order.
  matches.sort((a, b) => b.depth - a.depth);
  return { matches, exact };
}

/** The sections matching a file, most specific first, THE REST last. */
export function sectionsForFile(db: MaintainersDb, file: string, patternDepth = 0): Section[] {
  return matchFile(db, file, patternDepth).matches.map((m) => m.section);
}
