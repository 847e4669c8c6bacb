//! A concern with its timeline (its own events and the letters about it), loaded for one
//! person; every open concern at once; and the open-cases summary the dashboard reads.

use heard_core::concern::{Concern, ConcernEvent, ConcernStatus};
use heard_core::letter::{LetterDraft, LetterStatus};
use heard_core::open_cases::{OpenCase, OpenCases};
use heard_core::pathway::{Clock, ClockState, TimelineEvent, clocks};
use heard_store::{RecordsState, Stored};
use jiff::civil::Date;

use crate::error::AppError;
use crate::pages::parse_id;
use crate::state::AppState;
use crate::visitor::CurrentUser;

/// A concern with everything on its timeline: its own events and the letters about it.
pub struct Case {
    pub stored: Stored<Concern>,
    pub events: Vec<Stored<ConcernEvent>>,
    pub letters: Vec<Stored<LetterDraft>>,
}

impl Case {
    fn is_about(concern: &Stored<Concern>, letter: &Stored<LetterDraft>) -> bool {
        letter.value.concern == Some(concern.id.as_uuid())
            || concern.value.letters.contains(&letter.id.as_uuid())
    }

    /// The timeline as the rules see it: events and sent letters.
    pub fn timeline(&self) -> Vec<TimelineEvent> {
        let mut out: Vec<TimelineEvent> = self
            .events
            .iter()
            .map(|e| TimelineEvent {
                kind: e.value.kind,
                on: e.value.on,
                step: e.value.step.clone(),
                outcome: e.value.outcome,
                letter: None,
            })
            .collect();
        for l in &self.letters {
            match l.value.status {
                LetterStatus::Sent { on, .. } => {
                    let due = l.value.awaited_reply();
                    out.push(TimelineEvent::letter_sent(l.value.kind, on, due));
                }
                LetterStatus::Replied { sent_on, .. } => {
                    out.push(TimelineEvent::letter_sent(l.value.kind, sent_on, None));
                }
                LetterStatus::Draft => {}
            }
        }
        out.sort_by_key(|e| e.on);
        out
    }

    /// The concern as the time-limit rules see it, if it is still open.
    pub fn open_case(&self) -> Option<OpenCase> {
        let c = &self.stored.value;
        (c.status == ConcernStatus::Open).then(|| OpenCase {
            concern: self.stored.id.as_uuid(),
            title: c.title.clone(),
            nation: c.nation,
            setting: c.setting,
            problem: c.problem_dates(),
            timeline: self.timeline(),
        })
    }
}

pub(super) async fn load_concern(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> Result<Stored<Concern>, AppError> {
    Ok(state
        .store
        .get::<Concern>(&user.user.owner, parse_id(id)?)
        .await?)
}

impl Case {
    /// A concern with those of `events` and `letters` that are about it.
    fn gather(
        stored: Stored<Concern>,
        events: &[Stored<ConcernEvent>],
        letters: &[Stored<LetterDraft>],
    ) -> Case {
        let mut events: Vec<_> = events
            .iter()
            .filter(|e| e.value.concern == stored.id.as_uuid())
            .cloned()
            .collect();
        events.sort_by_key(|e| e.value.on);
        let letters = letters
            .iter()
            .filter(|l| Case::is_about(&stored, l))
            .cloned()
            .collect();
        Case {
            stored,
            events,
            letters,
        }
    }
}

pub(super) async fn load_case(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> Result<Case, AppError> {
    let stored = load_concern(state, user, id).await?;
    let owner = &user.user.owner;
    let events = state
        .store
        .list_children::<ConcernEvent>(owner, stored.id)
        .await?;
    let letters = state.store.list::<LetterDraft>(owner).await?;
    Ok(Case::gather(stored, &events, &letters))
}

/// Every case the person has (oldest first), with all their letters, read in one query.
pub struct AllCases {
    pub cases: Vec<Case>,
    pub letters: Vec<Stored<LetterDraft>>,
    /// What they were read from.
    pub records: RecordsState,
}

impl AllCases {
    pub async fn read(state: &AppState, owner: &heard_store::Owner) -> Result<Self, AppError> {
        let records = state.store.case_records(owner).await?;
        let cases = records
            .concerns
            .into_iter()
            .map(|stored| Case::gather(stored, &records.events, &records.letters))
            .collect();
        Ok(Self {
            cases,
            letters: records.letters,
            records: records.state,
        })
    }

    pub fn open_cases(&self) -> Vec<OpenCase> {
        self.cases.iter().filter_map(Case::open_case).collect()
    }
}

/// Names what goes into an [`OpenCase`]: change it when that changes, so copies made by an
/// earlier version are made again rather than read the old way.
const OPEN_CASES_FORMAT: &str = "2";

fn open_cases_label(records: &RecordsState) -> String {
    format!("{OPEN_CASES_FORMAT}:{records}")
}

/// The open concerns and their timelines, for the dashboard: the kept copy if it was made from
/// the records as they are now, otherwise made again from them (and kept for next time).
pub async fn open_cases(
    state: &AppState,
    owner: &heard_store::Owner,
    kept: Option<Stored<OpenCases>>,
    records: RecordsState,
) -> Result<Vec<OpenCase>, AppError> {
    if let Some(kept) = kept
        && kept.value.made_from == open_cases_label(&records)
    {
        return Ok(kept.value.cases);
    }
    let all = AllCases::read(state, owner).await?;
    let copy = OpenCases {
        made_from: open_cases_label(&all.records),
        cases: all.open_cases(),
    };
    // The copy only saves time: if it cannot be kept, the page still shows what it found.
    if let Err(e) = state
        .store
        .keep_open_cases(owner, &copy, state.clock.now())
        .await
    {
        tracing::warn!(error = %e, "could not keep the open concerns' copy");
    }
    Ok(copy.cases)
}

/// A deadline that is still running or has passed, across every open concern.
pub struct UpcomingDeadline {
    pub concern_id: String,
    pub concern_title: String,
    pub what: String,
    pub due: Date,
    pub passed: bool,
    pub step: String,
    pub limit: String,
}

impl UpcomingDeadline {
    pub(super) fn new(concern: uuid::Uuid, title: &str, clock: &Clock<'_>) -> Self {
        Self {
            concern_id: concern.to_string(),
            concern_title: title.to_owned(),
            what: clock.limit.what.clone(),
            due: clock.due,
            passed: matches!(clock.state, ClockState::Passed { .. }),
            step: clock.step.id.clone(),
            limit: clock.limit.id.clone(),
        }
    }
}

/// Every clock still running or passed across `cases`, soonest first.
pub fn upcoming_deadlines(
    state: &AppState,
    cases: &[OpenCase],
    today: Date,
) -> Vec<UpcomingDeadline> {
    let mut out = Vec::new();
    for case in cases {
        let Some(pathway) = state.escalation.pathway(case.nation) else {
            continue;
        };
        for clock in clocks(pathway, case.setting, case.problem, &case.timeline, today) {
            if !clock.is_open() {
                continue;
            }
            out.push(UpcomingDeadline::new(case.concern, &case.title, &clock));
        }
    }
    out.sort_by_key(|d| d.due);
    out
}
