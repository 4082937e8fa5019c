/**
 * MAINTAINERS as get_maintainer.pl reads it. The script keeps one flat list
 * ("typevalue"): every "X: value" line as a field, every other non-blank,
 * non-'#' line as text; a section is a run of fields and its name is the
 * text line just before the run. We keep the same list (so that index
 * arithmetic, ties and odd files behave as in the script) plus line numbers
 * and a friendlier per-section view for the rest of patchpilot.
 */
import { mapIndex, type PrefixIndex } from './prefix-index.js';
import { FIELD_LETTERS, type Field, type TypeValue } from './section.js';

/** What the scan cache reads back: the snapshot's arrays, the section runs as they are stored, the prefix index searchable in place. */
export interface LoadedScan extends Omit<TypeValuesSnapshot, 'runs' | 'byPrefix'> {
  runs: Int32Array;
  byPrefix: PrefixIndex;
}

export interface TypeValuesSnapshot {
  length: number;
  kind: Uint8Array;
  vstart: Int32Array;
  vend: Int32Array;
  lineNo: Int32Array;
  fileNo: Uint16Array;
  owner: Int32Array;
  runs: number[];
  byPrefix: [string, number[]][];
  nFields: { index: number; section: number }[];
  kLines: number[];
  warnings: Warning[];
}

export interface Warning {
  file: string;
  line: number;
  message: string;
}

/** Characters after which a pattern's text is no longer a literal prefix ('.' stays literal). */
const META = /[*?[\]{}()+^$|\\]/;

export function literalPrefix(value: string): string {
  const m = META.exec(value);
  return m ? value.slice(0, m.index) : value;
}

/** A field line; it is also its own typevalue entry (`field` on the prototype keeps JSON acyclic). */
class FieldEntry implements Field {
  prefix?: string;
  pattern?: string;
  constructor(
    readonly type: string,
    readonly value: string,
    readonly line: number,
  ) {}
  get field(): Field {
    return this;
  }
}

const isBlank = (c: number) => c === 32 || c === 9 || c === 13 || c === 11 || c === 12;
const KNOWN_CODE = new Uint8Array(128);
for (const l of FIELD_LETTERS) KNOWN_CODE[l.charCodeAt(0)] = 1;

/** META, searching forward from lastIndex (stops at the end of the line at the latest). */
const META_G = /[*?[\]{}()+^$|\\\n]/g;

function hasAt(text: string, from: number, end: number): boolean {
  const i = text.indexOf('@', from);
  return i >= 0 && i < end;
}

/**
 * The script's typevalue list, kept as offsets into the file text: the
 * 25,000-line file is scanned once without making a string or an object per
 * line, and entries are made when first asked for (a query needs a few
 * hundred of them).
 */
export class TypeValues {
  length = 0;
  private kind: Uint8Array;
  private vstart: Int32Array;
  private vend: Int32Array;
  private lineNo: Int32Array;
  private fileNo: Uint16Array;
  private cache: (TypeValue | undefined)[] = [];
  warnings: Warning[] = [];
  /** Section runs as the script walks them: [start, key, end] per section, in order. */
  runs: number[] | Int32Array = [];
  /** The section (index into runs / 3) owning each field after its run's first entry, else -1. */
  owner: Int32Array;
  /**
   * Sections (ordinals) by the literal prefix of their F: patterns (the text
   * before the first wildcard): a path can only match patterns whose prefix
   * is one of its own prefixes. Built during the scan (prefixMap), or read back from the cache.
   */
  byPrefix: PrefixIndex;
  private readonly prefixMap = new Map<string, number[]>();
  /** N: lines (typevalue index) with their section ordinal. */
  nFields: { index: number; section: number }[] = [];
  /** Typevalue indexes of the K: lines. */
  kLines: number[] = [];

