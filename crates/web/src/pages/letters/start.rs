//! Starting a letter: choosing its kind (or following a suggestion) and the first draft.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use heard_core::Consultation;
use heard_core::calendar::Nation;
use heard_core::choice::Choice;
use heard_core::concern::Concern;
use heard_core::letter::{LetterDraft, LetterKind, LetterStatus, Party};
use heard_store::{RecordId, StoreError};
use serde::Deserialize;

use super::details::my_details;
use super::facts::{complaint_time_limit, concern_facts, facts, known};
use crate::error::AppError;
use crate::form::Fields;
use crate::pages::widgets::{ChoiceOption, options};
use crate::pages::{PageContext, parse_id, render};
use crate::state::AppState;
use crate::visitor::CurrentUser;

pub(super) struct KindOption {
    id: &'static str,
    title: String,
    summary: String,
    suggested: bool,
}

#[derive(Template)]
#[template(path = "letter_new.html")]
pub(super) struct ChoosePage {
    ctx: PageContext,
    kinds: Vec<KindOption>,
    consultations: Vec<(String, String, bool)>,
    nations: Vec<ChoiceOption>,
    /// The concern the letter is about: (id, title).
    concern: Option<(String, String)>,
}

#[derive(Deserialize)]
pub struct ChooseQuery {
    kind: Option<String>,
    consultation: Option<String>,
    concern: Option<String>,
}

pub async fn choose(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<ChooseQuery>,
) -> Result<Response, AppError> {
    let suggested = q.kind.as_deref().and_then(LetterKind::from_id);
    let mut kinds: Vec<KindOption> = state
        .letters
        .templates
        .iter()
        .map(|t| KindOption {
            id: t.kind.id(),
            title: t.title.clone(),
            summary: t.summary.clone(),
            suggested: Some(t.kind) == suggested,
        })
        .collect();
    kinds.sort_by_key(|k| !k.suggested);
    let mut consultations = state.store.list::<Consultation>(&user.user.owner).await?;
    consultations.sort_by_key(|c| std::cmp::Reverse(c.value.starts_at));
    let concern = match q
        .concern
        .as_deref()
        .and_then(|s| s.parse::<RecordId>().ok())
    {
        Some(id) => match state.store.get::<Concern>(&user.user.owner, id).await {
            Ok(c) => Some(c),
            Err(StoreError::NotFound) => None,
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    // A letter about a concern is about the appointment it grew from, if there is one.
    let from_concern = concern
        .as_ref()
        .and_then(|c| c.value.consultations.first())
        .map(ToString::to_string);
    let chosen = q.consultation.or(from_concern).unwrap_or_default();
    let consultations = consultations
        .iter()
        .map(|c| {
            let id = c.id.to_string();
            let when = user.ctx.date_time(&c.value.starts());
            let selected = id == chosen;
            (id, when, selected)
        })
        .collect();
    let nation = concern.as_ref().map_or(Nation::England, |c| c.value.nation);
    let nations = options(&user.ctx, "nation", &[nation]);
    render(
        StatusCode::OK,
        &ChoosePage {
            ctx: user.ctx,
            kinds,
            consultations,
            nations,
            concern: concern.map(|c| (c.id.to_string(), c.value.title)),
        },
    )
}

/// Starts a letter: a draft filled from what was recorded, then the edit page.
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    fields: Fields,
) -> Result<Response, AppError> {
    let kind = LetterKind::from_id(fields.get("kind")).ok_or(AppError::BadRequest)?;
    let template = state.letters.template(kind).ok_or(AppError::BadRequest)?;
    let nation = Nation::from_id(fields.get("nation")).unwrap_or(Nation::England);
    let consultation = match fields.get("consultation") {
        "" => None,
        raw => Some(parse_id(raw)?),
    };
    let known = match consultation {
        Some(id) => Some(known(&state, &user, id).await?),
        None => None,
    };
    let concern = match fields.get("concern") {
        "" => None,
        raw => Some(
            state
                .store
                .get::<Concern>(&user.user.owner, parse_id(raw)?)
                .await?,
        ),
    };
    let details = my_details(&state, &user)
        .await?
        .map(|d| d.value)
        .unwrap_or_default();
    let today = state.today();
    let reply_by = template
        .reply
        .due(nation, today)
        .or_else(|| heard_core::calendar::add_calendar_days(today, 14));
    let mut facts = facts(&user.ctx, nation, known.as_ref(), &details, today, reply_by);
    if let Some(c) = &concern {
        concern_facts(&user.ctx, &c.value, &mut facts);
    }
    let concern_value = concern.as_ref().map(|c| &c.value);
    match complaint_time_limit(&state, &user.ctx, nation, concern_value, today) {
        Some((rule, false)) => {
            facts.set("time_limit", rule);
        }
        Some((rule, true)) => {
            facts.set("late_limit", rule);
        }
        None => {}
    }
    let (subject, body) = template.fill(&facts);
    let recipient = known.as_ref().map(|k| Party {
        name: k.consultation.with_name.clone(),
        address: k.consultation.place_name.clone(),
        email: String::new(),
    });
    let salutation = match recipient
        .as_ref()
        .map(|r| r.name.trim())
        .filter(|n| !n.is_empty())
    {
        Some(name) => user.ctx.t1("letter-dear", "name", name),
        None => user.ctx.t("letter-dear-unknown"),
    };
    let draft = LetterDraft {
        kind,
        consultation: consultation.map(|c| c.as_uuid()),
        concern: concern.as_ref().map(|c| c.id.as_uuid()),
        nation,
        sender: Party {
            name: details.name.clone(),
            address: details.address.clone(),
            email: details.email.clone(),
        },
        recipient: recipient.unwrap_or_default(),
        hospital_number: details.hospital_number.clone(),
        nhs_number: details.nhs_number.clone(),
        subject,
        salutation,
        body,
        closing: template.closing.clone(),
        status: LetterStatus::Draft,
        request: Default::default(),
    };
    let id = fields.get("id").parse().unwrap_or_default();
    let stored = state
        .store
        .insert_with_id(&user.user.owner, id, draft, state.clock.now())
        .await?;
    Ok(Redirect::to(&format!("/letters/{}", stored.id)).into_response())
}
