/**
 * get_maintainers() of scripts/get_maintainer.pl: for each file the matching
 * sections, deepest first, feed maintainers, reviewers and lists in field
 * order; keyword sections follow; then .mailmap and de-duplication, the chief
 * penguin, addresses found in .yaml files, and the signers of Fixes: commits.
 * The state and the order of operations mirror the script so that the
 * output (the lines and their roles) is the same.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { MaintainersDb } from './db.js';
import { formatEmail, mailmapEmail, parseEmail, type GmMailmap } from './email.js';
import { cleanFileEmails, FILE_EMAIL_RE } from './file-emails.js';
import { findSigners, lineStats, roundHalfEven, signatureValue } from './history.js';
import { effectivePattern, matchFile } from './match.js';
import type { GmOptions } from './options.js';
import { rfc822Valid, rfc822ValidList } from './rfc822.js';

export type Entry = [address: string, role: string];

export interface EngineInput {
  db: MaintainersDb;
  mailmap: GmMailmap;
  opts: GmOptions;
  /** Root-relative paths, in the script's order (sorted and unique for patches). */
  files: string[];
  /** typevalue indexes of matched K: lines. */
  keywordHits: number[];
  fixes: string[];
  /** Addresses of .get_maintainer.ignore. */
  ignore: string[];
  /** The signature lines ("Signed-off-by: ...") of a commit, or null when there is no repository. */
  commitSignatures?: (sha: string) => Promise<string[] | null>;
  /** The script's find_signers_cmd output for a file (git log --follow --since ... -- FILE), or null without a repository. */
  fileHistory?: (file: string) => Promise<string | null>;
}

export interface EngineResult {
  /** [address, role] pairs before merging, in output order. */
  entries: Entry[];
  scm: string[];
  status: string[];
  subsystem: string[];
  web: string[];
  bug: string[];
  /** --sections output, printed while matching. */
  sectionText: string[];
  /** Files for which the script would consult git history (--git-fallback). */
  fallbackFiles: string[];
  warnings: string[];
}

const PENGUIN_CHIEFS: [string, string][] = [['Linus Torvalds', 'torvalds@linux-foundation.org']];

function subsystemName(name: string): string {
  if (name.length > 50) return `${name.slice(0, 47).replace(/\s*$/, '')}...`;
  return name;
}

const STATUS_ROLE: Record<string, string> = {
  supported: 'supporter',
  maintained: 'maintainer',
  'odd fixes': 'odd fixer',
  orphan: 'orphan minder',
  obsolete: 'obsolete minder',
  'buried alive in reporters': 'chief penguin',
};

/** The role get_maintainer.pl gives a section's M: people, from its last S: line ("unknown" without one). */
export function statusRole(statusValues: string[]): string {
  const status = (statusValues.length ? statusValues[statusValues.length - 1]! : 'unknown').toLowerCase();
  return STATUS_ROLE[status] ?? status;
}

function maintainerRole(statusValues: string[], name: string): string {
  return `${statusRole(statusValues)}:${subsystemName(name)}`;
}

/** Back from regex to the file's spelling, for --sections (the script's own, lossy, undo). */
function restorePattern(line: string): string {
  return line
    .replace(/([^\\])\.([^*])/g, '$1?$2')
    .replace(/([^\\])\.$/, '$1?')
    .replace(/\\\./g, '.')
    .replace(/\.\*/g, '*');
}

