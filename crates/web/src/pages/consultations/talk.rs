//! Talking it through, and the optional check of expectations.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use heard_core::Consultation;
use heard_core::choice::Choice;
use heard_core::consultation::{AssumptionAnswer, AssumptionPrompt};
use heard_store::Stored;

use super::details::truncate;
use super::{
    FromQuery, MAX_NOTE_CHARS, Saved, caption, load, next_step_url, save_step, step_saved, too_long,
};
use crate::error::AppError;
use crate::form::{Fields, tidy};
use crate::pages::widgets::label;
use crate::pages::{FormErrors, PageContext, render, show_changed_elsewhere};
use crate::state::AppState;
use crate::visitor::CurrentUser;

#[derive(Template)]
#[template(path = "consultation_talk.html")]
struct TalkPage {
    ctx: PageContext,
    id: String,
    caption: String,
    version: i64,
    from_summary: bool,
    changed_elsewhere: bool,
    say_first: String,
    notes: String,
    skip: String,
    errors: FormErrors,
}

fn talk_page(
    ctx: PageContext,
    s: &Stored<Consultation>,
    say_first: &str,
    notes: &str,
    from_summary: bool,
) -> TalkPage {
    TalkPage {
        caption: caption(&ctx, &s.value),
        ctx,
        id: s.id.to_string(),
        version: s.version,
        from_summary,
        changed_elsewhere: false,
        say_first: say_first.to_owned(),
        notes: notes.to_owned(),
        skip: next_step_url(&s.id.to_string(), "talk"),
        errors: FormErrors::default(),
    }
}

pub async fn talk_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<FromQuery>,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let page = talk_page(
        user.ctx.clone(),
        &s,
        &s.value.say_first,
        &s.value.rehearsal_notes,
        q.came_from_summary(),
    );
    render(StatusCode::OK, &page)
}

pub async fn talk_save(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    fields: Fields,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let from_summary = fields.get("from") == "summary";
    let (say_first, notes) = (tidy(fields.get("say_first")), tidy(fields.get("notes")));
    let mut page = talk_page(user.ctx.clone(), &s, &say_first, &notes, from_summary);
    for (field, text) in [("say_first", &say_first), ("notes", &notes)] {
        if too_long(text) {
            page.errors.add(field, user.ctx.t("talk-too-long"));
        }
    }
    if !page.errors.is_empty() {
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    let saved = save_step(&state, &user, s.clone(), fields.get("version"), |c| {
        c.say_first = say_first.clone();
        c.rehearsal_notes = notes.clone();
    })
    .await?;
    step_saved(saved, &id, "talk", from_summary, || page)
}

#[derive(Template)]
#[template(path = "consultation_assumptions.html")]
struct AssumptionsPage {
    ctx: PageContext,
    id: String,
    caption: String,
    version: i64,
    changed_elsewhere: bool,
    prompts: Vec<PromptView>,
    errors: FormErrors,
}

struct PromptView {
    name: &'static str,
    label: String,
    answer: String,
}

fn assumptions_page(
    ctx: PageContext,
    s: &Stored<Consultation>,
    answers: &[AssumptionAnswer],
) -> AssumptionsPage {
    let prompts = AssumptionPrompt::ALL
        .iter()
        .map(|p| PromptView {
            name: p.id(),
            label: label(&ctx, "assumptions", *p),
            answer: answers
                .iter()
                .find(|a| a.prompt == *p)
                .map(|a| a.answer.clone())
                .unwrap_or_default(),
        })
        .collect();
    AssumptionsPage {
        caption: caption(&ctx, &s.value),
        ctx,
        id: s.id.to_string(),
        version: s.version,
        changed_elsewhere: false,
        prompts,
        errors: FormErrors::default(),
    }
}

pub async fn assumptions_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    render(
        StatusCode::OK,
        &assumptions_page(user.ctx.clone(), &s, &s.value.assumptions),
    )
}

pub async fn assumptions_save(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    fields: Fields,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let answers: Vec<AssumptionAnswer> = AssumptionPrompt::ALL
        .iter()
        .map(|p| AssumptionAnswer {
            prompt: *p,
            answer: truncate(&tidy(fields.get(p.id())), MAX_NOTE_CHARS),
        })
        .filter(|a| !a.answer.is_empty())
        .collect();
    let saved = save_step(&state, &user, s.clone(), fields.get("version"), |c| {
        c.assumptions = answers.clone()
    })
    .await?;
    match saved {
        Saved::Done => Ok(Redirect::to(&format!("/consultations/{id}?done=saved")).into_response()),
        Saved::ChangedElsewhere(latest) => {
            show_changed_elsewhere(assumptions_page(user.ctx.clone(), &s, &answers), latest)
        }
    }
}

crate::pages::versioned_form!(TalkPage, AssumptionsPage);
