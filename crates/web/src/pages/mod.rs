//! Pages: each handler parses its input, calls the store and core, and renders a template.

pub mod account;
pub mod concerns;
pub mod consultations;
pub mod dashboard;
pub mod directory;
pub mod errors;
pub mod explain;
pub mod home;
pub mod kept;
pub mod learn;
pub mod letters;
pub mod widgets;

use std::sync::Arc;

use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use fluent_bundle::FluentValue;

use crate::error::AppError;
use crate::i18n::Localizer;
use crate::state::AppState;

/// A short value that tells one person's device storage from another's.
fn device_owner(user: heard_store::UserId) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(format!("heard:device-owner:{user}").as_bytes())[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Marks a response as a complete page (or JSON) of ours, which the error-page layer must leave
/// alone even when its status is an error, such as a form shown again with its problems.
#[derive(Debug, Clone, Copy)]
pub struct Rendered;

/// What every page's layout needs.
#[derive(Clone)]
pub struct PageContext {
    t: Arc<Localizer>,
    pub lang: &'static str,
    pub csrf: String,
    pub username: Option<String>,
    /// Seconds until an idle session ends; the warning script counts down from it.
    pub idle_seconds: i64,
    pub idle_minutes: i64,
    pub css: String,
    pub js: String,
    pub icon: String,
    /// This page's path, for "come back here" links and forms.
    pub path: String,
    /// Marks what the room page keeps on the device as this person's, so it is dropped when
    /// someone else signs in there. Derived from the user id; not a secret.
    pub device_owner: String,
}

impl PageContext {
    /// The context for a page shown to `signed_in` (or to someone signed out), in their
    /// language, with the form token they carry. The visitor layer calls this.
    pub fn new(
        state: &AppState,
        locale: crate::i18n::LocaleChoice,
        csrf: &str,
        signed_in: Option<&heard_store::SignedIn>,
        path: &str,
    ) -> Self {
        let idle_minutes = state.store.session_policy().idle.as_mins();
        let (username, idle_seconds, device_owner) = match signed_in {
            Some(s) => (
                Some(s.username.clone()),
                s.idle_expires_at
                    .duration_since(state.clock.now())
                    .as_secs()
                    .max(0),
                device_owner(s.user_id),
            ),
            None => (None, 0, String::new()),
        };
        let t = state.locales.get(locale).clone();
        Self {
            lang: t.lang(),
            t,
            csrf: csrf.to_owned(),
            username,
            idle_seconds,
            idle_minutes,
            css: state.assets.url("heard.css"),
            js: state.assets.url("heard.js"),
            icon: state.assets.url("icon.svg"),
            path: path.to_owned(),
            device_owner,
        }
    }

    /// For what is made without a page: a calendar feed read by an app, with no session.
    pub fn for_files(state: &AppState) -> Self {
        let t = state.locales.get(crate::i18n::LocaleChoice::EnGb).clone();
        Self {
            lang: t.lang(),
            t,
            csrf: String::new(),
            username: None,
            idle_seconds: 0,
            idle_minutes: 0,
            css: String::new(),
            js: String::new(),
            icon: String::new(),
            path: String::new(),
            device_owner: String::new(),
        }
    }

    pub fn signed_in(&self) -> bool {
        self.username.is_some()
    }

    pub fn t(&self, id: &str) -> String {
        self.t.t(id)
    }

    /// A message with one text argument.
    pub fn t1(&self, id: &str, name: &str, value: &str) -> String {
        self.t
            .t_with(id, &[(name, FluentValue::from(value.to_owned()))])
    }

    /// A message with one number argument.
    pub fn tn(&self, id: &str, name: &str, value: impl Count) -> String {
        self.t
            .t_with(id, &[(name, FluentValue::from(value.count()))])
    }

    pub(crate) fn t_args(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        self.t.t_with(id, args)
    }

    /// "Question 2 of 8".
    pub fn t_progress(&self, number: impl Count, total: impl Count) -> String {
        self.t_args(
            "reflect-progress",
            &[
                ("number", FluentValue::from(number.count())),
                ("total", FluentValue::from(total.count())),
            ],
        )
    }

    /// A new id for a form that creates something, so sending it twice creates it once.
    pub fn fresh_id(&self) -> String {
        heard_store::RecordId::new().to_string()
    }

    /// "3 December 2026".
    pub fn civil_date(&self, d: jiff::civil::Date) -> String {
        self.t_args(
            "date-long",
            &[
                ("day", FluentValue::from(d.day().to_string())),
                (
                    "month",
                    FluentValue::from(self.t(&format!("month-{}", d.month()))),
                ),
                ("year", FluentValue::from(d.year().to_string())),
            ],
        )
    }

    /// "Friday 25 December 2026": a date as a person checks it against a calendar.
    pub fn day_date(&self, d: jiff::civil::Date) -> String {
        let weekday = d.weekday().to_monday_one_offset();
        self.t_args(
            "date-with-weekday",
            &[
                (
                    "weekday",
                    FluentValue::from(self.t(&format!("weekday-{weekday}"))),
                ),
                ("date", FluentValue::from(self.civil_date(d))),
            ],
        )
    }

    /// "3 December 2026", in London.
    pub fn date(&self, t: &jiff::ZonedDateTime) -> String {
        self.civil_date(t.date())
    }

    /// "2:30pm", "10am".
    pub fn clock_time(&self, t: &jiff::ZonedDateTime) -> String {
        let (hour, pm) = match t.hour() {
            0 => (12, false),
            h @ 1..=11 => (h, false),
            12 => (12, true),
            h => (h - 12, true),
        };
        let id = match (pm, t.minute() == 0) {
            (false, true) => "time-am",
            (false, false) => "time-am-minutes",
            (true, true) => "time-pm",
            (true, false) => "time-pm-minutes",
        };
        self.t_args(
            id,
            &[
                ("hour", FluentValue::from(hour.to_string())),
                ("minutes", FluentValue::from(format!("{:02}", t.minute()))),
            ],
        )
    }

    /// "Thursday 3 December 2026, 2:30pm".
    pub fn date_time(&self, t: &jiff::ZonedDateTime) -> String {
        let weekday = t.weekday().to_monday_one_offset();
        self.t_args(
            "date-time-long",
            &[
                (
                    "weekday",
                    FluentValue::from(self.t(&format!("weekday-{weekday}"))),
                ),
                ("date", FluentValue::from(self.date(t))),
                ("time", FluentValue::from(self.clock_time(t))),
            ],
        )
    }

    pub fn username(&self) -> &str {
        self.username.as_deref().unwrap_or_default()
    }
}

/// A number a message can count: templates hand over `i64`, `usize` or references to them.
pub trait Count {
    fn count(&self) -> i64;
}

impl Count for i64 {
    fn count(&self) -> i64 {
        *self
    }
}

impl Count for i32 {
    fn count(&self) -> i64 {
        i64::from(*self)
    }
}

impl Count for usize {
    fn count(&self) -> i64 {
        i64::try_from(*self).unwrap_or(i64::MAX)
    }
}

impl<T: Count> Count for &T {
    fn count(&self) -> i64 {
        (**self).count()
    }
}

/// Problems with a submitted form: a message per field, in the order of the fields.
#[derive(Default, Debug)]
pub struct FormErrors(Vec<(&'static str, String)>);

impl FormErrors {
    pub fn add(&mut self, field: &'static str, message: String) {
        self.0.push((field, message));
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn all(&self) -> &[(&'static str, String)] {
        &self.0
    }
}

/// `?done=…`: what a page says after the action that led to it ("Saved.").
#[derive(serde::Deserialize)]
pub struct DoneQuery {
    pub done: Option<String>,
}

/// A record id from a path. One that does not parse is not found, like another person's.
pub fn parse_id(raw: &str) -> Result<heard_store::RecordId, AppError> {
    raw.parse().map_err(|_| AppError::NotFound)
}

/// Deletes one of the person's records (and everything filed under it), then goes to `to`.
/// Another person's record is not found.
pub async fn delete_then<R: heard_store::Record>(
    state: &AppState,
    owner: &heard_store::Owner,
    id: &str,
    to: &str,
) -> Result<Response, AppError> {
    state.store.delete::<R>(owner, parse_id(id)?).await?;
    Ok(axum::response::Redirect::to(to).into_response())
}

/// What saving a form over an existing record came to.
pub enum Saved {
    Done,
    /// Someone saved it on another device since the form was shown: nothing was written. Show
    /// the form again with what was typed, a warning, and this newest version, so the next save
    /// goes through.
    ChangedElsewhere(i64),
}

/// The version a form was shown with (its hidden `version` field).
pub fn form_version(fields: &crate::form::Fields) -> Result<i64, AppError> {
    fields
        .get("version")
        .parse()
        .map_err(|_| AppError::BadRequest)
}

/// A form page for a record that another device can change while it is open.
pub trait VersionedForm: Template {
    /// Carries the newest version, so the next save goes through, and warns that it changed.
    fn changed_elsewhere(&mut self, latest: i64);
}

/// Implements `VersionedForm` for pages with `version` and `changed_elsewhere` fields.
macro_rules! versioned_form {
    ($($page:ty),+ $(,)?) => {$(
        impl $crate::pages::VersionedForm for $page {
            fn changed_elsewhere(&mut self, latest: i64) {
                self.version = latest;
                self.changed_elsewhere = true;
            }
        }
    )+};
}
pub(crate) use versioned_form;

/// The form again after someone saved first on another device: what this person typed, the
/// newest version and a warning.
pub fn show_changed_elsewhere(
    mut page: impl VersionedForm,
    latest: i64,
) -> Result<Response, AppError> {
    page.changed_elsewhere(latest);
    render(StatusCode::CONFLICT, &page)
}

/// Saves `value` over the person's record only if it is still at `version`, the version their
/// form was shown with: the one way every edit form saves.
pub async fn save_if_unchanged<R: heard_store::Record>(
    state: &AppState,
    owner: &heard_store::Owner,
    id: heard_store::RecordId,
    version: i64,
    value: R,
) -> Result<Saved, AppError> {
    match state
        .store
        .update(owner, id, version, value, state.clock.now())
        .await
    {
        Ok(_) => Ok(Saved::Done),
        Err(heard_store::StoreError::Conflict { current_version }) => {
            Ok(Saved::ChangedElsewhere(current_version))
        }
        Err(e) => Err(e.into()),
    }
}

/// Renders a template as a complete page with the given status.
pub fn render(status: StatusCode, template: &impl Template) -> Result<Response, AppError> {
    let html = template.render()?;
    let mut response = (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        html,
    )
        .into_response();
    response.extensions_mut().insert(Rendered);
    Ok(response)
}

/// Renders a page, or the error page if rendering itself fails.
pub fn render_or_error(status: StatusCode, template: &impl Template) -> Response {
    render(status, template).unwrap_or_else(IntoResponse::into_response)
}

/// A small JSON answer for scripts: `{"status": "..."}`.
pub fn json_status(status: StatusCode, word: &str) -> Response {
    let mut response = (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        serde_json::json!({ "status": word }).to_string(),
    )
        .into_response();
    response.extensions_mut().insert(Rendered);
    response
}

/// A download: the bytes, their type, and a file name made safe for the header.
pub fn file_response(
    bytes: Vec<u8>,
    content_type: &'static str,
    filename: &str,
) -> Result<Response, AppError> {
    let safe: String = filename
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.')
        .collect();
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{safe}\""))
        .map_err(|_| AppError::BadRequest)?;
    let mut response = (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response();
    response.extensions_mut().insert(Rendered);
    Ok(response)
}

/// A date typed as three boxes, kept as typed.
#[derive(Default, Clone)]
pub struct DateParts {
    pub day: String,
    pub month: String,
    pub year: String,
}

impl DateParts {
    pub(crate) fn from_fields(fields: &crate::form::Fields, prefix: &str) -> Self {
        Self {
            day: fields.get(&format!("{prefix}_day")).trim().to_owned(),
            month: fields.get(&format!("{prefix}_month")).trim().to_owned(),
            year: fields.get(&format!("{prefix}_year")).trim().to_owned(),
        }
    }

    pub(crate) fn from_date(d: Option<jiff::civil::Date>) -> Self {
        d.map_or_else(Self::default, |d| Self {
            day: d.day().to_string(),
            month: d.month().to_string(),
            year: d.year().to_string(),
        })
    }

    pub(crate) fn parse(&self) -> Result<Option<jiff::civil::Date>, heard_core::when::WhenProblem> {
        match heard_core::when::date_from_parts(&self.day, &self.month, &self.year) {
            Ok(d) => Ok(Some(d)),
            Err(heard_core::when::WhenProblem::DateMissing) => Ok(None),
            Err(e) => Err(e),
        }
    }
}
