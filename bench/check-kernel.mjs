#!/usr/bin/env node
// Acceptance decisions on real kernel series: takes variant drivers (and
// other changes) out of a Linux tree in a base commit and re-adds them as a
// series the way they were submitted, then runs `patchpilot check --json`
// and prints each item's status, the expected one, and the time taken.
//
//   node bench/check-kernel.mjs [KERNEL_GIT_DIR] [--checkpatch] [--only NAME]
//
// KERNEL_GIT_DIR defaults to $PP_LINUX or /tmp/patchpilot-linux, made by bench/kernel-tree.sh (a git repository
// of Debian's linux-source-6.12). It is never modified: the series are built
// in a --shared clone under /tmp. Never part of npm test.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const src = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--only') ?? process.env.PP_LINUX ?? '/tmp/patchpilot-linux';
const withCheckpatch = args.includes('--checkpatch');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const cli = new URL('../dist/patchpilot.js', import.meta.url).pathname;
const work = '/tmp/pp-check-kernel';

const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', NO_COLOR: '1' };
const git = (a, o = {}) => execFileSync('git', a, { cwd: work, env: { ...env, ...o.env }, encoding: 'utf8', input: o.input, maxBuffer: 1 << 28 });

if (!existsSync(join(work, '.git'))) execFileSync('git', ['clone', '-q', '--shared', src, work]);
// The tree's .gitignore hides dot files, so .mailmap is not in its history: copy the working-tree file.
if (existsSync(join(src, '.mailmap'))) copyFileSync(join(src, '.mailmap'), join(work, '.mailmap'));
git(['config', 'user.name', 'Bench Submitter']);
git(['config', 'user.email', 'bench@example.org']);
const master = git(['rev-parse', 'master']).trim();

const who = (s) => {
  const m = /^(.*) <(.*)>$/.exec(s);
  return { GIT_AUTHOR_NAME: m[1], GIT_AUTHOR_EMAIL: m[2], GIT_COMMITTER_NAME: m[1], GIT_COMMITTER_EMAIL: m[2] };
};

function dropLines(path, re) {
  const f = join(work, path);
  writeFileSync(
    f,
    readFileSync(f, 'utf8')
      .split('\n')
      .filter((l) => !re.test(l))
      .join('\n'),
  );
}

function dropSection(name) {
  const f = join(work, 'MAINTAINERS');
  const lines = readFileSync(f, 'utf8').split('\n');
  const i = lines.indexOf(name);
  let j = i;
  while (lines[j] !== '') j++;
  lines.splice(i, j - i + 1);
  writeFileSync(f, lines.join('\n'));
}

/** Take a variant driver out of the tree: its directory, its build lines, its MAINTAINERS section. */
function removeDriver(d) {
  git(['rm', '-rq', `drivers/vfio/pci/${d.dir}`, ...(d.extra ?? [])]);
  dropLines('drivers/vfio/pci/Kconfig', new RegExp(`source "drivers/vfio/pci/${d.dir}/Kconfig"`));
  dropLines('drivers/vfio/pci/Makefile', new RegExp(`\\+= ${d.dir}/`));
  dropSection(d.section);
}

function commit(message, author, paths) {
  git(['add', '--', ...paths]);
  git(['commit', '-q', '--no-verify', '-F', '-'], { input: message, env: who(author) });
}

