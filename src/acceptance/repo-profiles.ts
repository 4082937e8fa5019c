/**
 * The profiles patchpilot evaluates: the built-in ones, those of the tree
 * (.patchpilot/profiles.json, "a repository may carry its own"), and the
 * user's own (profiles.json in $XDG_CONFIG_HOME/patchpilot, or
 * ~/.config/patchpilot). The format is docs/profiles.md; profile-file.ts
 * reads it.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import type { ProfileDef } from './types.js';
import { PROFILES } from './profiles.js';
import { parseProfileFile } from './profile-file.js';
import { readTreeText } from '../text/input-file.js';

export const REPO_PROFILES = '.patchpilot/profiles.json';

/** The user-level profiles file, wherever the environment puts it. */
export function userProfilesPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME?.trim() || join(env.HOME?.trim() || homedir(), '.config');
  return join(base, 'patchpilot', 'profiles.json');
}

function read(path: string, shown: string): string | undefined {
  try {
    // A committed symbolic link may point at a FIFO or a device: read regular files only.
    return readTreeText(path, shown);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new UsageError(`cannot read ${shown}: ${(e as Error).message}`);
  }
}

/** Kept for callers that parse a tree's file text directly. */
export function parseRepoProfiles(text: string, taken: Set<string>): ProfileDef[] {
  return parseProfileFile(REPO_PROFILES, text, taken);
}

/** The built-in profiles, the tree's own and the user's, in that order. */
export function loadProfiles(root: string): ProfileDef[] {
  const files: [string, string][] = [[join(root, REPO_PROFILES), REPO_PROFILES]];
  const user = userProfilesPath();
  files.push([user, user]);
  let out: ProfileDef[] | undefined;
  let taken: Set<string> | undefined;
  for (const [path, shown] of files) {
    const text = read(path, shown);
    if (text === undefined) continue;
    taken ??= new Set(PROFILES.flatMap((p) => [p.id, ...p.items.flatMap((i) => [i.id, ...(i.answer?.questions ?? []).map((q) => q.id)])]));
    out = [...(out ?? PROFILES), ...parseProfileFile(shown, text, taken)];
  }
  return out ?? PROFILES;
}
