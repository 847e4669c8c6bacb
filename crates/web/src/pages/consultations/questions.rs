//! A consultation's questions: the person's own and ones from the bank, in the order they will
//! be asked, with up to three marked as most important.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use heard_core::Consultation;
use heard_core::consultation::{Direction, QuestionProblem, QuestionTimeHint};
use heard_store::Stored;
use serde::Deserialize;
use uuid::Uuid;

use super::{apply, caption, load, next_step_url};
use crate::error::AppError;
use crate::form::Fields;
use crate::pages::{FormErrors, PageContext, parse_id, render};
use crate::state::AppState;
use crate::visitor::CurrentUser;

struct QuestionView {
    id: String,
    number: usize,
    text: String,
    important: bool,
    can_up: bool,
    can_down: bool,
}

#[derive(Template)]
#[template(path = "consultation_questions.html")]
struct QuestionsPage {
    ctx: PageContext,
    id: String,
    caption: String,
    hint: String,
    questions: Vec<QuestionView>,
    important_count: usize,
    new_text: String,
    new_id: String,
    next: String,
    done: Option<String>,
    errors: FormErrors,
}

fn questions_page(
    ctx: PageContext,
    s: &Stored<Consultation>,
    done: Option<String>,
) -> QuestionsPage {
    let qs = &s.value.questions;
    let hint = s.value.question_time_hint();
    let hint_id = match hint {
        QuestionTimeHint::Short => "questions-hint-short",
        QuestionTimeHint::Medium => "questions-hint-medium",
        QuestionTimeHint::Long => "questions-hint-long",
    };
    QuestionsPage {
        caption: caption(&ctx, &s.value),
        hint: ctx.tn(hint_id, "count", hint.about()),
        questions: qs
            .iter()
            .enumerate()
            .map(|(i, q)| QuestionView {
                id: q.id.to_string(),
                number: i + 1,
                text: q.text.clone(),
                important: q.important,
                can_up: qs.can_move(q.id, Direction::Up),
                can_down: qs.can_move(q.id, Direction::Down),
            })
            .collect(),
        important_count: qs.important_count(),
        new_text: String::new(),
        new_id: Uuid::new_v4().to_string(),
        next: next_step_url(&s.id.to_string(), "questions"),
        done,
        ctx,
        id: s.id.to_string(),
        errors: FormErrors::default(),
    }
}

#[derive(Deserialize)]
pub struct BankQuery {
    done: Option<String>,
    topic: Option<String>,
    q: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(query): Query<BankQuery>,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let done = match query.done.as_deref() {
        Some("added") => Some(user.ctx.t("questions-added")),
        Some("removed") => Some(user.ctx.t("questions-removed")),
        Some(problem) if problem.starts_with("question-") => Some(user.ctx.t(problem)),
        _ => None,
    };
    render(StatusCode::OK, &questions_page(user.ctx.clone(), &s, done))
}

