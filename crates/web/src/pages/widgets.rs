//! Form widgets every feature's pages use: a choice among the values of a `Choice` (radios,
//! checkboxes, a select) and a link to one of the person's records.

use heard_core::choice::Choice;

use super::PageContext;

/// A choice as a radio button or checkbox.
pub struct ChoiceOption {
    pub value: &'static str,
    pub label: String,
    pub checked: bool,
}

pub fn options<C: Choice>(ctx: &PageContext, prefix: &str, chosen: &[C]) -> Vec<ChoiceOption> {
    C::ALL
        .iter()
        .map(|c| ChoiceOption {
            value: c.id(),
            label: ctx.t(&format!("{prefix}-{}", c.id())),
            checked: chosen.contains(c),
        })
        .collect()
}

pub fn label<C: Choice>(ctx: &PageContext, prefix: &str, c: C) -> String {
    ctx.t(&format!("{prefix}-{}", c.id()))
}

/// An appointment or letter to link, as a checkbox.
pub struct LinkOption {
    pub value: String,
    pub label: String,
    pub checked: bool,
}
