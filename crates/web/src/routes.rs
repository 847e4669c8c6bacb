//! Every route Heard serves, with who may use it. Each feature's folder under `pages/` declares
//! its own routes (`fn routes() -> Routes`); they are merged here, once. The router is built
//! from this table and nothing else: the authorisation matrix test reads it, and a route added
//! to a feature is covered by that test the day it is added.

use crate::access::{Access, Route, Routes};

/// The pages: every route that knows who is asking (through the visitor layer).
pub(crate) fn page_routes() -> Routes {
    use crate::pages::{
        account, concerns, consultations, dashboard, directory, home, learn, letters,
    };
    Routes::new()
        .merge(home::routes())
        .merge(account::routes())
        .merge(dashboard::routes())
        .merge(consultations::routes())
        .merge(letters::routes())
        .merge(concerns::routes())
        .merge(directory::routes())
        .merge(learn::routes())
}

/// What is served without looking at the session.
pub(crate) fn other_routes() -> Routes {
    use Access::{Public, Secret};
    Routes::new()
        .get("/assets/{name}", Public { why: "the stylesheet, script and icon every page uses" }, crate::assets::serve)
        .get("/calendar/{file}", Secret { why: "a calendar app has no session: the address holds a 256-bit secret, looked up by its hash" }, crate::pages::account::feed)
        .get("/health", Public { why: "says only that the server is up, for an operator's monitoring" }, health)
}

/// Every route Heard serves and who may use it, as the router is built from it.
pub fn route_table() -> Vec<Route> {
    let (_, mut table) = page_routes().into_parts();
    table.extend(other_routes().into_parts().1);
    table
}

async fn health() -> &'static str {
    "ok"
}
