/**
 * The script's use of git history: vcs_find_signers / vcs_file_signoffs
 * (--git, and --git-fallback for files no maintained section covers
 * exactly) and vcs_assign, which turns signers into counted roles. The git
 * output is passed in as text, so this module runs no git itself.
 */

/** The format of the script's find_signers_cmd / find_commit_signers_cmd. */
export const SIGNERS_FORMAT = 'GitCommit: %H%nGitAuthor: %an <%ae>%nGitDate: %aD%nGitSubject: %s%n%b%n';

export interface SignerScan {
  commits: number;
  signatures: string[];
  authors: string[];
  stats: string[];
}

/** git_execute_cmd strips leading whitespace on every line (blank lines vanish with it). */
export function gitLines(output: string): string[] {
  return output.replace(/^\s*/gm, '').split('\n');
}

function statRegex(file: string): RegExp | null {
  try {
    return new RegExp(`^(\\d+)\\t(\\d+)\\t${file}$`);
  } catch {
    return null;
  }
}

/** vcs_find_signers(): counts and lines, before the chief penguin filter and formatting. */
export function findSigners(output: string, file: string, allSignatureTypes: boolean, chiefPenguins: boolean): SignerScan {
  const lines = gitLines(output);
  const sig = allSignatureTypes ? /^[ \t]*(.+?)[Bb][Yy]:.*@.*$/ : /^[ \t]*(Signed-off-by:|Reviewed-by:|Acked-by:).*@.*$/;
  const commits = lines.filter((l) => /^GitCommit: ([0-9a-f]{40,40})/.test(l)).length;
  const authors = lines.filter((l) => /^GitAuthor: (.*)/.test(l));
  let signatures = lines.filter((l) => sig.test(l));
  const st = statRegex(file);
  const stats = st ? lines.filter((l) => st.test(l)) : [];
  if (!signatures.length) return { commits: 0, signatures, authors, stats };
  if (!chiefPenguins) signatures = signatures.filter((l) => !/(Linus Torvalds)/i.test(l));
  return { commits, signatures, authors, stats };
}

/** extract_formatted_signatures(): "Key: Name <addr>" to "Name <addr>" (everything after the last colon). */
export function signatureValue(line: string): string {
  return line.replace(/\s*.*:\s*(.+)\s*/, '$1');
}

/** sprintf("%.0f"): ties go to the even neighbour, as C's printf does. */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d === 0.5) return f % 2 === 0 ? f : f + 1;
  return Math.round(x);
}

/** The stat lines summed per author, for added_lines / removed_lines. */
export function lineStats(
  file: string,
  authors: string[],
  stats: string[],
  dedup: (s: string) => string,
): {
  added: number;
  deleted: number;
  listAdded: string[];
  listDeleted: string[];
} {
  const st = statRegex(file);
  let added = 0;
  let deleted = 0;
  for (const s of stats) {
    const m = st?.exec(s);
    if (m) {
      added += Number(m[1]);
      deleted += Number(m[2]);
    }
  }
  const tmp = [...new Set([...new Set(authors)].map(dedup))];
  const listAdded: string[] = [];
  const listDeleted: string[] = [];
  for (const author of tmp) {
    let a = 0;
    let d = 0;
    for (let i = 0; i < stats.length; i++) {
      const m = st?.exec(stats[i]!);
      if (author === dedup(authors[i]!) && m) {
        a += Number(m[1]);
        d += Number(m[2]);
      }
    }
    for (let i = 0; i < a; i++) listAdded.push(author);
    for (let i = 0; i < d; i++) listDeleted.push(author);
  }
  return { added, deleted, listAdded, listDeleted };
}

const UNIT_SECONDS: Record<string, [number, number]> = {
  second: [1, 1],
  minute: [60, 60],
  hour: [3600, 3600],
  day: [86400, 86400],
  week: [604800, 604800],
  // git counts years in the calendar: 365 or 366 days back.
  year: [365 * 86400, 366 * 86400],
};
const DAY = 86400;

/**
 * Bounds, in seconds since the epoch, on the time git takes `--since=SINCE` for at `nowMs`, for the relative forms
 * ("1-year-ago", "2.weeks.ago", "3 days ago"); a day of margin both ways (daylight saving, the second git starts
 * in). Undefined for every other form.
 */
export function sinceBounds(since: string, nowMs: number): { earliest: number; latest: number } | undefined {
  const m = /^(\d{1,6})[\s._-]*(second|minute|hour|day|week|year)s?[\s._-]+ago$/i.exec(since.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const [min, max] = UNIT_SECONDS[m[2]!.toLowerCase()]!;
  const now = Math.floor(nowMs / 1000);
  return { earliest: now - n * max - DAY, latest: now - n * min + DAY };
}
