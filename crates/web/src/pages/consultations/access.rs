//! Interpreter and access needs.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use heard_core::Consultation;
use heard_core::choice::Choice;
use heard_core::consultation::{Access, AccessNeed, Interpreter};
use heard_store::Stored;

use super::details::truncate;
use super::{FromQuery, caption, load, next_step_url, save_step, step_saved};
use crate::error::AppError;
use crate::form::{Fields, tidy};
use crate::pages::widgets::{ChoiceOption, options};
use crate::pages::{FormErrors, PageContext, render};
use crate::state::AppState;
use crate::visitor::CurrentUser;

#[derive(Template)]
#[template(path = "consultation_access.html")]
struct AccessPage {
    ctx: PageContext,
    id: String,
    caption: String,
    version: i64,
    from_summary: bool,
    changed_elsewhere: bool,
    interpreter: &'static str,
    language: String,
    needs: Vec<ChoiceOption>,
    other: String,
    skip: String,
    errors: FormErrors,
}

fn access_page(
    ctx: PageContext,
    s: &Stored<Consultation>,
    a: &Access,
    from_summary: bool,
) -> AccessPage {
    let (interpreter, language) = match &a.interpreter {
        None => ("none", String::new()),
        Some(Interpreter::Spoken(l)) => ("spoken", l.clone()),
        Some(Interpreter::BritishSignLanguage) => ("bsl", String::new()),
    };
    AccessPage {
        caption: caption(&ctx, &s.value),
        needs: options(&ctx, "access", &a.needs),
        ctx,
        id: s.id.to_string(),
        version: s.version,
        from_summary,
        changed_elsewhere: false,
        interpreter,
        language,
        other: a.other.clone(),
        skip: next_step_url(&s.id.to_string(), "access"),
        errors: FormErrors::default(),
    }
}

pub async fn access_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<FromQuery>,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    render(
        StatusCode::OK,
        &access_page(user.ctx.clone(), &s, &s.value.access, q.came_from_summary()),
    )
}

pub async fn access_save(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    fields: Fields,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let from_summary = fields.get("from") == "summary";
    let language = truncate(fields.get("language").trim(), 100);
    let access = Access {
        interpreter: match fields.get("interpreter") {
            "spoken" => Some(Interpreter::Spoken(language.clone())),
            "bsl" => Some(Interpreter::BritishSignLanguage),
            _ => None,
        },
        needs: fields
            .all("needs")
            .into_iter()
            .filter_map(AccessNeed::from_id)
            .collect(),
        other: truncate(&tidy(fields.get("other")), 1000),
    };
    if fields.get("interpreter") == "spoken" && language.is_empty() {
        let mut page = access_page(user.ctx.clone(), &s, &access, from_summary);
        page.errors
            .add("language", user.ctx.t("access-language-missing"));
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    let saved = save_step(&state, &user, s.clone(), fields.get("version"), |c| {
        c.access = access.clone()
    })
    .await?;
    step_saved(saved, &id, "access", from_summary, || {
        access_page(user.ctx.clone(), &s, &access, from_summary)
    })
}

crate::pages::versioned_form!(AccessPage);
