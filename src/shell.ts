/**
 * POSIX shell quoting for commands the user copies into a shell. Names and
 * addresses come from other people's commits, so every argument that is not
 * made only of characters no shell treats specially is put in single quotes,
 * where POSIX gives every byte its literal meaning; a single quote itself is
 * written as '\'' (close, escaped quote, reopen). Hand-written rather than
 * taken from shell-quote: that package's quote() once let crafted input
 * through (CVE-2021-42740), and the rule here is one line of POSIX.
 */

/** Characters no POSIX shell treats specially (a leading "=" is left out for zsh). */
const SAFE = /^[A-Za-z0-9_@%+:,./-][A-Za-z0-9_@%+=:,./-]*$/;

export function shellQuote(arg: string): string {
  if (arg.includes('\0')) throw new Error('a shell argument cannot contain a NUL byte');
  if (SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** A command line from its arguments, each quoted as needed. */
export function shellJoin(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}

/** The same command folded over several lines with backslash-newline, for reading. */
export function shellJoinLines(argv: readonly string[], perLine: (arg: string, i: number) => boolean = (a, i) => i > 0 && a.startsWith('--')): string {
  const parts: string[] = [];
  argv.forEach((a, i) => {
    const q = shellQuote(a);
    if (parts.length && perLine(a, i)) parts.push(` \\\n    ${q}`);
    else parts.push(parts.length ? ` ${q}` : q);
  });
  return parts.join('');
}
