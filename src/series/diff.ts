/**
 * Reading `git log -p` output into files with status and line counts.
 * parse-diff does the hunk work; we add what it leaves out: C-quoted
 * paths, rename sources, and binary files.
 */
import parseDiff from 'parse-diff';

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

export function parsePatch(patch: string): FileDiff[] {
  if (!patch.trim()) return [];
  const files = parseDiff(patch);
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
    const added: AddedLine[] = [];
    for (const chunk of f.chunks) {
      for (const ch of chunk.changes) {
        if (ch.type === 'add') added.push({ path, line: ch.ln, text: ch.content.slice(1) });
      }
    }
    const change: FileDiff = { path, status, additions: f.additions, deletions: f.deletions, added };
    if ((status === 'R' || status === 'C') && from) change.oldPath = from;
    if (x.binary) change.binary = true;
    return change;
  });
}
