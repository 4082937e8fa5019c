/**
 * MAINTAINERS as get_maintainer.pl reads it. The script keeps one flat list
 * ("typevalue"): every "X: value" line as a field, every other non-blank,
 * non-'#' line as text; a section is a run of fields and its name is the
 * text line just before the run. We keep the same list (so that index
 * arithmetic, ties and odd files behave as in the script) plus line numbers
 * and a friendlier per-section view for the rest of patchpilot.
 */

/** The letters the file's own header documents. */
export const FIELD_LETTERS = ['M', 'R', 'L', 'S', 'W', 'Q', 'B', 'C', 'P', 'T', 'F', 'X', 'N', 'K'] as const;
export type FieldLetter = (typeof FIELD_LETTERS)[number];

export interface Field {
  type: string;
  /** The value as written (after "X:" and whitespace). */
  value: string;
  /** 1-based line in the file. */
  line: number;
  /** F:/X: only: the value turned into the script's regex (without the directory slash); see patternOf. */
  pattern?: string;
  /** F:/X: only: the literal text every matching path starts with. */
  prefix?: string;
}

/** One entry of the script's list: a field (which is its own entry), or a non-field line. */
export interface TypeValue {
  /** A field, or the raw text of a non-field line (a section name, usually). */
  field?: Field;
  text?: string;
  line: number;
  /** The file, on non-field lines (section names). */
  file?: string;
}

/** F:/X: value as the script's regex, computed on first use. */
export function patternOf(field: Field): string {
  return (field.pattern ??= filePatternToRegex(field.value));
}

/** One section; its views are computed on first use (most sections are never looked at). */
export class Section {
  private _entries?: Field[];
  private _fields?: Record<string, string[]>;
  constructor(
    private readonly tv: TypeValue[],
    /** Index of the name in the typevalue list; fields are start+1 .. end-1. */
    readonly start: number,
    readonly end: number,
    /** The first field's index: the script's key for the section. */
    readonly key: number,
  ) {}

  /** The section's name: the text line before its fields. */
  get name(): string {
    const head = this.tv[this.start]!;
    return head.field ? `${head.field.type}:${head.field.type === 'F' || head.field.type === 'X' ? patternOf(head.field) : head.field.value}` : (head.text ?? '');
  }

  /** 1-based line of the name in its file. */
  get line(): number {
    return this.tv[this.start]!.line;
  }

  get file(): string {
    return this.tv[this.start]!.file ?? 'MAINTAINERS';
  }

  /** Every field in file order, with line numbers. */
  get entries(): Field[] {
    if (!this._entries) {
      const out: Field[] = [];
      for (let i = this.start + 1; i < this.end; i++) {
        const f = this.tv[i]!.field;
        if (f) out.push(f);
      }
      this._entries = out;
    }
    return this._entries;
  }

  /** Values by letter in file order; every documented letter is present. */
  get fields(): Record<string, string[]> {
    if (!this._fields) {
      const fields: Record<string, string[]> = {};
      for (const l of FIELD_LETTERS) fields[l] = [];
      for (const f of this.entries) (fields[f.type] ??= []).push(f.value);
      this._fields = fields;
    }
    return this._fields;
  }

  get M(): string[] { return this.fields.M!; }
  get R(): string[] { return this.fields.R!; }
  get L(): string[] { return this.fields.L!; }
  get S(): string[] { return this.fields.S!; }
  get W(): string[] { return this.fields.W!; }
  get Q(): string[] { return this.fields.Q!; }
  get B(): string[] { return this.fields.B!; }
  get C(): string[] { return this.fields.C!; }
  get P(): string[] { return this.fields.P!; }
  get T(): string[] { return this.fields.T!; }
  get F(): string[] { return this.fields.F!; }
  get X(): string[] { return this.fields.X!; }
  get N(): string[] { return this.fields.N!; }
  get K(): string[] { return this.fields.K!; }

  toJSON() {
    return { name: this.name, file: this.file, line: this.line, fields: this.fields, entries: this.entries.map((f) => ({ type: f.type, value: f.value, line: f.line })) };
  }
}

export interface Warning {
  file: string;
  line: number;
  message: string;
}

/** F:/X: value to the script's regex: only '.', '*' and '?' are translated. */
export function filePatternToRegex(value: string): string {
  return value.replace(/\./g, '\\.').replace(/\*/g, '.*').replace(/\?/g, '.');
}

/** Characters after which a pattern's text is no longer a literal prefix ('.' stays literal). */
const META = /[*?[\]{}()+^$|\\]/;

export function literalPrefix(value: string): string {
  const m = META.exec(value);
  return m ? value.slice(0, m.index) : value;
}

const KNOWN = new Set<string>(FIELD_LETTERS);

export interface ParsedFile {
  typevalue: TypeValue[];
  warnings: Warning[];
}

/**
 * Read one MAINTAINERS text into typevalue entries. Malformed lines (an
 * unknown letter, a field without a value, an M:/R:/L: without an address)
 * become warnings and are left out, so one bad line cannot break the rest.
 */
export function parseMaintainersText(text: string, file = 'MAINTAINERS'): ParsedFile {
  const typevalue: TypeValue[] = [];
  const warnings: Warning[] = [];
  const lines = text.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const n = i + 1;
    const c0 = line.charCodeAt(0);
    // The script's /^([A-Z]):\s*(.*)/, without a regex per line (the file has 25,000 of them).
    if (c0 >= 65 && c0 <= 90 && line.charCodeAt(1) === 58) {
      const type = line[0]!;
      const value = line.slice(2).replace(/^\s+/, '');
      if (!KNOWN.has(type)) {
        warnings.push({ file, line: n, message: `unknown field letter '${type}:' (skipped)` });
        continue;
      }
      if (!value.trim()) {
        warnings.push({ file, line: n, message: `'${type}:' has no value (skipped)` });
        continue;
      }
      if ((type === 'M' || type === 'R' || type === 'L') && !value.includes('@')) {
        warnings.push({ file, line: n, message: `'${type}:' has no e-mail address: ${value} (skipped)` });
        continue;
      }
      // The field is its own typevalue entry (one object per line: this file has 20,000 of them).
      const field = { type, value, line: n } as Field & TypeValue;
      if (type === 'F' || type === 'X') field.prefix = literalPrefix(value);
      // Not enumerable: fields are serialised (evidence, --json) and must not be circular.
      Object.defineProperty(field, 'field', { value: field });
      typevalue.push(field);
    } else {
      const t = line.trimStart();
      if (t !== '' && !t.startsWith('#')) typevalue.push({ text: line, line: n, file });
    }
  }
  return { typevalue, warnings };
}

export function findStartingIndex(tv: TypeValue[], index0: number): number {
  let index = index0;
  while (index > 0) {
    if (!tv[index]!.field) break;
    index--;
  }
  return index;
}

export function findEndingIndex(tv: TypeValue[], index0: number): number {
  let index = index0;
  while (index < tv.length) {
    if (!tv[index]!.field) break;
    index++;
  }
  return index;
}

/**
 * The sections in the order the script visits them (its loop from
 * find_first_section, stepping to end + 1), each keyed by its first field.
 */
export function buildSections(tv: TypeValue[]): Section[] {
  const out: Section[] = [];
  let tvi = 0;
  while (tvi < tv.length && !tv[tvi]!.field) tvi++;
  while (tvi < tv.length) {
    const start = findStartingIndex(tv, tvi);
    const end = findEndingIndex(tv, tvi);
    if (end > tvi && tv[tvi]!.field) out.push(new Section(tv, start, end, tvi));
    tvi = end + 1;
  }
  return out;
}
