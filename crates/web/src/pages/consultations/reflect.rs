//! Afterwards: the reflection, one question a page, and what to do next.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use heard_core::Consultation;
use heard_core::choice::Choice;
use heard_core::due::due_date;
use heard_core::recommend::{Action, Reason, Recorded, recommend};
use heard_core::reflection::{
    Answer, ProtectedCharacteristic, Reflection, ReflectionStep, UnfairAnswer,
};
use heard_core::room::{QuestionStatus, RoomState, Saved};
use heard_core::time::in_london;
use heard_store::{RecordId, StoreError, Stored};
use jiff::Timestamp;
use uuid::Uuid;

use super::{ConsultationView, load};
use crate::error::AppError;
use crate::form::Fields;
use crate::pages::widgets::{ChoiceOption, options};
use crate::pages::{FormErrors, PageContext, render};
use crate::state::AppState;
use crate::visitor::CurrentUser;

/// Each consultation has one reflection, under an id made from the consultation's, so two
/// devices starting it at once make one.
fn reflection_id(consultation: RecordId) -> RecordId {
    RecordId::from_uuid(Uuid::new_v5(&consultation.as_uuid(), b"reflection"))
}

async fn reflection(
    state: &AppState,
    user: &CurrentUser,
    consultation: RecordId,
) -> Result<Option<Stored<Reflection>>, AppError> {
    match state
        .store
        .get::<Reflection>(&user.user.owner, reflection_id(consultation))
        .await
    {
        Ok(r) => Ok(Some(r)),
        Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Applies one page's answer to the newest reflection (retrying if another device saved in
/// between: each page changes only its own answer).
async fn save_reflection(
    state: &AppState,
    user: &CurrentUser,
    consultation: RecordId,
    change: impl Fn(&mut Reflection),
) -> Result<(), AppError> {
    let owner = &user.user.owner;
    let id = reflection_id(consultation);
    let now = state.clock.now();
    let change = |r: &mut Reflection| {
        change(r);
        Ok::<(), std::convert::Infallible>(())
    };
    match state.store.modify(owner, id, now, &change).await {
        Ok(_) => Ok(()),
        Err(StoreError::NotFound) => {
            // The first step saved: make the reflection (another device may have just made it,
            // in which case this keeps theirs), then apply the change to the newest version.
            state
                .store
                .insert_with_id(owner, id, Reflection::new(consultation.as_uuid()), now)
                .await?;
            let _saved = state.store.modify(owner, id, now, &change).await?;
            Ok(())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "reflect.html")]
struct ReflectPage {
    ctx: PageContext,
    c: ConsultationView,
    step: &'static str,
    number: usize,
    total: usize,
    question: String,
    answers: Vec<ChoiceOption>,
    unfair_answers: Vec<ChoiceOption>,
    characteristics: Vec<ChoiceOption>,
    text: String,
    show_goal: bool,
    is_last: bool,
    errors: FormErrors,
}

fn reflect_page(
    ctx: PageContext,
    c: ConsultationView,
    step: ReflectionStep,
    r: &Reflection,
) -> ReflectPage {
    let question = ctx.t(&format!("reflect-{}", step.id()));
    let answers = options(&ctx, "reflect", r.answer(step).as_slice());
    let unfair_answers = options(&ctx, "reflect-unfair", r.unfair.as_slice());
    let characteristics = options(&ctx, "characteristic", &r.characteristics);
    let text = match step {
        ReflectionStep::Unfair => r.unfair_other.clone(),
        ReflectionStep::AnythingElse => r.anything_else.clone(),
        _ => String::new(),
    };
    ReflectPage {
        ctx,
        c,
        step: step.id(),
        number: step.number(),
        total: ReflectionStep::ALL.len(),
        question,
        answers,
        unfair_answers,
        characteristics,
        text,
        show_goal: step == ReflectionStep::GotWhatICameFor,
        is_last: step.next().is_none(),
        errors: FormErrors::default(),
    }
}

/// Starts (or resumes) the reflection at the first question not yet answered.
pub async fn start(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let c = load(&state, &user, &id).await?;
    let r = reflection(&state, &user, c.id)
        .await?
        .map(|s| s.value)
        .unwrap_or_default();
    let first_open = ReflectionStep::ALL
        .into_iter()
        .find(|s| match s {
            ReflectionStep::Unfair => r.unfair.is_none(),
            ReflectionStep::AnythingElse => !r.finished,
            other => r.answer(*other).is_none(),
        })
        .unwrap_or(ReflectionStep::Understood);
    Ok(Redirect::to(&format!("/consultations/{id}/reflect/{}", first_open.id())).into_response())
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, step)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let step = ReflectionStep::from_id(&step).ok_or(AppError::NotFound)?;
    let c = load(&state, &user, &id).await?;
    let r = reflection(&state, &user, c.id)
        .await?
        .map(|s| s.value)
        .unwrap_or_default();
    let view = ConsultationView::new(&user.ctx, c.id, &c.value, state.clock.now());
    render(
        StatusCode::OK,
        &reflect_page(user.ctx.clone(), view, step, &r),
    )
}

pub async fn save(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, step)): Path<(String, String)>,
    fields: Fields,
) -> Result<Response, AppError> {
    let step = ReflectionStep::from_id(&step).ok_or(AppError::NotFound)?;
    let c = load(&state, &user, &id).await?;
    let skipping = fields.has("skip");
    let is_last = step.next().is_none();
    match step {
        ReflectionStep::Unfair => {
            let answer = UnfairAnswer::from_id(fields.get("unfair"));
            let characteristics: Vec<ProtectedCharacteristic> = fields
                .all("characteristics")
                .into_iter()
                .filter_map(ProtectedCharacteristic::from_id)
                .collect();
            let other = truncate(fields.get("text"), 5_000);
            if !skipping {
                save_reflection(&state, &user, c.id, |r| {
                    r.unfair = answer;
                    r.characteristics = if answer == Some(UnfairAnswer::Yes) {
                        characteristics.clone()
                    } else {
                        Vec::new()
                    };
                    r.unfair_other = if answer == Some(UnfairAnswer::Yes) {
                        other.clone()
                    } else {
                        String::new()
                    };
                })
                .await?;
            }
        }
        ReflectionStep::AnythingElse => {
            let text = truncate(fields.get("text"), 5_000);
            save_reflection(&state, &user, c.id, |r| {
                if !skipping {
                    r.anything_else = text.clone();
                }
                r.finished = true;
            })
            .await?;
        }
        _ => {
            let answer = Answer::from_id(fields.get("answer"));
            if answer.is_none() && !skipping {
                let view = ConsultationView::new(&user.ctx, c.id, &c.value, state.clock.now());
                let r = reflection(&state, &user, c.id)
                    .await?
                    .map(|s| s.value)
                    .unwrap_or_default();
                let mut page = reflect_page(user.ctx.clone(), view, step, &r);
                page.errors
                    .add("answer", user.ctx.t("reflect-answer-missing"));
                return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
            }
            if let Some(answer) = answer.filter(|_| !skipping) {
                save_reflection(&state, &user, c.id, |r| r.set_answer(step, Some(answer))).await?;
            }
        }
    }
    let next = match (is_last, step.next()) {
        (false, Some(next)) => format!("/consultations/{id}/reflect/{}", next.id()),
        _ => format!("/consultations/{id}/next"),
    };
    Ok(Redirect::to(&next).into_response())
}

