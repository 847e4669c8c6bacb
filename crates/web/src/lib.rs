//! Heard's web interface: routes, pages, sessions, CSRF, security headers and embedded assets.
//!
//! Data flows one way: request → handler → `store` → `core` → template → response. Handlers
//! hold no SQL and no rules; they parse input, call the store and core, and render.

mod access;
mod assets;
mod clock;
mod config;
mod content;
mod error;
mod form;
mod i18n;
mod pages;
mod paths;
mod routes;
mod security;
mod startup;
mod state;
mod visitor;

pub use access::{Access, Method, Route};
pub use clock::Clock;
pub use config::{PublicUrl, WebConfig};
pub use content::{for_checking as content_for_checking, read_content_dir};
pub use i18n::Localizer;
pub use routes::route_table;
pub use startup::{Application, build};

/// The addresses content may link to (a guidance page's links and actions are checked against
/// these by `heard check-content`): every page in the router, without a record in its address,
/// that anyone or a signed-in person can open ("/letters/new"). A guidance page's own address is
/// checked by its slug. Taken from the route table, so it cannot drift from the router.
pub fn linkable_paths() -> Vec<&'static str> {
    routes::page_routes()
        .into_parts()
        .1
        .into_iter()
        .filter(|r| {
            r.method == Method::Get
                && !r.path.contains('{')
                && matches!(r.access, Access::Public { .. } | Access::Member)
        })
        .map(|r| r.path)
        .collect()
}
