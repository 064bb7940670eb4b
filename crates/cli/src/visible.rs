//! Text from documents, shown on a terminal as what it is.
//!
//! Subjects, file names and bodies come from whoever wrote the document. Printed raw, an
//! escape sequence in them drives the reader's terminal (moves the cursor, rewrites lines
//! above, sets the window title, on some terminals writes files or the clipboard), a
//! carriage return overwrites what came before on the line, and a bidirectional override
//! (U+202E) shows `gpj.exe` as `exe.jpg`. The human output therefore shows every such
//! character as an escape a person can read (`\e`, `\r`, `\x07`, `\u{202e}`); `--json` is
//! left exact, since programs read it and JSON escapes control characters itself.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether line breaks and tabs are kept (a document's text) or shown as escapes (a value
/// that must stay on its line: a title in a list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breaks {
    /// `\n` and `\t` are printed as they are.
    Keep,
    /// `\n` and `\t` are shown as `\n` and `\t`, like every other control character.
    Escape,
}

/// `text` with control characters (C0, DEL, C1) and bidirectional embeddings, overrides and
/// isolates shown as escapes; borrowed when there is nothing to show.
pub fn visible(text: &str, breaks: Breaks) -> Cow<'_, str> {
    let hidden = |c: char| needs_escape(c) && !(breaks == Breaks::Keep && matches!(c, '\n' | '\t'));
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !hidden(c) {
            out.push(c);
            continue;
        }
        // Writing to a String cannot fail.
        let _ = match c {
            '\n' => out.write_str("\\n"),
            '\r' => out.write_str("\\r"),
            '\t' => out.write_str("\\t"),
            '\u{1b}' => out.write_str("\\e"),
            c if (c as u32) < 0x80 => write!(out, "\\x{:02x}", c as u32),
            c => write!(out, "\\u{{{:x}}}", c as u32),
        };
    }
    Cow::Owned(out)
}

/// One line's worth of document text: [`visible`] with line breaks escaped.
pub fn line(text: &str) -> Cow<'_, str> {
    visible(text, Breaks::Escape)
}

fn needs_escape(c: char) -> bool {
    c.is_control() // C0, DEL and C1 (U+0080..U+009F, which holds the 8-bit CSI)
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_bells_and_overrides_are_shown_and_plain_text_is_untouched() {
        assert_eq!(
            line("Invoice\u{1b}]0;pwned\u{7}\r\nfoo\u{202e}gpj.exe\u{9b}"),
            "Invoice\\e]0;pwned\\x07\\r\\nfoo\\u{202e}gpj.exe\\u{9b}"
        );
        assert_eq!(
            visible("line one\n\tline two\u{1b}[2J", Breaks::Keep),
            "line one\n\tline two\\e[2J"
        );
        assert!(matches!(
            line("Réunion du 3 mars — 東京"),
            Cow::Borrowed("Réunion du 3 mars — 東京")
        ));
    }
}
