//! Concerns: the case file (what happened, what the person wants), its timeline, the time limits
//! that run from it, the next step and why, the pathway for the person's nation and setting, the
//! case file as a PDF and each deadline as a calendar event.

use std::collections::BTreeSet;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use heard_core::Consultation;
use heard_core::calendar::Nation;
use heard_core::concern::{
    Concern, ConcernEvent, ConcernProblem, ConcernStatus, EventKind, EventProblem, OpenCase,
    OpenCases, Setting, Wish, check_concern, check_event,
};
use heard_core::consultation::{Choice, WhenProblem, date_from_parts};
use heard_core::escalation::{EscalationAction, EscalationReason, next_steps};
use heard_core::letter::{LetterDraft, LetterStatus};
use heard_core::pathway::{Clock, ClockState, Party, Pathway, TimelineEvent, clocks};
use heard_core::reflection::{Answer, ProtectedCharacteristic};
use heard_core::time::in_london;
use heard_docs::{PrintBlock, PrintDate, PrintDocument};
use heard_store::{RecordId, RecordsState, StoreError, Stored};
use jiff::civil::Date;
use serde::Deserialize;

use super::widgets::{ChoiceOption, LinkOption, label, options};
use super::{DateParts, FormErrors, PageContext, render};
use crate::error::AppError;
use crate::form::Fields;
use crate::state::AppState;
use crate::visitor::CurrentUser;

fn parse_id(raw: &str) -> Result<RecordId, AppError> {
    raw.parse().map_err(|_| AppError::NotFound)
}

fn today(state: &AppState) -> Date {
    in_london(state.clock.now()).date()
}

fn clean(text: &str) -> String {
    text.replace("\r\n", "\n").trim().to_owned()
}

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

