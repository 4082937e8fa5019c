/**
 * b4's own record of a prep branch, written the way b4 0.12 writes it, so
 * that `b4 prep --show-revision`, `b4 send` and patchpilot agree on the
 * version after patchpilot recorded a sent version: the tag
 * `sent/<branch without b4/>-vN` on the series without the cover commit, and
 * in the cover commit's tracking JSON the cover letter's Message-ID under
 * history.vN, the revision moved to N+1 and a "Changes in vN+1" section
 * from b4's template (b4 ez.py: reroll, get_sent_tagname, make_magic_json).
 */
import type { Repo } from '../git/repo.js';
import type { B4Cover } from '../series/read.js';
import { B4_MARKER } from './marker.js';

const SENT_PREFIX = 'sent/';
const LINKMASK = 'https://lore.kernel.org/r/%s';

/** b4's get_sent_tagname: "sent/<branch without b4/>-vN". */
export function b4SentTagName(branch: string, version: number): string {
  return `${SENT_PREFIX}${branch.startsWith('b4/') ? branch.slice(3) : branch}-v${version}`;
}

/** Python's json.dumps(data, indent=2): two-space indent, non-ASCII escaped as \uXXXX (ensure_ascii). */
export function pythonJson(data: unknown): string {
  return JSON.stringify(data, null, 2).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** b4's make_magic_json: the marker, its comment line, the JSON. */
export function magicJson(tracking: unknown): string {
  return `${B4_MARKER}\n# This section is used internally by b4 prep for tracking purposes.\n${pythonJson(tracking)}`;
}

/** The cover text (above the marker, stripped as b4's load_cover does) and the tracking data of a cover commit message. */
export function splitCoverMessage(message: string): { cover: string; tracking: { series: Record<string, unknown> } & Record<string, unknown> } {
  const at = message.indexOf(B4_MARKER);
  if (at < 0) throw new Error('not a b4 cover commit');
  const rest = message.slice(at + B4_MARKER.length);
  const brace = rest.indexOf('{');
  const tracking = JSON.parse(rest.slice(brace)) as { series: Record<string, unknown> };
  if (!tracking.series || typeof tracking.series !== 'object') tracking.series = {};
  return { cover: message.slice(0, at).trim(), tracking };
}

/** A Message-ID as b4 keeps it in its history: without the angle brackets. */
function cleanMsgid(id: string): string {
  return id.trim().replace(/^<|>$/g, '');
}

/**
 * The cover commit's message after version `version` went out with cover
 * letter `messageId` (b4's reroll): history.vN gets the Message-ID, the
 * revision becomes N+1, and b4's changelog template for N+1 goes in front of
 * the existing "Changes in" section, or after a new `---` line.
 */
export function rerollMessage(message: string, version: number, messageId: string | undefined): string {
  const { cover, tracking } = splitCoverMessage(message);
  const series = tracking.series;
  const history = (series.history && typeof series.history === 'object' ? series.history : {}) as Record<string, string[]>;
  const vrev = `v${version}`;
  if (messageId) {
    history[vrev] = [...(Array.isArray(history[vrev]) ? history[vrev] : []), cleanMsgid(messageId)];
    series.history = history;
  }
  const newrev = version + 1;
  series.revision = newrev;
  const links = history[vrev];
  const link = links?.length ? LINKMASK.replace('%s', links.at(-1)!) : 'EDITME (not found in tracking)';
  const prepend = `Changes in v${newrev}:\n- EDITME: describe what is new in this series revision.\n- EDITME: use bulletpoints and terse descriptions.\n- Link to v${version}: ${link}\n\n`;
  const sections = cover.split('---\n');
  let found = false;
  const out = sections.map((s, i) => {
    const heading = /^changes in v\d+/im.exec(s);
    if (!heading) return s;
    found = true;
    // In the section that starts with the title, b4's "in front of the section" would put the block above the
    // title, and b4 send would then find no subject ("(no cover subject)"): there it goes in front of the heading.
    return i === 0 ? s.slice(0, heading.index) + prepend + s.slice(heading.index) : prepend + s;
  });
  const newCover = found ? out.join('---\n') : `${cover}\n\n---\n${prepend}`;
  return `${newCover}\n\n${magicJson(tracking)}`;
}

/**
 * The cover commit's message after only the Message-ID of an already recorded
 * version was corrected: its last history entry replaced.
 */
export function correctMessageId(message: string, version: number, messageId: string): string {
  const { tracking } = splitCoverMessage(message);
  const at = message.indexOf(B4_MARKER);
  const history = (tracking.series.history ?? {}) as Record<string, string[]>;
  const list = Array.isArray(history[`v${version}`]) ? history[`v${version}`]! : [];
  history[`v${version}`] = [...list.slice(0, -1), cleanMsgid(messageId)];
  tracking.series.history = history;
  return `${message.slice(0, at)}${magicJson(tracking)}`;
}

/**
 * The commit b4 tags as the sent series: the series without its cover
 * commit. With the cover at the tip ("tip-commit"), its parent; with the
 * cover first (b4's default), the commits after it replayed onto its parent,
 * each with its own tree, author, committer and message (b4 cherry-picks).
 */
export async function coverlessTip(repo: Repo, cover: B4Cover, head: string): Promise<string> {
  const { git } = repo;
  if (cover.sha === head) return (await git.run(['rev-parse', `${head}^`])).trim();
  let parent = (await git.run(['rev-parse', `${cover.sha}^`])).trim();
  const shas = (await git.run(['rev-list', '--reverse', `${cover.sha}..${head}`])).split('\n').filter(Boolean);
  for (const sha of shas) {
    const raw = (await git.exec(['cat-file', 'commit', sha])).stdout;
    const end = raw.indexOf('\n\n');
    const headers = raw
      .subarray(0, end < 0 ? raw.length : end)
      .toString('utf8')
      .replace(/^parent [0-9a-f]+$/m, `parent ${parent}`)
      // A signature does not survive a new parent (b4's cherry-pick drops it too).
      .replace(/^gpgsig(?:-sha256)? .*(?:\n .*)*(?:\n|$)/m, '');
    const content = Buffer.concat([Buffer.from(headers, 'utf8'), end < 0 ? Buffer.alloc(0) : raw.subarray(end)]);
    parent = (await git.exec(['hash-object', '-t', 'commit', '-w', '--stdin'], { input: content })).stdout.toString('utf8').trim();
  }
  return parent;
}

/** What b4 puts in a sent tag after the cover letter, so `b4 send --resend` finds the series again. */
export function changeIdLine(cover: B4Cover): string | undefined {
  const id = (cover.tracking?.series as { 'change-id'?: unknown } | undefined)?.['change-id'];
  return typeof id === 'string' ? `change-id: ${id}` : undefined;
}

/** b4's force_revision: the same cover, the tracking data's revision set to `version`. */
export function forcedRevisionMessage(message: string, version: number): string {
  const { tracking } = splitCoverMessage(message);
  tracking.series.revision = version;
  return `${message.slice(0, message.indexOf(B4_MARKER))}${magicJson(tracking)}`;
}
