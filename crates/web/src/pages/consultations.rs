//! Preparing for a consultation: the appointment itself, then one step per page (goal,
//! questions, companion, access needs, talking it through, expectations), a summary to check
//! it all, and what to take away (a printable sheet, a PDF, a calendar file).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use heard_core::consultation::{
    Access, AccessNeed, AppointmentKind, AssumptionAnswer, AssumptionPrompt, Choice, Companion,
    CompanionRole, Goal, GoalChoice, Interpreter, Place, ProfessionalRole, QuestionTimeHint,
    date_from_parts, london_date_time, parse_time,
};
use heard_core::time::in_london;
use heard_core::{Consultation, Questions};
use heard_store::{RecordId, StoreError, Stored};
use serde::Deserialize;

use super::widgets::{ChoiceOption, label, options};
use super::{FormErrors, PageContext, file_response, render};
use crate::error::AppError;
use crate::form::Fields;
use crate::state::AppState;
use crate::visitor::CurrentUser;

/// Longest free text kept in a step (own words of a goal, notes), in characters.
const MAX_NOTE_CHARS: usize = 5_000;

pub(crate) fn parse_id(raw: &str) -> Result<RecordId, AppError> {
    raw.parse().map_err(|_| AppError::NotFound)
}

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
    for _ in 0..5 {
        let mut current = state
            .store
            .get::<Consultation>(&user.user.owner, id)
            .await?;
        if let Err(e) = change(&mut current.value) {
            return Ok(Err(e));
        }
        match state
            .store
            .update(
                &user.user.owner,
                id,
                current.version,
                current.value,
                state.clock.now(),
            )
            .await
        {
            Ok(saved) => return Ok(Ok(saved)),
            Err(StoreError::Conflict { .. }) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(StoreError::Conflict {
        current_version: -1,
    }
    .into())
}

/// A step form's save: only if nobody saved since the form was shown.
pub(crate) enum Saved {
    Done,
    /// Changed elsewhere: show the form again with what was typed and the newest version.
    ChangedElsewhere(i64),
}

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
    match state
        .store
        .update(
            &user.user.owner,
            stored.id,
            version,
            value,
            state.clock.now(),
        )
        .await
    {
        Ok(_) => Ok(Saved::Done),
        Err(StoreError::Conflict { current_version }) => {
            Ok(Saved::ChangedElsewhere(current_version))
        }
        Err(e) => Err(e.into()),
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

fn clean(text: &str) -> String {
    text.replace("\r\n", "\n").trim().to_owned()
}

fn too_long(text: &str) -> bool {
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

// ---------------------------------------------------------------------------------------------
// The appointment: when, where, who with, what kind.

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

fn truncate(text: &str, max: usize) -> String {
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
    match saved {
        Saved::Done => Ok(after_step(&id, "details", from_summary).into_response()),
        Saved::ChangedElsewhere(latest) => {
            let mut page = input.page(
                user.ctx.clone(),
                Some((&stored, from_summary)),
                FormErrors::default(),
            );
            page.version = latest;
            page.changed_elsewhere = true;
            render(StatusCode::CONFLICT, &page)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The goal.

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
        own_words: clean(fields.get("own_words")),
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
    match saved {
        Saved::Done => Ok(after_step(&id, "goal", from_summary).into_response()),
        Saved::ChangedElsewhere(latest) => {
            let mut page = goal_page(user.ctx.clone(), &s, &goal, from_summary);
            page.version = latest;
            page.changed_elsewhere = true;
            render(StatusCode::CONFLICT, &page)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Someone coming along.

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
            speak_about: truncate(&clean(fields.get("speak_about")), 1000),
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
    match saved {
        Saved::Done => Ok(after_step(&id, "companion", from_summary).into_response()),
        Saved::ChangedElsewhere(latest) => {
            let mut page = companion_page(
                user.ctx.clone(),
                &s,
                &companion.unwrap_or_default(),
                from_summary,
            );
            page.version = latest;
            page.changed_elsewhere = true;
            render(StatusCode::CONFLICT, &page)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Interpreter and access needs.

#[derive(Template)]
#[template(path = "consultation_access.html")]
struct AccessPage {
    ctx: PageContext,
    id: String,
    caption: String,
    version: i64,
    from_summary: bool,
    changed_elsewhere: bool,
    interpreter: &'static str,
    language: String,
    needs: Vec<ChoiceOption>,
    other: String,
    skip: String,
    errors: FormErrors,
}

fn access_page(
    ctx: PageContext,
    s: &Stored<Consultation>,
    a: &Access,
    from_summary: bool,
) -> AccessPage {
    let (interpreter, language) = match &a.interpreter {
        None => ("none", String::new()),
        Some(Interpreter::Spoken(l)) => ("spoken", l.clone()),
        Some(Interpreter::BritishSignLanguage) => ("bsl", String::new()),
    };
    AccessPage {
        caption: caption(&ctx, &s.value),
        needs: options(&ctx, "access", &a.needs),
        ctx,
        id: s.id.to_string(),
        version: s.version,
        from_summary,
        changed_elsewhere: false,
        interpreter,
        language,
        other: a.other.clone(),
        skip: next_step_url(&s.id.to_string(), "access"),
        errors: FormErrors::default(),
    }
}

pub async fn access_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<FromQuery>,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    render(
        StatusCode::OK,
        &access_page(user.ctx.clone(), &s, &s.value.access, q.came_from_summary()),
    )
}

pub async fn access_save(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    fields: Fields,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let from_summary = fields.get("from") == "summary";
    let language = truncate(fields.get("language").trim(), 100);
    let access = Access {
        interpreter: match fields.get("interpreter") {
            "spoken" => Some(Interpreter::Spoken(language.clone())),
            "bsl" => Some(Interpreter::BritishSignLanguage),
            _ => None,
        },
        needs: fields
            .all("needs")
            .into_iter()
            .filter_map(AccessNeed::from_id)
            .collect(),
        other: truncate(&clean(fields.get("other")), 1000),
    };
    if fields.get("interpreter") == "spoken" && language.is_empty() {
        let mut page = access_page(user.ctx.clone(), &s, &access, from_summary);
        page.errors
            .add("language", user.ctx.t("access-language-missing"));
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    let saved = save_step(&state, &user, s.clone(), fields.get("version"), |c| {
        c.access = access.clone()
    })
    .await?;
    match saved {
        Saved::Done => Ok(after_step(&id, "access", from_summary).into_response()),
        Saved::ChangedElsewhere(latest) => {
            let mut page = access_page(user.ctx.clone(), &s, &access, from_summary);
            page.version = latest;
            page.changed_elsewhere = true;
            render(StatusCode::CONFLICT, &page)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Talking it through, and the optional check of expectations.

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
    let (say_first, notes) = (clean(fields.get("say_first")), clean(fields.get("notes")));
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
    match saved {
        Saved::Done => Ok(after_step(&id, "talk", from_summary).into_response()),
        Saved::ChangedElsewhere(latest) => {
            page.version = latest;
            page.changed_elsewhere = true;
            render(StatusCode::CONFLICT, &page)
        }
    }
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
            answer: truncate(&clean(fields.get(p.id())), MAX_NOTE_CHARS),
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
            let mut page = assumptions_page(user.ctx.clone(), &s, &answers);
            page.version = latest;
            page.changed_elsewhere = true;
            render(StatusCode::CONFLICT, &page)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The summary ("check your answers"), the list, and deleting.

/// A consultation as the summary and sheet show it: every part in words.
pub struct ConsultationView {
    pub id: String,
    pub when: String,
    pub where_: String,
    pub with: String,
    pub kind: String,
    /// Each part, and whether the person typed it (rather than picked it).
    pub goal: Vec<(String, bool)>,
    pub questions: Vec<(usize, String, bool)>,
    pub companion: Option<String>,
    pub access: Vec<(String, bool)>,
    pub interpreter_needed: bool,
    pub say_first: String,
    pub talk_notes: String,
    pub assumptions: Vec<(String, String)>,
    pub question_count: usize,
    pub past: bool,
}

impl ConsultationView {
    pub fn new(ctx: &PageContext, id: RecordId, c: &Consultation, now: jiff::Timestamp) -> Self {
        let place = label(ctx, "place", c.place);
        let where_ = if c.place_name.is_empty() {
            place
        } else {
            format!("{place}: {}", c.place_name)
        };
        let role = label(ctx, "role", c.with_role);
        let with = if c.with_name.is_empty() {
            role
        } else {
            format!("{}, {role}", c.with_name)
        };
        let mut goal: Vec<(String, bool)> = c
            .goal
            .choices
            .iter()
            .map(|g| (label(ctx, "goal", *g), false))
            .collect();
        if !c.goal.own_words.is_empty() {
            goal.push((c.goal.own_words.clone(), true));
        }
        let companion = c.companion.as_ref().map(|p| {
            let mut roles: Vec<String> = p
                .roles
                .iter()
                .map(|r| label(ctx, "companion-role", *r))
                .collect();
            if !p.speak_about.is_empty() {
                roles.push(format!("“{}”", p.speak_about));
            }
            let who = if p.relationship.is_empty() {
                p.name.clone()
            } else {
                format!("{} ({})", p.name, p.relationship)
            };
            format!("{who}: {}", roles.join(", "))
        });
        let mut access = Vec::new();
        match &c.access.interpreter {
            Some(Interpreter::Spoken(language)) => access.push((
                ctx.t1("access-interpreter-spoken-summary", "language", language),
                false,
            )),
            Some(Interpreter::BritishSignLanguage) => {
                access.push((ctx.t("access-interpreter-bsl-summary"), false))
            }
            None => {}
        }
        access.extend(
            c.access
                .needs
                .iter()
                .map(|n| (label(ctx, "access", *n), false)),
        );
        if !c.access.other.is_empty() {
            access.push((c.access.other.clone(), true));
        }
        Self {
            id: id.to_string(),
            when: ctx.date_time(&c.starts()),
            where_,
            with,
            kind: label(ctx, "kind", c.kind),
            goal,
            questions: c
                .questions
                .iter()
                .enumerate()
                .map(|(i, q)| (i + 1, q.text.clone(), q.important))
                .collect(),
            companion,
            interpreter_needed: c.access.interpreter.is_some(),
            access,
            say_first: c.say_first.clone(),
            talk_notes: c.rehearsal_notes.clone(),
            assumptions: c
                .assumptions
                .iter()
                .map(|a| (label(ctx, "assumptions", a.prompt), a.answer.clone()))
                .collect(),
            question_count: c.questions.len(),
            past: c.is_past(now),
        }
    }
}

#[derive(Template)]
#[template(path = "consultation_summary.html")]
struct SummaryPage {
    ctx: PageContext,
    c: ConsultationView,
    done: Option<String>,
    letters: Vec<super::letters::LetterItem>,
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
    let letters = super::letters::for_consultation(&state, &user, s.id).await?;
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

#[derive(Template)]
#[template(path = "consultations_list.html")]
struct ListPage {
    ctx: PageContext,
    upcoming: Vec<ConsultationView>,
    past: Vec<ConsultationView>,
    done: Option<String>,
}

/// The person's consultations: soonest upcoming first, then past ones, latest first.
pub async fn upcoming_and_past(
    state: &AppState,
    user: &CurrentUser,
) -> Result<(Vec<ConsultationView>, Vec<ConsultationView>), AppError> {
    let now = state.clock.now();
    let mut all = state.store.list::<Consultation>(&user.user.owner).await?;
    all.sort_by_key(|s| s.value.starts_at);
    let (past, upcoming): (Vec<_>, Vec<_>) = all
        .iter()
        .map(|s| ConsultationView::new(&user.ctx, s.id, &s.value, now))
        .partition(|v| v.past);
    Ok((upcoming, past.into_iter().rev().collect()))
}

pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<FromQuery>,
) -> Result<Response, AppError> {
    let (upcoming, past) = upcoming_and_past(&state, &user).await?;
    let done = (q.done.as_deref() == Some("deleted")).then(|| user.ctx.t("consultation-deleted"));
    render(
        StatusCode::OK,
        &ListPage {
            ctx: user.ctx,
            upcoming,
            past,
            done,
        },
    )
}

#[derive(Template)]
#[template(path = "consultation_delete.html")]
struct DeletePage {
    ctx: PageContext,
    c: ConsultationView,
}

pub async fn confirm_delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let c = ConsultationView::new(&user.ctx, s.id, &s.value, state.clock.now());
    render(StatusCode::OK, &DeletePage { ctx: user.ctx, c })
}

pub async fn delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    state
        .store
        .delete::<Consultation>(&user.user.owner, parse_id(&id)?)
        .await?;
    Ok(Redirect::to("/consultations?done=deleted").into_response())
}

// ---------------------------------------------------------------------------------------------
// What to take along: the printable sheet, its PDF, and the calendar file.

#[derive(Template)]
#[template(path = "consultation_sheet.html")]
struct SheetPage {
    ctx: PageContext,
    c: ConsultationView,
    made: String,
}

pub async fn sheet(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let now = state.clock.now();
    let c = ConsultationView::new(&user.ctx, s.id, &s.value, now);
    let made = user
        .ctx
        .t1("sheet-made", "date", &user.ctx.date(&in_london(now)));
    render(
        StatusCode::OK,
        &SheetPage {
            ctx: user.ctx,
            c,
            made,
        },
    )
}

/// The same sheet as a PDF, for printing later or sending to someone.
pub async fn sheet_pdf(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let now = in_london(state.clock.now());
    let ctx = &user.ctx;
    let c = ConsultationView::new(ctx, s.id, &s.value, state.clock.now());
    let document = sheet_document(ctx, &c, &now);
    let engine = state.pdf.clone();
    let pdf = tokio::task::spawn_blocking(move || engine.render(&document))
        .await
        .map_err(|_| AppError::Document("the PDF task stopped".into()))?
        .map_err(|e| AppError::Document(e.to_string()))?;
    file_response(pdf, "application/pdf", "appointment.pdf")
}

fn sheet_document(
    ctx: &PageContext,
    c: &ConsultationView,
    now: &jiff::ZonedDateTime,
) -> heard_docs::PrintDocument {
    use heard_docs::{PrintBlock, PrintDate, PrintDocument};
    let mut blocks = vec![PrintBlock::Facts {
        rows: vec![
            (ctx.t("summary-where"), c.where_.clone()),
            (ctx.t("summary-with"), c.with.clone()),
            (ctx.t("summary-kind"), c.kind.clone()),
        ],
    }];
    if !c.goal.is_empty() {
        blocks.push(PrintBlock::Heading {
            text: ctx.t("summary-goal"),
        });
        blocks.push(PrintBlock::Bullets {
            items: c.goal.iter().map(|(text, _)| text.clone()).collect(),
        });
    }
    if !c.say_first.is_empty() {
        blocks.push(PrintBlock::Heading {
            text: ctx.t("summary-say-first"),
        });
        blocks.push(PrintBlock::paragraph(&c.say_first));
    }
    blocks.push(PrintBlock::Heading {
        text: ctx.t("summary-questions"),
    });
    for (number, text, important) in &c.questions {
        blocks.push(PrintBlock::Question {
            number: *number,
            text: text.clone(),
            marker: important.then(|| ctx.t("sheet-important")),
            lines: 3,
        });
    }
    if let Some(companion) = &c.companion {
        blocks.push(PrintBlock::Heading {
            text: ctx.t("summary-companion"),
        });
        blocks.push(PrintBlock::paragraph(companion));
    }
    if !c.access.is_empty() {
        blocks.push(PrintBlock::Heading {
            text: ctx.t("summary-access"),
        });
        blocks.push(PrintBlock::Bullets {
            items: c.access.iter().map(|(text, _)| text.clone()).collect(),
        });
    }
    blocks.push(PrintBlock::Heading {
        text: ctx.t("sheet-notes"),
    });
    blocks.push(PrintBlock::Question {
        number: c.questions.len() + 1,
        text: String::new(),
        marker: None,
        lines: 6,
    });
    PrintDocument {
        title: ctx.t("sheet-title"),
        subtitle: Some(c.when.clone()),
        author: ctx.username().to_owned(),
        footer: ctx.t1("sheet-made", "date", &ctx.date(now)),
        date: PrintDate {
            year: i32::from(now.year()),
            month: u8::try_from(now.month()).unwrap_or(1),
            day: u8::try_from(now.day()).unwrap_or(1),
        },
        blocks,
    }
}

/// The appointment as an `.ics` file. Its UID is the record's id, so importing it again after
/// a change updates the event instead of adding another.
pub async fn calendar_file(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let event = appointment_event(&user.ctx, &s, true, state.clock.now());
    let text = heard_docs::calendar(&[event], state.clock.now());
    file_response(
        text.into_bytes(),
        "text/calendar; charset=utf-8",
        "appointment.ics",
    )
}

/// An appointment for a calendar. Without `details` it says only "Heard: appointment", for
/// feeds that may be seen by others (a shared calendar, a lock screen).
pub fn appointment_event(
    ctx: &PageContext,
    s: &Stored<Consultation>,
    details: bool,
    now: jiff::Timestamp,
) -> heard_docs::CalendarEvent {
    let c = &s.value;
    let mut description = vec![ctx.t1(
        "ics-with",
        "who",
        &ConsultationView::new(ctx, s.id, c, now).with,
    )];
    if !c.questions.is_empty() {
        description.push(ctx.tn("ics-questions", "count", c.questions.len() as i64));
    }
    let mut event = heard_docs::CalendarEvent {
        uid: format!("{}@heard", s.id),
        sequence: s.version,
        summary: ctx.t1(
            "ics-summary",
            "kind",
            &label(ctx, "kind", c.kind).to_lowercase(),
        ),
        description: description.join("\n"),
        location: if c.place_name.is_empty() {
            label(ctx, "place", c.place)
        } else {
            c.place_name.clone()
        },
        starts_at: c.starts_at,
        duration_minutes: match c.question_time_hint() {
            QuestionTimeHint::Short => 15,
            _ => 30,
        },
        all_day: false,
        alarm_minutes_before: Some(24 * 60),
        alarm_text: ctx.t("ics-reminder"),
    };
    if !details {
        event.summary = ctx.t("calendar-appointment");
        event.description = String::new();
        event.location = String::new();
    }
    event
}
