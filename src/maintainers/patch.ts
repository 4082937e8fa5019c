/**
 * Reading a patch the way get_maintainer.pl does: line by line, file names
 * from "diff --git", "---"/"+++", "rename from/to" and "mode change" lines,
 * Fixes: tags, and K: keywords tested on every other line (on the whole line
 * before the first file header, on '+'/'-' lines after it).
 */
import type { MaintainersDb } from './db.js';
import { anyOf, perlRegex } from './perlre.js';

export interface Keyword {
  /** typevalue index of the K: line. */
  index: number;
  value: string;
}

export function keywordsOf(db: MaintainersDb): Keyword[] {
  const out: Keyword[] = [];
  const tv = db.typevalue;
  for (const index of tv.kLines) out.push({ index, value: tv.entry(index).field!.value });
  return out;
}

export interface PatchScan {
  files: string[];
  fixes: string[];
  /** typevalue indexes of K: lines that matched. */
  keywords: number[];
  /** Whether the text named any file at all. */
  isPatch: boolean;
}

/** Split keeping the newline on each line, as Perl's <$fh> does. */
function perlLines(text: string): string[] {
  const out: string[] = [];
  let at = 0;
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl + 1;
    out.push(text.slice(at, end));
    at = end;
  }
  return out;
}

const HEADER_START = /^(?: mode change |rename |diff --git |Fixes:|\+\+\+|---|@@ -)/gm;

function headerLines(text: string): string[] {
  const out: string[] = [];
  HEADER_START.lastIndex = 0;
  for (let h = HEADER_START.exec(text); h; h = HEADER_START.exec(text)) {
    const start = h.index;
    if (start > 0 && text.charCodeAt(start - 1) !== 10) continue;
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl + 1;
    out.push(text.slice(start, end));
    HEADER_START.lastIndex = end;
  }
  return out;
}

/**
 * Whether every line a regex matches is also matched within the whole text: no anchors, no lookbehind or negative
 * lookahead, no \B (the only constructs that see past a line's ends differently). Then a text it does not match
 * holds no line it matches.
 */
function sameInWholeText(re: RegExp): boolean {
  if (re.source.includes('\\B')) return false;
  const s = re.source.replace(/\\./g, '').replace(/\[\^/g, '[');
  return !/[$^]|\(\?[!<]/.test(s);
}

export function scanPatch(text: string, keywords: Keyword[], opts: { keywords: boolean; fixes: boolean }): PatchScan {
  const files: string[] = [];
  const fixes: string[] = [];
  const hits: number[] = [];
  let prefix = '';
  // Compiled per prefix: before the first file header the whole line counts, after it only +/- lines.
  let compiled = new Map<number, RegExp | null>();
  // Any K: pattern, unanchored: a line none of them matches anywhere cannot match with the '+'/'-' prefix either,
  // and when it matches nowhere in the text (the usual case), no line needs testing.
  let any: RegExp | false | undefined;
  let testLines = opts.keywords && keywords.length > 0;
  if (testLines) {
    any = anyOf(keywords.map((k) => k.value)) ?? false;
    if (any !== false && sameInWholeText(any) && !any.test(text)) testLines = false;
  }
  let m: RegExpExecArray | null;
  // Without keywords to test, only the lines that can be headers are read: found by their start, whole lines as
  // Perl reads them (a line start is after a '\n' only).
  const lines = testLines ? perlLines(text) : headerLines(text);
  for (const line of lines) {
    // Each header test needs its first character: the others (most lines of a patch) go straight to the keywords.
    switch (line.charCodeAt(0)) {
      case 32: // ' '
        if ((m = /^ mode change [0-7]+ => [0-7]+ (\S+)\s*$/.exec(line))) {
          files.push(m[1]!);
          continue;
        }
        break;
      case 114: // r
        if ((m = /^rename (?:from|to) (\S+)\s*$/.exec(line))) {
          files.push(m[1]!);
          continue;
        }
        break;
      case 100: // d
        if ((m = /^diff --git a\/(\S+) b\/(\S+)\s*$/.exec(line))) {
          files.push(m[1]!, m[2]!);
          continue;
        }
        break;
      case 70: // F
        if ((m = /^Fixes:\s+([0-9a-fA-F]{6,40})/.exec(line))) {
          if (opts.fixes) fixes.push(m[1]!);
          continue;
        }
        break;
      case 43: // +
      case 45: // -
        if ((line.startsWith('+++') || line.startsWith('---')) && (m = /^\+\+\+\s+(\S+)/.exec(line) ?? /^---\s+(\S+)/.exec(line))) {
          files.push(m[1]!.replace(/^[^/]*\//, '').replace(/\n/g, ''));
          if (!prefix) compiled = new Map();
          prefix = '^[+-].*';
          continue;
        }
        break;
      case 64: // @
        // Blame ranges only; keywords are not tested on hunk headers.
        if (/^@@ -(\d+),(\d+)/.test(line)) continue;
        break;
    }
    if (!testLines) continue;
    if (any !== false && !any!.test(line)) continue;
    for (const k of keywords) {
      let re = compiled.get(k.index);
      if (re === undefined) {
        re = perlRegex(`${prefix}${k.value}`);
        compiled.set(k.index, re);
      }
      if (re && re.test(line)) hits.push(k.index);
    }
  }
  return { files, fixes, keywords: hits, isPatch: files.length > 0 };
}

/** Keywords in a whole file (--keywords-in-file with -f). */
export function scanFileKeywords(text: string, keywords: Keyword[]): number[] {
  return keywords.filter((k) => perlRegex(k.value)?.test(text)).map((k) => k.index);
}
