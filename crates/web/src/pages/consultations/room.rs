//! In the room: a focused page for one consultation, phone first. Every answer and note is its
//! own small form, saved on its own; a script sends them in the background and keeps them on
//! the device while there is no signal. Saved entries are never overwritten: see
//! `heard_core::room`.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use heard_core::Consultation;
use heard_core::room::{
    Current, NextStepField, QuestionField, RoomEntry, RoomState, Saved, Slot, fold,
};
use heard_store::{RecordId, Stored};
use uuid::Uuid;

use super::{ConsultationView, load};
use crate::error::AppError;
use crate::form::Fields;
use crate::pages::{PageContext, Rendered, render};
use crate::state::AppState;
use crate::visitor::CurrentUser;

/// One slot as a form shows it: its value, what a new entry is based on, and, if devices
/// disagreed, every version.
pub struct SlotView {
    pub value: String,
    pub based_on: String,
    pub versions: Vec<(String, String)>,
}

impl SlotView {
    fn new(current: Option<&Current>) -> Self {
        match current {
            None => Self {
                value: String::new(),
                based_on: String::new(),
                versions: Vec::new(),
            },
            Some(c) => Self {
                value: c.value().to_owned(),
                based_on: c
                    .head_ids()
                    .iter()
                    .map(Uuid::to_string)
                    .collect::<Vec<_>>()
                    .join(" "),
                versions: if c.in_conflict() {
                    c.heads
                        .iter()
                        .map(|h| (h.id.to_string(), h.value.clone()))
                        .collect()
                } else {
                    Vec::new()
                },
            },
        }
    }

    pub fn in_conflict(&self) -> bool {
        !self.versions.is_empty()
    }
}

pub struct RoomQuestion {
    pub id: String,
    pub number: usize,
    pub text: String,
    pub important: bool,
    pub status: SlotView,
    pub answer: SlotView,
    pub why: SlotView,
    pub not_understood: SlotView,
}

pub struct RoomStep {
    pub id: String,
    pub what: SlotView,
    pub who: SlotView,
    pub by_when: SlotView,
}

#[derive(Template)]
#[template(path = "room.html")]
struct RoomPage {
    ctx: PageContext,
    c: ConsultationView,
    questions: Vec<RoomQuestion>,
    steps: Vec<RoomStep>,
    decisions: SlotView,
    notes: SlotView,
    companion_notes: SlotView,
    asked_for: SlotView,
    asked_follow_up_appointment: bool,
    asked_follow_up_call: bool,
    asked_email: bool,
    conflicts: usize,
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let consultation = load(&state, &user, &id).await?;
    let saved = state
        .store
        .room_entries(&user.user.owner, consultation.id)
        .await?;
    let page = room_page(&state, user.ctx.clone(), &consultation, &saved);
    render(StatusCode::OK, &page)
}

fn room_page(
    state: &AppState,
    ctx: PageContext,
    consultation: &Stored<Consultation>,
    saved: &[Saved],
) -> RoomPage {
    let current: BTreeMap<Slot, Current> = fold(saved);
    let room = RoomState::from_entries(saved);
    let slot = |s: Slot| SlotView::new(current.get(&s));
    let c = &consultation.value;
    let questions = c
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let field = |field| {
                slot(Slot::Question {
                    question: q.id,
                    field,
                })
            };
            RoomQuestion {
                id: q.id.to_string(),
                number: i + 1,
                text: q.text.clone(),
                important: q.important,
                status: field(QuestionField::Status),
                answer: field(QuestionField::Answer),
                why: field(QuestionField::Why),
                not_understood: field(QuestionField::NotUnderstood),
            }
        })
        .collect();
    let steps = room
        .next_steps
        .iter()
        .map(|s| {
            let field = |field| slot(Slot::NextStep { step: s.id, field });
            RoomStep {
                id: s.id.to_string(),
                what: field(NextStepField::What),
                who: field(NextStepField::Who),
                by_when: field(NextStepField::ByWhen),
            }
        })
        .collect();
    use heard_core::room::TimeRequest;
    RoomPage {
        c: ConsultationView::new(&ctx, consultation.id, c, state.clock.now()),
        ctx,
        questions,
        steps,
        decisions: slot(Slot::Decisions),
        notes: slot(Slot::Notes),
        companion_notes: slot(Slot::CompanionNotes),
        asked_for: slot(Slot::AskedFor),
        asked_follow_up_appointment: room.asked_for.contains(&TimeRequest::FollowUpAppointment),
        asked_follow_up_call: room.asked_for.contains(&TimeRequest::FollowUpCall),
        asked_email: room
            .asked_for
            .contains(&TimeRequest::EmailRemainingQuestions),
        conflicts: room.conflicts,
    }
}

/// Longest text one entry may hold.
const MAX_ENTRY_CHARS: usize = 10_000;

