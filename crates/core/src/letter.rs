//! Letters: templates in `content/letters/` filled from what a person recorded, edited part by
//! part, and laid out as one structured letter that every output (PDF, text, email, the page)
//! is made from.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::calendar::{Nation, add_calendar_days, add_months, add_working_days};
use crate::choice::Choice;
pub use crate::provenance::Source;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LetterKind {
    FollowUpSummary,
    RemainingQuestions,
    FollowUpRequest,
    InterpreterRequest,
    LetterOfConcern,
    Pals,
    FormalComplaint,
    SubjectAccessRequest,
    Ombudsman,
    PositiveFeedback,
    Healthwatch,
}

impl Choice for LetterKind {
    const ALL: &'static [Self] = &[
        LetterKind::FollowUpSummary,
        LetterKind::RemainingQuestions,
        LetterKind::FollowUpRequest,
        LetterKind::InterpreterRequest,
        LetterKind::LetterOfConcern,
        LetterKind::Pals,
        LetterKind::FormalComplaint,
        LetterKind::SubjectAccessRequest,
        LetterKind::Ombudsman,
        LetterKind::PositiveFeedback,
        LetterKind::Healthwatch,
    ];
    fn id(self) -> &'static str {
        match self {
            LetterKind::FollowUpSummary => "follow-up-summary",
            LetterKind::RemainingQuestions => "remaining-questions",
            LetterKind::FollowUpRequest => "follow-up-request",
            LetterKind::InterpreterRequest => "interpreter-request",
            LetterKind::LetterOfConcern => "letter-of-concern",
            LetterKind::Pals => "pals",
            LetterKind::FormalComplaint => "formal-complaint",
            LetterKind::SubjectAccessRequest => "subject-access-request",
            LetterKind::Ombudsman => "ombudsman",
            LetterKind::PositiveFeedback => "positive-feedback",
            LetterKind::Healthwatch => "healthwatch",
        }
    }
}

/// Placeholders the code fills with text.
pub const TEXT_PLACEHOLDERS: &[&str] = &[
    "my_name",
    "today",
    "appointment_date",
    "professional",
    "place",
    "decisions",
    "asked_for",
    "interpreter",
    "what_happened",
    "how_it_affected_me",
    "reply_by",
    "unfair_treatment",
    "what_worked",
    "service_name",
    "ombudsman_name",
    "healthwatch_name",
    "complaint_reference",
    "complaint_response_date",
    "records_period",
    "unanswered_count",
    // The time limit for a complaint, from the pathway of the letter's nation: never a rule
    // written into a template, which would be wrong in the other nations.
    "time_limit",
    // The same rule, for a complaint that may be late: the letter asks them to look at it
    // all the same rather than claim it is in time.
    "late_limit",
];

/// Placeholders the code fills with a list (shown as bullets).
pub const LIST_PLACEHOLDERS: &[&str] = &[
    "next_steps",
    "remaining_questions",
    "access_needs",
    "what_i_want",
    "records_wanted",
];

/// How long the recipient usually has to reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyRule {
    None,
    WorkingDays(u32),
    CalendarDays(i64),
    Months(i64),
}

