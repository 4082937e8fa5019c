/**
 * Parent drivers of a vfio-pci variant driver (docs/rules.md): the drivers whose
 * files the series changes, and those whose headers the driver's new code
 * includes (include/linux/<dir>/ of a driver, single headers owned by a
 * driver's section, relative includes into another driver's directory).
 * Generic kernel headers are not parents. A driver header only THE REST
 * covers is traced to the drivers that include it, or reported unowned.
 */
import { posix } from 'node:path';
import type { EvalContext, Evidence } from './types.js';
import type { ViewSection } from './maintainers-view.js';
import { plural } from '../text/plural.js';

/**
 * One parent driver: the sections that own what the series touches or
 * includes. Sections tied as the most specific owners of the same file (e.g.
 * include/linux/mlx5/ is both mlx5 core's and mlx5 IB's) form one parent, and
 * an approval from any of them approves it.
 */
export interface Parent {
  sections: ViewSection[];
  evidence: Evidence[];
  byHand?: boolean;
}

export const parentName = (p: Parent) => p.sections.map((s) => s.name).join(' / ');

export interface ParentScan {
  parents: Parent[];
  /** Driver headers no section but THE REST owns and no driver could be traced for. */
  unowned: Evidence[];
  /** Parents the submitter removed by hand. */
  removed: string[];
}

/** include/linux/<dir>/ directories that hold core-kernel headers, not a driver's. */
const GENERIC_DIRS = new Set(['atomic', 'byteorder', 'decompress', 'device', 'dma', 'io_uring', 'perf', 'raid', 'sched', 'unaligned']);

/** Single headers every driver may use: never a parent even when some section owns them. */
const GENERIC_HEADER = new RegExp(
  `^(${[
    'vfio.*',
    'pci.*',
    'iommu.*',
    'iova',
    'irqbypass',
    'eventfd',
    'interrupt',
    'irq.*',
    'msi',
    'module',
    'moduleparam',
    'init',
    'export',
    'device',
    'kernel',
    'types',
    'stddef',
    'compiler.*',
    'build_bug',
    'bug',
    'err',
    'errno',
    'bits',
    'bitops',
    'bitfield',
    'bitmap',
    'cleanup',
    'container_of',
    'minmax',
    'math.*',
    'overflow',
    'log2',
    'sizes',
    'string',
    'kstrtox',
    'printk',
    'dev_printk',
    'ratelimit',
    'slab',
    'gfp',
    'mm',
    'mman',
    'mm_types',
    'highmem',
    'vmalloc',
    'pagemap',
    'page.*',
    'memremap',
    'mmu_notifier',
    'scatterlist',
    'dma-.*',
    'io',
    'ioport',
    'io-64-nonatomic-.*',
    'uaccess',
    'nospec',
    'compat',
    'uio',
    'anon_inodes',
    'file',
    'fs',
    'cdev',
    'poll',
    'seq_file',
    'debugfs',
    'sysfs',
    'kobject',
    'mutex',
    'rwsem',
    'spinlock',
    'rcupdate',
    'refcount',
    'kref',
    'atomic',
    'completion',
    'wait',
    'workqueue',
    'jiffies',
    'delay',
    'ktime',
    'time.*',
    'timer',
    'list',
    'llist',
    'hash',
    'xarray',
    'idr',
    'interval_tree',
    'rbtree',
    'notifier',
    'random',
    'uuid',
    'crc.*',
    'pm',
    'pm_runtime',
    'acpi',
    'of',
    'platform_device',
    'firmware',
    'aperture',
    'vgaarb',
    'sched',
    'kthread',
    'eventpoll',
    'iopoll',
  ].join('|')})\\.h$`,
);

/** Driver sections are the ones MAINTAINERS names as drivers; the driver core is not one. */
export function isDriverSection(s: ViewSection): boolean {
  return /\bDRIVERS?\b/i.test(s.name) && !/DRIVER (CORE|MODEL)/i.test(s.name) && !/^VFIO\b/i.test(s.name);
}

const VFIO_PATH = /^(drivers\/vfio\/|include\/(uapi\/)?linux\/vfio[^/]*\.h$)/;
const NOT_CODE = /^(Documentation\/|MAINTAINERS$|CREDITS$|\.mailmap$|tools\/testing\/)/;
const INCLUDE = /^\s*#\s*include\s*([<"])([^>"]+)[>"]/;