/// What a room form sent, as a slot and a value.
fn entry_from(fields: &Fields, consultation: &Consultation) -> Option<(Slot, String)> {
    let question = || {
        Uuid::parse_str(fields.get("question"))
            .ok()
            .filter(|q| consultation.questions.get(*q).is_some())
    };
    let step = || Uuid::parse_str(fields.get("step")).ok();
    let text = || fields.get("value").replace("\r\n", "\n").trim().to_owned();
    let slot_and_value = match (fields.get("on"), fields.get("field")) {
        ("question", "status") => {
            let status = heard_core::room::parse_status(fields.get("value"));
            (
                Slot::Question {
                    question: question()?,
                    field: QuestionField::Status,
                },
                heard_core::room::status_value(status),
            )
        }
        ("question", "answer") => (
            Slot::Question {
                question: question()?,
                field: QuestionField::Answer,
            },
            text(),
        ),
        ("question", "why") => (
            Slot::Question {
                question: question()?,
                field: QuestionField::Why,
            },
            text(),
        ),
        ("question", "not-understood") => (
            Slot::Question {
                question: question()?,
                field: QuestionField::NotUnderstood,
            },
            heard_core::room::flag_value(fields.get("value") == "yes"),
        ),
        ("step", "what") => (
            Slot::NextStep {
                step: step()?,
                field: NextStepField::What,
            },
            text(),
        ),
        ("step", "who") => (
            Slot::NextStep {
                step: step()?,
                field: NextStepField::Who,
            },
            text(),
        ),
        ("step", "by-when") => (
            Slot::NextStep {
                step: step()?,
                field: NextStepField::ByWhen,
            },
            text(),
        ),
        ("step", "removed") => (
            Slot::NextStep {
                step: step()?,
                field: NextStepField::Removed,
            },
            "yes".into(),
        ),
        ("decisions", _) => (Slot::Decisions, text()),
        ("notes", _) => (Slot::Notes, text()),
        ("companion-notes", _) => (Slot::CompanionNotes, text()),
        ("asked-for", _) => {
            let requests = fields
                .all("value")
                .into_iter()
                .flat_map(heard_core::room::parse_requests)
                .collect();
            (Slot::AskedFor, heard_core::room::requests_value(&requests))
        }
        _ => return None,
    };
    Some(slot_and_value)
}

/// Saves one entry. The entry's id comes from the device (the form carries one made when it
/// was shown; the script makes one per change), so sending it again stores nothing new.
/// Scripts get JSON with the slot's new heads; without scripts, the page again.
pub async fn save(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    headers: HeaderMap,
    fields: Fields,
) -> Result<Response, AppError> {
    let consultation = load(&state, &user, &id).await?;
    let entry_id: RecordId = fields.get("id").parse().map_err(|_| AppError::BadRequest)?;
    let parent = consultation.id.as_uuid();
    let to_store: Vec<(RecordId, RoomEntry)> = if fields.get("on") == "new-step" {
        new_step(&fields, entry_id, parent)?
    } else {
        let (slot, value) = entry_from(&fields, &consultation.value).ok_or(AppError::BadRequest)?;
        let based_on = fields
            .get("based_on")
            .split_whitespace()
            .filter_map(|b| Uuid::parse_str(b).ok())
            .collect();
        vec![(
            entry_id,
            RoomEntry {
                consultation: parent,
                slot,
                value,
                based_on,
            },
        )]
    };
    if to_store
        .iter()
        .any(|(_, e)| e.value.chars().count() > MAX_ENTRY_CHARS)
    {
        return Err(AppError::TooLarge);
    }
    let now = state.clock.now();
    let slot = to_store.first().map(|(_, e)| e.slot.clone());
    for (record_id, entry) in to_store {
        let stored = state
            .store
            .insert_with_id(&user.user.owner, record_id, entry, now)
            .await?;
        // An id already used for another consultation is not a retry of this save.
        if stored.value.consultation != parent {
            return Err(AppError::BadRequest);
        }
    }
    let wants_json = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("application/json"));
    if wants_json {
        let saved = state
            .store
            .room_entries(&user.user.owner, consultation.id)
            .await?;
        let heads = slot
            .as_ref()
            .and_then(|s| fold(&saved).get(s).map(Current::head_ids))
            .unwrap_or_default();
        let body = serde_json::json!({
            "status": "saved",
            "entry": entry_id.to_string(),
            "based_on": heads.iter().map(Uuid::to_string).collect::<Vec<_>>().join(" "),
            "conflict": heads.len() > 1,
        });
        let mut response = (
            [(header::CONTENT_TYPE, "application/json")],
            body.to_string(),
        )
            .into_response();
        // Saving renews the session: tell the idle-warning script how long is left now.
        if let Ok(v) = axum::http::HeaderValue::from_str(&user.ctx.idle_seconds.to_string()) {
            response.headers_mut().insert("x-idle-seconds", v);
        }
        response.extensions_mut().insert(Rendered);
        return Ok(response);
    }
    let anchor = match &slot {
        Some(Slot::Question { question, .. }) => format!("question-{question}"),
        Some(Slot::Decisions) => "decisions".into(),
        Some(Slot::Notes) => "notes".into(),
        Some(Slot::CompanionNotes) => "companion-notes".into(),
        Some(Slot::AskedFor) => "running-out".into(),
        Some(Slot::NextStep { .. }) | None => "next-steps".into(),
    };
    Ok(Redirect::to(&format!("/consultations/{id}/room?saved=1#{anchor}")).into_response())
}

/// A new next step arrives as its three fields at once. Each is its own entry, with an id made
/// from the device's id, so a retry stores each once.
fn new_step(
    fields: &Fields,
    entry_id: RecordId,
    parent: Uuid,
) -> Result<Vec<(RecordId, RoomEntry)>, AppError> {
    let step = entry_id.as_uuid();
    let out: Vec<(RecordId, RoomEntry)> = [
        (NextStepField::What, "what"),
        (NextStepField::Who, "who"),
        (NextStepField::ByWhen, "by_when"),
    ]
    .into_iter()
    .filter_map(|(field, name)| {
        let text = fields.get(name).replace("\r\n", "\n").trim().to_owned();
        (!text.is_empty()).then(|| {
            (
                RecordId::from_uuid(Uuid::new_v5(&step, name.as_bytes())),
                RoomEntry {
                    consultation: parent,
                    slot: Slot::NextStep { step, field },
                    value: text,
                    based_on: Vec::new(),
                },
            )
        })
    })
    .collect();
    if out.is_empty() {
        return Err(AppError::BadRequest);
    }
    Ok(out)
}
