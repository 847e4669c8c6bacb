//! In the room: what the person records during an appointment, kept as an append-only log of
//! entries so that nothing typed is ever overwritten.
//!
//! Every save is a new entry with an id made on the device (a retry stores nothing new) and the
//! ids of the entries the device had seen for the same slot (`based_on`). The current value of
//! a slot is its head: the entry no other entry is based on. Two devices editing the same slot
//! at once leave two heads: a conflict, shown with both values until the person settles it
//! with an entry based on both.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What an entry is about: one field of one question, one field of one next step, or one of the
/// consultation-wide notes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "on")]
pub enum Slot {
    Question {
        question: Uuid,
        field: QuestionField,
    },
    NextStep {
        step: Uuid,
        field: NextStepField,
    },
    /// What was decided.
    Decisions,
    /// Free notes.
    Notes,
    /// The companion's notes, typed on the same device for now.
    CompanionNotes,
    /// Which "running out of time" requests the person made.
    AskedFor,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionField {
    /// Asked, answered or not answered.
    Status,
    /// The answer, in a few words.
    Answer,
    /// The reason given, after "ask why".
    Why,
    /// "I did not understand".
    NotUnderstood,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NextStepField {
    What,
    Who,
    /// A date or words like "in about two weeks".
    ByWhen,
    /// Removed from the list (an entry, so a removal is never lost either).
    Removed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionStatus {
    Asked,
    Answered,
    NotAnswered,
}

/// The "running out of time" requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimeRequest {
    FollowUpAppointment,
    FollowUpCall,
    EmailRemainingQuestions,
}

/// One saved change. Stored sealed, one record per entry, under the consultation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomEntry {
    pub consultation: Uuid,
    pub slot: Slot,
    /// Text for text slots; a status, flag or list of requests, written as their ids.
    pub value: String,
    /// The entries for this slot the device had seen when this was made.
    #[serde(default)]
    pub based_on: Vec<Uuid>,
}

/// An entry with its id and when it was stored (for ordering heads).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub id: Uuid,
    pub at: i64,
    pub entry: RoomEntry,
}

/// A slot's current value: one head, or several when devices disagreed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Current {
    /// Oldest first. More than one means a conflict to show.
    pub heads: Vec<Head>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub id: Uuid,
    pub value: String,
}

impl Current {
    /// The value to show: the newest head's.
    pub fn value(&self) -> &str {
        self.heads.last().map_or("", |h| h.value.as_str())
    }

    pub fn in_conflict(&self) -> bool {
        self.heads.len() > 1
    }

    /// What a new entry for this slot should be based on: every head, so it settles any
    /// conflict.
    pub fn head_ids(&self) -> Vec<Uuid> {
        self.heads.iter().map(|h| h.id).collect()
    }
}

/// Every slot's current value, from all the entries of one consultation in any order.
pub fn fold(entries: &[Saved]) -> BTreeMap<Slot, Current> {
    let mut by_slot: BTreeMap<&Slot, Vec<&Saved>> = BTreeMap::new();
    for saved in entries {
        by_slot.entry(&saved.entry.slot).or_default().push(saved);
    }
    by_slot
        .into_iter()
        .map(|(slot, mut saved)| {
            let superseded: BTreeSet<Uuid> = saved
                .iter()
                .flat_map(|s| s.entry.based_on.iter().copied())
                .collect();
            saved.sort_by_key(|s| (s.at, s.id));
            let heads = saved
                .iter()
                .filter(|s| !superseded.contains(&s.id))
                .map(|s| Head {
                    id: s.id,
                    value: s.entry.value.clone(),
                })
                .collect();
            (slot.clone(), Current { heads })
        })
        .collect()
}

/// Values are stored as text; these read and write the non-text ones.
pub fn status_value(status: Option<QuestionStatus>) -> String {
    match status {
        Some(QuestionStatus::Asked) => "asked".into(),
        Some(QuestionStatus::Answered) => "answered".into(),
        Some(QuestionStatus::NotAnswered) => "not-answered".into(),
        None => String::new(),
    }
}

