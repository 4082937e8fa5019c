/**
 * Decisions of the `vfio-pci-variant` profile (docs/rules.md, after
 * Documentation/driver-api/vfio-pci-device-specific-driver-acceptance.rst).
 * People are compared after the tree's .mailmap, as git would.
 */
import { formatPerson } from '../mail/address.js';
import { DEVICE_DOC_QUESTIONS } from './cover-section.js';
import { migrationInFiles, migrationInSeries } from './migration.js';
import { commitLabel, shortSha, type Approver, type Decision, type EvalContext, type Evidence } from './types.js';
import { findParents, parentName } from './parents.js';
import { findEntryPoints } from './userspace.js';
import type { SectionPerson, ViewSection } from './maintainers-view.js';
import { count } from '../text/plural.js';

export const VARIANT_SECTION = 'VFIO PCI DEVICE SPECIFIC DRIVERS';
export const VFIO_SECTION = 'VFIO DRIVER';

const APPROVAL_KEYS = ['signed-off-by', 'acked-by', 'reviewed-by', 'tested-by'];

/** Trailers of the series given by one of these people, with the given keys. */
function trailersBy(ctx: EvalContext, people: SectionPerson[], keys: string[]): Evidence[] {
  const out: Evidence[] = [];
  for (const c of ctx.series.commits) {
    for (const t of c.trailers) {
      if (!keys.includes(t.key.toLowerCase()) || !t.email) continue;
      const who = people.find((p) => ctx.mailmap.same(p.email, { name: t.name ?? '', email: t.email! }));
      if (!who) continue;
      // Say which address .mailmap makes canonical: the trailer's, or the one MAINTAINERS lists, may be the old one.
      const canonical = ctx.mailmap.map({ name: t.name ?? '', email: t.email }).email;
      const old = [t.email, who.email].find((e) => e.toLowerCase() !== canonical.toLowerCase());
      const where = old && old.toLowerCase() === t.email.toLowerCase() ? '' : ' (in MAINTAINERS)';
      const mapped = who.email.toLowerCase() !== t.email.toLowerCase() && old ? ` (.mailmap: ${old}${where} is ${canonical})` : '';
      out.push({ kind: 'trailer', commit: c.sha, text: `${t.key}: ${t.value} on ${commitLabel(c)}${mapped}` });
    }
  }
  return out;
}

/** A person as .mailmap names them (as get_maintainer.pl prints them). */
function shown(ctx: EvalContext, p: SectionPerson): string {
  const m = ctx.mailmap.map(p);
  return m.email === p.email && m.name === p.name ? p.address : formatPerson(m.name, m.email);
}

/** The people to ask, under the name and address .mailmap gives them (as get_maintainer.pl prints them). */
function askOf(ctx: EvalContext, s: ViewSection, roles: ('maintainer' | 'reviewer')[], field: (role: 'maintainer' | 'reviewer') => 'to' | 'cc'): Approver[] {
  const out: Approver[] = [];
  const push = (p: SectionPerson, role: 'maintainer' | 'reviewer') => {
    const m = ctx.mailmap.map(p);
    out.push({ name: m.name, email: m.email, address: shown(ctx, p), field: field(role), section: s.name, role });
  };
  if (roles.includes('maintainer')) for (const p of s.maintainers) push(p, 'maintainer');
  if (roles.includes('reviewer')) for (const p of s.reviewers) push(p, 'reviewer');
  return out;
}

const noMaintainers = (ctx: EvalContext): Decision => ({ status: 'n/a', summary: ctx.maintainersError ?? 'no MAINTAINERS file in the tree', evidence: [] });

