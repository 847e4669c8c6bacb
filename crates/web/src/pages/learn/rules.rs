//! Every time limit Heard knows, by nation and setting, with its source and when it was last
//! read, and the bank holidays it counts around: public, so an advocate can check any date
//! Heard shows by hand.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use heard_core::calendar::{self, bank_holidays_named};
use heard_core::choice::Choice;
use heard_core::letter::LetterKind;
use heard_core::pathway::Party;

use crate::error::AppError;
use crate::pages::explain::{claim_rule_text, rule_text};
use crate::pages::widgets::label;
use crate::pages::{PageContext, render};
use crate::state::AppState;
use crate::visitor::AnyVisitor;

pub struct LimitRow {
    pub anchor: String,
    pub what: String,
    pub who: String,
    pub rule: String,
    pub extendable: String,
    pub verified: bool,
    pub note: String,
    pub sources: Vec<String>,
}

pub struct StepRules {
    pub title: String,
    pub settings: String,
    pub limits: Vec<LimitRow>,
}

pub struct NationRules {
    pub id: &'static str,
    pub name: String,
    pub steps: Vec<StepRules>,
    /// The time limit for a claim in the courts: apart from the steps, as a complaint does not
    /// pause it.
    pub claim: Option<LimitRow>,
    pub holidays_rule: String,
    pub holidays: Vec<(String, Vec<String>)>,
    pub holiday_sources: Vec<String>,
}

#[derive(Template)]
#[template(path = "rules.html")]
struct RulesPage {
    ctx: PageContext,
    nations: Vec<NationRules>,
    /// The reply to a request for records, the same in every nation.
    records: LimitRow,
    known_through: i64,
}

pub async fn show(
    State(state): State<AppState>,
    visitor: AnyVisitor,
) -> Result<Response, AppError> {
    let ctx = &visitor.ctx;
    let source = |s: &heard_core::provenance::Source| {
        let title = if s.provision.is_empty() {
            s.title.clone()
        } else {
            format!("{} ({})", s.title, s.provision)
        };
        let checked = heard_core::content::parse_date(&s.checked)
            .map(|d| ctx.civil_date(d))
            .unwrap_or_else(|| s.checked.clone());
        ctx.t_args(
            "explain-source",
            &[
                ("title", title.into()),
                ("publisher", s.publisher.clone().into()),
                ("checked", checked.into()),
            ],
        )
    };
    let data = calendar::data();
    let this_year = state.today().year();
    let mut nations = Vec::new();
    for pathway in &state.escalation.pathways {
        let nation = pathway.nation;
        let steps = pathway
            .steps
            .iter()
            .filter(|s| !s.limits.is_empty())
            .map(|step| StepRules {
                title: step.title.clone(),
                settings: if step.settings.is_empty() {
                    ctx.t("rules-settings-all")
                } else {
                    let names: Vec<String> = step
                        .settings
                        .iter()
                        .map(|s| label(ctx, "setting", *s))
                        .collect();
                    ctx.t1("rules-settings", "settings", &names.join(", "))
                },
                limits: step
                    .limits
                    .iter()
                    .map(|l| LimitRow {
                        anchor: format!("{}-{}-{}", nation.id(), step.id, l.id),
                        what: l.what.clone(),
                        who: ctx.t(match l.party {
                            Party::You => "rules-party-you",
                            Party::Them => "rules-party-them",
                        }),
                        rule: rule_text(ctx, l),
                        extendable: l.extendable.clone(),
                        verified: l.verified,
                        note: l.note.clone(),
                        sources: l.sources.iter().map(source).collect(),
                    })
                    .collect(),
            })
            .collect();
        let holidays = [this_year, this_year + 1]
            .iter()
            .map(|year| {
                (
                    ctx.t_args(
                        "rules-holidays-list",
                        &[
                            ("nation", label(ctx, "nation", nation).into()),
                            ("year", year.to_string().into()),
                        ],
                    ),
                    bank_holidays_named(nation, *year)
                        .iter()
                        .map(|h| holiday_line(ctx, h))
                        .collect(),
                )
            })
            .collect();
        let claim = pathway.claim.as_ref().map(|c| LimitRow {
            anchor: format!("{}-claim", nation.id()),
            what: ctx.t("concern-claim-what"),
            who: ctx.t("rules-party-you"),
            rule: claim_rule_text(ctx, c),
            extendable: String::new(),
            verified: c.verified,
            note: c.note.clone(),
            sources: c.sources.iter().map(source).collect(),
        });
        nations.push(NationRules {
            id: nation.id(),
            name: label(ctx, "nation", nation),
            steps,
            claim,
            holidays_rule: data
                .rule_for(nation)
                .map(|r| r.summary.clone())
                .unwrap_or_default(),
            holidays,
            holiday_sources: data.sources_for(nation).map(source).collect(),
        });
    }
    render(
        StatusCode::OK,
        &RulesPage {
            ctx: ctx.clone(),
            nations,
            records: LimitRow {
                anchor: "records-reply".into(),
                what: ctx.t("rules-records-what"),
                who: ctx.t("rules-party-them"),
                rule: ctx.t("request-rule"),
                extendable: String::new(),
                verified: true,
                note: ctx.t("rules-records-note"),
                sources: state
                    .letters
                    .template(LetterKind::SubjectAccessRequest)
                    .map(|t| t.sources.iter().map(source).collect())
                    .unwrap_or_default(),
            },
            known_through: i64::from(data.known_through),
        },
    )
}

fn holiday_line(ctx: &PageContext, h: &calendar::BankHoliday) -> String {
    let name = match h.holiday {
        calendar::Holiday::OneOff(name) => name.to_owned(),
        other => ctx.t(&format!("holiday-{}", other.id())),
    };
    let suffix = if h.substitute {
        format!(" ({})", ctx.t("rules-substitute"))
    } else {
        String::new()
    };
    format!("{}: {name}{suffix}", ctx.day_date(h.date))
}
