//! Shared experiences: write one, be warned about anything that could identify someone, share
//! it without a name, see what an operator decided, withdraw it at any time; and, for operators,
//! the moderation queue.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use heard_core::anonymity::{DetailKind, identifying_details};
use heard_core::choice::Choice;
use heard_core::experience::{
    ExperienceProblem, ExperienceStatus, REASON_MAX, Theme, check_experience,
};
use heard_store::{Moderation, Role, SharedExperience, StoreError};
use uuid::Uuid;

use crate::error::AppError;
use crate::form::Fields;
use crate::pages::widgets::{ChoiceOption, label, options};
use crate::pages::{DoneQuery, FormErrors, PageContext, render};
use crate::state::AppState;
use crate::visitor::{AnyVisitor, CurrentUser};

/// The most a list shows at once.
const PAGE_SIZE: i64 = 50;

pub struct ExperienceView {
    pub id: String,
    pub title: String,
    pub paragraphs: Vec<String>,
    pub date: String,
    pub themes: Vec<String>,
}

impl ExperienceView {
    fn new(ctx: &PageContext, e: &SharedExperience) -> Self {
        // Decided on a day; shared in a month (the day is not kept).
        let date = match e.decided_on {
            Some(day) => ctx.civil_date(day),
            None => format!(
                "{} {}",
                ctx.t(&format!("month-{}", e.submitted_in.month())),
                e.submitted_in.year()
            ),
        };
        Self {
            id: e.id.to_string(),
            title: e.title.clone(),
            paragraphs: e
                .body
                .split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect(),
            date,
            themes: e.themes.iter().map(|t| label(ctx, "theme", *t)).collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "experiences_list.html")]
struct ListPage {
    ctx: PageContext,
    experiences: Vec<ExperienceView>,
    operator: bool,
}

/// Published experiences, newest first, for anyone: that is what their authors agreed to.
pub async fn list(
    State(state): State<AppState>,
    visitor: AnyVisitor,
) -> Result<Response, AppError> {
    let published = state
        .store
        .shared_experiences(ExperienceStatus::Published, PAGE_SIZE)
        .await?;
    let experiences = published
        .iter()
        .map(|e| ExperienceView::new(&visitor.ctx, e))
        .collect();
    render(
        StatusCode::OK,
        &ListPage {
            operator: visitor.operator(),
            ctx: visitor.ctx,
            experiences,
        },
    )
}

/// Something that could identify someone, quoted back to the writer.
pub struct FindingView {
    pub kind: String,
    pub text: String,
}

#[derive(Template)]
#[template(path = "experience_form.html")]
struct FormPage {
    ctx: PageContext,
    errors: FormErrors,
    title: String,
    body: String,
    themes: Vec<ChoiceOption>,
    findings: Vec<FindingView>,
}

pub async fn new_form(user: CurrentUser) -> Result<Response, AppError> {
    render(
        StatusCode::OK,
        &FormPage {
            themes: options(&user.ctx, "theme", &[] as &[Theme]),
            ctx: user.ctx,
            errors: FormErrors::default(),
            title: String::new(),
            body: String::new(),
            findings: Vec::new(),
        },
    )
}

fn kind_label(ctx: &PageContext, kind: DetailKind) -> String {
    ctx.t(match kind {
        DetailKind::Name => "anonymity-name",
        DetailKind::Date => "anonymity-date",
        DetailKind::Place => "anonymity-place",
        DetailKind::Phone => "anonymity-phone",
        DetailKind::Email => "anonymity-email",
        DetailKind::NhsNumber => "anonymity-nhs-number",
        DetailKind::Postcode => "anonymity-postcode",
    })
}

/// Checks, warns, and shares: the first send with anything identifying in it comes back with
/// each detail listed, so the person can take it out or say it is fine to share as it is.
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    fields: Fields,
) -> Result<Response, AppError> {
    let ctx = &user.ctx;
    let title = fields.get("title").trim().to_owned();
    let body = fields.get("body").replace("\r\n", "\n").trim().to_owned();
    let themes: Vec<Theme> = fields
        .all("themes")
        .into_iter()
        .filter_map(Theme::from_id)
        .collect();
    let mut errors = FormErrors::default();
    for (field, problem) in check_experience(&title, &body) {
        errors.add(
            field,
            ctx.t(match problem {
                ExperienceProblem::TitleMissing => "experience-title-missing",
                ExperienceProblem::TitleTooLong => "experience-title-too-long",
                ExperienceProblem::BodyMissing => "experience-body-missing",
                ExperienceProblem::BodyTooLong => "experience-body-too-long",
            }),
        );
    }
    let findings: Vec<FindingView> = identifying_details(&title)
        .into_iter()
        .chain(identifying_details(&body))
        .map(|f| FindingView {
            kind: kind_label(ctx, f.kind),
            text: f.text,
        })
        .collect();
    let warn = !findings.is_empty() && !fields.has("share_anyway");
    if !errors.is_empty() || warn {
        return render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &FormPage {
                ctx: ctx.clone(),
                errors,
                title,
                body,
                themes: options(ctx, "theme", &themes),
                findings,
            },
        );
    }
    // Nothing of the author's is stored with it, or written at this moment (see the store).
    state
        .store
        .share_experience(&user.user.owner, &title, &body, &themes, state.clock.now())
        .await?;
    Ok(Redirect::to("/experiences/mine?done=shared").into_response())
}