export async function decideParentApproval(ctx: EvalContext): Promise<Decision> {
  if (!ctx.maintainers) return noMaintainers(ctx);
  const scan = await findParents(ctx);
  const evidence: Evidence[] = [];
  const missing: string[] = [];
  const ask: Approver[] = [];
  let approved = 0;
  for (const p of scan.parents) {
    const name = parentName(p);
    const people: SectionPerson[] = [];
    for (const s of p.sections) {
      for (const x of [...s.maintainers, ...s.reviewers]) if (!people.some((y) => y.email.toLowerCase() === x.email.toLowerCase())) people.push(x);
      evidence.push({
        kind: 'section',
        text: `parent: ${s.name} (M: ${s.maintainers.map((x) => x.address).join(', ') || 'none'}${s.reviewers.length ? `; R: ${s.reviewers.map((x) => x.address).join(', ')}` : ''})`,
      });
    }
    evidence.push(...p.evidence);
    const ok = trailersBy(ctx, people, APPROVAL_KEYS);
    if (ok.length) {
      approved++;
      evidence.push(...ok);
    } else {
      if (!people.length) missing.push(`${name} lists no maintainer or reviewer: find who speaks for it, or remove it as a parent`);
      else missing.push(`an Acked-by, Reviewed-by, Tested-by or Signed-off-by from ${name}: ${people.map((x) => shown(ctx, x)).join(', ')}`);
      for (const s of p.sections) {
        for (const a of askOf(ctx, s, ['maintainer', 'reviewer'], (r) => (r === 'maintainer' ? 'to' : 'cc'))) {
          if (!ask.some((b) => b.email.toLowerCase() === a.email.toLowerCase())) ask.push(a);
        }
      }
    }
  }
  for (const u of scan.unowned) evidence.push({ ...u, kind: u.kind });
  for (const r of scan.removed) evidence.push({ kind: 'section', text: `removed by hand as a parent driver: ${r}` });
  // The section names, as the submitter removes or adds them by hand (setParent).
  const parents = [...new Set(scan.parents.flatMap((p) => p.sections.map((s) => s.name)))];
  if (!scan.parents.length) {
    return { status: 'n/a', summary: 'no parent driver: the series uses only vfio-pci-core and generic kernel APIs', evidence, parents };
  }
  if (missing.length) {
    return {
      status: 'open',
      summary: `${approved} of ${count(scan.parents.length, 'parent driver')} approved by a maintainer or reviewer`,
      evidence,
      missing,
      ask,
      parents,
    };
  }
  return {
    status: 'pass',
    summary: `all ${count(scan.parents.length, 'parent driver')} approved by a maintainer or reviewer: ${scan.parents.map(parentName).join(', ')}`,
    evidence,
    parents,
  };
}

export function decideListedReviewer(ctx: EvalContext): Decision {
  if (!ctx.maintainers) return noMaintainers(ctx);
  const s = ctx.maintainers.byName(VARIANT_SECTION);
  if (!s || !s.reviewers.length) return { status: 'n/a', summary: `MAINTAINERS has no "${VARIANT_SECTION}" section with R: reviewers`, evidence: [] };
  const evidence: Evidence[] = [{ kind: 'section', text: `${s.name} R: ${s.reviewers.map((r) => r.address).join(', ')}` }];
  const ok = trailersBy(ctx, s.reviewers, ['reviewed-by']);
  if (ok.length) return { status: 'pass', summary: 'reviewed by a listed reviewer', evidence: [...evidence, ...ok] };
  return {
    status: 'open',
    summary: 'no Reviewed-by from a listed reviewer yet',
    evidence,
    missing: [`a Reviewed-by from one of ${s.reviewers.map((r) => shown(ctx, r)).join(', ')}`],
    ask: askOf(ctx, s, ['reviewer'], () => 'cc'),
  };
}

/**
 * The recipients keep everyone a profile item names on To or Cc even when
 * the submitter drops them (docs/rules.md, Recipients), so the vfio maintainers are always on
 * To; the item shows that, and says so when a drop was overridden.
 */
export function decideVfioMaintainer(ctx: EvalContext): Decision {
  if (!ctx.maintainers) return noMaintainers(ctx);
  const s = ctx.maintainers.byName(VFIO_SECTION);
  if (!s || !s.maintainers.length) return { status: 'n/a', summary: `MAINTAINERS has no "${VFIO_SECTION}" section with M: maintainers`, evidence: [] };
  const dropped = new Set(ctx.state.recipients.dropped.map((d) => ctx.mailmap.canonicalEmail(d)));
  const ask = askOf(ctx, s, ['maintainer'], () => 'to');
  const evidence: Evidence[] = s.maintainers.map((m) => ({
    kind: 'person' as const,
    text: `${shown(ctx, m)} (M: of ${s.name}) is on To${dropped.has(ctx.mailmap.canonicalEmail(m.email)) ? ': you dropped this address, but a variant driver must reach the vfio maintainer, so it stays' : ''}`,
  }));
  return { status: 'pass', summary: `${ask.map((m) => m.name || m.email).join(', ')} on To`, evidence, ask };
}

