//! The case file: what happened, what to do next and why, each time limit with how it was
//! worked out, the claim clock where harm is recorded, and the timeline.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use heard_core::choice::Choice;
use heard_core::concern::{Concern, EventKind};
use heard_core::escalation::{EscalationAction, EscalationReason, next_steps};
use heard_core::letter::LetterStatus;
use heard_core::pathway::{Clock, ClockState, Party, Pathway, clocks};
use heard_core::reflection::Answer;
use jiff::civil::Date;

use super::case::{Case, load_case};
use super::list::status_label;
use crate::error::AppError;
use crate::pages::widgets::label;
use crate::pages::{DoneQuery, PageContext, render};
use crate::state::AppState;
use crate::visitor::CurrentUser;

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
    pub explanation: crate::pages::explain::Explanation,
}

/// The time limit for a claim in the courts, shown where the person says they were harmed.
pub struct ClaimView {
    /// "Usually by …", or `None` before a date is recorded.
    pub due: Option<String>,
    pub rule: String,
    pub explanation: Option<crate::pages::explain::Explanation>,
}

pub(super) fn claim_view(ctx: &PageContext, c: &Concern, pathway: &Pathway) -> Option<ClaimView> {
    let claim = pathway.claim.as_ref().filter(|_| c.harmed)?;
    let reckoning = claim.reckon(c.nation, c.problem_dates());
    Some(ClaimView {
        due: reckoning
            .as_ref()
            .map(|r| ctx.t1("concern-claim-due", "date", &ctx.civil_date(r.due))),
        rule: crate::pages::explain::claim_rule_text(ctx, claim),
        explanation: reckoning
            .map(|r| crate::pages::explain::explain_claim(ctx, c.nation, claim, &r, c.happened_on)),
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

pub(super) fn clock_view(
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
        rule: crate::pages::explain::rule_text(ctx, clock.limit),
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
        explanation: crate::pages::explain::explain_limit(
            ctx,
            nation,
            clock.limit,
            &clock.reckoning,
            happened,
        ),
    }
}

pub(super) fn summary_rows(ctx: &PageContext, c: &Concern) -> Vec<(String, String)> {
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

pub(super) fn event_title(ctx: &PageContext, kind: EventKind) -> String {
    ctx.t(&format!("event-kind-{}", kind.id()))
}

fn outcome_text(ctx: &PageContext, outcome: Option<Answer>) -> Option<String> {
    outcome.map(|a| ctx.t(&format!("concern-timeline-outcome-{}", a.id())))
}

pub(super) fn timeline_views(
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
    let today = state.today();
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