/// Adds the person's own question. The form carries an id made when it was shown, so sending
/// it twice adds it once.
pub async fn add(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    fields: Fields,
) -> Result<Response, AppError> {
    let record = parse_id(&id)?;
    let question_id = Uuid::parse_str(fields.get("id")).unwrap_or_else(|_| Uuid::new_v4());
    let text = fields.get("text").to_owned();
    match apply(&state, &user, record, |c| {
        c.questions.add(question_id, &text, None)
    })
    .await?
    {
        Ok(_) => Ok(Redirect::to(&format!(
            "/consultations/{id}/questions?done=added#question-{question_id}"
        ))
        .into_response()),
        Err(problem) => {
            let s = load(&state, &user, &id).await?;
            let mut page = questions_page(user.ctx.clone(), &s, None);
            page.new_text = text;
            page.new_id = question_id.to_string();
            page.errors.add("text", user.ctx.t(&problem.to_string()));
            render(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}

/// Buttons on each question: move up or down, mark or unmark as most important, remove.
pub async fn act(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, question)): Path<(String, String)>,
    fields: Fields,
) -> Result<Response, AppError> {
    let record = parse_id(&id)?;
    let question = Uuid::parse_str(&question).map_err(|_| AppError::NotFound)?;
    let action = fields.get("action").to_owned();
    let result = apply(&state, &user, record, |c: &mut Consultation| {
        match action.as_str() {
            "up" => c.questions.move_question(question, Direction::Up),
            "down" => c.questions.move_question(question, Direction::Down),
            "important" => c.questions.set_important(question, true),
            "ordinary" => c.questions.set_important(question, false),
            "remove" => c.questions.remove(question),
            _ => Err(QuestionProblem::NotFound),
        }
    })
    .await?;
    let back = format!("/consultations/{id}/questions");
    Ok(match (result, action.as_str()) {
        (Ok(_), "remove") => Redirect::to(&format!("{back}?done=removed#questions")),
        (Ok(_), _) => Redirect::to(&format!("{back}#question-{question}")),
        (Err(problem), _) => Redirect::to(&format!("{back}?done={problem}#questions")),
    }
    .into_response())
}

#[derive(Template)]
#[template(path = "consultation_question_edit.html")]
struct EditPage {
    ctx: PageContext,
    id: String,
    caption: String,
    question: String,
    text: String,
    errors: FormErrors,
}

pub async fn edit_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, question)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let qid = Uuid::parse_str(&question).map_err(|_| AppError::NotFound)?;
    let q = s.value.questions.get(qid).ok_or(AppError::NotFound)?;
    let page = EditPage {
        caption: caption(&user.ctx, &s.value),
        id,
        question,
        text: q.text.clone(),
        ctx: user.ctx,
        errors: FormErrors::default(),
    };
    render(StatusCode::OK, &page)
}