  constructor(
    private readonly sources: { text: string; file: string }[],
    snapshot?: LoadedScan,
  ) {
    if (snapshot) {
      this.length = snapshot.length;
      this.kind = snapshot.kind;
      this.vstart = snapshot.vstart;
      this.vend = snapshot.vend;
      this.lineNo = snapshot.lineNo;
      this.fileNo = snapshot.fileNo;
      this.owner = snapshot.owner;
      this.runs = snapshot.runs;
      this.byPrefix = snapshot.byPrefix;
      this.nFields = snapshot.nFields;
      this.kLines = snapshot.kLines;
      this.warnings = snapshot.warnings;
      return;
    }
    this.byPrefix = mapIndex(this.prefixMap);
    let cap = 0;
    for (const src of sources) cap += src.text.length / 8 + 64;
    cap = Math.ceil(cap);
    this.kind = new Uint8Array(cap);
    this.vstart = new Int32Array(cap);
    this.vend = new Int32Array(cap);
    this.lineNo = new Int32Array(cap);
    this.fileNo = new Uint16Array(cap);
    this.owner = new Int32Array(cap);
    sources.forEach((src, f) => this.scan(src.text, src.file, f));
    if (this.runs.length && this.runs[this.runs.length - 1] === -1) this.runs[this.runs.length - 1] = this.length;
  }

  private push(kind: number, vs: number, ve: number, line: number, file: number): void {
    if (this.length === this.kind.length) {
      const grow = <T extends Uint8Array | Int32Array | Uint16Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.kind = grow(this.kind);
      this.vstart = grow(this.vstart);
      this.vend = grow(this.vend);
      this.lineNo = grow(this.lineNo);
      this.fileNo = grow(this.fileNo);
      this.owner = grow(this.owner);
    }
    const i = this.length++;
    // Sections are the runs of fields; a run's name is the entry before it (the script's
    // find_starting_index), or its own first field when it opens the list.
    const runs = this.runs as number[];
    const open = runs.length > 0 && runs[runs.length - 1] === -1;
    if (kind === 0) {
      if (open) runs[runs.length - 1] = i;
      this.owner[i] = -1;
    } else if (!open) {
      runs.push(i === 0 ? 0 : i - 1, i, -1);
      this.owner[i] = i === 0 ? -1 : runs.length / 3 - 1;
    } else this.owner[i] = runs.length / 3 - 1;
    this.kind[i] = kind;
    this.vstart[i] = vs;
    this.vend[i] = ve;
    this.lineNo[i] = line;
    this.fileNo[i] = file;
  }

  private scan(text: string, file: string, f: number): void {
    const len = text.length;
    let at = 0;
    let line = 0;
    while (at < len) {
      let nl = text.indexOf('\n', at);
      if (nl < 0) nl = len;
      line++;
      let end = nl;
      if (end > at && text.charCodeAt(end - 1) === 13) end--;
      const c0 = text.charCodeAt(at);
      // The script's /^([A-Z]):\s*(.*)/ and its skipping of blank and '#' lines.
      if (c0 >= 65 && c0 <= 90 && text.charCodeAt(at + 1) === 58 && at + 1 < end) {
        let vs = at + 2;
        for (let c = text.charCodeAt(vs); vs < end && (c === 9 || c === 32 || isBlank(c)); c = text.charCodeAt(++vs));
        if (KNOWN_CODE[c0] === 0) this.warnings.push({ file, line, message: `unknown field letter '${text[at]}:' (skipped)` });
        else if (vs === end) this.warnings.push({ file, line, message: `'${text[at]}:' has no value (skipped)` });
        else if ((c0 === 77 || c0 === 82 || c0 === 76) && !hasAt(text, vs, end)) {
          this.warnings.push({ file, line, message: `'${text[at]}:' has no e-mail address: ${text.slice(vs, end)} (skipped)` });
        } else {
          const i = this.length;
          this.push(c0, vs, end, line, f);
          const sec = this.owner[i]!;
          if (c0 === 70 && sec >= 0) {
            META_G.lastIndex = vs;
            const m = META_G.exec(text);
            const prefix = text.slice(vs, m && m.index < end ? m.index : end);
            const list = this.prefixMap.get(prefix);
            if (!list) this.prefixMap.set(prefix, [sec]);
            else if (list[list.length - 1] !== sec) list.push(sec);
          } else if (c0 === 78 && sec >= 0) this.nFields.push({ index: i, section: sec });
          else if (c0 === 75) this.kLines.push(i);
        }
      } else {
        let s = at;
        while (s < end && isBlank(text.charCodeAt(s))) s++;
        if (s < end && text.charCodeAt(s) !== 35) this.push(0, at, end, line, f);
      }
      at = nl + 1;
    }
  }

