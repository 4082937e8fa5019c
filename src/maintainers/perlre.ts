/**
 * Perl regular expressions as MAINTAINERS uses them (N: and K: values,
 * matched with /x by get_maintainer.pl) translated for JavaScript, which in
 * Node 20 has no /x flag and no inline modifiers. What changes:
 *  - /x: unescaped whitespace and '#' comments outside character classes go;
 *  - (?i) and (?i:...): the letters in their scope become [aA] classes;
 *  - '$' and \Z match before a final newline, as in Perl; \z and \A map too.
 * A pattern JavaScript still cannot compile makes the caller warn and skip it.
 */

const cache = new Map<string, RegExp | null>();

function bothCases(ch: string): string {
  const lo = ch.toLowerCase();
  const up = ch.toUpperCase();
  return lo === up ? ch : `${lo}${up}`;
}

function swapCase(ch: string): string {
  const lo = ch.toLowerCase();
  return ch === lo ? ch.toUpperCase() : lo;
}

/** Translate a Perl pattern (with /x when `extended`) to JavaScript source. */
export function translatePerlRegex(src: string, extended = true): string {
  let out = '';
  // One entry per open group: whether case folding is on inside it.
  const groups: boolean[] = [];
  let ci = false;
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\') {
      const n = src[i + 1];
      if (n === undefined) {
        out += '\\\\';
        i++;
        continue;
      }
      if (n === 'Z') out += '(?=\\n?$)';
      else if (n === 'z') out += '$';
      else if (n === 'A') out += '^';
      else if (n === 'h') out += '[ \\t]';
      else out += `\\${n}`;
      i += 2;
      continue;
    }
    if (c === '[') {
      // Copy the class; a ']' right after '[' or '[^' is literal in both languages' Perl sense.
      let j = i + 1;
      let cls = '[';
      if (src[j] === '^') {
        cls += '^';
        j++;
      }
      if (src[j] === ']') {
        cls += '\\]';
        j++;
      }
      let extra = '';
      while (j < src.length && src[j] !== ']') {
        const d = src[j]!;
        if (d === '\\' && j + 1 < src.length) {
          cls += d + src[j + 1]!;
          j += 2;
          continue;
        }
        if (d === '[' && src[j + 1] === ':') {
          const end = src.indexOf(':]', j + 2);
          const name = end > 0 ? src.slice(j + 2, end) : '';
          const posix: Record<string, string> = {
            alpha: 'a-zA-Z',
            digit: '0-9',
            alnum: 'a-zA-Z0-9',
            space: '\\s',
            upper: 'A-Z',
            lower: 'a-z',
            xdigit: '0-9a-fA-F',
            punct: '!-\\/:-@\\[-`{-~',
            word: '\\w',
          };
          if (end > 0 && posix[name]) {
            cls += posix[name];
            j = end + 2;
            continue;
          }
        }
        if (ci && /[a-zA-Z]/.test(d)) {
          const b = src[j + 2];
          if (src[j + 1] === '-' && b && b !== ']' && /[a-zA-Z]/.test(b)) {
            cls += `${d}-${b}`;
            extra += `${swapCase(d)}-${swapCase(b)}`;
            j += 3;
            continue;
          }
          cls += bothCases(d);
          j++;
          continue;
        }
        cls += d;
        j++;
      }
      out += `${cls}${extra}]`;
      i = j + 1;
      continue;
    }
    if (extended && /\s/.test(c)) {
      i++;
      continue;
    }
    if (extended && c === '#') {
      const nl = src.indexOf('\n', i);
      i = nl < 0 ? src.length : nl + 1;
      continue;
    }
    if (c === '(') {
      const rest = src.slice(i);
      const flags = /^\(\?([imsx]*)(?:-([imsx]*))?(\)|:)/.exec(rest);
      if (flags && (flags[1] || flags[2] !== undefined)) {
        const on = flags[1]!.includes('i');
        const off = (flags[2] ?? '').includes('i');
        const next: boolean = on ? true : off ? false : ci;
        if (flags[3] === ')') {
          ci = next;
        } else {
          groups.push(ci);
          ci = next;
          out += '(?:';
        }
        i += flags[0].length;
        continue;
      }
      groups.push(ci);
      out += '(';
      i++;
      continue;
    }
    if (c === ')') {
      ci = groups.pop() ?? false;
      out += ')';
      i++;
      continue;
    }
    if (c === '$') {
      out += '(?=\\n?$)';
      i++;
      continue;
    }
    if (ci && /[a-zA-Z]/.test(c)) {
      const both = bothCases(c);
      out += both.length > 1 ? `[${both}]` : c;
      i++;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** The compiled pattern, or null when JavaScript cannot compile the translation. */
export function perlRegex(src: string, extended = true): RegExp | null {
  const key = `${extended ? 'x' : '-'}${src}`;
  if (cache.has(key)) return cache.get(key)!;
  let re: RegExp | null;
  try {
    re = new RegExp(translatePerlRegex(src, extended));
  } catch {
    re = null;
  }
  cache.set(key, re);
  return re;
}

/**
 * One regex that matches when any of the patterns does, to skip testing them
 * one by one in the common case where none matches. Null when it cannot be
 * built (a pattern that does not compile, or a backreference, whose number
 * would change inside the alternation): then every pattern is tested.
 */
export function anyOf(sources: string[], extended = true): RegExp | null {
  const parts: string[] = [];
  for (const src of sources) {
    const t = translatePerlRegex(src, extended);
    if (/\\[1-9]|\\k</.test(t)) return null;
    parts.push(`(?:${t})`);
  }
  if (!parts.length) return null;
  try {
    return new RegExp(parts.join('|'));
  } catch {
    return null;
  }
}
