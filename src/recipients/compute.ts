/**
 * Who receives the series (docs/rules.md, Recipients), each recipient with its reasons.
 * To: the M: maintainers of the sections matching the series (get_maintainer.pl's
 * rules: files and K: keywords, most specific first, the chief penguin left out);
 * Cc: their R: reviewers and L: lists (moderated ones too, subscriber-only ones
 * not), and the people named in the commits' trailers. The submitter is left out;
 * people are compared after .mailmap. The submitter's own choices (state) and the
 * people acceptance items wait for are applied last. A plain function of its
 * inputs: no git, so the TUI can call it on every change.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cleanName, formatHeaderMailbox, parseMailbox } from '../mail/address.js';
import { UsageError } from '../errors.js';
import type { Mailmap } from '../mail/mailmap.js';
import type { MaintainersDb, Section } from '../maintainers/db.js';
import { parseEmail } from '../maintainers/email.js';
import { statusRole } from '../maintainers/engine.js';
import { cleanFileEmails, FILE_EMAIL_RE } from '../maintainers/file-emails.js';
import { matchFile } from '../maintainers/match.js';
import { keywordsOf, scanPatch } from '../maintainers/patch.js';
import type { Commit, Series } from '../series/read.js';
import type { AddedRecipient, BranchState } from '../store/state.js';
import { isPersonKey, canonicalKey } from '../trailers/parse.js';

export type SourceKind = 'maintainer' | 'reviewer' | 'list' | 'trailer' | 'profile' | 'manual' | 'cover';

export interface RecipientSource {
  kind: SourceKind;
  /** MAINTAINERS section (maintainer, reviewer, list). */
  section?: string;
  /** get_maintainer.pl's role ("maintainer", "supporter", "odd fixer", "reviewer", "open list", "moderated list", "in file"), or the acceptance item id (profile). */
  role?: string;
  /** Trailer key (trailer). */
  trailer?: string;
  /** Commits (full shas) whose trailers or files brought the person in. */
  commits?: string[];
}

export interface Recipient {
  name: string;
  email: string;
  /** RFC 5322 mailbox for a header. */
  address: string;
  sources: RecipientSource[];
  /** Set when the submitter dropped this address but a profile item needs the person: why it stays. */
  keptBecause?: string;
}

export interface Recipients {
  to: Recipient[];
  cc: Recipient[];
  dropped: Recipient[];
  perPatch?: { sha: string; to: Recipient[]; cc: Recipient[] }[];
}

/** Someone an acceptance item waits for (source kind 'profile', reason = item id). */
export interface ProfilePerson {
  name: string;
  email: string;
  item: string;
  field?: 'to' | 'cc';
}

export interface RecipientInput {
  series: Pick<Series, 'commits' | 'submitter'>;
  state: Pick<BranchState, 'recipients'>;
  maintainers: MaintainersDb;
  mailmap: Mailmap;
  profile?: ProfilePerson[];
  /** Overrides state.recipients.mode. */
  mode?: 'series' | 'per-patch';
  /** The To:/Cc: lines of b4's cover letter (role "b4 cover"). */
  cover?: { name: string; email: string; field: 'to' | 'cc' }[];
}

const CHIEF_PENGUIN = 'torvalds@linux-foundation.org';

