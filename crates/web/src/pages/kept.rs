//! A form that arrived after its session ended, or without a valid token: nothing is changed,
//! and what the person typed is carried through signing in (never a password) or shown again to
//! send. The visitor layer calls these, so they live apart from the account pages.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;

use super::{FormErrors, PageContext, render_or_error};
use crate::paths::local_path;

/// The sign-in page: the account pages show it, and so does a form kept through sign-in.
#[derive(Template)]
#[template(path = "sign_in.html")]
pub struct SignInPage {
    pub ctx: PageContext,
    pub username: String,
    pub next: String,
    pub notice: Option<String>,
    pub errors: FormErrors,
    /// A form that was being sent when the session ended, carried through sign-in.
    pub kept: String,
    pub kept_action: String,
}

/// A form arrived after its session ended. Nothing is changed; the person signs in again and
/// what they typed comes through with them (never a password).
pub fn signed_out_mid_form(
    ctx: &PageContext,
    action: &str,
    fields: &[(String, String)],
) -> Response {
    let mut kept: Vec<(&str, &str)> = kept_fields(fields).collect();
    // "Stay signed in" and the like carry nothing typed: just bring the person back.
    let next = fields
        .iter()
        .find(|(k, _)| k == "return_to")
        .and_then(|(_, v)| local_path(Some(v)))
        .unwrap_or_default();
    if !kept.iter().any(|(name, value)| is_typed(name, value)) {
        kept.clear();
    }
    let page = SignInPage {
        ctx: ctx.clone(),
        username: String::new(),
        next,
        notice: Some(if kept.is_empty() {
            ctx.tn("sign-in-session-ended", "minutes", ctx.idle_minutes)
        } else {
            ctx.t("sign-in-kept")
        }),
        errors: FormErrors::default(),
        kept: serde_urlencoded::to_string(&kept).unwrap_or_default(),
        kept_action: if kept.is_empty() {
            String::new()
        } else {
            action.to_owned()
        },
    };
    render_or_error(StatusCode::UNAUTHORIZED, &page)
}

/// Whether a field holds something the person typed, rather than an id or version that travels
/// with the form.
fn is_typed(name: &str, value: &str) -> bool {
    !matches!(name, "id" | "version" | "return_to") && !value.trim().is_empty()
}

/// The fields worth carrying: not the old token, never a password.
fn kept_fields(fields: &[(String, String)]) -> impl Iterator<Item = (&str, &str)> {
    fields
        .iter()
        .filter(|(k, _)| k != "csrf" && !k.contains("password"))
        .map(|(k, v)| (k.as_str(), v.as_str()))
}

#[derive(Template)]
#[template(path = "resume.html")]
struct ResumePage {
    ctx: PageContext,
    title: String,
    lead: String,
    action: String,
    fields: Vec<KeptField>,
}

struct KeptField {
    name: String,
    value: String,
    /// Technical fields (ids, versions) travel hidden; what the person typed is shown.
    shown: bool,
}

/// A page that shows what someone typed and sends it again with a fresh token.
pub(super) fn resume(
    ctx: &PageContext,
    action: &str,
    fields: &[(String, String)],
    title: &str,
    lead: &str,
    status: StatusCode,
) -> Response {
    let page = ResumePage {
        ctx: ctx.clone(),
        title: ctx.t(title),
        lead: ctx.t(lead),
        action: action.to_owned(),
        fields: kept_fields(fields)
            .map(|(name, value)| KeptField {
                name: name.to_owned(),
                value: value.to_owned(),
                shown: is_typed(name, value),
            })
            .collect(),
    };
    render_or_error(status, &page)
}

/// A signed-in person's form carried a token from an older session.
pub fn resend(ctx: &PageContext, action: &str, fields: &[(String, String)]) -> Response {
    resume(
        ctx,
        action,
        fields,
        "resend-title",
        "resend-lead",
        StatusCode::FORBIDDEN,
    )
}
