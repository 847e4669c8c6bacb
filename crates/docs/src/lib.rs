//! Documents out: what a person takes away from Heard. Plain text now; PDF (Typst), email
//! drafts and iCalendar join as the features that need them arrive.
//!
//! Every format renders from a structured document, never from a template with user text
//! spliced in, so one source of truth serves every output.

pub mod text;

pub use text::{Block, Document};