pub async fn edit_save(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, question)): Path<(String, String)>,
    fields: Fields,
) -> Result<Response, AppError> {
    let record = parse_id(&id)?;
    let qid = Uuid::parse_str(&question).map_err(|_| AppError::NotFound)?;
    let text = fields.get("text").to_owned();
    match apply(&state, &user, record, |c| c.questions.edit(qid, &text)).await? {
        Ok(_) => Ok(
            Redirect::to(&format!("/consultations/{id}/questions#question-{qid}")).into_response(),
        ),
        Err(QuestionProblem::NotFound) => Err(AppError::NotFound),
        Err(problem) => {
            let s = load(&state, &user, &id).await?;
            let mut page = EditPage {
                caption: caption(&user.ctx, &s.value),
                id,
                question,
                text,
                ctx: user.ctx.clone(),
                errors: FormErrors::default(),
            };
            page.errors.add("text", user.ctx.t(&problem.to_string()));
            render(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The question bank.

struct BankItem {
    id: String,
    text: String,
    /// The text with glossary terms linked to their meaning (escaped; see `guidance`).
    html: String,
    added: bool,
}

struct TopicLink {
    id: String,
    title: String,
    current: bool,
}

struct TopicView {
    summary: String,
    reviewed: String,
    sources: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "consultation_bank.html")]
struct BankPage {
    ctx: PageContext,
    id: String,
    caption: String,
    topics: Vec<TopicLink>,
    topic: Option<TopicView>,
    heading: String,
    items: Vec<BankItem>,
    query: String,
    current_topic: String,
    done: bool,
}

pub async fn bank(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(query): Query<BankQuery>,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let ctx = &user.ctx;
    let added = |bank_id: &str| {
        s.value
            .questions
            .iter()
            .any(|q| q.bank_id.as_deref() == Some(bank_id))
    };
    let search = query.q.clone().unwrap_or_default();
    let topic_id = query.topic.clone().unwrap_or_default();
    let topic = state.bank.topic(&topic_id);
    let (heading, found): (String, Vec<&heard_core::question_bank::BankQuestion>) =
        if !search.trim().is_empty() {
            let found: Vec<_> = state
                .bank
                .search(&search)
                .into_iter()
                .map(|(_, q)| q)
                .collect();
            let heading = ctx.t_with_count_query(found.len(), &search);
            (heading, found)
        } else if let Some(topic) = topic {
            (topic.title.clone(), topic.questions.iter().collect())
        } else {
            let suggested: Vec<_> = state
                .bank
                .suggested_for(s.value.kind)
                .into_iter()
                .map(|(_, q)| q)
                .collect();
            (ctx.t("bank-suggested"), suggested)
        };
    // Each glossary term is linked the first time it appears on the page.
    let mut linked = std::collections::BTreeSet::new();
    let page = BankPage {
        caption: caption(ctx, &s.value),
        topics: state
            .bank
            .topics()
            .iter()
            .map(|t| TopicLink {
                id: t.id.clone(),
                title: t.title.clone(),
                current: t.id == topic_id,
            })
            .collect(),
        topic: topic
            .filter(|_| search.trim().is_empty())
            .map(|t| TopicView {
                summary: t.summary.clone(),
                reviewed: ctx.t_with_dates(&t.last_reviewed, &t.next_review),
                sources: t
                    .sources
                    .iter()
                    .map(|s| (s.title.clone(), s.publisher.clone(), s.url.clone()))
                    .collect(),
            }),
        heading,
        items: found
            .into_iter()
            .map(|q| {
                let mut html = String::new();
                crate::pages::learn::text_with_terms(
                    &state.learn.glossary,
                    &q.text,
                    &mut linked,
                    &mut html,
                );
                BankItem {
                    id: q.id.clone(),
                    text: q.text.clone(),
                    html,
                    added: added(&q.id),
                }
            })
            .collect(),
        query: search,
        current_topic: topic_id,
        done: query.done.as_deref() == Some("added"),
        id,
        ctx: user.ctx.clone(),
    };
    render(StatusCode::OK, &page)
}

/// Adds a question from the bank in one tap, then goes back to where the person was.
pub async fn bank_add(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    fields: Fields,
) -> Result<Response, AppError> {
    // Ownership first: someone else's consultation is not found, whatever was sent.
    let record = load(&state, &user, &id).await?.id;
    let bank_id = fields.get("bank_id").to_owned();
    let question = state.bank.question(&bank_id).ok_or(AppError::BadRequest)?;
    let text = question.text.clone();
    let result = apply(&state, &user, record, |c| {
        c.questions
            .add(Uuid::new_v4(), &text, Some(bank_id.clone()))
    })
    .await?;
    let back =
        serde_urlencoded::to_string([("topic", fields.get("topic")), ("q", fields.get("q"))])
            .unwrap_or_default();
    Ok(match result {
        // Added from the suggestion on the summary (Jess's Rule): back to the summary.
        Ok(_) | Err(QuestionProblem::AlreadyAdded) if fields.get("from") == "summary" => {
            Redirect::to(&format!("/consultations/{id}?done=saved"))
        }
        Ok(_) | Err(QuestionProblem::AlreadyAdded) => Redirect::to(&format!(
            "/consultations/{id}/bank?{back}&done=added#bank-{bank_id}"
        )),
        Err(problem) => Redirect::to(&format!(
            "/consultations/{id}/questions?done={problem}#questions"
        )),
    }
    .into_response())
}

impl PageContext {
    fn t_with_count_query(&self, count: usize, query: &str) -> String {
        use fluent_bundle::FluentValue;
        self.t_args(
            "bank-results",
            &[
                ("count", FluentValue::from(count as i64)),
                ("query", FluentValue::from(query.to_owned())),
            ],
        )
    }

    fn t_with_dates(&self, last: &str, next: &str) -> String {
        let show = |d: &str| {
            d.parse::<jiff::civil::Date>()
                .map(|d| self.civil_date(d))
                .unwrap_or_else(|_| d.to_owned())
        };
        use fluent_bundle::FluentValue;
        self.t_args(
            "bank-reviewed",
            &[
                ("date", FluentValue::from(show(last))),
                ("next", FluentValue::from(show(next))),
            ],
        )
    }
}
