//! Events on a concern's timeline: adding, changing and deleting them; and deleting a concern.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use heard_core::choice::Choice;
use heard_core::concern::{Concern, ConcernEvent, EventKind, EventProblem, check_event};
use heard_core::reflection::Answer;
use heard_core::when::{WhenProblem, date_from_parts};
use heard_store::Stored;
use serde::Deserialize;

use super::case::load_concern;
use super::case_file::event_title;
use crate::error::AppError;
use crate::form::{Fields, tidy};
use crate::pages::widgets::{ChoiceOption, LinkOption, options};
use crate::pages::{
    DateParts, FormErrors, PageContext, Saved, delete_then, form_version, parse_id, render,
    save_if_unchanged,
};
use crate::state::AppState;
use crate::visitor::CurrentUser;

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
            on: DateParts::from_date(Some(state.today())),
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
    let notes = tidy(fields.get("notes"));
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
        for (field, problem) in check_event(&event, state.today()) {
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
    let version = form_version(&fields)?;
    let value = match read_event(&state, &user.ctx, &concern, &fields) {
        Ok(v) => v,
        Err(mut page) => {
            page.editing = Some((e.id.to_string(), version));
            return render(StatusCode::UNPROCESSABLE_ENTITY, page.as_ref());
        }
    };
    match save_if_unchanged(&state, &user.user.owner, e.id, version, value.clone()).await? {
        Saved::Done => Ok(Redirect::to(&format!("/concerns/{id}#timeline")).into_response()),
        Saved::ChangedElsewhere(latest) => {
            let mut page = event_page(&state, &user.ctx, &concern, EventDraft::of(&value));
            page.editing = Some((e.id.to_string(), latest));
            page.changed_elsewhere = true;
            render(StatusCode::CONFLICT, &page)
        }
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
    delete_then::<Concern>(&state, &user.user.owner, &id, "/concerns?done=deleted").await
}
