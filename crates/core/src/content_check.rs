//! `heard check-content` as a pure function: every file under `content/` is parsed with the
//! parser the app uses, and checked for what a reader relies on: sources and a review that is
//! not overdue, links that lead somewhere, and guidance in plain English.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use crate::calendar::{CALENDAR_PATH, CalendarFile};
use crate::content::{ContentProblem, line_of, parse_date};
use crate::directory::parse_directory;
use crate::glossary::Glossary;
use crate::guidance::GuidancePage;
use crate::letter::LetterTemplate;
use crate::pathway::{NoticeKind, Pathway};
use crate::plain::{reading_ease, word_list};
use crate::provenance::{overdue, source_problems, stale_sources};
use crate::question_bank::{BankError, QuestionBank};

/// The lowest Flesch reading ease a guidance page may have: 60 is plain English.
pub const MIN_READING_EASE: f64 = 60.0;

/// Checks every content file, given as (path relative to `content/`, text). `known_paths`
/// are the address patterns of the pages a person can follow a link to, as the router has
/// them ("/guidance/{slug}", "/letters/new"), for checking links.
/// Problems name the file as `content/<path>`, sorted by file and line.
pub fn check_content(
    files: &[(&str, &str)],
    today: Date,
    known_paths: &[&str],
) -> Vec<ContentProblem> {
    let mut out = Vec::new();
    let display = |path: &str| format!("content/{path}");

    let glossary_file = files.iter().find(|(path, _)| *path == "glossary.toml");
    let glossary = glossary_file.and_then(|(path, text)| {
        let file = display(path);
        match Glossary::parse(&file, text) {
            Ok(g) => {
                out.extend(overdue(&file, text, g.next_review, today));
                out.extend(stale_sources(&file, text, &g.sources, today));
                Some(g)
            }
            Err(problems) => {
                out.extend(problems);
                None
            }
        }
    });

    // Every guidance file names a page, even one that does not parse, so a link to it is not
    // reported twice; headings are known only for pages that parse.
    let mut pages: BTreeMap<String, Option<GuidancePage>> = BTreeMap::new();
    let mut guidance_files = Vec::new();
    let mut topics = Vec::new();
    for (path, text) in files {
        let file = display(path);
        let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
        match (folder, extension(name)) {
            (_, "ftl") => {}
            (_, _) if name == "README.md" => {}
            ("", _) if name == "glossary.toml" => {}
            ("", _) if name == "plain-english.toml" => {
                if let Err(message) = word_list(text) {
                    out.push(ContentProblem::new(&file, None, message));
                }
            }
            ("guidance", "md") => {
                let slug = name.trim_end_matches(".md").to_owned();
                match GuidancePage::parse(&file, text) {
                    Ok(page) => {
                        out.extend(overdue(&file, text, page.next_review, today));
                        out.extend(stale_sources(&file, text, &page.sources, today));
                        pages.insert(slug, Some(page.clone()));
                        guidance_files.push((file, *text, page));
                    }
                    Err(problems) => {
                        out.extend(problems);
                        pages.insert(slug, None);
                    }
                }
            }
            ("questions", "toml") => match QuestionBank::parse([(file.as_str(), *text)]) {
                Ok(bank) => {
                    for topic in bank.topics() {
                        out.extend(source_problems(&file, text, &topic.sources));
                        out.extend(stale_sources(&file, text, &topic.sources, today));
                        out.extend(review_overdue(&file, text, &topic.next_review, today));
                        topics.push((file.clone(), *text, topic.clone()));
                    }
                }
                Err(BankError::Invalid { file, message }) => {
                    out.push(ContentProblem::new(&file, None, message));
                }
            },
            ("letters", "toml") => match LetterTemplate::parse(&file, text) {
                Ok(template) => {
                    out.extend(source_problems(&file, text, &template.sources));
                    out.extend(stale_sources(&file, text, &template.sources, today));
                    out.extend(review_overdue(&file, text, &template.next_review, today));
                }
                Err(e) => out.push(ContentProblem::new(&e.file, None, e.message)),
            },
            ("pathways", "toml") => match Pathway::parse(&file, text) {
                Ok(pathway) => {
                    out.extend(review_overdue(&file, text, &pathway.next_review, today));
                    for step in &pathway.steps {
                        out.extend(stale_sources(&file, text, &step.sources, today));
                        for limit in &step.limits {
                            out.extend(stale_sources(&file, text, &limit.sources, today));
                        }
                        out.extend(notice_overdue(&file, text, step, today));
                    }
                    if let Some(claim) = &pathway.claim {
                        out.extend(stale_sources(&file, text, &claim.sources, today));
                    }
                }
                Err(problems) => out.extend(problems),
            },
            _ if *path == CALENDAR_PATH => match CalendarFile::parse(&file, text) {
                Ok(calendar) => {
                    out.extend(review_overdue(&file, text, &calendar.next_review, today));
                    let sources: Vec<_> =
                        calendar.sources.iter().map(|s| s.source.clone()).collect();
                    out.extend(stale_sources(&file, text, &sources, today));
                    if calendar.known_through < today.year() {
                        out.push(ContentProblem::new(
                            &file,
                            line_of(text, "known_through"),
                            format!(
                                "known_through is {}: check this year's bank holidays (and any one-off days) against the published lists and raise it",
                                calendar.known_through
                            ),
                        ));
                    }
                }
                Err(problems) => out.extend(problems),
            },
            ("directory", "csv") => {
                if let Err(rows) = parse_directory(text) {
                    out.extend(rows.into_iter().map(|row| {
                        ContentProblem::new(&file, usize::try_from(row.line).ok(), row.message)
                    }));
                }
            }
            _ => out.push(ContentProblem::new(
                &file,
                None,
                "Heard does not read this file: move it or remove it",
            )),
        }
    }

    out.extend(duplicate_question_ids(&topics));

    let links = Links {
        pages: &pages,
        glossary: glossary.as_ref(),
        // A glossary with problems has been reported; its terms cannot be checked against.
        glossary_broken: glossary.is_none() && glossary_file.is_some(),
        known_paths,
    };
    for (file, text, page) in &guidance_files {
        for (line, href) in page.links() {
            if let Some(message) = links.problem(&href) {
                out.push(ContentProblem::new(file, Some(line), message));
            }
        }
        for action in &page.actions {
            if let Some(message) = links.problem(&action.href) {
                let at = line_of(text, &format!("href = \"{}\"", action.href));
                out.push(ContentProblem::new(file, at, format!("action: {message}")));
            }
        }
        let ease = reading_ease(&page.plain_text());
        if ease < MIN_READING_EASE {
            out.push(ContentProblem::new(
                file,
                None,
                format!(
                    "reading ease is {ease:.1}; plain English needs {MIN_READING_EASE:.0} or more: use shorter sentences and shorter words"
                ),
            ));
        }
    }

    out.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    out
}

