//! Opening a concern and changing it: the form, read and checked, shown again with what was
//! typed when something is wrong.

use std::collections::BTreeSet;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use heard_core::Consultation;
use heard_core::calendar::Nation;
use heard_core::choice::Choice;
use heard_core::concern::{Concern, ConcernProblem, ConcernStatus, Setting, Wish, check_concern};
use heard_core::letter::{LetterDraft, LetterStatus};
use heard_core::reflection::ProtectedCharacteristic;
use heard_store::RecordId;
use jiff::civil::Date;
use serde::Deserialize;

use super::case::load_concern;
use crate::error::AppError;
use crate::form::{Fields, tidy};
use crate::pages::widgets::{ChoiceOption, LinkOption, options};
use crate::pages::{
    DateParts, FormErrors, PageContext, Saved, form_version, render, save_if_unchanged,
};
use crate::state::AppState;
use crate::visitor::CurrentUser;

#[derive(Template)]
#[template(path = "concern_form.html")]
struct FormPage {
    ctx: PageContext,
    errors: FormErrors,
    /// The concern's id and version when changing one.
    editing: Option<(String, i64)>,
    new_id: String,
    changed_elsewhere: bool,
    title: String,
    what_happened: String,
    happened: DateParts,
    aware: DateParts,
    place: String,
    people: String,
    effect: String,
    wishes: Vec<ChoiceOption>,
    wish_other: String,
    settings: Vec<ChoiceOption>,
    nations: Vec<ChoiceOption>,
    unfair: bool,
    harmed: bool,
    characteristics: Vec<ChoiceOption>,
    consultations: Vec<LinkOption>,
    letters: Vec<LinkOption>,
    statuses: Vec<ChoiceOption>,
    outcome: String,
}

async fn form_page(
    state: &AppState,
    user: &CurrentUser,
    c: &Concern,
    happened: DateParts,
    aware: DateParts,
) -> Result<FormPage, AppError> {
    let ctx = &user.ctx;
    let mut consultations = state.store.list::<Consultation>(&user.user.owner).await?;
    consultations.sort_by_key(|s| std::cmp::Reverse(s.value.starts_at));
    let consultations = consultations
        .iter()
        .map(|s| LinkOption {
            value: s.id.to_string(),
            label: crate::pages::consultations::caption(ctx, &s.value),
            checked: c.consultations.contains(&s.id.as_uuid()),
        })
        .collect();
    let letters = state
        .store
        .list::<LetterDraft>(&user.user.owner)
        .await?
        .iter()
        .filter(|l| !matches!(l.value.status, LetterStatus::Draft))
        .map(|l| LinkOption {
            value: l.id.to_string(),
            label: format!(
                "{}: {}",
                state
                    .letters
                    .template(l.value.kind)
                    .map(|t| t.title.clone())
                    .unwrap_or_default(),
                l.value.subject
            ),
            checked: c.letters.contains(&l.id.as_uuid()),
        })
        .collect();
    let wishes: Vec<Wish> = c.wishes.iter().copied().collect();
    let characteristics: Vec<ProtectedCharacteristic> = c.characteristics.iter().copied().collect();
    Ok(FormPage {
        ctx: ctx.clone(),
        errors: FormErrors::default(),
        editing: None,
        new_id: ctx.fresh_id(),
        changed_elsewhere: false,
        title: c.title.clone(),
        what_happened: c.what_happened.clone(),
        happened,
        aware,
        place: c.place.clone(),
        people: c.people.clone(),
        effect: c.effect.clone(),
        wishes: options(ctx, "wish", &wishes),
        wish_other: c.wish_other.clone(),
        settings: options(ctx, "setting", &[c.setting]),
        nations: options(ctx, "nation", &[c.nation]),
        unfair: c.unfair_treatment,
        harmed: c.harmed,
        characteristics: options(ctx, "characteristic", &characteristics),
        consultations,
        letters,
        statuses: options(ctx, "concern-status", &[c.status]),
        outcome: c.outcome.clone(),
    })
}

fn blank_concern() -> Concern {
    Concern {
        title: String::new(),
        what_happened: String::new(),
        happened_on: None,
        aware_on: None,
        place: String::new(),
        people: String::new(),
        effect: String::new(),
        wishes: BTreeSet::new(),
        wish_other: String::new(),
        setting: Setting::Hospital,
        nation: Nation::England,
        unfair_treatment: false,
        harmed: false,
        characteristics: BTreeSet::new(),
        consultations: Vec::new(),
        letters: Vec::new(),
        status: ConcernStatus::Open,
        outcome: String::new(),
    }
}

#[derive(Deserialize)]
pub struct NewQuery {
    consultation: Option<String>,
}

pub async fn new_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<NewQuery>,
) -> Result<Response, AppError> {
    let mut c = blank_concern();
    // Started from an appointment: link it, and take the place and the unfair treatment the
    // person already recorded about it.
    if let Some(id) = q
        .consultation
        .as_deref()
        .and_then(|s| s.parse::<RecordId>().ok())
        && let Ok(s) = state.store.get::<Consultation>(&user.user.owner, id).await
    {
        c.consultations.push(s.id.as_uuid());
        c.place = s.value.place_name.clone();
        c.happened_on = Some(s.value.starts_at.date());
        if s.value.with_role == heard_core::consultation::ProfessionalRole::Gp {
            c.setting = Setting::Gp;
        }
    }
    let happened = DateParts::from_date(c.happened_on);
    let page = form_page(&state, &user, &c, happened, DateParts::default()).await?;
    render(StatusCode::OK, &page)
}

