/**
 * `patchpilot maintainers`: the script's main program. Options (with
 * .get_maintainer.conf prepended), the files or patches to look at, the
 * engine, and the output in the script's format. Git is loaded only when a
 * patch has Fixes: tags or a patch file lies inside the tree, so the common
 * case starts without it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { homedir } from 'node:os';
import { UsageError } from '../../src/errors.js';
import { createDb, type MaintainersDb } from '../../src/maintainers/db.js';
import { emptyGmMailmap, parseGmMailmap, type GmMailmap } from '../../src/maintainers/email.js';
import { getMaintainers, mergeEmail } from '../../src/maintainers/engine.js';
import { gitLines, SIGNERS_FORMAT, sinceBounds } from '../../src/maintainers/history.js';
import { headFromFiles } from '../../src/git/head.js';
import { objectCache } from '../../src/git/object-cache.js';
import type { Git } from '../../src/git/git.js';
import { confWords, parseGmArgs, type GmOptions } from './options.js';
import { parseWithCache } from '../../src/maintainers/cache.js';
import { parseMaintainersTexts } from '../../src/maintainers/parse.js';
import { keywordsOf, scanFileKeywords, scanPatch } from '../../src/maintainers/patch.js';
import { rfc822Valid } from '../../src/maintainers/rfc822.js';
import { sanitizeText } from '../../src/text/sanitize.js';
import { readTreeText } from '../../src/text/input-file.js';

export interface RunIo {
  cwd: string;
  out: (text: string) => void;
  err: (text: string) => void;
  /** Standard input's text, read only when no file is named. */
  stdin: () => string;
  stdinIsTty: boolean;
  /** --json given before the command name. */
  json?: boolean;
}

/** The tree: --repo, else the nearest directory upwards from cwd that has a MAINTAINERS. */
export function findTreeRoot(cwd: string, repo?: string): string {
  if (repo) return resolve(cwd, repo);
  let dir = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, 'MAINTAINERS'))) return dir;
    const up = dirname(dir);
    if (up === dir) return resolve(cwd);
    dir = up;
  }
}

function whichConf(root: string, name: string): string | undefined {
  for (const d of [root, process.env.HOME ?? homedir(), join(root, '.scripts')]) {
    const p = join(d, name);
    if (existsSync(p)) return p;
  }
  return undefined;
}

/** Every MAINTAINERS file the options name, read into one typevalue list. */
export function loadAllMaintainers(root: string, mpath?: string): MaintainersDb {
  let path = join(root, 'MAINTAINERS');
  if (mpath) path = resolve(root, mpath.replace(/^~(?=\/|$)/, process.env.HOME ?? homedir()));
  let files: string[];
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new UsageError(`MAINTAINERS file not found: ${path} (run inside a kernel tree, or pass --repo DIR)`);
  }
  if (st.isDirectory()) {
    files = readdirSync(path)
      .filter((f) => !f.startsWith('.'))
      .map((f) => join(path, f));
    if (!files.length) throw new UsageError(`no MAINTAINERS files found in ${path}`);
  } else files = [path];
  // Regular files only: a symbolic link to a FIFO or a device must not hang the command.
  const text = (f: string) => readTreeText(f, 'MAINTAINERS file') ?? '';
  const { typevalue, warnings, cacheKey } =
    files.length === 1
      ? parseWithCache(files[0]!, text(files[0]!), relative(root, files[0]!) || files[0]!)
      : parseMaintainersTexts(files.map((f) => ({ text: text(f), file: relative(root, f) || f })));
  return createDb(root, files.length === 1 ? files[0]! : path, typevalue, warnings, cacheKey);
}

export function loadGmMailmap(root: string, use: boolean): GmMailmap {
  if (!use) return emptyGmMailmap();
  try {
    return parseGmMailmap(readTreeText(join(root, '.mailmap'), '.mailmap') ?? '');
  } catch {
    return emptyGmMailmap();
  }
}