/** Base without the driver; then the driver, the build wiring and the MAINTAINERS entry as three patches. */
function driverSeries(d, trailers) {
  return () => {
    git(['checkout', '-q', '-f', '-B', `base-${d.dir}`, master]);
    removeDriver(d);
    git(['commit', '-qam', `base: without drivers/vfio/pci/${d.dir}`]);
    git(['checkout', '-q', '-B', `pp-${d.name}`]);
    if (trailers.pf) {
      // The PF driver patch that comes first in such series.
      const f = join(work, trailers.pf.path);
      writeFileSync(f, `${readFileSync(f, 'utf8')}\n/* VF state save and load for the vfio variant driver */\n`);
      commit(
        `${trailers.pf.subject}\n\nExport what the vfio variant driver needs.\n\n${[...trailers.pf.trailers, `Signed-off-by: ${d.author}`].join('\n')}\n`,
        d.author,
        [trailers.pf.path],
      );
    }
    git(['checkout', master, '--', `drivers/vfio/pci/${d.dir}`, ...(d.extra ?? [])]);
    git(['reset', '-q']);
    const sob = `Signed-off-by: ${d.author}`;
    commit(`vfio/${d.dir}: Add vfio-pci variant driver\n\nThe driver as merged in Linux 6.12.\n\n${[...trailers.driver, sob].join('\n')}\n`, d.author, [
      `drivers/vfio/pci/${d.dir}`,
      ...(d.extra ?? []),
    ]);
    git(['checkout', master, '--', 'drivers/vfio/pci/Kconfig', 'drivers/vfio/pci/Makefile']);
    commit(`vfio/${d.dir}: Wire the driver into the build\n\n${sob}\n`, d.author, ['drivers/vfio/pci/Kconfig', 'drivers/vfio/pci/Makefile']);
    git(['checkout', master, '--', 'MAINTAINERS']);
    commit(`MAINTAINERS: Add entry for the ${d.dir} vfio-pci driver\n\n${sob}\n`, d.author, ['MAINTAINERS']);
    return `base-${d.dir}`;
  };
}

function editSeries(name, edits) {
  return () => {
    git(['checkout', '-q', '-f', '-B', `pp-${name}`, master]);
    for (const e of edits) {
      const f = join(work, e.path);
      writeFileSync(f, readFileSync(f, 'utf8').replace(e.find, e.replace));
      commit(e.message, e.author, [e.path]);
    }
    return 'master';
  };
}