fn extension(name: &str) -> &str {
    name.rsplit_once('.').map_or("", |(_, ext)| ext)
}

/// A notice whose own review date has gone by: the change it describes may have happened.
fn notice_overdue(
    file: &str,
    text: &str,
    step: &crate::pathway::Step,
    today: Date,
) -> Option<ContentProblem> {
    let notice = step.notice.as_ref()?;
    let review_by = parse_date(notice.review_by.as_deref()?)?;
    let what = match notice.kind {
        NoticeKind::Changing => "a notice about a change",
        NoticeKind::ValidUntil => "a notice",
    };
    (review_by < today).then(|| {
        ContentProblem::new(
            file,
            line_of(text, &format!("id = \"{}\"", step.id)),
            format!(
                "step \"{}\": {what} was due to be looked at again on {review_by}: check whether the change has happened, then update it",
                step.id
            ),
        )
    })
}

fn review_overdue(
    file: &str,
    text: &str,
    next_review: &str,
    today: Date,
) -> Option<ContentProblem> {
    match parse_date(next_review) {
        Some(next) => overdue(file, text, next, today),
        None => Some(ContentProblem::new(
            file,
            line_of(text, "next_review"),
            format!("next_review \"{next_review}\" is not a YYYY-MM-DD date"),
        )),
    }
}

