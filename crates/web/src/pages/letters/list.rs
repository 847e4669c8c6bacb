//! The list of letters, and a letter's status line (sent, reply due, overdue, replied).

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use heard_core::letter::{LetterDraft, LetterStatus};
use heard_store::{RecordId, Stored};
use jiff::civil::Date;

use crate::error::AppError;
use crate::pages::{DoneQuery, PageContext, render};
use crate::state::AppState;
use crate::visitor::CurrentUser;

/// "Sent 24 November 2026 · Reply due 8 December 2026", as a status line.
pub fn status_line(ctx: &PageContext, draft: &LetterDraft, today: Date) -> String {
    match &draft.status {
        LetterStatus::Draft => ctx.t("letters-status-draft"),
        LetterStatus::Sent { on, .. } => {
            let sent = ctx.t1("letters-status-sent", "date", &ctx.civil_date(*on));
            match &draft.awaited_reply() {
                Some(due) if *due < today => format!(
                    "{sent} {} {}",
                    ctx.t("list-separator"),
                    ctx.t1("letters-status-overdue", "date", &ctx.civil_date(*due))
                ),
                Some(due) => format!(
                    "{sent} {} {}",
                    ctx.t("list-separator"),
                    ctx.t1("letters-status-reply-due", "date", &ctx.civil_date(*due))
                ),
                None => sent,
            }
        }
        LetterStatus::Replied { replied_on, .. } => ctx.t1(
            "letters-status-replied",
            "date",
            &ctx.civil_date(*replied_on),
        ),
    }
}

/// A letter in a list.
pub struct LetterItem {
    pub id: String,
    pub title: String,
    pub subject: String,
    pub status: String,
    pub overdue: bool,
}

pub(super) fn item(
    state: &AppState,
    ctx: &PageContext,
    stored: &Stored<LetterDraft>,
) -> LetterItem {
    let today = state.today();
    LetterItem {
        id: stored.id.to_string(),
        title: state
            .letters
            .template(stored.value.kind)
            .map(|t| t.title.clone())
            .unwrap_or_default(),
        subject: stored.value.subject.clone(),
        status: status_line(ctx, &stored.value, today),
        overdue: stored.value.awaited_reply().is_some_and(|due| due < today),
    }
}

/// The person's letters about one consultation, for its page (its timeline of what was sent).
pub async fn for_consultation(
    state: &AppState,
    user: &CurrentUser,
    consultation: RecordId,
) -> Result<Vec<LetterItem>, AppError> {
    let mut letters = state.store.list::<LetterDraft>(&user.user.owner).await?;
    letters.retain(|l| l.value.consultation == Some(consultation.as_uuid()));
    letters.reverse();
    Ok(letters.iter().map(|l| item(state, &user.ctx, l)).collect())
}

#[derive(Template)]
#[template(path = "letters_list.html")]
pub(super) struct ListPage {
    ctx: PageContext,
    letters: Vec<LetterItem>,
    done: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let mut letters = state.store.list::<LetterDraft>(&user.user.owner).await?;
    letters.reverse();
    let items = letters.iter().map(|l| item(&state, &user.ctx, l)).collect();
    let done = (q.done.as_deref() == Some("deleted")).then(|| user.ctx.t("letter-deleted"));
    render(
        StatusCode::OK,
        &ListPage {
            ctx: user.ctx,
            letters: items,
            done,
        },
    )
}