const YISHAI = 'Yishai Hadas <yishaih@nvidia.com>';
const scenarios = [
  {
    name: 'mlx5',
    build: driverSeries(
      { name: 'mlx5', dir: 'mlx5', section: 'VFIO MLX5 PCI DRIVER', author: YISHAI },
      {
        driver: ['Reviewed-by: Jason Gunthorpe <jgg@mellanox.com>', 'Signed-off-by: Leon Romanovsky <leonro@nvidia.com>'],
      },
    ),
    expect: {
      'vfio.parent-approval': 'pass',
      'vfio.listed-reviewer': 'pass',
      'vfio.vfio-maintainer': 'pass',
      'vfio.device-docs': 'open',
      'vfio.userspace-data': 'open',
      'vfio.maintainers-entry': 'pass',
      'vfio.build-wiring': 'pass',
      'kernel.signoff': 'pass',
      'kernel.trailer-syntax': 'pass',
      'kernel.cover-letter': 'open',
    },
  },
  {
    name: 'mlx5-pf-ack',
    build: driverSeries(
      { name: 'mlx5-pf-ack', dir: 'mlx5', section: 'VFIO MLX5 PCI DRIVER', author: YISHAI },
      {
        pf: {
          path: 'drivers/net/ethernet/mellanox/mlx5/core/sriov.c',
          subject: 'net/mlx5: Expose VF migration helpers',
          trailers: ['Acked-by: Saeed Mahameed <saeedm@nvidia.com>'],
        },
        driver: [],
      },
    ),
    expect: { 'vfio.parent-approval': 'pass', 'vfio.listed-reviewer': 'open', 'kernel.profile-docs': 'open' },
  },
  {
    name: 'mlx5-pf-noack',
    build: driverSeries(
      { name: 'mlx5-pf-noack', dir: 'mlx5', section: 'VFIO MLX5 PCI DRIVER', author: YISHAI },
      {
        pf: { path: 'drivers/net/ethernet/mellanox/mlx5/core/sriov.c', subject: 'net/mlx5: Expose VF migration helpers', trailers: [] },
        driver: [],
      },
    ),
    expect: { 'vfio.parent-approval': 'open' },
  },
  {
    name: 'hisi-noack',
    build: driverSeries(
      { name: 'hisi-noack', dir: 'hisilicon', section: 'VFIO HISILICON PCI DRIVER', author: 'Longfang Liu <liulongfang@huawei.com>' },
      { driver: [] },
    ),
    expect: {
      'vfio.parent-approval': 'open',
      'vfio.listed-reviewer': 'open',
      'vfio.device-docs': 'open',
      'vfio.maintainers-entry': 'pass',
      'vfio.build-wiring': 'pass',
    },
  },
  {
    name: 'qat',
    build: driverSeries(
      { name: 'qat', dir: 'qat', section: 'VFIO QAT PCI DRIVER', author: 'Xin Zeng <xin.zeng@intel.com>' },
      {
        driver: ['Reviewed-by: Giovanni Cabiddu <giovanni.cabiddu@intel.com>', 'Reviewed-by: Kevin Tian <kevin.tian@intel.com>'],
      },
    ),
    expect: { 'vfio.parent-approval': 'pass', 'vfio.listed-reviewer': 'pass', 'vfio.device-docs': 'open' },
  },
  {
    name: 'virtio',
    build: driverSeries(
      { name: 'virtio', dir: 'virtio', section: 'VFIO VIRTIO PCI DRIVER', author: YISHAI },
      { driver: ['Acked-by: Michael S. Tsirkin <mst@redhat.com>'] },
    ),
    expect: { 'vfio.parent-approval': 'pass', 'vfio.listed-reviewer': 'open' },
  },
  {
    name: 'nvgrace',
    build: driverSeries(
      { name: 'nvgrace', dir: 'nvgrace-gpu', section: 'VFIO NVIDIA GRACE GPU DRIVER', author: 'Ankit Agrawal <ankita@nvidia.com>' },
      { driver: ['Reviewed-by: Kevin Tian <kevin.tian@intel.com>'] },
    ),
    expect: { 'vfio.parent-approval': 'n/a', 'vfio.listed-reviewer': 'pass', 'vfio.device-docs': 'open', 'vfio.userspace-data': 'open' },
  },
  {
    // The author maintains the parent (AMD PDS CORE DRIVER): his own Signed-off-by approves it.
    name: 'pds',
    build: driverSeries(
      {
        name: 'pds',
        dir: 'pds',
        section: 'VFIO PDS PCI DRIVER',
        author: 'Brett Creeley <brett.creeley@amd.com>',
        extra: ['Documentation/networking/device_drivers/ethernet/amd/pds_vfio_pci.rst'],
      },
      { driver: [] },
    ),
    expect: {
      'vfio.parent-approval': 'pass',
      'vfio.listed-reviewer': 'open',
      'vfio.device-docs': 'open',
      'vfio.maintainers-entry': 'pass',
      'vfio.build-wiring': 'pass',
    },
  },
  {
    name: 'vfio-core',
    build: editSeries('vfio-core', [
      {
        path: 'drivers/vfio/pci/vfio_pci_core.c',
        find: '#include <linux/aperture.h>',
        replace: '#include <linux/aperture.h>\n#include <linux/bitops.h>',
        message: 'vfio/pci: Include bitops.h\n\nSigned-off-by: Alex Williamson <alex.williamson@redhat.com>\n',
        author: 'Alex Williamson <alex.williamson@redhat.com>',
      },
    ]),
    expect: { 'vfio.parent-approval': undefined, 'kernel.signoff': 'pass', 'kernel.cover-letter': 'n/a', 'kernel.profile-docs': 'n/a' },
  },
  {
    name: 'netdev-trailers',
    build: editSeries('netdev-trailers', [
      {
        path: 'drivers/net/ethernet/intel/e1000e/netdev.c',
        find: 'char e1000e_driver_name[] = "e1000e";',
        replace: 'char e1000e_driver_name[] = "e1000e"; /* the module name */',
        message:
          'e1000e: Name the driver string\n\nReviewd-by: Some One <some.one@example.org>\nFixes: 123 (oops)\nCo-developed-by: Other Dev <other@example.org>\nSigned-off-by: Bench Submitter <bench@example.org>\n',
        author: 'Bench Submitter <bench@example.org>',
      },
      {
        path: 'drivers/net/ethernet/intel/e1000e/netdev.c',
        find: '/* the module name */',
        replace: '/* module name */',
        message: 'e1000e: Shorten a comment\n\nFixes: 1d19a0db3a73 ("Linux 6.12 (Debian linux-source)")\nSigned-off-by: Bench Submitter <bench@example.org>\n',
        author: 'Bench Submitter <bench@example.org>',
      },
      {
        path: 'drivers/net/ethernet/intel/e1000e/netdev.c',
        find: '/* module name */',
        replace: '/* name */',
        message: 'e1000e: Shorter\n\nSigned-off-by: Bench Submitter <bench@example.org>\n',
        author: 'Bench Submitter <bench@example.org>',
      },
    ]),
    expect: {
      'vfio.parent-approval': undefined,
      'kernel.signoff': 'fail',
      'kernel.trailer-syntax': 'fail',
      'kernel.profile-docs': 'open',
      'kernel.cover-letter': 'open',
    },
  },
];

