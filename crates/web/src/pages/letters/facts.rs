//! What a new draft is filled from: the consultation, its reflection, the concern, and the
//! time limit from the concern's own pathway.

use heard_core::Consultation;
use heard_core::calendar::Nation;
use heard_core::choice::Choice;
use heard_core::concern::Concern;
use heard_core::consultation::Interpreter;
use heard_core::letter::{Facts, LetterKind, MyDetails};
use heard_core::reflection::{Answer, Reflection, ReflectionStep};
use heard_core::room::{QuestionStatus, RoomState, TimeRequest};
use heard_store::{RecordId, StoreError};
use jiff::civil::Date;
use uuid::Uuid;

use crate::error::AppError;
use crate::pages::PageContext;
use crate::pages::widgets::label;
use crate::state::AppState;
use crate::visitor::CurrentUser;

/// What is known about a consultation, for filling a letter.
pub(super) struct Known {
    pub(super) consultation: Consultation,
    pub(super) room: RoomState,
    pub(super) reflection: Option<Reflection>,
}

pub(super) async fn known(
    state: &AppState,
    user: &CurrentUser,
    id: RecordId,
) -> Result<Known, AppError> {
    let consultation = state
        .store
        .get::<Consultation>(&user.user.owner, id)
        .await?;
    let entries = state.store.room_entries(&user.user.owner, id).await?;
    let reflection_id = RecordId::from_uuid(Uuid::new_v5(&id.as_uuid(), b"reflection"));
    let reflection = match state
        .store
        .get::<Reflection>(&user.user.owner, reflection_id)
        .await
    {
        Ok(r) => Some(r.value),
        Err(StoreError::NotFound) => None,
        Err(e) => return Err(e.into()),
    };
    Ok(Known {
        consultation: consultation.value,
        room: RoomState::from_entries(&entries),
        reflection,
    })
}

fn and_list(ctx: &PageContext, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => ctx.t_args(
            "letter-and",
            &[
                ("first", rest.join(", ").into()),
                ("second", last.clone().into()),
            ],
        ),
    }
}

/// Everything the letter templates can use, from what the person recorded.
pub(super) fn facts(
    ctx: &PageContext,
    nation: Nation,
    known: Option<&Known>,
    details: &MyDetails,
    today: Date,
    reply_by: Option<Date>,
) -> Facts {
    let mut f = Facts::default();
    f.set("my_name", details.name.clone())
        .set("today", ctx.civil_date(today))
        .set(
            "service_name",
            ctx.t(&format!("service-name-{}", nation.id())),
        )
        .set(
            "ombudsman_name",
            ctx.t(&format!("ombudsman-name-{}", nation.id())),
        )
        .set(
            "healthwatch_name",
            ctx.t(&format!("healthwatch-name-{}", nation.id())),
        )
        .set("what_happened", ctx.t("letter-prompt-what-happened"))
        .set("how_it_affected_me", ctx.t("letter-prompt-how"))
        .set("records_period", ctx.t("letter-prompt-period"))
        .set_list("what_i_want", vec![ctx.t("letter-prompt-want")])
        .set_list(
            "records_wanted",
            vec![
                ctx.t("letter-records-notes"),
                ctx.t("letter-records-results"),
            ],
        );
    if let Some(due) = reply_by {
        f.set("reply_by", ctx.civil_date(due));
    }
    let Some(k) = known else {
        return f;
    };
    let c = &k.consultation;
    let role = ctx.t(&format!("role-name-{}", c.with_role.id()));
    let professional = if c.with_name.is_empty() {
        ctx.t1("letter-the-role", "role", &role)
    } else {
        ctx.t_args(
            "letter-named-role",
            &[("name", c.with_name.clone().into()), ("role", role.into())],
        )
    };
    let remaining: Vec<String> = c
        .questions
        .iter()
        .filter(|q| k.room.question(q.id).status != Some(QuestionStatus::Answered))
        .map(|q| q.text.clone())
        .collect();
    let asked_for: Vec<String> = k
        .room
        .asked_for
        .iter()
        .map(|r| match r {
            TimeRequest::FollowUpAppointment => ctx.t("letter-asked-appointment"),
            TimeRequest::FollowUpCall => ctx.t("letter-asked-call"),
            TimeRequest::EmailRemainingQuestions => ctx.t("letter-asked-email"),
        })
        .collect();
    let mut access: Vec<String> = c
        .access
        .needs
        .iter()
        .map(|n| label(ctx, "access", *n))
        .collect();
    if !c.access.other.is_empty() {
        access.push(c.access.other.clone());
    }
    let interpreter = match &c.access.interpreter {
        Some(Interpreter::Spoken(language)) => {
            ctx.t1("letter-interpreter-spoken", "language", language)
        }
        Some(Interpreter::BritishSignLanguage) => ctx.t("letter-interpreter-bsl"),
        None => String::new(),
    };
    let steps = k
        .room
        .next_steps
        .iter()
        .map(|s| {
            if s.who.is_empty() && s.by_when.is_empty() {
                s.what.clone()
            } else {
                ctx.t_args(
                    "letter-step",
                    &[
                        ("what", s.what.clone().into()),
                        ("who", s.who.clone().into()),
                        ("when", s.by_when.clone().into()),
                    ],
                )
            }
        })
        .collect();
    f.set("appointment_date", ctx.date_time(&c.starts()))
        .set("professional", professional)
        .set(
            "place",
            if c.place_name.is_empty() {
                label(ctx, "place", c.place)
            } else {
                c.place_name.clone()
            },
        )
        .set("decisions", k.room.decisions.clone())
        .set("unanswered_count", remaining.len().to_string())
        .set("asked_for", and_list(ctx, &asked_for))
        .set("interpreter", interpreter)
        .set_list("remaining_questions", remaining)
        .set_list("next_steps", steps)
        .set_list("access_needs", access);
    if let Some(r) = &k.reflection {
        // What the reflection says went wrong, in the person's voice.
        let felt: Vec<String> = [
            (ReflectionStep::Understood, "letter-felt-not-understood"),
            (ReflectionStep::Listened, "letter-felt-not-listened"),
            (
                ReflectionStep::QuestionsAnswered,
                "letter-felt-not-answered",
            ),
            (ReflectionStep::WorriesTakenSeriously, "letter-felt-worries"),
            (
                ReflectionStep::CommunicatedWell,
                "letter-felt-communication",
            ),
            (ReflectionStep::GotWhatICameFor, "letter-felt-goal"),
        ]
        .into_iter()
        .filter(|(step, _)| r.answer(*step) == Some(Answer::No))
        .map(|(_, id)| ctx.t(id))
        .collect();
        if !felt.is_empty() {
            let mut happened = felt.join(" ");
            if !k.room.notes.is_empty() {
                happened = format!("{happened} {}", k.room.notes);
            }
            f.set("what_happened", happened);
        }
        if r.felt_unfairly_treated() {
            let reasons: Vec<String> = r
                .characteristics
                .iter()
                .map(|c| label(ctx, "characteristic", *c).to_lowercase())
                .collect();
            let mut unfair = if reasons.is_empty() {
                String::new()
            } else {
                ctx.t1("letter-unfair", "reasons", &and_list(ctx, &reasons))
            };
            if !r.unfair_other.is_empty() {
                unfair = format!("{unfair} {}", r.unfair_other).trim().to_owned();
            }
            f.set("unfair_treatment", unfair);
        }
        if r.went_well() {
            f.set("what_worked", r.anything_else.clone());
        }
    }
    f
}