export async function getMaintainers(input: EngineInput): Promise<EngineResult> {
  const { db, mailmap, opts } = input;
  const tv = db.typevalue;
  const emailTo: Entry[] = [];
  const listTo: Entry[] = [];
  const hashListTo = new Set<string>();
  const emailHashName = new Set<string>();
  const emailHashAddress = new Set<string>();
  const dedupName = new Map<string, [string, string]>();
  const dedupAddress = new Map<string, [string, string]>();
  const res: EngineResult = { entries: [], scm: [], status: [], subsystem: [], web: [], bug: [], sectionText: [], fallbackFiles: [], warnings: [] };
  const fileEmails: string[] = [];
  const exactMatch = new Set<string>();

  const emailInuse = (name: string, address: string): boolean =>
    (name === '' && address === '') ||
    (name !== '' && emailHashName.has(name.toLowerCase())) ||
    (address !== '' && emailHashAddress.has(address.toLowerCase()));

  const pushEmailAddress = (line: string, role: string): boolean => {
    const [name, address] = parseEmail(line);
    if (address === '') return false;
    if (!opts.removeDuplicates) emailTo.push([formatEmail(name, address, opts.n), role]);
    else if (!emailInuse(name, address)) {
      emailTo.push([formatEmail(name, address, opts.n), role]);
      if (name !== '') emailHashName.add(name.toLowerCase());
      emailHashAddress.add(address.toLowerCase());
    }
    return true;
  };

  const pushEmailAddresses = (value: string, role: string): void => {
    // Without a comma the value is one address or none, whatever the RFC 822 regexes say; skip them (they are slow to compile).
    if (!value.includes(',')) {
      if (!pushEmailAddress(value, role)) res.warnings.push(`Invalid MAINTAINERS address: '${value}'`);
      return;
    }
    if (rfc822Valid(value)) {
      pushEmailAddress(value, role);
      return;
    }
    const list = rfc822ValidList(value);
    if (list && list.length) {
      for (const entry of list) {
        if (!entry) break;
        pushEmailAddress(entry, role);
      }
      return;
    }
    if (!pushEmailAddress(value, role)) res.warnings.push(`Invalid MAINTAINERS address: '${value}'`);
  };

  const roleRegex = (role: string): RegExp | null => {
    try {
      return new RegExp(role);
    } catch {
      return null;
    }
  };

  const addRole = (line: string, role: string): void => {
    const [name, address] = parseEmail(line);
    const email = formatEmail(name, address, opts.n);
    const re = role === '' ? null : roleRegex(role);
    for (const entry of emailTo) {
      const hasRole = role !== '' && (re ? re.test(entry[1]) : entry[1].includes(role));
      const same = opts.removeDuplicates
        ? (() => {
            const [en, ea] = parseEmail(entry[0]);
            return name === en || address === ea;
          })()
        : email === entry[0];
      if (same && (role === '' || !hasRole)) entry[1] = entry[1] === '' ? role : `${entry[1]},${role}`;
    }
  };

  const deduplicateEmail = (email0: string): string => {
    let [name, address] = parseEmail(email0);
    let email = mailmapEmail(mailmap, formatEmail(name, address, true));
    if (!opts.removeDuplicates) return email;
    [name, address] = parseEmail(email);
    let matched = false;
    const byName = name !== '' ? dedupName.get(name.toLowerCase()) : undefined;
    if (byName) {
      [name, address] = byName;
      matched = true;
    } else {
      const byAddr = dedupAddress.get(address.toLowerCase());
      if (byAddr) {
        [name, address] = byAddr;
        matched = true;
      }
    }
    if (!matched) {
      dedupName.set(name.toLowerCase(), [name, address]);
      dedupAddress.set(address.toLowerCase(), [name, address]);
    }
    email = formatEmail(name, address, true);
    return mailmapEmail(mailmap, email);
  };

  const addCategories = (index: number, suffix: string): void => {
    const section = db.sectionAt(index);
    res.subsystem.push(section.name);
    for (const f of section.entries) {
      const v = f.value;
      if (f.type === 'L') {
        let listAddress = v;
        let additional = '';
        let listRole = section.name === 'THE REST' ? '' : subsystemName(section.name);
        if (listRole !== '') listRole = `:${listRole}`;
        const m = /([^\s]+)\s+(.*)$/.exec(v);
        if (m) {
          listAddress = m[1]!;
          additional = m[2]!;
        }
        const key = listAddress.toLowerCase();
        if (/subscribers-only/.test(additional)) {
          if (opts.s && !hashListTo.has(key)) {
            hashListTo.add(key);
            listTo.push([listAddress, `subscriber list${listRole}${suffix}`]);
          }
        } else if (opts.l && !hashListTo.has(key)) {
          if (/moderated/.test(additional)) {
            if (opts.moderated) {
              hashListTo.add(key);
              listTo.push([listAddress, `moderated list${listRole}${suffix}`]);
            }
          } else {
            hashListTo.add(key);
            listTo.push([listAddress, `open list${listRole}${suffix}`]);
          }
        }
      } else if (f.type === 'M') {
        if (opts.m) pushEmailAddresses(v, maintainerRole(section.S, section.name) + suffix);
      } else if (f.type === 'R') {
        if (opts.r) pushEmailAddresses(v, `reviewer:${subsystemName(section.name)}${suffix}`);
      } else if (f.type === 'T') res.scm.push(v + suffix);
      else if (f.type === 'W') res.web.push(v + suffix);
      else if (f.type === 'B') res.bug.push(v + suffix);
      else if (f.type === 'S') res.status.push(v + suffix);
    }
  };

  const printSection = (index: number): void => {
    const section = db.sectionAt(index);
    const lines: string[] = [section.name];
    for (const f of section.entries) {
      const value = f.type === 'F' || f.type === 'X' ? effectivePattern(db, f) : f.value;
      lines.push(`${f.type}:${value}`);
    }
    for (let line of lines) {
      if (/^[FX]:/.test(line)) line = restorePattern(line);
      const m = /^([A-Z]):/.exec(line);
      if (m) line = line.replace(/^([A-Z]):/, '$1:\t');
      if (opts.letters === '' || !m || opts.letters.toLowerCase().includes(m[1]!.toLowerCase())) res.sectionText.push(line);
    }
    res.sectionText.push('');
  };

  const maintainersInFile = (file: string): void => {
    if (/\bMAINTAINERS$/.test(file)) return;
    if (!(opts.fileEmails || /\.yaml$/.test(file))) return;
    const full = join(db.root, file);
    let text: string;
    try {
      if (!statSync(full).isFile()) return;
      text = readFileSync(full, 'utf8');
    } catch {
      return;
    }
    fileEmails.push(...cleanFileEmails(text.match(FILE_EMAIL_RE) ?? [], opts.n));
  };

  for (const file of input.files) {
    const fm = matchFile(db, file, opts.patternDepth);
    if (fm.exact) exactMatch.add(file);
    for (const m of fm.matches) {
      addCategories(m.section.key, '');
      if (opts.sections) printSection(m.section.key);
    }
    maintainersInFile(file);
  }

  if (opts.keywords) {
    const hits = [...new Set(input.keywordHits.map(String))].sort();
    for (const h of hits) {
      const i = Number(h);
      addCategories(i, `:Keyword:${tv.entry(i).field!.value}`);
    }
  }

  for (const e of [...emailTo, ...listTo]) e[0] = deduplicateEmail(e[0]);

  // Each file's history is asked for at once (git runs them side by side); the answers are used in file order.
  const histories = input.files.map((file) => {
    if (!(opts.email && (opts.git || (opts.gitFallback && !/MAINTAINERS$/.test(file) && !exactMatch.has(file))))) return undefined;
    const out = input.fileHistory ? input.fileHistory(file) : Promise.resolve(null);
    out.catch(() => {});
    return { file, out };
  });
  for (const h of histories) {
    if (!h) continue;
    res.fallbackFiles.push(h.file);
    const out = await h.out;
    if (out !== null) fileSignoffs(h.file, out);
  }

  /** vcs_file_signoffs(). */
  function fileSignoffs(file: string, output: string): void {
    const scan = findSigners(output, file, opts.gitAllSignatureTypes, opts.gitChiefPenguins);
    // With no signature the script returns the raw "GitAuthor:" lines unformatted, and uses them so.
    const format = scan.signatures.length > 0;
    const signers = scan.signatures.map((l) => deduplicateEmail(signatureValue(l))).map((l) => deduplicateEmail(l));
    const authors = format ? scan.authors.map((l) => deduplicateEmail(signatureValue(l))) : scan.authors;
    vcsAssign('commit_signer', scan.commits, signers);
    vcsAssign('authored', scan.commits, authors);
    if (authors.length === scan.stats.length) {
      const st = lineStats(file, authors, scan.stats, deduplicateEmail);
      vcsAssign('added_lines', st.added, st.listAdded);
      vcsAssign('removed_lines', st.deleted, st.listDeleted);
    }
  }

  if (opts.email) {
    for (const [cname, caddr] of PENGUIN_CHIEFS) {
      const address = formatEmail(cname, caddr, opts.n);
      if (opts.gitChiefPenguins) emailTo.push([address, 'chief penguin']);
      else {
        const re = new RegExp(address);
        for (let i = emailTo.length - 1; i >= 0; i--) if (re.test(emailTo[i]![0])) emailTo.splice(i, 1);
      }
    }
    for (const fe of fileEmails) {
      const mapped = mailmapEmail(mailmap, fe);
      const [name, address] = parseEmail(mapped);
      const tmp = formatEmail(name, address, opts.n);
      pushEmailAddress(tmp, '');
      addRole(tmp, 'in file');
    }
  }

  for (const fix of [...new Set(input.fixes)]) {
    const sigs = input.commitSignatures ? await input.commitSignatures(fix) : null;
    if (!sigs || !sigs.length) continue;
    let signers = sigs.filter((l) => opts.gitChiefPenguins || !/(Linus Torvalds)/i.test(l));
    signers = signers.map((l) => deduplicateEmail(signatureValue(l)));
    signers = signers.map((s) => deduplicateEmail(s));
    vcsAssign('blamed_fixes', 1, signers);
  }

  function vcsAssign(role: string, divisor0: number, lines0: string[]): void {
    if (!lines0.length) return;
    let divisor = divisor0;
    if (divisor <= 0) {
      res.warnings.push(`Bad divisor in main::vcs_assign: ${divisor}`);
      divisor = 1;
    }
    const lines = lines0.map((l) => mailmapEmail(mailmap, l)).sort();
    const counts = new Map<string, number>();
    for (const l of lines) counts.set(l, (counts.get(l) ?? 0) + 1);
    // Perl's hash order breaks ties between equal counts; sorted order is one of its orders.
    const keys = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)!);
    let count = 0;
    for (const line of keys) {
      const signOffs = counts.get(line)!;
      let percent = (signOffs * 100) / divisor;
      if (percent > 100) percent = 100;
      if (input.ignore.includes(line)) continue;
      count++;
      if (signOffs < opts.gitMinSignatures || count > opts.gitMaxMaintainers || percent < opts.gitMinPercent) break;
      pushEmailAddress(line, '');
      if (opts.rolestats) addRole(line, `${role}:${signOffs}/${divisor}=${roundHalfEven(percent)}%`);
      else addRole(line, role);
    }
  }

  if (opts.email) res.entries.push(...emailTo);
  if (opts.l) res.entries.push(...listTo);
  return res;
}

/** merge_email(): the first line for each address wins; roles in parentheses when wanted. */
export function mergeEmail(entries: Entry[], roles: boolean): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const [address, role] of entries) {
    if (seen.has(address)) continue;
    seen.add(address);
    lines.push(roles ? `${address} (${role})` : address);
  }
  return lines;
}
