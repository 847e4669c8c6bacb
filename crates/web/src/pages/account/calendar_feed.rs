//! The private calendar feed: a secret address a calendar app subscribes to, carrying the
//! person's appointments, the replies they are waiting for, and their concerns' deadlines. By
//! default it says only "Heard: appointment" and the like, since calendars are often shared or
//! shown on a locked phone.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use heard_core::Consultation;
use heard_core::letter::LetterStatus;
use heard_core::time::in_london;

use crate::error::AppError;
use crate::form::Fields;
use crate::pages::{DoneQuery, PageContext, Rendered, render};
use crate::state::AppState;
use crate::visitor::CurrentUser;

#[derive(Template)]
#[template(path = "calendar_feed.html")]
struct FeedPage {
    ctx: PageContext,
    done: Option<String>,
    has_feed: bool,
    /// The full address, when there is a feed and Heard knows its own address.
    address: Option<String>,
    show_details: bool,
}

/// The address as the person copies it: absolute, from `--public-url` (see `WebConfig`).
fn address(state: &AppState, headers: &axum::http::HeaderMap, token: &str) -> Option<String> {
    let address = state
        .config
        .absolute_url(headers, &format!("/calendar/{token}.ics"));
    if address.is_none() {
        tracing::warn!(
            "a calendar feed address could not be shown: start Heard with --public-url \
             (HEARD_PUBLIC_URL) set to the address people reach it at"
        );
    }
    address
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: axum::http::HeaderMap,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let feed = state.store.calendar_feed(&user.user.owner).await?;
    let ctx = &user.ctx;
    let done = match q.done.as_deref() {
        Some("created") => Some(ctx.t("calendar-created")),
        Some("replaced") => Some(ctx.t("calendar-replaced")),
        Some("removed") => Some(ctx.t("calendar-removed")),
        Some("saved") => Some(ctx.t("calendar-saved")),
        _ => None,
    };
    let page = FeedPage {
        ctx: ctx.clone(),
        done,
        has_feed: feed.is_some(),
        address: feed
            .as_ref()
            .and_then(|f| address(&state, &headers, &f.token)),
        show_details: feed.is_some_and(|f| f.show_details),
    };
    render(StatusCode::OK, &page)
}

/// Make, replace, turn off, or change what it shows.
pub async fn change(
    State(state): State<AppState>,
    user: CurrentUser,
    fields: Fields,
) -> Result<Response, AppError> {
    let owner = &user.user.owner;
    let now = state.clock.now();
    let done = match fields.get("action") {
        "create" | "replace" => {
            let existing = state.store.calendar_feed(owner).await?;
            let details = existing.as_ref().is_some_and(|f| f.show_details);
            state
                .store
                .replace_calendar_feed(owner, details, now)
                .await?;
            if existing.is_some() {
                "replaced"
            } else {
                "created"
            }
        }
        "remove" => {
            state.store.remove_calendar_feed(owner).await?;
            "removed"
        }
        "details" => {
            state
                .store
                .set_calendar_feed_details(owner, fields.get("details") == "on")
                .await?;
            "saved"
        }
        _ => return Err(AppError::BadRequest),
    };
    Ok(Redirect::to(&format!("/account/calendar?done={done}")).into_response())
}

/// The feed itself, read by a calendar app with no session: the token is the only key.
pub async fn feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let token = file.strip_suffix(".ics").unwrap_or(&file);
    let Some((owner, details)) = state.store.calendar_feed_owner(token).await? else {
        return Err(AppError::NotFound);
    };
    let ctx = PageContext::for_files(&state);
    let now = state.clock.now();
    let today = in_london(now).date();
    let mut events = Vec::new();
    // Appointments from a month back, so a calendar keeps the recent past.
    let from = today.saturating_sub(jiff::Span::new().days(31));
    for c in state.store.list::<Consultation>(&owner).await? {
        if c.value.starts_at.date() >= from {
            events.push(crate::pages::consultations::appointment_event(
                &ctx, &c, details, now,
            ));
        }
    }
    let all = crate::pages::concerns::AllCases::read(&state, &owner).await?;
    for l in &all.letters {
        if let LetterStatus::Sent { .. } = l.value.status
            && let Some(due) = l.value.awaited_reply()
            && due >= from
        {
            let title = state
                .letters
                .template(l.value.kind)
                .map(|t| t.title.clone())
                .unwrap_or_default();
            events.push(heard_docs::CalendarEvent {
                uid: format!("{}-reply@heard", l.id),
                sequence: l.version,
                summary: if details {
                    ctx.t1("calendar-reply-due-for", "title", &title)
                } else {
                    ctx.t("calendar-reply-due")
                },
                description: if details {
                    l.value.subject.clone()
                } else {
                    String::new()
                },
                location: String::new(),
                starts_at: due.at(9, 0, 0, 0),
                duration_minutes: 0,
                all_day: true,
                alarm_minutes_before: None,
                alarm_text: String::new(),
            });
        }
    }
    for d in crate::pages::concerns::upcoming_deadlines(&state, &all.open_cases(), today) {
        events.push(crate::pages::concerns::deadline_event(&ctx, &d, details));
    }
    let mut response = (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            ),
            // Health information: never kept by a proxy or a shared cache.
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("no-store, private"),
            ),
        ],
        heard_docs::calendar(&events, now),
    )
        .into_response();
    response.extensions_mut().insert(Rendered);
    Ok(response)
}
