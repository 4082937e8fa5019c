/**
 * The code a series adds, as it reads at the tip: each C file the series
 * changes, its lines at HEAD, and which of them the series added. Style
 * rules of the maintainer profiles (reverse Christmas tree, tail comments)
 * look at whole declaration blocks, so they need the lines around the
 * added ones, with the line numbers an editor opens.
 */
import type { EvalContext } from '../types.js';
import { rangeCache } from '../../git/repo.js';

export interface ScannedFile {
  path: string;
  /** Lines of the file at the series tip (index 0 is line 1). */
  lines: string[];
  /** 1-based numbers of the lines the series added. */
  added: Set<number>;
}

const cache = new WeakMap<EvalContext, Promise<ScannedFile[]>>();

/** C sources and headers the series changes (and still has at its tip), with their added lines. */
export function addedCode(ctx: EvalContext): Promise<ScannedFile[]> {
  let p = cache.get(ctx);
  if (!p) {
    p = scan(ctx);
    cache.set(ctx, p);
  }
  return p;
}

/** What a scan keeps in the git directory: the files' text, not their lines (a third the size in JSON). */
type Kept = { path: string; text: string; added: number[] }[];

/** A scan depends only on the base, the tip and the paths (and the diff.* settings, which rangeCache keys by too). */
async function scan(ctx: EvalContext): Promise<ScannedFile[]> {
  const paths = ctx.paths.filter((p) => /\.[ch]$/.test(p));
  if (!paths.length) return [];
  const { base, repo } = ctx.series;
  const cache = await rangeCache(repo, paths, `${base.commit}..${repo.head}`, 'code-scan');
  const kept = cache?.get();
  if (kept !== undefined) {
    try {
      return (JSON.parse(kept) as Kept).map((f) => ({ path: f.path, lines: f.text.split('\n'), added: new Set(f.added) }));
    } catch {
      // Damaged: scanned again and written over.
    }
  }
  const scanned = await scanWithGit(ctx, paths);
  cache?.set(JSON.stringify(scanned.map((f): Kept[number] => ({ path: f.path, text: f.lines.join('\n'), added: [...f.added] }))));
  return scanned;
}

async function scanWithGit(ctx: EvalContext, paths: string[]): Promise<ScannedFile[]> {
  const git = ctx.series.repo.git;
  const { base, repo } = ctx.series;
  // One diff of the whole series: the line numbers are those of the tip, whatever commit added a line.
  const diff = await git.run([
    'diff',
    '-U0',
    '--no-color',
    '--no-ext-diff',
    '--no-renames',
    base.commit,
    repo.head,
    '--',
    ...paths.map((p) => `:(literal)${p}`),
  ]);
  const added = new Map<string, Set<number>>();
  let cur: Set<number> | undefined;
  for (const l of diff.split('\n')) {
    if (l.startsWith('+++ ')) {
      const path = l.slice(4).replace(/^b\//, '');
      cur = l.slice(4) === '/dev/null' ? undefined : (added.get(path) ?? new Set());
      if (cur) added.set(path, cur);
      continue;
    }
    const h = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(l);
    if (h && cur) {
      const start = Number(h[1]);
      const n = h[2] === undefined ? 1 : Number(h[2]);
      for (let i = 0; i < n; i++) cur.add(start + i);
    }
  }
  const wanted = [...added.keys()].filter((p) => added.get(p)!.size);
  if (!wanted.length) return [];
  const r = await git.exec(['cat-file', '--batch'], { input: wanted.map((p) => `${repo.head}:${p}\n`).join('') });
  const out: ScannedFile[] = [];
  const buf = r.stdout;
  let at = 0;
  for (const path of wanted) {
    const nl = buf.indexOf(10, at);
    const header = buf.subarray(at, nl).toString('utf8');
    at = nl + 1;
    const m = /^\S+ blob (\d+)$/.exec(header);
    if (!m) continue;
    const size = Number(m[1]);
    const text = buf.subarray(at, at + size).toString('utf8');
    at += size + 1;
    out.push({ path, lines: text.split('\n'), added: added.get(path)! });
  }
  return out;
}

const NOT_TYPES = new Set(['return', 'goto', 'break', 'continue', 'case', 'default', 'else', 'do', 'if', 'while', 'for', 'switch', 'sizeof', 'typeof', 'asm']);

/** A one-line declaration of local variables: "struct sk_buff *skb;", "int err = 0, i;", "u8 addr[ETH_ALEN];". */
export function isDeclaration(line: string): boolean {
  const m =
    /^\s+((?:(?:const|static|volatile|register|unsigned|signed|struct|union|enum)\s+)*)([A-Za-z_]\w*)((?:\s+|\s*\*[\s*]*)(?:const\s+)?)([A-Za-z_]\w*)\s*(\[[^\]]*\])?\s*(=.*)?(,.*)?;\s*$/.exec(
      line,
    );
  if (!m) return false;
  const first = (m[1]!.trim().split(/\s+/)[0] || m[2])!;
  if (NOT_TYPES.has(first) || NOT_TYPES.has(m[2]!)) return false;
  // "a = b;" has no type; "x *y;" with y a keyword is no declaration either.
  return !NOT_TYPES.has(m[4]!);
}

