//! The goal: what the person most wants from the appointment.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use heard_core::Consultation;
use heard_core::choice::Choice;
use heard_core::consultation::{Goal, GoalChoice};
use heard_store::Stored;

use super::{FromQuery, caption, load, next_step_url, save_step, step_saved, too_long};
use crate::error::AppError;
use crate::form::{Fields, tidy};
use crate::pages::widgets::{ChoiceOption, options};
use crate::pages::{FormErrors, PageContext, render};
use crate::state::AppState;
use crate::visitor::CurrentUser;

#[derive(Template)]
#[template(path = "consultation_goal.html")]
struct GoalPage {
    ctx: PageContext,
    id: String,
    caption: String,
    version: i64,
    from_summary: bool,
    changed_elsewhere: bool,
    choices: Vec<ChoiceOption>,
    own_words: String,
    skip: String,
    errors: FormErrors,
}

fn goal_page(
    ctx: PageContext,
    s: &Stored<Consultation>,
    goal: &Goal,
    from_summary: bool,
) -> GoalPage {
    GoalPage {
        caption: caption(&ctx, &s.value),
        choices: options(&ctx, "goal", &goal.choices),
        ctx,
        id: s.id.to_string(),
        version: s.version,
        from_summary,
        changed_elsewhere: false,
        own_words: goal.own_words.clone(),
        skip: next_step_url(&s.id.to_string(), "goal"),
        errors: FormErrors::default(),
    }
}

pub async fn goal_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<FromQuery>,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    render(
        StatusCode::OK,
        &goal_page(user.ctx.clone(), &s, &s.value.goal, q.came_from_summary()),
    )
}

pub async fn goal_save(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    fields: Fields,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let from_summary = fields.get("from") == "summary";
    let goal = Goal {
        choices: fields
            .all("goal")
            .into_iter()
            .filter_map(GoalChoice::from_id)
            .collect(),
        own_words: tidy(fields.get("own_words")),
    };
    if too_long(&goal.own_words) {
        let mut page = goal_page(user.ctx.clone(), &s, &goal, from_summary);
        page.errors.add("own_words", user.ctx.t("goal-too-long"));
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    let saved = save_step(&state, &user, s.clone(), fields.get("version"), |c| {
        c.goal = goal.clone()
    })
    .await?;
    step_saved(saved, &id, "goal", from_summary, || {
        goal_page(user.ctx.clone(), &s, &goal, from_summary)
    })
}

crate::pages::versioned_form!(GoalPage);
