//! What to take along: the printable sheet, its PDF, and the calendar file.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use heard_core::Consultation;
use heard_core::consultation::QuestionTimeHint;
use heard_core::time::in_london;
use heard_store::Stored;

use super::load;
use super::view::ConsultationView;
use crate::error::AppError;
use crate::pages::widgets::label;
use crate::pages::{PageContext, file_response, render};
use crate::state::AppState;
use crate::visitor::CurrentUser;

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
