//! Notes: a person's own jottings ("ask about the scan results"), kept until they delete them.

use serde::{Deserialize, Serialize};

/// A note as the user wrote it. Stored sealed; only its id and timestamps are in the clear.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NoteProblem {
    #[error("note-missing")]
    Missing,
    #[error("note-too-long")]
    TooLong,
}

impl Note {
    /// Generous: a note can hold a whole page of thoughts, but not a book.
    pub const MAX_CHARS: usize = 10_000;

    pub fn parse(raw: &str) -> Result<Self, NoteProblem> {
        // Normalise Windows line endings from textareas so a note reads the same everywhere.
        let text = raw.replace("\r\n", "\n");
        let text = text.trim();
        if text.is_empty() {
            return Err(NoteProblem::Missing);
        }
        if text.chars().count() > Self::MAX_CHARS {
            return Err(NoteProblem::TooLong);
        }
        Ok(Self {
            text: text.to_owned(),
        })
    }

    /// The first line, shortened, for lists.
    pub fn summary(&self, max_chars: usize) -> String {
        let first = self.text.lines().next().unwrap_or_default();
        if first.chars().count() <= max_chars {
            first.to_owned()
        } else {
            let cut: String = first.chars().take(max_chars.saturating_sub(1)).collect();
            format!("{}…", cut.trim_end())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_trimmed_and_line_endings_normalised() {
        let note = Note::parse("  Ask about scans\r\nand bloods  ").unwrap();
        assert_eq!(note.text, "Ask about scans\nand bloods");
    }

    #[test]
    fn empty_and_overlong_notes_are_refused() {
        assert_eq!(Note::parse(" \n "), Err(NoteProblem::Missing));
        assert_eq!(Note::parse(&"x".repeat(10_001)), Err(NoteProblem::TooLong));
        assert!(Note::parse(&"x".repeat(10_000)).is_ok());
    }

    #[test]
    fn summary_is_the_first_line_cut_at_a_character_boundary() {
        let note = Note::parse("Café appointment questions\nsecond line").unwrap();
        assert_eq!(note.summary(100), "Café appointment questions");
        assert_eq!(note.summary(5), "Café…");
    }
}