/// A question id used in two topics: the bank refuses to load, so say where.
fn duplicate_question_ids(
    topics: &[(String, &str, crate::question_bank::Topic)],
) -> Vec<ContentProblem> {
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut out = Vec::new();
    for (file, text, topic) in topics {
        for q in &topic.questions {
            if !seen.insert(q.id.as_str()) {
                out.push(ContentProblem::new(
                    file,
                    line_of(text, &format!("id = \"{}\"", q.id)),
                    format!("question id \"{}\" is used twice", q.id),
                ));
            }
        }
    }
    out
}

struct Links<'a> {
    pages: &'a BTreeMap<String, Option<GuidancePage>>,
    glossary: Option<&'a Glossary>,
    glossary_broken: bool,
    known_paths: &'a [&'a str],
}

impl Links<'_> {
    /// What is wrong with a link, if anything.
    fn problem(&self, href: &str) -> Option<String> {
        if let Some(id) = href.strip_prefix("glossary:") {
            if self.glossary_broken {
                return None;
            }
            return self
                .glossary
                .is_none_or(|g| g.term(id).is_none())
                .then(|| format!("there is no glossary term \"{id}\""));
        }
        if href.starts_with("https://") {
            return None;
        }
        if !href.starts_with('/') || href.starts_with("//") {
            return Some(format!(
                "link \"{href}\" must start with /, https:// or glossary:"
            ));
        }
        let (path, fragment) = href.split_once('#').unwrap_or((href, ""));
        let path = path.split_once('?').map_or(path, |(p, _)| p);
        // A guidance page is checked by its slug below; any other address must be a page of
        // the router's.
        let guidance_page =
            path.starts_with("/guidance/") && self.known_paths.contains(&"/guidance");
        if !guidance_page
            && !self
                .known_paths
                .iter()
                .any(|known| matches_route(path, known))
        {
            return Some(format!(
                "link \"{href}\" goes nowhere in Heard: no page has that address"
            ));
        }
        let slug = path.strip_prefix("/guidance/")?;
        let slug = slug.trim_end_matches('/');
        if slug.is_empty() {
            return None;
        }
        match self.pages.get(slug) {
            None => Some(format!("there is no guidance page \"{slug}\"")),
            Some(Some(page)) if !fragment.is_empty() && !page.heading_ids().contains(&fragment) => {
                Some(format!("the page \"{slug}\" has no heading \"{fragment}\""))
            }
            Some(_) => None,
        }
    }
}

