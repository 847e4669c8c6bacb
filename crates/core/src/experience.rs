//! Shared experiences: what a person writes to help others, shared without their name. An
//! operator approves each one before anyone else sees it; the author can withdraw it at any time.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::consultation::Choice;

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

/// The author's own link to what they shared, kept sealed with their records: the shared copy
/// carries no author, so nobody (an operator, or someone with a copy of the database) can tell
/// who wrote it. The token proves authorship when withdrawing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MySharedExperience {
    pub shared_id: Uuid,
    pub token: String,
    pub title: String,
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
}
