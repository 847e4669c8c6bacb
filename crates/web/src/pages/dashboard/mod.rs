//! The dashboard: the signed-in person's home, with the next appointments, the open concerns
//! and their nearest deadlines, and quick notes (kept in `notes.rs`, with their own pages).

mod notes;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use heard_core::Consultation;
use heard_core::room::Saved;

use super::consultations::ConsultationView;
use serde::Deserialize;

use crate::access::Routes;
use crate::error::AppError;
use crate::pages::{FormErrors, PageContext, render};
use crate::state::AppState;
use crate::visitor::CurrentUser;
use notes::NoteView;

/// A past appointment on the dashboard: whether the reflection is done and what is still open.
pub struct PastView {
    pub c: ConsultationView,
    pub reflected: bool,
    pub open: Vec<String>,
}

impl PastView {
    pub fn new(
        ctx: &PageContext,
        c: &heard_store::Stored<Consultation>,
        entries: &[Saved],
        reflection: Option<heard_core::reflection::Reflection>,
        now: jiff::Timestamp,
    ) -> Self {
        let reflected = reflection.as_ref().is_some_and(|r| r.finished);
        let recorded = super::consultations::recorded(&c.value, entries, reflection, now);
        let mut open = Vec::new();
        if recorded.unanswered > 0 {
            open.push(ctx.tn("next-open-unanswered", "count", recorded.unanswered));
        }
        if recorded.overdue_steps > 0 {
            open.push(ctx.tn("next-open-steps-due", "count", recorded.overdue_steps));
        }
        Self {
            c: ConsultationView::new(ctx, c.id, &c.value, now),
            reflected,
            open,
        }
    }
}

/// How many of the newest notes the dashboard shows.
const DASHBOARD_NOTES: i64 = 5;

/// How many deadlines the dashboard lists; the concerns page has the rest.
const DASHBOARD_DEADLINES: usize = 3;

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
    /// The most recent past appointments, with what is still open.
    pub recent: Vec<PastView>,
    /// There are more notes than the dashboard shows.
    pub more_notes: bool,
    /// The next deadlines across every open concern: (concern id, what, when, passed).
    pub deadlines: Vec<(String, String, String, bool)>,
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
    let limits = heard_store::DashboardLimits {
        notes: DASHBOARD_NOTES + 1,
        upcoming: 3,
        past: 2,
    };
    let dash = state.store.dashboard(&user.user.owner, now, limits).await?;
    let mut notes: Vec<NoteView> = dash
        .notes
        .into_iter()
        .map(|n| NoteView::new(&user.ctx, n))
        .collect();
    let more_notes = notes.len() > DASHBOARD_NOTES as usize;
    notes.truncate(DASHBOARD_NOTES as usize);
    let upcoming = dash
        .upcoming
        .iter()
        .map(|c| ConsultationView::new(&user.ctx, c.id, &c.value, now))
        .collect();
    let recent = dash
        .past
        .iter()
        .map(|c| {
            let entries: Vec<Saved> = dash
                .room_entries
                .iter()
                .filter(|e| e.value.consultation == c.id.as_uuid())
                .map(|e| Saved {
                    id: e.id.as_uuid(),
                    at: e.created_at.as_millisecond(),
                    entry: e.value.clone(),
                })
                .collect();
            let reflection = dash
                .reflections
                .iter()
                .find(|r| r.value.consultation == c.id.as_uuid())
                .map(|r| r.value.clone());
            PastView::new(&user.ctx, c, &entries, reflection, now)
        })
        .collect();
    let open =
        super::concerns::open_cases(state, &user.user.owner, dash.open_cases, dash.case_records)
            .await?;
    let today = heard_core::time::in_london(now).date();
    let deadlines = super::concerns::upcoming_deadlines(state, &open, today)
        .into_iter()
        .take(DASHBOARD_DEADLINES)
        .map(|d| {
            let what = user.ctx.t_args(
                "dashboard-deadline-item",
                &[("what", d.what.into()), ("concern", d.concern_title.into())],
            );
            (d.concern_id, what, user.ctx.civil_date(d.due), d.passed)
        })
        .collect();
    Ok(DashboardPage {
        deadlines,
        upcoming,
        recent,
        more_notes,
        done: done.map(|id| user.ctx.t(&id)),
        ctx: user.ctx,
        notes,
        new_note_text,
        new_note_id: heard_store::RecordId::new().to_string(),
        errors,
    })
}

/// The dashboard pages, with who may use each.
pub fn routes() -> Routes {
    use crate::access::Access::Member;
    Routes::new()
        .get("/dashboard", Member, show)
        .merge(notes::routes())
}
