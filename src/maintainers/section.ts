/**
 * The fields and sections of MAINTAINERS as patchpilot reads them: a field
 * (letter, value, line), and a section over the script's typevalue list
 * (src/maintainers/parse.ts), whose views are made on first use.
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

/** What a section reads of the typevalue list (TypeValues in parse.ts). */
export interface SectionSource {
  isField(i: number): boolean;
  valueAt(i: number): string;
  entry(i: number): TypeValue;
  lineOf(i: number): number;
  fileOf(i: number): string;
}

/** One section; its views are computed on first use (most sections are never looked at). */
export class Section {
  private _entries?: Field[];
  private _fields?: Record<string, string[]>;
  constructor(
    private readonly tv: SectionSource,
    /** Index of the name in the typevalue list; fields are start+1 .. end-1. */
    readonly start: number,
    readonly end: number,
    /** The first field's index: the script's key for the section. */
    readonly key: number,
    /** Its position among the sections (MaintainersDb.sections). */
    readonly ordinal: number,
  ) {}

  /** The section's name: the text line before its fields. */
  get name(): string {
    // The usual head, a text line, without making its entry: byName reads the names of all 2,800 sections.
    if (!this.tv.isField(this.start)) return this.tv.valueAt(this.start);
    const head = this.tv.entry(this.start);
    return head.field
      ? `${head.field.type}:${head.field.type === 'F' || head.field.type === 'X' ? patternOf(head.field) : head.field.value}`
      : (head.text ?? '');
  }

  /** 1-based line of the name in its file. */
  get line(): number {
    return this.tv.lineOf(this.start);
  }

  get file(): string {
    return this.tv.fileOf(this.start);
  }

  /** Every field in file order, with line numbers. */
  get entries(): Field[] {
    if (!this._entries) {
      const out: Field[] = [];
      for (let i = this.start + 1; i < this.end; i++) {
        if (this.tv.isField(i)) out.push(this.tv.entry(i).field!);
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

  get M(): string[] {
    return this.fields.M!;
  }
  get R(): string[] {
    return this.fields.R!;
  }
  get L(): string[] {
    return this.fields.L!;
  }
  get S(): string[] {
    return this.fields.S!;
  }
  get W(): string[] {
    return this.fields.W!;
  }
  get Q(): string[] {
    return this.fields.Q!;
  }
  get B(): string[] {
    return this.fields.B!;
  }
  get C(): string[] {
    return this.fields.C!;
  }
  get P(): string[] {
    return this.fields.P!;
  }
  get T(): string[] {
    return this.fields.T!;
  }
  get F(): string[] {
    return this.fields.F!;
  }
  get X(): string[] {
    return this.fields.X!;
  }
  get N(): string[] {
    return this.fields.N!;
  }
  get K(): string[] {
    return this.fields.K!;
  }

  toJSON() {
    return {
      name: this.name,
      file: this.file,
      line: this.line,
      fields: this.fields,
      entries: this.entries.map((f) => ({ type: f.type, value: f.value, line: f.line })),
    };
  }
}

/** F:/X: value to the script's regex: only '.', '*' and '?' are translated. */
export function filePatternToRegex(value: string): string {
  return value.replace(/\./g, '\\.').replace(/\*/g, '.*').replace(/\?/g, '.');
}