impl ReplyRule {
    /// When a reply is due, for a letter sent on `sent`.
    pub fn due(self, nation: Nation, sent: Date) -> Option<Date> {
        match self {
            ReplyRule::None => None,
            ReplyRule::WorkingDays(n) => add_working_days(nation, sent, n),
            ReplyRule::CalendarDays(n) => add_calendar_days(sent, n),
            ReplyRule::Months(n) => add_months(sent, n),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum TemplateParagraph {
    List {
        list: String,
    },
    Text {
        text: String,
        #[serde(default)]
        when: Option<String>,
    },
}

#[derive(Debug, Clone, Deserialize)]
struct TemplateFile {
    kind: LetterKind,
    title: String,
    summary: String,
    recipient_hint: String,
    author: String,
    reviewer: String,
    last_reviewed: String,
    next_review: String,
    reply: String,
    #[serde(default)]
    reply_within: i64,
    subject: String,
    closing: String,
    sources: Vec<Source>,
    paragraphs: Vec<TemplateParagraph>,
}

/// A letter template from `content/letters/`.
#[derive(Debug, Clone)]
pub struct LetterTemplate {
    pub kind: LetterKind,
    pub title: String,
    pub summary: String,
    pub recipient_hint: String,
    pub author: String,
    pub reviewer: String,
    pub last_reviewed: String,
    pub next_review: String,
    pub reply: ReplyRule,
    pub subject: String,
    pub closing: String,
    pub sources: Vec<Source>,
    pub paragraphs: Vec<TemplateParagraph>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {message}")]
pub struct TemplateError {
    pub file: String,
    pub message: String,
}

/// Every `{{name}}` in a piece of text, or an error for a brace left open.
pub fn placeholders_in(text: &str) -> Result<Vec<&str>, String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let end = after
            .find("}}")
            .ok_or_else(|| format!("unclosed {{{{ in {text:?}"))?;
        let name = &after[..end];
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            return Err(format!("{{{{{name}}}}} is not a placeholder name"));
        }
        names.push(name);
        rest = &after[end + 2..];
    }
    if rest.contains("}}") {
        return Err(format!("stray }}}} in {text:?}"));
    }
    Ok(names)
}

impl LetterTemplate {
    /// Parses a template and checks it: the kind matches the file, every placeholder is one the
    /// code supplies (text placeholders in text, lists as lists), sources and dates are there.
    pub fn parse(file: &str, text: &str) -> Result<Self, TemplateError> {
        let err = |message: String| TemplateError {
            file: file.to_owned(),
            message,
        };
        let t: TemplateFile = toml::from_str(text).map_err(|e| err(e.message().to_owned()))?;
        if !file.ends_with(&format!("{}.toml", t.kind.id())) {
            return Err(err(format!(
                "the kind {} does not match the file name",
                t.kind.id()
            )));
        }
        if t.sources.is_empty() {
            return Err(err("no sources".into()));
        }
        for date in [&t.last_reviewed, &t.next_review] {
            date.parse::<Date>()
                .map_err(|_| err(format!("{date} is not a date (YYYY-MM-DD)")))?;
        }
        let reply = match (t.reply.as_str(), t.reply_within) {
            ("none", _) => ReplyRule::None,
            ("working-days", n) if n > 0 => ReplyRule::WorkingDays(
                u32::try_from(n).map_err(|_| err("reply_within is too big".into()))?,
            ),
            ("calendar-days", n) if n > 0 => ReplyRule::CalendarDays(n),
            ("months", n) if n > 0 => ReplyRule::Months(n),
            (other, _) => {
                return Err(err(format!(
                    "reply = {other:?} with reply_within = {}",
                    t.reply_within
                )));
            }
        };
        let check_text = |s: &str| -> Result<(), TemplateError> {
            for name in placeholders_in(s).map_err(err)? {
                if !TEXT_PLACEHOLDERS.contains(&name) {
                    return Err(err(format!(
                        "{{{{{name}}}}} is not a placeholder the code supplies"
                    )));
                }
            }
            Ok(())
        };
        check_text(&t.subject)?;
        check_text(&t.closing)?;
        if t.paragraphs.is_empty() {
            return Err(err("no paragraphs".into()));
        }
        for p in &t.paragraphs {
            match p {
                TemplateParagraph::List { list } => {
                    if !LIST_PLACEHOLDERS.contains(&list.as_str()) {
                        return Err(err(format!(
                            "list {list:?} is not a list the code supplies"
                        )));
                    }
                }
                TemplateParagraph::Text { text, when } => {
                    check_text(text)?;
                    if let Some(w) = when
                        && !TEXT_PLACEHOLDERS.contains(&w.as_str())
                        && !LIST_PLACEHOLDERS.contains(&w.as_str())
                    {
                        return Err(err(format!(
                            "when = {w:?} is not a placeholder the code supplies"
                        )));
                    }
                }
            }
        }
        Ok(Self {
            kind: t.kind,
            title: t.title,
            summary: t.summary,
            recipient_hint: t.recipient_hint,
            author: t.author,
            reviewer: t.reviewer,
            last_reviewed: t.last_reviewed,
            next_review: t.next_review,
            reply,
            subject: t.subject,
            closing: t.closing,
            sources: t.sources,
            paragraphs: t.paragraphs,
        })
    }

