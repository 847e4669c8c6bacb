use askama::Template;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{PageContext, render_or_error};
use crate::access::Routes;
use crate::visitor::AnyVisitor;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    ctx: PageContext,
    signed_out: bool,
}

#[derive(Deserialize)]
pub struct HomeQuery {
    #[serde(default)]
    signed_out: Option<String>,
}

/// The signed-out front door. Signed-in people go straight to their dashboard.
pub async fn show(visitor: AnyVisitor, Query(query): Query<HomeQuery>) -> Response {
    if visitor.ctx.signed_in() {
        return Redirect::to("/dashboard").into_response();
    }
    render_or_error(
        StatusCode::OK,
        &HomePage {
            ctx: visitor.ctx,
            signed_out: query.signed_out.is_some(),
        },
    )
}

/// The home page, open to everyone.
pub fn routes() -> Routes {
    use crate::access::Access::Public;
    Routes::new().get(
        "/",
        Public {
            why: "the home page; signed-in people are sent to their dashboard",
        },
        show,
    )
}
