/**
 * A loaded MAINTAINERS with what matching needs: compiled F:/X: patterns,
 * the working-tree lookups the script does (`-d` on each pattern), and an
 * index by first path component so a file is tested only against the
 * sections that can match it. Results are the same as testing every
 * section: the index only skips sections whose literal prefix cannot match.
 */
import { statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { UsageError } from '../errors.js';
import { parseWithCache } from './cache.js';
import { anyOf, perlRegex } from './perlre.js';
import { parseMaintainersText, type TypeValues, type Warning } from './parse.js';
import { Section, type Field } from './section.js';
import { readTreeText } from '../text/input-file.js';
import { answersFor, type Answers } from './answers.js';

export interface MaintainersDb {
  root: string;
  file: string;
  typevalue: TypeValues;
  sections: Section[];
  warnings: Warning[];
  /** Section by the typevalue index of any of its fields. */
  sectionAt(index: number): Section;
  byName(name: string): Section | undefined;
  /** Sections that may match a path (a superset), in file order. */
  candidates(path: string): Section[];
  /** Whether a pattern names an existing directory (the script's `-d $value`), cached. */
  isDir(pattern: string): boolean;
  /** Compiled `^pattern` for F:/X: values. */
  regex(pattern: string): RegExp | null;
  /** Answers kept from earlier runs on the same file (src/maintainers/answers.ts), when it has a scan cache entry. */
  answers?: Answers;
  /** The section at a position of `sections` an answer names, if there is one. */
  sectionNo(ordinal: unknown): Section | undefined;
}

export function createDb(root: string, file: string, typevalue: TypeValues, warnings: Warning[], cacheKey?: string): MaintainersDb {
  // The sections in the order the script visits them (its loop from find_first_section, stepping to end + 1), each
  // keyed by its first field. Each is made when first asked for (2,800 on a kernel tree, most never read when the
  // answers are kept): the same object every time, and all of them for `sections`.
  const runs = typevalue.runs;
  const count = runs.length / 3;
  const made: (Section | undefined)[] = new Array(count);
  const section = (i: number): Section => (made[i] ??= new Section(typevalue, runs[3 * i]!, runs[3 * i + 2]!, runs[3 * i + 1]!, i));
  let all: Section[] | undefined;
  const sections = () => (all ??= Array.from({ length: count }, (_, i) => section(i)));
  const owner = typevalue.owner;
  // Candidates: sections with an F: whose literal prefix is a prefix of the path
  // (each prefix of the path is looked up), and N: sections whose regex matches.
  const { byPrefix, nFields } = typevalue;
  const dirCache = new Map<string, boolean>();
  const reCache = new Map<string, RegExp | null>();
  let names: Map<string, Section> | undefined;
  let anyN: RegExp | false | undefined;
  const answers = cacheKey === undefined ? undefined : answersFor(cacheKey, root);
  const sectionNo = (ordinal: unknown) =>
    typeof ordinal === 'number' && Number.isInteger(ordinal) && ordinal >= 0 && ordinal < count ? section(ordinal) : undefined;
  const lookUp = (name: string): Section | undefined => {
    if (!names) {
      names = new Map();
      for (const s of sections()) if (!names.has(s.name)) names.set(s.name, s);
    }
    const exact = names.get(name);
    if (exact) return exact;
    const lower = name.toLowerCase();
    return sections().find((s) => s.name.toLowerCase() === lower);
  };
  return {
    root,
    file,
    typevalue,
    get sections() {
      return sections();
    },
    warnings,
    sectionAt(index) {
      const i = index < typevalue.length ? owner[index]! : -1;
      if (i < 0) throw new Error(`no section owns MAINTAINERS entry ${index}`);
      return section(i);
    },
    answers,
    sectionNo,
    byName(name) {
      // Every section's name is built for the first lookup (2,800 on a kernel tree): the answer is kept.
      const known = answers?.get(`n:${name}`);
      if (known === -1) return undefined;
      const kept = sectionNo(known);
      if (kept) return kept;
      answers?.begin();
      const found = lookUp(name);
      answers?.set(`n:${name}`, found ? found.ordinal : -1);
      return found;
    },
    candidates(path) {
      const found = new Set<number>();
      for (let l = 0; l <= path.length; l++) {
        const list = byPrefix.get(path.slice(0, l));
        if (list) for (let k = 0; k < list.length; k++) found.add(list[k]!);
      }
      anyN ??= anyOf(nFields.map((n) => typevalue.entry(n.index).field!.value)) ?? false;
      if (anyN === false || anyN.test(path)) {
        for (const n of nFields) if (!found.has(n.section) && perlRegex(typevalue.entry(n.index).field!.value)?.test(path)) found.add(n.section);
      }
      return [...found].sort((a, b) => a - b).map(section);
    },
    isDir(pattern) {
      let v = dirCache.get(pattern);
      if (v === undefined) {
        try {
          v = pattern !== '' && statSync(isAbsolute(pattern) ? pattern : join(root, pattern)).isDirectory();
        } catch {
          v = false;
        }
        dirCache.set(pattern, v);
      }
      answers?.dir(pattern, v);
      return v;
    },
    regex(pattern) {
      let re = reCache.get(pattern);
      if (re === undefined) {
        try {
          re = new RegExp(`^${pattern}`);
        } catch {
          re = null;
        }
        reCache.set(pattern, re);
      }
      return re;
    },
  };
}

/** Parse a MAINTAINERS text as if it were the file at root/MAINTAINERS (tests, other tools). */
export function maintainersFromText(root: string, text: string, file = 'MAINTAINERS'): MaintainersDb {
  const { typevalue, warnings } = parseMaintainersText(text, file);
  return createDb(root, file, typevalue, warnings);
}

/**
 * The tree's MAINTAINERS (or the file `path` names). A missing file is the
 * user's to fix: one UsageError line.
 */
export function loadMaintainers(root: string, path?: string): MaintainersDb {
  const file = path ?? join(root, 'MAINTAINERS');
  let text: string;
  try {
    // Not readFileSync: MAINTAINERS may be a symbolic link to a FIFO or a device, which must not hang the command.
    const read = readTreeText(file, 'MAINTAINERS file');
    if (read === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
    text = read;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new UsageError(`no MAINTAINERS file at ${file} (run inside a kernel tree, or pass --repo DIR)`);
    }
    if (code === 'EISDIR') throw new UsageError(`${file} is a directory, not a MAINTAINERS file`);
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
  const { typevalue, warnings, cacheKey } = parseWithCache(file, text, path ?? 'MAINTAINERS');
  return createDb(root, path ?? 'MAINTAINERS', typevalue, warnings, cacheKey);
}

export type { Field, Section, Warning };