pub struct MineView {
    pub id: String,
    pub title: String,
    pub status: String,
    pub reason: String,
}

#[derive(Template)]
#[template(path = "experiences_mine.html")]
struct MinePage {
    ctx: PageContext,
    done: Option<String>,
    mine: Vec<MineView>,
}

pub async fn mine(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let ctx = &user.ctx;
    let mine = state
        .store
        .my_shared_experiences(&user.user.owner)
        .await?
        .into_iter()
        .map(|e| MineView {
            id: e.id.to_string(),
            status: ctx.t(&format!("experience-status-{}", e.status.id())),
            title: e.title,
            reason: e.reason,
        })
        .collect();
    let done = match q.done.as_deref() {
        Some("shared") => Some(ctx.t("experience-shared")),
        Some("withdrawn") => Some(ctx.t("experience-withdrawn")),
        _ => None,
    };
    render(
        StatusCode::OK,
        &MinePage {
            ctx: ctx.clone(),
            done,
            mine,
        },
    )
}

/// The author takes it back: gone from every list at once.
pub async fn withdraw(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id: Uuid = id.parse().map_err(|_| AppError::NotFound)?;
    match state.store.withdraw_experience(&user.user.owner, id).await {
        Ok(()) => Ok(Redirect::to("/experiences/mine?done=withdrawn").into_response()),
        // Someone else's, or already withdrawn from another device: the same answer, so the
        // page says nothing about whose it is.
        Err(StoreError::NotFound) => Err(AppError::NotFound),
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// Moderation

#[derive(Template)]
#[template(path = "moderation.html")]
struct ModerationPage {
    ctx: PageContext,
    done: Option<String>,
    pending: Vec<ExperienceView>,
    published: Vec<ExperienceView>,
    /// The form sent with a problem: (experience id, message, reason typed).
    problem: Option<(String, String, String)>,
}

/// Operators only; anyone else is told the page does not exist.
fn operator(user: &CurrentUser) -> Result<(), AppError> {
    if user.user.role == Role::Operator {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

async fn moderation_page(
    state: &AppState,
    ctx: &PageContext,
    done: Option<String>,
    problem: Option<(String, String, String)>,
) -> Result<ModerationPage, AppError> {
    let pending = state
        .store
        .shared_experiences(ExperienceStatus::Pending, PAGE_SIZE)
        .await?;
    let published = state
        .store
        .shared_experiences(ExperienceStatus::Published, PAGE_SIZE)
        .await?;
    Ok(ModerationPage {
        ctx: ctx.clone(),
        done,
        pending: pending
            .iter()
            .map(|e| ExperienceView::new(ctx, e))
            .collect(),
        published: published
            .iter()
            .map(|e| ExperienceView::new(ctx, e))
            .collect(),
        problem,
    })
}

pub async fn moderation(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    operator(&user)?;
    let done = match q.done.as_deref() {
        Some("published") => Some(user.ctx.t("moderation-published")),
        Some("rejected") => Some(user.ctx.t("moderation-rejected")),
        Some("unpublished") => Some(user.ctx.t("moderation-unpublished")),
        _ => None,
    };
    let page = moderation_page(&state, &user.ctx, done, None).await?;
    render(StatusCode::OK, &page)
}

pub async fn moderate(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    fields: Fields,
) -> Result<Response, AppError> {
    operator(&user)?;
    let experience: Uuid = id.parse().map_err(|_| AppError::NotFound)?;
    let reason: String = fields
        .get("reason")
        .trim()
        .chars()
        .take(REASON_MAX)
        .collect();
    let (decision, done) = match fields.get("action") {
        "publish" => (Moderation::Publish, "published"),
        "reject" => (
            Moderation::Reject {
                reason: reason.clone(),
            },
            "rejected",
        ),
        "unpublish" => (
            Moderation::Unpublish {
                reason: reason.clone(),
            },
            "unpublished",
        ),
        _ => return Err(AppError::BadRequest),
    };
    if !matches!(decision, Moderation::Publish) && reason.is_empty() {
        let problem = Some((
            experience.to_string(),
            user.ctx.t("moderation-reason-missing"),
            reason,
        ));
        let page = moderation_page(&state, &user.ctx, None, problem).await?;
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    state
        .store
        .moderate_experience(experience, &decision, state.clock.now())
        .await?;
    Ok(Redirect::to(&format!("/moderation?done={done}")).into_response())
}
