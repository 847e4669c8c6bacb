//! The appointment: when, where, who with, what kind. Adding one, and changing it.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use heard_core::choice::Choice;
use heard_core::consultation::{Access, AppointmentKind, Goal, Place, ProfessionalRole};
use heard_core::when::{date_from_parts, london_date_time, parse_time};
use heard_core::{Consultation, Questions};
use heard_store::Stored;

use super::{FromQuery, caption, load, next_step_url, save_step, step_saved};
use crate::error::AppError;
use crate::form::Fields;
use crate::pages::widgets::{ChoiceOption, options};
use crate::pages::{FormErrors, PageContext, render};
use crate::state::AppState;
use crate::visitor::CurrentUser;

#[derive(Template)]
#[template(path = "consultation_details.html")]
struct DetailsPage {
    ctx: PageContext,
    /// None when adding a new appointment.
    id: Option<String>,
    caption: Option<String>,
    version: i64,
    from_summary: bool,
    changed_elsewhere: bool,
    day: String,
    month: String,
    year: String,
    time: String,
    places: Vec<ChoiceOption>,
    place_name: String,
    roles: Vec<ChoiceOption>,
    with_name: String,
    kinds: Vec<ChoiceOption>,
    errors: FormErrors,
}

/// What the details form holds, as typed.
struct DetailsInput {
    day: String,
    month: String,
    year: String,
    time: String,
    place: Option<Place>,
    place_name: String,
    role: Option<ProfessionalRole>,
    with_name: String,
    kind: Option<AppointmentKind>,
}

impl DetailsInput {
    fn from_fields(f: &Fields) -> Self {
        Self {
            day: f.get("day").to_owned(),
            month: f.get("month").to_owned(),
            year: f.get("year").to_owned(),
            time: f.get("time").to_owned(),
            place: Place::from_id(f.get("place")),
            place_name: f.get("place_name").trim().to_owned(),
            role: ProfessionalRole::from_id(f.get("role")),
            with_name: f.get("with_name").trim().to_owned(),
            kind: AppointmentKind::from_id(f.get("kind")),
        }
    }

    fn from_consultation(c: &Consultation) -> Self {
        Self {
            day: c.starts_at.day().to_string(),
            month: c.starts_at.month().to_string(),
            year: c.starts_at.year().to_string(),
            time: heard_core::time::clock_time(&c.starts()),
            place: Some(c.place),
            place_name: c.place_name.clone(),
            role: Some(c.with_role),
            with_name: c.with_name.clone(),
            kind: Some(c.kind),
        }
    }

    /// The checked details, or the problems with each field.
    fn check(&self, ctx: &PageContext) -> Result<Details, FormErrors> {
        let mut errors = FormErrors::default();
        let date = date_from_parts(&self.day, &self.month, &self.year)
            .map_err(|p| errors.add("day", ctx.t(&p.to_string())))
            .ok();
        let time = parse_time(&self.time)
            .map_err(|p| errors.add("time", ctx.t(&p.to_string())))
            .ok();
        let starts_at = match (date, time) {
            (Some(d), Some(t)) => london_date_time(d, t)
                .map_err(|p| errors.add("time", ctx.t(&p.to_string())))
                .ok(),
            _ => None,
        };
        if self.place.is_none() {
            errors.add("place", ctx.t("place-missing"));
        }
        if self.role.is_none() {
            errors.add("role", ctx.t("role-missing"));
        }
        if self.kind.is_none() {
            errors.add("kind", ctx.t("kind-missing"));
        }
        match (starts_at, self.place, self.role, self.kind) {
            (Some(starts_at), Some(place), Some(with_role), Some(kind)) if errors.is_empty() => {
                Ok(Details {
                    starts_at,
                    place,
                    place_name: truncate(&self.place_name, 200),
                    with_role,
                    with_name: truncate(&self.with_name, 200),
                    kind,
                })
            }
            _ => Err(errors),
        }
    }

