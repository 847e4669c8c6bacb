//! Letters: choose one (or follow a suggestion), get a draft filled from what was recorded,
//! edit each part, check the tone and the plain English, see it, take it away as a PDF, text or
//! email, and mark it as sent so Heard knows when a reply is due.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use heard_core::Consultation;
use heard_core::calendar::Nation;
use heard_core::concern::Concern;
use heard_core::consultation::{Choice, Interpreter};
use heard_core::letter::{
    Block, Facts, LetterDraft, LetterKind, LetterLabels, LetterStatus, MyDetails, Party, SentBy,
};
use heard_core::reflection::{Answer, Reflection, ReflectionStep};
use heard_core::room::{QuestionStatus, RoomState, TimeRequest};
use heard_core::time::in_london;
use heard_store::{RecordId, StoreError, Stored};
use jiff::civil::Date;
use serde::Deserialize;
use uuid::Uuid;

use super::widgets::{ChoiceOption, label, options};
use super::{DateParts, FormErrors, PageContext, file_response, render};
use crate::error::AppError;
use crate::form::Fields;
use crate::state::AppState;
use crate::visitor::CurrentUser;

const MAX_LETTER_CHARS: usize = 20_000;

fn parse_id(raw: &str) -> Result<RecordId, AppError> {
    raw.parse().map_err(|_| AppError::NotFound)
}

fn details_id(user: &CurrentUser) -> RecordId {
    RecordId::from_uuid(Uuid::new_v5(&user.user.user_id.as_uuid(), b"my-details"))
}

