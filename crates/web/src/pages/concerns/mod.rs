//! Concerns: the case file (what happened, what the person wants), its timeline, the time limits
//! that run from it, the next step and why, the pathway for the person's nation and setting, the
//! case file as a PDF and each deadline as a calendar event.

mod case;
mod case_file;
mod events;
mod files;
mod form;
mod list;
mod pathway;

pub use case::{AllCases, open_cases, upcoming_deadlines};
pub use files::deadline_event;

use crate::access::Routes;

/// The concerns pages, with who may use each.
pub fn routes() -> Routes {
    use crate::access::Access::Member;
    Routes::new()
        .get("/concerns", Member, list::list)
        .post("/concerns", Member, form::create)
        .get("/concerns/new", Member, form::new_form)
        .get("/concerns/{id}", Member, case_file::show)
        .get("/concerns/{id}/edit", Member, form::edit_form)
        .post("/concerns/{id}/edit", Member, form::edit_save)
        .get("/concerns/{id}/pathway", Member, pathway::pathway)
        .post("/concerns/{id}/events", Member, events::create_event)
        .get("/concerns/{id}/events/new", Member, events::new_event)
        .get("/concerns/{id}/events/{event}", Member, events::edit_event)
        .post("/concerns/{id}/events/{event}", Member, events::save_event)
        .get(
            "/concerns/{id}/events/{event}/delete",
            Member,
            events::confirm_delete_event,
        )
        .post(
            "/concerns/{id}/events/{event}/delete",
            Member,
            events::delete_event,
        )
        .get("/concerns/{id}/case-file.pdf", Member, files::case_file)
        .get("/concerns/{id}/deadline.ics", Member, files::deadline_ics)
        .get("/concerns/{id}/delete", Member, events::confirm_delete)
        .post("/concerns/{id}/delete", Member, events::delete)
}
