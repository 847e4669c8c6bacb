//! Seeing a letter as it will be sent, with what to do next.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use heard_core::letter::{Block, LetterDraft, LetterLabels, LetterStatus, SentBy};
use heard_store::Stored;
use jiff::civil::Date;

use super::edit::load;
use super::list::status_line;
use super::request::{RequestView, request_view};
use crate::error::AppError;
use crate::pages::widgets::{ChoiceOption, options};
use crate::pages::{DoneQuery, FormErrors, PageContext, render};
use crate::state::AppState;
use crate::visitor::CurrentUser;

pub fn labels(ctx: &PageContext) -> LetterLabels {
    LetterLabels {
        hospital_number: ctx.t("letter-hospital-number-label"),
        nhs_number: ctx.t("letter-nhs-number-label"),
    }
}

/// The letter as it will be sent, dated today (or the day it was sent).
pub(super) fn layout(
    state: &AppState,
    ctx: &PageContext,
    d: &LetterDraft,
) -> (heard_core::letter::Letter, Date) {
    let date = match &d.status {
        LetterStatus::Sent { on, .. } => *on,
        LetterStatus::Replied { sent_on, .. } => *sent_on,
        LetterStatus::Draft => state.today(),
    };
    (d.layout(ctx.civil_date(date), &labels(ctx)), date)
}

#[derive(Template)]
#[template(path = "letter_preview.html")]
pub(super) struct PreviewPage {
    pub(super) ctx: PageContext,
    pub(super) id: String,
    pub(super) letter: heard_core::letter::Letter,
    /// The body as (is a list, lines).
    pub(super) body: Vec<(bool, Vec<String>)>,
    pub(super) plain_text: String,
    pub(super) mailto: String,
    pub(super) status: String,
    pub(super) is_draft: bool,
    pub(super) is_sent: bool,
    pub(super) sent_day: String,
    pub(super) sent_month: String,
    pub(super) sent_year: String,
    pub(super) ways: Vec<ChoiceOption>,
    pub(super) done: Option<String>,
    pub(super) errors: FormErrors,
    /// For a request for records once sent: when the reply is due, how that was worked out,
    /// and what the organisation told the person.
    pub(super) request: Option<RequestView>,
}

fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub(super) fn preview_page(
    state: &AppState,
    ctx: PageContext,
    s: &Stored<LetterDraft>,
) -> PreviewPage {
    let (letter, _) = layout(state, &ctx, &s.value);
    let to = s.value.recipient.email.trim();
    let mailto = format!(
        "mailto:{}?subject={}&body={}",
        if to.contains(['?', '&', '\n']) {
            String::new()
        } else {
            percent(to)
        },
        percent(&letter.subject),
        percent(&heard_docs::letter::mailto_body(&letter))
    );
    let today = state.today();
    PreviewPage {
        id: s.id.to_string(),
        plain_text: heard_docs::letter::to_text(&letter).replace("\r\n", "\n"),
        mailto,
        status: status_line(&ctx, &s.value, today),
        is_draft: matches!(s.value.status, LetterStatus::Draft),
        is_sent: matches!(s.value.status, LetterStatus::Sent { .. }),
        sent_day: today.day().to_string(),
        sent_month: today.month().to_string(),
        sent_year: today.year().to_string(),
        ways: options(&ctx, "sent-by", &[SentBy::Email]),
        body: paragraphs(&letter.blocks),
        request: request_view(state, &ctx, &s.value, None),
        letter,
        ctx,
        done: None,
        errors: FormErrors::default(),
    }
}

pub async fn preview(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let mut page = preview_page(&state, user.ctx.clone(), &s);
    page.done = match q.done.as_deref() {
        Some("sent") => Some(match &s.value.status {
            LetterStatus::Sent {
                reply_due: Some(due),
                ..
            } => {
                format!(
                    "{} {}",
                    user.ctx.t("sent-done"),
                    user.ctx
                        .t1("sent-reply-due", "date", &user.ctx.civil_date(*due))
                )
            }
            _ => format!(
                "{} {}",
                user.ctx.t("sent-done"),
                user.ctx.t("sent-no-reply")
            ),
        }),
        Some("replied") => Some(user.ctx.t("replied-done")),
        Some("request") => Some(user.ctx.t("request-saved")),
        _ => None,
    };
    render(StatusCode::OK, &page)
}

/// Blocks of a letter for a template (askama cannot look inside an enum's fields by name).
pub fn paragraphs(blocks: &[Block]) -> Vec<(bool, Vec<String>)> {
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph { text } => (false, vec![text.clone()]),
            Block::Bullets { items } => (true, items.clone()),
        })
        .collect()
}
