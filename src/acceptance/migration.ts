/**
 * Does the variant driver support vfio migration? The vfio migration uAPI
 * is reached through a vfio_migration_ops table (migration_set_state and
 * migration_get_state) and the VFIO_MIGRATION_* flags the driver announces;
 * the device-state machine shows as VFIO_DEVICE_STATE_* values. Any of these
 * in the driver's code means reviewers need the migration-data documentation.
 */
import type { Commit } from '../series/read.js';

export interface MigrationSign {
  path: string;
  line: number;
  commit?: string;
  text: string;
  what: string;
}

const SIGNS: [RegExp, string][] = [
  [/\bstruct\s+vfio_migration_ops\b/, 'vfio_migration_ops used'],
  [/\.migration_set_state\s*=/, 'migration_set_state handler'],
  [/\.migration_get_state\s*=/, 'migration_get_state handler'],
  [/\bmig_ops\s*=/, 'migration ops registered'],
  [/\bVFIO_MIGRATION_(STOP_COPY|P2P|PRE_COPY)\b/, 'migration flags announced'],
  [/\bVFIO_DEVICE_STATE_(STOP_COPY|RESUMING|PRE_COPY|RUNNING_P2P)\b/, 'migration states handled'],
];

/** Every sign holds one of these: one test rules out nearly every line of a driver (thousands of them) at once. */
const MAYBE = /migration|MIGRATION|mig_ops|DEVICE_STATE_/;

function signOf(text: string): string | undefined {
  if (!MAYBE.test(text) || /^\s*(\/\/|\*|\/\*)/.test(text)) return undefined;
  return SIGNS.find(([re]) => re.test(text))?.[1];
}

/** Migration signs in the lines the series adds under the given directories (one per kind and file). */
export function migrationInSeries(commits: Commit[], dirs: string[]): MigrationSign[] {
  const out: MigrationSign[] = [];
  const seen = new Set<string>();
  for (const c of commits) {
    for (const f of c.files) {
      if (!dirs.some((d) => f.path.startsWith(d)) || !/\.(c|h)$/.test(f.path)) continue;
      for (const a of f.added) {
        const what = signOf(a.text);
        if (!what || seen.has(`${f.path}\0${what}`)) continue;
        seen.add(`${f.path}\0${what}`);
        out.push({ path: f.path, line: a.line, commit: c.sha, text: a.text.trim(), what });
      }
    }
  }
  return out;
}

/** Migration signs in whole files of the tree (an existing driver whose migration code the series does not touch). */
export function migrationInFiles(files: { path: string; content: string }[]): MigrationSign[] {
  const out: MigrationSign[] = [];
  const seen = new Set<string>();
  for (const { path, content } of files) {
    content.split('\n').forEach((text, i) => {
      const what = signOf(text);
      if (!what || seen.has(what)) return;
      seen.add(what);
      out.push({ path, line: i + 1, text: text.trim(), what });
    });
  }
  return out;
}
