//! Deleting an appointment.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use heard_core::Consultation;

use super::load;
use super::view::ConsultationView;
use crate::error::AppError;
use crate::pages::{PageContext, delete_then, render};
use crate::state::AppState;
use crate::visitor::CurrentUser;

#[derive(Template)]
#[template(path = "consultation_delete.html")]
struct DeletePage {
    ctx: PageContext,
    c: ConsultationView,
}

pub async fn confirm_delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let c = ConsultationView::new(&user.ctx, s.id, &s.value, state.clock.now());
    render(StatusCode::OK, &DeletePage { ctx: user.ctx, c })
}

pub async fn delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    delete_then::<Consultation>(&state, &user.user.owner, &id, "/consultations?done=deleted").await
}
