/**
 * The RFC 822 validator get_maintainer.pl carries (rfc822_valid and
 * rfc822_validlist), ported regex for regex: it decides whether an M:/R:
 * value is one address, a comma-separated list of them, or neither, and the
 * output depends on that choice. Not used to validate user input (that is
 * src/address.ts, RFC 5322).
 */
const lwsp = '(?:(?:\\r\\n)?[ \\t])';
const rfcChar = /^[\u0000-\u00ff]*$/;

function makeRe(): string {
  const specials = '()<>@,;:\\\\".\\[\\]';
  const controls = '\\x00-\\x1f\\x7f';
  const dtext = '[^\\[\\]\\r\\\\]';
  const domainLiteral = `\\[(?:${dtext}|\\\\.)*\\]${lwsp}*`;
  const quotedString = `"(?:[^\\"\\r\\\\]|\\\\.|${lwsp})*"${lwsp}*`;
  const atom = `[^${specials} ${controls}]+(?:${lwsp}+|(?![\\s\\S])|(?=[\\["${specials}]))`;
  const word = `(?:${atom}|${quotedString})`;
  const localpart = `${word}(?:\\.${lwsp}*${word})*`;
  const subDomain = `(?:${atom}|${domainLiteral})`;
  const domain = `${subDomain}(?:\\.${lwsp}*${subDomain})*`;
  const addrSpec = `${localpart}@${lwsp}*${domain}`;
  const phrase = `${word}*`;
  const route = `(?:@${domain}(?:,@${lwsp}*${domain})*:${lwsp}*)`;
  const routeAddr = `\\<${lwsp}*${route}?${addrSpec}\\>${lwsp}*`;
  const mailbox = `(?:${addrSpec}|${phrase}${routeAddr})`;
  const group = `${phrase}:${lwsp}*(?:${mailbox}(?:,\\s*${mailbox})*)?;\\s*`;
  const address = `(?:${mailbox}|${group})`;
  return `${lwsp}*${address}`;
}

let re: string | undefined;
let validRe: RegExp | undefined;
let listRe: RegExp | undefined;
let itemRe: RegExp | undefined;

function compile(): void {
  re ??= makeRe();
  validRe ??= new RegExp(`^${re}$`);
  listRe ??= new RegExp(`^(?:${re})?(?:,(?:${re})?)*$`);
  itemRe ??= new RegExp(`(?:^|,${lwsp}*)(${re})`, 'g');
}

export function stripComments(s0: string): string {
  let s = s0;
  const re1 = /^((?:[^"\\]|\\.)*(?:"(?:[^"\\]|\\.)*"(?:[^"\\]|\\.)*)*)\((?:[^()\\]|\\.)*\)/s;
  for (;;) {
    const n = s.replace(re1, '$1 ');
    if (n === s) break;
    s = n;
  }
  return s;
}

export function rfc822Valid(s0: string): boolean {
  compile();
  const s = stripComments(s0);
  return validRe!.test(s) && rfcChar.test(s);
}

/** The addresses of a valid list, or null when the value is not one. */
export function rfc822ValidList(s0: string): string[] | null {
  compile();
  const s = stripComments(s0);
  if (!(listRe!.test(s) && rfcChar.test(s))) return null;
  const out: string[] = [];
  itemRe!.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = itemRe!.exec(s))) {
    out.push(m[1]!);
    if (m[0] === '') itemRe!.lastIndex++;
  }
  return out;
}
