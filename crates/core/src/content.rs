//! What is wrong with a content file, said so a writer can find it: the file, the line when
//! known, and what to fix. Every content parser reports its problems this way, and
//! `heard check-content` prints them.

use std::fmt;

use jiff::civil::Date;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentProblem {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
    /// Worth fixing soon, but not wrong yet (a source due to be read again): printed, and
    /// `check-content` still passes.
    pub warning: bool,
}

impl ContentProblem {
    pub fn new(file: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        ContentProblem {
            file: file.to_owned(),
            line,
            message: message.into(),
            warning: false,
        }
    }

    pub fn warning(file: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        ContentProblem {
            warning: true,
            ..Self::new(file, line, message)
        }
    }
}

impl fmt::Display for ContentProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let warning = if self.warning { "warning: " } else { "" };
        match self.line {
            Some(line) => write!(f, "{}:{}: {warning}{}", self.file, line, self.message),
            None => write!(f, "{}: {warning}{}", self.file, self.message),
        }
    }
}

/// The 1-based line of the first occurrence of `needle` in `text`, to point at a problem the
/// parser found after reading (an id, a key).
pub fn line_of(text: &str, needle: &str) -> Option<usize> {
    let at = text.find(needle)?;
    Some(text[..at].matches('\n').count() + 1)
}

/// The 1-based line of a byte offset (as TOML errors give them).
pub fn line_at(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(0, |before| before.matches('\n').count())
        + 1
}

/// A `YYYY-MM-DD` date as content files write them.
pub fn parse_date(text: &str) -> Option<Date> {
    if text.len() != 10 {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_counted_from_one() {
        let text = "a = 1\nid = \"pals\"\nb = 2\n";
        assert_eq!(line_of(text, "id = \"pals\""), Some(2));
        assert_eq!(line_of(text, "missing"), None);
        assert_eq!(line_at(text, 0), 1);
        assert_eq!(line_at(text, text.find("b =").unwrap()), 3);
    }

    #[test]
    fn problems_print_with_file_and_line() {
        let p = ContentProblem::new("pathways/england.toml", Some(12), "no sources");
        assert_eq!(p.to_string(), "pathways/england.toml:12: no sources");
        let p = ContentProblem::new("glossary.toml", None, "empty");
        assert_eq!(p.to_string(), "glossary.toml: empty");
    }

    #[test]
    fn dates_must_be_written_in_full() {
        assert!(parse_date("2026-11-24").is_some());
        assert!(parse_date("2026-2-4").is_none());
        assert!(parse_date("2026-02-30").is_none());
        assert!(parse_date("24/11/2026").is_none());
    }
}
