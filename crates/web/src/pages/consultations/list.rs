//! The list of appointments, upcoming and past.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use heard_core::Consultation;

use super::FromQuery;
use super::view::ConsultationView;
use crate::error::AppError;
use crate::pages::{PageContext, render};
use crate::state::AppState;
use crate::visitor::CurrentUser;

#[derive(Template)]
#[template(path = "consultations_list.html")]
struct ListPage {
    ctx: PageContext,
    upcoming: Vec<ConsultationView>,
    past: Vec<ConsultationView>,
    done: Option<String>,
}

/// The person's consultations: soonest upcoming first, then past ones, latest first.
pub async fn upcoming_and_past(
    state: &AppState,
    user: &CurrentUser,
) -> Result<(Vec<ConsultationView>, Vec<ConsultationView>), AppError> {
    let now = state.clock.now();
    let mut all = state.store.list::<Consultation>(&user.user.owner).await?;
    all.sort_by_key(|s| s.value.starts_at);
    let (past, upcoming): (Vec<_>, Vec<_>) = all
        .iter()
        .map(|s| ConsultationView::new(&user.ctx, s.id, &s.value, now))
        .partition(|v| v.past);
    Ok((upcoming, past.into_iter().rev().collect()))
}

pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<FromQuery>,
) -> Result<Response, AppError> {
    let (upcoming, past) = upcoming_and_past(&state, &user).await?;
    let done = (q.done.as_deref() == Some("deleted")).then(|| user.ctx.t("consultation-deleted"));
    render(
        StatusCode::OK,
        &ListPage {
            ctx: user.ctx,
            upcoming,
            past,
            done,
        },
    )
}
