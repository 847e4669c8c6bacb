//! Creating an account, signing in and out, staying signed in, and carrying a form through a
//! session that ended.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use heard_core::time::in_london;
use heard_core::{NewPassword, PasswordProblem, Username};
use heard_store::{DeviceToken, SessionToken, SignInRefused, SignedInDevice, StoreError};
use serde::Deserialize;

use super::{FormErrors, PageContext, json_status, render_or_error};
use crate::error::AppError;
use crate::state::AppState;
use crate::visitor::{AnyVisitor, ClientAddress, CookieNames, CurrentUser, cookie, local_path};

#[derive(Template)]
#[template(path = "register.html")]
struct RegisterPage {
    ctx: PageContext,
    username: String,
    errors: FormErrors,
    password_advice: Vec<String>,
}

#[derive(Deserialize)]
pub struct RegisterForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

pub async fn register_form(visitor: AnyVisitor) -> Response {
    if visitor.ctx.signed_in() {
        return Redirect::to("/dashboard").into_response();
    }
    render_or_error(
        StatusCode::OK,
        &RegisterPage {
            ctx: visitor.ctx,
            username: String::new(),
            errors: FormErrors::default(),
            password_advice: Vec::new(),
        },
    )
}

pub async fn register(
    State(state): State<AppState>,
    visitor: AnyVisitor,
    client: ClientAddress,
    Form(form): Form<RegisterForm>,
) -> Result<Response, AppError> {
    let ctx = visitor.ctx;
    let mut errors = FormErrors::default();
    let mut password_advice = Vec::new();
    let username = Username::parse(&form.username);
    if let Err(problem) = &username {
        errors.add("username", ctx.t(&problem.to_string()));
    }
    let context: Vec<&str> = vec![form.username.trim(), "heard"];
    let password = match NewPassword::parse(&form.password, &context) {
        Ok(password) => Some(password),
        Err(problem) => {
            let message = match problem {
                PasswordProblem::Missing => ctx.t("password-missing"),
                PasswordProblem::TooShort => ctx.t("password-too-short"),
                PasswordProblem::TooLong => ctx.t("password-too-long"),
                PasswordProblem::TooEasyToGuess {
                    warning,
                    suggestions,
                } => {
                    password_advice = warning
                        .into_iter()
                        .chain(suggestions)
                        .map(|id| ctx.t(id))
                        .collect();
                    ctx.t("password-too-easy")
                }
            };
            errors.add("password", message);
            None
        }
    };
    if password.is_some() {
        if form.password_confirm.is_empty() {
            errors.add(
                "password_confirm",
                ctx.t("register-password-confirm-missing"),
            );
        } else if form.password_confirm != form.password {
            errors.add("password_confirm", ctx.t("register-password-mismatch"));
        }
    }
    let again = |ctx, errors, password_advice| {
        render_or_error(
            StatusCode::UNPROCESSABLE_ENTITY,
            &RegisterPage {
                ctx,
                username: form.username.clone(),
                errors,
                password_advice,
            },
        )
    };
    let (Ok(username), Some(password), true) = (username, password, errors.is_empty()) else {
        return Ok(again(ctx, errors, password_advice));
    };
    let now = state.clock.now();
    let user_id = match state
        .store
        .register(&username, &password, &client.0, now)
        .await
    {
        Ok(id) => id,
        Err(StoreError::UsernameTaken) => {
            errors.add("username", ctx.t("register-username-taken"));
            return Ok(again(ctx, errors, password_advice));
        }
        Err(StoreError::Throttled { until }) => {
            let time = ctx.clock_time(&in_london(until));
            errors.add("username", ctx.t1("register-too-many", "time", &time));
            return Ok(render_or_error(
                StatusCode::TOO_MANY_REQUESTS,
                &RegisterPage {
                    ctx,
                    username: form.username.clone(),
                    errors,
                    password_advice,
                },
            ));
        }
        Err(e) => return Err(e.into()),
    };
    let (token, _) = state.store.start_session(user_id, now).await?;
    Ok(signed_in_redirect(
        &state,
        &token,
        "/dashboard?done=registered",
    ))
}

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    ctx: PageContext,
    username: String,
    next: String,
    notice: Option<String>,
    errors: FormErrors,
    /// A form that was being sent when the session ended, carried through sign-in.
    kept: String,
    kept_action: String,
}

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
                    let ctx = PageContext::new(
                        &state,
                        &visitor.visitor.now_signed_in(signed_in.into()),
                        &action,
                    );
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

fn signed_in_redirect(state: &AppState, token: &SessionToken, to: &str) -> Response {
    let mut response = Redirect::to(to).into_response();
    response
        .headers_mut()
        .append(header::SET_COOKIE, session_cookie(state, token));
    response
}

/// Ends the session on the server and in the browser.
pub async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let names = CookieNames::new(state.config.secure_cookies);
    if let Some(token) = cookie(&headers, names.session) {
        state
            .store
            .end_session(&SessionToken::from_cookie(token))
            .await?;
    }
    let mut response = Redirect::to("/?signed_out=1").into_response();
    response
        .headers_mut()
        .append(header::SET_COOKIE, names.clear(names.session));
    // Tells the browser to forget anything this site stored, including notes waiting to be
    // sent from this device.
    response.headers_mut().insert(
        "clear-site-data",
        HeaderValue::from_static("\"cache\", \"storage\""),
    );
    Ok(response)
}

#[derive(Deserialize)]
pub struct KeepAliveForm {
    #[serde(default)]
    return_to: String,
}

/// "Stay signed in": the request itself renews the session. Scripts get the new time left;
/// without scripts, the person goes back to the page they were on.
pub async fn keep_alive(
    user: CurrentUser,
    headers: HeaderMap,
    Form(form): Form<KeepAliveForm>,
) -> Response {
    let wants_json = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("application/json"));
    if wants_json {
        let mut response = json_status(StatusCode::OK, "signed-in");
        if let Ok(v) = HeaderValue::from_str(&user.ctx.idle_seconds.to_string()) {
            response.headers_mut().insert("x-idle-seconds", v);
        }
        return response;
    }
    Redirect::to(&local_path(Some(&form.return_to)).unwrap_or_else(|| "/dashboard".to_owned()))
        .into_response()
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
fn resume(
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
