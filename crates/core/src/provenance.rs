//! Where content comes from and when it is next looked at: every page, topic, letter, pathway
//! and the glossary names its sources and carries review dates, so a reader can trust it and a
//! writer knows when it is due. The checks here are shared by every content parser.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::content::{ContentProblem, line_of, parse_date};

/// A source content drew on.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Source {
    pub title: String,
    pub publisher: String,
    pub url: String,
    /// The day someone read it and it said what the content says (YYYY-MM-DD).
    pub checked: String,
    /// The section, regulation or paragraph relied on, when the source is a law or a rule
    /// book ("regulation 5", "section 10(1)"): what lets a time limit be marked verified.
    #[serde(default)]
    pub provision: String,
}

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

/// Where a rule may come from to count as verified: the law itself, the UK and devolved
/// governments, the NHS bodies that run the services, the ombudsmen, the ICO, the official
/// record. Exact hosts (with or without `www.`), never "anything under gov.uk or nhs.uk": a
/// council's page or a trust's leaflet can add context but never verify a rule.
const PRIMARY_HOSTS: &[&str] = &[
    "legislation.gov.uk",
    "gov.uk",
    "gov.scot",
    "gov.wales",
    "nidirect.gov.uk",
    "health-ni.gov.uk",
    "niassembly.gov.uk",
    "senedd.wales",
    "ico.org.uk",
    "ombudsman.org.uk",
    "spso.org.uk",
    "ombudsman.wales",
    "nipso.org.uk",
    "england.nhs.uk",
    "nhs.uk",
    "nhsinform.scot",
    "thegazette.co.uk",
];

/// Whether a source is a primary one by its address (see `PRIMARY_HOSTS`).
pub fn is_primary(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.strip_prefix("www.").unwrap_or(host);
    PRIMARY_HOSTS.contains(&host)
}

/// Whether a source can verify a rule: primary, with the provision relied on, and a date it was
/// read.
pub fn verifies(source: &Source) -> bool {
    is_primary(&source.url)
        && !source.provision.trim().is_empty()
        && parse_date(&source.checked).is_some()
}

/// How long a source may go unread before `check-content` warns.
pub const STALE_AFTER_MONTHS: i64 = 6;

/// Warnings for sources last read more than six months before `today`: not wrong yet, but due
/// to be read again.
pub fn stale_sources(
    file: &str,
    text: &str,
    sources: &[Source],
    today: Date,
) -> Vec<ContentProblem> {
    use jiff::ToSpan;
    let Ok(limit) = today.checked_sub(STALE_AFTER_MONTHS.months()) else {
        return Vec::new();
    };
    sources
        .iter()
        .filter_map(|source| {
            let checked = parse_date(&source.checked)?;
            (checked < limit).then(|| {
                ContentProblem::warning(
                    file,
                    line_of(text, &format!("url = \"{}\"", source.url)),
                    format!(
                        "source \"{}\" was last checked on {checked}, more than {STALE_AFTER_MONTHS} months ago: read it again",
                        source.title
                    ),
                )
            })
        })
        .collect()
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
            provision: String::new(),
        }
    }

    #[test]
    fn only_primary_sources_with_a_provision_verify() {
        for primary in [
            "https://www.legislation.gov.uk/ssi/2012/36/regulation/5",
            "https://ico.org.uk/for-the-public/",
            "https://www.nidirect.gov.uk/articles/x",
            "https://www.ombudsman.wales/fact-sheets/",
            "https://www.gov.scot/publications/x",
        ] {
            assert!(is_primary(primary), "{primary}");
            let mut s = source(primary, "2026-11-29");
            assert!(!verifies(&s), "no provision named");
            s.provision = "regulation 5".into();
            assert!(verifies(&s), "{primary}");
        }
        for secondary in [
            "https://www.citizensadvice.org.uk/scotland/",
            "https://pass-scotland.org.uk/x",
            "https://notlegislation.gov.uk.evil.example/x",
            "https://evil-gov.uk/x",
            "http://www.legislation.gov.uk/x",
            // A council, a trust and a board: under gov.uk, nhs.uk or scot.nhs.uk, not primary.
            "https://next.shropshire.gov.uk/complaints",
            "https://setrust.hscni.net/?p=20596",
            "https://www.nnuh.nhs.uk/complaints/",
            "https://www.nhslanarkshire.scot.nhs.uk/x",
        ] {
            let mut s = source(secondary, "2026-11-29");
            s.provision = "section 1".into();
            assert!(!verifies(&s), "{secondary}");
        }
    }

    #[test]
    fn a_source_unread_for_six_months_is_warned_about() {
        let text = "url = \"https://www.nhs.uk/\"\n";
        let today = Date::new(2026, 11, 29).unwrap();
        assert!(
            stale_sources(
                "f",
                text,
                &[source("https://www.nhs.uk/", "2026-05-29")],
                today
            )
            .is_empty()
        );
        let stale = stale_sources(
            "f",
            text,
            &[source("https://www.nhs.uk/", "2026-05-28")],
            today,
        );
        assert_eq!(stale.len(), 1);
        assert!(
            stale[0].warning && stale[0].to_string().starts_with("f:1: warning: "),
            "{}",
            stale[0]
        );
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
