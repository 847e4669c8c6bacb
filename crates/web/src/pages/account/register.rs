//! Creating an account.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use heard_core::time::in_london;
use heard_core::{NewPassword, PasswordProblem, Username};
use heard_store::StoreError;
use serde::Deserialize;

use super::sign_in::signed_in_redirect;
use crate::error::AppError;
use crate::pages::{FormErrors, PageContext, render_or_error};
use crate::state::AppState;
use crate::visitor::{AnyVisitor, ClientAddress};

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
