/**
 * What the decisions read, gathered once: the tree's MAINTAINERS and
 * .mailmap, files of the working tree (read lazily, cached), the
 * variant-driver directories of the series, and the two git questions some
 * items ask (which commits Fixes: tags name; who includes a header).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { objectCache } from '../git/object-cache.js';
import { loadMailmap } from '../mail/mailmap.js';
import type { Series } from '../series/read.js';
import type { BranchState } from '../store/state.js';
import type { CheckpatchRun } from './checkpatch.js';
import { loadView, type MaintainersView } from './maintainers-view.js';
import type { EvalContext, Lookups } from './types.js';
import { readTreeText } from '../text/input-file.js';

const VARIANT_DIR = /^(drivers\/vfio\/pci\/[^/]+\/)/;

export function variantDirsOf(paths: string[]): string[] {
  const dirs: string[] = [];
  for (const p of paths) {
    const m = VARIANT_DIR.exec(p);
    if (m && !dirs.includes(m[1]!)) dirs.push(m[1]!);
  }
  return dirs;
}

function lookupsFor(series: Series): Lookups {
  const git = series.repo.git;
  const tree = series.repo.headTree;
  // Which files include a header depends only on the tree: kept per tree, so the grep (seconds on a kernel tree)
  // runs once per tree. It reads the working tree; an uncommitted #include shows once it is committed.
  const includersCache = tree ? objectCache<string[]>(series.repo.commonDir, 'includers', tree) : undefined;
  const trackedCache = tree ? objectCache<string[]>(series.repo.commonDir, 'tracked', tree) : undefined;
  const grepIncluders = async (header: string) => {
    const grep = async (paths: string[]) => (await git.run(['grep', '-l', '-F', '-e', header, '--', ...paths], { okCodes: [1] })).split('\n').filter(Boolean);
    // Reading every file under drivers/ takes seconds on a kernel tree; the driver that owns
    // include/linux/<dir>/ nearly always lives in a directory named after <dir>, so look there first.
    const dir = /^linux\/([A-Za-z0-9_-]+)\//.exec(header)?.[1];
    const near = dir ? await grep([`:(glob)drivers/**/*${dir}*/**`]) : [];
    return near.some((p) => !p.startsWith('drivers/vfio/')) ? near : grep(['drivers/', 'include/']);
  };
  return {
    async commitSubjects(shas) {
      const out = new Map<string, { sha: string; subject: string }>();
      const asked = [...new Set(shas.filter((s) => /^[0-9a-fA-F]{4,40}$/.test(s)))];
      if (!asked.length) return out;
      const check = await git.exec(['cat-file', '--batch-check=%(objectname) %(objecttype)'], { input: asked.map((s) => `${s}\n`).join('') });
      const lines = check.stdout.toString('utf8').split('\n');
      const full = new Map<string, string>();
      asked.forEach((s, i) => {
        const [sha, type] = (lines[i] ?? '').split(' ');
        if (type === 'commit' && sha) full.set(s, sha);
      });
      if (!full.size) return out;
      const log = await git.run(['log', '--no-walk=unsorted', '--format=%H%x00%s', ...new Set(full.values())]);
      const subjects = new Map(
        log
          .split('\n')
          .filter(Boolean)
          .map((l) => l.split('\0') as [string, string]),
      );
      for (const [abbrev, sha] of full) out.set(abbrev, { sha, subject: subjects.get(sha) ?? '' });
      return out;
    },
    async includers(header) {
      const known = includersCache?.get(header);
      if (known) return known;
      const found = await grepIncluders(header);
      includersCache?.set(header, found);
      return found;
    },
    async trackedFiles(patterns) {
      if (!patterns.length) return [];
      if (tree && !patterns.some((p) => /[*?[]/.test(p))) {
        // Plain F: entries (a file, or everything under a directory) in HEAD's tree: the same list as the index gives for
        // a committed series, without reading the index (20 ms of git on a kernel tree), and kept per tree.
        const key = patterns.join('\0');
        const known = trackedCache?.get(key);
        if (known) return known;
        const listed = (await git.run(['ls-tree', '-r', '-z', '--name-only', tree, '--', ...patterns])).split('\0').filter(Boolean);
        trackedCache?.set(key, listed);
        return listed;
      }
      // F: globs stop at '/', as :(glob) does; a plain F: names a file or everything under a directory.
      const specs = patterns.map((p) => (/[*?[]/.test(p) ? `:(glob)${p.endsWith('/') ? `${p}**` : p}` : `:(literal)${p}`));
      const out = await git.run(['ls-files', '-z', '--', ...specs]);
      return out.split('\0').filter(Boolean);
    },
  };
}

/** What drivers/vfio/pci/ of the base commit holds: kept per base commit, which never changes. */
async function vfioDirsAt(series: Series): Promise<string[]> {
  const cache = objectCache<string[]>(series.repo.commonDir, 'vfio-pci-dirs', series.base.commit);
  const known = cache.get('drivers/vfio/pci/');
  if (known) return known;
  const listed = (await series.repo.git.run(['ls-tree', '--name-only', series.base.commit, 'drivers/vfio/pci/'])).split('\n').filter(Boolean);
  cache.set('drivers/vfio/pci/', listed);
  return listed;
}

export interface ContextOptions {
  checkpatch?: CheckpatchRun;
  /** A MAINTAINERS view already loaded (the TUI keeps one). */
  maintainers?: MaintainersView | null;
}

export async function buildContext(series: Series, state: BranchState, opts: ContextOptions = {}): Promise<EvalContext> {
  const root = series.repo.root;
  const files = new Map<string, string | undefined>();
  const readFile = (p: string) => {
    if (!files.has(p)) {
      let text: string | undefined;
      try {
        // A committed symbolic link may point at a FIFO or a device: read regular files only.
        text = readTreeText(join(root, p));
      } catch {
        text = undefined;
      }
      files.set(p, text);
    }
    return files.get(p);
  };
  const paths: string[] = [];
  for (const c of series.commits) for (const f of c.files) if (!paths.includes(f.path)) paths.push(f.path);
  const variantDirs = variantDirsOf(paths);
  // Started before MAINTAINERS is read, so that git answers while node scans.
  const vfioDirs = variantDirs.length ? vfioDirsAt(series) : undefined;
  vfioDirs?.catch(() => {}); // awaited below, unless reading MAINTAINERS fails first
  let maintainers: MaintainersView | null = opts.maintainers ?? null;
  let maintainersError: string | undefined;
  if (opts.maintainers === undefined) {
    try {
      maintainers = loadView(root);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      maintainersError = existsSync(join(root, 'MAINTAINERS')) ? e.message : 'no MAINTAINERS file in this tree';
    }
  }
  let newVariantDirs: string[] = [];
  if (vfioDirs) {
    const existing = new Set((await vfioDirs).map((p) => `${p}/`));
    newVariantDirs = variantDirs.filter((d) => !existing.has(d));
  }
  return {
    series,
    state,
    root,
    mailmap: loadMailmap(root),
    maintainers,
    ...(maintainersError ? { maintainersError } : {}),
    readFile,
    exists: (p) => existsSync(join(root, p)),
    paths,
    variantDirs,
    newVariantDirs,
    ...(opts.checkpatch ? { checkpatch: opts.checkpatch } : {}),
    answers: state.answers,
    lookups: lookupsFor(series),
  };
}
