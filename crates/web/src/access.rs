//! Who may use a route, and the builder that makes a router and its table together, so the
//! table is always the router's own list. Each feature declares its routes with it; `routes.rs`
//! merges them.

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
