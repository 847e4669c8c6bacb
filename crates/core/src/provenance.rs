//! Where content comes from and when it is next looked at: every page, topic, letter, pathway
//! and the glossary names its sources and carries review dates, so a reader can trust it and a
//! writer knows when it is due. The checks here are shared by every content parser.

use jiff::civil::Date;

use crate::content::{ContentProblem, line_of, parse_date};
use crate::question_bank::Source;

/// Problems with a file's sources: none at all, a url that is not https, a missing title or
/// publisher, a `checked` date that is not a date.
pub fn source_problems(file: &str, text: &str, sources: &[Source]) -> Vec<ContentProblem> {
    let mut out = Vec::new();
    if sources.is_empty() {
        out.push(ContentProblem::new(
            file,
            line_of(text, "last_reviewed"),
            "no sources: say where the facts come from ([[sources]])",
        ));
    }
    for source in sources {
        let at = line_of(text, &format!("url = \"{}\"", source.url))
            .or_else(|| line_of(text, &source.url));
        if !source.url.starts_with("https://") {
            out.push(ContentProblem::new(
                file,
                at,
                format!("source url \"{}\" must start with https://", source.url),
            ));
        }
        if source.title.trim().is_empty() || source.publisher.trim().is_empty() {
            out.push(ContentProblem::new(
                file,
                at,
                "a source needs a title and a publisher",
            ));
        }
        if parse_date(&source.checked).is_none() {
            out.push(ContentProblem::new(
                file,
                at,
                format!(
                    "source checked date \"{}\" is not a YYYY-MM-DD date",
                    source.checked
                ),
            ));
        }
    }
    out
}

/// Reads `last_reviewed` and `next_review`; the next review must come after the last.
pub fn review_dates(
    file: &str,
    text: &str,
    last_reviewed: &str,
    next_review: &str,
) -> Result<(Date, Date), Vec<ContentProblem>> {
    let last = parse_date(last_reviewed);
    let next = parse_date(next_review);
    let mut out = Vec::new();
    if last.is_none() {
        out.push(ContentProblem::new(
            file,
            line_of(text, "last_reviewed"),
            format!("last_reviewed \"{last_reviewed}\" is not a YYYY-MM-DD date"),
        ));
    }
    if next.is_none() {
        out.push(ContentProblem::new(
            file,
            line_of(text, "next_review"),
            format!("next_review \"{next_review}\" is not a YYYY-MM-DD date"),
        ));
    }
    match (last, next) {
        (Some(last), Some(next)) if next > last => Ok((last, next)),
        (Some(_), Some(_)) => Err(vec![ContentProblem::new(
            file,
            line_of(text, "next_review"),
            "next_review must be after last_reviewed",
        )]),
        _ => Err(out),
    }
}

/// A problem when the review date has gone by.
pub fn overdue(file: &str, text: &str, next_review: Date, today: Date) -> Option<ContentProblem> {
    (next_review < today).then(|| {
        ContentProblem::new(
            file,
            line_of(text, "next_review"),
            format!("review overdue since {next_review}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(url: &str, checked: &str) -> Source {
        Source {
            title: "NHS website".into(),
            publisher: "NHS England".into(),
            url: url.into(),
            checked: checked.into(),
        }
    }

    #[test]
    fn sources_need_https_and_a_checked_date() {
        let text = "last_reviewed = \"2026-11-23\"\nurl = \"http://example.org/\"\n";
        assert_eq!(source_problems("f", text, &[]).len(), 1);
        assert!(
            source_problems("f", text, &[source("https://www.nhs.uk/", "2026-11-23")]).is_empty()
        );
        let problems = source_problems("f", text, &[source("http://example.org/", "soon")]);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().all(|p| p.line == Some(2)));
    }

    #[test]
    fn review_dates_must_be_dates_in_order() {
        let text = "last_reviewed = \"x\"\nnext_review = \"y\"\n";
        assert!(review_dates("f", text, "2026-11-23", "2027-11-23").is_ok());
        assert_eq!(review_dates("f", text, "x", "y").unwrap_err().len(), 2);
        let backwards = review_dates("f", text, "2027-11-23", "2026-11-23").unwrap_err();
        assert_eq!(backwards[0].line, Some(2));
    }

    #[test]
    fn a_review_is_overdue_only_after_its_date() {
        let next = Date::new(2027, 11, 23).unwrap();
        assert!(overdue("f", "", next, next).is_none());
        let late = overdue("f", "", next, Date::new(2027, 11, 24).unwrap()).unwrap();
        assert_eq!(late.message, "review overdue since 2027-11-23");
    }
}