async fn my_details(
    state: &AppState,
    user: &CurrentUser,
) -> Result<Option<Stored<MyDetails>>, AppError> {
    match state
        .store
        .get::<MyDetails>(&user.user.owner, details_id(user))
        .await
    {
        Ok(d) => Ok(Some(d)),
        Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

fn today(state: &AppState) -> Date {
    in_london(state.clock.now()).date()
}

/// "Sent 24 November 2026 · Reply due 8 December 2026", as a status line.
pub fn status_line(ctx: &PageContext, draft: &LetterDraft, today: Date) -> String {
    match &draft.status {
        LetterStatus::Draft => ctx.t("letters-status-draft"),
        LetterStatus::Sent { on, .. } => {
            let sent = ctx.t1("letters-status-sent", "date", &ctx.civil_date(*on));
            match &draft.awaited_reply() {
                Some(due) if *due < today => format!(
                    "{sent} {} {}",
                    ctx.t("list-separator"),
                    ctx.t1("letters-status-overdue", "date", &ctx.civil_date(*due))
                ),
                Some(due) => format!(
                    "{sent} {} {}",
                    ctx.t("list-separator"),
                    ctx.t1("letters-status-reply-due", "date", &ctx.civil_date(*due))
                ),
                None => sent,
            }
        }
        LetterStatus::Replied { replied_on, .. } => ctx.t1(
            "letters-status-replied",
            "date",
            &ctx.civil_date(*replied_on),
        ),
    }
}

/// A letter in a list.
pub struct LetterItem {
    pub id: String,
    pub title: String,
    pub subject: String,
    pub status: String,
    pub overdue: bool,
}

fn item(state: &AppState, ctx: &PageContext, stored: &Stored<LetterDraft>) -> LetterItem {
    let today = today(state);
    LetterItem {
        id: stored.id.to_string(),
        title: state
            .letters
            .template(stored.value.kind)
            .map(|t| t.title.clone())
            .unwrap_or_default(),
        subject: stored.value.subject.clone(),
        status: status_line(ctx, &stored.value, today),
        overdue: stored.value.awaited_reply().is_some_and(|due| due < today),
    }
}

/// The person's letters about one consultation, for its page (its timeline of what was sent).
pub async fn for_consultation(
    state: &AppState,
    user: &CurrentUser,
    consultation: RecordId,
) -> Result<Vec<LetterItem>, AppError> {
    let mut letters = state.store.list::<LetterDraft>(&user.user.owner).await?;
    letters.retain(|l| l.value.consultation == Some(consultation.as_uuid()));
    letters.reverse();
    Ok(letters.iter().map(|l| item(state, &user.ctx, l)).collect())
}

#[derive(Template)]
#[template(path = "letters_list.html")]
struct ListPage {
    ctx: PageContext,
    letters: Vec<LetterItem>,
    done: Option<String>,
}

#[derive(Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let mut letters = state.store.list::<LetterDraft>(&user.user.owner).await?;
    letters.reverse();
    let items = letters.iter().map(|l| item(&state, &user.ctx, l)).collect();
    let done = (q.done.as_deref() == Some("deleted")).then(|| user.ctx.t("letter-deleted"));
    render(
        StatusCode::OK,
        &ListPage {
            ctx: user.ctx,
            letters: items,
            done,
        },
    )
}

struct KindOption {
    id: &'static str,
    title: String,
    summary: String,
    suggested: bool,
}

#[derive(Template)]
#[template(path = "letter_new.html")]
struct ChoosePage {
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

/// What is known about a consultation, for filling a letter.
struct Known {
    consultation: Consultation,
    room: RoomState,
    reflection: Option<Reflection>,
}

async fn known(state: &AppState, user: &CurrentUser, id: RecordId) -> Result<Known, AppError> {
    let consultation = state
        .store
        .get::<Consultation>(&user.user.owner, id)
        .await?;
    let entries = super::room::entries(state, user, id).await?;
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
fn facts(
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
    let today = today(&state);
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

/// The time limit for a formal complaint in this nation and setting, in the first person, from
/// the pathway ("6 months from when it happened, or from when I found out about it"), and
/// whether the concern's own clock for it has already passed; none when the pathway has no such
/// limit. A cap is left out: it protects the person's own date on the case file, and is not
/// something to concede in their letter (in Northern Ireland it may no longer apply).
fn complaint_time_limit(
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
        &super::explain::amount(ctx, limit.within, limit.unit),
    );
    let late = concern
        .filter(|c| c.nation == nation)
        .and_then(|c| limit.reckon(nation, c.problem_dates(), |_| None))
        .is_some_and(|r| r.due < today);
    Some((rule, late))
}

/// What the person wrote in their concern, in the words the templates use.
fn concern_facts(ctx: &PageContext, c: &Concern, f: &mut Facts) {
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

/// One tone warning or plain-English note, in words.
struct CheckView {
    tone: Vec<String>,
    reading: String,
    long_sentences: Vec<String>,
    plainer: Vec<String>,
    gaps: bool,
}

fn check_letter(state: &AppState, ctx: &PageContext, draft: &LetterDraft) -> CheckView {
    let text = format!("{}\n\n{}", draft.subject, draft.body);
    let tone = heard_core::tone::check(&text)
        .into_iter()
        .map(|w| ctx.t1(&format!("tone-{}", w.rule.id()), "found", &w.found))
        .collect();
    let report = heard_core::plain::check(&draft.body, &state.letters.plainer);
    let score = report.reading_ease.clamp(0.0, 100.0).round() as i64;
    let verdict = if score >= 70 {
        ctx.t("check-reading-easy")
    } else if score >= 60 {
        ctx.t("check-reading-ok")
    } else {
        ctx.t("check-reading-hard")
    };
    CheckView {
        tone,
        reading: ctx.t_args(
            "check-reading-ease",
            &[("score", score.into()), ("verdict", verdict.into())],
        ),
        long_sentences: report
            .long_sentences
            .iter()
            .map(|(s, n)| {
                let start: String = s.split_whitespace().take(8).collect::<Vec<_>>().join(" ");
                ctx.t_args(
                    "check-long-sentence",
                    &[("count", (*n as i64).into()), ("start", start.into())],
                )
            })
            .collect(),
        plainer: report
            .plainer
            .iter()
            .map(|p| {
                ctx.t_args(
                    "check-plainer",
                    &[
                        ("word", p.word.clone().into()),
                        ("instead", p.instead.clone().into()),
                    ],
                )
            })
            .collect(),
        gaps: draft.body.contains("[…]") || draft.body.contains('[') && draft.body.contains(']'),
    }
}

#[derive(Template)]
#[template(path = "letter_edit.html")]
struct EditPage {
    ctx: PageContext,
    id: String,
    version: i64,
    title: String,
    recipient_hint: String,
    d: LetterDraft,
    nations: Vec<ChoiceOption>,
    check: CheckView,
    remember: bool,
    done: Option<String>,
    changed_elsewhere: bool,
    errors: FormErrors,
}

async fn load(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> Result<Stored<LetterDraft>, AppError> {
    Ok(state
        .store
        .get::<LetterDraft>(&user.user.owner, parse_id(id)?)
        .await?)
}

fn edit_page(
    state: &AppState,
    ctx: PageContext,
    s: &Stored<LetterDraft>,
    d: LetterDraft,
) -> EditPage {
    let template = state.letters.template(d.kind);
    EditPage {
        id: s.id.to_string(),
        version: s.version,
        title: template.map(|t| t.title.clone()).unwrap_or_default(),
        recipient_hint: template
            .map(|t| t.recipient_hint.clone())
            .unwrap_or_default(),
        nations: options(&ctx, "nation", &[d.nation]),
        check: check_letter(state, &ctx, &d),
        d,
        ctx,
        remember: true,
        done: None,
        changed_elsewhere: false,
        errors: FormErrors::default(),
    }
}

pub async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let mut page = edit_page(&state, user.ctx.clone(), &s, s.value.clone());
    page.done = match q.done.as_deref() {
        Some("saved") => Some(user.ctx.t("letter-saved")),
        Some("recipient") => Some(user.ctx.t("letter-recipient-set")),
        _ => None,
    };
    render(StatusCode::OK, &page)
}

fn text(fields: &Fields, name: &str, max: usize) -> String {
    fields
        .get(name)
        .replace("\r\n", "\n")
        .trim()
        .chars()
        .take(max)
        .collect()
}

pub async fn save(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    fields: Fields,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let mut d = s.value.clone();
    d.sender = Party {
        name: text(&fields, "sender_name", 200),
        address: text(&fields, "sender_address", 1000),
        email: text(&fields, "sender_email", 254),
    };
    d.recipient = Party {
        name: text(&fields, "recipient_name", 200),
        address: text(&fields, "recipient_address", 1000),
        email: text(&fields, "recipient_email", 254),
    };
    d.hospital_number = text(&fields, "hospital_number", 50);
    d.nhs_number = text(&fields, "nhs_number", 50);
    d.nation = Nation::from_id(fields.get("nation")).unwrap_or(d.nation);
    d.subject = text(&fields, "subject", 300);
    d.salutation = text(&fields, "salutation", 200);
    d.body = fields.get("body").replace("\r\n", "\n").trim().to_owned();
    d.closing = text(&fields, "closing", 200);
    let remember = fields.has("remember");
    let mut errors = FormErrors::default();
    if d.sender.name.is_empty() {
        errors.add("sender_name", user.ctx.t("letter-name-missing"));
    }
    if d.subject.is_empty() {
        errors.add("subject", user.ctx.t("letter-subject-missing"));
    }
    if d.body.is_empty() {
        errors.add("body", user.ctx.t("letter-body-missing"));
    } else if d.body.chars().count() > MAX_LETTER_CHARS {
        errors.add("body", user.ctx.t("letter-too-long"));
    }
    if !errors.is_empty() {
        let mut page = edit_page(&state, user.ctx.clone(), &s, d);
        page.errors = errors;
        page.remember = remember;
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    let version: i64 = fields
        .get("version")
        .parse()
        .map_err(|_| AppError::BadRequest)?;
    match state
        .store
        .update(
            &user.user.owner,
            s.id,
            version,
            d.clone(),
            state.clock.now(),
        )
        .await
    {
        Ok(_) => {}
        Err(StoreError::Conflict { current_version }) => {
            let mut page = edit_page(&state, user.ctx.clone(), &s, d);
            page.version = current_version;
            page.changed_elsewhere = true;
            return render(StatusCode::CONFLICT, &page);
        }
        Err(e) => return Err(e.into()),
    }
    if remember {
        remember_details(&state, &user, &d).await?;
    }
    let to = if fields.has("preview") {
        format!("/letters/{id}/preview")
    } else {
        format!("/letters/{id}?done=saved")
    };
    Ok(Redirect::to(&to).into_response())
}

/// Keeps the sender's details for the next letter (the newest always wins: they are the
/// person's own, typed moments ago).
async fn remember_details(
    state: &AppState,
    user: &CurrentUser,
    d: &LetterDraft,
) -> Result<(), AppError> {
    let details = MyDetails {
        name: d.sender.name.clone(),
        address: d.sender.address.clone(),
        email: d.sender.email.clone(),
        hospital_number: d.hospital_number.clone(),
        nhs_number: d.nhs_number.clone(),
    };
    let now = state.clock.now();
    match my_details(state, user).await? {
        Some(current) if current.value == details => Ok(()),
        Some(current) => match state
            .store
            .update(&user.user.owner, current.id, current.version, details, now)
            .await
        {
            Ok(_) | Err(StoreError::Conflict { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        },
        None => {
            state
                .store
                .insert_with_id(&user.user.owner, details_id(user), details, now)
                .await?;
            Ok(())
        }
    }
}

pub fn labels(ctx: &PageContext) -> LetterLabels {
    LetterLabels {
        hospital_number: ctx.t("letter-hospital-number-label"),
        nhs_number: ctx.t("letter-nhs-number-label"),
    }
}

/// The letter as it will be sent, dated today (or the day it was sent).
fn layout(
    state: &AppState,
    ctx: &PageContext,
    d: &LetterDraft,
) -> (heard_core::letter::Letter, Date) {
    let date = match &d.status {
        LetterStatus::Sent { on, .. } => *on,
        LetterStatus::Replied { sent_on, .. } => *sent_on,
        LetterStatus::Draft => today(state),
    };
    (d.layout(ctx.civil_date(date), &labels(ctx)), date)
}

#[derive(Template)]
#[template(path = "letter_preview.html")]
struct PreviewPage {
    ctx: PageContext,
    id: String,
    letter: heard_core::letter::Letter,
    /// The body as (is a list, lines).
    body: Vec<(bool, Vec<String>)>,
    plain_text: String,
    mailto: String,
    status: String,
    is_draft: bool,
    is_sent: bool,
    sent_day: String,
    sent_month: String,
    sent_year: String,
    ways: Vec<ChoiceOption>,
    done: Option<String>,
    errors: FormErrors,
    /// For a request for records once sent: when the reply is due, how that was worked out,
    /// and what the organisation told the person.
    request: Option<RequestView>,
}

/// A sent request for records: its reply date and the form that moves it.
pub struct RequestView {
    pub due: String,
    pub explanation: Option<super::explain::Explanation>,
    pub by_post: bool,
    pub received: DateParts,
    pub identity: DateParts,
    pub extension: Vec<ChoiceOption>,
    pub told: DateParts,
    pub asked: DateParts,
    pub answered: DateParts,
}

/// The request view for a sent request for records, from what is stored (`typed` keeps what
/// was typed when a form comes back with problems).
fn request_view(
    state: &AppState,
    ctx: &PageContext,
    draft: &LetterDraft,
    typed: Option<RequestForm>,
) -> Option<RequestView> {
    use heard_core::subject_access::{ReplyDue, Sent, reply_due};
    if draft.kind != LetterKind::SubjectAccessRequest {
        return None;
    }
    let LetterStatus::Sent { on, by, .. } = draft.status else {
        return None;
    };
    let sent = if by == SentBy::Post {
        Sent::ByPost
    } else {
        Sent::SameDay
    };
    let facts = &draft.request;
    let (due, explanation) = match reply_due(draft.nation, on, sent, facts) {
        Some(ReplyDue::Due(r)) => {
            let template = state.letters.template(draft.kind);
            let sources = template.map(|t| t.sources.clone()).unwrap_or_default();
            (
                ctx.t1("request-due", "date", &ctx.day_date(r.due)),
                Some(super::explain::explain(
                    ctx,
                    draft.nation,
                    &ctx.t("request-rule"),
                    &r,
                    None,
                    &sources,
                    true,
                )),
            )
        }
        Some(ReplyDue::Stopped { since }) => (
            ctx.t1("request-stopped", "date", &ctx.day_date(since)),
            None,
        ),
        None => (String::new(), None),
    };
    let typed = typed.unwrap_or_else(|| RequestForm::from_facts(facts));
    Some(RequestView {
        due,
        explanation,
        by_post: by == SentBy::Post,
        extension: [(0_u8, "0"), (1, "1"), (2, "2")]
            .iter()
            .map(|(n, value)| ChoiceOption {
                value,
                label: ctx.tn("request-extension-months", "months", i64::from(*n)),
                checked: typed.extension == *n,
            })
            .collect(),
        received: typed.received,
        identity: typed.identity,
        told: typed.told,
        asked: typed.asked,
        answered: typed.answered,
    })
}

/// The request form as typed.
#[derive(Clone, Default)]
pub struct RequestForm {
    received: DateParts,
    identity: DateParts,
    extension: u8,
    told: DateParts,
    asked: DateParts,
    answered: DateParts,
}

impl RequestForm {
    fn from_facts(f: &heard_core::subject_access::RequestFacts) -> Self {
        Self {
            received: DateParts::from_date(f.received_on),
            identity: DateParts::from_date(f.identity_received_on),
            extension: f.extension_months,
            told: DateParts::from_date(f.extension_told_on),
            asked: DateParts::from_date(f.clarification_asked_on),
            answered: DateParts::from_date(f.clarification_answered_on),
        }
    }

    fn from_fields(fields: &Fields) -> Self {
        Self {
            received: DateParts::from_fields(fields, "received"),
            identity: DateParts::from_fields(fields, "identity"),
            extension: fields.get("extension").parse().unwrap_or(0).min(2),
            told: DateParts::from_fields(fields, "told"),
            asked: DateParts::from_fields(fields, "asked"),
            answered: DateParts::from_fields(fields, "answered"),
        }
    }

    /// The facts, or each field's problem. Dates may be left out, but not be half typed, in
    /// the future, or before the letter was sent.
    fn check(
        &self,
        ctx: &PageContext,
        sent_on: Date,
        today: Date,
        errors: &mut FormErrors,
    ) -> heard_core::subject_access::RequestFacts {
        let mut date = |name: &'static str, parts: &DateParts| match parts.parse() {
            Ok(Some(d)) if d > today => {
                errors.add(name, ctx.t("request-date-future"));
                None
            }
            Ok(Some(d)) if d < sent_on => {
                errors.add(name, ctx.t("request-date-before-sent"));
                None
            }
            Ok(d) => d,
            Err(problem) => {
                errors.add(name, ctx.t(&problem.to_string()));
                None
            }
        };
        let facts = heard_core::subject_access::RequestFacts {
            received_on: date("received", &self.received),
            identity_received_on: date("identity", &self.identity),
            extension_months: self.extension,
            extension_told_on: date("told", &self.told),
            clarification_asked_on: date("asked", &self.asked),
            clarification_answered_on: date("answered", &self.answered),
        };
        if facts.extension_months > 0
            && facts.extension_told_on.is_none()
            && errors.get("told").is_none()
        {
            errors.add("told", ctx.t("request-told-missing"));
        }
        if let (Some(asked), Some(answered)) = (
            facts.clarification_asked_on,
            facts.clarification_answered_on,
        ) && answered < asked
        {
            errors.add("answered", ctx.t("request-answered-before-asked"));
        }
        if facts.clarification_answered_on.is_some()
            && facts.clarification_asked_on.is_none()
            && errors.get("asked").is_none()
        {
            errors.add("asked", ctx.t("request-asked-missing"));
        }
        facts
    }
}

fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn preview_page(state: &AppState, ctx: PageContext, s: &Stored<LetterDraft>) -> PreviewPage {
    let (letter, _) = layout(state, &ctx, &s.value);
    let to = s.value.recipient.email.trim();
    let mailto = format!(
        "mailto:{}?subject={}&body={}",
        if to.contains(['?', '&', '\n']) {
            String::new()
        } else {
            percent(to)
        },
        percent(&letter.subject),
        percent(&heard_docs::letter::mailto_body(&letter))
    );
    let today = today(state);
    PreviewPage {
        id: s.id.to_string(),
        plain_text: heard_docs::letter::to_text(&letter).replace("\r\n", "\n"),
        mailto,
        status: status_line(&ctx, &s.value, today),
        is_draft: matches!(s.value.status, LetterStatus::Draft),
        is_sent: matches!(s.value.status, LetterStatus::Sent { .. }),
        sent_day: today.day().to_string(),
        sent_month: today.month().to_string(),
        sent_year: today.year().to_string(),
        ways: options(&ctx, "sent-by", &[SentBy::Email]),
        body: paragraphs(&letter.blocks),
        request: request_view(state, &ctx, &s.value, None),
        letter,
        ctx,
        done: None,
        errors: FormErrors::default(),
    }
}

pub async fn preview(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let mut page = preview_page(&state, user.ctx.clone(), &s);
    page.done = match q.done.as_deref() {
        Some("sent") => Some(match &s.value.status {
            LetterStatus::Sent {
                reply_due: Some(due),
                ..
            } => {
                format!(
                    "{} {}",
                    user.ctx.t("sent-done"),
                    user.ctx
                        .t1("sent-reply-due", "date", &user.ctx.civil_date(*due))
                )
            }
            _ => format!(
                "{} {}",
                user.ctx.t("sent-done"),
                user.ctx.t("sent-no-reply")
            ),
        }),
        Some("replied") => Some(user.ctx.t("replied-done")),
        Some("request") => Some(user.ctx.t("request-saved")),
        _ => None,
    };
    render(StatusCode::OK, &page)
}

fn file_stem(d: &LetterDraft) -> String {
    format!("heard-{}", d.kind.id())
}

pub async fn pdf(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let (letter, date) = layout(&state, &user.ctx, &s.value);
    let author = if s.value.sender.name.is_empty() {
        user.ctx.username().to_owned()
    } else {
        s.value.sender.name.clone()
    };
    let engine = state.pdf.clone();
    let date = heard_docs::PrintDate {
        year: i32::from(date.year()),
        month: u8::try_from(date.month()).unwrap_or(1),
        day: u8::try_from(date.day()).unwrap_or(1),
    };
    let bytes = tokio::task::spawn_blocking(move || engine.render_letter(&letter, &author, date))
        .await
        .map_err(|_| AppError::Document("the PDF task stopped".into()))?
        .map_err(|e| AppError::Document(e.to_string()))?;
    file_response(
        bytes,
        "application/pdf",
        &format!("{}.pdf", file_stem(&s.value)),
    )
}

pub async fn txt(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let (letter, _) = layout(&state, &user.ctx, &s.value);
    file_response(
        heard_docs::letter::to_text(&letter).into_bytes(),
        "text/plain; charset=utf-8",
        &format!("{}.txt", file_stem(&s.value)),
    )
}

pub async fn eml(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let (letter, _) = layout(&state, &user.ctx, &s.value);
    let now = state.clock.now();
    let date = now.strftime("%a, %d %b %Y %H:%M:%S +0000").to_string();
    let eml = heard_docs::letter::to_eml(
        &letter,
        &s.value.sender.email,
        &s.value.recipient.email,
        &date,
    );
    file_response(
        eml.into_bytes(),
        "message/rfc822",
        &format!("{}.eml", file_stem(&s.value)),
    )
}

/// "Mark as sent": the date and how, and from them when a reply is due.
pub async fn sent(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    fields: Fields,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let on = heard_core::consultation::date_from_parts(
        fields.get("day"),
        fields.get("month"),
        fields.get("year"),
    );
    let by = SentBy::from_id(fields.get("by")).unwrap_or(SentBy::Email);
    let on = match on {
        Ok(on) => on,
        Err(problem) => {
            let mut page = preview_page(&state, user.ctx.clone(), &s);
            page.sent_day = fields.get("day").to_owned();
            page.sent_month = fields.get("month").to_owned();
            page.sent_year = fields.get("year").to_owned();
            let message = if matches!(problem, heard_core::consultation::WhenProblem::DateMissing) {
                user.ctx.t("sent-date-missing")
            } else {
                user.ctx.t(&problem.to_string())
            };
            page.errors.add("day", message);
            return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let rule = state
        .letters
        .template(s.value.kind)
        .map_or(heard_core::letter::ReplyRule::None, |t| t.reply);
    apply(&state, &user, s.id, |d| {
        let reply_due = d.reply_due(rule, on, by);
        d.status = LetterStatus::Sent { on, by, reply_due }
    })
    .await?;
    Ok(Redirect::to(&format!("/letters/{id}/preview?done=sent")).into_response())
}

/// What the organisation told the person about their request for records: when it arrived,
/// proof of identity, more time, a question. The reply date moves with it.
pub async fn request_facts(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    fields: Fields,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let LetterStatus::Sent { on, .. } = s.value.status else {
        return Err(AppError::NotFound);
    };
    if s.value.kind != LetterKind::SubjectAccessRequest {
        return Err(AppError::NotFound);
    }
    let typed = RequestForm::from_fields(&fields);
    let mut errors = FormErrors::default();
    let facts = typed.check(&user.ctx, on, today(&state), &mut errors);
    if !errors.is_empty() {
        let mut page = preview_page(&state, user.ctx.clone(), &s);
        page.request = request_view(&state, &user.ctx, &s.value, Some(typed));
        page.errors = errors;
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    let rule = state
        .letters
        .template(s.value.kind)
        .map_or(heard_core::letter::ReplyRule::None, |t| t.reply);
    apply(&state, &user, s.id, |d| {
        d.request = facts;
        if let LetterStatus::Sent { on, by, .. } = d.status {
            let reply_due = d.reply_due(rule, on, by);
            d.status = LetterStatus::Sent { on, by, reply_due };
        }
    })
    .await?;
    Ok(Redirect::to(&format!(
        "/letters/{id}/preview?done=request#request-heading"
    ))
    .into_response())
}

pub async fn replied(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let today = today(&state);
    apply(&state, &user, s.id, |d| {
        if let LetterStatus::Sent { on, by, .. } = d.status {
            d.status = LetterStatus::Replied {
                sent_on: on,
                by,
                replied_on: today,
            };
        }
    })
    .await?;
    Ok(Redirect::to(&format!("/letters/{id}/preview?done=replied")).into_response())
}

/// A change to the newest version (marking as sent says what happened; it does not overwrite
/// what was written).
pub(crate) async fn apply(
    state: &AppState,
    user: &CurrentUser,
    id: RecordId,
    change: impl Fn(&mut LetterDraft),
) -> Result<(), AppError> {
    for _ in 0..5 {
        let current = state.store.get::<LetterDraft>(&user.user.owner, id).await?;
        let mut value = current.value;
        change(&mut value);
        match state
            .store
            .update(
                &user.user.owner,
                id,
                current.version,
                value,
                state.clock.now(),
            )
            .await
        {
            Ok(_) => return Ok(()),
            Err(StoreError::Conflict { .. }) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(StoreError::Conflict {
        current_version: -1,
    }
    .into())
}

#[derive(Template)]
#[template(path = "letter_delete.html")]
struct DeletePage {
    ctx: PageContext,
    item: LetterItem,
}

pub async fn confirm_delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let s = load(&state, &user, &id).await?;
    let item = item(&state, &user.ctx, &s);
    render(
        StatusCode::OK,
        &DeletePage {
            ctx: user.ctx,
            item,
        },
    )
}

pub async fn delete(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    state
        .store
        .delete::<LetterDraft>(&user.user.owner, parse_id(&id)?)
        .await?;
    Ok(Redirect::to("/letters?done=deleted").into_response())
}

/// Blocks of a letter for a template (askama cannot look inside an enum's fields by name).
pub fn paragraphs(blocks: &[Block]) -> Vec<(bool, Vec<String>)> {
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph { text } => (false, vec![text.clone()]),
            Block::Bullets { items } => (true, items.clone()),
        })
        .collect()
}
