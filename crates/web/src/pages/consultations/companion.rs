//! Someone coming along, and what they will do.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use heard_core::Consultation;
use heard_core::choice::Choice;
use heard_core::consultation::{Companion, CompanionRole};
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
#[template(path = "consultation_companion.html")]
struct CompanionPage {
    ctx: PageContext,
    id: String,
    caption: String,
    version: i64,
    from_summary: bool,
    changed_elsewhere: bool,
    /// Not `name`: a macro parameter of that name would hide it in the template.
    companion_name: String,
    relationship: String,
    roles: Vec<ChoiceOption>,
    speak_about: String,
    skip: String,
    errors: FormErrors,
}

fn companion_page(
    ctx: PageContext,
    s: &Stored<Consultation>,
    c: &Companion,
    from_summary: bool,
) -> CompanionPage {
    CompanionPage {
        caption: caption(&ctx, &s.value),
        roles: options(&ctx, "companion-role", &c.roles),
        ctx,
        id: s.id.to_string(),
        version: s.version,
        from_summary,
        changed_elsewhere: false,
        companion_name: c.name.clone(),
        relationship: c.relationship.clone(),
        speak_about: c.speak_about.clone(),
        skip: next_step_url(&s.id.to_string(), "companion"),
        errors: FormErrors::default(),
    }
}

pub async fn companion_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<FromQuery>,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let companion = s.value.companion.clone().unwrap_or_default();
    render(
        StatusCode::OK,
        &companion_page(user.ctx.clone(), &s, &companion, q.came_from_summary()),
    )
}

pub async fn companion_save(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    fields: Fields,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let from_summary = fields.get("from") == "summary";
    let companion = if fields.has("nobody") {
        None
    } else {
        let c = Companion {
            name: truncate(fields.get("name").trim(), 200),
            relationship: truncate(fields.get("relationship").trim(), 200),
            roles: fields
                .all("roles")
                .into_iter()
                .filter_map(CompanionRole::from_id)
                .collect(),
            speak_about: truncate(&tidy(fields.get("speak_about")), 1000),
        };
        if let Err(problem) = c.check() {
            let mut page = companion_page(user.ctx.clone(), &s, &c, from_summary);
            let field = match problem {
                heard_core::consultation::CompanionProblem::NameMissing => "name",
                heard_core::consultation::CompanionProblem::SpeakAboutMissing => "speak_about",
                _ => "roles",
            };
            page.errors.add(field, user.ctx.t(&problem.to_string()));
            return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
        Some(c)
    };
    let saved = save_step(&state, &user, s.clone(), fields.get("version"), |c| {
        c.companion = companion.clone()
    })
    .await?;
    step_saved(saved, &id, "companion", from_summary, || {
        companion_page(
            user.ctx.clone(),
            &s,
            &companion.unwrap_or_default(),
            from_summary,
        )
    })
}

crate::pages::versioned_form!(CompanionPage);
