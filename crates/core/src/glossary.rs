//! The glossary (`content/glossary.toml`): plain meanings of words people hear in cancer care
//! and when raising a concern, and a finder that spots those words in any text so a page can
//! offer the meaning where the word appears.

use std::collections::{BTreeSet, HashMap};

use jiff::civil::Date;
use serde::Deserialize;

use crate::content::{ContentProblem, line_at, line_of};
use crate::provenance::{review_dates, source_problems};
use crate::question_bank::Source;

/// One word or phrase and its plain meaning.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub id: String,
    /// As shown in the glossary list, e.g. "Clinical nurse specialist (CNS)".
    pub term: String,
    pub definition: String,
    /// Other ways of writing it that should also be recognised in text.
    #[serde(default)]
    pub also: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct GlossaryFile {
    title: String,
    summary: String,
    author: String,
    reviewer: String,
    last_reviewed: String,
    next_review: String,
    #[serde(default)]
    sources: Vec<Source>,
    #[serde(default)]
    terms: Vec<Term>,
}

/// A phrase to look for, lower-cased once so finding is cheap on every page view.
#[derive(Debug, Clone)]
struct Phrase {
    lower: Vec<char>,
    term: usize,
}

#[derive(Debug, Clone)]
pub struct Glossary {
    pub title: String,
    pub summary: String,
    pub author: String,
    pub reviewer: String,
    pub last_reviewed: Date,
    pub next_review: Date,
    pub sources: Vec<Source>,
    /// Sorted by term, ignoring case.
    terms: Vec<Term>,
    /// Phrases by their first (lower-case) character, longest first.
    phrases: HashMap<char, Vec<Phrase>>,
}

impl Glossary {
    /// Reads and checks the glossary. Every problem is reported, each with its line.
    pub fn parse(file: &str, text: &str) -> Result<Glossary, Vec<ContentProblem>> {
        let parsed: GlossaryFile = toml::from_str(text).map_err(|e| {
            vec![ContentProblem::new(
                file,
                e.span().map(|s| line_at(text, s.start)),
                e.message().to_owned(),
            )]
        })?;
        let mut problems = source_problems(file, text, &parsed.sources);
        for (field, value) in [
            ("title", &parsed.title),
            ("summary", &parsed.summary),
            ("author", &parsed.author),
            ("reviewer", &parsed.reviewer),
        ] {
            if value.trim().is_empty() {
                problems.push(ContentProblem::new(
                    file,
                    line_of(text, &format!("{field} =")),
                    format!("{field} is empty"),
                ));
            }
        }
        let dates = review_dates(file, text, &parsed.last_reviewed, &parsed.next_review);
        if let Err(date_problems) = &dates {
            problems.extend(date_problems.iter().cloned());
        }
        if parsed.terms.is_empty() {
            problems.push(ContentProblem::new(file, None, "the glossary has no terms"));
        }
        problems.extend(term_problems(file, text, &parsed.terms));
        let (last_reviewed, next_review) = match dates {
            Ok(dates) if problems.is_empty() => dates,
            _ => return Err(problems),
        };
        let mut terms = parsed.terms;
        terms.sort_by_cached_key(|t| t.term.to_lowercase());
        let phrases = phrase_index(&terms);
        Ok(Glossary {
            title: parsed.title,
            summary: parsed.summary,
            author: parsed.author,
            reviewer: parsed.reviewer,
            last_reviewed,
            next_review,
            sources: parsed.sources,
            terms,
            phrases,
        })
    }

    pub fn term(&self, id: &str) -> Option<&Term> {
        self.terms.iter().find(|t| t.id == id)
    }

    /// Every term, sorted by its `term` ignoring case, for the glossary page.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// Where glossary terms appear in `text`: byte ranges, in order, never overlapping. A
    /// match is a whole word or phrase ignoring case; where phrases start at the same place
    /// the longest wins; each term is marked once, where it first appears, so a page is not
    /// cluttered with the same explanation.
    pub fn find(&self, text: &str) -> Vec<(usize, usize, &Term)> {
        let mut found = Vec::new();
        let mut used = vec![false; self.terms.len()];
        let mut previous: Option<char> = None;
        let mut skip_until = 0;
        for (start, c) in text.char_indices() {
            let at_word_start = previous.is_none_or(|p| !p.is_alphanumeric());
            previous = Some(c);
            if start < skip_until || !at_word_start {
                continue;
            }
            let Some(candidates) = c.to_lowercase().next().and_then(|l| self.phrases.get(&l))
            else {
                continue;
            };
            let hit = candidates
                .iter()
                .filter(|p| !used[p.term])
                .find_map(|p| match_at(text, start, &p.lower).map(|end| (end, p.term)));
            if let Some((end, term)) = hit {
                used[term] = true;
                skip_until = end;
                found.push((start, end, &self.terms[term]));
            }
        }
        found
    }
}

