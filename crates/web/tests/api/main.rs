//! End-to-end tests: the real server on a random port, driven over HTTP like a browser.
//! Every test runs on SQLite and, when `HEARD_TEST_POSTGRES_URL` is set, on PostgreSQL.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a panic is a failed test"
)]

mod accounts;
mod anonymity;
mod concerns;
mod consultations;
mod experiences;
mod guidance;
mod helpers;
mod letters;
mod matrix;
mod notes;
mod redirects;
mod room;
mod rules;
mod security;
mod sessions;
