import { readFileSync } from 'node:fs';
import { isatty } from 'node:tty';
import { runMaintainers } from '../maintainers/run.js';
import type { Command } from '../cli.js';

const usage = `Usage: patchpilot maintainers [OPTIONS] [PATCH...]
       patchpilot maintainers [OPTIONS] -f FILE|DIRECTORY...

A drop-in for the kernel's scripts/get_maintainer.pl: same options, same
output lines and roles, read from the tree's MAINTAINERS and .mailmap.
Patches are read from the files named, or from standard input.

Selection:  --[no-]m --[no-]r --[no-]l --[no-]s --[no-]moderated --[no-]n
            --[no-]fixes (signers of Fixes: commits, via git log -1)
            --[no-]git (signers from history for every file), --git-since,
            --git-min-signatures, --git-max-maintainers, --git-min-percent,
            --[no-]git-all-signature-types
            --[no-]git-chief-penguins --[no-]git-fallback --[no-]keywords
            --[no-]keywords-in-file --[no-]file-emails --pattern-depth N
            --[no-]mailmap --[no-]remove-duplicates
Output:     --[no-]roles --[no-]rolestats --[no-]multiline --separator SEP
            --scm --status --subsystem --web --bug --sections --letters L
Other:      --repo DIR (the tree; default: the nearest directory up with a
            MAINTAINERS), --mpath PATH, --no-tree, -f/--file,
            --json (each address with its role, as JSON)
.get_maintainer.conf and .get_maintainer.ignore are honoured as by the script.

Not supported (refused with a message): --git-blame, --interactive,
--self-test.

Ties between equally specific sections are broken by their position in
MAINTAINERS (the script uses Perl's hash order, which changes between runs).
`;

const command: Command = {
  name: 'maintainers',
  summary: 'drop-in for scripts/get_maintainer.pl',
  usage,
  async run(args, ctx) {
    return runMaintainers(
      args,
      {
        cwd: ctx.repoDir,
        out: ctx.out,
        err: ctx.err,
        stdin: () => readFileSync(0, 'utf8'),
        // isatty, not process.stdin.isTTY: creating the stdin stream costs a few ms the command does not need.
        stdinIsTty: isatty(0),
        json: ctx.json,
      },
      usage,
    );
  },
};
export default command;
