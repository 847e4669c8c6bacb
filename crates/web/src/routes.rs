//! Every route Heard serves, with who may use it. Each feature's folder under `pages/` declares
//! its own routes (`fn routes() -> Routes`); they are merged here, once. The router is built
//! from this table and nothing else, so the table is the router's own list: the authorisation
//! matrix test reads it, and a route added to a feature is covered by that test the day it is
//! added.

use axum::Router;
use axum::handler::Handler;
use axum::routing::{get, post};

use crate::state::AppState;

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not. `why` says why that is safe: it is the one place a route is
    /// declared public.
    Public { why: &'static str },
    /// A signed-in person. Any id in the path is looked up among that person's own records:
    /// anyone else's is not found.
    Member,
    /// An operator. Anyone else is told the page does not exist.
    Operator,
    /// No session: a secret in the path is the key (a calendar app reading a private feed).
    Secret { why: &'static str },
}

/// One route: a method, a path pattern and who may use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

/// A router and its table, built together.
pub struct Routes {
    router: Router<AppState>,
    table: Vec<Route>,
}

impl Default for Routes {
    fn default() -> Self {
        Self::new()
    }
}

impl Routes {
    pub fn new() -> Self {
        Self {
            router: Router::new(),
            table: Vec::new(),
        }
    }

    pub fn get<H, T>(mut self, path: &'static str, access: Access, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.router = self.router.route(path, get(handler));
        self.table.push(Route {
            method: Method::Get,
            path,
            access,
        });
        self
    }

    pub fn post<H, T>(mut self, path: &'static str, access: Access, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.router = self.router.route(path, post(handler));
        self.table.push(Route {
            method: Method::Post,
            path,
            access,
        });
        self
    }

    pub fn merge(mut self, other: Routes) -> Self {
        self.router = self.router.merge(other.router);
        self.table.extend(other.table);
        self
    }

    /// Wraps the routes so far in a layer (or anything else that keeps them).
    pub fn wrap(mut self, f: impl FnOnce(Router<AppState>) -> Router<AppState>) -> Self {
        self.router = f(self.router);
        self
    }

    pub fn into_parts(self) -> (Router<AppState>, Vec<Route>) {
        (self.router, self.table)
    }
}

/// The pages: every route that knows who is asking (through the visitor layer).
pub(crate) fn page_routes() -> Routes {
    use crate::pages::{
        account, concerns, consultations, dashboard, directory, home, learn, letters, notes,
    };
    Routes::new()
        .merge(home::routes())
        .merge(account::routes())
        .merge(dashboard::routes())
        .merge(notes::routes())
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
