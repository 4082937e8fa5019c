/**
 * .mailmap as git reads it (gitmailmap(5), mailmap.c): the four line forms,
 * lines starting with '#' skipped, case-insensitive matching of e-mail and
 * name, later lines filling in or overriding earlier ones for the same key. Used wherever two
 * people must be compared (trailers, recipients, approvals). get_maintainer.pl
 * has its own, slightly different reading, which src/maintainers keeps for parity.
 */
import { join } from 'node:path';
import { readTreeText } from '../text/input-file.js';

export interface MailmapEntry {
  properName?: string;
  properEmail?: string;
  commitName?: string;
  commitEmail: string;
  line: number;
}

export interface Person {
  name: string;
  email: string;
}

/** Entries merged as git merges them: per (commit e-mail, commit name), later lines fill in or override. */
interface Merged {
  properName?: string;
  properEmail?: string;
}

export class Mailmap {
  /** lower-cased commit e-mail -> entry without a name, and entries by lower-cased commit name. */
  private byEmail = new Map<string, { any?: Merged; names: Map<string, Merged> }>();
  constructor(readonly entries: MailmapEntry[] = []) {
    for (const e of entries) {
      const k = e.commitEmail.toLowerCase();
      let slot = this.byEmail.get(k);
      if (!slot) this.byEmail.set(k, (slot = { names: new Map() }));
      let m: Merged | undefined;
      if (e.commitName !== undefined) {
        const n = e.commitName.toLowerCase();
        m = slot.names.get(n);
        if (!m) slot.names.set(n, (m = {}));
      } else m = slot.any ??= {};
      if (e.properName !== undefined) m.properName = e.properName;
      if (e.properEmail !== undefined) m.properEmail = e.properEmail;
    }
  }

  /** The canonical name and address for a person; unchanged when unmapped. */
  map(p: Person): Person {
    const slot = this.byEmail.get(p.email.toLowerCase());
    if (!slot) return p;
    // An entry naming the commit name is more specific than one that does not (git's map_user).
    const m = slot.names.get(p.name.toLowerCase()) ?? slot.any;
    if (!m) return p;
    return { name: m.properName ?? p.name, email: m.properEmail ?? p.email };
  }

  /** Canonical lower-cased address, for comparing people. */
  canonicalEmail(p: Person | string): string {
    const person = typeof p === 'string' ? { name: '', email: p } : p;
    return this.map(person).email.toLowerCase();
  }

  same(a: Person | string, b: Person | string): boolean {
    return this.canonicalEmail(a) === this.canonicalEmail(b);
  }
}

/** One "name <email>" group as git's parse_name_and_email reads it: the name trimmed, the e-mail as written. */
function group(text: string, from: number): { name: string; email: string; end: number } | null {
  const left = text.indexOf('<', from);
  if (left < 0) return null;
  const right = text.indexOf('>', left + 1);
  if (right < 0) return null;
  return { name: text.slice(from, left).trim(), email: text.slice(left + 1, right), end: right + 1 };
}

export function parseMailmap(text: string): Mailmap {
  const entries: MailmapEntry[] = [];
  text.split('\n').forEach((raw, i) => {
    // git skips a line only when it starts with '#'; anything after the last '>' is ignored anyway.
    const line = raw.replace(/\r$/, '');
    if (line.startsWith('#')) return;
    const first = group(line, 0);
    if (!first || !first.email) return;
    const second = group(line, first.end);
    if (!second) {
      entries.push({ properName: first.name || undefined, commitEmail: first.email, line: i + 1 });
    } else {
      entries.push({
        properName: first.name || undefined,
        properEmail: first.email || undefined,
        commitName: second.name || undefined,
        commitEmail: second.email,
        line: i + 1,
      });
    }
  });
  return new Mailmap(entries);
}

/** The tree's .mailmap, or an empty map when there is none. */
export function loadMailmap(root: string): Mailmap {
  try {
    return parseMailmap(readTreeText(join(root, '.mailmap'), '.mailmap') ?? '');
  } catch {
    return new Mailmap();
  }
}
