//! Files to take away: the case file as a PDF and a deadline as a calendar event.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use heard_core::letter::LetterStatus;
use heard_core::pathway::clocks;
use heard_docs::{PrintBlock, PrintDate, PrintDocument};
use jiff::civil::Date;
use serde::Deserialize;

use super::case::{UpcomingDeadline, load_case};
use super::case_file::{claim_view, clock_view, summary_rows, timeline_views};
use crate::error::AppError;
use crate::pages::PageContext;
use crate::state::AppState;
use crate::visitor::CurrentUser;

fn print_date(d: Date) -> PrintDate {
    PrintDate {
        year: i32::from(d.year()),
        month: u8::try_from(d.month()).unwrap_or(1),
        day: u8::try_from(d.day()).unwrap_or(1),
    }
}

/// The case file: the concern, a dated chronology, the time limits, then each letter sent as an
/// appendix on its own page.
pub async fn case_file(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let case = load_case(&state, &user, &id).await?;
    let ctx = &user.ctx;
    let c = &case.stored.value;
    let today = state.today();
    let pathway = state.escalation.pathway(c.nation);
    let mut blocks = vec![
        PrintBlock::Heading {
            text: ctx.t("concern-summary"),
        },
        PrintBlock::Facts {
            rows: summary_rows(ctx, c),
        },
        PrintBlock::Heading {
            text: ctx.t("casefile-chronology"),
        },
    ];
    let timeline = timeline_views(&state, ctx, pathway, &case);
    if timeline.is_empty() {
        blocks.push(PrintBlock::paragraph(&ctx.t("concern-timeline-none")));
    } else {
        blocks.push(PrintBlock::Facts {
            rows: timeline
                .iter()
                .map(|t| {
                    let mut text = t.title.clone();
                    if !t.notes.is_empty() {
                        text = format!("{text}\n{}", t.notes);
                    }
                    for d in &t.detail {
                        text = format!("{text}\n{d}");
                    }
                    (t.date.clone(), text)
                })
                .collect(),
        });
    }
    if let Some(p) = pathway {
        let all = clocks(p, c.setting, c.problem_dates(), &case.timeline(), today);
        if !all.is_empty() {
            blocks.push(PrintBlock::Heading {
                text: ctx.t("concern-deadlines-title"),
            });
            // Each date with how it was worked out, so the paper copy can be checked by hand.
            for k in &all {
                let v = clock_view(ctx, &id, c.nation, c.happened_on, k);
                let mut lines = vec![format!("{}: {} ({})", v.heading, v.due, v.state)];
                lines.push(format!("{}:", ctx.t("explain-heading")));
                lines.extend(v.explanation.lines.iter().cloned());
                if !v.explanation.verified {
                    lines.push(ctx.t("explain-unverified"));
                }
                if !v.explanation.sources.is_empty() {
                    lines.push(format!("{}:", ctx.t("explain-sources")));
                    lines.extend(v.explanation.sources.iter().cloned());
                }
                blocks.push(PrintBlock::Paragraph { lines });
            }
        }
        if let Some(claim) = claim_view(ctx, c, p) {
            blocks.push(PrintBlock::Heading {
                text: ctx.t("concern-claim-title"),
            });
            let mut lines = vec![
                ctx.t("concern-claim-lead"),
                claim.due.unwrap_or_else(|| ctx.t("concern-claim-no-date")),
            ];
            if let Some(e) = claim.explanation {
                lines.push(format!("{}:", ctx.t("explain-heading")));
                lines.extend(e.lines);
                lines.push(format!("{}:", ctx.t("explain-sources")));
                lines.extend(e.sources);
            }
            lines.push(ctx.t("concern-claim-advice"));
            blocks.push(PrintBlock::Paragraph { lines });
        }
    }
    let mut appendix = 0;
    for l in &case.letters {
        let on = match l.value.status {
            LetterStatus::Sent { on, .. } => on,
            LetterStatus::Replied { sent_on, .. } => sent_on,
            LetterStatus::Draft => continue,
        };
        appendix += 1;
        let title = state
            .letters
            .template(l.value.kind)
            .map(|t| t.title.clone())
            .unwrap_or_default();
        let letter = l
            .value
            .layout(ctx.civil_date(on), &crate::pages::letters::labels(ctx));
        blocks.push(PrintBlock::PageBreak);
        blocks.push(PrintBlock::Heading {
            text: ctx.t_args(
                "casefile-appendix",
                &[
                    ("number", appendix.into()),
                    ("title", title.into()),
                    ("date", ctx.civil_date(on).into()),
                ],
            ),
        });
        blocks.push(PrintBlock::Paragraph {
            lines: letter.sender.clone(),
        });
        blocks.push(PrintBlock::Paragraph {
            lines: letter.recipient.clone(),
        });
        blocks.push(PrintBlock::paragraph(&letter.date));
        if !letter.references.is_empty() {
            blocks.push(PrintBlock::Facts {
                rows: letter.references.clone(),
            });
        }
        blocks.push(PrintBlock::Paragraph {
            lines: vec![letter.subject.clone()],
        });
        blocks.push(PrintBlock::paragraph(&letter.salutation));
        for b in &letter.blocks {
            blocks.push(match b {
                heard_core::letter::Block::Paragraph { text } => PrintBlock::paragraph(text),
                heard_core::letter::Block::Bullets { items } => PrintBlock::Bullets {
                    items: items.clone(),
                },
            });
        }
        blocks.push(PrintBlock::Paragraph {
            lines: vec![letter.closing.clone(), letter.signature.clone()],
        });
    }
    let document = PrintDocument {
        title: c.title.clone(),
        subtitle: Some(ctx.t("casefile-title")),
        author: user.ctx.username().to_owned(),
        footer: ctx.t1("casefile-made", "date", &ctx.civil_date(today)),
        date: print_date(today),
        blocks,
    };
    let engine = state.pdf.clone();
    let bytes = tokio::task::spawn_blocking(move || engine.render(&document))
        .await
        .map_err(|_| AppError::Document("the PDF task stopped".into()))?
        .map_err(|e| AppError::Document(e.to_string()))?;
    crate::pages::file_response(bytes, "application/pdf", "heard-case-file.pdf")
}

