//! A concern: what went wrong, what the person would like to happen, and a timeline of what
//! they have done about it. The pathway (`crate::pathway`) turns the timeline into deadlines and
//! a suggested next step.

use std::collections::BTreeSet;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::calendar::Nation;
use crate::choice::Choice;
use crate::reflection::{Answer, ProtectedCharacteristic};

/// Where the care happened: it decides who to complain to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Setting {
    Hospital,
    Gp,
    Hospice,
    Other,
}

impl Choice for Setting {
    const ALL: &'static [Self] = &[
        Setting::Hospital,
        Setting::Gp,
        Setting::Hospice,
        Setting::Other,
    ];
    fn id(self) -> &'static str {
        match self {
            Setting::Hospital => "hospital",
            Setting::Gp => "gp",
            Setting::Hospice => "hospice",
            Setting::Other => "other",
        }
    }
}

/// What the person would like to happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Wish {
    Explanation,
    Apology,
    Change,
    Meeting,
    Other,
}

impl Choice for Wish {
    const ALL: &'static [Self] = &[
        Wish::Explanation,
        Wish::Apology,
        Wish::Change,
        Wish::Meeting,
        Wish::Other,
    ];
    fn id(self) -> &'static str {
        match self {
            Wish::Explanation => "explanation",
            Wish::Apology => "apology",
            Wish::Change => "change",
            Wish::Meeting => "meeting",
            Wish::Other => "other",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConcernStatus {
    #[default]
    Open,
    /// Put right to the person's satisfaction.
    Resolved,
    /// Ended without being put right, or not taken further; `Concern::outcome` says how.
    Closed,
}

impl Choice for ConcernStatus {
    const ALL: &'static [Self] = &[
        ConcernStatus::Open,
        ConcernStatus::Resolved,
        ConcernStatus::Closed,
    ];
    fn id(self) -> &'static str {
        match self {
            ConcernStatus::Open => "open",
            ConcernStatus::Resolved => "resolved",
            ConcernStatus::Closed => "closed",
        }
    }
}

/// The case file's first page: one sealed record per concern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Concern {
    pub title: String,
    pub what_happened: String,
    /// When it happened (the first time, if it went on).
    pub happened_on: Option<Date>,
    /// When the person became aware there was a problem, if later: time limits can run from it.
    #[serde(default)]
    pub aware_on: Option<Date>,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub people: String,
    #[serde(default)]
    pub effect: String,
    #[serde(default)]
    pub wishes: BTreeSet<Wish>,
    #[serde(default)]
    pub wish_other: String,
    pub setting: Setting,
    pub nation: Nation,
    /// The person felt treated unfairly because of who they are.
    #[serde(default)]
    pub unfair_treatment: bool,
    #[serde(default)]
    pub characteristics: BTreeSet<ProtectedCharacteristic>,
    /// The person says they were harmed: the time limit for a legal claim is shown.
    #[serde(default)]
    pub harmed: bool,
    #[serde(default)]
    pub consultations: Vec<Uuid>,
    #[serde(default)]
    pub letters: Vec<Uuid>,
    #[serde(default)]
    pub status: ConcernStatus,
    /// How it ended, in the person's words, when resolved or closed.
    #[serde(default)]
    pub outcome: String,
}

/// When it happened and when the person found out: the dates time limits run from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProblemDates {
    pub happened: Option<Date>,
    pub aware: Option<Date>,
}

impl ProblemDates {
    /// The later of the two: where a "within 12 months of the problem" clock starts.
    pub fn later(&self) -> Option<Date> {
        match (self.happened, self.aware) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        }
    }
}

impl Concern {
    pub fn problem_dates(&self) -> ProblemDates {
        ProblemDates {
            happened: self.happened_on,
            aware: self.aware_on,
        }
    }

    /// The date a "within 12 months of the problem" clock starts: when it happened, or when the
    /// person became aware of it, whichever is later.
    pub fn problem_date(&self) -> Option<Date> {
        self.problem_dates().later()
    }
}

pub const TITLE_MAX: usize = 120;
pub const TEXT_MAX: usize = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConcernProblem {
    TitleMissing,
    TitleTooLong,
    TextTooLong,
    /// Became aware before it happened.
    AwareBeforeHappened,
    InTheFuture,
}

