//! The list of a person's concerns.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use heard_core::choice::Choice;
use heard_core::concern::ConcernStatus;

use super::case::{AllCases, upcoming_deadlines};
use crate::error::AppError;
use crate::pages::widgets::label;
use crate::pages::{DoneQuery, PageContext, render};
use crate::state::AppState;
use crate::visitor::CurrentUser;

pub struct ConcernItem {
    pub id: String,
    pub title: String,
    pub status: String,
    pub facts: String,
    pub next: Option<String>,
    pub overdue: bool,
}

#[derive(Template)]
#[template(path = "concerns_list.html")]
struct ListPage {
    ctx: PageContext,
    done: Option<String>,
    concerns: Vec<ConcernItem>,
}

pub(super) fn status_label(ctx: &PageContext, status: ConcernStatus) -> String {
    ctx.t(&format!("concerns-status-{}", status.id()))
}

pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let ctx = &user.ctx;
    let today = state.today();
    let all = AllCases::read(&state, &user.user.owner).await?;
    let deadlines = upcoming_deadlines(&state, &all.open_cases(), today);
    let mut cases = all.cases;
    cases.sort_by_key(|c| {
        (
            c.stored.value.status != ConcernStatus::Open,
            std::cmp::Reverse(c.stored.created_at),
        )
    });
    let concerns = cases
        .iter()
        .map(|case| {
            let id = case.stored.id.to_string();
            let c = &case.stored.value;
            let next = deadlines.iter().find(|d| d.concern_id == id);
            ConcernItem {
                title: c.title.clone(),
                status: status_label(ctx, c.status),
                facts: format!(
                    "{} {} {}",
                    label(ctx, "nation", c.nation),
                    ctx.t("list-separator"),
                    label(ctx, "setting", c.setting)
                ),
                next: next.map(|d| {
                    ctx.t_args(
                        "concerns-next-due",
                        &[
                            ("what", d.what.clone().into()),
                            ("date", ctx.civil_date(d.due).into()),
                        ],
                    )
                }),
                overdue: next.is_some_and(|d| d.passed),
                id,
            }
        })
        .collect();
    let done = match q.done.as_deref() {
        Some("deleted") => Some(user.ctx.t("concerns-deleted")),
        _ => None,
    };
    render(
        StatusCode::OK,
        &ListPage {
            ctx: user.ctx,
            done,
            concerns,
        },
    )
}
