/** $EDITOR from the TUI: what the user writes comes back whole, '#' lines included; our help does not. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Git } from '../../src/git/git.js';
import { editInTerminal, NO_TERMINAL } from '../../components/controller/terminal.js';
import { scissorsBlock } from '../../src/editor.js';
import { hermeticProcess, scratch } from '../helpers/repo.js';

// src/ runs git in this process: give it the hermetic environment.
hermeticProcess();

const r = scratch('pp-tui-editor-').repo();

test('an answer quoting C code keeps its #include and #define lines', async () => {
  const script = join(r.dir, 'ed.sh');
  // The "user" puts code above the existing text and leaves the help below the scissors alone.
  writeFileSync(script, '#!/bin/sh\nf="$1"\n{ printf "#include <linux/vfio.h>\\n#define STATE_MAX 4096\\n"; cat "$f"; } > "$f.new" && mv "$f.new" "$f"\n');
  chmodSync(script, 0o755);
  // The editor as git finds it (git var GIT_EDITOR), given in the repository's config rather than the environment.
  r.git(['config', 'core.editor', script]);
  const out = await editInTerminal(new Git(r.dir), 'The state is one blob.', `\n${scissorsBlock(['help text'])}`, NO_TERMINAL);
  assert.equal(out, '#include <linux/vfio.h>\n#define STATE_MAX 4096\nThe state is one blob.');
});