  /** Everything the scan produced, for the parse cache (src/maintainers/cache.ts). */
  snapshot(): TypeValuesSnapshot {
    const n = this.length;
    return {
      length: n,
      kind: this.kind.slice(0, n),
      vstart: this.vstart.slice(0, n),
      vend: this.vend.slice(0, n),
      lineNo: this.lineNo.slice(0, n),
      fileNo: this.fileNo.slice(0, n),
      owner: this.owner.slice(0, n),
      runs: Array.from(this.runs),
      byPrefix: this.byPrefix.entries(),
      nFields: this.nFields,
      kLines: this.kLines,
      warnings: this.warnings,
    };
  }

  isField(i: number): boolean {
    return this.kind[i] !== 0;
  }

  /** The field letter at i, or '' for a text line. */
  typeAt(i: number): string {
    const k = this.kind[i]!;
    return k ? String.fromCharCode(k) : '';
  }

  lineOf(i: number): number {
    return this.lineNo[i]!;
  }

  fileOf(i: number): string {
    return this.sources[this.fileNo[i]!]!.file;
  }

  /** The raw value (field) or line (text) at i, without making the entry. */
  valueAt(i: number): string {
    return this.sources[this.fileNo[i]!]!.text.slice(this.vstart[i], this.vend[i]);
  }

  /** The field letter's code at i, 0 for a text line. */
  kindAt(i: number): number {
    return this.kind[i]!;
  }

  entry(i: number): TypeValue {
    let e = this.cache[i];
    if (!e) {
      const k = this.kind[i]!;
      const value = this.valueAt(i);
      if (k) {
        const f = new FieldEntry(String.fromCharCode(k), value, this.lineNo[i]!);
        if (k === 70 || k === 88) f.prefix = literalPrefix(value);
        e = f as unknown as TypeValue;
      } else e = { text: value, line: this.lineNo[i]!, file: this.fileOf(i) };
      this.cache[i] = e;
    }
    return e;
  }
}

export interface ParsedFile {
  typevalue: TypeValues;
  warnings: Warning[];
  /** The scan cache's key for the file, when it has an entry (src/maintainers/answers.ts keeps answers under it). */
  cacheKey?: string;
}

/**
 * Read MAINTAINERS texts into one typevalue list. Malformed lines (an
 * unknown letter, a field without a value, an M:/R:/L: without an address)
 * become warnings and are left out, so one bad line cannot break the rest.
 */
export function parseMaintainersTexts(sources: { text: string; file: string }[], snapshot?: LoadedScan): ParsedFile {
  const typevalue = new TypeValues(sources, snapshot);
  return { typevalue, warnings: typevalue.warnings };
}

export function parseMaintainersText(text: string, file = 'MAINTAINERS'): ParsedFile {
  return parseMaintainersTexts([{ text, file }]);
}

export function findStartingIndex(tv: TypeValues, index0: number): number {
  let index = index0;
  while (index > 0) {
    if (!tv.isField(index)) break;
    index--;
  }
  return index;
}

export function findEndingIndex(tv: TypeValues, index0: number): number {
  let index = index0;
  while (index < tv.length) {
    if (!tv.isField(index)) break;
    index++;
  }
  return index;
}
