/**
 * The plain data the views show. components/controller/ builds it from the
 * operations layer (series, acceptance, recipients, trailers, cover); views
 * never see git or files, and tests can hand-write it. Text in it may come
 * from other people (subjects, names, messages): the views draw every row
 * through Lines.tsx, which makes control characters visible.
 */

export type Status = 'pass' | 'fail' | 'open' | 'n/a';

export interface TrailerView {
  key: string;
  value: string;
  /** Why this trailer is wrong (misspelt key, bad address...), when it is. */
  problem?: string;
}

export interface FileView {
  path: string;
  status: string;
  additions: number;
  deletions: number;
}

export interface CommitView {
  sha: string;
  subject: string;
  /** The message between the subject and the trailers, as written (several lines). */
  body?: string;
  author: string;
  trailers: TrailerView[];
  files: FileView[];
  /** Problems found on this commit as a whole (missing Signed-off-by...). */
  problems: string[];
}

/** A series this one depends on (a prerequisite recorded by the submitter). */
export interface DependencyView {
  /** What the user named: a range, a branch, an mbox, a Message-ID. */
  name: string;
  messageId?: string;
  /** How many patches it holds, when known. */
  patches?: number;
  /** in-base: already in the base, the line can go; built-on: the branch sits on it; not-built-on: the branch lacks it. */
  state?: 'in-base' | 'built-on' | 'not-built-on';
  /** One line more to say about it (where it was queued, why it is flagged). */
  note?: string;
}

export interface SeriesView {
  branch: string;
  baseRef: string;
  baseCommit: string;
  version: number;
  submitter: string;
  commits: CommitView[];
  /** Prerequisite series; undefined when none are recorded. */
  deps?: DependencyView[];
}

export interface EvidenceView {
  kind: string;
  text: string;
  path?: string;
  line?: number;
  commit?: string;
}

/** One question of an item that asks several (vfio.device-docs): each has its own answer key. */
export interface SubQuestion {
  id: string;
  title: string;
  answer?: string;
}

export interface AnswerView {
  text?: string;
  confirmed?: boolean;
  note?: string;
}

/** Where the fix for an item is made, when it is made on another screen. */
export type FixScreen = 'recipients' | 'trailers' | 'cover';

export interface ItemView {
  id: string;
  profile: string;
  title: string;
  status: Status;
  summary: string;
  question?: string;
  guidance?: string;
  /** The words of the subsystem's document the item comes from, read from the tree. */
  doc?: { path: string; excerpt: string };
  evidence: EvidenceView[];
  answer?: AnswerView;
  /** How the submitter settles it: a written answer, a confirmation, or a fix elsewhere. */
  resolve: Array<'answer' | 'confirm'>;
  fix?: FixScreen;
  /** What is still to be done, in words (the command-line hints of the report left out). */
  todo?: string[];
  /** The trailer key a person on the ask list gives to settle it (Reviewed-by, Acked-by). */
  fixTrailer?: string;
  /** Ready-made trailers that settle it, each for the commits that lack it (an author's sign-off). */
  fixes?: Array<{ commits: string[]; trailer: string }>;
  questions?: SubQuestion[];
  /** One written answer may cover all the questions at once (it goes into the cover letter as written). */
  answersAll?: boolean;
  /** People whose trailer would settle it, with why ("Name <a@b> (maintainer, SECTION)"). */
  waitingFor?: string[];
  /** Their addresses alone, offered first when the fix is a trailer or a recipient. */
  ask?: string[];
  /** Set (possibly empty) for an item about parent drivers: the sections found, which the submitter may remove or add to. */
  parents?: string[];
}

export interface ProfileView {
  id: string;
  title: string;
  doc?: string;
}

export interface RecipientView {
  name: string;
  email: string;
  address: string;
  field: 'to' | 'cc';
  reasons: string[];
  dropped: boolean;
  manual: boolean;
}

export interface PatchRecipients {
  subject: string;
  to: string[];
  cc: string[];
}

export interface RecipientsView {
  mode: 'series' | 'per-patch';
  list: RecipientView[];
  perPatch: PatchRecipients[];
  /** What the submitter should know about the list (no MAINTAINERS in the tree, lines of it that did not parse). */
  warnings?: string[];
}

export interface CoverView {
  /** False for a single-patch series: the text goes below the patch's `---`. */
  separate: boolean;
  subject: string;
  title: string;
  body: string;
  /** This version's changelog text. */
  changes: string;
  /** Subject prefixes such as RFC and a tree tag such as net-next. */
  prefixes: string[];
  preview: string;
}

/** Why export would refuse now (a placeholder, an empty To:, open items), and what to do. */
export interface RefusalView {
  text: string;
  fix?: string;
  /** Export goes ahead anyway when forced (open checklist items); otherwise it must be fixed. */
  forceable?: boolean;
}

export interface SendView {
  exportDir: string;
  exported: string[];
  command?: string;
  sent: Array<{ version: number; tag: string; date: string; messageId?: string }>;
  /**
   * Whether the next export replies to the previous version's cover letter
   * (opt-in, remembered per branch) instead of starting a new thread that
   * links it; undefined when there is no previous version.
   */
  threadToPrevious?: boolean;
  /** What export would refuse, when the guards were run; empty when it would go ahead. */
  refusals?: RefusalView[];
}

export interface AppData {
  series: SeriesView;
  /** Undefined while the checklist is being decided: the views say "deciding…". */
  profiles?: ProfileView[];
  items?: ItemView[];
  /** Null when the module that computes them is unavailable; the screen says so. Undefined: still loading. */
  recipients: RecipientsView | null | undefined;
  cover: CoverView | null | undefined;
  send: SendView | null | undefined;
  /** People and trailers offered as completions when adding a trailer. */
  people: string[];
  /** MAINTAINERS section names, offered when adding a parent driver by hand. */
  sections?: string[];
  canUndo: boolean;
  /** What undo would restore ("trailers add ... -> 1a2b3c4d5e6f"), or why it cannot. */
  undoNote?: string;
}

/** Counts of the checklist; `decided` is false while it is still being decided (everything else is then empty). */
export function readiness(items: ItemView[] | undefined): { decided: boolean; met: number; total: number; open: ItemView[]; failing: ItemView[] } {
  if (!items) return { decided: false, met: 0, total: 0, open: [], failing: [] };
  const counted = items.filter((i) => i.status !== 'n/a');
  return {
    decided: true,
    met: counted.filter((i) => i.status === 'pass').length,
    total: counted.length,
    open: counted.filter((i) => i.status === 'open'),
    failing: counted.filter((i) => i.status === 'fail'),
  };
}
