import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemo } from '../../src/demo/index.js';
import { parseCommandArgs, withGlobals, type Command } from '../cli.js';
import { runDefault } from '../default.js';

const usage = `Usage: patchpilot demo [--dir DIR] [--no-open]

Writes a small kernel-like git repository (MAINTAINERS, .mailmap, a vfio-pci
core, a parent Ethernet driver, and a topic branch of 3 patches adding a
vfio-pci variant driver) and opens patchpilot on it: the TUI on a terminal,
the check report otherwise (exit 0 either way). Without --dir it goes to a new
temporary directory.
`;

const command: Command = {
  name: 'demo',
  summary: 'make the demo repository and open patchpilot on it',
  usage,
  async run(args, ctx0) {
    const { values } = parseCommandArgs('demo', args, { dir: { type: 'string' }, 'no-open': { type: 'boolean' } }, false);
    if (values.help) {
      ctx0.out(usage);
      return 0;
    }
    const dir = values.dir ?? join(mkdtempSync(join(tmpdir(), 'patchpilot-demo-')), 'linux');
    const { root, branch } = await createDemo(dir);
    const ctx = withGlobals(ctx0, { ...values, repo: root });
    ctx.err(`patchpilot: demo repository written to ${root} (branch ${branch}); try: cd ${root} && patchpilot`);
    if (values['no-open']) return 0;
    // The report's exit code says the demo series has open items, which is the point of the demo, not a failure.
    await runDefault(ctx, []);
    return 0;
  },
};
export default command;
