/**
 * The acceptance model (docs/rules.md): profiles hold items, items are decided
 * from the repository where it can tell and from the submitter's answers
 * where it cannot. Every decision carries the evidence it was made from, so
 * a reviewer (or the submitter) can check it instead of trusting it.
 */
import type { Mailmap } from '../mail/mailmap.js';
import type { Commit, Series } from '../series/read.js';
import type { AnswerState, BranchState } from '../store/state.js';
import type { CheckpatchRun } from './checkpatch.js';
import type { MaintainersView } from './maintainers-view.js';

export type Status = 'pass' | 'fail' | 'open' | 'n/a';

export type EvidenceKind = 'file' | 'line' | 'commit' | 'trailer' | 'section' | 'person' | 'document' | 'answer' | 'checkpatch' | 'note';

export interface Evidence {
  kind: EvidenceKind;
  text: string;
  path?: string;
  line?: number;
  commit?: string;
  /** checkpatch's level, for kind 'checkpatch'. */
  level?: 'ERROR' | 'WARNING' | 'CHECK';
}

/** Someone whose trailer or attention an open item waits for. */
export interface Approver {
  name: string;
  email: string;
  /** "Name <email>" as MAINTAINERS spells it. */
  address: string;
  field: 'to' | 'cc';
  /** The MAINTAINERS section that makes them the one to ask. */
  section: string;
  role: 'maintainer' | 'reviewer';
}

/**
 * One thing the submitter still has to do: in words (what the TUI shows, where
 * a key does it) and the command that does it on the command line.
 */
export interface Todo {
  text: string;
  cli?: string;
}

/** A trailer that would settle an item, and the commits that lack it (an author's own sign-off). */
export interface TrailerFix {
  commits: string[];
  trailer: string;
}

export interface Decision {
  status: Status;
  summary: string;
  evidence: Evidence[];
  /** What the submitter still has to do, one each: plain words, or words and the command that does it. */
  missing?: Array<string | Todo>;
  /** Whom to ask (open items) or who must be on the recipients. */
  ask?: Approver[];
  /** For items about parent drivers: the MAINTAINERS sections taken as parents (empty when none). */
  parents?: string[];
  /** Trailers that would settle it, ready to add. */
  fixes?: TrailerFix[];
}

/** Where an item is fixed when the fix is not an answer (a TUI screen), and the trailer its people give. */
export interface ItemFix {
  screen: 'trailers' | 'recipients' | 'cover';
  /** The trailer key a person on the ask list gives (Acked-by, Reviewed-by). */
  trailer?: string;
}

/**
 * The words of a document an item comes from, found by what they say rather
 * than by line numbers: in `doc` (default: the profile's own document), the
 * first sentence or bullet matching one of `match`. `openings` instead shows
 * the opening paragraph of every document the item's evidence lists.
 */
export type DocRule = { doc?: string; match: RegExp[] } | { openings: true };

/** How an item can be answered by the submitter, if at all. */
export interface AnswerSpec {
  text?: boolean;
  confirm?: boolean;
  /** Sub-questions answered one by one, each under its own id. */
  questions?: readonly { id: string; title: string }[];
}

export interface ItemDef {
  id: string;
  profile: string;
  title: string;
  /** The question put to the submitter. */
  question: string;
  guidance: string;
  answer?: AnswerSpec;
  fix?: ItemFix;
  doc?: DocRule;
  decide(ctx: EvalContext): Decision | Promise<Decision>;
}

export interface ProfileDef {
  id: string;
  title: string;
  /** When the profile applies, in words (shown in the TUI). */
  appliesWhen: string;
  /** The MAINTAINERS section whose P: is the profile's document, or a fixed path in the tree. */
  docSection?: string;
  docPath?: string;
  applies(ctx: EvalContext): boolean;
  items: ItemDef[];
}

/** Everything a decision may look at; built once per evaluation. */
export interface EvalContext {
  series: Series;
  state: BranchState;
  root: string;
  mailmap: Mailmap;
  maintainers: MaintainersView | null;
  /** Why the maintainers view is missing (no MAINTAINERS file). */
  maintainersError?: string;
  /** A file of the working tree, or undefined when it does not exist. Cached. */
  readFile(path: string): string | undefined;
  exists(path: string): boolean;
  /** Every path the series touches, in first-touched order. */
  paths: string[];
  /** drivers/vfio/pci/<sub>/ directories the series touches. */
  variantDirs: string[];
  /** Of those, the ones that did not exist at the base. */
  newVariantDirs: string[];
  checkpatch?: CheckpatchRun;
  /** Answers as stored. */
  answers: Record<string, AnswerState>;
  /** Extra git queries some items need (Fixes: lookups, tracing unowned headers). */
  lookups: Lookups;
}

export interface Lookups {
  /** Subjects of the commits that exist, by the abbreviation asked for. */
  commitSubjects(shas: string[]): Promise<Map<string, { sha: string; subject: string }>>;
  /** Files under drivers/ (outside drivers/vfio/) that include a header path, e.g. "linux/qat/qat_mig_dev.h". */
  includers(header: string): Promise<string[]>;
  /** Files git tracks that match MAINTAINERS F: patterns (a file, a directory/, or a glob). */
  trackedFiles(patterns: string[]): Promise<string[]>;
}

export interface ItemResult {
  id: string;
  profile: string;
  title: string;
  status: Status;
  summary: string;
  evidence: Evidence[];
  answer?: AnswerState | Record<string, AnswerState>;
  question: string;
  guidance: string;
  /** How the submitter can answer it (also for items of a repository's own profiles). */
  answerSpec?: AnswerSpec;
  /** The `todo` as one line each, the command appended (the plain report and `check --json`). */
  missing: string[];
  todo: Todo[];
  ask: Approver[];
  /** Every file the evidence names, in order. */
  files: string[];
  parents?: string[];
  fixes?: TrailerFix[];
  fix?: ItemFix;
  doc?: DocRule;
}

export interface ProfileResult {
  id: string;
  title: string;
  doc?: string;
  appliesWhen: string;
}

export interface Report {
  profiles: ProfileResult[];
  items: ItemResult[];
}

/** A todo as one line of the plain report: the words, then the command. */
export function todoLine(t: Todo): string {
  if (!t.cli) return t.text;
  return t.text ? `${t.text}: ${t.cli}` : t.cli;
}

export function shortSha(c: Commit | string): string {
  return (typeof c === 'string' ? c : c.sha).slice(0, 12);
}

export function commitLabel(c: Commit): string {
  return `${shortSha(c)} ("${c.subject}")`;
}