async fn load_concern(
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

async fn load_case(state: &AppState, user: &CurrentUser, id: &str) -> Result<Case, AppError> {
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
    fn new(concern: uuid::Uuid, title: &str, clock: &Clock<'_>) -> Self {
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

// ---------------------------------------------------------------------------------------------
// The list

pub struct ConcernItem {
    pub id: String,
    pub title: String,
    pub status: String,
    pub facts: String,
    pub next: Option<String>,
    pub overdue: bool,
}

#[derive(Template)]
#[template(path = "concerns_list.html")]
struct ListPage {
    ctx: PageContext,
    done: Option<String>,
    concerns: Vec<ConcernItem>,
}

#[derive(Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

fn status_label(ctx: &PageContext, status: ConcernStatus) -> String {
    ctx.t(&format!("concerns-status-{}", status.id()))
}

pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let ctx = &user.ctx;
    let today = today(&state);
    let all = AllCases::read(&state, &user.user.owner).await?;
    let deadlines = upcoming_deadlines(&state, &all.open_cases(), today);
    let mut cases = all.cases;
    cases.sort_by_key(|c| {
        (
            c.stored.value.status != ConcernStatus::Open,
            std::cmp::Reverse(c.stored.created_at),
        )
    });
    let concerns = cases
        .iter()
        .map(|case| {
            let id = case.stored.id.to_string();
            let c = &case.stored.value;
            let next = deadlines.iter().find(|d| d.concern_id == id);
            ConcernItem {
                title: c.title.clone(),
                status: status_label(ctx, c.status),
                facts: format!(
                    "{} {} {}",
                    label(ctx, "nation", c.nation),
                    ctx.t("list-separator"),
                    label(ctx, "setting", c.setting)
                ),
                next: next.map(|d| {
                    ctx.t_args(
                        "concerns-next-due",
                        &[
                            ("what", d.what.clone().into()),
                            ("date", ctx.civil_date(d.due).into()),
                        ],
                    )
                }),
                overdue: next.is_some_and(|d| d.passed),
                id,
            }
        })
        .collect();
    let done = match q.done.as_deref() {
        Some("deleted") => Some(user.ctx.t("concerns-deleted")),
        _ => None,
    };
    render(
        StatusCode::OK,
        &ListPage {
            ctx: user.ctx,
            done,
            concerns,
        },
    )
}

// ---------------------------------------------------------------------------------------------
// The form: new and edit

#[derive(Template)]
#[template(path = "concern_form.html")]
struct FormPage {
    ctx: PageContext,
    errors: FormErrors,
    /// The concern's id and version when changing one.
    editing: Option<(String, i64)>,
    new_id: String,
    changed_elsewhere: bool,
    title: String,
    what_happened: String,
    happened: DateParts,
    aware: DateParts,
    place: String,
    people: String,
    effect: String,
    wishes: Vec<ChoiceOption>,
    wish_other: String,
    settings: Vec<ChoiceOption>,
    nations: Vec<ChoiceOption>,
    unfair: bool,
    harmed: bool,
    characteristics: Vec<ChoiceOption>,
    consultations: Vec<LinkOption>,
    letters: Vec<LinkOption>,
    statuses: Vec<ChoiceOption>,
    outcome: String,
}

async fn form_page(
    state: &AppState,
    user: &CurrentUser,
    c: &Concern,
    happened: DateParts,
    aware: DateParts,
) -> Result<FormPage, AppError> {
    let ctx = &user.ctx;
    let mut consultations = state.store.list::<Consultation>(&user.user.owner).await?;
    consultations.sort_by_key(|s| std::cmp::Reverse(s.value.starts_at));
    let consultations = consultations
        .iter()
        .map(|s| LinkOption {
            value: s.id.to_string(),
            label: super::consultations::caption(ctx, &s.value),
            checked: c.consultations.contains(&s.id.as_uuid()),
        })
        .collect();
    let letters = state
        .store
        .list::<LetterDraft>(&user.user.owner)
        .await?
        .iter()
        .filter(|l| !matches!(l.value.status, LetterStatus::Draft))
        .map(|l| LinkOption {
            value: l.id.to_string(),
            label: format!(
                "{}: {}",
                state
                    .letters
                    .template(l.value.kind)
                    .map(|t| t.title.clone())
                    .unwrap_or_default(),
                l.value.subject
            ),
            checked: c.letters.contains(&l.id.as_uuid()),
        })
        .collect();
    let wishes: Vec<Wish> = c.wishes.iter().copied().collect();
    let characteristics: Vec<ProtectedCharacteristic> = c.characteristics.iter().copied().collect();
    Ok(FormPage {
        ctx: ctx.clone(),
        errors: FormErrors::default(),
        editing: None,
        new_id: ctx.fresh_id(),
        changed_elsewhere: false,
        title: c.title.clone(),
        what_happened: c.what_happened.clone(),
        happened,
        aware,
        place: c.place.clone(),
        people: c.people.clone(),
        effect: c.effect.clone(),
        wishes: options(ctx, "wish", &wishes),
        wish_other: c.wish_other.clone(),
        settings: options(ctx, "setting", &[c.setting]),
        nations: options(ctx, "nation", &[c.nation]),
        unfair: c.unfair_treatment,
        harmed: c.harmed,
        characteristics: options(ctx, "characteristic", &characteristics),
        consultations,
        letters,
        statuses: options(ctx, "concern-status", &[c.status]),
        outcome: c.outcome.clone(),
    })
}

fn blank_concern() -> Concern {
    Concern {
        title: String::new(),
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
        consultations: Vec::new(),
        letters: Vec::new(),
        status: ConcernStatus::Open,
        outcome: String::new(),
    }
}

#[derive(Deserialize)]
pub struct NewQuery {
    consultation: Option<String>,
}

pub async fn new_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<NewQuery>,
) -> Result<Response, AppError> {
    let mut c = blank_concern();
    // Started from an appointment: link it, and take the place and the unfair treatment the
    // person already recorded about it.
    if let Some(id) = q
        .consultation
        .as_deref()
        .and_then(|s| s.parse::<RecordId>().ok())
        && let Ok(s) = state.store.get::<Consultation>(&user.user.owner, id).await
    {
        c.consultations.push(s.id.as_uuid());
        c.place = s.value.place_name.clone();
        c.happened_on = Some(s.value.starts_at.date());
        if s.value.with_role == heard_core::consultation::ProfessionalRole::Gp {
            c.setting = Setting::Gp;
        }
    }
    let happened = DateParts::from_date(c.happened_on);
    let page = form_page(&state, &user, &c, happened, DateParts::default()).await?;
    render(StatusCode::OK, &page)
}

/// Reads the form into a concern, with the problems found.
fn read_form(
    ctx: &PageContext,
    fields: &Fields,
    into: &mut Concern,
    today: Date,
) -> (FormErrors, DateParts, DateParts) {
    let mut errors = FormErrors::default();
    into.title = clean(fields.get("title"));
    into.what_happened = clean(fields.get("what_happened"));
    into.place = clean(fields.get("place"));
    into.people = clean(fields.get("people"));
    into.effect = clean(fields.get("effect"));
    into.wishes = fields
        .all("wishes")
        .into_iter()
        .filter_map(Wish::from_id)
        .collect();
    into.wish_other = clean(fields.get("wish_other"));
    into.setting = Setting::from_id(fields.get("setting")).unwrap_or(into.setting);
    into.nation = Nation::from_id(fields.get("nation")).unwrap_or(into.nation);
    into.unfair_treatment = fields.has("unfair");
    into.harmed = fields.has("harmed");
    into.characteristics = if into.unfair_treatment {
        fields
            .all("characteristics")
            .into_iter()
            .filter_map(ProtectedCharacteristic::from_id)
            .collect()
    } else {
        BTreeSet::new()
    };
    into.consultations = fields
        .all("consultations")
        .into_iter()
        .filter_map(|s| s.parse::<RecordId>().ok())
        .map(|id| id.as_uuid())
        .collect();
    into.letters = fields
        .all("letters")
        .into_iter()
        .filter_map(|s| s.parse::<RecordId>().ok())
        .map(|id| id.as_uuid())
        .collect();
    if fields.has("status") {
        into.status = ConcernStatus::from_id(fields.get("status")).unwrap_or(into.status);
        into.outcome = clean(fields.get("outcome"));
    }
    let happened = DateParts::from_fields(fields, "happened_on");
    let aware = DateParts::from_fields(fields, "aware_on");
    let mut date_problem = false;
    for (name, parts, slot) in [
        ("happened_on", &happened, &mut into.happened_on),
        ("aware_on", &aware, &mut into.aware_on),
    ] {
        match parts.parse() {
            Ok(d) => *slot = d,
            Err(problem) => {
                date_problem = true;
                errors.add(name, ctx.t(&problem.to_string()));
            }
        }
    }
    for (field, problem) in check_concern(into, today) {
        if date_problem && errors.get(field).is_some() {
            continue;
        }
        let message = match problem {
            ConcernProblem::TitleMissing => "concern-title-missing",
            ConcernProblem::TitleTooLong => "concern-title-too-long",
            ConcernProblem::TextTooLong => "concern-text-too-long",
            ConcernProblem::AwareBeforeHappened => "concern-aware-before",
            ConcernProblem::InTheFuture => "concern-date-future",
        };
        errors.add(field, ctx.t(message));
    }
    (errors, happened, aware)
}

pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    fields: Fields,
) -> Result<Response, AppError> {
    let mut c = blank_concern();
    let (errors, happened, aware) = read_form(&user.ctx, &fields, &mut c, today(&state));
    if !errors.is_empty() {
        let mut page = form_page(&state, &user, &c, happened, aware).await?;
        page.errors = errors;
        page.new_id = fields.get("id").to_owned();
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    let id = fields.get("id").parse().unwrap_or_default();
    let stored = state
        .store
        .insert_with_id(&user.user.owner, id, c, state.clock.now())
        .await?;
    Ok(Redirect::to(&format!("/concerns/{}", stored.id)).into_response())
}

pub async fn edit_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let s = load_concern(&state, &user, &id).await?;
    let mut page = form_page(
        &state,
        &user,
        &s.value,
        DateParts::from_date(s.value.happened_on),
        DateParts::from_date(s.value.aware_on),
    )
    .await?;
    page.editing = Some((s.id.to_string(), s.version));
    render(StatusCode::OK, &page)
}