let bad = 0;
for (const s of scenarios) {
  if (only && s.name !== only) continue;
  const base = s.build();
  const run = (extra, cmd = 'check') => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [cli, cmd, '--json', '--base', base, ...extra], { cwd: work, env, encoding: 'utf8', maxBuffer: 1 << 26 });
    return { r, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
  };
  run(['--no-checkpatch']); // warm the page cache for a fair figure
  // Best of three, beside `series --json` (reading the branch alone) in the same run, as the reference.
  const best = (f) => [f(), f(), f()].sort((a, b) => a.ms - b.ms)[0];
  const { r, ms } = best(() => run(['--no-checkpatch']));
  const ref = best(() => run([], 'series')).ms;
  if (r.status !== 0 && r.status !== 1) {
    console.log(`${s.name}: exit ${r.status}: ${r.stderr}`);
    bad++;
    continue;
  }
  const report = JSON.parse(r.stdout);
  const n = git(['rev-list', '--count', `${base}..HEAD`]).trim();
  console.log(
    `\n== ${s.name}: ${n} patches, check --json --no-checkpatch ${ms.toFixed(0)} ms (series --json ${ref.toFixed(0)} ms, ratio ${(ms / ref).toFixed(2)}); profiles: ${report.profiles.map((p) => p.id).join(', ')}`,
  );
  for (const [id, want] of Object.entries(s.expect)) {
    const got = report.items.find((i) => i.id === id);
    if ((got?.status ?? undefined) !== want) {
      bad++;
      console.log(`  MISMATCH ${id}: got ${got?.status ?? 'absent'}, expected ${want ?? 'absent'}`);
    }
  }
  for (const i of report.items) {
    console.log(`  ${i.status.padEnd(4)} ${i.id.padEnd(22)} ${i.summary}`);
    if (process.env.VERBOSE) for (const e of i.evidence) console.log(`         ${e.text}`);
    for (const m of i.missing) console.log(`         missing: ${m}`);
  }
  if (withCheckpatch) {
    const c = run([]);
    const cp = JSON.parse(c.r.stdout).items.find((i) => i.id === 'kernel.checkpatch');
    console.log(`  checkpatch run: ${(c.ms / 1000).toFixed(1)} s: ${cp.status} ${cp.summary}`);
  }
}
git(['checkout', '-q', '-f', 'master']);
if (bad) {
  console.log(`\n${bad} mismatch(es)`);
  process.exitCode = 1;
}
if (process.env.CLEAN) rmSync(work, { recursive: true, force: true });
