//! Plain text: wrapped at a width every email program and printer handles, with CRLF line
//! endings so the file opens cleanly in Notepad as well as everywhere else.

use heard_core::Note;

/// The width plain-text documents wrap at.
pub const WIDTH: usize = 72;

/// A document: a title and blocks of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading(String),
    /// A paragraph; line breaks inside it are kept.
    Paragraph(String),
    /// A small line under a heading, such as a date.
    Meta(String),
    Rule,
}

impl Document {
    pub fn to_plain_text(&self) -> String {
        let mut lines: Vec<String> = Vec::new();
        lines.push(self.title.clone());
        lines.push("=".repeat(self.title.chars().count().min(WIDTH)));
        for block in &self.blocks {
            lines.push(String::new());
            match block {
                Block::Heading(text) => {
                    lines.push(text.clone());
                    lines.push("-".repeat(text.chars().count().min(WIDTH)));
                }
                Block::Paragraph(text) | Block::Meta(text) => {
                    for line in text.lines() {
                        if line.trim().is_empty() {
                            lines.push(String::new());
                        } else {
                            lines.extend(wrap(line, WIDTH));
                        }
                    }
                }
                Block::Rule => lines.push("-".repeat(WIDTH)),
            }
        }
        let mut out = lines.join("\r\n");
        out.push_str("\r\n");
        out
    }
}

/// Wraps one line of text at `width` characters, breaking at spaces; a word longer than the
/// width (a web address) stays whole on its own line.
pub fn wrap(line: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for word in line.split_whitespace() {
        let needed = if current.is_empty() {
            word.chars().count()
        } else {
            current.chars().count() + 1 + word.chars().count()
        };
        if needed > width && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Wording for the notes download, passed in so the words stay in the locale files.
pub struct NotesWording {
    pub title: String,
    pub exported: String,
    pub empty: String,
    pub changed: String,
}

/// A person's notes as one document, newest first, each with when it last changed (written
/// out by the caller, in the reader's language).
pub fn notes_document<'a>(
    notes: impl IntoIterator<Item = (&'a Note, String)>,
    wording: &NotesWording,
) -> Document {
    let mut blocks = vec![Block::Meta(wording.exported.clone())];
    let mut any = false;
    for (note, changed) in notes {
        any = true;
        blocks.push(Block::Rule);
        blocks.push(Block::Meta(format!("{} {changed}", wording.changed)));
        blocks.push(Block::Paragraph(note.text.clone()));
    }
    if !any {
        blocks.push(Block::Paragraph(wording.empty.clone()));
    }
    Document {
        title: wording.title.clone(),
        blocks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_wrap_at_spaces_and_long_words_stay_whole() {
        let text = "word ".repeat(30);
        for line in wrap(&text, 20) {
            assert!(line.chars().count() <= 20, "{line}");
        }
        assert_eq!(
            wrap("see https://example.org/a/very/long/address/indeed now", 20),
            [
                "see",
                "https://example.org/a/very/long/address/indeed",
                "now"
            ]
        );
        assert_eq!(wrap("", 20), Vec::<String>::new());
    }

    #[test]
    fn a_document_renders_with_crlf_and_keeps_paragraph_breaks() {
        let doc = Document {
            title: "My notes".into(),
            blocks: vec![Block::Paragraph("first line\n\nsecond paragraph".into())],
        };
        assert_eq!(
            doc.to_plain_text(),
            "My notes\r\n========\r\n\r\nfirst line\r\n\r\nsecond paragraph\r\n"
        );
    }

    #[test]
    fn notes_export_lists_each_note_with_its_date_and_says_when_there_are_none() {
        let wording = NotesWording {
            title: "Your notes from Heard".into(),
            exported: "Downloaded 23 November 2026".into(),
            empty: "You have no notes.".into(),
            changed: "Last changed".into(),
        };
        let note = Note {
            text: "Ask about <b>scans</b> & bloods".into(),
        };
        let when = "Thursday 3 December 2026, 2:30pm".to_owned();
        let text = notes_document([(&note, when)], &wording).to_plain_text();
        assert!(text.contains(
            "Last changed Thursday 3 December 2026, 2:30pm\r\n\r\nAsk about <b>scans</b> & bloods"
        ));
        assert!(
            notes_document([], &wording)
                .to_plain_text()
                .contains("You have no notes.")
        );
    }
}