pub fn parse_status(value: &str) -> Option<QuestionStatus> {
    match value {
        "asked" => Some(QuestionStatus::Asked),
        "answered" => Some(QuestionStatus::Answered),
        "not-answered" => Some(QuestionStatus::NotAnswered),
        _ => None,
    }
}

pub fn requests_value(requests: &BTreeSet<TimeRequest>) -> String {
    requests
        .iter()
        .map(|r| match r {
            TimeRequest::FollowUpAppointment => "follow-up-appointment",
            TimeRequest::FollowUpCall => "follow-up-call",
            TimeRequest::EmailRemainingQuestions => "email-remaining-questions",
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn parse_requests(value: &str) -> BTreeSet<TimeRequest> {
    value
        .split_whitespace()
        .filter_map(|id| match id {
            "follow-up-appointment" => Some(TimeRequest::FollowUpAppointment),
            "follow-up-call" => Some(TimeRequest::FollowUpCall),
            "email-remaining-questions" => Some(TimeRequest::EmailRemainingQuestions),
            _ => None,
        })
        .collect()
}

/// A flag is stored as "yes" or "".
pub fn flag_value(on: bool) -> String {
    if on { "yes".into() } else { String::new() }
}

/// What was recorded for one question in the room.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuestionRecord {
    pub status: Option<QuestionStatus>,
    pub answer: String,
    pub why: String,
    pub not_understood: bool,
}

/// A next step: who does what, by when.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NextStep {
    pub id: Uuid,
    pub what: String,
    pub who: String,
    pub by_when: String,
}

/// The room as the person left it: every slot at its newest value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoomState {
    pub questions: BTreeMap<Uuid, QuestionRecord>,
    /// In the order they were first added.
    pub next_steps: Vec<NextStep>,
    pub decisions: String,
    pub notes: String,
    pub companion_notes: String,
    pub asked_for: BTreeSet<TimeRequest>,
    /// Slots where devices disagreed.
    pub conflicts: usize,
}

impl RoomState {
    pub fn from_entries(entries: &[Saved]) -> Self {
        let current = fold(entries);
        let mut state = RoomState {
            conflicts: current.values().filter(|c| c.in_conflict()).count(),
            ..RoomState::default()
        };
        let mut steps: BTreeMap<Uuid, (i64, NextStep, bool)> = BTreeMap::new();
        let first_seen = |step: Uuid| {
            entries
                .iter()
                .filter(|s| matches!(s.entry.slot, Slot::NextStep { step: id, .. } if id == step))
                .map(|s| s.at)
                .min()
                .unwrap_or(0)
        };
        for (slot, now) in &current {
            let value = now.value();
            match slot {
                Slot::Question { question, field } => {
                    let q = state.questions.entry(*question).or_default();
                    match field {
                        QuestionField::Status => q.status = parse_status(value),
                        QuestionField::Answer => q.answer = value.to_owned(),
                        QuestionField::Why => q.why = value.to_owned(),
                        QuestionField::NotUnderstood => q.not_understood = value == "yes",
                    }
                }
                Slot::NextStep { step, field } => {
                    let (_, s, removed) = steps.entry(*step).or_insert_with(|| {
                        (
                            first_seen(*step),
                            NextStep {
                                id: *step,
                                ..NextStep::default()
                            },
                            false,
                        )
                    });
                    match field {
                        NextStepField::What => s.what = value.to_owned(),
                        NextStepField::Who => s.who = value.to_owned(),
                        NextStepField::ByWhen => s.by_when = value.to_owned(),
                        NextStepField::Removed => *removed = value == "yes",
                    }
                }
                Slot::Decisions => state.decisions = value.to_owned(),
                Slot::Notes => state.notes = value.to_owned(),
                Slot::CompanionNotes => state.companion_notes = value.to_owned(),
                Slot::AskedFor => state.asked_for = parse_requests(value),
            }
        }
        let mut steps: Vec<(i64, NextStep)> = steps
            .into_values()
            .filter(|(_, _, removed)| !removed)
            .map(|(at, s, _)| (at, s))
            .collect();
        steps.sort_by_key(|(at, s)| (*at, s.id));
        state.next_steps = steps.into_iter().map(|(_, s)| s).collect();
        state
    }

