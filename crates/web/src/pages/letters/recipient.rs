//! Filling a letter's recipient from the directory of organisations.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use heard_store::RecordId;
use uuid::Uuid;

use super::status::apply;
use crate::error::AppError;
use crate::form::Fields;
use crate::state::AppState;
use crate::visitor::CurrentUser;

/// Fills a letter's recipient from the directory.
pub async fn use_for_letter(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(letter): Path<String>,
    fields: Fields,
) -> Result<Response, AppError> {
    let letter_id: RecordId = letter.parse().map_err(|_| AppError::NotFound)?;
    // Whose letter it is comes first: anyone else's is not found, whatever they sent.
    state
        .store
        .get::<heard_core::letter::LetterDraft>(&user.user.owner, letter_id)
        .await?;
    let organisation: Uuid = fields
        .get("organisation")
        .parse()
        .map_err(|_| AppError::BadRequest)?;
    let all = crate::pages::directory::everything(&state).await?;
    let (_, o) = all
        .iter()
        .find(|(id, _)| *id == organisation)
        .ok_or(AppError::NotFound)?;
    let recipient = heard_core::letter::Party {
        name: o.name.clone(),
        address: o.address_lines().join("\n"),
        email: o.email.clone(),
    };
    let nation = o.nation;
    apply(&state, &user, letter_id, |d| {
        d.recipient = recipient.clone();
        d.nation = nation;
    })
    .await?;
    Ok(Redirect::to(&format!("/letters/{letter_id}?done=recipient")).into_response())
}