/** The line opens a function body or a statement block, not a struct, union, enum or initializer. */
function opensScope(line: string): boolean {
  if (/^\{\s*$/.test(line)) return true;
  return /(\)|\belse|\bdo)\s*\{\s*$/.test(line) && !/=\s*\{\s*$/.test(line);
}

export interface DeclBlock {
  path: string;
  /** 1-based first line of the block. */
  line: number;
  lines: string[];
  /** Index in `lines` of the first declaration longer than the one above it. */
  bad: number;
}

/**
 * Declaration blocks at the top of a scope that contain added lines and are
 * not ordered longest to shortest (the reverse Christmas tree, or reverse fir
 * tree, of netdev and tip). Lengths are compared without the indentation.
 */
export function unorderedDeclarations(files: ScannedFile[], scope: (path: string) => boolean): DeclBlock[] {
  const out: DeclBlock[] = [];
  for (const f of files) {
    if (!scope(f.path)) continue;
    const seen = new Set<number>();
    for (const n of [...f.added].sort((a, b) => a - b)) {
      if (seen.has(n) || !isDeclaration(f.lines[n - 1] ?? '')) continue;
      let s = n;
      while (s > 1 && isDeclaration(f.lines[s - 2]!)) s--;
      let e = n;
      while (e < f.lines.length && isDeclaration(f.lines[e]!)) e++;
      for (let i = s; i <= e; i++) seen.add(i);
      if (s < 2 || !opensScope(f.lines[s - 2]!)) continue;
      const block = f.lines.slice(s - 1, e);
      const indent = /^\s*/.exec(block[0]!)![0];
      if (block.some((l) => /^\s*/.exec(l)![0] !== indent)) continue;
      const len = (l: string) => l.trim().length;
      const bad = block.findIndex((l, i) => i > 0 && len(l) > len(block[i - 1]!));
      if (bad > 0) out.push({ path: f.path, line: s, lines: block.map((l) => l.trim()), bad });
    }
  }
  return out;
}

/** Added lines of C code that end in a comment after the code, as in "x = 1; // why". */
export function tailComments(files: ScannedFile[], scope: (path: string) => boolean): { path: string; line: number; text: string }[] {
  const out: { path: string; line: number; text: string }[] = [];
  for (const f of files) {
    if (!scope(f.path) || !f.path.endsWith('.c')) continue;
    for (const n of [...f.added].sort((a, b) => a - b)) {
      const l = f.lines[n - 1] ?? '';
      if (/^\s*(#|\*|\/\*|\/\/)/.test(l)) continue;
      if (/[;{})]\s*(\/\*.*\*\/|\/\/.*)\s*$/.test(l)) out.push({ path: f.path, line: n, text: l.trim() });
    }
  }
  return out;
}
