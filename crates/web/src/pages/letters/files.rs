//! A letter to take away: PDF, plain text and an email draft.

use axum::extract::{Path, State};
use axum::response::Response;
use heard_core::choice::Choice;
use heard_core::letter::LetterDraft;

use super::edit::load;
use super::preview::layout;
use crate::error::AppError;
use crate::pages::file_response;
use crate::state::AppState;
use crate::visitor::CurrentUser;

fn file_stem(d: &LetterDraft) -> String {
    format!("heard-{}", d.kind.id())
}

pub async fn pdf(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let (letter, date) = layout(&state, &user.ctx, &s.value);
    let author = if s.value.sender.name.is_empty() {
        user.ctx.username().to_owned()
    } else {
        s.value.sender.name.clone()
    };
    let engine = state.pdf.clone();
    let date = heard_docs::PrintDate {
        year: i32::from(date.year()),
        month: u8::try_from(date.month()).unwrap_or(1),
        day: u8::try_from(date.day()).unwrap_or(1),
    };
    let bytes = tokio::task::spawn_blocking(move || engine.render_letter(&letter, &author, date))
        .await
        .map_err(|_| AppError::Document("the PDF task stopped".into()))?
        .map_err(|e| AppError::Document(e.to_string()))?;
    file_response(
        bytes,
        "application/pdf",
        &format!("{}.pdf", file_stem(&s.value)),
    )
}

pub async fn txt(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let (letter, _) = layout(&state, &user.ctx, &s.value);
    file_response(
        heard_docs::letter::to_text(&letter).into_bytes(),
        "text/plain; charset=utf-8",
        &format!("{}.txt", file_stem(&s.value)),
    )
}

pub async fn eml(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let (letter, _) = layout(&state, &user.ctx, &s.value);
    let now = state.clock.now();
    let date = now.strftime("%a, %d %b %Y %H:%M:%S +0000").to_string();
    let eml = heard_docs::letter::to_eml(
        &letter,
        &s.value.sender.email,
        &s.value.recipient.email,
        &date,
    );
    file_response(
        eml.into_bytes(),
        "message/rfc822",
        &format!("{}.eml", file_stem(&s.value)),
    )
}
