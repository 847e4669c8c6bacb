//! Afterwards: how did it go? A short reflection, one question a page.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::choice::Choice;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    Yes,
    Partly,
    No,
}

impl Choice for Answer {
    const ALL: &'static [Self] = &[Answer::Yes, Answer::Partly, Answer::No];
    fn id(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::Partly => "partly",
            Answer::No => "no",
        }
    }
}

/// The nine protected characteristics of the Equality Act 2010.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProtectedCharacteristic {
    Age,
    Disability,
    GenderReassignment,
    MarriageAndCivilPartnership,
    PregnancyAndMaternity,
    Race,
    ReligionOrBelief,
    Sex,
    SexualOrientation,
}

impl Choice for ProtectedCharacteristic {
    const ALL: &'static [Self] = &[
        ProtectedCharacteristic::Age,
        ProtectedCharacteristic::Disability,
        ProtectedCharacteristic::GenderReassignment,
        ProtectedCharacteristic::MarriageAndCivilPartnership,
        ProtectedCharacteristic::PregnancyAndMaternity,
        ProtectedCharacteristic::Race,
        ProtectedCharacteristic::ReligionOrBelief,
        ProtectedCharacteristic::Sex,
        ProtectedCharacteristic::SexualOrientation,
    ];
    fn id(self) -> &'static str {
        match self {
            ProtectedCharacteristic::Age => "age",
            ProtectedCharacteristic::Disability => "disability",
            ProtectedCharacteristic::GenderReassignment => "gender-reassignment",
            ProtectedCharacteristic::MarriageAndCivilPartnership => {
                "marriage-and-civil-partnership"
            }
            ProtectedCharacteristic::PregnancyAndMaternity => "pregnancy-and-maternity",
            ProtectedCharacteristic::Race => "race",
            ProtectedCharacteristic::ReligionOrBelief => "religion-or-belief",
            ProtectedCharacteristic::Sex => "sex",
            ProtectedCharacteristic::SexualOrientation => "sexual-orientation",
        }
    }
}

/// "Did you feel treated unfairly because of who you are?" Optional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnfairAnswer {
    Yes,
    No,
    RatherNotSay,
}

impl Choice for UnfairAnswer {
    const ALL: &'static [Self] = &[
        UnfairAnswer::Yes,
        UnfairAnswer::No,
        UnfairAnswer::RatherNotSay,
    ];
    fn id(self) -> &'static str {
        match self {
            UnfairAnswer::Yes => "yes",
            UnfairAnswer::No => "no",
            UnfairAnswer::RatherNotSay => "rather-not-say",
        }
    }
}

/// The questions of the reflection, in order, one a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReflectionStep {
    Understood,
    Listened,
    QuestionsAnswered,
    WorriesTakenSeriously,
    CommunicatedWell,
    GotWhatICameFor,
    Unfair,
    AnythingElse,
}

impl ReflectionStep {
    pub const ALL: [ReflectionStep; 8] = [
        ReflectionStep::Understood,
        ReflectionStep::Listened,
        ReflectionStep::QuestionsAnswered,
        ReflectionStep::WorriesTakenSeriously,
        ReflectionStep::CommunicatedWell,
        ReflectionStep::GotWhatICameFor,
        ReflectionStep::Unfair,
        ReflectionStep::AnythingElse,
    ];

    pub fn id(self) -> &'static str {
        match self {
            ReflectionStep::Understood => "understood",
            ReflectionStep::Listened => "listened",
            ReflectionStep::QuestionsAnswered => "questions-answered",
            ReflectionStep::WorriesTakenSeriously => "worries",
            ReflectionStep::CommunicatedWell => "communication",
            ReflectionStep::GotWhatICameFor => "goal",
            ReflectionStep::Unfair => "unfair",
            ReflectionStep::AnythingElse => "anything-else",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|s| s.id() == id)
    }

    pub fn next(self) -> Option<Self> {
        let i = Self::ALL.iter().position(|s| *s == self)?;
        Self::ALL.get(i + 1).copied()
    }

    /// Number of this step, from 1.
    pub fn number(self) -> usize {
        Self::ALL
            .iter()
            .position(|s| *s == self)
            .map_or(0, |i| i + 1)
    }
}