fn term_problems(file: &str, text: &str, terms: &[Term]) -> Vec<ContentProblem> {
    let mut out = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for term in terms {
        let needle = format!("id = \"{}\"", term.id);
        let count = seen.entry(term.id.as_str()).or_insert(0);
        *count += 1;
        let at = line_of_nth(text, &needle, *count);
        let id = &term.id;
        if *count == 2 {
            out.push(ContentProblem::new(
                file,
                at,
                format!("term id \"{id}\" is used twice"),
            ));
        }
        if !is_kebab(id) {
            out.push(ContentProblem::new(
                file,
                at,
                format!("term id \"{id}\" must be lower-case words joined by -"),
            ));
        }
        if term.term.trim().is_empty() {
            out.push(ContentProblem::new(
                file,
                at,
                format!("term \"{id}\" has no term to show"),
            ));
        }
        if term.definition.trim().is_empty() {
            out.push(ContentProblem::new(
                file,
                at,
                format!("term \"{id}\" has an empty definition"),
            ));
        }
        if term.also.iter().any(|a| a.trim().is_empty()) {
            out.push(ContentProblem::new(
                file,
                at,
                format!("term \"{id}\" has an empty phrase in also"),
            ));
        }
    }
    out
}

/// The line of the `n`th (1-based) occurrence, so a duplicate is reported where it is.
fn line_of_nth(text: &str, needle: &str, n: usize) -> Option<usize> {
    let (at, _) = text.match_indices(needle).nth(n.checked_sub(1)?)?;
    Some(line_at(text, at))
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn lower(text: &str) -> Vec<char> {
    text.trim().chars().flat_map(char::to_lowercase).collect()
}

fn phrase_index(terms: &[Term]) -> HashMap<char, Vec<Phrase>> {
    let mut index: HashMap<char, Vec<Phrase>> = HashMap::new();
    for (i, term) in terms.iter().enumerate() {
        let distinct: BTreeSet<Vec<char>> = std::iter::once(&term.term)
            .chain(&term.also)
            .map(|p| lower(p))
            .filter(|p| !p.is_empty())
            .collect();
        for lower in distinct {
            if let Some(&first) = lower.first() {
                index
                    .entry(first)
                    .or_default()
                    .push(Phrase { lower, term: i });
            }
        }
    }
    for phrases in index.values_mut() {
        phrases.sort_by_key(|p| std::cmp::Reverse(p.lower.len()));
    }
    index
}

/// The end of `phrase` if it is at `start` ignoring case and ends at the end of a word.
fn match_at(text: &str, start: usize, phrase: &[char]) -> Option<usize> {
    let rest = text.get(start..)?;
    let mut wanted = phrase.iter();
    let mut pending: Option<char> = wanted.next().copied();
    let mut chars = rest.char_indices();
    let mut end = start;
    while pending.is_some() {
        let (offset, c) = chars.next()?;
        for l in c.to_lowercase() {
            if Some(l) != pending {
                return None;
            }
            pending = wanted.next().copied();
        }
        end = start + offset + c.len_utf8();
    }
    let ends_word = text[end..]
        .chars()
        .next()
        .is_none_or(|n| !n.is_alphanumeric());
    ends_word.then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GLOSSARY: &str = r#"
title = "Glossary"
summary = "Plain meanings."
author = "Heard content team"
reviewer = "pending"
last_reviewed = "2026-11-23"
next_review = "2027-11-23"

[[sources]]
title = "NHS website"
publisher = "NHS England"
url = "https://www.nhs.uk/"
checked = "2026-11-23"

[[terms]]
id = "pals"
term = "Patient Advice and Liaison Service (PALS)"
definition = "Free, informal help in hospitals in England."
also = ["PALS", "Patient Advice and Liaison Service"]

[[terms]]
id = "complaint"
term = "Complaint"
definition = "Telling a service formally that something went wrong."
also = ["complaint", "complaints", "formal complaint"]

[[terms]]
id = "advocacy"
term = "Advocacy"
definition = "Help from an independent person."
also = ["advocacy", "complaints advocacy"]

[[terms]]
id = "bsl"
term = "British Sign Language (BSL)"
definition = "A language of hand shapes."
also = ["BSL"]
"#;

    fn glossary() -> Glossary {
        Glossary::parse("content/glossary.toml", GLOSSARY).unwrap()
    }

    fn found(g: &Glossary, text: &str) -> Vec<(String, String)> {
        g.find(text)
            .into_iter()
            .map(|(s, e, t)| (text[s..e].to_owned(), t.id.clone()))
            .collect()
    }

    #[test]
    fn terms_are_sorted_and_found_by_id() {
        let g = glossary();
        let order: Vec<&str> = g.terms().iter().map(|t| t.id.as_str()).collect();
        assert_eq!(order, ["advocacy", "bsl", "complaint", "pals"]);
        assert_eq!(
            g.term("pals").map(|t| t.term.as_str()),
            Some("Patient Advice and Liaison Service (PALS)")
        );
        assert!(g.term("nope").is_none());
        assert_eq!(g.next_review, Date::new(2027, 11, 23).unwrap());
    }

    #[test]
    fn finding_is_whole_word_case_insensitive_longest_first_once_per_term() {
        let g = glossary();
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("Ask pals for help.", &[("pals", "pals")]),
            (
                "Make a formal complaint, then another complaint.",
                &[("formal complaint", "complaint")],
            ),
            (
                "Complaints advocacy helps with complaints.",
                &[
                    ("Complaints advocacy", "advocacy"),
                    ("complaints", "complaint"),
                ],
            ),
            ("Palsy and complaintive are other words.", &[]),
            (
                "Ask for a BSL interpreter, or British Sign Language (BSL).",
                &[("BSL", "bsl")],
            ),
            (
                "The Patient Advice and Liaison Service (PALS) can help.",
                &[("Patient Advice and Liaison Service (PALS)", "pals")],
            ),
            ("", &[]),
            ("Ünïcode before PALS", &[("PALS", "pals")]),
        ];
        for (text, want) in cases {
            let want: Vec<(String, String)> = want
                .iter()
                .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
                .collect();
            assert_eq!(found(&g, text), want, "{text}");
        }
    }

    #[test]
    fn matches_never_overlap_and_are_in_order() {
        let g = glossary();
        let text = "complaints advocacy complaint PALS pals advocacy";
        let hits = g.find(text);
        assert!(hits.windows(2).all(|w| w[0].1 <= w[1].0), "{hits:?}");
        assert_eq!(hits.len(), 3);
    }

    #[test]
    fn problems_are_reported_with_their_lines() {
        let broken = GLOSSARY
            .replace("id = \"bsl\"", "id = \"pals\"")
            .replace(
                "definition = \"Help from an independent person.\"",
                "definition = \" \"",
            )
            .replace(
                "next_review = \"2027-11-23\"",
                "next_review = \"next year\"",
            );
        let problems = Glossary::parse("content/glossary.toml", &broken).unwrap_err();
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(
            text.iter()
                .any(|p| p.contains(":34: term id \"pals\" is used twice")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|p| p.contains("\"advocacy\" has an empty definition")),
            "{text:?}"
        );
        assert!(
            text.iter().any(|p| p.contains(":7: next_review")),
            "{text:?}"
        );

        let no_sources = GLOSSARY.replace("[[sources]]", "[[ignored]]");
        assert!(Glossary::parse("g", &no_sources).is_err());
        let no_sources = GLOSSARY.replace(
            "[[sources]]\ntitle = \"NHS website\"\npublisher = \"NHS England\"\nurl = \"https://www.nhs.uk/\"\nchecked = \"2026-11-23\"\n",
            "",
        );
        let problems = Glossary::parse("g", &no_sources).unwrap_err();
        assert!(
            problems[0].message.starts_with("no sources"),
            "{problems:?}"
        );

        let bad_toml = GLOSSARY.replace("also = [\"BSL\"]", "also = \"BSL\"");
        let problems = Glossary::parse("g", &bad_toml).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert!(problems[0].line.is_some_and(|l| l > 30), "{problems:?}");
    }
}
