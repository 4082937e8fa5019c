/**
 * One recipients pipeline: the TUI's Recipients screen, `cc --json`, the
 * export's headers and `send-cmd --json` name the same To and Cc, in a
 * kernel-like tree with MAINTAINERS and in a tree without one (where the
 * list is the trailer people and those added by hand, with a warning).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { createDemo } from '../../src/demo/index.js';
import { load } from '../../components/controller/session.js';
import { hermeticProcess, runCli, scratch } from '../helpers/repo.js';
import { changeCc, setCover } from '../helpers/ops.js';

hermeticProcess();
const scratchpad = scratch('pp-recipients-agree-');

function cli(cwd: string, args: string[]): string {
  const r = runCli(args, { cwd });
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const addresses = (l: { address: string }[]) => l.map((r) => r.address);

/** To and Cc as each face has them; all four must be equal. */
async function everyFace(dir: string): Promise<{ tui: unknown; cc: unknown; exported: unknown; sendCmd: unknown; warnings: string[] }> {
  const tuiData = (await load({ repoDir: dir })).data.recipients!;
  const live = tuiData.list.filter((r) => !r.dropped);
  const tui = { to: live.filter((r) => r.field === 'to').map((r) => r.address), cc: live.filter((r) => r.field === 'cc').map((r) => r.address) };
  const ccJson = JSON.parse(cli(dir, ['cc', '--json'])) as { to: { address: string }[]; cc: { address: string }[]; warnings?: string[] };
  const out = join(dir, 'outgoing', 'agree');
  const ex = JSON.parse(cli(dir, ['export', '-o', out, '--force', '--json'])) as { to: string[]; cc: string[] };
  const sc = JSON.parse(cli(dir, ['send-cmd', '--json'])) as { to: string[]; cc: string[] };
  assert.deepEqual(tuiData.warnings ?? [], ccJson.warnings ?? [], 'the TUI and cc warn alike');
  return {
    tui,
    cc: { to: addresses(ccJson.to), cc: addresses(ccJson.cc) },
    exported: { to: ex.to, cc: ex.cc },
    sendCmd: { to: sc.to, cc: sc.cc },
    warnings: ccJson.warnings ?? [],
  };
}

test('with MAINTAINERS: the TUI, cc, export and send-cmd name the same people', async () => {
  const { root } = await createDemo(join(scratchpad.dir(), 'linux'));
  await setCover(root, { title: 'Acme Zorb live migration', body: 'This adds the driver.' });
  const f = await everyFace(root);
  assert.ok((f.cc as { to: string[] }).to.length, 'maintainers are on To');
  assert.deepEqual(f.tui, f.cc);
  assert.deepEqual(f.exported, f.cc);
  assert.deepEqual(f.sendCmd, f.cc);
  assert.deepEqual(f.warnings, []);
});

test('without MAINTAINERS: the trailer people and those added, with a warning, the same on every face', async () => {
  const r = scratchpad.repo();
  r.commit('zorb: add the driver\n\nReviewed-by: Rita Reviewer <rita@review.example>\nSigned-off-by: Test Author <author@test.example>\n', {
    'zorb.c': 'int zorb;\n',
  });
  await changeCc(r.dir, { addTo: ['Mo Maintainer <mo@zorb.example>'] });
  const f = await everyFace(r.dir);
  assert.deepEqual(f.cc, { to: ['Mo Maintainer <mo@zorb.example>'], cc: ['Rita Reviewer <rita@review.example>'] });
  assert.deepEqual(f.tui, f.cc);
  assert.deepEqual(f.exported, f.cc);
  assert.deepEqual(f.sendCmd, f.cc);
  assert.match(f.warnings.join('\n'), /no MAINTAINERS file/);
});
