//! The friendly error page: what happened in plain words, what to do, and a reference.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::{PageContext, render};
use crate::i18n::LocaleChoice;
use crate::state::AppState;
use crate::visitor::{Visitor, Who};

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    ctx: PageContext,
    title: String,
    body: String,
    reference: Option<String>,
}

pub fn page(
    state: &AppState,
    visitor: Option<&Visitor>,
    path: &str,
    status: StatusCode,
    reference: &str,
) -> Response {
    // Without a visitor (the failure came before we knew who it was) the page has no forms.
    let visitor = visitor.cloned().unwrap_or(Visitor {
        who: Who::SignedOut {
            csrf: String::new(),
            session_ended: false,
        },
        locale: LocaleChoice::default(),
    });
    let ctx = visitor.page_context(state, path);
    let (title, body) = match status {
        StatusCode::NOT_FOUND => ("error-not-found-title", "error-not-found-body"),
        StatusCode::FORBIDDEN => ("error-forbidden-title", "error-forbidden-body"),
        StatusCode::PAYLOAD_TOO_LARGE => ("error-too-large-title", "error-too-large-body"),
        s if s.is_client_error() => ("error-bad-request-title", "error-bad-request-body"),
        _ => ("error-internal-title", "error-internal-body"),
    };
    let page = ErrorPage {
        title: ctx.t(title),
        body: ctx.t(body),
        reference: status
            .is_server_error()
            .then(|| ctx.t1("error-reference", "reference", reference)),
        ctx,
    };
    match render(status, &page) {
        Ok(response) => response,
        // The error page itself failed: plain words, still nothing internal.
        Err(_) => (
            status,
            "Sorry, something went wrong. Please try again later.",
        )
            .into_response(),
    }
}
