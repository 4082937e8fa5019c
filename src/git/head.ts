/**
 * HEAD's commit id read from the repository's files, for a question whose
 * answer is kept per commit id (src/git/object-cache.ts) and is worth asking
 * without starting git (the maintainers command asks git nothing else in the
 * common case). Only the plain layouts are read: a .git directory or a
 * worktree's .git file, HEAD naming a branch (loose or in packed-refs) or a
 * commit. Anything else (GIT_DIR and friends, reftable, replace refs that could
 * swap the commit git would read, a symbolic ref to a symbolic ref) is
 * undefined: then ask git.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const OBJECT_ID = /^([0-9a-f]{40}|[0-9a-f]{64})$/;
const ENV = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_COMMON_DIR', 'GIT_NAMESPACE', 'GIT_OBJECT_DIRECTORY', 'GIT_REPLACE_REF_BASE'];

const read = (p: string) => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};

export interface HeadFromFiles {
  /** HEAD's commit id. */
  id: string;
  /** The repository's common directory (where object-cache.ts keeps its files). */
  commonDir: string;
}

/** HEAD of the work tree whose top directory is `root`, or undefined when its layout is not a plain one. */
export function headFromFiles(root: string): HeadFromFiles | undefined {
  if (ENV.some((k) => process.env[k] !== undefined)) return undefined;
  try {
    const dotGit = join(root, '.git');
    let gitDir = dotGit;
    if (!statSync(dotGit).isDirectory()) {
      const m = /^gitdir: (.+)$/.exec((read(dotGit) ?? '').trimEnd());
      if (!m) return undefined;
      gitDir = resolve(root, m[1]!);
    }
    const common = read(join(gitDir, 'commondir'));
    const commonDir = common === undefined ? gitDir : resolve(gitDir, common.trimEnd());
    if (existsSync(join(commonDir, 'reftable'))) return undefined;
    const packed = read(join(commonDir, 'packed-refs')) ?? '';
    if (packed.includes(' refs/replace/')) return undefined;
    try {
      if (readdirSync(join(commonDir, 'refs', 'replace')).length) return undefined;
    } catch {
      // No replace refs.
    }
    const head = (read(join(gitDir, 'HEAD')) ?? '').trimEnd();
    if (OBJECT_ID.test(head)) return { id: head, commonDir };
    const ref = /^ref: (refs\/heads\/[^\s]+)$/.exec(head)?.[1];
    if (!ref || ref.split('/').some((p) => p === '..' || p === '.' || p === '')) return undefined;
    const loose = read(join(commonDir, ref));
    if (loose !== undefined) {
      const id = loose.trimEnd();
      return OBJECT_ID.test(id) ? { id, commonDir } : undefined;
    }
    for (const line of packed.split('\n')) {
      if (line.length > 41 && line.endsWith(` ${ref}`)) {
        const id = line.slice(0, line.length - ref.length - 1);
        return OBJECT_ID.test(id) ? { id, commonDir } : undefined;
      }
    }
    return undefined;
  } catch {
    return undefined;
  }
}