fn truncate(text: &str, max: usize) -> String {
    text.replace("\r\n", "\n")
        .trim()
        .chars()
        .take(max)
        .collect()
}

/// What was recorded about a consultation, for the recommendation rules and for status lines.
pub fn recorded(
    c: &Consultation,
    entries: &[Saved],
    reflection: Option<Reflection>,
    now: Timestamp,
) -> Recorded {
    let room = RoomState::from_entries(entries);
    let statuses: Vec<_> = c.questions.iter().map(|q| room.question(q.id)).collect();
    let agreed_on = c.starts().date();
    let today = in_london(now).date();
    let overdue_steps = room
        .next_steps
        .iter()
        .filter(|s| due_date(&s.by_when, agreed_on).is_some_and(|due| due < today))
        .count();
    Recorded {
        past: c.is_past(now),
        questions: c.questions.len(),
        unanswered: statuses
            .iter()
            .filter(|q| q.status == Some(QuestionStatus::NotAnswered))
            .count(),
        not_understood: statuses.iter().filter(|q| q.not_understood).count(),
        asked_for: room.asked_for.clone(),
        overdue_steps,
        decided: !room.decisions.is_empty() || !room.next_steps.is_empty(),
        reflection,
    }
}

/// One suggestion as the page shows it.
struct Suggestion {
    title: String,
    reason: String,
    /// Where to act on it, and the words of that link.
    href: String,
    words: String,
}

#[derive(Template)]
#[template(path = "next.html")]
struct NextPage {
    ctx: PageContext,
    c: ConsultationView,
    suggestions: Vec<Suggestion>,
}