/// The person's reflection on one consultation. One record per consultation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reflection {
    pub consultation: Uuid,
    pub understood: Option<Answer>,
    pub listened: Option<Answer>,
    pub questions_answered: Option<Answer>,
    pub worries_taken_seriously: Option<Answer>,
    pub communicated_well: Option<Answer>,
    pub got_what_i_came_for: Option<Answer>,
    pub unfair: Option<UnfairAnswer>,
    #[serde(default)]
    pub characteristics: Vec<ProtectedCharacteristic>,
    /// Another reason, or more about it, in the person's words.
    #[serde(default)]
    pub unfair_other: String,
    #[serde(default)]
    pub anything_else: String,
    /// The last page was reached.
    #[serde(default)]
    pub finished: bool,
}

impl Reflection {
    pub fn new(consultation: Uuid) -> Self {
        Self {
            consultation,
            ..Self::default()
        }
    }

    /// The yes/partly/no answer of a step, if it has one.
    pub fn answer(&self, step: ReflectionStep) -> Option<Answer> {
        match step {
            ReflectionStep::Understood => self.understood,
            ReflectionStep::Listened => self.listened,
            ReflectionStep::QuestionsAnswered => self.questions_answered,
            ReflectionStep::WorriesTakenSeriously => self.worries_taken_seriously,
            ReflectionStep::CommunicatedWell => self.communicated_well,
            ReflectionStep::GotWhatICameFor => self.got_what_i_came_for,
            ReflectionStep::Unfair | ReflectionStep::AnythingElse => None,
        }
    }

    pub fn set_answer(&mut self, step: ReflectionStep, answer: Option<Answer>) {
        match step {
            ReflectionStep::Understood => self.understood = answer,
            ReflectionStep::Listened => self.listened = answer,
            ReflectionStep::QuestionsAnswered => self.questions_answered = answer,
            ReflectionStep::WorriesTakenSeriously => self.worries_taken_seriously = answer,
            ReflectionStep::CommunicatedWell => self.communicated_well = answer,
            ReflectionStep::GotWhatICameFor => self.got_what_i_came_for = answer,
            ReflectionStep::Unfair | ReflectionStep::AnythingElse => {}
        }
    }

    /// The five questions about how it went, plus whether the goal was met.
    pub fn answers(&self) -> [Option<Answer>; 6] {
        [
            self.understood,
            self.listened,
            self.questions_answered,
            self.worries_taken_seriously,
            self.communicated_well,
            self.got_what_i_came_for,
        ]
    }

    pub fn felt_unfairly_treated(&self) -> bool {
        self.unfair == Some(UnfairAnswer::Yes)
    }

    /// Every answer given was yes and nothing unfair was reported.
    pub fn went_well(&self) -> bool {
        let answers = self.answers();
        answers.iter().any(Option::is_some)
            && answers
                .iter()
                .all(|a| matches!(a, None | Some(Answer::Yes)))
            && !self.felt_unfairly_treated()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_run_in_order_and_ids_round_trip() {
        let mut step = Some(ReflectionStep::Understood);
        let mut seen = 0;
        while let Some(s) = step {
            seen += 1;
            assert_eq!(ReflectionStep::from_id(s.id()), Some(s));
            assert_eq!(s.number(), seen);
            step = s.next();
        }
        assert_eq!(seen, 8);
    }

    #[test]
    fn went_well_needs_only_yes_and_no_unfairness() {
        let mut r = Reflection::new(Uuid::nil());
        assert!(!r.went_well(), "nothing answered is not 'went well'");
        for step in ReflectionStep::ALL {
            r.set_answer(step, Some(Answer::Yes));
        }
        assert!(r.went_well());
        r.unfair = Some(UnfairAnswer::Yes);
        assert!(!r.went_well());
        r.unfair = Some(UnfairAnswer::No);
        r.listened = Some(Answer::Partly);
        assert!(!r.went_well());
    }
}
