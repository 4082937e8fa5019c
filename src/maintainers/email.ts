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

export interface GmMailmap {
  names: Map<string, string>;
  addresses: Map<string, string>;
}

export function emptyGmMailmap(): GmMailmap {
  return { names: new Map(), addresses: new Map() };
}

/** read_mailmap() of the script, line form for line form. */
export function parseGmMailmap(text: string): GmMailmap {
  const mm = emptyGmMailmap();
  for (const raw of text.split('\n')) {
    const line = trim(raw.replace(/#.*$/, ''));
    if (!line) continue;
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
  return mm;
}

/** mailmap_email(): the whole "Name <addr>" first, then the address alone. */
export function mailmapEmail(mm: GmMailmap, line: string): string {
  const [name, address] = parseEmail(line);
  const email = formatEmail(name, address, true);
  let realName = name;
  let realAddress = address;
  if (mm.names.has(email) || mm.addresses.has(email)) {
    if (mm.names.has(email)) realName = mm.names.get(email)!;
    if (mm.addresses.has(email)) realAddress = mm.addresses.get(email)!;
  } else {
    if (mm.names.has(address)) realName = mm.names.get(address)!;
    if (mm.addresses.has(address)) realAddress = mm.addresses.get(address)!;
  }
  return formatEmail(realName, realAddress, true);
}
