/**
 * get_maintainer.pl's options as the engine takes them, with the script's
 * defaults. Parsing them from a command line is bin/maintainers/options.ts.
 */
export interface GmOptions {
  email: boolean;
  git: boolean;
  gitAllSignatureTypes: boolean;
  gitBlame: boolean;
  gitBlameSignatures: boolean;
  gitFallback: boolean;
  gitChiefPenguins: boolean;
  gitMinSignatures: number;
  gitMaxMaintainers: number;
  gitMinPercent: number;
  gitSince: string;
  hgSince: string;
  interactive: boolean;
  removeDuplicates: boolean;
  mailmap: boolean;
  m: boolean;
  r: boolean;
  n: boolean;
  l: boolean;
  fixes: boolean;
  moderated: boolean;
  s: boolean;
  multiline: boolean;
  roles: boolean;
  rolestats: boolean;
  separator: string;
  subsystem: boolean;
  status: boolean;
  scm: boolean;
  tree: boolean;
  web: boolean;
  bug: boolean;
  letters: string;
  patternDepth: number;
  keywords: boolean;
  keywordsInFile: boolean;
  sections: boolean;
  fileEmails: boolean;
  file: boolean;
  findMaintainerFiles: boolean;
  maintainerPath?: string;
  selfTest?: string;
  version: boolean;
  help: boolean;
  /** patchpilot's own: the tree (default: the current directory or the nearest parent with MAINTAINERS). */
  repo?: string;
  /** patchpilot's own: JSON output (every address with its role, and the other lists). */
  json: boolean;
}

export function defaultOptions(): GmOptions {
  return {
    email: true,
    git: false,
    gitAllSignatureTypes: false,
    gitBlame: false,
    gitBlameSignatures: true,
    gitFallback: true,
    gitChiefPenguins: false,
    gitMinSignatures: 1,
    gitMaxMaintainers: 5,
    gitMinPercent: 5,
    gitSince: '1-year-ago',
    hgSince: '-365',
    interactive: false,
    removeDuplicates: true,
    mailmap: true,
    m: true,
    r: true,
    n: true,
    l: true,
    fixes: true,
    moderated: true,
    s: false,
    multiline: true,
    roles: false,
    rolestats: true,
    separator: ', ',
    subsystem: false,
    status: false,
    scm: false,
    tree: true,
    web: false,
    bug: false,
    letters: '',
    patternDepth: 0,
    keywords: true,
    keywordsInFile: false,
    sections: false,
    fileEmails: false,
    file: false,
    findMaintainerFiles: false,
    version: false,
    help: false,
    json: false,
  };
}