pub async fn edit_save(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    fields: Fields,
) -> Result<Response, AppError> {
    let s = load_concern(&state, &user, &id).await?;
    let mut c = s.value.clone();
    let (errors, happened, aware) = read_form(&user.ctx, &fields, &mut c, today(&state));
    let version: i64 = fields
        .get("version")
        .parse()
        .map_err(|_| AppError::BadRequest)?;
    if !errors.is_empty() {
        let mut page = form_page(&state, &user, &c, happened, aware).await?;
        page.errors = errors;
        page.editing = Some((s.id.to_string(), version));
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    match state
        .store
        .update(
            &user.user.owner,
            s.id,
            version,
            c.clone(),
            state.clock.now(),
        )
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/concerns/{id}?done=saved")).into_response()),
        Err(StoreError::Conflict { current_version }) => {
            // Changed on another device: show what this one typed, against the newest version.
            let mut page = form_page(&state, &user, &c, happened, aware).await?;
            page.editing = Some((s.id.to_string(), current_version));
            page.changed_elsewhere = true;
            render(StatusCode::CONFLICT, &page)
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// The case file

pub struct NextView {
    pub title: String,
    pub why: String,
    /// (href, label), the first is the main action.
    pub links: Vec<(String, String)>,
}

pub struct ClockView {
    pub heading: String,
    pub due: String,
    pub state: String,
    pub rule: String,
    pub help: Option<String>,
    pub warn: bool,
    pub passed: bool,
    pub open: bool,
    pub unverified: bool,
    pub extendable: String,
    pub ics: String,
    pub ics_label: String,
    pub explanation: super::explain::Explanation,
}

/// The time limit for a claim in the courts, shown where the person says they were harmed.
pub struct ClaimView {
    /// "Usually by …", or `None` before a date is recorded.
    pub due: Option<String>,
    pub rule: String,
    pub explanation: Option<super::explain::Explanation>,
}

fn claim_view(ctx: &PageContext, c: &Concern, pathway: &Pathway) -> Option<ClaimView> {
    let claim = pathway.claim.as_ref().filter(|_| c.harmed)?;
    let reckoning = claim.reckon(c.nation, c.problem_dates());
    Some(ClaimView {
        due: reckoning
            .as_ref()
            .map(|r| ctx.t1("concern-claim-due", "date", &ctx.civil_date(r.due))),
        rule: super::explain::claim_rule_text(ctx, claim),
        explanation: reckoning
            .map(|r| super::explain::explain_claim(ctx, c.nation, claim, &r, c.happened_on)),
    })
}

pub struct TimelineView {
    pub date: String,
    pub title: String,
    pub notes: String,
    pub detail: Vec<String>,
    /// Its edit and delete pages, for the person's own events.
    pub event_id: Option<String>,
    pub letter_href: Option<String>,
}

#[derive(Template)]
#[template(path = "concern_show.html")]
struct ShowPage {
    ctx: PageContext,
    done: Option<String>,
    id: String,
    title: String,
    status: String,
    summary: Vec<(String, String)>,
    next: Vec<NextView>,
    clocks: Vec<ClockView>,
    claim: Option<ClaimView>,
    timeline: Vec<TimelineView>,
    notice: Vec<String>,
}

fn step_title(pathway: &Pathway, id: &str) -> String {
    pathway
        .step(id)
        .map_or_else(|| id.to_owned(), |s| s.title.clone())
}

fn reason_text(ctx: &PageContext, reason: EscalationReason) -> String {
    let with_date = |id: &str, due: Date| ctx.t1(id, "date", &ctx.civil_date(due));
    match reason {
        EscalationReason::NothingDoneYet => ctx.t("next-take-step-why-nothing"),
        EscalationReason::NoDates => ctx.t("next-add-dates-why"),
        EscalationReason::LimitApproaching { due } => with_date("next-why-approaching", due),
        EscalationReason::LimitPassed { due } => with_date("next-ask-extension-why", due),
        EscalationReason::NoAcknowledgement { due } => with_date("next-chase-ack-why", due),
        EscalationReason::ReplyOverdue { due } => with_date("next-chase-reply-why", due),
        EscalationReason::NoReplyToLetter { due } => with_date("next-why-no-reply", due),
        EscalationReason::NotResolved => ctx.t("next-why-not-resolved"),
        EscalationReason::ResponseUnsatisfactory => ctx.t("next-why-unsatisfactory"),
        EscalationReason::UnfairTreatment => ctx.t("next-why-unfair"),
        EscalationReason::PutRight => ctx.t("next-close-why"),
        EscalationReason::OutcomeUnknown => ctx.t("next-record-outcome-why"),
    }
}

fn next_view(
    ctx: &PageContext,
    id: &str,
    pathway: &Pathway,
    step: &heard_core::escalation::NextStep,
) -> NextView {
    let record = (format!("/concerns/{id}/events/new"), ctx.t("next-record"));
    let letter_for = |step_id: &str| {
        pathway.step(step_id).and_then(|s| s.letter).map(|kind| {
            (
                format!("/letters/new?kind={}&concern={id}", kind.id()),
                ctx.t("next-write"),
            )
        })
    };
    let see_step = |step_id: &str| {
        (
            format!("/concerns/{id}/pathway#step-{step_id}"),
            ctx.t("next-see-step"),
        )
    };
    let why = reason_text(ctx, step.reason);
    let (title, links) = match &step.action {
        EscalationAction::AddDates => (
            ctx.t("next-add-dates"),
            vec![(
                format!("/concerns/{id}/edit#happened_on"),
                ctx.t("next-add-dates"),
            )],
        ),
        EscalationAction::TakeStep(s) => {
            let mut links: Vec<_> = letter_for(s).into_iter().collect();
            links.push(see_step(s));
            links.push(record);
            (step_title(pathway, s), links)
        }
        EscalationAction::Chase => (ctx.t("next-chase"), vec![record]),
        EscalationAction::AskForMeeting => (ctx.t("next-ask-meeting"), vec![record]),
        EscalationAction::MentionEqualityAct => (
            ctx.t("next-mention-equality"),
            vec![(
                format!("/letters/new?kind=formal-complaint&concern={id}"),
                ctx.t("next-write"),
            )],
        ),
        EscalationAction::AskForExtension(s) => {
            let mut links: Vec<_> = letter_for(s).into_iter().collect();
            links.push(see_step(s));
            (ctx.t("next-ask-extension"), links)
        }
        // The answer belongs on the entry already there: its "Change" link is on the timeline.
        EscalationAction::RecordOutcome => (
            ctx.t("next-record-outcome"),
            vec![(
                format!("/concerns/{id}#timeline"),
                ctx.t("next-see-timeline"),
            )],
        ),
        EscalationAction::CloseConcern => (
            ctx.t("next-close"),
            vec![(format!("/concerns/{id}/edit#status"), ctx.t("next-close"))],
        ),
    };
    // Some actions carry their own explanation; the reason is still the deciding fact.
    let why = match &step.action {
        EscalationAction::AskForMeeting => format!("{why} {}", ctx.t("next-ask-meeting-why")),
        EscalationAction::MentionEqualityAct => ctx.t("next-mention-equality-why"),
        _ => why,
    };
    NextView { title, why, links }
}

fn clock_view(
    ctx: &PageContext,
    id: &str,
    nation: heard_core::calendar::Nation,
    happened: Option<Date>,
    clock: &Clock<'_>,
) -> ClockView {
    let heading_id = match clock.limit.party {
        Party::You => "concern-deadline-yours",
        Party::Them => "concern-deadline-theirs",
    };
    let (state, help, warn, passed) = match clock.state {
        ClockState::Running { days_left, warn } => (
            ctx.tn("concern-deadline-days-left", "days", days_left),
            warn.then(|| ctx.t("concern-deadline-warning")),
            warn,
            false,
        ),
        ClockState::Met { on, late } => (
            ctx.t1(
                if late {
                    "concern-deadline-met-late"
                } else {
                    "concern-deadline-met"
                },
                "date",
                &ctx.civil_date(on),
            ),
            None,
            false,
            false,
        ),
        ClockState::Passed { days_over } => (
            ctx.tn("concern-deadline-passed", "days", days_over),
            Some(ctx.t(match clock.limit.party {
                Party::You => "concern-deadline-passed-you",
                Party::Them => "concern-deadline-passed-them",
            })),
            true,
            true,
        ),
    };
    let help = help.or_else(|| {
        clock
            .reckoning
            .cap_missing
            .map(|_| ctx.t("concern-deadline-cap-missing"))
    });
    ClockView {
        heading: ctx.t1(heading_id, "what", &clock.limit.what),
        due: ctx.t1("concern-deadline-due", "date", &ctx.civil_date(clock.due)),
        state,
        rule: super::explain::rule_text(ctx, clock.limit),
        help,
        warn,
        passed,
        open: clock.is_open(),
        unverified: !clock.limit.verified,
        extendable: clock.limit.extendable.clone(),
        ics: format!(
            "/concerns/{id}/deadline.ics?step={}&limit={}",
            clock.step.id, clock.limit.id
        ),
        ics_label: ctx.t1("concern-deadline-ics-for", "what", &clock.limit.what),
        explanation: super::explain::explain_limit(
            ctx,
            nation,
            clock.limit,
            &clock.reckoning,
            happened,
        ),
    }
}

fn summary_rows(ctx: &PageContext, c: &Concern) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    let mut push = |label_id: &str, value: String| {
        if !value.trim().is_empty() {
            rows.push((ctx.t(label_id), value));
        }
    };
    push(
        "concern-happened-label",
        c.happened_on.map(|d| ctx.civil_date(d)).unwrap_or_default(),
    );
    push(
        "concern-aware-label",
        c.aware_on.map(|d| ctx.civil_date(d)).unwrap_or_default(),
    );
    push("concern-place-label", c.place.clone());
    push("concern-people-label", c.people.clone());
    push("concern-what-label", c.what_happened.clone());
    push("concern-effect-label", c.effect.clone());
    let mut wishes: Vec<String> = c.wishes.iter().map(|w| label(ctx, "wish", *w)).collect();
    if !c.wish_other.is_empty() {
        wishes.push(c.wish_other.clone());
    }
    push("concern-wishes-label", wishes.join("; "));
    push("concern-setting-label", label(ctx, "setting", c.setting));
    push("concern-nation-label", label(ctx, "nation", c.nation));
    if c.unfair_treatment {
        let reasons: Vec<String> = c
            .characteristics
            .iter()
            .map(|p| label(ctx, "characteristic", *p))
            .collect();
        push(
            "concern-unfair-label",
            if reasons.is_empty() {
                ctx.t("concern-unfair-yes-plain")
            } else {
                ctx.t1("concern-unfair-yes", "reasons", &reasons.join(", "))
            },
        );
    }
    if c.harmed {
        push("concern-harmed-label", ctx.t("concern-harmed-yes"));
    }
    push("concern-outcome-label", c.outcome.clone());
    rows
}

fn event_title(ctx: &PageContext, kind: EventKind) -> String {
    ctx.t(&format!("event-kind-{}", kind.id()))
}

fn outcome_text(ctx: &PageContext, outcome: Option<Answer>) -> Option<String> {
    outcome.map(|a| ctx.t(&format!("concern-timeline-outcome-{}", a.id())))
}

fn timeline_views(
    state: &AppState,
    ctx: &PageContext,
    pathway: Option<&Pathway>,
    case: &Case,
) -> Vec<TimelineView> {
    let mut out: Vec<(Date, TimelineView)> = Vec::new();
    for e in &case.events {
        let mut detail = Vec::new();
        if let (Some(step), Some(p)) = (&e.value.step, pathway) {
            detail.push(ctx.t1("concern-timeline-step", "step", &step_title(p, step)));
        }
        detail.extend(outcome_text(ctx, e.value.outcome));
        out.push((
            e.value.on,
            TimelineView {
                date: ctx.civil_date(e.value.on),
                title: event_title(ctx, e.value.kind),
                notes: e.value.notes.clone(),
                detail,
                event_id: Some(e.id.to_string()),
                letter_href: None,
            },
        ));
    }
    for l in &case.letters {
        let (on, due) = match l.value.status {
            LetterStatus::Sent { on, .. } => (on, l.value.awaited_reply()),
            LetterStatus::Replied { sent_on, .. } => (sent_on, None),
            LetterStatus::Draft => continue,
        };
        let title = state
            .letters
            .template(l.value.kind)
            .map(|t| t.title.clone())
            .unwrap_or_default();
        out.push((
            on,
            TimelineView {
                date: ctx.civil_date(on),
                title: ctx.t1("concern-timeline-letter", "title", &title),
                notes: l.value.subject.clone(),
                detail: due
                    .map(|d| ctx.t1("concern-timeline-reply-due", "date", &ctx.civil_date(d)))
                    .into_iter()
                    .collect(),
                event_id: None,
                letter_href: Some(format!("/letters/{}/preview", l.id)),
            },
        ));
    }
    out.sort_by_key(|(on, _)| *on);
    out.into_iter().map(|(_, v)| v).collect()
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let case = load_case(&state, &user, &id).await?;
    let ctx = &user.ctx;
    let c = &case.stored.value;
    let today = today(&state);
    let pathway = state.escalation.pathway(c.nation);
    let timeline = case.timeline();
    let id = case.stored.id.to_string();
    let (next, clocks_view, notice) = match pathway {
        Some(p) => {
            let next = next_steps(c, p, &timeline, today)
                .iter()
                .map(|s| next_view(ctx, &id, p, s))
                .collect();
            let mut all = clocks(p, c.setting, c.problem_dates(), &timeline, today);
            all.sort_by_key(|k| (!k.is_open(), k.due));
            let views = all
                .iter()
                .map(|k| clock_view(ctx, &id, c.nation, c.happened_on, k))
                .collect();
            let notice = p
                .steps_for(c.setting)
                .filter_map(|s| s.notice.as_ref())
                .map(|n| n.text.clone())
                .collect();
            (next, views, notice)
        }
        None => (Vec::new(), Vec::new(), Vec::new()),
    };
    let done = match q.done.as_deref() {
        Some("saved") => Some(ctx.t("concerns-saved")),
        _ => None,
    };
    let page = ShowPage {
        ctx: ctx.clone(),
        done,
        title: c.title.clone(),
        status: status_label(ctx, c.status),
        summary: summary_rows(ctx, c),
        next,
        clocks: clocks_view,
        claim: pathway.and_then(|p| claim_view(ctx, c, p)),
        timeline: timeline_views(&state, ctx, pathway, &case),
        notice,
        id,
    };
    render(StatusCode::OK, &page)
}

// ---------------------------------------------------------------------------------------------
// The pathway

pub struct StepView {
    pub id: String,
    pub number: usize,
    pub title: String,
    pub who: String,
    pub can: Vec<String>,
    pub cannot: Vec<String>,
    pub when: String,
    pub expect: String,
    pub contact_note: String,
    pub contacts: Vec<super::directory::OrganisationView>,
    pub local_contact: bool,
    pub limits: Vec<(String, String, bool)>,
    pub sources: Vec<(String, String, String)>,
    pub notice: Option<(String, String)>,
    pub letter: Option<String>,
}

#[derive(Template)]
#[template(path = "concern_pathway.html")]
struct PathwayPage {
    ctx: PageContext,
    id: String,
    heading: String,
    lead: String,
    steps: Vec<StepView>,
    /// Urgent steps beside the route, shown first; the other steps beside it, after. Neither
    /// is numbered.
    urgent: Vec<StepView>,
    beside: Vec<StepView>,
    reviewed: String,
    nation_id: &'static str,
}

pub async fn pathway(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let s = load_concern(&state, &user, &id).await?;
    let ctx = &user.ctx;
    let c = &s.value;
    let pathway = state
        .escalation
        .pathway(c.nation)
        .ok_or(AppError::NotFound)?;
    let directory = super::directory::everything(&state).await?;
    let id = s.id.to_string();
    // The route's steps are numbered; those beside it (an urgent review, the duty of candour, a
    // regulator, advice about a claim) are listed apart, so nobody reads them as a stage.
    let (route, beside): (Vec<_>, Vec<_>) = pathway
        .steps_for(c.setting)
        .partition(|step| !step.beside_the_route());
    let view = |number: usize, step: &heard_core::pathway::Step| {
        let contacts: Vec<_> = directory
            .iter()
            .filter(|(_, o)| o.nation == c.nation && step.contact.contains(&o.kind))
            .map(|(oid, o)| super::directory::OrganisationView::new(ctx, *oid, o))
            .collect();
        StepView {
            id: step.id.clone(),
            number,
            title: step.title.clone(),
            who: step.who.clone(),
            can: step.can.clone(),
            cannot: step.cannot.clone(),
            when: step.when.clone(),
            expect: step.expect.clone(),
            contact_note: step.contact_note.clone(),
            local_contact: contacts.is_empty() && !step.contact.is_empty(),
            contacts,
            limits: step
                .limits
                .iter()
                .map(|l| {
                    let who = match l.party {
                        Party::You => "concern-deadline-yours",
                        Party::Them => "concern-deadline-theirs",
                    };
                    (
                        ctx.t1(who, "what", &l.what),
                        super::explain::rule_text(ctx, l),
                        !l.verified,
                    )
                })
                .collect(),
            sources: step
                .sources
                .iter()
                .map(|src| {
                    (
                        format!("{}, {}", src.title, src.publisher),
                        src.url.clone(),
                        ctx.t1("pathway-checked", "date", &src.checked),
                    )
                })
                .collect(),
            notice: step.notice.as_ref().map(|n| {
                let tag = match (&n.kind, &n.until) {
                    (heard_core::pathway::NoticeKind::ValidUntil, Some(until)) => {
                        ctx.t1("pathway-valid-until", "date", until)
                    }
                    _ => ctx.t("pathway-changing"),
                };
                (tag, n.text.clone())
            }),
            letter: step
                .letter
                .map(|k| format!("/letters/new?kind={}&concern={id}", k.id())),
        }
    };
    let steps = route
        .iter()
        .enumerate()
        .map(|(i, step)| view(i + 1, step))
        .collect();
    // Urgent steps (an urgent review in hospital) go first, above the route: for now, not later.
    let (urgent, beside): (Vec<_>, Vec<_>) = beside
        .into_iter()
        .partition(|step| step.events.contains(&EventKind::UrgentReviewAsked));
    let urgent = urgent.iter().map(|step| view(0, step)).collect();
    let beside = beside.iter().map(|step| view(0, step)).collect();
    let setting = label(ctx, "setting", c.setting).to_lowercase();
    let page = PathwayPage {
        ctx: ctx.clone(),
        nation_id: c.nation.id(),
        heading: ctx.t1("pathway-title", "nation", &label(ctx, "nation", c.nation)),
        lead: ctx.t1("pathway-lead", "setting", &setting),
        reviewed: ctx.t_args(
            "pathway-reviewed",
            &[
                ("last", pathway.last_reviewed.clone().into()),
                ("next", pathway.next_review.clone().into()),
            ],
        ),
        steps,
        urgent,
        beside,
        id,
    };
    render(StatusCode::OK, &page)
}

// ---------------------------------------------------------------------------------------------
// Events on the timeline

#[derive(Template)]
#[template(path = "concern_event.html")]
struct EventPage {
    ctx: PageContext,
    errors: FormErrors,
    concern_id: String,
    concern_title: String,
    /// The event's id and version when changing one.
    editing: Option<(String, i64)>,
    new_id: String,
    kinds: Vec<ChoiceOption>,
    on: DateParts,
    notes: String,
    steps: Vec<LinkOption>,
    outcomes: Vec<ChoiceOption>,
    changed_elsewhere: bool,
}

/// An event as typed: every part may be missing or wrong.
struct EventDraft {
    kind: Option<EventKind>,
    on: DateParts,
    notes: String,
    step: Option<String>,
    outcome: Option<Answer>,
}

impl EventDraft {
    fn of(e: &ConcernEvent) -> Self {
        Self {
            kind: Some(e.kind),
            on: DateParts::from_date(Some(e.on)),
            notes: e.notes.clone(),
            step: e.step.clone(),
            outcome: e.outcome,
        }
    }
}

fn event_page(
    state: &AppState,
    ctx: &PageContext,
    concern: &Stored<Concern>,
    draft: EventDraft,
) -> EventPage {
    let EventDraft {
        kind,
        on,
        notes,
        step,
        outcome,
    } = draft;
    let step = step.as_deref();
    let steps = state
        .escalation
        .pathway(concern.value.nation)
        .map(|p| {
            p.steps_for(concern.value.setting)
                .map(|s| LinkOption {
                    value: s.id.clone(),
                    label: s.title.clone(),
                    checked: step == Some(s.id.as_str()),
                })
                .collect()
        })
        .unwrap_or_default();
    let kinds: Vec<EventKind> = kind.into_iter().collect();
    let outcomes: Vec<Answer> = outcome.into_iter().collect();
    EventPage {
        ctx: ctx.clone(),
        errors: FormErrors::default(),
        concern_id: concern.id.to_string(),
        concern_title: concern.value.title.clone(),
        editing: None,
        new_id: ctx.fresh_id(),
        kinds: options(ctx, "event-kind", &kinds),
        on,
        notes,
        steps,
        outcomes: options(ctx, "reflect", &outcomes),
        changed_elsewhere: false,
    }
}

#[derive(Deserialize)]
pub struct NewEventQuery {
    kind: Option<String>,
}

pub async fn new_event(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<NewEventQuery>,
) -> Result<Response, AppError> {
    let concern = load_concern(&state, &user, &id).await?;
    let kind = q.kind.as_deref().and_then(EventKind::from_id);
    let page = event_page(
        &state,
        &user.ctx,
        &concern,
        EventDraft {
            kind,
            on: DateParts::from_date(Some(today(&state))),
            notes: String::new(),
            step: None,
            outcome: None,
        },
    );
    render(StatusCode::OK, &page)
}

/// Reads the event form; on a problem, the page to show again with what was typed.
fn read_event(
    state: &AppState,
    ctx: &PageContext,
    concern: &Stored<Concern>,
    fields: &Fields,
) -> Result<ConcernEvent, Box<EventPage>> {
    let kind = EventKind::from_id(fields.get("kind"));
    let on = DateParts::from_fields(fields, "on");
    let notes = clean(fields.get("notes"));
    let step = Some(fields.get("step"))
        .filter(|s| !s.is_empty())
        .filter(|s| {
            state
                .escalation
                .pathway(concern.value.nation)
                .is_some_and(|p| p.step(s).is_some())
        })
        .map(str::to_owned);
    let outcome = Answer::from_id(fields.get("outcome"));
    let mut errors = FormErrors::default();
    if kind.is_none() {
        errors.add("kind", ctx.t("event-kind-missing"));
    }
    let date = match date_from_parts(&on.day, &on.month, &on.year) {
        Ok(d) => Some(d),
        Err(WhenProblem::DateMissing) => {
            errors.add("on", ctx.t("event-on-missing"));
            None
        }
        Err(p) => {
            errors.add("on", ctx.t(&p.to_string()));
            None
        }
    };
    if let (Some(kind), Some(date)) = (kind, date) {
        let event = ConcernEvent {
            concern: concern.id.as_uuid(),
            kind,
            on: date,
            notes: notes.clone(),
            step: step.clone(),
            outcome: outcome.filter(|_| kind.has_outcome() || kind == EventKind::Other),
        };
        for (field, problem) in check_event(&event, in_london(state.clock.now()).date()) {
            let message = match problem {
                EventProblem::InTheFuture => "concern-date-future",
                EventProblem::NotesTooLong => "event-notes-too-long",
            };
            errors.add(field, ctx.t(message));
        }
        if errors.is_empty() {
            return Ok(event);
        }
    }
    let mut page = event_page(
        state,
        ctx,
        concern,
        EventDraft {
            kind,
            on,
            notes,
            step,
            outcome,
        },
    );
    page.errors = errors;
    page.new_id = fields.get("id").to_owned();
    Err(Box::new(page))
}

pub async fn create_event(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    fields: Fields,
) -> Result<Response, AppError> {
    let concern = load_concern(&state, &user, &id).await?;
    let event = match read_event(&state, &user.ctx, &concern, &fields) {
        Ok(e) => e,
        Err(page) => return render(StatusCode::UNPROCESSABLE_ENTITY, page.as_ref()),
    };
    let event_id = fields.get("id").parse().unwrap_or_default();
    state
        .store
        .insert_with_id(&user.user.owner, event_id, event, state.clock.now())
        .await?;
    Ok(Redirect::to(&format!("/concerns/{id}#timeline")).into_response())
}

async fn load_event(
    state: &AppState,
    user: &CurrentUser,
    concern: &Stored<Concern>,
    event: &str,
) -> Result<Stored<ConcernEvent>, AppError> {
    let e = state
        .store
        .get::<ConcernEvent>(&user.user.owner, parse_id(event)?)
        .await?;
    // An event reached through another concern's address is not there.
    if e.value.concern != concern.id.as_uuid() {
        return Err(AppError::NotFound);
    }
    Ok(e)
}

pub async fn edit_event(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, event)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let concern = load_concern(&state, &user, &id).await?;
    let e = load_event(&state, &user, &concern, &event).await?;
    let mut page = event_page(&state, &user.ctx, &concern, EventDraft::of(&e.value));
    page.editing = Some((e.id.to_string(), e.version));
    render(StatusCode::OK, &page)
}

pub async fn save_event(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, event)): Path<(String, String)>,
    fields: Fields,
) -> Result<Response, AppError> {
    let concern = load_concern(&state, &user, &id).await?;
    let e = load_event(&state, &user, &concern, &event).await?;
    let version: i64 = fields
        .get("version")
        .parse()
        .map_err(|_| AppError::BadRequest)?;
    let value = match read_event(&state, &user.ctx, &concern, &fields) {
        Ok(v) => v,
        Err(mut page) => {
            page.editing = Some((e.id.to_string(), version));
            return render(StatusCode::UNPROCESSABLE_ENTITY, page.as_ref());
        }
    };
    match state
        .store
        .update(
            &user.user.owner,
            e.id,
            version,
            value.clone(),
            state.clock.now(),
        )
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/concerns/{id}#timeline")).into_response()),
        Err(StoreError::Conflict { current_version }) => {
            let mut page = event_page(&state, &user.ctx, &concern, EventDraft::of(&value));
            page.editing = Some((e.id.to_string(), current_version));
            page.changed_elsewhere = true;
            render(StatusCode::CONFLICT, &page)
        }
        Err(err) => Err(err.into()),
    }
}

