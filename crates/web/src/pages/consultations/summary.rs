//! The summary ("check your answers"), with the letters about it and the Jess's Rule
//! suggestion on a third GP visit about the same thing.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use heard_core::Consultation;
use heard_store::Stored;

use super::view::ConsultationView;
use super::{FromQuery, load};
use crate::error::AppError;
use crate::pages::{PageContext, render};
use crate::state::AppState;
use crate::visitor::CurrentUser;

#[derive(Template)]
#[template(path = "consultation_summary.html")]
struct SummaryPage {
    ctx: PageContext,
    c: ConsultationView,
    done: Option<String>,
    letters: Vec<crate::pages::letters::LetterItem>,
    /// A third GP visit about the same thing: the question to add, unless it is there already.
    third_visit: Option<String>,
}

/// Whether to suggest Jess's Rule for this consultation: a third GP visit about the same thing
/// in a year (see `heard_core::consultation::third_visit_about_the_same`), and the ready
/// question is not on the list yet. Returns the question's bank id.
async fn third_visit(
    state: &AppState,
    user: &CurrentUser,
    this: &Stored<Consultation>,
) -> Result<Option<String>, AppError> {
    use heard_core::consultation::{THIRD_VISIT_QUESTION, third_visit_about_the_same};
    if this.value.with_role != heard_core::consultation::ProfessionalRole::Gp
        || this
            .value
            .questions
            .iter()
            .any(|q| q.bank_id.as_deref() == Some(THIRD_VISIT_QUESTION))
        || state.bank.question(THIRD_VISIT_QUESTION).is_none()
    {
        return Ok(None);
    }
    let owner = &user.user.owner;
    let all = state.store.list::<Consultation>(owner).await?;
    let concerns = state
        .store
        .list::<heard_core::concern::Concern>(owner)
        .await?;
    let this_id = this.id.as_uuid();
    let shares_a_concern = |other: uuid::Uuid| {
        concerns.iter().any(|c| {
            c.value.consultations.contains(&this_id) && c.value.consultations.contains(&other)
        })
    };
    let earlier: Vec<(&Consultation, bool)> = all
        .iter()
        .filter(|c| c.id != this.id)
        .map(|c| (&c.value, shares_a_concern(c.id.as_uuid())))
        .collect();
    Ok(third_visit_about_the_same(&this.value, &earlier).then(|| THIRD_VISIT_QUESTION.to_owned()))
}

pub async fn summary(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<FromQuery>,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let c = ConsultationView::new(&user.ctx, s.id, &s.value, state.clock.now());
    let done = (q.done.as_deref() == Some("saved")).then(|| user.ctx.t("consultation-saved"));
    let letters = crate::pages::letters::for_consultation(&state, &user, s.id).await?;
    let third_visit = third_visit(&state, &user, &s).await?;
    render(
        StatusCode::OK,
        &SummaryPage {
            ctx: user.ctx,
            c,
            done,
            letters,
            third_visit,
        },
    )
}