    /// The subject and body filled from what was recorded. Paragraphs whose `when` is empty are
    /// left out; a list becomes lines starting "- ". Paragraphs are separated by a blank line:
    /// the body is plain text the person edits.
    pub fn fill(&self, facts: &Facts) -> (String, String) {
        let mut parts: Vec<String> = Vec::new();
        for p in &self.paragraphs {
            match p {
                TemplateParagraph::List { list } => {
                    let items = facts.list(list);
                    if !items.is_empty() {
                        parts.push(
                            items
                                .iter()
                                .map(|i| format!("- {i}"))
                                .collect::<Vec<_>>()
                                .join("\n"),
                        );
                    }
                }
                TemplateParagraph::Text { text, when } => {
                    let needed = when.as_deref().is_none_or(|w| facts.has(w));
                    if needed {
                        parts.push(facts.fill(text));
                    }
                }
            }
        }
        (facts.fill(&self.subject), parts.join("\n\n"))
    }
}

/// What the code knows, to fill placeholders with.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    texts: BTreeMap<&'static str, String>,
    lists: BTreeMap<&'static str, Vec<String>>,
}

impl Facts {
    pub fn set(&mut self, name: &'static str, value: impl Into<String>) -> &mut Self {
        self.texts.insert(name, value.into());
        self
    }

    pub fn set_list(&mut self, name: &'static str, items: Vec<String>) -> &mut Self {
        self.lists.insert(
            name,
            items.into_iter().filter(|i| !i.trim().is_empty()).collect(),
        );
        self
    }

    fn list(&self, name: &str) -> &[String] {
        self.lists.get(name).map_or(&[], Vec::as_slice)
    }

    fn has(&self, name: &str) -> bool {
        self.texts.get(name).is_some_and(|t| !t.trim().is_empty()) || !self.list(name).is_empty()
    }

    /// Fills every placeholder; one with nothing known becomes a gap for the person to fill:
    /// "[…]".
    pub fn fill(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find("{{") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let Some(end) = after.find("}}") else {
                out.push_str(&rest[start..]);
                return out;
            };
            let name = &after[..end];
            match self.texts.get(name).filter(|t| !t.trim().is_empty()) {
                Some(value) => out.push_str(value),
                None => out.push_str("[…]"),
            }
            rest = &after[end + 2..];
        }
        out.push_str(rest);
        out
    }
}

/// Who a letter is from or to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub name: String,
    /// Several lines.
    pub address: String,
    pub email: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SentBy {
    Email,
    Post,
    OnlineForm,
    ByHand,
}

impl Choice for SentBy {
    const ALL: &'static [Self] = &[
        SentBy::Email,
        SentBy::Post,
        SentBy::OnlineForm,
        SentBy::ByHand,
    ];
    fn id(self) -> &'static str {
        match self {
            SentBy::Email => "email",
            SentBy::Post => "post",
            SentBy::OnlineForm => "online-form",
            SentBy::ByHand => "by-hand",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "status")]
pub enum LetterStatus {
    Draft,
    Sent {
        on: Date,
        by: SentBy,
        reply_due: Option<Date>,
    },
    Replied {
        sent_on: Date,
        by: SentBy,
        replied_on: Date,
    },
}

/// A letter as the person is writing it. Stored sealed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterDraft {
    pub kind: LetterKind,
    /// The consultation it follows up, if any.
    #[serde(default)]
    pub consultation: Option<Uuid>,
    /// The concern it belongs to, if any.
    #[serde(default)]
    pub concern: Option<Uuid>,
    pub nation: Nation,
    pub sender: Party,
    pub recipient: Party,
    #[serde(default)]
    pub hospital_number: String,
    #[serde(default)]
    pub nhs_number: String,
    pub subject: String,
    /// "Dear …,"
    pub salutation: String,
    /// Paragraphs separated by blank lines; lines starting "- " are a list.
    pub body: String,
    pub closing: String,
    pub status: LetterStatus,
    /// For a request for records: what the organisation told the person (when it arrived, an
    /// extension, a question), which moves the reply date.
    #[serde(default)]
    pub request: crate::subject_access::RequestFacts,
}

