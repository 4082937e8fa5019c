/**
 * The profiles file a maintainer or a team writes (docs/profiles.md): JSON
 * with profiles, each scoped to paths, each item either a question the
 * submitter answers or a rule decided from the series and the branch state:
 * subject prefixes, the tree tag, a maximum number of patches, a minimum
 * time between versions, required trailers from a listed group. Every
 * mistake in the file is one UsageError naming the file and the field.
 */
import { UsageError } from '../errors.js';
import { formatPerson } from '../mail/address.js';
import { commitLabel, shortSha, type Decision, type EvalContext, type Evidence, type ItemDef, type ProfileDef } from './types.js';
import { commitsTouching, plural, subjectPrefixes, tagText } from './profiles/common.js';
import { decideRepostWait } from './profiles/netdev.js';

const ID = /^[a-z0-9][a-z0-9.-]*$/;
const RULE_KEYS = ['subjectPrefix', 'coverPrefix', 'maxPatches', 'minHoursBetweenVersions', 'requiredTrailer'] as const;
const ITEM_KEYS = new Set(['id', 'title', 'question', 'guidance', 'quote', 'answer', 'rule', 'paths']);
const PROFILE_KEYS = new Set(['id', 'title', 'appliesTo', 'doc', 'items']);

type Raw = Record<string, unknown>;

class Reader {
  constructor(readonly file: string) {}
  fail(field: string, problem: string): never {
    throw new UsageError(`${this.file}: ${field}: ${problem}`);
  }
  obj(v: unknown, field: string): Raw {
    if (!v || typeof v !== 'object' || Array.isArray(v)) this.fail(field, 'must be an object');
    return v as Raw;
  }
  str(v: unknown, field: string): string {
    if (typeof v !== 'string' || !v.trim()) this.fail(field, 'must be a non-empty string');
    if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(v)) this.fail(field, 'holds a control character');
    return v;
  }
  optStr(v: unknown, field: string): string | undefined {
    return v === undefined ? undefined : this.str(v, field);
  }
  strings(v: unknown, field: string): string[] {
    if (!Array.isArray(v) || !v.length) this.fail(field, 'must be a non-empty list of strings');
    return v.map((x, i) => this.str(x, `${field}[${i}]`));
  }
  num(v: unknown, field: string, integer: boolean): number {
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v)))
      this.fail(field, `must be a ${integer ? 'whole ' : ''}number greater than 0`);
    return v;
  }
  regex(v: unknown, field: string): RegExp {
    const s = this.str(v, field);
    try {
      return new RegExp(s);
    } catch (e) {
      this.fail(field, `is not a regular expression (${(e as Error).message})`);
    }
  }
  known(o: Raw, keys: Set<string>, field: string): void {
    for (const k of Object.keys(o)) if (!keys.has(k)) this.fail(`${field}.${k}`, `unknown field (known: ${[...keys].join(', ')})`);
  }
}

