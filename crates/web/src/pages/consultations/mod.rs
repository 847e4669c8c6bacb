//! A consultation from start to finish. Preparing: the appointment itself, then one step per
//! page (goal, questions, companion, access needs, talking it through, expectations), a summary
//! to check it all, and what to take away (a printable sheet, a PDF, a calendar file). In the
//! room: notes and the questions as they are asked. Afterwards: the reflection and what to do
//! next. Each has its own file; this one holds what they share and the routes.

mod access;
mod companion;
mod delete;
mod details;
mod goal;
mod list;
mod questions;
mod reflect;
mod room;
mod sheet;
mod summary;
mod talk;
mod view;

use crate::pages::{
    PageContext, Saved, VersionedForm, parse_id, save_if_unchanged, show_changed_elsewhere,
};
pub use reflect::recorded;
#[cfg(test)]
pub(crate) use reflect::{ALL_ACTIONS, action_message};
pub use sheet::appointment_event;
pub use view::ConsultationView;

use axum::response::Redirect;
use heard_core::Consultation;
use heard_store::{RecordId, Stored};
use serde::Deserialize;

use crate::access::Routes;
use crate::error::AppError;
use crate::state::AppState;
use crate::visitor::CurrentUser;

/// Longest free text kept in a step (own words of a goal, notes), in characters.
const MAX_NOTE_CHARS: usize = 5_000;

