// Text from documents shown as what it is. A subject or attachment name is written by whoever
// sent the mail: a right-to-left override (U+202E) makes "gpj.exe" read as "exe.jpg", and
// control characters (escape, bell, carriage return) are invisible in a page yet change what a
// copied title does in a terminal. Where the UI shows such names as text, those characters are
// shown as escapes instead, the same ones `dossier` prints on a terminal (crates/cli visible.rs).
// The data itself is never changed: the backend's JSON stays exact.

/** Control characters (C0, DEL, C1) and bidirectional embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t", "\u001b": "\\e" };

/** One character as the escape a person can read: `\e`, `\r`, `\x07`, `\u{202e}`. */
function escapeOf(c: string): string {
  const named = NAMED[c];
  if (named !== undefined) {
    return named;
  }
  const code = c.codePointAt(0) ?? 0;
  return code < 0x80 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16)}}`;
}

/** `text` (a title, a subject, a file name) with its hidden characters shown as escapes. */
export function visible(text: string): string {
  return text.replace(HIDDEN, escapeOf);
}
