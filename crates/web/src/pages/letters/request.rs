//! A request for records: when the reply is due, and the form for what the organisation
//! said (the day it arrived, proof of identity, more time, a question).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use heard_core::letter::{LetterDraft, LetterKind, LetterStatus, SentBy};
use jiff::civil::Date;

use super::edit::load;
use super::preview::preview_page;
use super::status::apply;
use crate::error::AppError;
use crate::form::Fields;
use crate::pages::widgets::ChoiceOption;
use crate::pages::{DateParts, FormErrors, PageContext, render};
use crate::state::AppState;
use crate::visitor::CurrentUser;

/// A sent request for records: its reply date and the form that moves it.
pub struct RequestView {
    pub due: String,
    pub explanation: Option<crate::pages::explain::Explanation>,
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
pub(super) fn request_view(
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
                Some(crate::pages::explain::explain(
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
    let facts = typed.check(&user.ctx, on, state.today(), &mut errors);
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
