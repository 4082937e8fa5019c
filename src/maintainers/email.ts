/**
 * get_maintainer.pl's own handling of addresses: parse_email, format_email,
 * escape_name and its reading of .mailmap. These differ from git's rules
 * (src/mailmap.ts) on purpose: the script looks names and addresses up in
 * case-sensitive hashes keyed by its own formatting, and the output must be
 * the script's, byte for byte.
 */

/** Perl's /[^\w \-]/ai: any character outside ASCII word characters, space and '-' forces quotes. */
export function escapeName(name: string): string {
  if (/[^A-Za-z0-9_ -]/.test(name)) {
    return `"${name.replace(/(?<!\\)"/g, '\\"')}"`;
  }
  return name;
}

function trim(s: string): string {
  return s.replace(/^\s+|\s+$/g, '');
}

export function parseEmail(formatted: string): [string, string] {
  let name = '';
  let address = '';
  let m: RegExpExecArray | null;
  if ((m = /^([^<]+)<(.+@.*)>.*$/.exec(formatted))) {
    name = m[1]!;
    address = m[2]!;
  } else if ((m = /^\s*<(.+@\S*)>.*$/.exec(formatted))) {
    address = m[1]!;
  } else if ((m = /^(.+@\S*).*$/.exec(formatted))) {
    address = m[1]!;
  }
  name = trim(name).replace(/^"|"$/g, '');
  name = escapeName(name);
  address = trim(address);
  return [name, address];
}

export function formatEmail(name0: string, address0: string, usename: boolean): string {
  let name = trim(name0).replace(/^"|"$/g, '');
  name = escapeName(name);
  const address = trim(address0);
  if (!usename) return address;
  return name === '' ? address : `${name} <${address}>`;
}

interface MailmapMaps {
  names: Map<string, string>;
  addresses: Map<string, string>;
}

/** read_mailmap() for one line, into the maps. */
function readMailmapLine(mm: MailmapMaps, raw: string): void {
  const line = trim(raw.replace(/#.*$/, ''));
  if (!line) return;
  let m: RegExpExecArray | null;
  if ((m = /^([^<]+)<([^>]+)>$/.exec(line))) {
    const [realName, address] = parseEmail(`${m[1]!.replace(/\s+$/, '')} <${m[2]!}>`);
    mm.names.set(address, realName);
  } else if ((m = /^<([^>]+)>\s*<([^>]+)>$/.exec(line))) {
    mm.addresses.set(m[2]!, m[1]!);
  } else if ((m = /^(.+)<([^>]+)>\s*<([^>]+)>$/.exec(line))) {
    const [realName, realAddress] = parseEmail(`${m[1]!.replace(/\s+$/, '')} <${m[2]!}>`);
    mm.names.set(m[3]!, realName);
    mm.addresses.set(m[3]!, realAddress);
  } else if ((m = /^(.+)<([^>]+)>\s*(.+)\s*<([^>]+)>$/.exec(line))) {
    const [realName, realAddress] = parseEmail(`${m[1]!.replace(/\s+$/, '')} <${m[2]!}>`);
    const [wrongName, wrongAddress] = parseEmail(`${m[3]!.replace(/\s+$/, '')} <${m[4]!}>`);
    const wrongEmail = formatEmail(wrongName, wrongAddress, true);
    mm.names.set(wrongEmail, realName);
    mm.addresses.set(wrongEmail, realAddress);
  }
}

/**
 * The script's two mailmap hashes. Every key a line defines contains the
 * address it maps, so a lookup for an address needs only the lines that
 * contain it: they are read on first use, in file order, which gives the
 * same answer as reading the whole file (and the kernel's has 700 lines).
 */
export class GmMailmap {
  private cache = new Map<string, MailmapMaps>();
  constructor(private readonly text: string) {}

  maps(address: string): MailmapMaps {
    let mm = this.cache.get(address);
    if (mm) return mm;
    mm = { names: new Map(), addresses: new Map() };
    const t = this.text;
    let lastLine = -1;
    for (let at = address ? t.indexOf(address) : 0; at >= 0 && at < t.length; at = address ? t.indexOf(address, at + 1) : -1) {
      const start = t.lastIndexOf('\n', at) + 1;
      if (start === lastLine) continue;
      lastLine = start;
      const nl = t.indexOf('\n', at);
      readMailmapLine(mm, t.slice(start, nl < 0 ? t.length : nl));
    }
    if (!address) for (const line of t.split('\n')) readMailmapLine(mm, line);
    this.cache.set(address, mm);
    return mm;
  }
}

export function emptyGmMailmap(): GmMailmap {
  return new GmMailmap('');
}

export function parseGmMailmap(text: string): GmMailmap {
  return new GmMailmap(text);
}

/** mailmap_email(): the whole "Name <addr>" first, then the address alone. */
export function mailmapEmail(mm: GmMailmap, line: string): string {
  const [name, address] = parseEmail(line);
  const email = formatEmail(name, address, true);
  let realName = name;
  let realAddress = address;
  const maps = mm.maps(address);
  if (maps.names.has(email) || maps.addresses.has(email)) {
    if (maps.names.has(email)) realName = maps.names.get(email)!;
    if (maps.addresses.has(email)) realAddress = maps.addresses.get(email)!;
  } else {
    if (maps.names.has(address)) realName = maps.names.get(address)!;
    if (maps.addresses.has(address)) realAddress = maps.addresses.get(address)!;
  }
  return formatEmail(realName, realAddress, true);
}
