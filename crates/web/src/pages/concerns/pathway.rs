//! The pathway for a concern's nation and setting: the route's steps in order, the urgent
//! review above them and the other routes below.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use heard_core::choice::Choice;
use heard_core::concern::EventKind;
use heard_core::pathway::Party;

use super::case::load_concern;
use crate::error::AppError;
use crate::pages::widgets::label;
use crate::pages::{PageContext, render};
use crate::state::AppState;
use crate::visitor::CurrentUser;

pub struct StepView {
    pub id: String,
    pub number: usize,
    pub title: String,
    pub who: String,
    pub can: Vec<String>,
    pub cannot: Vec<String>,
    pub when: String,
    pub expect: String,
    pub contact_note: String,
    pub contacts: Vec<crate::pages::directory::OrganisationView>,
    pub local_contact: bool,
    pub limits: Vec<(String, String, bool)>,
    pub sources: Vec<(String, String, String)>,
    pub notice: Option<(String, String)>,
    pub letter: Option<String>,
}

#[derive(Template)]
#[template(path = "concern_pathway.html")]
struct PathwayPage {
    ctx: PageContext,
    id: String,
    heading: String,
    lead: String,
    steps: Vec<StepView>,
    /// Urgent steps beside the route, shown first; the other steps beside it, after. Neither
    /// is numbered.
    urgent: Vec<StepView>,
    beside: Vec<StepView>,
    reviewed: String,
    nation_id: &'static str,
}

pub async fn pathway(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let s = load_concern(&state, &user, &id).await?;
    let ctx = &user.ctx;
    let c = &s.value;
    let pathway = state
        .escalation
        .pathway(c.nation)
        .ok_or(AppError::NotFound)?;
    let directory = crate::pages::directory::everything(&state).await?;
    let id = s.id.to_string();
    // The route's steps are numbered; those beside it (an urgent review, the duty of candour, a
    // regulator, advice about a claim) are listed apart, so nobody reads them as a stage.
    let (route, beside): (Vec<_>, Vec<_>) = pathway
        .steps_for(c.setting)
        .partition(|step| !step.beside_the_route());
    let view = |number: usize, step: &heard_core::pathway::Step| {
        let contacts: Vec<_> = directory
            .iter()
            .filter(|(_, o)| o.nation == c.nation && step.contact.contains(&o.kind))
            .map(|(oid, o)| crate::pages::directory::OrganisationView::new(ctx, *oid, o))
            .collect();
        StepView {
            id: step.id.clone(),
            number,
            title: step.title.clone(),
            who: step.who.clone(),
            can: step.can.clone(),
            cannot: step.cannot.clone(),
            when: step.when.clone(),
            expect: step.expect.clone(),
            contact_note: step.contact_note.clone(),
            local_contact: contacts.is_empty() && !step.contact.is_empty(),
            contacts,
            limits: step
                .limits
                .iter()
                .map(|l| {
                    let who = match l.party {
                        Party::You => "concern-deadline-yours",
                        Party::Them => "concern-deadline-theirs",
                    };
                    (
                        ctx.t1(who, "what", &l.what),
                        crate::pages::explain::rule_text(ctx, l),
                        !l.verified,
                    )
                })
                .collect(),
            sources: step
                .sources
                .iter()
                .map(|src| {
                    (
                        format!("{}, {}", src.title, src.publisher),
                        src.url.clone(),
                        ctx.t1("pathway-checked", "date", &src.checked),
                    )
                })
                .collect(),
            notice: step.notice.as_ref().map(|n| {
                let tag = match (&n.kind, &n.until) {
                    (heard_core::pathway::NoticeKind::ValidUntil, Some(until)) => {
                        ctx.t1("pathway-valid-until", "date", until)
                    }
                    _ => ctx.t("pathway-changing"),
                };
                (tag, n.text.clone())
            }),
            letter: step
                .letter
                .map(|k| format!("/letters/new?kind={}&concern={id}", k.id())),
        }
    };
    let steps = route
        .iter()
        .enumerate()
        .map(|(i, step)| view(i + 1, step))
        .collect();
    // Urgent steps (an urgent review in hospital) go first, above the route: for now, not later.
    let (urgent, beside): (Vec<_>, Vec<_>) = beside
        .into_iter()
        .partition(|step| step.events.contains(&EventKind::UrgentReviewAsked));
    let urgent = urgent.iter().map(|step| view(0, step)).collect();
    let beside = beside.iter().map(|step| view(0, step)).collect();
    let setting = label(ctx, "setting", c.setting).to_lowercase();
    let page = PathwayPage {
        ctx: ctx.clone(),
        nation_id: c.nation.id(),
        heading: ctx.t1("pathway-title", "nation", &label(ctx, "nation", c.nation)),
        lead: ctx.t1("pathway-lead", "setting", &setting),
        reviewed: ctx.t_args(
            "pathway-reviewed",
            &[
                ("last", pathway.last_reviewed.clone().into()),
                ("next", pathway.next_review.clone().into()),
            ],
        ),
        steps,
        urgent,
        beside,
        id,
    };
    render(StatusCode::OK, &page)
}