/// Reads the form into a concern, with the problems found.
fn read_form(
    ctx: &PageContext,
    fields: &Fields,
    into: &mut Concern,
    today: Date,
) -> (FormErrors, DateParts, DateParts) {
    let mut errors = FormErrors::default();
    into.title = tidy(fields.get("title"));
    into.what_happened = tidy(fields.get("what_happened"));
    into.place = tidy(fields.get("place"));
    into.people = tidy(fields.get("people"));
    into.effect = tidy(fields.get("effect"));
    into.wishes = fields
        .all("wishes")
        .into_iter()
        .filter_map(Wish::from_id)
        .collect();
    into.wish_other = tidy(fields.get("wish_other"));
    into.setting = Setting::from_id(fields.get("setting")).unwrap_or(into.setting);
    into.nation = Nation::from_id(fields.get("nation")).unwrap_or(into.nation);
    into.unfair_treatment = fields.has("unfair");
    into.harmed = fields.has("harmed");
    into.characteristics = if into.unfair_treatment {
        fields
            .all("characteristics")
            .into_iter()
            .filter_map(ProtectedCharacteristic::from_id)
            .collect()
    } else {
        BTreeSet::new()
    };
    into.consultations = fields
        .all("consultations")
        .into_iter()
        .filter_map(|s| s.parse::<RecordId>().ok())
        .map(|id| id.as_uuid())
        .collect();
    into.letters = fields
        .all("letters")
        .into_iter()
        .filter_map(|s| s.parse::<RecordId>().ok())
        .map(|id| id.as_uuid())
        .collect();
    if fields.has("status") {
        into.status = ConcernStatus::from_id(fields.get("status")).unwrap_or(into.status);
        into.outcome = tidy(fields.get("outcome"));
    }
    let happened = DateParts::from_fields(fields, "happened_on");
    let aware = DateParts::from_fields(fields, "aware_on");
    let mut date_problem = false;
    for (name, parts, slot) in [
        ("happened_on", &happened, &mut into.happened_on),
        ("aware_on", &aware, &mut into.aware_on),
    ] {
        match parts.parse() {
            Ok(d) => *slot = d,
            Err(problem) => {
                date_problem = true;
                errors.add(name, ctx.t(&problem.to_string()));
            }
        }
    }
    for (field, problem) in check_concern(into, today) {
        if date_problem && errors.get(field).is_some() {
            continue;
        }
        let message = match problem {
            ConcernProblem::TitleMissing => "concern-title-missing",
            ConcernProblem::TitleTooLong => "concern-title-too-long",
            ConcernProblem::TextTooLong => "concern-text-too-long",
            ConcernProblem::AwareBeforeHappened => "concern-aware-before",
            ConcernProblem::InTheFuture => "concern-date-future",
        };
        errors.add(field, ctx.t(message));
    }
    (errors, happened, aware)
}

pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    fields: Fields,
) -> Result<Response, AppError> {
    let mut c = blank_concern();
    let (errors, happened, aware) = read_form(&user.ctx, &fields, &mut c, state.today());
    if !errors.is_empty() {
        let mut page = form_page(&state, &user, &c, happened, aware).await?;
        page.errors = errors;
        page.new_id = fields.get("id").to_owned();
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    let id = fields.get("id").parse().unwrap_or_default();
    let stored = state
        .store
        .insert_with_id(&user.user.owner, id, c, state.clock.now())
        .await?;
    Ok(Redirect::to(&format!("/concerns/{}", stored.id)).into_response())
}

pub async fn edit_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let s = load_concern(&state, &user, &id).await?;
    let mut page = form_page(
        &state,
        &user,
        &s.value,
        DateParts::from_date(s.value.happened_on),
        DateParts::from_date(s.value.aware_on),
    )
    .await?;
    page.editing = Some((s.id.to_string(), s.version));
    render(StatusCode::OK, &page)
}

pub async fn edit_save(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    fields: Fields,
) -> Result<Response, AppError> {
    let s = load_concern(&state, &user, &id).await?;
    let mut c = s.value.clone();
    let (errors, happened, aware) = read_form(&user.ctx, &fields, &mut c, state.today());
    let version = form_version(&fields)?;
    if !errors.is_empty() {
        let mut page = form_page(&state, &user, &c, happened, aware).await?;
        page.errors = errors;
        page.editing = Some((s.id.to_string(), version));
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    match save_if_unchanged(&state, &user.user.owner, s.id, version, c.clone()).await? {
        Saved::Done => Ok(Redirect::to(&format!("/concerns/{id}?done=saved")).into_response()),
        Saved::ChangedElsewhere(latest) => {
            // Changed on another device: show what this one typed, against the newest version.
            let mut page = form_page(&state, &user, &c, happened, aware).await?;
            page.editing = Some((s.id.to_string(), latest));
            page.changed_elsewhere = true;
            render(StatusCode::CONFLICT, &page)
        }
    }
}