#[derive(Template)]
#[template(path = "concern_delete.html")]
struct DeletePage {
    ctx: PageContext,
    heading: String,
    warning: String,
    what: String,
    action: String,
    back: String,
}

pub async fn confirm_delete_event(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, event)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let concern = load_concern(&state, &user, &id).await?;
    let e = load_event(&state, &user, &concern, &event).await?;
    let ctx = &user.ctx;
    let page = DeletePage {
        ctx: ctx.clone(),
        heading: ctx.t("event-delete-title"),
        warning: ctx.t("event-delete-warning"),
        what: format!(
            "{} {} {}",
            ctx.civil_date(e.value.on),
            ctx.t("list-separator"),
            event_title(ctx, e.value.kind)
        ),
        action: format!("/concerns/{id}/events/{event}/delete"),
        back: format!("/concerns/{id}#timeline"),
    };
    render(StatusCode::OK, &page)
}

pub async fn delete_event(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, event)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let concern = load_concern(&state, &user, &id).await?;
    let e = load_event(&state, &user, &concern, &event).await?;
    state
        .store
        .delete::<ConcernEvent>(&user.user.owner, e.id)
        .await?;
    Ok(Redirect::to(&format!("/concerns/{id}#timeline")).into_response())
}

pub async fn confirm_delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let s = load_concern(&state, &user, &id).await?;
    let ctx = &user.ctx;
    let page = DeletePage {
        ctx: ctx.clone(),
        heading: ctx.t("concern-delete-title"),
        warning: ctx.t("concern-delete-warning"),
        what: s.value.title.clone(),
        action: format!("/concerns/{id}/delete"),
        back: format!("/concerns/{id}"),
    };
    render(StatusCode::OK, &page)
}