#[derive(Deserialize)]
pub struct DeadlineQuery {
    step: String,
    limit: String,
}

/// A deadline as a whole-day calendar event with an alarm two days before. Its UID stays the
/// same when the date moves, so importing it again updates it.
pub fn deadline_event(
    ctx: &PageContext,
    d: &UpcomingDeadline,
    details: bool,
) -> heard_docs::CalendarEvent {
    let (summary, description) = if details {
        (d.what.clone(), d.concern_title.clone())
    } else {
        (ctx.t("calendar-deadline"), String::new())
    };
    heard_docs::CalendarEvent {
        uid: format!("{}-{}-{}@heard", d.concern_id, d.step, d.limit),
        sequence: 0,
        summary,
        description,
        location: String::new(),
        starts_at: d.due.at(9, 0, 0, 0),
        duration_minutes: 0,
        all_day: true,
        alarm_minutes_before: Some(2 * 24 * 60),
        alarm_text: ctx.t("calendar-deadline-alarm"),
    }
}

pub async fn deadline_ics(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<DeadlineQuery>,
) -> Result<Response, AppError> {
    let case = load_case(&state, &user, &id).await?;
    let c = &case.stored.value;
    let pathway = state
        .escalation
        .pathway(c.nation)
        .ok_or(AppError::NotFound)?;
    let today = state.today();
    let timeline = case.timeline();
    let all = clocks(pathway, c.setting, c.problem_dates(), &timeline, today);
    let clock = all
        .iter()
        .find(|k| k.step.id == q.step && k.limit.id == q.limit)
        .ok_or(AppError::NotFound)?;
    let deadline = UpcomingDeadline::new(case.stored.id.as_uuid(), &c.title, clock);
    // The person downloads this for themselves, so it says what the deadline is.
    let event = deadline_event(&user.ctx, &deadline, true);
    let text = heard_docs::calendar(&[event], state.clock.now());
    crate::pages::file_response(
        text.into_bytes(),
        "text/calendar; charset=utf-8",
        "heard-deadline.ics",
    )
}
