/**
 * The files of a unified diff, read line by line with the rules of the
 * parse-diff package (0.12), which patchpilot used before: the same files,
 * names, counts and added lines come out, quirks included (a chunk ends when
 * both of its line counts reach exactly 0; "\ No newline at end of file"
 * repeats the kind of the change before it). It keeps only what
 * src/series/diff.ts uses, and dispatches on a line's first character instead
 * of trying ten regular expressions on every line and building an object for
 * each context and deleted line: on the vfio series (2,200 added lines) that
 * was most of the 5-10 ms `git log -p` parsing took in every command.
 * test/unit/diff-lines.test.ts compares the two on real and made-up diffs.
 */

export interface DiffFile {
  from?: string;
  to?: string;
  new?: boolean;
  deleted?: boolean;
  additions: number;
  deletions: number;
  /** Added lines (with their '+'), and their line numbers in the new file. */
  added: { ln: number; content: string }[];
}

const FILE_NAMES = /(a|i|w|c|o|1|2)\/.*(?=["']? ["']?(b|i|w|c|o|1|2)\/)|(b|i|w|c|o|1|2)\/.*$/g;
const GIT_PREFIX = /^(a|b|i|w|c|o|1|2)\//;
const QUOTES = /^\\?['"]|\\?['"]$/g;
const TIME_STAMP = /\t.*|\d{4}-\d\d-\d\d\s\d\d:\d\d:\d\d(.\d+)?\s(\+|-)\d\d\d\d/;
const NO_NEWLINE = '\\ No newline at end of file';
const CHUNK = /^@@\s+-(\d+),?(\d+)?\s+\+(\d+),?(\d+)?\s@@/;
const INDEX = /^index\s[\da-zA-Z]+\.\.[\da-zA-Z]+(\s(\d+))?$/;

/** The names on a "diff ..." line. */
function namesOf(line: string | undefined): (string | undefined)[] {
  return line?.match(FILE_NAMES)?.map((a) => a.replace(GIT_PREFIX, '').replace(/("|')$/, '')) ?? [];
}

/** The name on a "---" or "+++" line. */
function headerName(line: string): string {
  let s = line.replace(/^[-+]+/, '').trim();
  const t = TIME_STAMP.exec(s);
  if (t) s = s.substring(0, t.index).trim();
  return s.replace(QUOTES, '').replace(GIT_PREFIX, '');
}

export function diffFiles(lines: readonly string[]): DiffFile[] {
  const files: DiffFile[] = [];
  let file: DiffFile | null = null;
  /** Whether the current file has a chunk yet. */
  let chunked = false;
  /** The file of the last chunk started (it stays the marker's target after the next file's header), and that chunk's last change. */
  let chunkFile: DiffFile | null = null;
  let lastKind: 'normal' | 'add' | 'del' | '' = '';
  let lastLn = 0;
  let oldLn = 0;
  let newLn = 0;
  /** Lines the open chunk still expects; a chunk closes when both are exactly 0. */
  let oldLeft = 0;
  let newLeft = 0;
  let open = false;

  const start = (line?: string) => {
    const [from, to] = namesOf(line);
    file = { additions: 0, deletions: 0, added: [], from, to };
    chunked = false;
    files.push(file);
  };
  const header = (): DiffFile => {
    if (!file || chunked) start();
    return file!;
  };
  // The marker repeats the kind of the change before it in its chunk: a repeated addition is an added line.
  const noNewline = (content: string) => {
    if (chunkFile && lastKind === 'add') chunkFile.added.push({ ln: lastLn, content });
  };

  for (const line of lines) {
    if (open) {
      const c = line.charCodeAt(0);
      if (line === NO_NEWLINE) noNewline(line);
      else if (c === 45) {
        lastKind = 'del';
        oldLn++;
        file!.deletions++;
        oldLeft--;
      } else if (c === 43) {
        lastKind = 'add';
        lastLn = newLn++;
        file!.added.push({ ln: lastLn, content: line });
        file!.additions++;
        newLeft--;
      } else {
        lastKind = 'normal';
        oldLn++;
        newLn++;
        oldLeft--;
        newLeft--;
      }
      if (oldLeft === 0 && newLeft === 0) open = false;
      continue;
    }
    switch (line.charCodeAt(0)) {
      case 100: // d
        if (/^diff\s/.test(line)) start(line);
        else if (/^deleted file mode (\d+)$/.test(line)) {
          const f = header();
          f.deleted = true;
          f.to = '/dev/null';
        }
        break;
      case 110: // n
        if (/^new file mode (\d+)$/.test(line)) {
          const f = header();
          f.new = true;
          f.from = '/dev/null';
        } else if (/^new mode (\d+)$/.test(line)) header();
        break;
      case 111: // o
        if (/^old mode (\d+)$/.test(line)) header();
        break;
      case 105: // i
        if (INDEX.test(line)) header();
        break;
      case 45: // -
        if (/^---\s/.test(line)) header().from = headerName(line);
        break;
      case 43: // +
        if (/^\+\+\+\s/.test(line)) header().to = headerName(line);
        break;
      case 64: {
        // @
        const m = CHUNK.exec(line);
        if (!m) break;
        if (!file) start(line);
        chunked = true;
        chunkFile = file;
        lastKind = '';
        oldLn = +m[1]!;
        newLn = +m[3]!;
        oldLeft = +(m[2] || 1);
        newLeft = +(m[4] || 1);
        open = true;
        break;
      }
      case 92: // backslash
        if (line === NO_NEWLINE) noNewline(line);
        break;
    }
  }
  return files;
}
