/**
 * Reading `git log -p` output into files with status and line counts.
 * parseHunks is parse-diff's reading of files and hunks (its rules, kept
 * line for line, test/unit/diff-parse.test.ts compares the two), reduced to
 * what is used here: it made no object per unchanged or deleted line and ran
 * two fewer regular expressions per line, which was 4 ms of `series` on a
 * kernel driver. We add what it leaves out: C-quoted paths, rename sources,
 * and binary files.
 */

export type FileStatus = 'A' | 'M' | 'D' | 'R' | 'C' | 'T';

export interface FileChange {
  path: string;
  oldPath?: string;
  status: FileStatus;
  additions: number;
  deletions: number;
  binary?: boolean;
}

export interface AddedLine {
  path: string;
  line: number;
  text: string;
}

export interface FileDiff extends FileChange {
  /** Added lines with their line numbers in the new file. */
  added: AddedLine[];
}

/** Undo git's C-style quoting of a path ("a/\303\251.c" -> "a/é.c"). */
export function unquotePath(p: string): string {
  if (!p.startsWith('"') || !p.endsWith('"')) return p;
  const body = p.slice(1, -1);
  const bytes: number[] = [];
  const esc: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '"': 34, '\\': 92 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const n = body[++i]!;
    if (/[0-7]/.test(n)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(esc[n] ?? n.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}

function stripPrefix(p: string | undefined): string | undefined {
  if (p === undefined || p === '/dev/null') return undefined;
  const u = unquotePath(p);
  return u.replace(/^[ab]\//, '');
}

/** Headers parse-diff does not interpret: renames, copies, binary markers. */
interface Extra {
  from?: string;
  to?: string;
  renameFrom?: string;
  renameTo?: string;
  copy?: boolean;
  binary?: boolean;
}

/** Paths from the "diff --git A B" line, which is the only name a binary or mode-only change has. */
function headerPaths(rest: string): Extra {
  if (rest.startsWith('"')) {
    const m = /^("(?:[^"\\]|\\.)*") (.*)$/.exec(rest);
    if (m) return { from: stripPrefix(m[1]), to: stripPrefix(m[2]) };
  }
  const half = (rest.length - 1) / 2;
  if (Number.isInteger(half) && rest.slice(2, half) === rest.slice(half + 3)) {
    const p = rest.slice(2, half);
    return { from: p, to: p };
  }
  return {};
}

function scanExtras(patch: string): Extra[] {
  const out: Extra[] = [];
  let cur: Extra | null = null;
  for (const line of patch.split('\n')) {
    if (line.startsWith('diff --git ')) {
      cur = headerPaths(line.slice(11));
      out.push(cur);
    } else if (!cur) continue;
    // git ends an unquoted name that contains a space with a tab (as GNU diff does).
    else if (line.startsWith('--- ')) cur.from = stripPrefix(line.slice(4).replace(/\t$/, ''));
    else if (line.startsWith('+++ ')) cur.to = stripPrefix(line.slice(4).replace(/\t$/, ''));
    else if (line.startsWith('rename from ')) cur.renameFrom = unquotePath(line.slice(12));
    else if (line.startsWith('rename to ')) cur.renameTo = unquotePath(line.slice(10));
    else if (line.startsWith('copy from ')) {
      cur.copy = true;
      cur.renameFrom = unquotePath(line.slice(10));
    } else if (line.startsWith('copy to ')) cur.renameTo = unquotePath(line.slice(8));
    else if (line.startsWith('Binary files ') || line === 'GIT binary patch') cur.binary = true;
    else if (line.startsWith('@@')) cur = null;
  }
  return out;
}

/** One file as parse-diff reads it: only what parsePatch uses. */
export interface HunkFile {
  from?: string;
  to?: string;
  new?: boolean;
  deleted?: boolean;
  additions: number;
  deletions: number;
  /** Added lines ('+' and its content) with their new line numbers; parse-diff also repeats the last change for "\ No newline". */
  adds: { ln: number; content: string }[];
}

const FILE_NAMES = /(a|i|w|c|o|1|2)\/.*(?=["']? ["']?(b|i|w|c|o|1|2)\/)|(b|i|w|c|o|1|2)\/.*$/g;
const HEADER_PREFIX = /^(a|b|i|w|c|o|1|2)\//;
const QUOTES = /^\\?['"]|\\?['"]$/g;
const TIME_STAMP = /\t.*|\d{4}-\d\d-\d\d\s\d\d:\d\d:\d\d(.\d+)?\s(\+|-)\d\d\d\d/;
const NO_NEWLINE = /^\\ No newline at end of file$/;
const HUNK = /^@@\s+-(\d+),?(\d+)?\s+\+(\d+),?(\d+)?\s@@/;
const INDEX = /^index\s[\da-zA-Z]+\.\.[\da-zA-Z]+(\s(\d+))?$/;

function namesOfDiffLine(line: string | undefined): [string | undefined, string | undefined] {
  const m = line?.match(FILE_NAMES)?.map((a) => a.replace(HEADER_PREFIX, '').replace(/("|')$/, ''));
  return [m?.[0], m?.[1]];
}

function nameOfFileLine(line: string): string {
  let s = line.replace(/^[-+]+/, '').trim();
  const t = TIME_STAMP.exec(s);
  if (t) s = s.substring(0, t.index).trim();
  return s.replace(QUOTES, '').replace(HEADER_PREFIX, '');
}

/** parse-diff's state machine (files, hunks, line numbers), keeping only the added lines. */
export function parseHunks(input: string): HunkFile[] {
  if (!input || /^\s+$/.test(input)) return [];
  const files: HunkFile[] = [];
  let file: HunkFile | null = null;
  let chunks = 0;
  let inHunk = false;
  let last: { type: 'add' | 'del' | 'normal'; ln: number } | null = null;
  let oldNo = 0;
  let newNo = 0;
  let left: { old: number; new: number } | null = null;
  const start = (line?: string) => {
    const [from, to] = namesOfDiffLine(line);
    file = { from, to, additions: 0, deletions: 0, adds: [] };
    files.push(file);
    chunks = 0;
    inHunk = false;
    last = null;
  };
  const current = (): HunkFile => {
    if (!file || chunks) start();
    return file!;
  };
  const noNewline = (line: string) => {
    if (!inHunk || !last) return;
    if (last.type === 'add') file!.adds.push({ ln: last.ln, content: line });
  };
  const count = (n: string | undefined) => +(n || 1);
  for (const line of input.split('\n')) {
    if (left) {
      if (NO_NEWLINE.test(line)) noNewline(line);
      else if (line.startsWith('-')) {
        last = { type: 'del', ln: oldNo++ };
        file!.deletions++;
        left.old--;
      } else if (line.startsWith('+')) {
        last = { type: 'add', ln: newNo++ };
        file!.adds.push({ ln: last.ln, content: line });
        file!.additions++;
        left.new--;
      } else {
        last = { type: 'normal', ln: 0 };
        oldNo++;
        newNo++;
        left.old--;
        left.new--;
      }
      if (left.old === 0 && left.new === 0) left = null;
      continue;
    }
    let m: RegExpMatchArray | null;
    if (/^diff\s/.test(line)) start(line);
    else if (/^new file mode (\d+)$/.test(line)) {
      const f = current();
      f.new = true;
      f.from = '/dev/null';
    } else if (/^deleted file mode (\d+)$/.test(line)) {
      const f = current();
      f.deleted = true;
      f.to = '/dev/null';
    } else if (/^old mode (\d+)$/.test(line) || /^new mode (\d+)$/.test(line) || INDEX.test(line)) current();
    else if (/^---\s/.test(line)) current().from = nameOfFileLine(line);
    else if (/^\+\+\+\s/.test(line)) current().to = nameOfFileLine(line);
    else if ((m = HUNK.exec(line))) {
      if (!file) start(line);
      oldNo = +m[1]!;
      newNo = +m[3]!;
      left = { old: count(m[2]), new: count(m[4]) };
      chunks++;
      inHunk = true;
      last = null;
    } else if (NO_NEWLINE.test(line)) noNewline(line);
  }
  return files;
}

export function parsePatch(patch: string): FileDiff[] {
  if (!patch.trim()) return [];
  const files = parseHunks(patch);
  const extras = scanExtras(patch);
  return files.map((f, i) => {
    const x = extras[i] ?? {};
    const to = x.renameTo ?? (f.to === '/dev/null' ? undefined : (x.to ?? stripPrefix(f.to)));
    const from = x.renameFrom ?? (f.from === '/dev/null' ? undefined : (x.from ?? stripPrefix(f.from)));
    let status: FileStatus = 'M';
    if (f.new) status = 'A';
    else if (f.deleted) status = 'D';
    else if (x.copy) status = 'C';
    else if (from && to && from !== to) status = 'R';
    const path = (status === 'D' ? from : to) ?? from ?? '';
    const added: AddedLine[] = f.adds.map((a) => ({ path, line: a.ln, text: a.content.slice(1) }));
    const change: FileDiff = { path, status, additions: f.additions, deletions: f.deletions, added };
    if ((status === 'R' || status === 'C') && from) change.oldPath = from;
    if (x.binary) change.binary = true;
    return change;
  });
}
