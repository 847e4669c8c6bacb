use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use heard_core::{Consultation, Note};

use super::consultations::ConsultationView;
use serde::Deserialize;

use super::notes::NoteView;
use super::{FormErrors, PageContext, render, render_or_error};
use crate::error::AppError;
use crate::startup::AppState;
use crate::visitor::CurrentUser;

/// How many of the newest notes the dashboard shows.
const DASHBOARD_NOTES: i64 = 5;

#[derive(Template)]
#[template(path = "dashboard.html")]
pub struct DashboardPage {
    pub ctx: PageContext,
    pub done: Option<String>,
    pub notes: Vec<NoteView>,
    /// The new-note form: what was typed, its problems, and the id it will be stored under (so
    /// sending it twice stores it once).
    pub new_note_text: String,
    pub new_note_id: String,
    pub errors: FormErrors,
    /// The next few appointments coming up.
    pub upcoming: Vec<super::consultations::ConsultationView>,
    /// There are more notes than the dashboard shows.
    pub more_notes: bool,
}

#[derive(Deserialize)]
pub struct DashboardQuery {
    done: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<DashboardQuery>,
) -> Result<Response, AppError> {
    let done = query.done.as_deref().and_then(|d| match d {
        "registered" => Some("register-done"),
        "note-saved" => Some("notes-saved"),
        "note-updated" => Some("notes-updated"),
        "note-deleted" => Some("notes-deleted"),
        _ => None,
    });
    let page = dashboard(
        &state,
        user,
        done.map(|id| id.to_owned()),
        String::new(),
        FormErrors::default(),
    )
    .await?;
    render(StatusCode::OK, &page)
}

/// The dashboard, optionally with the new-note form showing what was typed and its problems.
pub async fn dashboard(
    state: &AppState,
    user: CurrentUser,
    done: Option<String>,
    new_note_text: String,
    errors: FormErrors,
) -> Result<DashboardPage, AppError> {
    // The dashboard opens a handful of records however many a person keeps: the newest notes
    // and the next appointments (found by their reminder time, without opening the others).
    let now = state.clock.now();
    let heard_store::Overview {
        latest: notes,
        upcoming,
    } = state
        .store
        .overview::<Note, Consultation>(&user.user.owner, DASHBOARD_NOTES + 1, now, 3)
        .await?;
    let mut notes: Vec<NoteView> = notes
        .into_iter()
        .map(|n| NoteView::new(&user.ctx, n))
        .collect();
    let more_notes = notes.len() > DASHBOARD_NOTES as usize;
    notes.truncate(DASHBOARD_NOTES as usize);
    let upcoming = upcoming
        .iter()
        .map(|c| ConsultationView::new(&user.ctx, c.id, &c.value, now))
        .collect();
    Ok(DashboardPage {
        upcoming,
        more_notes,
        done: done.map(|id| user.ctx.t(&id)),
        ctx: user.ctx,
        notes,
        new_note_text,
        new_note_id: heard_store::RecordId::new().to_string(),
        errors,
    })
}

#[derive(Template)]
#[template(path = "planned.html")]
struct PlannedPage {
    ctx: PageContext,
    feature: String,
}

fn planned(user: CurrentUser, feature_id: &str) -> Response {
    let feature = user.ctx.t(feature_id);
    render_or_error(
        StatusCode::OK,
        &PlannedPage {
            ctx: user.ctx,
            feature,
        },
    )
}

pub async fn planned_concern(user: CurrentUser) -> Response {
    planned(user, "dashboard-concern-title")
}

pub async fn planned_guidance(user: CurrentUser) -> Response {
    planned(user, "dashboard-guidance-title")
}
