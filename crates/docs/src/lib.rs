//! Documents out: what a person takes away from Heard: plain text, PDF (Typst as a library),
//! and iCalendar files. Email drafts join with letters.
//!
//! Every format renders from a structured document, never from a template with user text
//! spliced in, so one source of truth serves every output.

pub mod calendar;
pub mod letter;
pub mod pdf;
pub mod text;

pub use calendar::{CalendarEvent, calendar};
pub use pdf::{PdfEngine, PdfError, PrintBlock, PrintDate, PrintDocument};
pub use text::{Block, Document};
