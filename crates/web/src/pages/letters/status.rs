//! Marking a letter as sent or replied to.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use heard_core::choice::Choice;
use heard_core::letter::{LetterDraft, LetterStatus, SentBy};
use heard_store::RecordId;

use super::edit::load;
use super::preview::preview_page;
use crate::error::AppError;
use crate::form::Fields;
use crate::pages::render;
use crate::state::AppState;
use crate::visitor::CurrentUser;

/// "Mark as sent": the date and how, and from them when a reply is due.
pub async fn sent(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    fields: Fields,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let on = heard_core::when::date_from_parts(
        fields.get("day"),
        fields.get("month"),
        fields.get("year"),
    );
    let by = SentBy::from_id(fields.get("by")).unwrap_or(SentBy::Email);
    let on = match on {
        Ok(on) => on,
        Err(problem) => {
            let mut page = preview_page(&state, user.ctx.clone(), &s);
            page.sent_day = fields.get("day").to_owned();
            page.sent_month = fields.get("month").to_owned();
            page.sent_year = fields.get("year").to_owned();
            let message = if matches!(problem, heard_core::when::WhenProblem::DateMissing) {
                user.ctx.t("sent-date-missing")
            } else {
                user.ctx.t(&problem.to_string())
            };
            page.errors.add("day", message);
            return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let rule = state
        .letters
        .template(s.value.kind)
        .map_or(heard_core::letter::ReplyRule::None, |t| t.reply);
    apply(&state, &user, s.id, |d| {
        let reply_due = d.reply_due(rule, on, by);
        d.status = LetterStatus::Sent { on, by, reply_due }
    })
    .await?;
    Ok(Redirect::to(&format!("/letters/{id}/preview?done=sent")).into_response())
}

pub async fn replied(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let today = state.today();
    apply(&state, &user, s.id, |d| {
        if let LetterStatus::Sent { on, by, .. } = d.status {
            d.status = LetterStatus::Replied {
                sent_on: on,
                by,
                replied_on: today,
            };
        }
    })
    .await?;
    Ok(Redirect::to(&format!("/letters/{id}/preview?done=replied")).into_response())
}

/// A change to the newest version (marking as sent says what happened; it does not overwrite
/// what was written).
pub(super) async fn apply(
    state: &AppState,
    user: &CurrentUser,
    id: RecordId,
    change: impl Fn(&mut LetterDraft),
) -> Result<(), AppError> {
    state
        .store
        .modify(&user.user.owner, id, state.clock.now(), |d| {
            change(d);
            Ok::<(), std::convert::Infallible>(())
        })
        .await?
        .map(|_| ())
        .map_err(|never| match never {})
}