/** "Name <addr> (comment)" from MAINTAINERS into a plain name and address. */
function person(value: string): { name: string; email: string } | null {
  const [quoted, email] = parseEmail(value);
  if (!email) return null;
  let name = quoted;
  if (name.startsWith('"') && name.endsWith('"')) name = name.slice(1, -1).replace(/\\"/g, '"');
  return { name, email };
}

class Collector {
  private byKey = new Map<string, { r: Recipient; field: 'to' | 'cc'; order: number }>();
  private n = 0;
  constructor(private readonly mailmap: Mailmap) {}

  add(p: { name: string; email: string }, field: 'to' | 'cc', source: RecipientSource): void {
    const mapped = this.mailmap.map(p);
    const key = mapped.email.toLowerCase();
    let e = this.byKey.get(key);
    if (!e) {
      // Names come from other people's files: a control character in one must not reach a header or a terminal.
      const name = cleanName(mapped.name || p.name);
      e = { r: { name, email: mapped.email, address: formatHeaderMailbox(name, mapped.email), sources: [] }, field, order: this.n++ };
      this.byKey.set(key, e);
    } else if (field === 'to') e.field = 'to';
    if (!e.r.name && mapped.name) {
      e.r.name = cleanName(mapped.name);
      e.r.address = formatHeaderMailbox(e.r.name, e.r.email);
    }
    const same = e.r.sources.find((s) => s.kind === source.kind && s.section === source.section && s.role === source.role && s.trailer === source.trailer);
    if (same) {
      if (source.commits) same.commits = [...new Set([...(same.commits ?? []), ...source.commits])];
    } else e.r.sources.push({ ...source, ...(source.commits ? { commits: [...source.commits] } : {}) });
  }

  entries() {
    return [...this.byKey.entries()].sort((a, b) => a[1].order - b[1].order);
  }
}

/** The series' files as get_maintainer.pl would list them from the patches (both names of a rename). */
function commitFiles(c: Commit): string[] {
  const out: string[] = [];
  for (const f of c.files) {
    if (f.oldPath) out.push(f.oldPath);
    if (f.path) out.push(f.path);
  }
  return out;
}

/** A format-patch-like text for K: matching: headers, message, a diffstat, the diff. */
function patchText(c: Commit): string {
  const stat = c.files
    .map((f) => ` ${f.path} | ${f.additions + f.deletions} ${'+'.repeat(Math.min(f.additions, 1))}${'-'.repeat(Math.min(f.deletions, 1))}`)
    .join('\n');
  return `From: ${c.author.name} <${c.author.email}>\nSubject: [PATCH] ${c.subject}\n\n${c.message.split('\n').slice(1).join('\n').replace(/^\n+/, '')}\n---\n${stat}\n\n${c.patch}`;
}

function yamlPeople(db: MaintainersDb, file: string): { name: string; email: string }[] {
  if (!/\.yaml$/.test(file) || /\bMAINTAINERS$/.test(file)) return [];
  try {
    const full = join(db.root, file);
    if (!statSync(full).isFile()) return [];
    const text = readFileSync(full, 'utf8');
    const found = text.match(FILE_EMAIL_RE) ?? [];
    return cleanFileEmails(found, true)
      .map(person)
      .filter((p): p is { name: string; email: string } => p !== null);
  } catch {
    return [];
  }
}

/** Maintainers, reviewers, lists and trailer people of some commits. */
function collect(commits: Commit[], db: MaintainersDb, col: Collector): void {
  const keywords = keywordsOf(db);
  const fileCommits = new Map<string, string[]>();
  const keywordCommits = new Map<number, string[]>();
  for (const c of commits) {
    for (const f of commitFiles(c)) fileCommits.set(f, [...(fileCommits.get(f) ?? []), c.sha]);
    for (const k of scanPatch(patchText(c), keywords, { keywords: true, fixes: false }).keywords) {
      const list = keywordCommits.get(k) ?? [];
      if (!list.includes(c.sha)) list.push(c.sha);
      keywordCommits.set(k, list);
    }
  }
  const addSection = (s: Section, shas: string[]) => {
    const base = { section: s.name, commits: shas };
    for (const f of s.entries) {
      if (f.type === 'M') {
        const p = person(f.value);
        if (p && p.email.toLowerCase() !== CHIEF_PENGUIN) col.add(p, 'to', { kind: 'maintainer', role: statusRole(s.S), ...base });
      } else if (f.type === 'R') {
        const p = person(f.value);
        if (p) col.add(p, 'cc', { kind: 'reviewer', role: 'reviewer', ...base });
      } else if (f.type === 'L') {
        const m = /([^\s]+)\s+(.*)$/.exec(f.value);
        const address = m ? m[1]! : f.value;
        const extra = m ? m[2]! : '';
        if (/subscribers-only/.test(extra)) continue;
        col.add({ name: '', email: address }, 'cc', { kind: 'list', role: /moderated/.test(extra) ? 'moderated list' : 'open list', ...base });
      }
    }
  };
  for (const file of [...fileCommits.keys()].sort()) {
    const shas = fileCommits.get(file)!;
    for (const m of matchFile(db, file).matches) addSection(m.section, shas);
    for (const p of yamlPeople(db, file)) col.add(p, 'to', { kind: 'maintainer', role: 'in file', section: file, commits: shas });
  }
  for (const k of [...keywordCommits.keys()].map(String).sort()) addSection(db.sectionAt(Number(k)), keywordCommits.get(Number(k))!);
  for (const c of commits) {
    for (const t of c.trailers) {
      if (!t.email || !isPersonKey(t.key)) continue;
      col.add({ name: t.name ?? '', email: t.email }, 'cc', { kind: 'trailer', trailer: canonicalKey(t.key) ?? t.key, commits: [c.sha] });
    }
  }
}

function finish(col: Collector, input: RecipientInput): { to: Recipient[]; cc: Recipient[]; dropped: Recipient[] } {
  const { mailmap } = input;
  for (const a of input.state.recipients.added) col.add({ name: a.name, email: a.email }, a.field, { kind: 'manual' });
  for (const c of input.cover ?? []) col.add({ name: c.name, email: c.email }, c.field, { kind: 'cover', role: 'b4 cover' });
  for (const p of input.profile ?? []) col.add({ name: p.name, email: p.email }, p.field ?? 'cc', { kind: 'profile', role: p.item });
  const dropped = new Set(input.state.recipients.dropped.map((d) => mailmap.canonicalEmail(d)));
  const submitter = input.series.submitter ? mailmap.canonicalEmail(input.series.submitter) : undefined;
  const out = { to: [] as Recipient[], cc: [] as Recipient[], dropped: [] as Recipient[] };
  let submitterMaintains = false;
  for (const [key, e] of col.entries()) {
    if (key === submitter || mailmap.canonicalEmail(e.r.email) === submitter) {
      submitterMaintains ||= e.r.sources.some((s) => s.kind === 'maintainer');
      continue;
    }
    if (dropped.has(key) || dropped.has(e.r.email.toLowerCase())) {
      const items = e.r.sources.filter((s) => s.kind === 'profile').map((s) => s.role);
      if (!items.length) {
        out.dropped.push(e.r);
        continue;
      }
      e.r.keptBecause = `dropped by you, but acceptance item${items.length > 1 ? 's' : ''} ${items.join(', ')} need${items.length > 1 ? '' : 's'} this person`;
    }
    out[e.field].push(e.r);
  }
  // The submitter is the only maintainer: the lists go on To:, as b4 moves Cc to an empty To.
  if (!out.to.length && submitterMaintains) {
    const lists = out.cc.filter((r) => r.sources.some((s) => s.kind === 'list'));
    out.to = lists;
    out.cc = out.cc.filter((r) => !lists.includes(r));
  }
  return out;
}

/** The series' recipients; with per-patch mode also each patch's own (the cover letter gets the union). */
export function computeRecipients(input: RecipientInput): Recipients {
  const col = new Collector(input.mailmap);
  collect(input.series.commits, input.maintainers, col);
  const result: Recipients = finish(col, input);
  const mode = input.mode ?? input.state.recipients.mode;
  if (mode === 'per-patch') {
    result.perPatch = input.series.commits.map((c) => {
      const one = new Collector(input.mailmap);
      collect([c], input.maintainers, one);
      const r = finish(one, input);
      return { sha: c.sha, to: r.to, cc: r.cc };
    });
  }
  return result;
}

/** Validate a mailbox the submitter typed: one RFC 5322 mailbox, no line breaks. */
export function validateRecipient(input: string): { name: string; email: string; address: string } {
  if (/[\r\n]/.test(input)) throw new UsageError(`recipient ${JSON.stringify(input)} contains a line break`);
  const parsed = parseMailbox(input);
  if (!parsed.ok) throw new UsageError(`recipient ${JSON.stringify(input)} ${parsed.error}; give one address such as "Jane Doe <jane@example.org>"`);
  if (/[,;]/.test(parsed.email) || /[<>]/.test(parsed.name)) throw new UsageError(`recipient ${JSON.stringify(input)} is not one mailbox`);
  if (input.split('@').length > 2 && !/^".*"\s*</.test(input.trim()))
    throw new UsageError(`recipient ${JSON.stringify(input)} is not one mailbox (more than one address?)`);
  return { name: parsed.name, email: parsed.email, address: formatHeaderMailbox(parsed.name, parsed.email) };
}

/** Add a recipient to the branch state (removing it from the dropped list). Returns what was stored. */
export function addRecipient(state: Pick<BranchState, 'recipients'>, input: string, field: 'to' | 'cc' = 'cc'): AddedRecipient {
  const v = validateRecipient(input);
  const email = v.email.toLowerCase();
  const rec: AddedRecipient = { address: v.address, name: v.name, email: v.email, field };
  state.recipients.added = state.recipients.added.filter((a) => a.email.toLowerCase() !== email);
  state.recipients.added.push(rec);
  state.recipients.dropped = state.recipients.dropped.filter((d) => d !== email);
  return rec;
}

/**
 * Drop a recipient (by mailbox or bare address): it stays dropped when the list is recomputed. Someone you
 * added stays in your additions, so the list can show them as dropped and undropping brings them back as added.
 */
export function dropRecipient(state: Pick<BranchState, 'recipients'>, input: string): string {
  const trimmed = input.trim();
  let email: string;
  try {
    email = validateRecipient(trimmed.includes('<') ? trimmed : `<${trimmed}>`).email.toLowerCase();
  } catch (e) {
    // An address export refuses to send to (from MAINTAINERS, .mailmap or a trailer: bob@localhost, a local part
    // starting with '-') must still be droppable: that is how the user gets rid of it.
    const literal = /^(?:[^<>]*<)?([^\s<>,;]+@[^\s<>,;@]+)>?$/.exec(trimmed)?.[1];
    if (!literal || /[\u0000-\u001f\u007f-\u009f]/.test(trimmed)) throw e;
    email = literal.toLowerCase();
  }
  if (!state.recipients.dropped.includes(email)) state.recipients.dropped.push(email);
  return email;
}

/** Undo a drop without adding anyone (someone you had added comes back as added). False when the address was not dropped. */
export function undropRecipient(state: Pick<BranchState, 'recipients'>, email: string): boolean {
  const e = (/<([^<>]*)>\s*$/.exec(email.trim())?.[1] ?? email).trim().toLowerCase();
  const before = state.recipients.dropped.length;
  state.recipients.dropped = state.recipients.dropped.filter((d) => d !== e);
  return state.recipients.dropped.length < before;
}