/// Checks a concern as typed; every field can be filled in later except the title.
pub fn check_concern(c: &Concern, today: Date) -> Vec<(&'static str, ConcernProblem)> {
    let mut problems = Vec::new();
    if c.title.trim().is_empty() {
        problems.push(("title", ConcernProblem::TitleMissing));
    } else if c.title.chars().count() > TITLE_MAX {
        problems.push(("title", ConcernProblem::TitleTooLong));
    }
    for (field, text) in [
        ("what_happened", &c.what_happened),
        ("place", &c.place),
        ("people", &c.people),
        ("effect", &c.effect),
        ("wish_other", &c.wish_other),
        ("outcome", &c.outcome),
    ] {
        if text.chars().count() > TEXT_MAX {
            problems.push((field, ConcernProblem::TextTooLong));
        }
    }
    if c.happened_on.is_some_and(|d| d > today) {
        problems.push(("happened_on", ConcernProblem::InTheFuture));
    }
    if c.aware_on.is_some_and(|d| d > today) {
        problems.push(("aware_on", ConcernProblem::InTheFuture));
    } else if let (Some(h), Some(a)) = (c.happened_on, c.aware_on)
        && a < h
    {
        problems.push(("aware_on", ConcernProblem::AwareBeforeHappened));
    }
    problems
}

/// What happened on the way to putting it right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    ConversationHeld,
    LetterSent,
    PalsContacted,
    ComplaintMade,
    AcknowledgementReceived,
    MeetingHeld,
    ResponseReceived,
    AdvocacyContacted,
    ExperienceShared,
    OmbudsmanContacted,
    DecisionReceived,
    /// Asked them to tell openly what happened (the duty of candour).
    CandourAsked,
    RegulatorContacted,
    /// Asked for an urgent review by another team (Martha's Rule, Call 4 Concern).
    UrgentReviewAsked,
    /// Asked the GP practice to think again after visits about the same thing (Jess's Rule).
    RethinkAsked,
    /// Asked for independent advice about a claim for compensation.
    ClaimAdviceSought,
    Other,
}

impl Choice for EventKind {
    const ALL: &'static [Self] = &[
        EventKind::ConversationHeld,
        EventKind::LetterSent,
        EventKind::PalsContacted,
        EventKind::ComplaintMade,
        EventKind::AcknowledgementReceived,
        EventKind::MeetingHeld,
        EventKind::ResponseReceived,
        EventKind::AdvocacyContacted,
        EventKind::ExperienceShared,
        EventKind::OmbudsmanContacted,
        EventKind::DecisionReceived,
        EventKind::CandourAsked,
        EventKind::RegulatorContacted,
        EventKind::UrgentReviewAsked,
        EventKind::RethinkAsked,
        EventKind::ClaimAdviceSought,
        EventKind::Other,
    ];
    fn id(self) -> &'static str {
        match self {
            EventKind::ConversationHeld => "conversation-held",
            EventKind::LetterSent => "letter-sent",
            EventKind::PalsContacted => "pals-contacted",
            EventKind::ComplaintMade => "complaint-made",
            EventKind::AcknowledgementReceived => "acknowledgement-received",
            EventKind::MeetingHeld => "meeting-held",
            EventKind::ResponseReceived => "response-received",
            EventKind::AdvocacyContacted => "advocacy-contacted",
            EventKind::ExperienceShared => "experience-shared",
            EventKind::OmbudsmanContacted => "ombudsman-contacted",
            EventKind::DecisionReceived => "decision-received",
            EventKind::CandourAsked => "candour-asked",
            EventKind::RegulatorContacted => "regulator-contacted",
            EventKind::UrgentReviewAsked => "urgent-review-asked",
            EventKind::RethinkAsked => "rethink-asked",
            EventKind::ClaimAdviceSought => "claim-advice-sought",
            EventKind::Other => "other",
        }
    }
}

impl EventKind {
    /// Things a person can do beside the route to having a concern put right, not on it:
    /// Heard never suggests them as the next step of that route.
    pub fn beside_the_route(self) -> bool {
        matches!(
            self,
            EventKind::ExperienceShared
                | EventKind::CandourAsked
                | EventKind::RegulatorContacted
                | EventKind::UrgentReviewAsked
                | EventKind::RethinkAsked
                | EventKind::ClaimAdviceSought
        )
    }

