//! Editing a draft, part by part, with the tone and plain-English check.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use heard_core::calendar::Nation;
use heard_core::choice::Choice;
use heard_core::letter::{LetterDraft, Party};
use heard_store::Stored;

use super::MAX_LETTER_CHARS;
use super::details::remember_details;
use crate::error::AppError;
use crate::form::Fields;
use crate::pages::widgets::{ChoiceOption, options};
use crate::pages::{
    DoneQuery, FormErrors, PageContext, Saved, form_version, parse_id, render, save_if_unchanged,
    show_changed_elsewhere,
};
use crate::state::AppState;
use crate::visitor::CurrentUser;

/// One tone warning or plain-English note, in words.
pub(super) struct CheckView {
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
pub(super) struct EditPage {
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

pub(super) async fn load(
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

pub(super) fn text(fields: &Fields, name: &str, max: usize) -> String {
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
    let version = form_version(&fields)?;
    if let Saved::ChangedElsewhere(latest) =
        save_if_unchanged(&state, &user.user.owner, s.id, version, d.clone()).await?
    {
        return show_changed_elsewhere(edit_page(&state, user.ctx.clone(), &s, d), latest);
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

crate::pages::versioned_form!(EditPage);