const DOC_FILE = /^Documentation\/|\.(rst|txt|md)$|\/README[^/]*$/;

/**
 * Documentation the driver's own MAINTAINERS section(s) list under F: and
 * the tree holds (often added before the driver, or elsewhere in the tree,
 * e.g. under Documentation/networking/): a document the submitter can confirm.
 */
async function sectionDocs(ctx: EvalContext, shown: Set<string>): Promise<Evidence[]> {
  const out: Evidence[] = [];
  for (const dir of ctx.variantDirs) {
    for (const s of covering(ctx, dir)) {
      const patterns = s.files.filter((f) => f.startsWith('Documentation/'));
      for (const path of (await ctx.lookups.trackedFiles(patterns)).slice(0, 20)) {
        if (shown.has(path)) continue;
        shown.add(path);
        out.push({ kind: 'document', path, text: `documentation in the tree: ${path} (F: of ${s.name}); if it answers the questions, confirm it` });
      }
    }
  }
  return out;
}

export async function decideDeviceDocs(ctx: EvalContext): Promise<Decision> {
  const evidence: Evidence[] = [];
  const signs = migrationInSeries(ctx.series.commits, ctx.variantDirs);
  const isNew = ctx.newVariantDirs.length > 0;
  let migration = signs.length > 0;
  if (!signs.length && isNew) {
    // A new driver's migration code may sit in files a later commit does not touch: read the tree.
    const files = ctx.paths
      .filter((p) => ctx.newVariantDirs.some((d) => p.startsWith(d)) && /\.(c|h)$/.test(p))
      .map((p) => ({ path: p, content: ctx.readFile(p) ?? '' }));
    const tree = migrationInFiles(files);
    migration = tree.length > 0;
    for (const s of tree) evidence.push({ kind: 'line', path: s.path, line: s.line, text: `${s.what}: ${s.text}` });
  }
  for (const s of signs) evidence.push({ kind: 'line', path: s.path, line: s.line, ...(s.commit ? { commit: s.commit } : {}), text: `${s.what}: ${s.text}` });
  if (!isNew && !migration) return { status: 'n/a', summary: 'no new variant driver and no change to migration code', evidence };
  const shown = new Set<string>();
  for (const c of ctx.series.commits) {
    for (const f of c.files) {
      if (!DOC_FILE.test(f.path) || f.status === 'D') continue;
      shown.add(f.path);
      evidence.push({
        kind: 'file',
        path: f.path,
        commit: c.sha,
        text: `documentation ${f.status === 'A' ? 'added' : 'changed'}: ${f.path} in ${shortSha(c)}`,
      });
    }
  }
  const inTree = await sectionDocs(ctx, shown);
  evidence.push(...inTree);
  const docs = [...shown];
  const confirmCli = `patchpilot answer vfio.device-docs --confirm --note "${docs.length === 1 ? docs[0] : 'Documentation/...'}"`;
  const listed = docs.length > 3 ? `${docs.slice(0, 3).join(', ')}, ...` : docs.join(', ');
  const a = ctx.answers;
  if (a['vfio.device-docs']?.confirmed) {
    evidence.push({
      kind: 'answer',
      text: `confirmed${a['vfio.device-docs'].note?.trim() ? `: documented in ${a['vfio.device-docs'].note.trim()}` : ' (no document named)'}`,
    });
    return { status: 'pass', summary: 'the device-specific extensions are documented (confirmed)', evidence };
  }
  if (!migration) {
    if (a['vfio.device-docs']?.text?.trim()) {
      evidence.push({ kind: 'answer', text: 'the device-specific extensions are described in the answer' });
      return { status: 'pass', summary: 'device-specific extensions described', evidence };
    }
    return {
      status: 'open',
      summary: 'describe what the driver adds beyond vfio-pci for reviewers',
      evidence,
      missing: [
        { text: 'describe what the driver adds beyond vfio-pci', cli: 'patchpilot answer vfio.device-docs --text "..."' },
        { text: 'or point at a document', cli: confirmCli },
      ],
    };
  }
  if (a['vfio.device-docs']?.text?.trim()) {
    // One answer may cover the three questions: it goes into the cover letter as it is.
    evidence.push({ kind: 'answer', text: 'one answer covers the three migration-data questions' });
    return { status: 'pass', summary: 'the migration-data questions are answered (one answer for the three)', evidence };
  }
  const open = DEVICE_DOC_QUESTIONS.filter((q) => !a[q.id]?.text?.trim());
  for (const q of DEVICE_DOC_QUESTIONS) if (!open.includes(q)) evidence.push({ kind: 'answer', text: `${q.title}: answered` });
  if (!open.length) return { status: 'pass', summary: 'the three migration-data questions are answered', evidence };
  return {
    status: 'open',
    summary: `the driver supports migration: ${open.length} of ${DEVICE_DOC_QUESTIONS.length} questions on the migration data unanswered`,
    evidence,
    missing: [
      ...open.map((q) => ({ text: q.title, cli: `patchpilot answer ${q.id} --text "..."` })),
      { text: `or point at a document${docs.length > 1 ? ` (${listed})` : ''}`, cli: confirmCli },
    ],
  };
}