impl LetterDraft {
    /// When a reply is due for this letter sent on `on`: by the rules for a request for
    /// records, or the template's usual time; none when no reply is expected, or the clock
    /// has stopped.
    pub fn reply_due(&self, rule: ReplyRule, on: Date, by: SentBy) -> Option<Date> {
        use crate::subject_access::{ReplyDue, Sent, reply_due};
        if self.kind != LetterKind::SubjectAccessRequest {
            return rule.due(self.nation, on);
        }
        let sent = match by {
            SentBy::Post => Sent::ByPost,
            SentBy::Email | SentBy::OnlineForm | SentBy::ByHand => Sent::SameDay,
        };
        match reply_due(self.nation, on, sent, &self.request)? {
            ReplyDue::Due(r) => Some(r.due),
            ReplyDue::Stopped { .. } => None,
        }
    }

    /// The reply date as it stands for a sent letter. A request for records is worked out
    /// again from what the person recorded, so one stored under older rules shows today's
    /// date; other letters keep the date stored when they were sent.
    pub fn awaited_reply(&self) -> Option<Date> {
        match self.status {
            LetterStatus::Sent { on, by, .. } if self.kind == LetterKind::SubjectAccessRequest => {
                self.reply_due(ReplyRule::None, on, by)
            }
            LetterStatus::Sent { reply_due, .. } => reply_due,
            _ => None,
        }
    }
}

/// What a person tells Heard once and every letter reuses. One record per person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyDetails {
    pub name: String,
    pub address: String,
    pub email: String,
    pub hospital_number: String,
    pub nhs_number: String,
}

/// A block of a letter's body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Block {
    Paragraph { text: String },
    Bullets { items: Vec<String> },
}

/// Reads an edited body back into blocks: blank lines end a paragraph; lines starting "- ",
/// "* " or "• " are list items.
pub fn body_blocks(body: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut bullets: Vec<String> = Vec::new();
    let flush_paragraph = |p: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if !p.is_empty() {
            blocks.push(Block::Paragraph { text: p.join(" ") });
            p.clear();
        }
    };
    let flush_bullets = |b: &mut Vec<String>, blocks: &mut Vec<Block>| {
        if !b.is_empty() {
            blocks.push(Block::Bullets {
                items: std::mem::take(b),
            });
        }
    };
    let body = body.replace("\r\n", "\n");
    for line in body.lines() {
        let trimmed = line.trim();
        let item = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
            .or_else(|| trimmed.strip_prefix("• "));
        match item {
            Some(item) => {
                flush_paragraph(&mut paragraph, &mut blocks);
                bullets.push(item.trim().to_owned());
            }
            None if trimmed.is_empty() => {
                flush_paragraph(&mut paragraph, &mut blocks);
                flush_bullets(&mut bullets, &mut blocks);
            }
            None => {
                flush_bullets(&mut bullets, &mut blocks);
                paragraph.push(trimmed);
            }
        }
    }
    flush_paragraph(&mut paragraph, &mut blocks);
    flush_bullets(&mut bullets, &mut blocks);
    blocks
}

/// A letter laid out: the one structure every output is made from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Letter {
    pub sender: Vec<String>,
    pub recipient: Vec<String>,
    pub date: String,
    /// (label, value), such as ("NHS number", "485 777 3456").
    pub references: Vec<(String, String)>,
    pub subject: String,
    pub salutation: String,
    pub blocks: Vec<Block>,
    pub closing: String,
    pub signature: String,
}

/// Labels the layout needs, in the reader's language.
pub struct LetterLabels {
    pub hospital_number: String,
    pub nhs_number: String,
}

