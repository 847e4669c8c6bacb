//! A closed set of choices a person picks from (a place, a goal, a setting), each with a stable
//! id for forms, stored records and message ids.

/// Stable ids for each choice: used as form values and, prefixed, as message ids. Never change
/// one once released (they are also how stored records name the choice).
pub trait Choice: Sized + Copy + PartialEq + 'static {
    const ALL: &'static [Self];
    fn id(self) -> &'static str;

    fn from_id(id: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.id() == id)
    }
}