function loadIgnore(root: string): string[] {
  const p = whichConf(root, '.get_maintainer.ignore');
  if (!p) return [];
  const out: string[] = [];
  for (const raw of (readTreeText(p, '.get_maintainer.ignore') ?? '').split('\n')) {
    const line = raw.replace(/\s*$/, '').replace(/^\s*/, '').replace(/#.*$/, '');
    if (!/^\s*$/.test(line) && rfc822Valid(line)) out.push(line);
  }
  return out;
}

/** Perl's canonpath: no repeated or trailing '/', no '/./'. */
function canonpath(p: string): string {
  let s = p
    .replace(/\/+/g, '/')
    .replace(/(\/\.)+(\/|$)/g, '/')
    .replace(/^(\.\/)+(?=.)/, '');
  if (s.length > 1) s = s.replace(/\/$/, '');
  return s;
}

export function validate(o: GmOptions): void {
  if (o.separator !== ', ') o.multiline = false;
  if (o.interactive) throw new UsageError('maintainers: --interactive is not supported; use patchpilot (the TUI) or cc --drop/--add');
  if (o.rolestats) o.roles = true;
  if (o.sections || o.letters !== '') {
    Object.assign(o, {
      sections: true,
      email: false,
      l: false,
      scm: false,
      status: false,
      subsystem: false,
      web: false,
      bug: false,
      keywords: false,
      keywordsInFile: false,
    });
  } else if (!(o.email || o.scm || o.status || o.subsystem || o.web || o.bug)) {
    throw new UsageError('maintainers: missing required option: email, scm, status, subsystem, web or bug');
  }
  if (o.email && !(o.m || o.r || o.l || o.s || o.git || o.gitChiefPenguins || o.gitBlame)) {
    throw new UsageError('maintainers: please select at least 1 email option');
  }
  if (o.gitBlame) throw new UsageError('maintainers: --git-blame is not supported (use --git or the default --git-fallback for signers from history)');
  if (o.selfTest !== undefined) throw new UsageError('maintainers: --self-test is not supported');
}

export async function runMaintainers(argv: string[], io: RunIo, usage: string): Promise<number> {
  const pre = parseGmArgs(argv);
  if (pre.options.help) {
    io.out(usage);
    return 0;
  }
  if (pre.options.version) {
    io.out('patchpilot maintainers (get_maintainer.pl 0.26 compatible)');
    return 0;
  }
  const root = findTreeRoot(io.cwd, pre.options.repo);
  const conf = whichConf(root, '.get_maintainer.conf');
  const { options: o, files: args } = conf ? parseGmArgs([...confWords(readTreeText(conf, '.get_maintainer.conf') ?? ''), ...argv]) : pre;
  validate(o);
  if (io.stdinIsTty && !args.length) throw new UsageError('maintainers: missing patch file or -f FILE (see patchpilot maintainers --help)');
  const db = loadAllMaintainers(root, o.maintainerPath);
  for (const w of db.warnings) io.err(`patchpilot: ${w.file}:${w.line}: ${w.message}`);
  const mailmap = loadGmMailmap(root, o.mailmap);
  const keywords = keywordsOf(db);
  const hasGit = existsSync(join(root, '.git'));
  let git: Git | undefined;
  const getGit = async () => (git ??= new (await import('../../src/git/git.js')).Git(root));

  let files: string[] = [];
  const fixes: string[] = [];
  const hits: number[] = [];
  const inputs = args.length ? args : ['&STDIN'];
  for (let arg of inputs) {
    let abs = '';
    if (arg !== '&STDIN') {
      abs = resolve(io.cwd, arg);
      // With --repo, paths may be given relative to the tree rather than to the current directory.
      if (!existsSync(abs) && existsSync(resolve(root, arg))) abs = resolve(root, arg);
      let st;
      try {
        st = statSync(abs);
      } catch {
        throw new UsageError(`maintainers: file '${arg}' not found`);
      }
      arg = canonpath(relative(root, abs) || '.');
      if (st.isDirectory()) arg = arg.replace(/([^/])$/, '$1/');
      else if (!st.isFile()) throw new UsageError(`maintainers: file '${arg}' not found`);
    }
    let tracked = false;
    if (!o.file && arg !== '&STDIN' && hasGit && !arg.startsWith('../') && !isAbsolute(arg)) {
      tracked = Boolean((await (await getGit()).tryRun(['ls-files', '--', arg]))?.trim());
    }
    if (o.file || tracked) {
      if (arg.startsWith('../') || isAbsolute(arg)) throw new UsageError(`maintainers: ${abs} is outside the tree ${root}`);
      files.push(arg);
      if (arg !== 'MAINTAINERS' && o.keywords && o.keywordsInFile && statSync(join(root, arg)).isFile()) {
        hits.push(...scanFileKeywords(readFileSync(join(root, arg), 'utf8'), keywords));
      }
      continue;
    }
    const text = arg === '&STDIN' ? io.stdin() : readFileSync(abs, 'utf8');
    const scan = scanPatch(text, keywords, { keywords: o.keywords, fixes: o.fixes });
    if (!scan.isPatch) io.err(`patchpilot: maintainers: file '${arg === '&STDIN' ? 'stdin' : arg}' doesn't appear to be a patch.  Add -f to options?`);
    files.push(...scan.files);
    fixes.push(...scan.fixes);
    hits.push(...scan.keywords);
    files = [...new Set(files)].sort();
  }

  const result = await getMaintainers({
    db,
    mailmap,
    opts: o,
    files,
    keywordHits: hits,
    fixes,
    ignore: fixes.length ? loadIgnore(root) : [],
    commitSignatures: hasGit ? (sha) => commitSignatures(getGit, sha, o.gitAllSignatureTypes) : undefined,
    fileHistory: hasGit ? fileHistoryOf(root, getGit, o.gitSince) : undefined,
  });
  for (const w of result.warnings) io.err(w);
  if (result.sectionText.length) io.out(`${result.sectionText.map(sanitizeText).join('\n')}\n`);
  const uniq = (a: string[]) => [...new Set(a)];
  if (o.json || io.json) {
    const seen = new Set<string>();
    const recipients = result.entries.filter(([a]) => !seen.has(a) && seen.add(a)).map(([address, role]) => ({ address, role }));
    const extra = (on: boolean, list: string[]) => (on ? uniq(list) : undefined);
    io.out(
      JSON.stringify(
        {
          recipients,
          scm: extra(o.scm, result.scm),
          status: extra(o.status, result.status),
          subsystem: extra(o.subsystem, result.subsystem),
          web: extra(o.web, result.web),
          bug: extra(o.bug, result.bug),
        },
        null,
        2,
      ),
    );
    return 0;
  }
  const print = (raw: string[]) => {
    // Names come from MAINTAINERS and .mailmap: a control character in one is shown escaped (no change for any other text).
    const items = raw.map(sanitizeText);
    if (o.multiline) {
      if (items.length) io.out(items.join('\n'));
    } else io.out(`${items.join(o.separator)}\n`);
  };
  const lines = mergeEmail(result.entries, o.roles);
  if (lines.length) print(lines);
  if (o.scm) print(uniq(result.scm));
  if (o.status) print(uniq(result.status));
  if (o.subsystem) print(uniq(result.subsystem));
  if (o.web) print(uniq(result.web));
  if (o.bug) print(uniq(result.bug));
  return 0;
}

/**
 * The script's `git log --follow --since=SINCE` of one file, for --git and --git-fallback. git walks from HEAD and
 * stops at the first commit older than SINCE: when HEAD itself is older, every file's log is empty (windowIsEmpty).
 * Otherwise each file's log runs, as before.
 */
function fileHistoryOf(root: string, getGit: () => Promise<Git>, since: string): (file: string) => Promise<string> {
  let window: Promise<boolean> | undefined;
  return async (file) => {
    if (await (window ??= windowIsEmpty(root, getGit, since))) return '';
    const git = await getGit();
    return (
      (await git.tryRun(['log', '--no-color', '--follow', `--since=${since}`, '--numstat', '--no-merges', `--format=${SIGNERS_FORMAT}`, '--', file])) ?? ''
    );
  };
}

/**
 * Whether HEAD's commit is older than SINCE. HEAD's committer date (what git compares) is kept per commit id, so
 * for the relative forms of SINCE a later run decides from the clock alone, without git, unless the date is within
 * a day of the bound; every other case asks git itself, with one `git rev-list -1 --since=SINCE HEAD` for all files.
 */
async function windowIsEmpty(root: string, getGit: () => Promise<Git>, since: string): Promise<boolean> {
  const bounds = sinceBounds(since, Date.now());
  const head = bounds ? headFromFiles(root) : undefined;
  const dates = head && bounds ? objectCache<number>(head.commonDir, 'commit-date', head.id) : undefined;
  let date = dates?.get('committer');
  if (date === undefined && dates) {
    const m = /^(\S+) (\d+)$/.exec((await (await getGit()).tryRun(['log', '-1', '--format=%H %ct', 'HEAD', '--']))?.trim() ?? '');
    // Only when git reads HEAD as the files did.
    if (m && m[1] === head!.id) dates.set('committer', (date = Number(m[2])));
  }
  if (typeof date === 'number' && bounds) {
    if (date < bounds.earliest) return true;
    if (date >= bounds.latest) return false;
  }
  return (await (await getGit()).tryRun(['rev-list', '-1', `--since=${since}`, 'HEAD', '--']))?.trim() === '';
}

/** The signature lines of a commit as the script's `git log -1` sees them (vcs_add_commit_signers). */
async function commitSignatures(getGit: () => Promise<Git>, sha: string, allTypes: boolean): Promise<string[] | null> {
  const git = await getGit();
  const out = await git.tryRun(['log', '--no-color', '--numstat', `--format=${SIGNERS_FORMAT}`, '-1', sha, '--']);
  if (out === null) return [];
  const sig = allTypes ? /^[ \t]*(.+?)[Bb][Yy]:.*@.*$/ : /^[ \t]*(Signed-off-by:|Reviewed-by:|Acked-by:).*@.*$/;
  return gitLines(out).filter((l) => sig.test(l));
}