/** vfio-pci-core's own handlers, wired into the driver's ops table: code the series does not add. */
const CORE_HANDLER = /^vfio_pci_core_/;

export function decideUserspaceData(ctx: EvalContext): Decision {
  const all = findEntryPoints(ctx.series.commits, ctx.readFile);
  const entries = all.filter((e) => !(e.handler && CORE_HANDLER.test(e.handler)));
  const core = all.filter((e) => e.handler && CORE_HANDLER.test(e.handler));
  const evidence: Evidence[] = entries.map((e) => ({
    kind: 'line' as const,
    path: e.path,
    line: e.line,
    commit: e.commit,
    text: `${e.path}:${e.line} ${e.what}${e.handler ? ` -> ${e.handler}` : ''}: ${e.text}`,
  }));
  // Listed apart, not counted: what userspace sends there is vfio-pci-core's to check, and the core is reviewed on its own.
  for (const e of core) {
    evidence.push({
      kind: 'note',
      path: e.path,
      line: e.line,
      commit: e.commit,
      text: `${e.path}:${e.line} ${e.what} -> ${e.handler}: handled by vfio-pci-core, not new code`,
    });
  }
  const coreNote = core.length ? ` (${core.length} more handled by vfio-pci-core)` : '';
  const a = ctx.answers['vfio.userspace-data'];
  if (a?.confirmed) {
    evidence.push({ kind: 'answer', text: `confirmed${a.note?.trim() ? `: ${a.note.trim()}` : ' (no note)'}` });
    return {
      status: 'pass',
      summary: `confirmed: ${count(entries.length, 'entry point')} of the driver checked, no unchecked userspace data beyond the device`,
      evidence,
    };
  }
  if (!entries.length) return { status: 'n/a', summary: `no place in the new code where userspace data enters${coreNote}`, evidence };
  return {
    status: 'open',
    summary: `${count(entries.length, 'place')} where userspace data enters the new code${coreNote}; confirm each is checked`,
    evidence,
    missing: [{ text: 'review each entry point, then confirm', cli: 'patchpilot answer vfio.userspace-data --confirm --note "how the data is checked"' }],
  };
}

function covering(ctx: EvalContext, dir: string): ViewSection[] {
  const probe = ctx.paths.find((p) => p.startsWith(dir)) ?? `${dir}Makefile`;
  return (ctx.maintainers?.forPath(probe) ?? []).filter(
    (s) => !s.isRest && s.name !== VARIANT_SECTION && s.name !== VFIO_SECTION && s.files.some((f) => `${f.replace(/\/$/, '')}/`.startsWith(dir)),
  );
}