/// One of the person's consultations; anyone else's is not found.
pub(crate) async fn load(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> Result<Stored<Consultation>, AppError> {
    Ok(state
        .store
        .get::<Consultation>(&user.user.owner, parse_id(id)?)
        .await?)
}

/// Applies a change to the latest version, retrying if another device saved in between. For
/// changes that say what to do rather than what to overwrite (add, move, mark a question), so
/// applying them to the newest version is exactly what the person asked for.
pub(crate) async fn apply<E>(
    state: &AppState,
    user: &CurrentUser,
    id: RecordId,
    change: impl Fn(&mut Consultation) -> Result<(), E>,
) -> Result<Result<Stored<Consultation>, E>, AppError> {
    Ok(state
        .store
        .modify(&user.user.owner, id, state.clock.now(), change)
        .await?)
}

/// A step form's save: only if nobody saved since the form was shown.
pub(crate) async fn save_step(
    state: &AppState,
    user: &CurrentUser,
    stored: Stored<Consultation>,
    form_version: &str,
    change: impl FnOnce(&mut Consultation),
) -> Result<Saved, AppError> {
    let Ok(version) = form_version.parse::<i64>() else {
        return Err(AppError::BadRequest);
    };
    if version != stored.version {
        return Ok(Saved::ChangedElsewhere(stored.version));
    }
    let mut value = stored.value;
    change(&mut value);
    save_if_unchanged(state, &user.user.owner, stored.id, version, value).await
}

/// After a step's save: on to the next step (or back to the summary), or the form again with
/// what was typed if someone saved first on another device.
fn step_saved<P: VersionedForm>(
    saved: Saved,
    id: &str,
    step: &str,
    from_summary: bool,
    page: impl FnOnce() -> P,
) -> Result<axum::response::Response, AppError> {
    match saved {
        Saved::Done => Ok(axum::response::IntoResponse::into_response(after_step(
            id,
            step,
            from_summary,
        ))),
        Saved::ChangedElsewhere(latest) => show_changed_elsewhere(page(), latest),
    }
}

/// The order of the steps, for "Save and continue".
const STEPS: &[&str] = &[
    "details",
    "goal",
    "questions",
    "companion",
    "access",
    "talk",
];

/// Where to go after saving a step: back to the summary if that is where they came from,
/// otherwise the next step (the summary after the last).
pub(crate) fn after_step(id: &str, step: &str, from_summary: bool) -> Redirect {
    let next = STEPS
        .iter()
        .position(|s| *s == step)
        .and_then(|i| STEPS.get(i + 1));
    match (from_summary, next) {
        (false, Some(next)) => Redirect::to(&format!("/consultations/{id}/{next}")),
        _ => Redirect::to(&format!("/consultations/{id}?done=saved")),
    }
}

pub(crate) fn next_step_url(id: &str, step: &str) -> String {
    let next = STEPS
        .iter()
        .position(|s| *s == step)
        .and_then(|i| STEPS.get(i + 1));
    match next {
        Some(next) => format!("/consultations/{id}/{next}"),
        None => format!("/consultations/{id}"),
    }
}

/// "Appointment on Thursday 3 December 2026, 2:30pm".
pub fn caption(ctx: &PageContext, c: &Consultation) -> String {
    ctx.t1("consultation-caption", "when", &ctx.date_time(&c.starts()))
}

pub(super) fn too_long(text: &str) -> bool {
    text.chars().count() > MAX_NOTE_CHARS
}

#[derive(Deserialize)]
pub struct FromQuery {
    from: Option<String>,
    done: Option<String>,
}

impl FromQuery {
    fn came_from_summary(&self) -> bool {
        self.from.as_deref() == Some("summary")
    }
}

/// The consultations pages, with who may use each.
pub fn routes() -> Routes {
    use crate::access::Access::Member;
    Routes::new()
        .get("/consultations", Member, list::list)
        .post("/consultations", Member, details::create)
        .get("/consultations/new", Member, details::new_form)
        .get("/consultations/{id}", Member, summary::summary)
        .get("/consultations/{id}/details", Member, details::details_form)
        .post("/consultations/{id}/details", Member, details::details_save)
        .get("/consultations/{id}/goal", Member, goal::goal_form)
        .post("/consultations/{id}/goal", Member, goal::goal_save)
        .get("/consultations/{id}/questions", Member, questions::list)
        .post("/consultations/{id}/questions", Member, questions::add)
        .post(
            "/consultations/{id}/questions/{question}",
            Member,
            questions::act,
        )
        .get(
            "/consultations/{id}/questions/{question}/edit",
            Member,
            questions::edit_form,
        )
        .post(
            "/consultations/{id}/questions/{question}/edit",
            Member,
            questions::edit_save,
        )
        .get("/consultations/{id}/bank", Member, questions::bank)
        .post("/consultations/{id}/bank", Member, questions::bank_add)
        .get(
            "/consultations/{id}/companion",
            Member,
            companion::companion_form,
        )
        .post(
            "/consultations/{id}/companion",
            Member,
            companion::companion_save,
        )
        .get("/consultations/{id}/access", Member, access::access_form)
        .post("/consultations/{id}/access", Member, access::access_save)
        .get("/consultations/{id}/talk", Member, talk::talk_form)
        .post("/consultations/{id}/talk", Member, talk::talk_save)
        .get(
            "/consultations/{id}/assumptions",
            Member,
            talk::assumptions_form,
        )
        .post(
            "/consultations/{id}/assumptions",
            Member,
            talk::assumptions_save,
        )
        .get("/consultations/{id}/sheet", Member, sheet::sheet)
        .get("/consultations/{id}/sheet.pdf", Member, sheet::sheet_pdf)
        .get(
            "/consultations/{id}/appointment.ics",
            Member,
            sheet::calendar_file,
        )
        .get("/consultations/{id}/delete", Member, delete::confirm_delete)
        .post("/consultations/{id}/delete", Member, delete::delete)
        .get("/consultations/{id}/room", Member, room::show)
        .post("/consultations/{id}/room", Member, room::save)
        .get("/consultations/{id}/reflect", Member, reflect::start)
        .get("/consultations/{id}/reflect/{step}", Member, reflect::show)
        .post("/consultations/{id}/reflect/{step}", Member, reflect::save)
        .get("/consultations/{id}/next", Member, reflect::next)
}
