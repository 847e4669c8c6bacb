//! Deleting a letter.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use heard_core::letter::LetterDraft;

use super::edit::load;
use super::list::{LetterItem, item};
use crate::error::AppError;
use crate::pages::{PageContext, delete_then, render};
use crate::state::AppState;
use crate::visitor::CurrentUser;

#[derive(Template)]
#[template(path = "letter_delete.html")]
pub(super) struct DeletePage {
    ctx: PageContext,
    item: LetterItem,
}

pub async fn confirm_delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let item = item(&state, &user.ctx, &s);
    render(
        StatusCode::OK,
        &DeletePage {
            ctx: user.ctx,
            item,
        },
    )
}

pub async fn delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    delete_then::<LetterDraft>(&state, &user.user.owner, &id, "/letters?done=deleted").await
}
