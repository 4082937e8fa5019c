/**
 * `patchpilot demo`: writes the demo repository with fixed identities and
 * dates, so that every run (and every test that reuses it) is identical.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Git } from '../git/git.js';
import { displayArg } from '../text/shell.js';
import { UsageError } from '../errors.js';
import { BASE_FILES, MAINTAINERS } from './tree.js';
import { DEMO_COMMITS, DEMO_SECTION, SUBMITTER } from './series.js';

export const DEMO_BRANCH = 'zorb-vfio';

const BASE_AUTHOR = { name: 'Tree Keeper', email: 'keeper@tree.example' };

function env(who: { name: string; email: string }, date: string): Record<string, string> {
  return {
    GIT_AUTHOR_NAME: who.name,
    GIT_AUTHOR_EMAIL: who.email,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: who.name,
    GIT_COMMITTER_EMAIL: who.email,
    GIT_COMMITTER_DATE: date,
  };
}

function writeFiles(root: string, files: Record<string, string | null>): void {
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    if (content === null) rmSync(full, { force: true });
    else {
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
  }
}

export async function createDemo(dir: string): Promise<{ root: string; branch: string }> {
  const root = resolve(dir);
  if (existsSync(root) && !statSync(root).isDirectory())
    throw new UsageError(`${displayArg(dir)} exists and is not a directory; pass --dir with a new or empty directory`);
  if (existsSync(root) && readdirSync(root).length) throw new UsageError(`${displayArg(dir)} is not empty; pass --dir with a new or empty directory`);
  try {
    mkdirSync(root, { recursive: true });
  } catch (e) {
    throw new UsageError(`cannot create ${displayArg(dir)}: ${(e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (e as Error).message}`);
  }
  const git = new Git(root);
  await git.run(['init', '-q', '-b', 'master']);
  // Local identity: the demo's submitter, whatever the user's global config says.
  await git.run(['config', 'user.name', SUBMITTER.name]);
  await git.run(['config', 'user.email', SUBMITTER.email]);
  writeFiles(root, BASE_FILES);
  await git.run(['add', '-A']);
  await git.exec(['commit', '-q', '-m', 'Demo tree 1.0'], { env: env(BASE_AUTHOR, '2026-01-05T10:00:00+00:00') });
  await git.run(['checkout', '-q', '-b', DEMO_BRANCH]);
  await git.run(['branch', '--set-upstream-to=master']).catch(() => undefined);
  for (const [i, c] of DEMO_COMMITS.entries()) {
    const files = { ...c.files };
    if (i === DEMO_COMMITS.length - 1) files.MAINTAINERS = MAINTAINERS.replace('VFIO DRIVER\n', `${DEMO_SECTION}VFIO DRIVER\n`);
    writeFiles(root, files);
    await git.run(['add', '-A']);
    await git.exec(['commit', '-q', '-F', '-'], { input: c.message, env: env(SUBMITTER, `2026-01-1${i}T09:00:00+00:00`) });
  }
  return { root, branch: DEMO_BRANCH };
}
