//! Escalation pathways as data (`content/pathways/`): the steps in order for a nation and
//! setting, and the time limits of each. From a concern's timeline this works out which step
//! each event belongs to and every clock that is running, in working or calendar days with the
//! nation's bank holidays.

use std::collections::BTreeSet;

use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::calendar::{Nation, add_months};
use crate::choice::Choice;
use crate::concern::{EventKind, ProblemDates, Setting};
use crate::content::{ContentProblem, line_at, line_of, parse_date};
use crate::directory::OrganisationKind;
use crate::letter::LetterKind;
use crate::provenance::{Source, verifies};
pub use crate::reckoning::Unit;
use crate::reckoning::{Reckoning, Start};
use crate::reflection::Answer;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Party {
    /// The person raising the concern.
    You,
    /// The organisation they raised it with.
    Them,
}

/// Where a clock starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub enum Anchor {
    /// The later of when it happened and when the person became aware of it.
    Problem,
    /// When it happened (for a cap: "no later than 12 months after it happened").
    Happened,
    /// The latest event of this kind in the limit's own step.
    Event(EventKind),
}

impl TryFrom<String> for Anchor {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        match s.as_str() {
            "problem" => return Ok(Anchor::Problem),
            "happened" => return Ok(Anchor::Happened),
            _ => {}
        }
        EventKind::from_id(&s).map(Anchor::Event).ok_or_else(|| {
            format!("unknown start \"{s}\": use \"problem\", \"happened\" or an event kind")
        })
    }
}

impl Anchor {
    /// The start date for this concern and timeline, and why that one.
    fn start(
        self,
        dates: ProblemDates,
        latest_event: impl Fn(EventKind) -> Option<Date>,
    ) -> Option<(Date, Start)> {
        match self {
            Anchor::Problem => match (dates.happened, dates.aware) {
                (Some(h), Some(a)) if a > h => Some((a, Start::BecameAware)),
                (Some(h), _) => Some((h, Start::Happened)),
                (None, Some(a)) => Some((a, Start::BecameAware)),
                (None, None) => None,
            },
            Anchor::Happened => dates.happened.map(|h| (h, Start::Happened)),
            Anchor::Event(kind) => latest_event(kind).map(|d| (d, Start::Event(kind))),
        }
    }
}

/// A cap on a limit: however late its clock starts, no later than this.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cap {
    pub within: u32,
    pub unit: Unit,
    pub from: Anchor,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limit {
    pub id: String,
    pub what: String,
    pub party: Party,
    pub within: u32,
    pub unit: Unit,
    pub from: Anchor,
    /// However late the clock starts, no later than this ("6 months from when you found out,
    /// but no more than 12 months after it happened").
    #[serde(default)]
    pub cap: Option<Cap>,
    pub until: Vec<EventKind>,
    pub strict: bool,
    #[serde(default)]
    pub extendable: String,
    /// True only when one of `sources` is primary and names its provision, and said this on the
    /// day it was checked (`check-content` holds the first two).
    pub verified: bool,
    #[serde(default)]
    pub note: String,
    /// Where the rule comes from.
    #[serde(default)]
    pub sources: Vec<Source>,
}

impl Limit {
    /// How the due date is worked out for this concern and timeline, or `None` when the clock
    /// has not started (no start date yet).
    pub fn reckon(
        &self,
        nation: Nation,
        dates: ProblemDates,
        latest_event: impl Fn(EventKind) -> Option<Date>,
    ) -> Option<Reckoning> {
        let (start, start_is) = self.from.start(dates, &latest_event)?;
        let counted = Reckoning::plain(nation, start, start_is, self.within, self.unit)?;
        match &self.cap {
            Some(cap) => match cap.from.start(dates, &latest_event) {
                Some((from, _)) => counted.capped(nation, from, cap.within, cap.unit),
                None => Some(Reckoning {
                    cap_missing: Some((cap.within, cap.unit)),
                    ..counted
                }),
            },
            None => Some(counted),
        }
    }
}