pub async fn delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    state
        .store
        .delete::<Concern>(&user.user.owner, parse_id(&id)?)
        .await?;
    Ok(Redirect::to("/concerns?done=deleted").into_response())
}

// ---------------------------------------------------------------------------------------------
// Files: the case file and a deadline

fn print_date(d: Date) -> PrintDate {
    PrintDate {
        year: i32::from(d.year()),
        month: u8::try_from(d.month()).unwrap_or(1),
        day: u8::try_from(d.day()).unwrap_or(1),
    }
}

/// The case file: the concern, a dated chronology, the time limits, then each letter sent as an
/// appendix on its own page.
pub async fn case_file(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let case = load_case(&state, &user, &id).await?;
    let ctx = &user.ctx;
    let c = &case.stored.value;
    let today = today(&state);
    let pathway = state.escalation.pathway(c.nation);
    let mut blocks = vec![
        PrintBlock::Heading {
            text: ctx.t("concern-summary"),
        },
        PrintBlock::Facts {
            rows: summary_rows(ctx, c),
        },
        PrintBlock::Heading {
            text: ctx.t("casefile-chronology"),
        },
    ];
    let timeline = timeline_views(&state, ctx, pathway, &case);
    if timeline.is_empty() {
        blocks.push(PrintBlock::paragraph(&ctx.t("concern-timeline-none")));
    } else {
        blocks.push(PrintBlock::Facts {
            rows: timeline
                .iter()
                .map(|t| {
                    let mut text = t.title.clone();
                    if !t.notes.is_empty() {
                        text = format!("{text}\n{}", t.notes);
                    }
                    for d in &t.detail {
                        text = format!("{text}\n{d}");
                    }
                    (t.date.clone(), text)
                })
                .collect(),
        });
    }
    if let Some(p) = pathway {
        let all = clocks(p, c.setting, c.problem_dates(), &case.timeline(), today);
        if !all.is_empty() {
            blocks.push(PrintBlock::Heading {
                text: ctx.t("concern-deadlines-title"),
            });
            // Each date with how it was worked out, so the paper copy can be checked by hand.
            for k in &all {
                let v = clock_view(ctx, &id, c.nation, c.happened_on, k);
                let mut lines = vec![format!("{}: {} ({})", v.heading, v.due, v.state)];
                lines.push(format!("{}:", ctx.t("explain-heading")));
                lines.extend(v.explanation.lines.iter().cloned());
                if !v.explanation.verified {
                    lines.push(ctx.t("explain-unverified"));
                }
                if !v.explanation.sources.is_empty() {
                    lines.push(format!("{}:", ctx.t("explain-sources")));
                    lines.extend(v.explanation.sources.iter().cloned());
                }
                blocks.push(PrintBlock::Paragraph { lines });
            }
        }
        if let Some(claim) = claim_view(ctx, c, p) {
            blocks.push(PrintBlock::Heading {
                text: ctx.t("concern-claim-title"),
            });
            let mut lines = vec![
                ctx.t("concern-claim-lead"),
                claim.due.unwrap_or_else(|| ctx.t("concern-claim-no-date")),
            ];
            if let Some(e) = claim.explanation {
                lines.push(format!("{}:", ctx.t("explain-heading")));
                lines.extend(e.lines);
                lines.push(format!("{}:", ctx.t("explain-sources")));
                lines.extend(e.sources);
            }
            lines.push(ctx.t("concern-claim-advice"));
            blocks.push(PrintBlock::Paragraph { lines });
        }
    }
    let mut appendix = 0;
    for l in &case.letters {
        let on = match l.value.status {
            LetterStatus::Sent { on, .. } => on,
            LetterStatus::Replied { sent_on, .. } => sent_on,
            LetterStatus::Draft => continue,
        };
        appendix += 1;
        let title = state
            .letters
            .template(l.value.kind)
            .map(|t| t.title.clone())
            .unwrap_or_default();
        let letter = l
            .value
            .layout(ctx.civil_date(on), &super::letters::labels(ctx));
        blocks.push(PrintBlock::PageBreak);
        blocks.push(PrintBlock::Heading {
            text: ctx.t_args(
                "casefile-appendix",
                &[
                    ("number", appendix.into()),
                    ("title", title.into()),
                    ("date", ctx.civil_date(on).into()),
                ],
            ),
        });
        blocks.push(PrintBlock::Paragraph {
            lines: letter.sender.clone(),
        });
        blocks.push(PrintBlock::Paragraph {
            lines: letter.recipient.clone(),
        });
        blocks.push(PrintBlock::paragraph(&letter.date));
        if !letter.references.is_empty() {
            blocks.push(PrintBlock::Facts {
                rows: letter.references.clone(),
            });
        }
        blocks.push(PrintBlock::Paragraph {
            lines: vec![letter.subject.clone()],
        });
        blocks.push(PrintBlock::paragraph(&letter.salutation));
        for b in &letter.blocks {
            blocks.push(match b {
                heard_core::letter::Block::Paragraph { text } => PrintBlock::paragraph(text),
                heard_core::letter::Block::Bullets { items } => PrintBlock::Bullets {
                    items: items.clone(),
                },
            });
        }
        blocks.push(PrintBlock::Paragraph {
            lines: vec![letter.closing.clone(), letter.signature.clone()],
        });
    }
    let document = PrintDocument {
        title: c.title.clone(),
        subtitle: Some(ctx.t("casefile-title")),
        author: user.ctx.username().to_owned(),
        footer: ctx.t1("casefile-made", "date", &ctx.civil_date(today)),
        date: print_date(today),
        blocks,
    };
    let engine = state.pdf.clone();
    let bytes = tokio::task::spawn_blocking(move || engine.render(&document))
        .await
        .map_err(|_| AppError::Document("the PDF task stopped".into()))?
        .map_err(|e| AppError::Document(e.to_string()))?;
    super::file_response(bytes, "application/pdf", "heard-case-file.pdf")
}

