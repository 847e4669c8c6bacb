//! The open concerns a person has, as the time-limit rules see them: kept as one copy so the
//! dashboard can find the next deadlines without opening every concern, event and letter.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::calendar::Nation;
use crate::concern::{ProblemDates, Setting};
use crate::pathway::TimelineEvent;

/// An open concern as the time-limit rules see it: where and when, and its timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenCase {
    pub concern: Uuid,
    pub title: String,
    pub nation: Nation,
    pub setting: Setting,
    /// [`crate::concern::Concern::problem_dates`].
    pub problem: ProblemDates,
    /// Oldest first.
    pub timeline: Vec<TimelineEvent>,
}

/// Every open concern with its timeline, kept as one sealed record so the dashboard can work
/// out the next deadlines by opening one record rather than every concern, event and letter.
/// It is a copy: `made_from` names the state of the records it was made from, and when that
/// no longer matches it is made again from them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenCases {
    pub made_from: String,
    pub cases: Vec<OpenCase>,
}
