/**
 * Output sanitizer for text that came from other people: commit subjects and
 * trailers, MAINTAINERS and .mailmap names, mail senders and subjects, state
 * values. A terminal acts on control characters (ESC starts sequences that
 * retitle the window, clear the screen or move the cursor; C1 CSI does the
 * same without ESC; CR overwrites a line) and Unicode bidi controls reorder
 * what is shown, so every such character is replaced by a visible escape
 * (\x1b, \r, \u202e) before it is printed. JSON output needs none of this:
 * JSON.stringify escapes C0 controls itself.
 */

/** C0 controls, DEL, C1 controls, the Unicode line/paragraph separators and the bidi embedding/override/isolate controls. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_TEST = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const NAMED: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r', '\u001b': '\\e' };

function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line for a terminal: every control character (line breaks and tabs included) becomes a visible escape. */
export function sanitizeLine(text: string): string {
  return UNSAFE_TEST.test(text) ? text.replace(UNSAFE, escapeChar) : text;
}

/**
 * Several lines for a terminal (a body, a cover letter): newlines and tabs are
 * kept, CRLF becomes LF, every other control character becomes a visible escape.
 */
export function sanitizeText(text: string): string {
  if (!UNSAFE_TEST.test(text)) return text;
  return text.replace(/\r\n/g, '\n').replace(UNSAFE, (c) => (c === '\n' || c === '\t' ? c : escapeChar(c)));
}

/** sanitizeLine, or sanitizeText when the printer asks for several lines. */
export function sanitize(text: string, opts: { multiline?: boolean } = {}): string {
  return opts.multiline ? sanitizeText(text) : sanitizeLine(text);
}

/** Whether a value holds anything sanitizeLine would escape (for refusing it where it would become a header). */
export function hasControl(text: string): boolean {
  return UNSAFE_TEST.test(text);
}