/// The time limit for a formal complaint in this nation and setting, in the first person, from
/// the pathway ("6 months from when it happened, or from when I found out about it"), and
/// whether the concern's own clock for it has already passed; none when the pathway has no such
/// limit. A cap is left out: it protects the person's own date on the case file, and is not
/// something to concede in their letter (in Northern Ireland it may no longer apply).
pub(super) fn complaint_time_limit(
    state: &AppState,
    ctx: &PageContext,
    nation: Nation,
    concern: Option<&Concern>,
    today: Date,
) -> Option<(String, bool)> {
    use heard_core::concern::{EventKind, Setting};
    use heard_core::pathway::{Anchor, Party};
    let pathway = state.escalation.pathway(nation)?;
    let setting = concern.map_or(Setting::Hospital, |c| c.setting);
    let limit = pathway
        .steps_for(setting)
        .filter(|s| s.letter == Some(LetterKind::FormalComplaint))
        .flat_map(|s| &s.limits)
        .find(|l| l.party == Party::You && l.until.contains(&EventKind::ComplaintMade))?;
    let from = match limit.from {
        Anchor::Problem => "letter-time-limit-from-problem",
        Anchor::Happened => "letter-time-limit-from-happened",
        Anchor::Event(_) => return None,
    };
    let rule = ctx.t1(
        from,
        "amount",
        &crate::pages::explain::amount(ctx, limit.within, limit.unit),
    );
    let late = concern
        .filter(|c| c.nation == nation)
        .and_then(|c| limit.reckon(nation, c.problem_dates(), |_| None))
        .is_some_and(|r| r.due < today);
    Some((rule, late))
}

/// What the person wrote in their concern, in the words the templates use.
pub(super) fn concern_facts(ctx: &PageContext, c: &Concern, f: &mut Facts) {
    let mut happened = Vec::new();
    if let Some(on) = c.happened_on {
        happened.push(ctx.t1("letter-concern-on", "date", &ctx.civil_date(on)));
    }
    if !c.what_happened.is_empty() {
        happened.push(c.what_happened.clone());
    }
    if !happened.is_empty() {
        f.set("what_happened", happened.join(" "));
    }
    if !c.effect.is_empty() {
        f.set("how_it_affected_me", c.effect.clone());
    }
    if !c.place.is_empty() {
        f.set("place", c.place.clone());
    }
    let mut wants: Vec<String> = c
        .wishes
        .iter()
        .filter(|w| **w != heard_core::concern::Wish::Other)
        .map(|w| ctx.t(&format!("letter-want-{}", w.id())))
        .collect();
    if !c.wish_other.is_empty() {
        wants.push(c.wish_other.clone());
    }
    if !wants.is_empty() {
        f.set_list("what_i_want", wants);
    }
    if c.unfair_treatment {
        let reasons: Vec<String> = c
            .characteristics
            .iter()
            .map(|p| label(ctx, "characteristic", *p).to_lowercase())
            .collect();
        if !reasons.is_empty() {
            f.set(
                "unfair_treatment",
                ctx.t1("letter-unfair", "reasons", &and_list(ctx, &reasons)),
            );
        }
    }
}
