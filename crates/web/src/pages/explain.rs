//! "How we worked this out": a due date explained in plain words, line by line, so a person or
//! an advocate can check Heard's arithmetic by hand. The case file, the letter page and the
//! case file's PDF all show the same lines.

use heard_core::calendar::{Holiday, Nation, Skipped, data as calendar};
use heard_core::choice::Choice;
use heard_core::pathway::{Anchor, ClaimLimit, Limit};
use heard_core::provenance::Source;
use heard_core::reckoning::{Adjustment, PauseIgnored, Received, Reckoning, Start, Unit};
use jiff::civil::Date;

use super::PageContext;

/// The explanation of one due date.
pub struct Explanation {
    pub lines: Vec<String>,
    /// "Title (provision), publisher, checked on …".
    pub sources: Vec<String>,
    /// The rule rests on a primary source Heard read; otherwise the person is told to check.
    pub verified: bool,
}

/// "12 months", "20 working days".
pub fn amount(ctx: &PageContext, within: u32, unit: Unit) -> String {
    let n = i64::from(within);
    match unit {
        Unit::Months => ctx.tn("concern-deadline-months", "count", n),
        Unit::CalendarDays => ctx.tn("concern-deadline-calendar", "count", n),
        Unit::WorkingDays => ctx.tn("concern-deadline-working", "count", n),
    }
}

fn event_words(ctx: &PageContext, kind: heard_core::concern::EventKind) -> String {
    ctx.t(&format!("event-kind-{}", kind.id())).to_lowercase()
}

/// "12 months, from when it happened or you found out", with its cap.
pub fn rule_text(ctx: &PageContext, limit: &Limit) -> String {
    let from = match limit.from {
        Anchor::Problem => ctx.t("pathway-from-problem"),
        Anchor::Happened => ctx.t("pathway-from-happened"),
        Anchor::Event(kind) => ctx.t1("pathway-from-event", "event", &event_words(ctx, kind)),
    };
    let rule = format!("{}, {from}", amount(ctx, limit.within, limit.unit));
    match &limit.cap {
        Some(cap) => ctx.t_args(
            "pathway-capped",
            &[
                ("rule", rule.into()),
                ("cap", amount(ctx, cap.within, cap.unit).into()),
            ],
        ),
        None => rule,
    }
}

/// The name of a bank holiday.
fn holiday_name(ctx: &PageContext, holiday: Holiday) -> String {
    match holiday {
        Holiday::OneOff(name) => name.to_owned(),
        other => ctx.t(&format!("holiday-{}", other.id())),
    }
}

/// "Fri 25 Dec 2026: Christmas Day", "Sat 26 Dec 2026: weekend".
fn skipped_line(ctx: &PageContext, nation: Nation, skipped: &Skipped) -> String {
    match skipped {
        Skipped::Weekend(day) => ctx.t1("explain-weekend", "date", &ctx.day_date(*day)),
        Skipped::BankHoliday(h) => {
            let name = holiday_name(ctx, h.holiday);
            let nation = ctx.t(&format!("explain-holidays-in-{}", nation.id()));
            let id = match (h.substitute, h.moved) {
                (true, _) => "explain-holiday-substitute",
                (_, true) => "explain-holiday-moved",
                _ => "explain-holiday",
            };
            ctx.t_args(
                id,
                &[
                    ("date", ctx.day_date(h.date).into()),
                    ("name", name.into()),
                    ("nation", nation.into()),
                ],
            )
        }
    }
}

fn source_line(ctx: &PageContext, source: &Source) -> String {
    let checked = heard_core::content::parse_date(&source.checked)
        .map(|d| ctx.civil_date(d))
        .unwrap_or_else(|| source.checked.clone());
    let title = if source.provision.trim().is_empty() {
        source.title.clone()
    } else {
        format!("{} ({})", source.title, source.provision)
    };
    ctx.t_args(
        "explain-source",
        &[
            ("title", title.into()),
            ("publisher", source.publisher.clone().into()),
            ("checked", checked.into()),
        ],
    )
}

fn start_line(ctx: &PageContext, r: &Reckoning, happened: Option<Date>) -> String {
    let date = ctx.day_date(r.start);
    let id = match r.start_is {
        Start::Happened => "explain-start-happened",
        Start::BecameAware if happened.is_some() => "explain-start-aware",
        Start::BecameAware => "explain-start-aware-only",
        Start::Event(kind) => {
            return ctx.t_args(
                "explain-start-event",
                &[
                    ("date", date.into()),
                    ("event", event_words(ctx, kind).into()),
                ],
            );
        }
        Start::Received(Received::SameDay) => "explain-start-received-same-day",
        Start::Received(Received::Known) => "explain-start-received-known",
        Start::Received(Received::AssumedFromPosting) => "explain-start-received-posted",
        Start::IdentityReceived => "explain-start-identity",
    };
    ctx.t1(id, "date", &date)
}

fn count_line(ctx: &PageContext, nation: Nation, r: &Reckoning) -> String {
    let reached = ctx.day_date(r.counted_to);
    match r.unit {
        Unit::Months => {
            let mut line = ctx.t_args(
                "explain-count-months",
                &[
                    ("amount", amount(ctx, r.within, r.unit).into()),
                    ("date", reached.into()),
                ],
            );
            if r.month_end {
                line.push(' ');
                line.push_str(&ctx.t("explain-month-end"));
            }
            line
        }
        Unit::CalendarDays => ctx.t_args(
            "explain-count-days",
            &[
                ("amount", amount(ctx, r.within, r.unit).into()),
                ("date", reached.into()),
            ],
        ),
        Unit::WorkingDays => ctx.t_args(
            "explain-count-working",
            &[
                ("amount", amount(ctx, r.within, r.unit).into()),
                (
                    "nation",
                    ctx.t(&format!("explain-holidays-in-{}", nation.id()))
                        .into(),
                ),
                ("date", reached.into()),
            ],
        ),
    }
}

