//! Signing in: the form, the throttled check, the device remembered, and the session cookie.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use heard_core::time::in_london;
use heard_store::{DeviceToken, SessionToken, SignInRefused, SignedInDevice};
use serde::Deserialize;

use crate::error::AppError;
use crate::pages::kept::{SignInPage, resume};
use crate::pages::{FormErrors, render_or_error};
use crate::paths::local_path;
use crate::state::AppState;
use crate::visitor::{AnyVisitor, ClientAddress, CookieNames, cookie};

#[derive(Deserialize)]
pub struct SignInQuery {
    next: Option<String>,
}

pub async fn sign_in_form(visitor: AnyVisitor, Query(query): Query<SignInQuery>) -> Response {
    if visitor.ctx.signed_in() {
        return Redirect::to("/dashboard").into_response();
    }
    let notice = match (visitor.visitor.session_ended(), &query.next) {
        (true, _) => Some(visitor.ctx.tn(
            "sign-in-session-ended",
            "minutes",
            visitor.ctx.idle_minutes,
        )),
        (_, Some(_)) => Some(visitor.ctx.t("sign-in-needed")),
        _ => None,
    };
    render_or_error(
        StatusCode::OK,
        &SignInPage {
            ctx: visitor.ctx,
            username: String::new(),
            next: local_path(query.next.as_deref()).unwrap_or_default(),
            notice,
            errors: FormErrors::default(),
            kept: String::new(),
            kept_action: String::new(),
        },
    )
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
    #[serde(default)]
    kept: String,
    #[serde(default)]
    kept_action: String,
}

pub async fn sign_in(
    State(state): State<AppState>,
    visitor: AnyVisitor,
    client: ClientAddress,
    headers: HeaderMap,
    Form(form): Form<SignInForm>,
) -> Result<Response, AppError> {
    let ctx = visitor.ctx;
    let mut errors = FormErrors::default();
    if form.username.trim().is_empty() {
        errors.add("username", ctx.t("sign-in-enter-username"));
    }
    if form.password.is_empty() {
        errors.add("password", ctx.t("sign-in-enter-password"));
    }
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    let now = state.clock.now();
    if errors.is_empty() {
        let names = CookieNames::new(state.config.secure_cookies);
        let devices = device_tokens(&headers, &names);
        match state
            .store
            .sign_in(&form.username, &form.password, &client.0, &devices, now)
            .await
        {
            Ok(SignedInDevice {
                token,
                signed_in,
                device,
            }) => {
                let device_cookie = remember_device(&names, &devices, &device);
                // One session per browser: the old one, if any, ends here.
                if let Some(old) = cookie(&headers, names.session) {
                    state
                        .store
                        .end_session(&SessionToken::from_cookie(old))
                        .await?;
                }
                let kept_action = local_path(Some(&form.kept_action));
                if let (Some(action), false) = (kept_action, form.kept.is_empty()) {
                    let fields: Vec<(String, String)> =
                        serde_urlencoded::from_str(&form.kept).unwrap_or_default();
                    let ctx = visitor
                        .visitor
                        .now_signed_in(signed_in.into())
                        .page_context(&state, &action);
                    let mut page = resume(
                        &ctx,
                        &action,
                        &fields,
                        "resume-title",
                        "resume-lead",
                        StatusCode::OK,
                    );
                    page.headers_mut()
                        .append(header::SET_COOKIE, session_cookie(&state, &token));
                    page.headers_mut().append(header::SET_COOKIE, device_cookie);
                    return Ok(page);
                }
                let next = local_path(Some(&form.next)).unwrap_or_else(|| "/dashboard".to_owned());
                let mut response = signed_in_redirect(&state, &token, &next);
                response
                    .headers_mut()
                    .append(header::SET_COOKIE, device_cookie);
                return Ok(response);
            }
            Err(SignInRefused::WrongUsernameOrPassword) => {
                errors.add("username", ctx.t("sign-in-wrong"));
            }
            Err(SignInRefused::Paused { until }) => {
                let wait = until.duration_since(now).as_secs().max(1);
                let message = if wait < 120 {
                    ctx.tn("sign-in-wait-seconds", "seconds", wait)
                } else {
                    let time = ctx.clock_time(&in_london(until));
                    ctx.t1("sign-in-paused", "time", &time)
                };
                errors.add("username", message);
                status = StatusCode::TOO_MANY_REQUESTS;
            }
            Err(SignInRefused::Store(e)) => return Err(e.into()),
        }
    }
    Ok(render_or_error(
        status,
        &SignInPage {
            ctx,
            username: form.username.clone(),
            next: local_path(Some(&form.next)).unwrap_or_default(),
            notice: None,
            errors,
            kept: form.kept.clone(),
            kept_action: form.kept_action.clone(),
        },
    ))
}

/// The device tokens this browser holds (see `heard_store::DeviceToken`): one for each account
/// signed in on it lately, at most `DEVICE_TOKENS_KEPT`.
fn device_tokens(headers: &HeaderMap, names: &CookieNames) -> Vec<DeviceToken> {
    cookie(headers, names.device)
        .map(|value| {
            value
                .split('~')
                .filter(|t| t.len() <= 80 && t.bytes().all(|b| b.is_ascii_hexdigit() || b == b'.'))
                .take(DEVICE_TOKENS_KEPT)
                .map(DeviceToken::from_cookie)
                .collect()
        })
        .unwrap_or_default()
}

const DEVICE_TOKENS_KEPT: usize = 5;

/// The device cookie with the new token first, the oldest dropped past the limit.
fn remember_device(names: &CookieNames, held: &[DeviceToken], new: &DeviceToken) -> HeaderValue {
    let value = std::iter::once(new.as_str())
        .chain(held.iter().map(DeviceToken::as_str))
        .take(DEVICE_TOKENS_KEPT)
        .collect::<Vec<_>>()
        .join("~");
    names.set_lasting(names.device, &value)
}

fn session_cookie(state: &AppState, token: &SessionToken) -> HeaderValue {
    let names = CookieNames::new(state.config.secure_cookies);
    names.set(names.session, token.as_str())
}

pub(super) fn signed_in_redirect(state: &AppState, token: &SessionToken, to: &str) -> Response {
    let mut response = Redirect::to(to).into_response();
    response
        .headers_mut()
        .append(header::SET_COOKIE, session_cookie(state, token));
    response
}
