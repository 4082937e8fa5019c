/**
 * get_maintainer.pl's options and its Getopt::Long parsing: '-' or '--',
 * "--no" and "--no-" negations of boolean options, "=value" or a separate
 * value, options anywhere among the file names, "--" ends them.
 */
import { UsageError } from '../../src/errors.js';
import { defaultOptions, type GmOptions } from '../../src/maintainers/options.js';

export type { GmOptions };

type Kind = 'bool' | 'neg' | 'int' | 'str' | 'optstr';
type Key = keyof GmOptions;

/** name(s) -> [option key, kind]; 'neg' is a boolean with --no forms. */
const SPEC: [string[], Key, Kind][] = [
  [['email'], 'email', 'neg'],
  [['git'], 'git', 'neg'],
  [['git-all-signature-types'], 'gitAllSignatureTypes', 'neg'],
  [['git-blame'], 'gitBlame', 'neg'],
  [['git-blame-signatures'], 'gitBlameSignatures', 'neg'],
  [['git-fallback'], 'gitFallback', 'neg'],
  [['git-chief-penguins'], 'gitChiefPenguins', 'neg'],
  [['git-min-signatures'], 'gitMinSignatures', 'int'],
  [['git-max-maintainers'], 'gitMaxMaintainers', 'int'],
  [['git-min-percent'], 'gitMinPercent', 'int'],
  [['git-since'], 'gitSince', 'str'],
  [['hg-since'], 'hgSince', 'str'],
  [['i', 'interactive'], 'interactive', 'neg'],
  [['remove-duplicates'], 'removeDuplicates', 'neg'],
  [['mailmap'], 'mailmap', 'neg'],
  [['m'], 'm', 'neg'],
  [['r'], 'r', 'neg'],
  [['n'], 'n', 'neg'],
  [['l'], 'l', 'neg'],
  [['fixes'], 'fixes', 'neg'],
  [['moderated'], 'moderated', 'neg'],
  [['s'], 's', 'neg'],
  [['multiline'], 'multiline', 'neg'],
  [['roles'], 'roles', 'neg'],
  [['rolestats'], 'rolestats', 'neg'],
  [['separator'], 'separator', 'str'],
  [['subsystem'], 'subsystem', 'neg'],
  [['status'], 'status', 'neg'],
  [['scm'], 'scm', 'neg'],
  [['tree'], 'tree', 'neg'],
  [['web'], 'web', 'neg'],
  [['bug'], 'bug', 'neg'],
  [['letters'], 'letters', 'str'],
  [['pattern-depth'], 'patternDepth', 'int'],
  [['k', 'keywords'], 'keywords', 'neg'],
  [['kf', 'keywords-in-file'], 'keywordsInFile', 'neg'],
  [['sections'], 'sections', 'neg'],
  [['fe', 'file-emails'], 'fileEmails', 'neg'],
  [['f', 'file'], 'file', 'bool'],
  [['find-maintainer-files'], 'findMaintainerFiles', 'bool'],
  [['mpath', 'maintainer-path'], 'maintainerPath', 'str'],
  [['self-test'], 'selfTest', 'optstr'],
  [['v', 'version'], 'version', 'bool'],
  [['h', 'help', 'usage'], 'help', 'bool'],
  [['repo'], 'repo', 'str'],
  [['json'], 'json', 'bool'],
];

const BY_NAME = new Map<string, [Key, Kind]>();
for (const [names, key, kind] of SPEC) for (const n of names) BY_NAME.set(n, [key, kind]);

export interface ParsedArgs {
  options: GmOptions;
  files: string[];
}

/** Parse arguments (the contents of .get_maintainer.conf first, as the script prepends them). */
export function parseGmArgs(argv: string[], opts: GmOptions = defaultOptions()): ParsedArgs {
  const files: string[] = [];
  const o = opts as unknown as Record<string, unknown>;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      files.push(a);
      continue;
    }
    const body = a.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq >= 0 ? body.slice(0, eq) : body;
    let inline = eq >= 0 ? body.slice(eq + 1) : undefined;
    let spec = BY_NAME.get(name);
    let negate = false;
    if (!spec) {
      const m = /^no-?(.+)$/.exec(name);
      const s = m ? BY_NAME.get(m[1]!) : undefined;
      if (s && s[1] === 'neg') {
        spec = s;
        negate = true;
      }
    }
    if (!spec) throw new UsageError(`maintainers: unknown option ${a} (see patchpilot maintainers --help)`);
    const [key, kind] = spec;
    if (kind === 'bool' || kind === 'neg') {
      if (inline !== undefined) throw new UsageError(`maintainers: option ${name} takes no value`);
      o[key] = !negate;
      continue;
    }
    if (kind === 'optstr') {
      o[key] = inline ?? '';
      continue;
    }
    if (inline === undefined) {
      inline = argv[++i];
      if (inline === undefined) throw new UsageError(`maintainers: option ${name} needs a value`);
    }
    if (kind === 'int') {
      if (!/^[-+]?\d+$/.test(inline)) throw new UsageError(`maintainers: option ${name} needs a number, not "${inline}"`);
      o[key] = Number(inline);
    } else o[key] = inline;
  }
  return { options: opts, files };
}

/** The words of a .get_maintainer.conf file, comments dropped. */
export function confWords(text: string): string[] {
  const words: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s*$/, '').replace(/^\s*/, '').replace(/\s+/g, ' ');
    if (!line || line.startsWith('#')) continue;
    for (const w of line.split(' ')) {
      if (w.startsWith('#')) break;
      words.push(w);
    }
  }
  return words;
}
