/**
 * Profiles a repository carries itself (SPEC §6: "a repository may carry its
 * own in a file of the repository"): .patchpilot/profiles.json in the tree.
 * Their items are questions for the submitter, decided by the answers:
 *
 *   {"profiles": [{"id": "acme-net", "title": "Acme NIC drivers",
 *     "appliesTo": ["drivers/net/ethernet/acme/"], "doc": "Documentation/...",
 *     "items": [{"id": "acme.hw-tested", "title": "Tested on hardware",
 *       "question": "On which boards did you test?", "guidance": "...",
 *       "answer": "text"}]}]}
 *
 * "answer" is "text" or "confirm". appliesTo entries are path prefixes; '*'
 * matches within one path component.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import type { Decision, EvalContext, ItemDef, ProfileDef } from './types.js';
import { PROFILES } from './profiles.js';

export const REPO_PROFILES = '.patchpilot/profiles.json';

const ID = /^[a-z0-9][a-z0-9.-]*$/;

function prefixMatcher(pattern: string): (path: string) => boolean {
  const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}`);
  return (p) => re.test(p);
}

function decideByAnswer(id: string, kind: 'text' | 'confirm', matches: (p: string) => boolean) {
  return (ctx: EvalContext): Decision => {
    const evidence = ctx.paths
      .filter(matches)
      .slice(0, 10)
      .map((p) => ({ kind: 'file' as const, path: p, text: `the series changes ${p}` }));
    const a = ctx.answers[id];
    if (kind === 'confirm' ? a?.confirmed : a?.text?.trim()) {
      evidence.push({ kind: 'file', path: REPO_PROFILES, text: kind === 'confirm' ? `confirmed${a?.note ? `: ${a.note}` : ''}` : 'answered' });
      return { status: 'pass', summary: kind === 'confirm' ? 'confirmed' : 'answered', evidence };
    }
    return {
      status: 'open',
      summary: kind === 'confirm' ? 'waiting for your confirmation' : 'waiting for your answer',
      evidence,
      // No words: in the TUI the item's own keys answer or confirm it.
      missing: [{ text: '', cli: `patchpilot answer ${id} ${kind === 'confirm' ? '--confirm [--note "..."]' : '--text "..."'}` }],
    };
  };
}

function str(v: unknown, where: string, optional = false): string {
  if (v === undefined && optional) return '';
  if (typeof v !== 'string' || !v.trim()) throw new UsageError(`${REPO_PROFILES}: ${where} must be a non-empty string`);
  return v;
}

export function parseRepoProfiles(text: string, taken: Set<string>): ProfileDef[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${REPO_PROFILES} is not valid JSON: ${(e as Error).message}`);
  }
  const list = (data as { profiles?: unknown })?.profiles;
  if (!Array.isArray(list)) throw new UsageError(`${REPO_PROFILES}: expected {"profiles": [...]}`);
  return list.map((raw, pi): ProfileDef => {
    const p = raw as Record<string, unknown>;
    const id = str(p.id, `profiles[${pi}].id`);
    if (!ID.test(id) || taken.has(id))
      throw new UsageError(`${REPO_PROFILES}: profile id "${id}" is ${taken.has(id) ? 'already taken' : 'not lower-case letters, digits, dots and dashes'}`);
    taken.add(id);
    const applies = p.appliesTo;
    if (!Array.isArray(applies) || !applies.length) throw new UsageError(`${REPO_PROFILES}: profile ${id} needs "appliesTo": a list of path prefixes`);
    const matchers = applies.map((a, i) => prefixMatcher(str(a, `${id}.appliesTo[${i}]`)));
    const matches = (path: string) => matchers.some((m) => m(path));
    if (!Array.isArray(p.items) || !p.items.length) throw new UsageError(`${REPO_PROFILES}: profile ${id} needs "items"`);
    const items = p.items.map((r, ii): ItemDef => {
      const it = r as Record<string, unknown>;
      const iid = str(it.id, `${id}.items[${ii}].id`);
      if (!ID.test(iid) || taken.has(iid))
        throw new UsageError(`${REPO_PROFILES}: item id "${iid}" is ${taken.has(iid) ? 'already taken' : 'not lower-case letters, digits, dots and dashes'}`);
      taken.add(iid);
      const kind = it.answer ?? 'confirm';
      if (kind !== 'text' && kind !== 'confirm') throw new UsageError(`${REPO_PROFILES}: item ${iid}: "answer" is "text" or "confirm"`);
      return {
        id: iid,
        profile: id,
        title: str(it.title, `${iid}.title`),
        question: str(it.question, `${iid}.question`),
        guidance: str(it.guidance, `${iid}.guidance`, true),
        answer: kind === 'text' ? { text: true } : { confirm: true },
        decide: decideByAnswer(iid, kind, matches),
      };
    });
    const doc = str(p.doc, `${id}.doc`, true);
    return {
      id,
      title: str(p.title, `${id}.title`),
      appliesWhen: `the series changes ${applies.join(', ')}`,
      ...(doc ? { docPath: doc } : {}),
      applies: (ctx) => ctx.paths.some(matches),
      items,
    };
  });
}

/** The built-in profiles and the repository's own, if it has the file. */
export function loadProfiles(root: string): ProfileDef[] {
  let text: string;
  try {
    text = readFileSync(join(root, REPO_PROFILES), 'utf8');
  } catch {
    return PROFILES;
  }
  const taken = new Set(PROFILES.flatMap((p) => [p.id, ...p.items.flatMap((i) => [i.id, ...(i.answer?.questions ?? []).map((q) => q.id)])]));
  return [...PROFILES, ...parseRepoProfiles(text, taken)];
}
