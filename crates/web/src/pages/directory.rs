//! The directory: the national bodies Heard ships with and the local ones an operator imported,
//! searchable by name or place, and one tap to make one a letter's recipient.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use heard_core::calendar::Nation;
use heard_core::choice::Choice;
use heard_core::directory::Organisation;
use heard_core::letter::LetterDraft;
use heard_store::{RecordId, StoreError};
use serde::Deserialize;
use uuid::Uuid;

use super::widgets::{ChoiceOption, label, options};
use super::{PageContext, render};
use crate::access::Routes;
use crate::error::AppError;
use crate::state::AppState;
use crate::visitor::CurrentUser;

/// Every organisation: the national bodies first, then the imported ones.
pub async fn everything(state: &AppState) -> Result<Vec<(Uuid, Organisation)>, AppError> {
    let mut all = state.escalation.national.clone();
    all.extend(state.store.imported_directory().await?);
    Ok(all)
}

/// An organisation as a page shows it.
pub struct OrganisationView {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub area: String,
    pub phone: String,
    pub phone_href: String,
    pub email: String,
    pub website: String,
    pub address: Vec<String>,
    pub checked: String,
}

impl OrganisationView {
    pub fn new(ctx: &PageContext, id: Uuid, o: &Organisation) -> Self {
        Self {
            id: id.to_string(),
            name: o.name.clone(),
            kind: label(ctx, "directory-kind", o.kind),
            area: o.area.clone(),
            phone_href: o
                .phone
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect(),
            phone: o.phone.clone(),
            email: o.email.clone(),
            // Only web addresses, never a `javascript:` or other scheme from an imported file.
            website: if o.website.starts_with("https://") || o.website.starts_with("http://") {
                o.website.clone()
            } else {
                String::new()
            },
            address: o.address_lines(),
            checked: if o.last_checked.is_empty() {
                String::new()
            } else {
                ctx.t1("directory-checked", "date", &o.last_checked)
            },
        }
    }
}

#[derive(Template)]
#[template(path = "directory.html")]
struct DirectoryPage {
    ctx: PageContext,
    q: String,
    nations: Vec<ChoiceOption>,
    results: Vec<OrganisationView>,
    count: String,
    /// Choosing a recipient for this letter.
    letter: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct SearchQuery {
    q: Option<String>,
    nation: Option<String>,
    letter: Option<String>,
}

/// The most results one page lists; a search narrows them.
const MAX_RESULTS: usize = 50;

pub async fn search(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<SearchQuery>,
) -> Result<Response, AppError> {
    let ctx = &user.ctx;
    let text: String = q.q.unwrap_or_default().trim().chars().take(100).collect();
    let nation = q.nation.as_deref().and_then(Nation::from_id);
    // A letter id in the address is only used once it is known to be this person's letter.
    let letter = match q.letter.as_deref().and_then(|s| s.parse::<RecordId>().ok()) {
        Some(id) => match state.store.get::<LetterDraft>(&user.user.owner, id).await {
            Ok(l) => Some(l.id.to_string()),
            Err(StoreError::NotFound) => None,
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    let all = everything(&state).await?;
    let matching: Vec<_> = all
        .iter()
        .filter(|(_, o)| nation.is_none_or(|n| o.nation == n))
        .filter(|(_, o)| o.matches(&text))
        .collect();
    let count = ctx.tn("directory-count", "count", matching.len());
    let results = matching
        .into_iter()
        .take(MAX_RESULTS)
        .map(|(id, o)| OrganisationView::new(ctx, *id, o))
        .collect();
    let chosen: Vec<Nation> = nation.into_iter().collect();
    let page = DirectoryPage {
        ctx: ctx.clone(),
        q: text,
        nations: options(ctx, "nation", &chosen),
        results,
        count,
        letter,
    };
    render(StatusCode::OK, &page)
}

/// The directory pages, with who may use each.
pub fn routes() -> Routes {
    use crate::access::Access::Member;
    Routes::new().get("/directory", Member, search)
}
