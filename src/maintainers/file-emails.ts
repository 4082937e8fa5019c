/**
 * Addresses found inside a file, as get_maintainer.pl's maintainers_in_file
 * and clean_file_emails find and tidy them: every .yaml file a patch touches
 * (device-tree bindings list their maintainers), and any file with
 * --file-emails.
 */
import { formatEmail, parseEmail } from './email.js';

/** The script's pattern for addresses in a file (maintainers_in_file). */
export const FILE_EMAIL_RE = /[\p{L}"' ,.+-]*\s*,*\s*[(<{]?[A-Za-z0-9_.+-]+@[A-Za-z0-9.-]+\.[A-Za-z0-9]+[)>}]?/gu;

function perlSplit(s: string, re: RegExp): string[] {
  const parts = s.split(re);
  while (parts.length && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

export function cleanFileEmails(found: string[], usename: boolean): string[] {
  const out: string[] = [];
  for (const raw of found) {
    const email = raw.replace(/[(<{]?([A-Za-z0-9_.+-]+@[A-Za-z0-9.-]+)[)>}]?/g, '<$1>');
    let [name, address] = parseEmail(email);
    name = name.replace(/^"(.*)"$/, '$1');
    let nw = perlSplit(name, /[^\p{L}',.+-]/u);
    nw = nw.filter((w) => !/^[',.+-]$/.test(w));
    if (nw.length > 2) {
      const first = nw[nw.length - 3]!;
      const middle = nw[nw.length - 2]!;
      const last = nw[nw.length - 1]!;
      if (
        (first.length === 1 && /\p{L}/u.test(first)) ||
        (first.length === 2 && first.endsWith('.')) ||
        middle.length === 1 ||
        (middle.length === 2 && middle.endsWith('.'))
      ) {
        name = `${first} ${middle} ${last}`;
      } else name = `${middle} ${last}`;
    } else name = nw.join(' ');
    if (/[,.]$/.test(name)) name = name.slice(0, -1);
    if (/^[,.]/.test(name)) name = name.slice(1);
    out.push(formatEmail(name, address, usename));
  }
  return out;
}
