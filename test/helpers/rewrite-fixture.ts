/**
 * A topic branch of N commits built with one `git fast-import`, so tests of
 * rewriting can afford fresh repositories. Fixed dates: the same N gives the
 * same commits in every repository, and so the same rewritten tip.
 */
import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HERMETIC_ENV, TestRepo } from './repo.js';

export const SUBMITTER = { name: HERMETIC_ENV.GIT_AUTHOR_NAME!, email: HERMETIC_ENV.GIT_AUTHOR_EMAIL! };

export function seriesMessage(i: number): string {
  return `subsys: change number ${i}\n\nWhy change ${i} is needed.\n\nSigned-off-by: ${SUBMITTER.name} <${SUBMITTER.email}>\n`;
}

export function makeSeries(n: number, opts: { objectFormat?: 'sha1' | 'sha256'; message?: (i: number) => string; dir?: string } = {}): TestRepo {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'pp-rewrite-'));
  const repo = new TestRepo(dir);
  repo.git(['init', '-q', '-b', 'master', ...(opts.objectFormat ? [`--object-format=${opts.objectFormat}`] : [])]);
  appendFileSync(join(dir, '.git', 'config'), `[user]\n\tname = ${SUBMITTER.name}\n\temail = ${SUBMITTER.email}\n`);
  const msg = opts.message ?? seriesMessage;
  const t0 = 1767225600;
  let fi = `commit refs/heads/master\ncommitter Base <base@test.example> ${t0} +0000\ndata 5\nbase\nM 644 inline README\ndata 5\nbase\n\n`;
  for (let i = 1; i <= n; i++) {
    const m = msg(i);
    const file = `content ${i}\n`;
    const who = `${SUBMITTER.name} <${SUBMITTER.email}> ${t0 + i * 60} +0000`;
    fi += `commit refs/heads/topic\nauthor ${who}\ncommitter ${who}\ndata ${Buffer.byteLength(m)}\n${m}`;
    fi += `${i === 1 ? 'from refs/heads/master\n' : ''}M 644 inline f${i % 7}\ndata ${Buffer.byteLength(file)}\n${file}\n`;
  }
  repo.git(['fast-import', '--quiet'], fi);
  repo.git(['checkout', '-q', 'topic']);
  return repo;
}

/** sha, message and the raw headers of every commit base..ref, oldest first. */
export function commitsOf(repo: TestRepo, ref = 'HEAD', base = 'master'): { sha: string; raw: string; message: string }[] {
  return repo
    .git(['rev-list', '--reverse', `${base}..${ref}`])
    .split('\n')
    .filter(Boolean)
    .map((sha) => {
      const raw = repo.git(['cat-file', 'commit', sha]);
      return { sha, raw, message: raw.slice(raw.indexOf('\n\n') + 2) };
    });
}

export function headerOf(raw: string, name: string): string | undefined {
  const m = new RegExp(`^${name} (.*)$`, 'm').exec(raw.slice(0, raw.indexOf('\n\n')));
  return m?.[1];
}
