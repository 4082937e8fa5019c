/**
 * The part of MAINTAINERS the acceptance items read, as one small interface:
 * sections with their people, lists, status and P: documents, the sections
 * that match a path (most specific first, THE REST last), lookup by name.
 * The parsing and matching are src/maintainers' (get_maintainer.pl's rules);
 * this file only adapts its API, so there is one MAINTAINERS parser.
 */
import { parseMailbox } from '../mail/address.js';
import { loadMaintainers, matchFile, type MaintainersDb, type Section } from '../maintainers/index.js';
import { fileMatchesPattern } from '../maintainers/match.js';
import { perlRegex } from '../maintainers/perlre.js';

export interface SectionPerson {
  name: string;
  email: string;
  /** As MAINTAINERS writes it: "Name <email>". */
  address: string;
}

export interface ViewSection {
  name: string;
  isRest: boolean;
  maintainers: SectionPerson[];
  reviewers: SectionPerson[];
  lists: string[];
  status?: string;
  /** P: documents (paths in the tree or URLs). */
  profiles: string[];
  /** T: trees ("git git://.../tip/tip.git"). */
  trees?: string[];
  files: string[];
  /** 1-based line of the section's name in MAINTAINERS. */
  line?: number;
}

export interface MaintainersView {
  sections: ViewSection[];
  /** Sections whose F:/N: (minus X:) match the path, most specific first, THE REST last. */
  forPath(path: string): ViewSection[];
  byName(name: string): ViewSection | undefined;
  /** The most specific sections other than THE REST (several when equally specific). */
  owners(path: string): ViewSection[];
  /** Sections with a P: document that cover the path: the same rules, tested on those few sections only. */
  profilesFor(path: string): ViewSection[];
}

const PLAIN = /^([^<>"()\\,;:@]*?)\s*<([^<>\s"()\\,;:@]+@[^<>\s"()\\,;:@]+)>$/;

function person(value: string): SectionPerson | undefined {
  // Most M:/R: lines are plain "Name <addr>": skip the full RFC 5322 parser (slow) for those.
  const plain = PLAIN.exec(value.trim());
  if (plain) return { name: plain[1]!, email: plain[2]!, address: value.trim() };
  const m = parseMailbox(value);
  return m.ok ? { name: m.name, email: m.email, address: value.trim() } : undefined;
}

/** matchFile's test for one section: no X: matches, and an F: or N: does. */
function covers(db: MaintainersDb, s: Section, path: string): boolean {
  if (s.entries.some((f) => f.type === 'X' && fileMatchesPattern(db, path, f) !== null)) return false;
  return s.entries.some((f) => (f.type === 'F' && fileMatchesPattern(db, path, f) !== null) || (f.type === 'N' && Boolean(perlRegex(f.value)?.test(path))));
}

/**
 * The sections with a P: line. Asking every section for its P: builds the fields of all 2,800 sections of a
 * kernel tree (15 ms and more); the scan's field letters point at the few dozen that have one.
 */
function sectionsWithProfiles(db: MaintainersDb): Section[] {
  const tv = db.typevalue;
  const P = 'P'.charCodeAt(0);
  const found = new Set<Section>();
  for (let i = 0; i < tv.length; i++) {
    if (tv.kindAt(i) !== P) continue;
    try {
      found.add(db.sectionAt(i));
    } catch {
      // A P: line before the first section belongs to none.
    }
  }
  return [...found].sort((a, b) => a.ordinal - b.ordinal).filter((s) => s.P.length);
}

/** The view over a loaded MAINTAINERS; sections are converted once and matches cached per path. */
export function viewOf(db: MaintainersDb): MaintainersView {
  const converted = new Map<Section, ViewSection>();
  const conv = (s: Section): ViewSection => {
    let v = converted.get(s);
    if (!v) {
      v = {
        name: s.name,
        isRest: s.name === 'THE REST',
        maintainers: s.M.map(person).filter((p): p is SectionPerson => Boolean(p)),
        reviewers: s.R.map(person).filter((p): p is SectionPerson => Boolean(p)),
        lists: s.L,
        ...(s.S[0] ? { status: s.S[0] } : {}),
        profiles: s.P,
        trees: s.T,
        files: s.F,
        line: s.line,
      };
      converted.set(s, v);
    }
    return v;
  };
  const cache = new Map<string, { section: ViewSection; depth: number }[]>();
  let withP: Section[] | undefined;
  const ranked = (path: string) => {
    let r = cache.get(path);
    if (!r) {
      r = matchFile(db, path).matches.map((m) => ({ section: conv(m.section), depth: m.depth }));
      cache.set(path, r);
    }
    return r;
  };
  return {
    get sections() {
      return db.sections.map(conv);
    },
    forPath: (path) => ranked(path).map((m) => m.section),
    byName(name) {
      const s = db.byName(name);
      return s ? conv(s) : undefined;
    },
    profilesFor(path) {
      const known = db.answers?.get(`p:${path}`);
      if (Array.isArray(known)) {
        const kept = known.map((o) => db.sectionNo(o));
        if (kept.every((s) => s !== undefined)) return (kept as Section[]).map(conv);
      }
      withP ??= sectionsWithProfiles(db);
      db.answers?.begin();
      const found = withP.filter((x) => covers(db, x, path));
      db.answers?.set(
        `p:${path}`,
        found.map((s) => s.ordinal),
      );
      return found.map(conv);
    },
    owners(path) {
      const r = ranked(path).filter((m) => !m.section.isRest);
      return r.filter((m) => m.depth === r[0]?.depth).map((m) => m.section);
    },
  };
}

export function loadView(root: string): MaintainersView {
  return viewOf(loadMaintainers(root));
}