/** appliesTo and paths entries: path prefixes, '*' within one path component. */
function prefixMatcher(pattern: string): (path: string) => boolean {
  const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}`);
  return (p) => re.test(p);
}

function decideByAnswer(id: string, file: string, kind: 'text' | 'confirm', inScope: (ctx: EvalContext) => string[]) {
  return (ctx: EvalContext): Decision => {
    const evidence: Evidence[] = inScope(ctx)
      .slice(0, 10)
      .map((p) => ({ kind: 'file', path: p, text: `the series changes ${p}` }));
    const a = ctx.answers[id];
    if (kind === 'confirm' ? a?.confirmed : a?.text?.trim()) {
      evidence.push({ kind: 'answer', text: kind === 'confirm' ? `confirmed${a?.note ? `: ${a.note}` : ''}` : 'answered' });
      return { status: 'pass', summary: kind === 'confirm' ? 'confirmed' : 'answered', evidence };
    }
    return {
      status: 'open',
      summary: kind === 'confirm' ? 'waiting for your confirmation' : 'waiting for your answer',
      evidence,
      missing: [
        {
          text: kind === 'confirm' ? `confirm (asked by ${file})` : `answer (asked by ${file})`,
          cli: `patchpilot answer ${id} ${kind === 'confirm' ? '--confirm --note "..."' : '--text "..."'}`,
        },
      ],
    };
  };
}

interface TrailerRule {
  key: string;
  from: string[];
  count: number;
  every: boolean;
}

function matchesGroup(ctx: EvalContext, email: string, group: string[]): boolean {
  const e = email.toLowerCase();
  return group.some((g) => {
    const addr = (/<([^>]+)>/.exec(g)?.[1] ?? g).trim().toLowerCase();
    if (addr.startsWith('@')) return e.endsWith(addr);
    return addr === e || ctx.mailmap.same(addr, e);
  });
}

function decideTrailer(rule: TrailerRule, scope: (ctx: EvalContext) => string[]) {
  return (ctx: EvalContext): Decision => {
    const commits = commitsTouching(ctx, scope(ctx));
    const found = (c: (typeof commits)[number]) =>
      c.trailers.filter((t) => t.key.toLowerCase() === rule.key.toLowerCase() && t.email && (!rule.from.length || matchesGroup(ctx, t.email, rule.from)));
    const who = rule.from.length ? ` from ${rule.from.join(', ')}` : '';
    if (rule.every) {
      const lacking = commits.filter((c) => new Set(found(c).map((t) => t.email!.toLowerCase())).size < rule.count);
      if (!lacking.length)
        return { status: 'pass', summary: `every patch in scope has ${rule.count > 1 ? `${rule.count} ` : 'a '}${rule.key}${who}`, evidence: [] };
      return {
        status: 'open',
        summary: `${plural(lacking.length, 'patch', 'patches')} without ${rule.key}${who}`,
        evidence: lacking.map((c) => ({ kind: 'commit', commit: c.sha, text: `${commitLabel(c)}: no ${rule.key}${who}` })),
        missing: lacking.map((c) => `${shortSha(c)}: needs ${rule.key}${who}`),
      };
    }
    const people = new Map<string, string>();
    for (const c of commits) for (const t of found(c)) people.set(t.email!.toLowerCase(), formatPerson(t.name ?? '', t.email!));
    const evidence: Evidence[] = [...people.values()].map((p) => ({ kind: 'trailer', text: `${rule.key}: ${p}` }));
    if (people.size >= rule.count) return { status: 'pass', summary: `${rule.key}${who}: ${[...people.values()].join(', ')}`, evidence };
    return {
      status: 'open',
      summary: `waiting for ${rule.count > 1 ? `${rule.count} ` : 'a '}${rule.key}${who}${people.size ? ` (${people.size} so far)` : ''}`,
      evidence,
      missing: [`get ${rule.key}${who} on the series (patchpilot trailers add or import records it)`],
    };
  };
}

function decideSubjects(re: RegExp, scope: (ctx: EvalContext) => string[]) {
  return (ctx: EvalContext): Decision => {
    const commits = commitsTouching(ctx, scope(ctx));
    const bad = commits.filter((c) => !re.test(c.subject));
    if (!bad.length) return { status: 'pass', summary: `${plural(commits.length, 'subject')} match /${re.source}/`, evidence: [] };
    return {
      status: 'fail',
      summary: `${plural(bad.length, 'subject')} do${bad.length === 1 ? 'es' : ''} not match /${re.source}/`,
      evidence: bad.map((c) => ({ kind: 'commit', commit: c.sha, text: `${commitLabel(c)}: does not match /${re.source}/` })),
      missing: bad.map((c) => `${shortSha(c)}: reword the subject to match /${re.source}/`),
    };
  };
}

function decideCoverPrefix(allowed: string[]) {
  return (ctx: EvalContext): Decision => {
    const prefixes = subjectPrefixes(ctx);
    const shown = tagText(prefixes, ctx.series.version);
    const hit = prefixes.find((p) => allowed.includes(p));
    if (hit) return { status: 'pass', summary: `the subject names ${hit}: ${shown}`, evidence: [] };
    const keep = prefixes.filter((p) => !allowed.some((a) => a.toLowerCase() === p.toLowerCase()));
    return {
      status: 'open',
      summary: `the subject prefix names none of ${allowed.join(', ')}: ${shown}`,
      evidence: [{ kind: 'note', text: `subject prefix ${shown}` }],
      missing: [
        { text: `add ${allowed.join(' or ')} to the subject prefix`, cli: `patchpilot cover ${[...keep, allowed[0]!].map((p) => `--prefix ${p}`).join(' ')}` },
      ],
    };
  };
}

function decideMax(max: number) {
  return (ctx: EvalContext): Decision => {
    const n = ctx.series.commits.length;
    if (n <= max) return { status: 'pass', summary: `${plural(n, 'patch', 'patches')} (at most ${max})`, evidence: [] };
    return { status: 'fail', summary: `${n} patches: at most ${max} in one series`, evidence: [], missing: [`split the series: at most ${max} patches each`] };
  };
}

function parseItem(r: Reader, raw: unknown, field: string, profile: string, taken: Set<string>, scope: (ctx: EvalContext) => string[]): ItemDef {
  const it = r.obj(raw, field);
  r.known(it, ITEM_KEYS, field);
  const id = r.str(it.id, `${field}.id`);
  if (!ID.test(id)) r.fail(`${field}.id`, `item id "${id}" is not lower-case letters, digits, dots and dashes`);
  if (taken.has(id)) r.fail(`${field}.id`, `item id "${id}" is already taken`);
  taken.add(id);
  const title = r.str(it.title, `${field}.title`);
  const quote = r.optStr(it.quote, `${field}.quote`);
  const guidance = [r.optStr(it.guidance, `${field}.guidance`), quote ? `"${quote}"` : undefined].filter(Boolean).join(' ');
  let itemScope = scope;
  if (it.paths !== undefined) {
    const m = r.strings(it.paths, `${field}.paths`).map(prefixMatcher);
    itemScope = (ctx) => scope(ctx).filter((p) => m.some((f) => f(p)));
  }
  const base = {
    id,
    profile,
    title,
    guidance,
    ...(quote
      ? {
          doc: {
            match: [
              new RegExp(
                quote
                  .slice(0, 60)
                  .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
                  .replace(/\s+/g, '\\s+'),
                'i',
              ),
            ],
          },
        }
      : {}),
  };
  if (it.rule === undefined) {
    const question = r.str(it.question, `${field}.question`);
    const kind = it.answer ?? 'confirm';
    if (kind !== 'text' && kind !== 'confirm') r.fail(`${field}.answer`, 'must be "text" or "confirm"');
    return { ...base, question, answer: kind === 'text' ? { text: true } : { confirm: true }, decide: decideByAnswer(id, r.file, kind, itemScope) };
  }
  if (it.answer !== undefined) r.fail(`${field}.answer`, 'goes with a question, not with a rule');
  const rule = r.obj(it.rule, `${field}.rule`);
  const keys = Object.keys(rule);
  if (keys.length !== 1 || !(RULE_KEYS as readonly string[]).includes(keys[0]!))
    r.fail(`${field}.rule`, `must hold exactly one of ${RULE_KEYS.join(', ')}${keys.length ? ` (has ${keys.join(', ')})` : ''}`);
  const k = keys[0] as (typeof RULE_KEYS)[number];
  const rf = `${field}.rule.${k}`;
  const question = r.optStr(it.question, `${field}.question`);
  switch (k) {
    case 'subjectPrefix': {
      const re = r.regex(rule[k], rf);
      return { ...base, question: question ?? `Does every subject match /${re.source}/?`, decide: decideSubjects(re, itemScope) };
    }
    case 'coverPrefix': {
      const allowed = typeof rule[k] === 'string' ? [r.str(rule[k], rf)] : r.strings(rule[k], rf);
      for (const [i, a] of allowed.entries())
        if (!/^[A-Za-z0-9][A-Za-z0-9._+/-]*$/.test(a)) r.fail(`${rf}[${i}]`, `"${a}" is not one word of letters, digits and . _ + / -`);
      return {
        ...base,
        question: question ?? `Does the subject prefix name ${allowed.join(' or ')}?`,
        fix: { screen: 'cover' },
        decide: decideCoverPrefix(allowed),
      };
    }
    case 'maxPatches': {
      const max = r.num(rule[k], rf, true);
      return { ...base, question: question ?? `Does the series hold at most ${max} patches?`, decide: decideMax(max) };
    }
    case 'minHoursBetweenVersions': {
      const hours = r.num(rule[k], rf, false);
      return {
        ...base,
        question: question ?? `Have ${hours} hours passed since the previous version was sent?`,
        decide: (ctx) => decideRepostWait(ctx, hours),
      };
    }
    case 'requiredTrailer': {
      const t = r.obj(rule[k], rf);
      r.known(t, new Set(['key', 'from', 'count', 'every']), rf);
      const key = r.str(t.key, `${rf}.key`);
      if (!/^[A-Za-z][A-Za-z-]*$/.test(key)) r.fail(`${rf}.key`, `"${key}" is not a trailer key`);
      const from = t.from === undefined ? [] : r.strings(t.from, `${rf}.from`);
      const count = t.count === undefined ? 1 : r.num(t.count, `${rf}.count`, true);
      if (t.every !== undefined && typeof t.every !== 'boolean') r.fail(`${rf}.every`, 'must be true or false');
      const rule2: TrailerRule = { key, from, count, every: t.every === true };
      return {
        ...base,
        question: question ?? `Does the series carry ${key}${from.length ? ` from ${from.join(', ')}` : ''}?`,
        fix: { screen: 'trailers', trailer: key },
        decide: decideTrailer(rule2, itemScope),
      };
    }
  }
}

/** Profiles of one file; `taken` holds the ids in use (built-in and earlier files) and gains this file's. */
export function parseProfileFile(file: string, text: string, taken: Set<string>): ProfileDef[] {
  const r: Reader = new Reader(file);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  const top = r.obj(data, '(top level)');
  r.known(top, new Set(['profiles']), '(top level)');
  if (!Array.isArray(top.profiles)) r.fail('profiles', 'expected {"profiles": [...]}');
  return top.profiles.map((raw, pi): ProfileDef => {
    const field = `profiles[${pi}]`;
    const p = r.obj(raw, field);
    r.known(p, PROFILE_KEYS, field);
    const id = r.str(p.id, `${field}.id`);
    if (!ID.test(id)) r.fail(`${field}.id`, `profile id "${id}" is not lower-case letters, digits, dots and dashes`);
    if (taken.has(id)) r.fail(`${field}.id`, `profile id "${id}" is already taken`);
    taken.add(id);
    if (!Array.isArray(p.appliesTo) || !p.appliesTo.length) r.fail(`${field}.appliesTo`, 'profile needs "appliesTo": a list of path prefixes');
    const applies = r.strings(p.appliesTo, `${field}.appliesTo`);
    const matchers = applies.map(prefixMatcher);
    const scope = (ctx: EvalContext) => ctx.paths.filter((x) => matchers.some((m) => m(x)));
    if (!Array.isArray(p.items) || !p.items.length) r.fail(`${field}.items`, 'profile needs "items": a list of questions and rules');
    const items = p.items.map((it, ii) => parseItem(r, it, `${field}.items[${ii}]`, id, taken, scope));
    const doc = r.optStr(p.doc, `${field}.doc`);
    return {
      id,
      title: r.str(p.title, `${field}.title`),
      appliesWhen: `the series changes ${applies.join(', ')}`,
      ...(doc ? { docPath: doc } : {}),
      applies: (ctx) => scope(ctx).length > 0,
      items,
    };
  });
}