    fn page(
        self,
        ctx: PageContext,
        existing: Option<(&Stored<Consultation>, bool)>,
        errors: FormErrors,
    ) -> DetailsPage {
        let (id, caption, version, from_summary) = match existing {
            Some((s, from_summary)) => (
                Some(s.id.to_string()),
                Some(self::caption(&ctx, &s.value)),
                s.version,
                from_summary,
            ),
            None => (None, None, 0, false),
        };
        DetailsPage {
            places: options(&ctx, "place", self.place.as_slice()),
            roles: options(&ctx, "role", self.role.as_slice()),
            kinds: options(&ctx, "kind", self.kind.as_slice()),
            ctx,
            id,
            caption,
            version,
            from_summary,
            changed_elsewhere: false,
            day: self.day,
            month: self.month,
            year: self.year,
            time: self.time,
            place_name: self.place_name,
            with_name: self.with_name,
            errors,
        }
    }
}

pub(super) fn truncate(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

struct Details {
    starts_at: jiff::civil::DateTime,
    place: Place,
    place_name: String,
    with_role: ProfessionalRole,
    with_name: String,
    kind: AppointmentKind,
}

pub async fn new_form(user: CurrentUser) -> Result<Response, AppError> {
    let input = DetailsInput::from_fields(&Fields::default());
    render(
        StatusCode::OK,
        &input.page(user.ctx, None, FormErrors::default()),
    )
}

pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    fields: Fields,
) -> Result<Response, AppError> {
    let input = DetailsInput::from_fields(&fields);
    let details = match input.check(&user.ctx) {
        Ok(d) => d,
        Err(errors) => {
            return render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &input.page(user.ctx, None, errors),
            );
        }
    };
    let consultation = Consultation {
        starts_at: details.starts_at,
        place: details.place,
        place_name: details.place_name,
        with_name: details.with_name,
        with_role: details.with_role,
        kind: details.kind,
        goal: Goal::default(),
        questions: Questions::default(),
        companion: None,
        access: Access::default(),
        rehearsal_notes: String::new(),
        say_first: String::new(),
        assumptions: Vec::new(),
    };
    // The form carries an id made when it was shown, so sending it twice adds one appointment.
    let id = fields.get("id").parse().unwrap_or_default();
    let stored = state
        .store
        .insert_with_id(&user.user.owner, id, consultation, state.clock.now())
        .await?;
    Ok(Redirect::to(&next_step_url(&stored.id.to_string(), "details")).into_response())
}

pub async fn details_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<FromQuery>,
) -> Result<Response, AppError> {
    let stored = load(&state, &user, &id).await?;
    let input = DetailsInput::from_consultation(&stored.value);
    render(
        StatusCode::OK,
        &input.page(
            user.ctx.clone(),
            Some((&stored, q.came_from_summary())),
            FormErrors::default(),
        ),
    )
}

pub async fn details_save(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    fields: Fields,
) -> Result<Response, AppError> {
    let stored = load(&state, &user, &id).await?;
    let from_summary = fields.get("from") == "summary";
    let input = DetailsInput::from_fields(&fields);
    let details = match input.check(&user.ctx) {
        Ok(d) => d,
        Err(errors) => {
            let page = input.page(user.ctx.clone(), Some((&stored, from_summary)), errors);
            return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let saved = save_step(&state, &user, stored.clone(), fields.get("version"), |c| {
        c.starts_at = details.starts_at;
        c.place = details.place;
        c.place_name = details.place_name;
        c.with_role = details.with_role;
        c.with_name = details.with_name;
        c.kind = details.kind;
    })
    .await?;
    step_saved(saved, &id, "details", from_summary, || {
        input.page(
            user.ctx.clone(),
            Some((&stored, from_summary)),
            FormErrors::default(),
        )
    })
}

crate::pages::versioned_form!(DetailsPage);