impl LetterDraft {
    pub fn layout(&self, date: String, labels: &LetterLabels) -> Letter {
        let lines = |p: &Party| -> Vec<String> {
            std::iter::once(p.name.clone())
                .chain(p.address.lines().map(str::to_owned))
                .chain(std::iter::once(p.email.clone()))
                .map(|l| l.trim().to_owned())
                .filter(|l| !l.is_empty())
                .collect()
        };
        let mut references = Vec::new();
        if !self.hospital_number.trim().is_empty() {
            references.push((
                labels.hospital_number.clone(),
                self.hospital_number.trim().to_owned(),
            ));
        }
        if !self.nhs_number.trim().is_empty() {
            references.push((labels.nhs_number.clone(), self.nhs_number.trim().to_owned()));
        }
        Letter {
            sender: lines(&self.sender),
            recipient: lines(&self.recipient),
            date,
            references,
            subject: self.subject.trim().to_owned(),
            salutation: self.salutation.trim().to_owned(),
            blocks: body_blocks(&self.body),
            closing: self.closing.trim().to_owned(),
            signature: self.sender.name.trim().to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = r#"
kind = "remaining-questions"
title = "My remaining questions"
summary = "Send the questions you did not get to ask."
recipient_hint = "The professional you saw"
author = "Heard content team"
reviewer = "pending"
last_reviewed = "2026-11-24"
next_review = "2027-11-24"
reply = "calendar-days"
reply_within = 14
subject = "Questions after my appointment on {{appointment_date}}"
closing = "With thanks,"
[[sources]]
title = "t"
publisher = "p"
url = "https://www.nhs.uk/"
checked = "2026-11-24"
[[paragraphs]]
text = "Thank you for seeing me on {{appointment_date}}. We ran out of time before I could ask {{unanswered_count}} of my questions."
[[paragraphs]]
list = "remaining_questions"
[[paragraphs]]
text = "We also agreed: {{decisions}}"
when = "decisions"
[[paragraphs]]
text = "Could you reply by {{reply_by}}?"
"#;

    fn facts() -> Facts {
        let mut f = Facts::default();
        f.set("appointment_date", "Thursday 3 December 2026")
            .set("unanswered_count", "2")
            .set_list(
                "remaining_questions",
                vec!["What does stage 2 mean?".into(), "Can I still work?".into()],
            );
        f
    }

    #[test]
    fn a_template_fills_from_what_was_recorded_and_leaves_out_what_was_not() {
        let t =
            LetterTemplate::parse("content/letters/remaining-questions.toml", TEMPLATE).unwrap();
        assert_eq!(t.reply, ReplyRule::CalendarDays(14));
        let (subject, body) = t.fill(&facts());
        assert_eq!(
            subject,
            "Questions after my appointment on Thursday 3 December 2026"
        );
        assert!(body.contains("ask 2 of my questions"));
        assert!(body.contains("- What does stage 2 mean?\n- Can I still work?"));
        assert!(
            !body.contains("We also agreed"),
            "a paragraph whose fact is empty is left out"
        );
        assert!(
            body.contains("Could you reply by […]?"),
            "an unknown fact is a visible gap"
        );
        assert!(!body.contains("{{"));
    }

    #[test]
    fn unknown_placeholders_and_mismatched_files_are_refused() {
        let bad = TEMPLATE.replace("{{decisions}}", "{{favourite_colour}}");
        let e = LetterTemplate::parse("remaining-questions.toml", &bad).unwrap_err();
        assert!(e.message.contains("favourite_colour"), "{e}");
        let bad_list = TEMPLATE.replace("list = \"remaining_questions\"", "list = \"decisions\"");
        assert!(LetterTemplate::parse("remaining-questions.toml", &bad_list).is_err());
        assert!(LetterTemplate::parse("pals.toml", TEMPLATE).is_err());
        let unclosed = TEMPLATE.replace("{{reply_by}}", "{{reply_by");
        assert!(LetterTemplate::parse("remaining-questions.toml", &unclosed).is_err());
        let bad_reply = TEMPLATE.replace("reply_within = 14", "reply_within = 0");
        assert!(LetterTemplate::parse("remaining-questions.toml", &bad_reply).is_err());
    }

    #[test]
    fn an_edited_body_reads_back_as_paragraphs_and_lists() {
        let blocks = body_blocks("First line\nsame paragraph\n\n- one\n* two\n\nLast.");
        assert_eq!(
            blocks,
            [
                Block::Paragraph {
                    text: "First line same paragraph".into()
                },
                Block::Bullets {
                    items: vec!["one".into(), "two".into()]
                },
                Block::Paragraph {
                    text: "Last.".into()
                },
            ]
        );
    }

    #[test]
    fn reply_dates_follow_the_rule() {
        let sent = Date::new(2026, 12, 21).unwrap();
        assert_eq!(
            ReplyRule::WorkingDays(3).due(Nation::England, sent),
            Some(Date::new(2026, 12, 24).unwrap())
        );
        assert_eq!(
            ReplyRule::WorkingDays(5).due(Nation::England, sent),
            Some(Date::new(2026, 12, 30).unwrap())
        );
        assert_eq!(
            ReplyRule::Months(1).due(Nation::Scotland, sent),
            Some(Date::new(2027, 1, 21).unwrap())
        );
        assert_eq!(ReplyRule::None.due(Nation::Wales, sent), None);
    }

    #[test]
    fn a_request_for_records_follows_the_icos_rules_not_the_template() {
        let sent = Date::new(2027, 1, 31).unwrap();
        let mut draft = LetterDraft {
            kind: LetterKind::SubjectAccessRequest,
            consultation: None,
            concern: None,
            nation: Nation::England,
            sender: Party::default(),
            recipient: Party::default(),
            hospital_number: String::new(),
            nhs_number: String::new(),
            subject: String::new(),
            salutation: String::new(),
            body: String::new(),
            closing: String::new(),
            status: LetterStatus::Draft,
            request: Default::default(),
        };
        // The template's one month would give 28 February 2027, a Sunday.
        assert_eq!(
            draft.reply_due(ReplyRule::Months(1), sent, SentBy::Email),
            Some(Date::new(2027, 3, 1).unwrap())
        );
        draft.request.clarification_asked_on = Some(Date::new(2027, 2, 3).unwrap());
        assert_eq!(
            draft.reply_due(ReplyRule::Months(1), sent, SentBy::Email),
            None
        );
        draft.kind = LetterKind::Pals;
        assert_eq!(
            draft.reply_due(ReplyRule::Months(1), sent, SentBy::Email),
            Some(Date::new(2027, 2, 28).unwrap())
        );

        // A request stored under the older rule (the Sunday) shows today's date when read.
        draft.kind = LetterKind::SubjectAccessRequest;
        draft.request = Default::default();
        draft.status = LetterStatus::Sent {
            on: sent,
            by: SentBy::Email,
            reply_due: Some(Date::new(2027, 2, 28).unwrap()),
        };
        assert_eq!(draft.awaited_reply(), Some(Date::new(2027, 3, 1).unwrap()));
        // Other letters keep the date they were stored with.
        draft.kind = LetterKind::Pals;
        assert_eq!(draft.awaited_reply(), Some(Date::new(2027, 2, 28).unwrap()));
    }

    #[test]
    fn the_layout_skips_empty_lines_and_references() {
        let draft = LetterDraft {
            kind: LetterKind::Pals,
            consultation: None,
            concern: None,
            nation: Nation::England,
            sender: Party {
                name: "Sam Taylor".into(),
                address: "1 High St\n\nLeeds".into(),
                email: String::new(),
            },
            recipient: Party::default(),
            hospital_number: " ".into(),
            nhs_number: "485 777 3456".into(),
            subject: "Help".into(),
            salutation: "Dear PALS team,".into(),
            body: "Hello".into(),
            closing: "Yours sincerely,".into(),
            status: LetterStatus::Draft,
            request: Default::default(),
        };
        let labels = LetterLabels {
            hospital_number: "Hospital number".into(),
            nhs_number: "NHS number".into(),
        };
        let letter = draft.layout("24 November 2026".into(), &labels);
        assert_eq!(letter.sender, ["Sam Taylor", "1 High St", "Leeds"]);
        assert!(letter.recipient.is_empty());
        assert_eq!(
            letter.references,
            [("NHS number".to_owned(), "485 777 3456".to_owned())]
        );
        assert_eq!(letter.signature, "Sam Taylor");
    }
}