export async function findParents(ctx: EvalContext): Promise<ParentScan> {
  const view = ctx.maintainers;
  if (!view) return { parents: [], unowned: [], removed: [] };
  // The variant driver's own sections (its entry, VFIO's): those covering its directory, probed with one file each.
  const own = new Set<string>();
  for (const d of ctx.variantDirs) for (const s of view.forPath(ctx.paths.find((p) => p.startsWith(d))!)) own.add(s.name);
  const found = new Map<string, Parent>();
  const unowned: Evidence[] = [];
  const add = (group: ViewSection[], e: Evidence) => {
    const sections = group.filter((s) => !own.has(s.name) && !/^VFIO\b/i.test(s.name));
    if (!sections.length) return;
    const key = sections
      .map((s) => s.name)
      .sort()
      .join('\0');
    const p = found.get(key) ?? { sections, evidence: [] };
    const text = `${e.text} (${sections.map((s) => s.name).join(' / ')})`;
    if (!p.evidence.some((x) => x.text === text)) p.evidence.push({ ...e, text });
    found.set(key, p);
  };

  // Files the series changes outside vfio.
  for (const c of ctx.series.commits) {
    for (const f of c.files) {
      if (VFIO_PATH.test(f.path) || NOT_CODE.test(f.path) || !f.path.includes('/')) continue;
      const owners = view.owners(f.path);
      add(owners, { kind: 'file', path: f.path, commit: c.sha, text: `the series changes ${f.path}` });
      if (!owners.length) unowned.push({ kind: 'file', path: f.path, commit: c.sha, text: `${f.path} is changed but only THE REST covers it` });
    }
  }

  // Headers the variant driver's new code includes.
  const traced: { header: string; evidence: Evidence }[] = [];
  for (const c of ctx.series.commits) {
    for (const f of c.files) {
      if (!ctx.variantDirs.some((d) => f.path.startsWith(d))) continue;
      for (const a of f.added) {
        const m = INCLUDE.exec(a.text);
        if (!m) continue;
        const [, kind, inc] = m as unknown as [string, string, string];
        const where = { path: f.path, line: a.line, commit: c.sha };
        if (kind === '"') {
          const target = posix.normalize(posix.join(posix.dirname(f.path), inc));
          if (ctx.variantDirs.some((d) => target.startsWith(d)) || VFIO_PATH.test(target) || target.startsWith('..')) continue;
          add(view.owners(target), { kind: 'line', ...where, text: `${f.path}:${a.line} includes ${target}` });
          continue;
        }
        const dir = /^linux\/([^/]+)\/.+/.exec(inc)?.[1];
        const header = `include/${inc}`;
        if (dir) {
          if (GENERIC_DIRS.has(dir)) continue;
          const owners = view.owners(header);
          const ev: Evidence = { kind: 'line', ...where, text: `${f.path}:${a.line} includes <${inc}>` };
          if (owners.length) add(owners, ev);
          else if (!traced.some((t) => t.header === inc)) traced.push({ header: inc, evidence: ev });
        } else if (/^linux\/[^/]+\.h$/.test(inc) && !GENERIC_HEADER.test(inc.slice(6))) {
          add(view.owners(header).filter(isDriverSection), { kind: 'line', ...where, text: `${f.path}:${a.line} includes <${inc}>` });
        }
      }
    }
  }

  // A driver directory's header that only THE REST covers belongs to the drivers that use it.
  for (const t of traced) {
    const users = (await ctx.lookups.includers(t.header)).filter((p) => !VFIO_PATH.test(p));
    const sections = new Map<string, ViewSection>();
    for (const u of users) for (const s of view.owners(u)) sections.set(s.name, s);
    if (!sections.size) {
      unowned.push({ ...t.evidence, text: `${t.evidence.text}: no MAINTAINERS section covers it or a driver that includes it` });
      continue;
    }
    const via = users.filter((u) => view.owners(u).length).slice(0, 2);
    add([...sections.values()], {
      ...t.evidence,
      text: `${t.evidence.text}, only THE REST covers it; ${via.join(', ')} ${plural(via.length, 'includes', 'include')} it`,
    });
  }

  const gone = new Set(ctx.state.parents.removed);
  const removed = ctx.state.parents.removed.filter((n) => view.byName(n));
  let parents = [...found.values()].map((p) => ({ ...p, sections: p.sections.filter((s) => !gone.has(s.name)) })).filter((p) => p.sections.length);
  // A parent whose sections include all of another's is approved whenever that one is: keep the smaller.
  const subsumed = (p: Parent) => parents.find((q) => q !== p && q.sections.length < p.sections.length && q.sections.every((s) => p.sections.includes(s)));
  for (const p of parents) {
    const q = subsumed(p);
    if (q) for (const e of p.evidence) if (!q.evidence.some((x) => x.text === e.text)) q.evidence.push(e);
  }
  parents = parents.filter((p) => !subsumed(p));
  for (const n of ctx.state.parents.added) {
    const s = view.byName(n);
    if (s && !parents.some((p) => p.sections.includes(s)))
      parents.push({ sections: [s], evidence: [{ kind: 'section', text: `added by hand as a parent driver: ${s.name}` }], byHand: true });
  }
  return { parents, unowned, removed };
}