fn action_id(action: Action) -> &'static str {
    match action {
        Action::GivePositiveFeedback => "give-positive-feedback",
        Action::WriteDownWhatWorked => "write-down-what-worked",
        Action::Reflect => "reflect",
        Action::WriteFollowUpSummary => "write-follow-up-summary",
        Action::EmailRemainingQuestions => "email-remaining-questions",
        Action::AskForFollowUp => "ask-for-follow-up",
        Action::WriteLetterOfConcern => "write-letter-of-concern",
        Action::ContactPals => "contact-pals",
    }
}

pub(crate) fn reason_text(ctx: &PageContext, reason: Reason) -> String {
    match reason {
        Reason::WentWell => ctx.t("next-reason-went-well"),
        Reason::ReflectionNotDone => ctx.t("next-reason-reflection-not-done"),
        Reason::QuestionsNotAnswered(n) => ctx.tn("next-reason-questions-not-answered", "count", n),
        Reason::QuestionsNotUnderstood(n) => {
            ctx.tn("next-reason-questions-not-understood", "count", n)
        }
        Reason::DidNotUnderstand => ctx.t("next-reason-did-not-understand"),
        Reason::AskedForFollowUp => ctx.t("next-reason-asked-for-follow-up"),
        Reason::AskedToEmailQuestions => ctx.t("next-reason-asked-to-email-questions"),
        Reason::StepsOverdue(n) => ctx.tn("next-reason-steps-overdue", "count", n),
        Reason::SomethingWasDecided => ctx.t("next-reason-something-was-decided"),
        Reason::NotListenedTo => ctx.t("next-reason-not-listened-to"),
        Reason::WorriesNotTakenSeriously => ctx.t("next-reason-worries-not-taken-seriously"),
        Reason::CommunicationPoor => ctx.t("next-reason-communication-poor"),
        Reason::DidNotGetWhatICameFor => ctx.t("next-reason-did-not-get-what-i-came-for"),
        Reason::TreatedUnfairly => ctx.t("next-reason-treated-unfairly"),
        Reason::SeveralThingsWentWrong => ctx.t("next-reason-several-things-went-wrong"),
    }
}

pub async fn next(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let c = load(&state, &user, &id).await?;
    let saved = state.store.room_entries(&user.user.owner, c.id).await?;
    let r = reflection(&state, &user, c.id).await?.map(|s| s.value);
    let now = state.clock.now();
    let ctx = &user.ctx;
    let suggestions = recommend(&recorded(&c.value, &saved, r, now))
        .into_iter()
        .map(|rec| {
            let (href, words) = match rec.action {
                Action::Reflect => (
                    format!("/consultations/{id}/reflect"),
                    ctx.t("room-reflect"),
                ),
                Action::WriteDownWhatWorked => (
                    format!("/consultations/{id}/reflect/anything-else"),
                    ctx.t("next-what-worked"),
                ),
                action => {
                    let kind = match action {
                        Action::GivePositiveFeedback => "positive-feedback",
                        Action::WriteFollowUpSummary => "follow-up-summary",
                        Action::EmailRemainingQuestions => "remaining-questions",
                        Action::AskForFollowUp => "follow-up-request",
                        Action::WriteLetterOfConcern => "letter-of-concern",
                        _ => "pals",
                    };
                    (
                        format!("/letters/new?kind={kind}&consultation={id}"),
                        ctx.t("letters-new"),
                    )
                }
            };
            Suggestion {
                title: ctx.t(&format!("next-action-{}", action_id(rec.action))),
                reason: reason_text(ctx, rec.reason),
                href,
                words,
            }
        })
        .collect();
    let view = ConsultationView::new(ctx, c.id, &c.value, now);
    render(
        StatusCode::OK,
        &NextPage {
            ctx: user.ctx.clone(),
            c: view,
            suggestions,
        },
    )
}

/// Every action and reason has words (checked by a test).
#[cfg(test)]
pub(crate) const ALL_ACTIONS: [Action; 8] = [
    Action::GivePositiveFeedback,
    Action::WriteDownWhatWorked,
    Action::Reflect,
    Action::WriteFollowUpSummary,
    Action::EmailRemainingQuestions,
    Action::AskForFollowUp,
    Action::WriteLetterOfConcern,
    Action::ContactPals,
];

#[cfg(test)]
pub(crate) fn action_message(action: Action) -> String {
    format!("next-action-{}", action_id(action))
}