/// Explains `r`. `limit` gives the rule and its sources (a pathway limit); without it (a
/// request for records), `rule` and `sources` are given directly.
pub fn explain(
    ctx: &PageContext,
    nation: Nation,
    rule: &str,
    r: &Reckoning,
    happened: Option<Date>,
    sources: &[Source],
    verified: bool,
) -> Explanation {
    let mut lines = vec![
        ctx.t1("explain-rule", "rule", rule),
        start_line(ctx, r, happened),
        count_line(ctx, nation, r),
    ];
    if !r.skipped.is_empty() {
        lines.push(ctx.t("explain-skipped"));
        lines.extend(r.skipped.iter().map(|s| skipped_line(ctx, nation, s)));
    }
    for adjustment in &r.adjustments {
        lines.push(match adjustment {
            Adjustment::Extended { months, told_on } => ctx.t_args(
                "explain-extended",
                &[
                    ("months", i64::from(*months).into()),
                    (
                        "told",
                        told_on.map(|d| ctx.day_date(d)).unwrap_or_default().into(),
                    ),
                ],
            ),
            Adjustment::Paused {
                asked,
                answered,
                days,
            } => {
                let mut line = ctx.t_args(
                    "explain-paused",
                    &[
                        ("asked", ctx.day_date(*asked).into()),
                        ("answered", ctx.day_date(*answered).into()),
                        ("days", (*days).into()),
                    ],
                );
                line.push(' ');
                line.push_str(&ctx.t("explain-pause-source"));
                line
            }
            Adjustment::ExtensionTooLate {
                told_on,
                window_ended,
            } => ctx.t_args(
                "explain-extension-too-late",
                &[
                    ("told", ctx.day_date(*told_on).into()),
                    ("ended", ctx.day_date(*window_ended).into()),
                ],
            ),
            Adjustment::PauseIgnored(PauseIgnored::NotInForce) => {
                ctx.t("explain-pause-not-in-force")
            }
            Adjustment::PauseIgnored(PauseIgnored::BeforeRestart { restarted }) => ctx.t1(
                "explain-pause-before-restart",
                "date",
                &ctx.day_date(*restarted),
            ),
            Adjustment::PauseIgnored(PauseIgnored::AfterDue { asked, due }) => ctx.t_args(
                "explain-pause-after-due",
                &[
                    ("asked", ctx.day_date(*asked).into()),
                    ("due", ctx.day_date(*due).into()),
                ],
            ),
        });
    }
    if !r.moved_past.is_empty() {
        lines.push(ctx.t("explain-moved"));
        lines.extend(r.moved_past.iter().map(|s| skipped_line(ctx, nation, s)));
    }
    if let Some(cap) = &r.cap {
        lines.push(ctx.t_args(
            if cap.applies {
                "explain-cap-applies"
            } else {
                "explain-cap-not-needed"
            },
            &[
                ("amount", amount(ctx, cap.within, cap.unit).into()),
                ("from", ctx.day_date(cap.from).into()),
                ("date", ctx.day_date(cap.latest).into()),
            ],
        ));
    }
    if let Some((within, unit)) = r.cap_missing {
        lines.push(ctx.t1("explain-cap-missing", "amount", &amount(ctx, within, unit)));
    }
    lines.push(ctx.t1("explain-due", "date", &ctx.day_date(r.due)));
    let mut source_lines: Vec<String> = sources.iter().map(|s| source_line(ctx, s)).collect();
    let counts_holidays = r.unit == Unit::WorkingDays || !r.moved_past.is_empty();
    if counts_holidays {
        let data = calendar();
        source_lines.extend(data.sources_for(nation).map(|s| source_line(ctx, s)));
        if r.due.year() > data.known_through {
            lines.push(ctx.tn(
                "explain-holidays-unknown",
                "year",
                i64::from(data.known_through),
            ));
        }
    }
    Explanation {
        lines,
        sources: source_lines,
        verified,
    }
}

/// Explains a pathway limit's clock.
pub fn explain_limit(
    ctx: &PageContext,
    nation: Nation,
    limit: &Limit,
    r: &Reckoning,
    happened: Option<Date>,
) -> Explanation {
    let mut e = explain(
        ctx,
        nation,
        &format!("{}: {}", limit.what, rule_text(ctx, limit)),
        r,
        happened,
        &limit.sources,
        limit.verified,
    );
    // What the rule's sources leave open, or where Heard's count differs from the law's.
    if !limit.note.trim().is_empty() {
        e.lines.push(limit.note.clone());
    }
    e
}

/// The time limit for a claim in the courts: its rule in plain words.
pub fn claim_rule_text(ctx: &PageContext, claim: &ClaimLimit) -> String {
    format!(
        "{}, {}",
        amount(ctx, claim.within, claim.unit),
        ctx.t("pathway-from-problem")
    )
}

/// Explains the claim clock, with what the count cannot know.
pub fn explain_claim(
    ctx: &PageContext,
    nation: Nation,
    claim: &ClaimLimit,
    r: &Reckoning,
    happened: Option<Date>,
) -> Explanation {
    let mut e = explain(
        ctx,
        nation,
        &format!(
            "{}: {}",
            ctx.t("concern-claim-what"),
            claim_rule_text(ctx, claim)
        ),
        r,
        happened,
        &claim.sources,
        claim.verified,
    );
    e.lines.push(claim.note.clone());
    e
}
