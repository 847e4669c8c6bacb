//! Layers every response passes through: a reference per request, security headers, and
//! friendly error pages in place of any bare error.

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::error::Failure;
use crate::pages::{self, Rendered};
use crate::state::AppState;
use crate::visitor::Visitor;

/// A short reference for one request, shown on error pages and written in the logs, so a
/// person can quote it and an operator can find what happened.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

impl RequestId {
    fn new() -> Self {
        const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        let mut bytes = [0u8; 8];
        rand::fill(&mut bytes);
        Self(
            bytes
                .iter()
                .map(|b| ALPHABET[usize::from(b % 32)] as char)
                .collect(),
        )
    }
}

pub async fn request_id(mut req: Request, next: Next) -> Response {
    let id = RequestId::new();
    req.extensions_mut().insert(id);
    next.run(req).await
}

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
                   connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; \
                   object-src 'none'; manifest-src 'self'";

pub async fn headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
    );
    if state.config.secure_cookies {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(if state.config.hsts_include_subdomains {
                "max-age=31536000; includeSubDomains"
            } else {
                "max-age=31536000"
            }),
        );
    }
    response
}

/// Replaces every error response that is not one of our own pages (a failed handler, an
/// unknown path, a body axum could not parse) with a friendly page. No error text from a
/// library ever reaches the browser.
pub async fn error_pages(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let reference = req
        .extensions()
        .get::<RequestId>()
        .map(|r| r.0.clone())
        .unwrap_or_default();
    let path = req.uri().path().to_owned();
    let response = next.run(req).await;
    let status = response.status();
    if status.as_u16() < 400 || response.extensions().get::<Rendered>().is_some() {
        return response;
    }
    if status.is_server_error() && response.extensions().get::<Failure>().is_none() {
        tracing::error!(status = status.as_u16(), "request failed");
    }
    let visitor = response.extensions().get::<Visitor>().cloned();
    let (parts, _) = response.into_parts();
    let status = match status {
        // An unknown method on a known path is, to a person, a page that is not there.
        StatusCode::METHOD_NOT_ALLOWED => StatusCode::NOT_FOUND,
        // Axum's rejections of a form or path it could not parse.
        StatusCode::UNPROCESSABLE_ENTITY | StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            StatusCode::BAD_REQUEST
        }
        other => other,
    };
    let mut page = pages::errors::page(&state, visitor.as_ref(), &path, status, &reference);
    // Keep the cookies the layers below set (a new CSRF token, a cleared session).
    for value in parts.headers.get_all(header::SET_COOKIE) {
        page.headers_mut().append(header::SET_COOKIE, value.clone());
    }
    page.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    page
}
