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

/// The pages content may link to (a guidance page's links and actions are checked against
/// these by `heard check-content`). Keep in step with the router.
pub const LINKABLE_PATHS: &[&str] = &[
    "/guidance",
    "/glossary",
    "/dashboard",
    "/consultations",
    "/letters",
    "/concerns",
    "/directory",
    "/experiences",
    "/notes",
    "/account/calendar",
    "/rules",
];