    pub fn question(&self, id: Uuid) -> QuestionRecord {
        self.questions.get(&id).cloned().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn saved(n: u128, at: i64, slot: Slot, value: &str, based_on: &[u128]) -> Saved {
        Saved {
            id: id(n),
            at,
            entry: RoomEntry {
                consultation: id(1000),
                slot,
                value: value.into(),
                based_on: based_on.iter().map(|b| id(*b)).collect(),
            },
        }
    }

    fn answer(q: u128) -> Slot {
        Slot::Question {
            question: id(q),
            field: QuestionField::Answer,
        }
    }

    #[test]
    fn the_newest_entry_in_a_chain_wins() {
        let entries = [
            saved(1, 10, answer(7), "first", &[]),
            saved(2, 20, answer(7), "second", &[1]),
            saved(3, 30, answer(7), "third", &[2]),
        ];
        let now = &fold(&entries)[&answer(7)];
        assert!(!now.in_conflict());
        assert_eq!(now.value(), "third");
        assert_eq!(now.head_ids(), [id(3)]);
    }

    #[test]
    fn two_devices_editing_at_once_leave_both_versions_until_settled() {
        let mut entries = vec![
            saved(1, 10, answer(7), "start", &[]),
            saved(2, 20, answer(7), "from the phone", &[1]),
            saved(3, 21, answer(7), "from the laptop", &[1]),
        ];
        let now = fold(&entries)[&answer(7)].clone();
        assert!(now.in_conflict());
        let values: Vec<&str> = now.heads.iter().map(|h| h.value.as_str()).collect();
        assert_eq!(values, ["from the phone", "from the laptop"]);
        // Settled by an entry based on both heads.
        entries.push(saved(4, 30, answer(7), "from the phone", &[2, 3]));
        let now = &fold(&entries)[&answer(7)];
        assert!(!now.in_conflict());
        assert_eq!(now.value(), "from the phone");
    }

    #[test]
    fn the_order_entries_arrive_in_does_not_matter() {
        let entries = vec![
            saved(3, 30, answer(7), "third", &[2]),
            saved(1, 10, answer(7), "first", &[]),
            saved(2, 20, answer(7), "second", &[1]),
        ];
        assert_eq!(fold(&entries)[&answer(7)].value(), "third");
    }

    #[test]
    fn the_room_state_gathers_every_slot() {
        let step = 50;
        let entries = [
            saved(
                1,
                1,
                Slot::Question {
                    question: id(7),
                    field: QuestionField::Status,
                },
                "not-answered",
                &[],
            ),
            saved(
                2,
                2,
                Slot::Question {
                    question: id(7),
                    field: QuestionField::NotUnderstood,
                },
                "yes",
                &[],
            ),
            saved(3, 3, answer(8), "In two weeks", &[]),
            saved(
                4,
                4,
                Slot::NextStep {
                    step: id(step),
                    field: NextStepField::What,
                },
                "Blood test",
                &[],
            ),
            saved(
                5,
                5,
                Slot::NextStep {
                    step: id(step),
                    field: NextStepField::ByWhen,
                },
                "in about two weeks",
                &[],
            ),
            saved(
                6,
                6,
                Slot::NextStep {
                    step: id(51),
                    field: NextStepField::What,
                },
                "Scan",
                &[],
            ),
            saved(
                7,
                7,
                Slot::NextStep {
                    step: id(51),
                    field: NextStepField::Removed,
                },
                "yes",
                &[],
            ),
            saved(
                8,
                8,
                Slot::AskedFor,
                "follow-up-call email-remaining-questions",
                &[],
            ),
            saved(9, 9, Slot::Decisions, "Start tablets on Monday", &[]),
        ];
        let state = RoomState::from_entries(&entries);
        let q7 = state.question(id(7));
        assert_eq!(q7.status, Some(QuestionStatus::NotAnswered));
        assert!(q7.not_understood);
        assert_eq!(state.question(id(8)).answer, "In two weeks");
        assert_eq!(state.next_steps.len(), 1, "the removed step is gone");
        assert_eq!(state.next_steps[0].what, "Blood test");
        assert_eq!(state.next_steps[0].by_when, "in about two weeks");
        assert!(state.asked_for.contains(&TimeRequest::FollowUpCall));
        assert!(
            state
                .asked_for
                .contains(&TimeRequest::EmailRemainingQuestions)
        );
        assert_eq!(state.decisions, "Start tablets on Monday");
        assert_eq!(state.conflicts, 0);
    }

    #[test]
    fn values_round_trip() {
        for s in [
            None,
            Some(QuestionStatus::Asked),
            Some(QuestionStatus::Answered),
            Some(QuestionStatus::NotAnswered),
        ] {
            assert_eq!(parse_status(&status_value(s)), s);
        }
        let all: BTreeSet<TimeRequest> = [
            TimeRequest::FollowUpAppointment,
            TimeRequest::FollowUpCall,
            TimeRequest::EmailRemainingQuestions,
        ]
        .into();
        assert_eq!(parse_requests(&requests_value(&all)), all);
        assert!(parse_requests("").is_empty());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// A random history for one slot: each entry is based on a random subset of earlier ones.
        fn history() -> impl Strategy<Value = Vec<Saved>> {
            proptest::collection::vec(
                proptest::collection::vec(any::<proptest::sample::Index>(), 0..3),
                1..12,
            )
            .prop_map(|bases| {
                let mut out: Vec<Saved> = Vec::new();
                for (i, picks) in bases.iter().enumerate() {
                    let based_on: Vec<u128> = if i == 0 {
                        vec![]
                    } else {
                        picks.iter().map(|p| p.index(i) as u128 + 1).collect()
                    };
                    out.push(saved(
                        i as u128 + 1,
                        i as i64,
                        answer(7),
                        &format!("v{i}"),
                        &based_on,
                    ));
                }
                out
            })
        }

        proptest! {
            #[test]
            fn arrival_order_never_changes_the_result(entries in history(), seed in any::<u64>()) {
                let mut shuffled = entries.clone();
                let len = shuffled.len();
                for i in 0..len {
                    let j = (seed.wrapping_mul(i as u64 + 7) % len as u64) as usize;
                    shuffled.swap(i, j);
                }
                prop_assert_eq!(fold(&entries), fold(&shuffled));
            }

            #[test]
            fn an_entry_based_on_every_head_settles_the_slot(entries in history()) {
                let heads = fold(&entries)[&answer(7)].head_ids();
                prop_assert!(!heads.is_empty(), "there is always at least one head");
                let mut settled = entries.clone();
                let based: Vec<u128> = heads.iter().map(|h| h.as_u128()).collect();
                settled.push(saved(999, 999, answer(7), "settled", &based));
                let now = &fold(&settled)[&answer(7)];
                prop_assert!(!now.in_conflict());
                prop_assert_eq!(now.value(), "settled");
            }

            #[test]
            fn a_value_is_never_lost_without_a_newer_one_based_on_it(entries in history()) {
                let now = &fold(&entries)[&answer(7)];
                for e in &entries {
                    let superseded = entries.iter().any(|o| o.entry.based_on.contains(&e.id));
                    prop_assert_eq!(!superseded, now.head_ids().contains(&e.id));
                }
            }
        }
    }
}