    /// Events after which it is natural to ask "did this put things right?".
    pub fn has_outcome(self) -> bool {
        matches!(
            self,
            EventKind::ConversationHeld
                | EventKind::PalsContacted
                | EventKind::MeetingHeld
                | EventKind::ResponseReceived
                | EventKind::DecisionReceived
        )
    }
}

/// One entry on a concern's timeline: its own sealed record, a child of the concern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConcernEvent {
    pub concern: Uuid,
    pub kind: EventKind,
    pub on: Date,
    #[serde(default)]
    pub notes: String,
    /// The pathway step it belongs to, when the person chose one; otherwise Heard works it out.
    #[serde(default)]
    pub step: Option<String>,
    /// Did this put things right? Yes, partly or no; none when not known yet.
    #[serde(default)]
    pub outcome: Option<Answer>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventProblem {
    InTheFuture,
    NotesTooLong,
}

pub fn check_event(e: &ConcernEvent, today: Date) -> Vec<(&'static str, EventProblem)> {
    let mut problems = Vec::new();
    if e.on > today {
        problems.push(("on", EventProblem::InTheFuture));
    }
    if e.notes.chars().count() > TEXT_MAX {
        problems.push(("notes", EventProblem::NotesTooLong));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i16, m: i8, day: i8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    fn concern() -> Concern {
        Concern {
            title: "Scan results not explained".into(),
            what_happened: String::new(),
            happened_on: None,
            aware_on: None,
            place: String::new(),
            people: String::new(),
            effect: String::new(),
            wishes: BTreeSet::new(),
            wish_other: String::new(),
            setting: Setting::Hospital,
            nation: Nation::England,
            unfair_treatment: false,
            harmed: false,
            characteristics: BTreeSet::new(),
            consultations: vec![],
            letters: vec![],
            status: ConcernStatus::Open,
            outcome: String::new(),
        }
    }

    #[test]
    fn the_problem_date_is_the_later_of_happening_and_becoming_aware() {
        let mut c = concern();
        assert_eq!(c.problem_date(), None);
        c.happened_on = Some(d(2026, 3, 1));
        assert_eq!(c.problem_date(), Some(d(2026, 3, 1)));
        c.aware_on = Some(d(2026, 6, 10));
        assert_eq!(c.problem_date(), Some(d(2026, 6, 10)));
        c.happened_on = None;
        assert_eq!(c.problem_date(), Some(d(2026, 6, 10)));
    }

    #[test]
    fn a_concern_needs_a_title_and_sensible_dates() {
        let today = d(2026, 11, 24);
        let mut c = concern();
        assert!(check_concern(&c, today).is_empty());
        c.title = "  ".into();
        c.happened_on = Some(d(2026, 12, 1));
        let problems = check_concern(&c, today);
        assert!(problems.contains(&("title", ConcernProblem::TitleMissing)));
        assert!(problems.contains(&("happened_on", ConcernProblem::InTheFuture)));
        c.title = "x".repeat(TITLE_MAX + 1);
        c.happened_on = Some(d(2026, 5, 1));
        c.aware_on = Some(d(2026, 4, 1));
        let problems = check_concern(&c, today);
        assert!(problems.contains(&("title", ConcernProblem::TitleTooLong)));
        assert!(problems.contains(&("aware_on", ConcernProblem::AwareBeforeHappened)));
    }

    #[test]
    fn an_event_cannot_be_in_the_future() {
        let e = ConcernEvent {
            concern: Uuid::nil(),
            kind: EventKind::ComplaintMade,
            on: d(2026, 11, 25),
            notes: String::new(),
            step: None,
            outcome: None,
        };
        assert_eq!(
            check_event(&e, d(2026, 11, 24)),
            vec![("on", EventProblem::InTheFuture)]
        );
        assert!(check_event(&e, d(2026, 11, 25)).is_empty());
    }

    #[test]
    fn every_event_kind_has_a_distinct_id_that_round_trips() {
        for kind in EventKind::ALL {
            assert_eq!(EventKind::from_id(kind.id()), Some(*kind));
        }
        let ids: BTreeSet<_> = EventKind::ALL.iter().map(|k| k.id()).collect();
        assert_eq!(ids.len(), EventKind::ALL.len());
    }
}
