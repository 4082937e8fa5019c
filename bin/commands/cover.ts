import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { coverText, editTemplate, parseEdited, subjectTag, validatePrefix, validateTitle } from '../../src/letter/cover.js';
import { editText } from '../../src/editor.js';
import { UsageError } from '../../src/errors.js';
import { recipientPlan, renderCover } from '../../src/letter/export.js';
import { formatHeaderMailbox } from '../../src/mail/address.js';
import { readSeries, type Series } from '../../src/series/read.js';
import { displayArg } from '../../src/text/shell.js';
import { loadState, updateState, writeFileAtomic, type BranchState } from '../../src/store/state.js';
import { listVersions, previousOf } from '../../src/series/versions.js';
import { parseCommandArgs, withGlobals, type Command } from '../cli.js';

const usage = `Usage: patchpilot cover [--title T] [--body T | --body-file F] [--changes T] [--edit]
                        [--prefix P]... [--no-prefix] [--rfc | --no-rfc] [-o FILE] [--json]

Set and print the cover letter: "[PATCH vN 0/M] title", the body, the
"Changes in vN" blocks (newest first, with a link to the previous version when
its Message-ID is known), the acceptance answers, git's shortlog and diffstat,
the range-diff against the previous version, and base-commit. A single-patch
series has no cover letter: the text goes below the --- line of the patch.

Until you set them, the title and body come from b4's cover commit or from the
branch description (git branch --edit-description).

  --title T        the title (one line); a single patch has none (its subject is
                   the patch's own): the title is kept for a longer series
  --body T         the body text; --body-file F reads it from a file (- for stdin)
  --changes T      what changed in this version (v2 and later)
  --edit           edit title, body and changes in your editor ($GIT_EDITOR,
                   core.editor, $VISUAL, $EDITOR); help is shown below a
                   scissors line (# ----- >8 -----) and everything from that
                   line on is removed; '#' lines above it (#include) are kept
  --prefix P       a subject prefix such as RFC or a tree tag such as net-next;
                   repeat for several (replaces the list); --no-prefix clears it
  --rfc, --no-rfc  add or remove the RFC prefix alone
  -o FILE          also write the letter to FILE
  --json           the letter and its parts as JSON
`;

const OPTIONS = {
  title: { type: 'string' },
  body: { type: 'string' },
  'body-file': { type: 'string' },
  changes: { type: 'string' },
  edit: { type: 'boolean' },
  prefix: { type: 'string', multiple: true },
  'no-prefix': { type: 'boolean' },
  rfc: { type: 'boolean' },
  'no-rfc': { type: 'boolean' },
  output: { type: 'string', short: 'o' },
} as const;

