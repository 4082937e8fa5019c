/**
 * Marking a version as sent, on any branch: patchpilot's and git-publish's
 * `<branch>-vN` tag on the tip; on a b4 prep branch b4's conventions instead
 * (its `sent/` tag on the series without the cover commit, and its tracking
 * data in the cover commit updated as `b4 send` does), so b4 and patchpilot
 * agree on the version afterwards.
 */
import { UsageError } from '../errors.js';
import { rewriteBranch } from '../history/rewrite.js';
import type { Series } from '../series/read.js';
import { createVersionTag, forceVersion, versionTagName } from '../series/versions.js';
import { coverAboveBase } from './base.js';
import { b4SentTagName, changeIdLine, correctMessageId, coverlessTip, forcedRevisionMessage, rerollMessage } from './tracking.js';

export interface TaggedVersion {
  tag: string;
  /** The commit the tag marks: what was sent. */
  tip: string;
  /** The branch tip afterwards (differs from the old one when b4's cover commit was updated). */
  head: string;
}

/** Put `change-id:` after `base-commit:` as b4's tag messages have it (b4 send --resend reads both). */
function withChangeId(message: string, line: string | undefined): string {
  if (!line) return message;
  return /^base-commit: .*$/m.test(message) ? message.replace(/^(base-commit: .*)$/m, `$1\n${line}`) : `${message.trimEnd()}\n\n${line}\n`;
}

export async function tagSentVersion(series: Series, version: number, message: string, messageId: string | undefined): Promise<TaggedVersion> {
  const { repo } = series;
  const branch = series.branch!;
  const cover = series.b4Cover;
  if (!cover) {
    const tag = versionTagName(branch, version);
    await createVersionTag(repo, tag, repo.head, message, version);
    return { tag, tip: repo.head, head: repo.head };
  }
  if (series.commits.length && cover.sha !== repo.head && series.commits[0]!.parents[0] !== cover.sha) throw coverAboveBase(series);
  if (!cover.tracking) throw new UsageError(`the tracking data in b4's cover commit ${cover.sha.slice(0, 12)} does not parse; fix it with b4 prep first`);
  const tag = b4SentTagName(branch, version);
  const tip = await coverlessTip(repo, cover, repo.head);
  // The cover commit is rewritten first: a refusal there (a dirty tree, an operation under way) leaves no tag behind.
  const raw = (await repo.git.exec(['cat-file', 'commit', cover.sha])).stdout;
  const body = raw.subarray(raw.indexOf('\n\n') + 2);
  const r = await rewriteBranch(repo, {
    branch,
    base: series.base.commit,
    oldTip: repo.head,
    edit: new Map([[cover.sha, () => Buffer.from(rerollMessage(body.toString('utf8'), version, messageId), 'utf8')]]),
    what: `sent v${version}: b4 tracking data to v${version + 1}`,
  });
  await createVersionTag(repo, tag, tip, withChangeId(message, changeIdLine(cover)), version);
  return { tag, tip, head: r?.newTip ?? repo.head };
}

/** Correct the Message-ID of a version just recorded: in b4's history too on a b4 branch. Returns the new branch tip. */
export async function correctSentMessageId(series: Series, version: number, messageId: string): Promise<string> {
  const { repo } = series;
  const cover = series.b4Cover;
  if (!cover?.tracking) return repo.head;
  const raw = (await repo.git.exec(['cat-file', 'commit', cover.sha])).stdout;
  const body = raw.subarray(raw.indexOf('\n\n') + 2).toString('utf8');
  const r = await rewriteBranch(repo, {
    branch: series.branch!,
    base: series.base.commit,
    oldTip: repo.head,
    edit: new Map([[cover.sha, () => Buffer.from(correctMessageId(body, version, messageId), 'utf8')]]),
    what: `sent v${version}: Message-ID corrected in b4's tracking data`,
  });
  return r?.newTip ?? repo.head;
}

/**
 * Set the version being prepared by hand; on a b4 branch b4's revision too
 * (as b4 prep --force-revision writes it), so both keep agreeing.
 */
export async function forceRevision(series: Series, version: number): Promise<void> {
  const { repo } = series;
  const branch = series.branch!;
  const cover = series.b4Cover;
  if (cover?.tracking && Number((cover.tracking.series as { revision?: unknown } | undefined)?.revision) !== version) {
    const raw = (await repo.git.exec(['cat-file', 'commit', cover.sha])).stdout;
    const body = raw.subarray(raw.indexOf('\n\n') + 2).toString('utf8');
    await rewriteBranch(repo, {
      branch,
      base: series.base.commit,
      oldTip: repo.head,
      edit: new Map([[cover.sha, () => Buffer.from(forcedRevisionMessage(body, version), 'utf8')]]),
      what: `revision forced to v${version} in b4's tracking data`,
    });
  }
  forceVersion(repo, branch, version);
}
