//! Shared experiences: what a person writes to help others, shared without their name. An
//! operator approves each one before anyone else sees it; the author can withdraw it at any time.

use crate::choice::Choice;

pub const TITLE_MAX: usize = 120;
pub const BODY_MAX: usize = 5_000;
pub const REASON_MAX: usize = 1_000;

/// Where a shared experience stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExperienceStatus {
    /// Waiting for an operator.
    Pending,
    /// Others can read it.
    Published,
    /// Not published, with a reason for the author.
    Rejected,
}

impl Choice for ExperienceStatus {
    const ALL: &'static [Self] = &[
        ExperienceStatus::Pending,
        ExperienceStatus::Published,
        ExperienceStatus::Rejected,
    ];
    fn id(self) -> &'static str {
        match self {
            ExperienceStatus::Pending => "pending",
            ExperienceStatus::Published => "published",
            ExperienceStatus::Rejected => "rejected",
        }
    }
}

/// What an experience is about, picked by its author so readers can find ones like theirs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Theme {
    NotHeard,
    NotUnderstood,
    Bias,
    Time,
    GoodExperience,
}

impl Choice for Theme {
    const ALL: &'static [Self] = &[
        Theme::NotHeard,
        Theme::NotUnderstood,
        Theme::Bias,
        Theme::Time,
        Theme::GoodExperience,
    ];
    fn id(self) -> &'static str {
        match self {
            Theme::NotHeard => "not-heard",
            Theme::NotUnderstood => "not-understood",
            Theme::Bias => "bias",
            Theme::Time => "time",
            Theme::GoodExperience => "good-experience",
        }
    }
}

/// Themes as stored: their ids, comma-separated, in order.
pub fn themes_to_text(themes: &[Theme]) -> String {
    let mut sorted = themes.to_vec();
    sorted.sort();
    sorted.dedup();
    sorted.iter().map(|t| t.id()).collect::<Vec<_>>().join(",")
}

/// Themes read back; an id this version does not know is left out.
pub fn themes_from_text(text: &str) -> Vec<Theme> {
    text.split(',').filter_map(Theme::from_id).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExperienceProblem {
    TitleMissing,
    TitleTooLong,
    BodyMissing,
    BodyTooLong,
}

/// Checks an experience as typed.
pub fn check_experience(title: &str, body: &str) -> Vec<(&'static str, ExperienceProblem)> {
    let mut problems = Vec::new();
    if title.trim().is_empty() {
        problems.push(("title", ExperienceProblem::TitleMissing));
    } else if title.chars().count() > TITLE_MAX {
        problems.push(("title", ExperienceProblem::TitleTooLong));
    }
    if body.trim().is_empty() {
        problems.push(("body", ExperienceProblem::BodyMissing));
    } else if body.chars().count() > BODY_MAX {
        problems.push(("body", ExperienceProblem::BodyTooLong));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_and_a_body_are_needed_and_limited() {
        assert_eq!(
            check_experience("", " "),
            vec![
                ("title", ExperienceProblem::TitleMissing),
                ("body", ExperienceProblem::BodyMissing)
            ]
        );
        assert_eq!(
            check_experience(&"a".repeat(TITLE_MAX + 1), &"b".repeat(BODY_MAX + 1)),
            vec![
                ("title", ExperienceProblem::TitleTooLong),
                ("body", ExperienceProblem::BodyTooLong)
            ]
        );
        assert!(check_experience("Being heard at last", "The nurse sat down with me.").is_empty());
    }

    #[test]
    fn themes_round_trip_in_order_once_each() {
        let text = themes_to_text(&[Theme::Time, Theme::NotHeard, Theme::Time]);
        assert_eq!(text, "not-heard,time");
        assert_eq!(themes_from_text(&text), vec![Theme::NotHeard, Theme::Time]);
        assert_eq!(themes_from_text(""), vec![]);
        assert_eq!(themes_from_text("time,unknown"), vec![Theme::Time]);
    }
}
