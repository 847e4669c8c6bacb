//! Text as people type it, made safe to keep: line breaks made one kind, and control characters
//! (a NUL pasted from somewhere, an escape code) taken out. They show as nothing on a page, but
//! can stop a PDF from being made or confuse another program that reads the text.

use std::borrow::Cow;

/// `text` with `\r\n` and lone `\r` made `\n`, and every other control character except
/// newline and tab removed. Borrowed when there was nothing to change.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_go_and_line_breaks_become_newlines() {
        assert_eq!(clean("plain text"), "plain text");
        assert!(matches!(clean("plain\ttext\n"), Cow::Borrowed(_)));
        assert_eq!(clean("a\u{0}b"), "ab");
        assert_eq!(clean("one\r\ntwo\rthree"), "one\ntwo\nthree");
        assert_eq!(clean("\u{1b}[31mred\u{7f}"), "[31mred");
        assert_eq!(clean("tab\tkept\u{85}"), "tab\tkept");
        // Letters from any script, and format characters such as a right-to-left mark, stay.
        assert_eq!(clean("مرحبا\u{200f} 你好\u{0}"), "مرحبا\u{200f} 你好");
    }
}