/// Whether `path` is an address of the route `pattern`: the same segments, where `{name}`
/// stands for any one non-empty segment ("/guidance/your-rights" is "/guidance/{slug}";
/// "/lettersx" is not "/letters").
fn matches_route(path: &str, pattern: &str) -> bool {
    let path = if path.len() > 1 {
        path.trim_end_matches('/')
    } else {
        path
    };
    let (mut a, mut b) = (path.split('/'), pattern.split('/'));
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(seg), Some(pat)) if pat.starts_with('{') && pat.ends_with('}') => {
                if seg.is_empty() {
                    return false;
                }
            }
            (Some(seg), Some(pat)) if seg == pat => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KNOWN: &[&str] = &[
        "/guidance",
        "/letters",
        "/letters/new",
        "/concerns",
        "/concerns/new",
        "/consultations",
        "/consultations/new",
        "/glossary",
        "/dashboard",
        "/directory",
    ];

    #[test]
    fn a_link_matches_a_route_segment_by_segment() {
        assert!(matches_route("/guidance/your-rights", "/guidance/{slug}"));
        assert!(matches_route("/letters/", "/letters"));
        assert!(!matches_route("/lettersx", "/letters"));
        assert!(!matches_route("/guidance/", "/guidance/{slug}"));
        assert!(!matches_route("/guidance/a/b", "/guidance/{slug}"));
        assert!(!matches_route("/concerns/new/x", "/concerns/new"));
        assert!(matches_route("/", "/"));
    }

    const SOURCE: &str = "[[sources]]\ntitle = \"NHS website\"\npublisher = \"NHS England\"\nurl = \"https://www.nhs.uk/\"\nchecked = \"2026-11-23\"\n";

    const REVIEW: &str = "author = \"Heard content team\"\nreviewer = \"pending\"\nlast_reviewed = \"2026-11-23\"\nnext_review = \"2027-11-23\"\n";

    fn glossary() -> String {
        format!(
            "title = \"Glossary\"\nsummary = \"Plain meanings.\"\n{REVIEW}\n{SOURCE}\n[[terms]]\nid = \"pals\"\nterm = \"PALS\"\ndefinition = \"Free help in hospitals.\"\n"
        )
    }

    fn guidance() -> String {
        format!(
            "+++\ntitle = \"Your rights\"\nsummary = \"A short guide.\"\norder = 1\n{REVIEW}\n{SOURCE}\n[[actions]]\nlabel = \"Write a letter\"\nhref = \"/letters\"\n\n[[actions]]\nlabel = \"See all guidance\"\nhref = \"/guidance\"\n+++\n\nYou can ask [PALS](glossary:pals) for help. It is free.\n\n## Time limits\n\nRead [your rights](/guidance/your-rights#time-limits) again. Or see [the NHS](https://www.nhs.uk/).\n"
        )
    }

    fn topic() -> String {
        format!(
            "id = \"diagnosis\"\ntitle = \"Diagnosis\"\nsummary = \"About tests.\"\norder = 1\n{REVIEW}\n{SOURCE}\n[[questions]]\nid = \"dt-type\"\ntext = \"What type of cancer do I have?\"\n"
        )
    }

    fn letter() -> String {
        format!(
            "kind = \"pals\"\ntitle = \"Ask PALS\"\nsummary = \"Ask for help.\"\nrecipient_hint = \"The PALS team.\"\n{REVIEW}reply = \"none\"\nsubject = \"Help with my care\"\nclosing = \"Kind regards,\"\n\n{SOURCE}\n[[paragraphs]]\ntext = \"My name is {{{{my_name}}}}.\"\n"
        )
    }

    fn pathway() -> String {
        format!(
            "nation = \"england\"\ntitle = \"England\"\n{REVIEW}\n[[steps]]\nid = \"raise-it\"\ntitle = \"Raise it\"\nwho = \"The team.\"\ncan = [\"Explain\"]\ncannot = []\nwhen = \"First.\"\nexpect = \"A reply.\"\nevents = [\"conversation-held\"]\n[[steps.sources]]\ntitle = \"A source\"\npublisher = \"NHS\"\nurl = \"https://www.nhs.uk/\"\nchecked = \"2026-11-23\"\n"
        )
    }

    const DIRECTORY: &str = "name,kind,nation,area,phone,email,website,address,last_checked\nHealthwatch England,healthwatch,england,All of England,,,https://www.healthwatch.co.uk/,,2026-11-24\n";

    fn today() -> Date {
        Date::new(2026, 11, 24).unwrap()
    }

    /// A small content folder that passes, with one file replaced.
    fn check_with(replace: &str, with: &str) -> Vec<ContentProblem> {
        let mut files: Vec<(String, String)> = vec![
            ("README.md".into(), "# content\n".into()),
            ("locales/en-GB/common.ftl".into(), "hello = Hello\n".into()),
            ("glossary.toml".into(), glossary()),
            ("guidance/your-rights.md".into(), guidance()),
            ("questions/diagnosis.toml".into(), topic()),
            ("letters/pals.toml".into(), letter()),
            ("pathways/england.toml".into(), pathway()),
            ("directory/national.csv".into(), DIRECTORY.into()),
            (
                "plain-english.toml".into(),
                "[[words]]\nword = \"utilise\"\ninstead = \"use\"\n".into(),
            ),
        ];
        match files.iter_mut().find(|(p, _)| p == replace) {
            Some(file) => file.1 = with.to_owned(),
            None => files.push((replace.to_owned(), with.to_owned())),
        }
        let borrowed: Vec<(&str, &str)> = files
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        check_content(&borrowed, today(), KNOWN)
    }

    /// The problems, as `file:line: message`, for one broken file.
    fn broken(path: &str, text: &str) -> Vec<String> {
        check_with(path, text)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    fn assert_one(problems: &[String], want: &str) {
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert!(
            problems[0].contains(want),
            "{problems:#?} should say {want}"
        );
    }

    #[test]
    fn the_fixture_passes() {
        assert_eq!(check_with("README.md", "# content\n"), Vec::new());
    }

    #[test]
    fn a_review_that_has_gone_by_is_overdue_everywhere() {
        let past = |s: String| {
            s.replace("2027-11-23", "2026-11-23")
                .replace("2026-11-23\"\nnext", "2025-11-23\"\nnext")
        };
        for path in [
            "glossary.toml",
            "guidance/your-rights.md",
            "questions/diagnosis.toml",
            "letters/pals.toml",
            "pathways/england.toml",
        ] {
            let text = match path {
                "glossary.toml" => glossary(),
                "guidance/your-rights.md" => guidance(),
                "questions/diagnosis.toml" => topic(),
                "letters/pals.toml" => letter(),
                _ => pathway(),
            };
            let problems = broken(path, &past(text));
            assert_one(&problems, &format!("content/{path}:"));
            assert!(
                problems[0].contains("review overdue since 2026-11-23"),
                "{problems:?}"
            );
        }
    }

    #[test]
    fn sources_need_https_and_a_checked_date_everywhere() {
        let http = |s: String| {
            s.replace(
                "url = \"https://www.nhs.uk/\"",
                "url = \"http://www.nhs.uk/\"",
            )
        };
        for (path, text) in [
            ("glossary.toml", glossary()),
            ("guidance/your-rights.md", guidance()),
            ("questions/diagnosis.toml", topic()),
            ("letters/pals.toml", letter()),
            ("pathways/england.toml", pathway()),
        ] {
            let problems = broken(path, &http(text.clone()));
            assert_one(&problems, "must start with https://");
            let unchecked = text.replace("checked = \"2026-11-23\"", "checked = \"recently\"");
            assert_one(&broken(path, &unchecked), "checked date");
        }
        let none = guidance().replace(SOURCE, "");
        assert_one(&broken("guidance/your-rights.md", &none), "no sources");
        // The letter parser requires the field, so says so in its own words.
        let none = letter().replace(SOURCE, "");
        assert_one(&broken("letters/pals.toml", &none), "sources");
    }

    #[test]
    fn guidance_links_must_lead_somewhere() {
        let cases = [
            (
                "/guidance/your-rights#time-limits",
                "/guidance/no-such-page",
                "there is no guidance page \"no-such-page\"",
            ),
            (
                "/guidance/your-rights#time-limits",
                "/guidance/your-rights#no-such-heading",
                "has no heading \"no-such-heading\"",
            ),
            (
                "/guidance/your-rights#time-limits",
                "/nowhere",
                "goes nowhere in Heard",
            ),
            (
                "/guidance/your-rights#time-limits",
                "/lettersx",
                "goes nowhere in Heard",
            ),
            (
                "glossary:pals",
                "glossary:no-such-term",
                "there is no glossary term \"no-such-term\"",
            ),
        ];
        for (from, to, want) in cases {
            let problems = broken("guidance/your-rights.md", &guidance().replace(from, to));
            assert_one(&problems, want);
            assert!(
                problems[0].starts_with("content/guidance/your-rights.md:"),
                "{problems:?}"
            );
            assert!(
                !problems[0].starts_with("content/guidance/your-rights.md: "),
                "a line: {problems:?}"
            );
        }
        let fine = guidance().replace(
            "/guidance/your-rights#time-limits",
            "/letters/new?kind=pals",
        );
        assert!(broken("guidance/your-rights.md", &fine).is_empty());
    }

    #[test]
    fn actions_follow_the_link_rules() {
        let text = guidance().replace("href = \"/letters\"", "href = \"/nowhere\"");
        let problems = broken("guidance/your-rights.md", &text);
        assert_one(
            &problems,
            "content/guidance/your-rights.md:18: action: link \"/nowhere\" goes nowhere",
        );
        let text = guidance().replace("href = \"/guidance\"", "href = \"/guidance/gone\"");
        assert_one(
            &broken("guidance/your-rights.md", &text),
            "action: there is no guidance page \"gone\"",
        );
        let text = guidance().replace("href = \"/letters\"", "href = \"letters\"");
        assert_one(
            &broken("guidance/your-rights.md", &text),
            "must start with /",
        );
    }

    #[test]
    fn hard_guidance_is_refused_with_its_score() {
        let dense = "Notwithstanding the aforementioned considerations, multidisciplinary deliberations regarding therapeutic interventions necessitate comprehensive reconsideration.";
        let text = guidance().replace("It is free.", dense);
        let problems = broken("guidance/your-rights.md", &text);
        assert_one(&problems, "reading ease is ");
        assert!(problems[0].contains("needs 60 or more"), "{problems:?}");
    }

    #[test]
    fn every_kind_of_file_is_parsed_with_its_own_parser() {
        let letter = letter().replace("{{my_name}}", "{{your_name}}");
        assert_one(
            &broken("letters/pals.toml", &letter),
            "{{your_name}} is not a placeholder",
        );
        let topic = topic().replace("text = \"What type of cancer do I have?\"", "text = \" \"");
        assert_one(
            &broken("questions/diagnosis.toml", &topic),
            "question dt-type is empty",
        );
        let twice = topic_with_id("dt-type");
        let problems = broken("questions/other.toml", &twice);
        assert_one(&problems, "content/questions/other.toml:");
        assert!(
            problems[0].contains("\"dt-type\" is used twice"),
            "{problems:?}"
        );
        let pathway = pathway().replace("can = [\"Explain\"]", "can = []");
        assert_one(
            &broken("pathways/england.toml", &pathway),
            "say what they can do",
        );
        let directory = format!("{DIRECTORY}Someone,nobody,england,Here,,,,,2026-11-24\n");
        assert_one(
            &broken("directory/national.csv", &directory),
            "content/directory/national.csv:3: ",
        );
        assert_one(
            &broken("plain-english.toml", "words = 3"),
            "content/plain-english.toml",
        );
        assert_one(
            &broken(
                "glossary.toml",
                &glossary().replace("Free help in hospitals.", ""),
            ),
            "empty definition",
        );
        assert_one(
            &broken("guidance/notes.txt", "notes"),
            "does not read this file",
        );
    }

    fn topic_with_id(id: &str) -> String {
        topic()
            .replace("id = \"diagnosis\"", "id = \"other\"")
            .replace("id = \"dt-type\"", &format!("id = \"{id}\""))
    }

    /// Every file under `content/`, as (path relative to it, text).
    fn real_content() -> Vec<(String, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
        let mut files = Vec::new();
        let mut folders = vec![root.clone()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else {
                    let relative = path.strip_prefix(&root).unwrap();
                    let name = relative
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/");
                    files.push((name, std::fs::read_to_string(&path).unwrap()));
                }
            }
        }
        files.sort();
        files
    }

    #[test]
    fn the_real_content_passes() {
        let files = real_content();
        assert!(files.iter().any(|(p, _)| p == "guidance/your-rights.md"));
        let borrowed: Vec<(&str, &str)> = files
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        // The check is not vacuous: every page and the glossary parse, and are scored.
        let pages: Vec<GuidancePage> = borrowed
            .iter()
            .filter(|(p, _)| p.starts_with("guidance/"))
            .filter_map(|(p, t)| GuidancePage::parse(p, t).ok())
            .collect();
        assert_eq!(pages.len(), 16);
        for page in &pages {
            println!(
                "{}: reading ease {:.1}",
                page.slug,
                reading_ease(&page.plain_text())
            );
        }
        let glossary = borrowed
            .iter()
            .find(|(p, _)| *p == "glossary.toml")
            .and_then(|(p, t)| Glossary::parse(p, t).ok())
            .unwrap();
        let bank = QuestionBank::parse(
            borrowed
                .iter()
                .filter(|(p, _)| p.starts_with("questions/"))
                .copied(),
        )
        .unwrap();
        let hits: usize = bank
            .topics()
            .iter()
            .flat_map(|t| &t.questions)
            .map(|q| glossary.find(&q.text).len())
            .sum();
        assert!(
            bank.len() >= 80 && hits > 10,
            "{} questions, {hits} terms",
            bank.len()
        );
        let problems = check_content(&borrowed, today(), KNOWN);
        for p in &problems {
            println!("{p}");
        }
        assert!(
            problems.is_empty(),
            "{} problems in content/:\n{}",
            problems.len(),
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}
