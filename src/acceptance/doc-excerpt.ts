/**
 * The words of a subsystem's document an item comes from, read from the
 * tree: the sentences that state the rule, found by what they say rather
 * than by line numbers, so a reworded or moved paragraph is still found.
 * Each item's rule (which document, which wording) is part of its
 * definition (DocRule in types.ts).
 */
import { join } from 'node:path';
import type { DocRule } from './types.js';
import { readTreeText } from '../text/input-file.js';

function sentences(paragraph: string): string[] {
  return paragraph
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=[.!?])\s+(?=[A-Z(])/);
}

/** A paragraph's units: its bullets (with the lead-in that introduces them), else its sentences. */
function units(paragraphs: string[], i: number): string[] {
  const para = paragraphs[i]!;
  if (/^\s*[-*] /m.test(para)) {
    const prev = paragraphs[i - 1]?.trim();
    const lead = prev && prev.endsWith(':') ? `${prev.replace(/\s+/g, ' ')}\n` : '';
    return para
      .split(/^\s*[-*] /m)
      .filter((b) => b.trim())
      .map((b) => `${lead}- ${b.replace(/\s+/g, ' ').trim()}`);
  }
  return sentences(para);
}

/** The sentence or bullet of `text` that states the rule. */
export function excerptOf(text: string, match: RegExp | RegExp[]): string | undefined {
  const paragraphs = text.split(/\n\s*\n/);
  for (const re of Array.isArray(match) ? match : [match]) {
    for (let i = 0; i < paragraphs.length; i++) {
      const hit = units(paragraphs, i).find((u) => re.test(u.replace(/\s+/g, ' ')));
      if (hit) return hit;
    }
  }
  return undefined;
}

const cache = new Map<string, string | null>();

function readDoc(root: string, path: string): string | undefined {
  const key = join(root, path);
  if (!cache.has(key)) {
    try {
      // A committed symbolic link may point at a FIFO or a device: read regular files only.
      cache.set(key, readTreeText(key) ?? null);
    } catch {
      cache.set(key, null);
    }
  }
  return cache.get(key) ?? undefined;
}

/**
 * The words an item's rule points at: the matching sentence of its document
 * (the profile's own unless the rule names one), or the openings of the
 * documents its evidence lists.
 */
export function docExcerpt(root: string, rule: DocRule, profileDoc: string | undefined, documents: string[]): { path: string; excerpt: string } | undefined {
  if ('openings' in rule) return documentOpenings(root, documents);
  const path = rule.doc ?? profileDoc;
  if (!path) return undefined;
  const text = readDoc(root, path);
  const excerpt = text && excerptOf(text, rule.match);
  return excerpt ? { path, excerpt } : undefined;
}

/** The opening paragraph of each in-tree document (the P: documents of the sections a series touches). */
export function documentOpenings(root: string, paths: string[]): { path: string; excerpt: string } | undefined {
  const parts: string[] = [];
  for (const p of paths) {
    const text = readDoc(root, p);
    if (!text) continue;
    const para = text
      .split(/\n\s*\n/)
      .map((x) => x.trim())
      .find((x) => x.length > 80 && !/^[.=\-~*:]|^\.\./.test(x) && !/^[=\-~]+$/m.test(x));
    if (para) parts.push(paths.length > 1 ? `${p}:\n${para.replace(/\s+/g, ' ')}` : para.replace(/\s+/g, ' '));
  }
  return parts.length ? { path: paths.join(', '), excerpt: parts.join('\n\n') } : undefined;
}
