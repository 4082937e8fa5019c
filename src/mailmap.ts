/**
 * .mailmap as git reads it (gitmailmap(5)): the four line forms, '#'
 * comments, case-insensitive matching of e-mail and name. Used wherever two
 * people must be compared (trailers, recipients, approvals). get_maintainer.pl
 * has its own, slightly different reading, which src/maintainers keeps for parity.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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

export class Mailmap {
  private byEmail = new Map<string, MailmapEntry[]>();
  constructor(readonly entries: MailmapEntry[] = []) {
    for (const e of entries) {
      const k = e.commitEmail.toLowerCase();
      const list = this.byEmail.get(k) ?? [];
      list.push(e);
      this.byEmail.set(k, list);
    }
  }

  /** The canonical name and address for a person; unchanged when unmapped. */
  map(p: Person): Person {
    const list = this.byEmail.get(p.email.toLowerCase());
    if (!list) return p;
    // An entry naming the commit name is more specific than one that does not; later lines win ties.
    let best: MailmapEntry | undefined;
    for (const e of list) {
      if (e.commitName !== undefined) {
        if (e.commitName.toLowerCase() === p.name.toLowerCase()) best = e;
      } else if (!best || best.commitName === undefined) best = e;
    }
    if (!best) return p;
    return { name: best.properName ?? p.name, email: best.properEmail ?? p.email };
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

export function parseMailmap(text: string): Mailmap {
  const entries: MailmapEntry[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    // Up to two "name <email>" groups; names are whatever stands before each '<'.
    const re = /\s*([^<]*?)\s*<([^>]*)>/g;
    const parts: { name: string; email: string }[] = [];
    let m: RegExpExecArray | null;
    while ((m = re.exec(line)) && parts.length < 2) parts.push({ name: m[1]!, email: m[2]! });
    if (!parts.length) return;
    const [first, second] = parts as [{ name: string; email: string }, { name: string; email: string } | undefined];
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
    return parseMailmap(readFileSync(join(root, '.mailmap'), 'utf8'));
  } catch {
    return new Mailmap();
  }
}
