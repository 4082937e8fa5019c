/**
 * The TUI's words for what the domain says in the command line's terms.
 * Errors and refusals from src/ name the CLI command or flag that fixes
 * them; where the TUI has its own key for it, the user is told that key
 * instead (they are in the TUI, a flag means nothing there). What has no
 * TUI equivalent keeps its command-line advice.
 */
import type { ExportGuard } from '../../src/letter/guards.js';
import { count } from '../../src/text/plural.js';

/** [what the domain says, what the TUI says instead]; first match of each applies. */
const TUI_WORDS: Array<[RegExp, string]> = [
  [/;? ?(?:see|run) patchpilot check(?: \([^)]*\))?[^,;]*, or export anyway with --force/, ': screen 2 shows what each needs; export anyway: x, then Enter'],
  [/: set it with patchpilot cover --title (?:T|"\.\.\.")/, ': set it on screen 5 (t edits the title)'],
  [/: (?:rewrite it|write one) with patchpilot cover --(?:body(?:-file)? \S+ or --)?edit/, ': write it on screen 5 (b edits the body)'],
  [/: patchpilot cover --changes T/, ': screen 5, c writes the changelog'],
  [/: drop it with patchpilot cc \S+/, ': drop it on screen 3 (Space)'],
  [/: add the maintainer with patchpilot cc --add-to "Name <address>"/, ': add the maintainer on screen 3 (a, then Tab for To)'],
  [/; run patchpilot send-cmd -o \S+ again/, '; export again (x), then w writes the command'],
  [/; run patchpilot export -o DIR again/, '; export again (x on screen 6)'],
  [/or send series-wide \(patchpilot cc --series-wide\)/, 'or send series-wide (m on screen 3)'],
  [
    /; run sent before amending, or export again if you sent the current tip/,
    '; mark it sent (s) before amending, or export again (x) if you sent the current tip',
  ],
  [
    /: give it with --message-id ID \((v\d+) threads to it\), or record (v\d+) without it with --force/,
    ': type its Message-ID in this box ($1 threads to it); to record $2 without one, use patchpilot sent --force',
  ],
  [
    /: look at the branch \(git log\) and run the command again if it is still needed/,
    ': the screen now shows the branch as it is; try again if it is still needed',
  ],
  [/; run the command again$/, '; the screen now shows the branch as it is: try again if it is still needed'],
];

/** An error or refusal from src/ as the TUI says it: one paragraph (the status line wraps it), the TUI's keys where it has them. */
export function tuiWords(message: string): string {
  // A refusal of several lines (export's guards) prints each with the program's name; here they are one paragraph.
  const [first = '', ...rest] = message
    .split('\n')
    .map((l) => l.replace(/^patchpilot: /, '').trim())
    .filter(Boolean);
  let text = rest.length ? `${first} ${rest.join('; ')}` : first;
  for (const [from, to] of TUI_WORDS) text = text.replace(from, to);
  return text;
}

/** An export guard as the Send screen lists it. */
export function guardText(g: ExportGuard): string {
  if (g.kind === 'acceptance' && g.items?.length) {
    const list = g.items.map((i) => `${i.id} (${i.status})`).join(', ');
    return `${count(g.items.length, 'acceptance item is', 'acceptance items are')} not done: ${list}; screen 2 shows what each needs`;
  }
  return tuiWords(g.message);
}