export function decideMaintainersEntry(ctx: EvalContext): Decision {
  if (!ctx.newVariantDirs.length) return { status: 'n/a', summary: 'the series adds no new variant-driver directory', evidence: [] };
  if (!ctx.maintainers)
    return { status: 'fail', summary: ctx.maintainersError ?? 'no MAINTAINERS file', evidence: [], missing: ['add a MAINTAINERS section for the new driver'] };
  const evidence: Evidence[] = [];
  const missing: string[] = [];
  for (const dir of ctx.newVariantDirs) {
    const sections = covering(ctx, dir);
    const good = sections.find((s) => s.maintainers.length && s.lists.length && s.status);
    for (const s of sections) {
      const lacks = [!s.maintainers.length && 'M:', !s.lists.length && 'L:', !s.status && 'S:'].filter(Boolean);
      evidence.push({
        kind: 'section',
        path: 'MAINTAINERS',
        ...(s.line ? { line: s.line } : {}),
        text: `${s.name} covers ${dir}${lacks.length ? `, but has no ${lacks.join(' ')}` : ` (M: ${s.maintainers.map((m) => m.address).join(', ')})`}`,
      });
    }
    if (good) continue;
    if (!sections.length) missing.push(`add a MAINTAINERS section with M:, L:, S: and "F: ${dir}"`);
    else missing.push(`give ${sections[0]!.name} the M:, L: and S: lines it lacks`);
  }
  if (missing.length)
    return {
      status: 'fail',
      summary: `${count(missing.length, 'new driver directory has', 'new driver directories have')} no complete MAINTAINERS section`,
      evidence,
      missing,
    };
  return { status: 'pass', summary: `every new driver directory has its MAINTAINERS section`, evidence };
}

function findLine(text: string | undefined, re: RegExp): number | undefined {
  if (!text) return undefined;
  const i = text.split('\n').findIndex((l) => re.test(l));
  return i < 0 ? undefined : i + 1;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function decideBuildWiring(ctx: EvalContext): Decision {
  if (!ctx.newVariantDirs.length) return { status: 'n/a', summary: 'the series adds no new variant-driver directory', evidence: [] };
  const evidence: Evidence[] = [];
  const missing: string[] = [];
  const kconfig = ctx.readFile('drivers/vfio/pci/Kconfig');
  const makefile = ctx.readFile('drivers/vfio/pci/Makefile');
  for (const dir of ctx.newVariantDirs) {
    const sub = dir.slice('drivers/vfio/pci/'.length, -1);
    for (const f of ['Kconfig', 'Makefile']) {
      if (ctx.exists(`${dir}${f}`)) evidence.push({ kind: 'file', path: `${dir}${f}`, text: `${dir}${f} exists` });
      else missing.push(`add ${dir}${f}`);
    }
    const src = findLine(kconfig, new RegExp(`^\\s*source\\s+"?drivers/vfio/pci/${esc(sub)}/Kconfig"?\\s*$`));
    if (src) evidence.push({ kind: 'line', path: 'drivers/vfio/pci/Kconfig', line: src, text: `drivers/vfio/pci/Kconfig:${src} sources ${dir}Kconfig` });
    else missing.push(`add 'source "drivers/vfio/pci/${sub}/Kconfig"' to drivers/vfio/pci/Kconfig`);
    const mk = findLine(makefile, new RegExp(`^\\s*obj-[^=]*=(.*\\s)?${esc(sub)}/(\\s|$)`));
    if (mk) evidence.push({ kind: 'line', path: 'drivers/vfio/pci/Makefile', line: mk, text: `drivers/vfio/pci/Makefile:${mk} descends into ${sub}/` });
    else missing.push(`add "obj-$(CONFIG_...) += ${sub}/" to drivers/vfio/pci/Makefile`);
  }
  if (missing.length) return { status: 'fail', summary: `build wiring incomplete for ${ctx.newVariantDirs.join(', ')}`, evidence, missing };
  return { status: 'pass', summary: `${ctx.newVariantDirs.join(', ')} built through drivers/vfio/pci/Kconfig and Makefile`, evidence };
}