function readBodyFile(path: string): string {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${displayArg(path)}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

/** The recipients for the editor's comments; a tree without MAINTAINERS just shows none. */
async function editRecipients(series: Series, state: BranchState): Promise<{ to: string[]; cc: string[] } | undefined> {
  try {
    const plan = await recipientPlan(series, state);
    const fmt = (l: { name: string; email: string }[]) => l.map((m) => formatHeaderMailbox(m.name, m.email));
    return { to: fmt(plan.to), cc: fmt(plan.cc) };
  } catch (e) {
    if (e instanceof UsageError) return undefined;
    throw e;
  }
}

const command: Command = {
  name: 'cover',
  summary: 'set and print the cover letter',
  usage,
  async run(args, ctx0) {
    const { values: v } = parseCommandArgs('cover', args, OPTIONS, false);
    if (v.help) {
      ctx0.out(usage);
      return 0;
    }
    const ctx = withGlobals(ctx0, v);
    if (v.body !== undefined && v['body-file'] !== undefined) throw new UsageError('cover: give --body or --body-file, not both');
    if (v.rfc && v['no-rfc']) throw new UsageError('cover: give --rfc or --no-rfc, not both');
    if (v.prefix && v['no-prefix']) throw new UsageError('cover: give --prefix or --no-prefix, not both');
    const title = v.title !== undefined ? validateTitle(v.title) : undefined;
    const body = v['body-file'] !== undefined ? readBodyFile(v['body-file']) : v.body;
    const prefixes = v.prefix?.map(validatePrefix);

    const series = await readSeries({ repoDir: ctx.repoDir, base: ctx.base });
    if (!series.branch) throw new UsageError('HEAD is detached; check out the topic branch (the cover letter is kept per branch)');
    const { repo } = series;
    const branch = series.branch;
    let state = loadState(repo.commonDir, branch);
    if (v.changes !== undefined && series.version < 2) {
      throw new UsageError('cover: --changes is for v2 and later; this is v1 (patchpilot sent records a sent version and starts the next)');
    }

    let edited: ReturnType<typeof parseEdited> | undefined;
    if (v.edit) {
      const seeded = await coverText(repo, series, state);
      const versions = await listVersions(repo, branch, state, series.b4Cover);
      const n = series.commits.length;
      const template = editTemplate(seeded, state, {
        version: series.version,
        prev: previousOf(versions, series.version),
        subjectTag: subjectTag(state.cover.prefixes, series.version, 0, n),
        shortlog: series.commits.map((c) => c.subject),
        recipients: await editRecipients(series, state),
      });
      const text = await editText(repo.git, template, 'COVER_LETTER');
      if (text.trim()) edited = parseEdited(text, series.version);
      else ctx.err('cover: the edited text was empty; nothing changed');
    }

    const changing = title !== undefined || body !== undefined || v.changes !== undefined || edited || prefixes || v['no-prefix'] || v.rfc || v['no-rfc'];
    if (changing) {
      const seeded = await coverText(repo, series, state);
      state = updateState(repo.commonDir, branch, (s: BranchState) => {
        // The first change keeps what was seeded from b4 or the branch description.
        if (s.cover.title === undefined && s.cover.body === undefined && seeded.source !== 'none') {
          s.cover.title = seeded.title;
          s.cover.body = seeded.body;
        }
        if (edited) {
          s.cover.title = edited.title;
          s.cover.body = edited.body;
          if (edited.changes !== undefined) s.cover.changes[String(series.version)] = edited.changes;
        }
        if (title !== undefined) s.cover.title = title;
        if (body !== undefined) s.cover.body = body.replace(/\r\n/g, '\n').trim();
        if (v.changes !== undefined) s.cover.changes[String(series.version)] = v.changes.replace(/\r\n/g, '\n').trim();
        if (prefixes) s.cover.prefixes = [...new Set(prefixes)];
        if (v['no-prefix']) s.cover.prefixes = [];
        if (v.rfc && !s.cover.prefixes.includes('RFC')) s.cover.prefixes = ['RFC', ...s.cover.prefixes];
        if (v['no-rfc']) s.cover.prefixes = s.cover.prefixes.filter((p) => p !== 'RFC');
      });
    }

    const r = await renderCover(series, state);
    if (r.single && (title !== undefined || edited?.title)) {
      ctx.err(
        `note: a single patch has no cover letter, so the title is not used: the subject is the patch's own ("${r.subject}"); the title is kept for when the series has more patches. The body${series.version > 1 ? ' and changes go' : ' goes'} below the --- line of the patch.`,
      );
    }
    const letter = `Subject: ${r.subject}\n\n${r.text}\n`;
    if (v.output !== undefined) {
      try {
        writeFileAtomic(resolve(v.output), letter);
      } catch (e) {
        throw new UsageError(`cannot write ${displayArg(v.output)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    }
    const p = r.prepared;
    if (ctx.json) {
      ctx.out(
        JSON.stringify(
          {
            subject: r.subject,
            title: p.cover.title,
            body: p.cover.body,
            source: p.cover.source,
            prefixes: p.prefixes,
            version: series.version,
            changes: state.cover.changes,
            previous: p.prev ? { version: p.prev.version, tag: p.prev.tag, tip: p.prev.tip, messageId: p.prev.messageId, source: p.prev.source } : null,
            single: r.single,
            text: r.text,
            warnings: p.warnings,
          },
          null,
          2,
        ),
      );
    } else {
      if (r.single) ctx.out(ctx.paint.dim('# a single patch: this text goes below the --- line of the patch'));
      ctx.out(letter);
      for (const w of p.warnings) ctx.err(`note: ${w}`);
    }
    return 0;
  },
};
export default command;
