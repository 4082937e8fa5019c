/**
 * The plain data the views show. src/app/ builds it from the domain modules
 * (series, acceptance, recipients, trailers, cover); views never see git or
 * files, and tests can hand-write it.
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
  author: string;
  trailers: TrailerView[];
  files: FileView[];
  /** Problems found on this commit as a whole (missing Signed-off-by...). */
  problems: string[];
}

export interface SeriesView {
  branch: string;
  baseRef: string;
  baseCommit: string;
  version: number;
  submitter: string;
  commits: CommitView[];
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
  questions?: SubQuestion[];
  /** People whose trailer would settle it, with why ("Name <a@b> (maintainer, SECTION)"). */
  waitingFor?: string[];
  /** Their addresses alone, offered first when the fix is a trailer or a recipient. */
  ask?: string[];
  /** For vfio.parent-approval: the parent sections found, which the submitter may remove or add to. */
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

export interface SendView {
  exportDir: string;
  exported: string[];
  command?: string;
  sent: Array<{ version: number; tag: string; date: string }>;
}

export interface AppData {
  series: SeriesView;
  profiles: ProfileView[];
  items: ItemView[];
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

export function readiness(items: ItemView[]): { met: number; total: number; open: ItemView[]; failing: ItemView[] } {
  const counted = items.filter((i) => i.status !== 'n/a');
  return {
    met: counted.filter((i) => i.status === 'pass').length,
    total: counted.length,
    open: counted.filter((i) => i.status === 'open'),
    failing: counted.filter((i) => i.status === 'fail'),
  };
}
