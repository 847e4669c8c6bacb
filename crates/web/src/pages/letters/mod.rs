//! Letters: choose one (or follow a suggestion), get a draft filled from what was recorded,
//! edit each part, check the tone and the plain English, see it, take it away as a PDF, text or
//! email, and mark it as sent so Heard knows when a reply is due.

mod delete;
mod details;
mod edit;
mod facts;
mod files;
mod list;
mod preview;
mod recipient;
mod request;
mod start;
mod status;

pub use list::{LetterItem, for_consultation};
pub use preview::labels;

use heard_store::RecordId;
use uuid::Uuid;

use crate::access::Routes;
use crate::visitor::CurrentUser;

const MAX_LETTER_CHARS: usize = 20_000;

fn details_id(user: &CurrentUser) -> RecordId {
    RecordId::from_uuid(Uuid::new_v5(&user.user.user_id.as_uuid(), b"my-details"))
}

/// The letters pages, with who may use each.
pub fn routes() -> Routes {
    use crate::access::Access::Member;
    Routes::new()
        .get("/letters", Member, list::list)
        .post("/letters", Member, start::create)
        .get("/letters/new", Member, start::choose)
        .get("/letters/{id}", Member, edit::edit)
        .post("/letters/{id}", Member, edit::save)
        .get("/letters/{id}/preview", Member, preview::preview)
        .get("/letters/{id}/letter.pdf", Member, files::pdf)
        .get("/letters/{id}/letter.txt", Member, files::txt)
        .get("/letters/{id}/letter.eml", Member, files::eml)
        .post("/letters/{id}/sent", Member, status::sent)
        .post("/letters/{id}/replied", Member, status::replied)
        .post("/letters/{id}/request", Member, request::request_facts)
        .get("/letters/{id}/delete", Member, delete::confirm_delete)
        .post("/letters/{id}/delete", Member, delete::delete)
        .post("/letters/{id}/recipient", Member, recipient::use_for_letter)
}