/// The time limit for a claim for compensation in the courts. It is not a step of the
/// complaint and a complaint does not pause it, so it is shown apart, and only where the person
/// records that they were harmed. Counted from the later of when it happened and when they found
/// out: a guide to the law's "date of knowledge", never legal advice.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimLimit {
    pub within: u32,
    pub unit: Unit,
    pub verified: bool,
    /// What the count cannot know (a child's clock, capacity, a court's discretion).
    pub note: String,
    pub sources: Vec<Source>,
}

impl ClaimLimit {
    pub fn reckon(&self, nation: Nation, dates: ProblemDates) -> Option<Reckoning> {
        let (start, start_is) = Anchor::Problem.start(dates, |_| None)?;
        Reckoning::plain(nation, start, start_is, self.within, self.unit)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoticeKind {
    /// The rules or the body are changing (local Healthwatch in England, for example).
    Changing,
    /// True until a date.
    ValidUntil,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
    #[serde(default)]
    pub until: Option<String>,
    /// When someone must look at it again: a notice about changing law goes out of date on its
    /// own schedule, and `check-content` fails once this has passed.
    #[serde(default)]
    pub review_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub settings: Vec<Setting>,
    pub who: String,
    pub can: Vec<String>,
    pub cannot: Vec<String>,
    pub when: String,
    pub expect: String,
    #[serde(default)]
    pub contact: Vec<OrganisationKind>,
    #[serde(default)]
    pub contact_note: String,
    #[serde(default)]
    pub letter: Option<LetterKind>,
    pub events: Vec<EventKind>,
    #[serde(default)]
    pub finished_by: Vec<EventKind>,
    #[serde(default)]
    pub notice: Option<Notice>,
    #[serde(default)]
    pub limits: Vec<Limit>,
    /// Defaulted so a step without sources gets a clear message rather than a parse error.
    #[serde(default)]
    pub sources: Vec<Source>,
}

impl Step {
    pub fn applies_to(&self, setting: Setting) -> bool {
        self.settings.is_empty() || self.settings.contains(&setting)
    }

    /// A step beside the route to having a concern put right (the duty of candour, a
    /// regulator, sharing an experience): never the next step of that route.
    pub fn beside_the_route(&self) -> bool {
        self.events.iter().all(|k| k.beside_the_route())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pathway {
    pub nation: Nation,
    pub title: String,
    pub author: String,
    pub reviewer: String,
    pub last_reviewed: String,
    pub next_review: String,
    pub steps: Vec<Step>,
    /// The time limit for a claim for compensation, shown where the person records harm.
    #[serde(default)]
    pub claim: Option<ClaimLimit>,
}

impl Pathway {
    /// Reads and checks one pathway file. Every problem is reported, each with its line.
    pub fn parse(file: &str, text: &str) -> Result<Pathway, Vec<ContentProblem>> {
        let pathway: Pathway = toml::from_str(text).map_err(|e| {
            vec![ContentProblem::new(
                file,
                e.span().map(|s| line_at(text, s.start)),
                e.message().to_owned(),
            )]
        })?;
        let problems = pathway.problems(file, text);
        if problems.is_empty() {
            Ok(pathway)
        } else {
            Err(problems)
        }
    }

    fn problems(&self, file: &str, text: &str) -> Vec<ContentProblem> {
        let mut out = Vec::new();
        let mut problem = |needle: &str, message: String| {
            out.push(ContentProblem::new(file, line_of(text, needle), message));
        };
        for (field, value) in [
            ("title", &self.title),
            ("author", &self.author),
            ("reviewer", &self.reviewer),
        ] {
            if value.trim().is_empty() {
                problem(&format!("{field} ="), format!("{field} is empty"));
            }
        }
        let last = parse_date(&self.last_reviewed);
        let next = parse_date(&self.next_review);
        if last.is_none() {
            problem(
                "last_reviewed",
                "last_reviewed is not a YYYY-MM-DD date".into(),
            );
        }
        if next.is_none() {
            problem("next_review", "next_review is not a YYYY-MM-DD date".into());
        }
        if let (Some(last), Some(next)) = (last, next)
            && (next <= last || next > last.saturating_add(1.year()))
        {
            problem(
                "next_review",
                "next_review must be after last_reviewed and within a year of it".into(),
            );
        }
        if self.steps.is_empty() {
            problem("nation", "the pathway has no steps".into());
        }
        if let Some(claim) = &self.claim {
            if claim.within == 0 {
                problem("[claim]", "claim: within must be more than 0".into());
            }
            if claim.note.trim().is_empty() {
                problem(
                    "[claim]",
                    "claim: say in note what the count cannot know".into(),
                );
            }
            if claim.verified && !claim.sources.iter().any(verifies) {
                problem(
                    "[claim]",
                    "claim is marked verified, but none of its sources is a primary one naming the section (provision)".into(),
                );
            }
            if claim.sources.is_empty()
                || claim
                    .sources
                    .iter()
                    .any(|s| !s.url.starts_with("https://") || parse_date(&s.checked).is_none())
            {
                problem(
                    "[claim]",
                    "claim: give sources, each with an https url and a checked date".into(),
                );
            }
        }
        let mut ids = BTreeSet::new();
        for step in &self.steps {
            let at = format!("id = \"{}\"", step.id);
            let name = &step.id;
            if !is_kebab(&step.id) {
                problem(
                    &at,
                    format!("step id \"{name}\" must be lower-case words joined by -"),
                );
            }
            if !ids.insert(step.id.as_str()) {
                problem(&at, format!("step id \"{name}\" is used twice"));
            }
            for (field, value) in [
                ("title", &step.title),
                ("who", &step.who),
                ("when", &step.when),
                ("expect", &step.expect),
            ] {
                if value.trim().is_empty() {
                    problem(&at, format!("step \"{name}\": {field} is empty"));
                }
            }
            if step.can.is_empty() {
                problem(&at, format!("step \"{name}\": say what they can do (can)"));
            }
            if step.events.is_empty() {
                problem(
                    &at,
                    format!("step \"{name}\": list the events that belong to it"),
                );
            }
            if step.sources.is_empty() {
                problem(&at, format!("step \"{name}\" has no sources"));
            }
            for source in &step.sources {
                let source_at = format!("url = \"{}\"", source.url);
                if !source.url.starts_with("https://") {
                    problem(
                        &source_at,
                        format!("step \"{name}\": source url must start with https://"),
                    );
                }
                if source.title.trim().is_empty() || source.publisher.trim().is_empty() {
                    problem(
                        &source_at,
                        format!("step \"{name}\": a source needs a title and a publisher"),
                    );
                }
                if parse_date(&source.checked).is_none() {
                    problem(
                        &source_at,
                        format!("step \"{name}\": source checked date is not YYYY-MM-DD"),
                    );
                }
            }
            if let Some(notice) = &step.notice {
                if notice.text.trim().is_empty() {
                    problem(&at, format!("step \"{name}\": the notice has no text"));
                }
                if notice
                    .until
                    .as_deref()
                    .is_some_and(|u| parse_date(u).is_none())
                {
                    problem(
                        &at,
                        format!("step \"{name}\": notice until is not YYYY-MM-DD"),
                    );
                }
                match notice.review_by.as_deref().map(parse_date) {
                    Some(Some(_)) => {}
                    Some(None) => problem(
                        &at,
                        format!("step \"{name}\": notice review_by is not YYYY-MM-DD"),
                    ),
                    None if notice.kind == NoticeKind::Changing => problem(
                        &at,
                        format!(
                            "step \"{name}\": a notice about a change needs its own review_by date"
                        ),
                    ),
                    None => {}
                }
            }
            let mut limit_ids = BTreeSet::new();
            for limit in &step.limits {
                let limit_at = format!("id = \"{}\"", limit.id);
                let lid = &limit.id;
                if !limit_ids.insert(limit.id.as_str()) {
                    problem(
                        &limit_at,
                        format!("step \"{name}\": limit id \"{lid}\" is used twice"),
                    );
                }
                if limit.what.trim().is_empty() {
                    problem(&limit_at, format!("limit \"{lid}\": what is empty"));
                }
                if limit.within == 0 {
                    problem(
                        &limit_at,
                        format!("limit \"{lid}\": within must be more than 0"),
                    );
                }
                if limit.until.is_empty() {
                    problem(
                        &limit_at,
                        format!("limit \"{lid}\": say which events stop the clock (until)"),
                    );
                }
                if let Anchor::Event(kind) = limit.from
                    && !step.events.contains(&kind)
                {
                    problem(
                        &limit_at,
                        format!(
                            "limit \"{lid}\" starts from {} but that event does not belong to step \"{name}\"",
                            kind.id()
                        ),
                    );
                }
                if limit.strict && limit.party == Party::Them {
                    problem(
                        &limit_at,
                        format!("limit \"{lid}\": only a limit on you can be strict"),
                    );
                }
                if !limit.verified && limit.note.trim().is_empty() {
                    problem(
                        &limit_at,
                        format!("limit \"{lid}\" is not verified: say what is unconfirmed in note"),
                    );
                }
                if limit.verified && !limit.sources.iter().any(verifies) {
                    problem(
                        &limit_at,
                        format!(
                            "limit \"{lid}\" is marked verified, but none of its sources is a primary one (the law, a government, an ombudsman, the ICO) naming the section or regulation (provision)"
                        ),
                    );
                }
                for source in &limit.sources {
                    if !source.url.starts_with("https://") || parse_date(&source.checked).is_none()
                    {
                        problem(
                            &limit_at,
                            format!(
                                "limit \"{lid}\": each source needs an https url and a checked date"
                            ),
                        );
                    }
                }
                if let Some(cap) = &limit.cap
                    && cap.within == 0
                {
                    problem(
                        &limit_at,
                        format!("limit \"{lid}\": the cap's within must be more than 0"),
                    );
                }
            }
        }
        out
    }

    /// The steps for a setting, in order.
    pub fn steps_for(&self, setting: Setting) -> impl Iterator<Item = &Step> {
        self.steps.iter().filter(move |s| s.applies_to(setting))
    }

    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// One thing on a concern's timeline, as the pathway sees it: an event the person recorded, or
/// a letter they marked as sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEvent {
    pub kind: EventKind,
    pub on: Date,
    /// The step the person said it belongs to.
    pub step: Option<String>,
    pub outcome: Option<Answer>,
    /// For a letter: its kind, and when a reply is due.
    pub letter: Option<(LetterKind, Option<Date>)>,
}

impl TimelineEvent {
    /// A letter marked as sent, as the event it amounts to: a formal complaint letter is the
    /// complaint made; a letter to PALS is PALS contacted.
    pub fn letter_sent(kind: LetterKind, on: Date, reply_due: Option<Date>) -> Self {
        let event = match kind {
            LetterKind::FormalComplaint => EventKind::ComplaintMade,
            LetterKind::Pals => EventKind::PalsContacted,
            LetterKind::Ombudsman => EventKind::OmbudsmanContacted,
            LetterKind::Healthwatch => EventKind::ExperienceShared,
            _ => EventKind::LetterSent,
        };
        TimelineEvent {
            kind: event,
            on,
            step: None,
            outcome: None,
            letter: Some((kind, reply_due)),
        }
    }
}

/// Gives each event (in date order) the index of the step it belongs to: the one the person
/// chose, or the step for its letter, or the first step listing its kind that an earlier event
/// has not finished. `None` when no step of the pathway takes it.
pub fn assign_steps(
    pathway: &Pathway,
    setting: Setting,
    events: &[TimelineEvent],
) -> Vec<Option<usize>> {
    let applicable: Vec<usize> = (0..pathway.steps.len())
        .filter(|i| pathway.steps[*i].applies_to(setting))
        .collect();
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by_key(|i| events[*i].on);
    let mut finished: BTreeSet<usize> = BTreeSet::new();
    let mut out = vec![None; events.len()];
    for i in order {
        let e = &events[i];
        let chosen = e.step.as_deref().and_then(|id| {
            applicable
                .iter()
                .copied()
                .find(|s| pathway.steps[*s].id == id)
        });
        let by_letter = || {
            e.letter.and_then(|(kind, _)| {
                applicable.iter().copied().find(|s| {
                    pathway.steps[*s].letter == Some(kind)
                        && pathway.steps[*s].events.contains(&e.kind)
                })
            })
        };
        let by_kind = || {
            let candidates: Vec<usize> = applicable
                .iter()
                .copied()
                .filter(|s| pathway.steps[*s].events.contains(&e.kind))
                .collect();
            candidates
                .iter()
                .copied()
                .find(|s| !finished.contains(s))
                .or(candidates.last().copied())
        };
        let step = chosen.or_else(by_letter).or_else(by_kind);
        if let Some(s) = step
            && pathway.steps[s].finished_by.contains(&e.kind)
        {
            finished.insert(s);
        }
        out[i] = step;
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockState {
    /// Still running. `warn` when a strict limit is two months away or less.
    Running { days_left: i64, warn: bool },
    /// Done (the stopping event happened), on time or late.
    Met { on: Date, late: bool },
    /// The date has gone by and it has not happened.
    Passed { days_over: i64 },
}

/// A running (or finished) clock on a concern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clock<'p> {
    pub step: &'p Step,
    pub limit: &'p Limit,
    pub start: Date,
    pub due: Date,
    pub state: ClockState,
    /// How `due` was worked out.
    pub reckoning: Reckoning,
}

impl Clock<'_> {
    pub fn is_open(&self) -> bool {
        !matches!(self.state, ClockState::Met { .. })
    }
}

/// Every clock the pathway starts for this concern, in step order.
pub fn clocks<'p>(
    pathway: &'p Pathway,
    setting: Setting,
    problem: ProblemDates,
    events: &[TimelineEvent],
    today: Date,
) -> Vec<Clock<'p>> {
    let steps = assign_steps(pathway, setting, events);
    let mut out = Vec::new();
    for (index, step) in pathway.steps.iter().enumerate() {
        if !step.applies_to(setting) {
            continue;
        }
        let in_step = |e: &(usize, &TimelineEvent)| steps[e.0] == Some(index);
        for limit in &step.limits {
            let latest = |kind: EventKind| {
                events
                    .iter()
                    .enumerate()
                    .filter(in_step)
                    .filter(|(_, e)| e.kind == kind)
                    .map(|(_, e)| e.on)
                    .max()
            };
            let Some(reckoning) = limit.reckon(pathway.nation, problem, latest) else {
                continue;
            };
            let (start, due) = (reckoning.start, reckoning.due);
            // Whatever step it was filed under: asking for stage 2 stops the stage 1 clock
            // for asking, though the request belongs to stage 2.
            let stopped = events
                .iter()
                .filter(|e| limit.until.contains(&e.kind) && e.on >= start)
                .map(|e| e.on)
                .min();
            let state = match stopped {
                Some(on) => ClockState::Met { on, late: on > due },
                None if today <= due => {
                    let days_left = (due - today).get_days().into();
                    let warn =
                        limit.strict && add_months(due, -2).is_some_and(|from| today >= from);
                    ClockState::Running { days_left, warn }
                }
                None => ClockState::Passed {
                    days_over: (today - due).get_days().into(),
                },
            };
            out.push(Clock {
                step,
                limit,
                start,
                due,
                state,
                reckoning,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i16, m: i8, day: i8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    fn happened(day: Date) -> ProblemDates {
        ProblemDates {
            happened: Some(day),
            aware: None,
        }
    }

    const FIXTURE: &str = r#"
nation = "england"
title = "England"
author = "Heard content team"
reviewer = "Not yet reviewed"
last_reviewed = "2026-11-24"
next_review = "2027-05-24"

[[steps]]
id = "raise-it"
title = "Raise it with the team"
who = "The people who cared for you."
can = ["Explain"]
cannot = []
when = "First."
expect = "A reply."
letter = "letter-of-concern"
events = ["conversation-held", "letter-sent"]
[[steps.sources]]
title = "A source"
publisher = "NHS"
url = "https://www.nhs.uk/"
checked = "2026-11-24"

[[steps]]
id = "complaint"
title = "Make a formal complaint"
who = "The complaints team."
can = ["Investigate"]
cannot = ["Award money"]
when = "When talking has not worked."
expect = "An acknowledgement, then a response."
letter = "formal-complaint"
events = ["complaint-made", "acknowledgement-received", "meeting-held", "response-received"]
finished_by = ["response-received"]
[[steps.limits]]
id = "complain-within"
what = "Make your complaint"
party = "you"
within = 12
unit = "months"
from = "problem"
until = ["complaint-made"]
strict = true
verified = true
[[steps.limits.sources]]
title = "The regulations"
publisher = "legislation.gov.uk"
url = "https://www.legislation.gov.uk/uksi/2009/309/regulation/12"
provision = "regulation 12"
checked = "2026-11-24"
[[steps.limits]]
id = "acknowledge"
what = "They acknowledge your complaint"
party = "them"
within = 3
unit = "working-days"
from = "complaint-made"
until = ["acknowledgement-received", "response-received"]
strict = false
verified = true
[[steps.limits.sources]]
title = "The regulations"
publisher = "legislation.gov.uk"
url = "https://www.legislation.gov.uk/uksi/2009/309/regulation/12"
provision = "regulation 12"
checked = "2026-11-24"
[[steps.limits]]
id = "ask-for-review"
what = "Ask for a review"
party = "you"
within = 30
unit = "calendar-days"
from = "response-received"
until = ["complaint-made"]
strict = true
verified = true
[[steps.limits.sources]]
title = "The regulations"
publisher = "legislation.gov.uk"
url = "https://www.legislation.gov.uk/uksi/2009/309/regulation/12"
provision = "regulation 12"
checked = "2026-11-24"
[[steps.sources]]
title = "A source"
publisher = "NHS"
url = "https://www.nhs.uk/"
checked = "2026-11-24"

[[steps]]
id = "stage-2"
title = "Ask for a review"
who = "The same team."
can = ["Look again"]
cannot = []
when = "When the first answer did not put it right."
expect = "A second response."
events = ["complaint-made", "response-received"]
finished_by = ["response-received"]
[[steps.sources]]
title = "A source"
publisher = "NHS"
url = "https://www.nhs.uk/"
checked = "2026-11-24"
"#;

    fn pathway() -> Pathway {
        Pathway::parse("fixture.toml", FIXTURE).unwrap()
    }

    fn event(kind: EventKind, on: Date) -> TimelineEvent {
        TimelineEvent {
            kind,
            on,
            step: None,
            outcome: None,
            letter: None,
        }
    }

    #[test]
    fn a_good_file_parses() {
        let p = pathway();
        assert_eq!(p.nation, Nation::England);
        assert_eq!(p.steps.len(), 3);
        assert_eq!(p.steps[1].limits[1].unit, Unit::WorkingDays);
        assert_eq!(p.steps[1].limits[0].from, Anchor::Problem);
    }

    #[test]
    fn problems_are_reported_with_their_line() {
        let broken = FIXTURE
            .replace("id = \"stage-2\"", "id = \"complaint\"")
            .replace("within = 3\n", "within = 0\n");
        let problems = Pathway::parse("fixture.toml", &broken).unwrap_err();
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(
            text.iter()
                .any(|p| p.contains("\"complaint\" is used twice")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|p| p.contains("within must be more than 0")),
            "{text:?}"
        );
        assert!(problems.iter().all(|p| p.line.is_some()));

        let no_sources = FIXTURE.replacen("[[steps.sources]]\ntitle = \"A source\"\npublisher = \"NHS\"\nurl = \"https://www.nhs.uk/\"\nchecked = \"2026-11-24\"\n", "", 1);
        let problems = Pathway::parse("fixture.toml", &no_sources).unwrap_err();
        assert!(
            problems[0].message.contains("\"raise-it\" has no sources"),
            "{problems:?}"
        );

        let bad_toml = FIXTURE.replace("unit = \"months\"", "unit = \"fortnights\"");
        let problems = Pathway::parse("fixture.toml", &bad_toml).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert!(problems[0].line.is_some_and(|l| l > 30), "{problems:?}");
    }

    const CLAIM: &str = r#"
[claim]
within = 36
unit = "months"
verified = true
note = "A guide only."

[[claim.sources]]
title = "Limitation Act 1980"
publisher = "legislation.gov.uk"
url = "https://www.legislation.gov.uk/ukpga/1980/58/section/11"
provision = "section 11(4)"
checked = "2026-11-29"
"#;

    #[test]
    fn the_claim_clock_runs_three_years_from_the_later_date() {
        let text = format!("{FIXTURE}{CLAIM}");
        let p = Pathway::parse("fixture.toml", &text).unwrap();
        let claim = p.claim.as_ref().unwrap();
        let found_out_later = ProblemDates {
            happened: Some(d(2026, 1, 10)),
            aware: Some(d(2026, 3, 2)),
        };
        let r = claim.reckon(Nation::England, found_out_later).unwrap();
        assert_eq!((r.start, r.start_is), (d(2026, 3, 2), Start::BecameAware));
        assert_eq!(r.due, d(2029, 3, 2));
        // 29 February has no match three years on: the month's last day.
        let leap = claim
            .reckon(Nation::England, happened(d(2028, 2, 29)))
            .unwrap();
        assert_eq!(leap.due, d(2031, 2, 28));
        assert!(leap.month_end);
        assert!(
            claim
                .reckon(Nation::England, ProblemDates::default())
                .is_none()
        );

        // A claim rule may be verified only on a primary source naming its section.
        let secondary = text.replace(
            "https://www.legislation.gov.uk/ukpga/1980/58/section/11",
            "https://www.example-solicitors.co.uk/limitation",
        );
        let problems = Pathway::parse("fixture.toml", &secondary).unwrap_err();
        assert!(
            problems[0].message.contains("claim is marked verified"),
            "{problems:?}"
        );
        let no_provision = text.replace("provision = \"section 11(4)\"\n", "");
        assert!(Pathway::parse("fixture.toml", &no_provision).is_err());
    }

    #[test]
    fn events_go_to_the_first_unfinished_step_that_takes_them() {
        let p = pathway();
        let events = vec![
            event(EventKind::ComplaintMade, d(2026, 3, 2)),
            event(EventKind::ResponseReceived, d(2026, 4, 20)),
            event(EventKind::ComplaintMade, d(2026, 5, 1)),
            event(EventKind::ConversationHeld, d(2026, 2, 1)),
            event(EventKind::Other, d(2026, 2, 1)),
        ];
        assert_eq!(
            assign_steps(&p, Setting::Hospital, &events),
            vec![Some(1), Some(1), Some(2), Some(0), None]
        );
        // The person's own choice wins.
        let mut chosen = events.clone();
        chosen[0].step = Some("stage-2".into());
        assert_eq!(assign_steps(&p, Setting::Hospital, &chosen)[0], Some(2));
    }

    #[test]
    fn a_complaint_letter_marked_sent_counts_as_the_complaint() {
        let p = pathway();
        let letter = TimelineEvent::letter_sent(LetterKind::FormalComplaint, d(2026, 3, 2), None);
        assert_eq!(letter.kind, EventKind::ComplaintMade);
        let clocks = clocks(
            &p,
            Setting::Hospital,
            happened(d(2026, 1, 10)),
            &[letter],
            d(2026, 3, 3),
        );
        let complain = clocks
            .iter()
            .find(|c| c.limit.id == "complain-within")
            .unwrap();
        assert_eq!(
            complain.state,
            ClockState::Met {
                on: d(2026, 3, 2),
                late: false
            }
        );
        let ack = clocks.iter().find(|c| c.limit.id == "acknowledge").unwrap();
        assert_eq!(ack.due, d(2026, 3, 5));
    }

    #[test]
    fn clocks_run_warn_and_pass() {
        let p = pathway();
        let problem = happened(d(2025, 12, 31));
        let running = clocks(&p, Setting::Hospital, problem, &[], d(2026, 6, 1));
        assert_eq!(running.len(), 1, "only the 12-month clock has started");
        assert_eq!(running[0].due, d(2026, 12, 31));
        assert_eq!(
            running[0].state,
            ClockState::Running {
                days_left: 213,
                warn: false
            }
        );

        let soon = clocks(&p, Setting::Hospital, problem, &[], d(2026, 10, 31));
        assert!(
            matches!(soon[0].state, ClockState::Running { warn: true, .. }),
            "{:?}",
            soon[0].state
        );
        let not_yet = clocks(&p, Setting::Hospital, problem, &[], d(2026, 10, 30));
        assert!(matches!(
            not_yet[0].state,
            ClockState::Running { warn: false, .. }
        ));

        let passed = clocks(&p, Setting::Hospital, problem, &[], d(2027, 1, 2));
        assert_eq!(passed[0].state, ClockState::Passed { days_over: 2 });
        assert!(passed[0].is_open());
    }

    #[test]
    fn working_day_clocks_skip_the_christmas_bank_holidays() {
        let p = pathway();
        // Made on Wednesday 23 December 2026: 24th (Thu) is 1, 25th and 28th (substitute for
        // Boxing Day) are bank holidays, so 29th is 2 and 30th is 3.
        let events = vec![event(EventKind::ComplaintMade, d(2026, 12, 23))];
        let clocks = clocks(
            &p,
            Setting::Hospital,
            ProblemDates::default(),
            &events,
            d(2026, 12, 24),
        );
        let ack = clocks.iter().find(|c| c.limit.id == "acknowledge").unwrap();
        assert_eq!(ack.due, d(2026, 12, 30));
        assert_eq!(
            ack.state,
            ClockState::Running {
                days_left: 6,
                warn: false
            }
        );
    }

    #[test]
    fn asking_for_the_next_stage_stops_the_clock_for_asking() {
        let p = pathway();
        let events = vec![
            event(EventKind::ComplaintMade, d(2026, 3, 2)),
            event(EventKind::ResponseReceived, d(2026, 4, 1)),
        ];
        let waiting = clocks(
            &p,
            Setting::Hospital,
            ProblemDates::default(),
            &events,
            d(2026, 4, 10),
        );
        let ask = waiting
            .iter()
            .find(|c| c.limit.id == "ask-for-review")
            .unwrap();
        assert_eq!(ask.due, d(2026, 5, 1));
        assert_eq!(
            ask.state,
            ClockState::Running {
                days_left: 21,
                warn: true
            }
        );
        // The request for a review is filed under the next step, and still stops the clock.
        let mut asked = events.clone();
        asked.push(event(EventKind::ComplaintMade, d(2026, 4, 20)));
        assert_eq!(assign_steps(&p, Setting::Hospital, &asked)[2], Some(2));
        let done = clocks(
            &p,
            Setting::Hospital,
            ProblemDates::default(),
            &asked,
            d(2026, 4, 21),
        );
        let ask = done
            .iter()
            .find(|c| c.limit.id == "ask-for-review")
            .unwrap();
        assert_eq!(
            ask.state,
            ClockState::Met {
                on: d(2026, 4, 20),
                late: false
            }
        );
    }

    #[test]
    fn a_late_acknowledgement_is_met_late() {
        let p = pathway();
        let events = vec![
            event(EventKind::ComplaintMade, d(2026, 3, 2)),
            event(EventKind::AcknowledgementReceived, d(2026, 3, 9)),
        ];
        let clocks = clocks(
            &p,
            Setting::Hospital,
            ProblemDates::default(),
            &events,
            d(2026, 3, 10),
        );
        let ack = clocks.iter().find(|c| c.limit.id == "acknowledge").unwrap();
        assert_eq!(
            ack.state,
            ClockState::Met {
                on: d(2026, 3, 9),
                late: true
            }
        );
    }
}
