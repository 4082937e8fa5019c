/**
 * POSIX shell quoting for commands the user copies into a shell. Names and
 * addresses come from other people's commits, so every argument that is not
 * made only of characters no shell treats specially is put in single quotes,
 * where POSIX gives every byte its literal meaning; a single quote itself is
 * written as '\'' (close, escaped quote, reopen). Hand-written rather than
 * taken from shell-quote: that package's quote() once let crafted input
 * through (CVE-2021-42740), and the rule here is one line of POSIX.
 * Also here: quoting a user's value for an error message (jsonQuote,
 * displayArg), so that no input can break a message over several lines.
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

/**
 * A value the user gave, for an error message: JSON-quoted, so a line break
 * or a control character shows as an escape and cannot start a line of its
 * own (C1 controls and the Unicode line separators too, which JSON leaves).
 */
export function jsonQuote(value: string): string {
  return JSON.stringify(value).replace(/[\u0080-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A path or name for a message: as it is when plain, JSON-quoted when it holds anything a terminal would act on. */
export function displayArg(value: string): string {
  return value && !/[\u0000-\u001f\u007f-\u009f\u2028\u2029"\\]/.test(value) && value.trim() === value ? value : jsonQuote(value);
}