#[derive(Deserialize)]
pub struct DeadlineQuery {
    step: String,
    limit: String,
}

/// A deadline as a whole-day calendar event with an alarm two days before. Its UID stays the
/// same when the date moves, so importing it again updates it.
pub fn deadline_event(
    ctx: &PageContext,
    d: &UpcomingDeadline,
    details: bool,
) -> heard_docs::CalendarEvent {
    let (summary, description) = if details {
        (d.what.clone(), d.concern_title.clone())
    } else {
        (ctx.t("calendar-deadline"), String::new())
    };
    heard_docs::CalendarEvent {
        uid: format!("{}-{}-{}@heard", d.concern_id, d.step, d.limit),
        sequence: 0,
        summary,
        description,
        location: String::new(),
        starts_at: d.due.at(9, 0, 0, 0),
        duration_minutes: 0,
        all_day: true,
        alarm_minutes_before: Some(2 * 24 * 60),
        alarm_text: ctx.t("calendar-deadline-alarm"),
    }
}

pub async fn deadline_ics(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<DeadlineQuery>,
) -> Result<Response, AppError> {
    let case = load_case(&state, &user, &id).await?;
    let c = &case.stored.value;
    let pathway = state
        .escalation
        .pathway(c.nation)
        .ok_or(AppError::NotFound)?;
    let today = today(&state);
    let timeline = case.timeline();
    let all = clocks(pathway, c.setting, c.problem_dates(), &timeline, today);
    let clock = all
        .iter()
        .find(|k| k.step.id == q.step && k.limit.id == q.limit)
        .ok_or(AppError::NotFound)?;
    let deadline = UpcomingDeadline::new(case.stored.id.as_uuid(), &c.title, clock);
    // The person downloads this for themselves, so it says what the deadline is.
    let event = deadline_event(&user.ctx, &deadline, true);
    let text = heard_docs::calendar(&[event], state.clock.now());
    super::file_response(
        text.into_bytes(),
        "text/calendar; charset=utf-8",
        "heard-deadline.ics",
    )
}
