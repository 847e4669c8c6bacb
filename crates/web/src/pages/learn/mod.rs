//! Learn and share: guidance pages and the glossary, every time limit Heard knows (`/rules`),
//! and shared experiences with their moderation. Guidance, the glossary and the rules are open
//! to everyone, signed in or not.

mod experiences;
mod guidance;
mod rules;

pub use guidance::text_with_terms;

use crate::access::Routes;

/// The learn pages, with who may use each.
pub fn routes() -> Routes {
    use crate::access::Access::{Member, Operator, Public};
    Routes::new()
        .get("/experiences", Public { why: "published experiences, which their authors agreed to share with anyone", }, experiences::list)
        .post("/experiences", Member, experiences::create)
        .get("/experiences/new", Member, experiences::new_form)
        .get("/experiences/mine", Member, experiences::mine)
        .post("/experiences/{id}/withdraw", Member, experiences::withdraw)
        .get("/moderation", Operator, experiences::moderation)
        .post("/moderation/{id}", Operator, experiences::moderate)
        .get("/guidance", Public { why: "guidance for anyone, before or without an account", }, guidance::index)
        .get("/guidance/{slug}", Public { why: "guidance for anyone, before or without an account", }, guidance::show)
        .get("/glossary", Public { why: "the glossary, for anyone", }, guidance::glossary)
        .get("/rules", Public { why: "every time limit Heard knows and its source, so anyone can check Heard's dates", }, rules::show)
}
