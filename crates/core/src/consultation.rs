//! A consultation: an appointment a person is getting ready for, and what they want from it.

use jiff::civil::DateTime;
use jiff::tz::{Disambiguation, TimeZone};
use jiff::{Timestamp, ZonedDateTime};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::choice::Choice;
use crate::time::london;

/// Where the appointment happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Place {
    HospitalOrClinic,
    GpPractice,
    Phone,
    Video,
    Other,
}

/// Who the appointment is with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProfessionalRole {
    Oncologist,
    Surgeon,
    ClinicalNurseSpecialist,
    Gp,
    Radiographer,
    Other,
}

/// What the appointment is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AppointmentKind {
    FirstAppointment,
    TestResults,
    TreatmentPlanning,
    DuringTreatment,
    FollowUp,
    Other,
}

/// Common answers to "What do you want to get out of this appointment?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GoalChoice {
    UnderstandResults,
    UnderstandOptions,
    MakeADecision,
    KnowWhatHappensNext,
    SideEffectsHelp,
    RaiseAWorry,
    GetSupport,
}

/// What the person wants from the appointment, picked and in their own words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    pub choices: Vec<GoalChoice>,
    pub own_words: String,
}

impl Goal {
    pub fn is_empty(&self) -> bool {
        self.choices.is_empty() && self.own_words.trim().is_empty()
    }
}

/// What someone coming along has agreed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CompanionRole {
    Listen,
    TakeNotes,
    /// Speak for the person about something named in `Companion::speak_about`.
    SpeakForMe,
    /// Comes along but waits outside.
    NotComeIn,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Companion {
    pub name: String,
    pub relationship: String,
    pub roles: Vec<CompanionRole>,
    pub speak_about: String,
}

/// A language the person needs an interpreter for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "type", content = "language")]
pub enum Interpreter {
    Spoken(String),
    BritishSignLanguage,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AccessNeed {
    LargePrint,
    HearingLoop,
    StepFreeAccess,
    ExtraTime,
}

/// Interpreter and access needs: the hospital or practice should arrange these.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Access {
    pub interpreter: Option<Interpreter>,
    pub needs: Vec<AccessNeed>,
    pub other: String,
}

impl Access {
    pub fn is_empty(&self) -> bool {
        self.interpreter.is_none() && self.needs.is_empty() && self.other.trim().is_empty()
    }
}

/// One question the person wants to ask.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub id: Uuid,
    pub text: String,
    /// The question bank entry it came from, if any.
    #[serde(default)]
    pub bank_id: Option<String>,
    #[serde(default)]
    pub important: bool,
}

/// A consultation as the person prepared it. Stored sealed as one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consultation {
    /// Wall-clock time in London, as on the appointment letter.
    pub starts_at: DateTime,
    pub place: Place,
    #[serde(default)]
    pub place_name: String,
    #[serde(default)]
    pub with_name: String,
    pub with_role: ProfessionalRole,
    pub kind: AppointmentKind,
    #[serde(default)]
    pub goal: Goal,
    #[serde(default)]
    pub questions: Questions,
    #[serde(default)]
    pub companion: Option<Companion>,
    #[serde(default)]
    pub access: Access,
    /// Notes from talking it through with someone beforehand.
    #[serde(default)]
    pub rehearsal_notes: String,
    /// What the person wants to say first.
    #[serde(default)]
    pub say_first: String,
    /// Answers to the optional check of assumptions, by prompt.
    #[serde(default)]
    pub assumptions: Vec<AssumptionAnswer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssumptionAnswer {
    pub prompt: AssumptionPrompt,
    pub answer: String,
}

/// The prompts of the short check of assumptions and expectations before a difficult
/// conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AssumptionPrompt {
    WhatIKnow,
    WhatIAmAssuming,
    OtherExplanations,
    HowIExpectItToGo,
    GoodOutcome,
}

impl AssumptionPrompt {
    pub const ALL: [AssumptionPrompt; 5] = [
        AssumptionPrompt::WhatIKnow,
        AssumptionPrompt::WhatIAmAssuming,
        AssumptionPrompt::OtherExplanations,
        AssumptionPrompt::HowIExpectItToGo,
        AssumptionPrompt::GoodOutcome,
    ];
}

impl Consultation {
    /// When it starts, in London. A time that falls in the spring-forward gap cannot be stored
    /// (parsing refuses it); an autumn time that happens twice means the first (summer time).
    pub fn starts(&self) -> ZonedDateTime {
        to_london(self.starts_at)
    }

    pub fn is_past(&self, now: Timestamp) -> bool {
        self.starts().timestamp() < now
    }

    /// How many questions there is usually time for, to set expectations.
    pub fn question_time_hint(&self) -> QuestionTimeHint {
        QuestionTimeHint::for_appointment(self.place, self.with_role, self.kind)
    }
}

fn to_london(at: DateTime) -> ZonedDateTime {
    let tz: TimeZone = london();
    tz.to_ambiguous_zoned_datetime(at)
        .disambiguate(Disambiguation::Earlier)
        .unwrap_or_else(|_| at.to_zoned_datetime(TimeZone::UTC).unwrap_or_default())
}

/// A hint about how many questions an appointment of this kind usually leaves time for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionTimeHint {
    /// A GP appointment: about ten minutes, time for about three questions.
    Short,
    /// Results and follow-up: a few questions; put the most important first.
    Medium,
    /// First and planning appointments are often longer: more questions, still most important
    /// first.
    Long,
}

impl QuestionTimeHint {
    pub fn for_appointment(place: Place, role: ProfessionalRole, kind: AppointmentKind) -> Self {
        if place == Place::GpPractice || role == ProfessionalRole::Gp {
            return Self::Short;
        }
        match kind {
            AppointmentKind::FirstAppointment | AppointmentKind::TreatmentPlanning => Self::Long,
            _ => Self::Medium,
        }
    }

    /// About how many questions fit.
    pub fn about(self) -> i64 {
        match self {
            Self::Short => 3,
            Self::Medium => 5,
            Self::Long => 8,
        }
    }
}

impl Choice for Place {
    const ALL: &'static [Self] = &[
        Place::HospitalOrClinic,
        Place::GpPractice,
        Place::Phone,
        Place::Video,
        Place::Other,
    ];
    fn id(self) -> &'static str {
        match self {
            Place::HospitalOrClinic => "hospital-or-clinic",
            Place::GpPractice => "gp-practice",
            Place::Phone => "phone",
            Place::Video => "video",
            Place::Other => "other",
        }
    }
}

impl Choice for ProfessionalRole {
    const ALL: &'static [Self] = &[
        ProfessionalRole::Oncologist,
        ProfessionalRole::Surgeon,
        ProfessionalRole::ClinicalNurseSpecialist,
        ProfessionalRole::Gp,
        ProfessionalRole::Radiographer,
        ProfessionalRole::Other,
    ];
    fn id(self) -> &'static str {
        match self {
            ProfessionalRole::Oncologist => "oncologist",
            ProfessionalRole::Surgeon => "surgeon",
            ProfessionalRole::ClinicalNurseSpecialist => "clinical-nurse-specialist",
            ProfessionalRole::Gp => "gp",
            ProfessionalRole::Radiographer => "radiographer",
            ProfessionalRole::Other => "other",
        }
    }
}

impl Choice for AppointmentKind {
    const ALL: &'static [Self] = &[
        AppointmentKind::FirstAppointment,
        AppointmentKind::TestResults,
        AppointmentKind::TreatmentPlanning,
        AppointmentKind::DuringTreatment,
        AppointmentKind::FollowUp,
        AppointmentKind::Other,
    ];
    fn id(self) -> &'static str {
        match self {
            AppointmentKind::FirstAppointment => "first-appointment",
            AppointmentKind::TestResults => "test-results",
            AppointmentKind::TreatmentPlanning => "treatment-planning",
            AppointmentKind::DuringTreatment => "during-treatment",
            AppointmentKind::FollowUp => "follow-up",
            AppointmentKind::Other => "other",
        }
    }
}

impl Choice for GoalChoice {
    const ALL: &'static [Self] = &[
        GoalChoice::UnderstandResults,
        GoalChoice::UnderstandOptions,
        GoalChoice::MakeADecision,
        GoalChoice::KnowWhatHappensNext,
        GoalChoice::SideEffectsHelp,
        GoalChoice::RaiseAWorry,
        GoalChoice::GetSupport,
    ];
    fn id(self) -> &'static str {
        match self {
            GoalChoice::UnderstandResults => "understand-results",
            GoalChoice::UnderstandOptions => "understand-options",
            GoalChoice::MakeADecision => "make-a-decision",
            GoalChoice::KnowWhatHappensNext => "know-what-happens-next",
            GoalChoice::SideEffectsHelp => "side-effects-help",
            GoalChoice::RaiseAWorry => "raise-a-worry",
            GoalChoice::GetSupport => "get-support",
        }
    }
}

impl Choice for CompanionRole {
    const ALL: &'static [Self] = &[
        CompanionRole::Listen,
        CompanionRole::TakeNotes,
        CompanionRole::SpeakForMe,
        CompanionRole::NotComeIn,
    ];
    fn id(self) -> &'static str {
        match self {
            CompanionRole::Listen => "listen",
            CompanionRole::TakeNotes => "take-notes",
            CompanionRole::SpeakForMe => "speak-for-me",
            CompanionRole::NotComeIn => "not-come-in",
        }
    }
}

impl Choice for AccessNeed {
    const ALL: &'static [Self] = &[
        AccessNeed::LargePrint,
        AccessNeed::HearingLoop,
        AccessNeed::StepFreeAccess,
        AccessNeed::ExtraTime,
    ];
    fn id(self) -> &'static str {
        match self {
            AccessNeed::LargePrint => "large-print",
            AccessNeed::HearingLoop => "hearing-loop",
            AccessNeed::StepFreeAccess => "step-free-access",
            AccessNeed::ExtraTime => "extra-time",
        }
    }
}

impl Choice for AssumptionPrompt {
    const ALL: &'static [Self] = &AssumptionPrompt::ALL;
    fn id(self) -> &'static str {
        match self {
            AssumptionPrompt::WhatIKnow => "what-i-know",
            AssumptionPrompt::WhatIAmAssuming => "what-i-am-assuming",
            AssumptionPrompt::OtherExplanations => "other-explanations",
            AssumptionPrompt::HowIExpectItToGo => "how-i-expect-it-to-go",
            AssumptionPrompt::GoodOutcome => "good-outcome",
        }
    }
}

/// Why a companion's details were refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CompanionProblem {
    #[error("companion-name-missing")]
    NameMissing,
    #[error("companion-role-missing")]
    RoleMissing,
    #[error("companion-speak-about-missing")]
    SpeakAboutMissing,
    #[error("companion-not-come-in-alone")]
    NotComeInWithOthers,
}

impl Companion {
    /// Checks what was agreed makes sense: a name, at least one role, a topic when they will
    /// speak for the person, and "not come in" on its own.
    pub fn check(&self) -> Result<(), CompanionProblem> {
        if self.name.trim().is_empty() {
            return Err(CompanionProblem::NameMissing);
        }
        if self.roles.is_empty() {
            return Err(CompanionProblem::RoleMissing);
        }
        if self.roles.contains(&CompanionRole::NotComeIn) && self.roles.len() > 1 {
            return Err(CompanionProblem::NotComeInWithOthers);
        }
        if self.roles.contains(&CompanionRole::SpeakForMe) && self.speak_about.trim().is_empty() {
            return Err(CompanionProblem::SpeakAboutMissing);
        }
        Ok(())
    }
}

/// Why a question list change was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum QuestionProblem {
    #[error("question-missing")]
    Missing,
    #[error("question-too-long")]
    TooLong,
    #[error("question-too-many")]
    TooMany,
    #[error("question-three-important")]
    ThreeImportantAlready,
    #[error("question-already-added")]
    AlreadyAdded,
    #[error("question-not-found")]
    NotFound,
}

/// Every question-list problem, so a test can check each has a message.
pub const QUESTION_PROBLEMS: &[QuestionProblem] = &[
    QuestionProblem::Missing,
    QuestionProblem::TooLong,
    QuestionProblem::TooMany,
    QuestionProblem::ThreeImportantAlready,
    QuestionProblem::AlreadyAdded,
    QuestionProblem::NotFound,
];

/// The questions, always in the order they will be asked: the (at most three) most important
/// first, then the rest, each group in the person's own order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Vec<Question>", into = "Vec<Question>")]
pub struct Questions(Vec<Question>);

impl From<Vec<Question>> for Questions {
    fn from(list: Vec<Question>) -> Self {
        let mut q = Self(list);
        q.normalise();
        q
    }
}

impl From<Questions> for Vec<Question> {
    fn from(q: Questions) -> Self {
        q.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

impl Questions {
    pub const MAX_IMPORTANT: usize = 3;
    pub const MAX_QUESTIONS: usize = 60;
    pub const MAX_CHARS: usize = 500;

    pub fn iter(&self) -> std::slice::Iter<'_, Question> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, id: Uuid) -> Option<&Question> {
        self.0.iter().find(|q| q.id == id)
    }

    pub fn important_count(&self) -> usize {
        self.0.iter().filter(|q| q.important).count()
    }

    /// Checks a question's text: trimmed, not empty, not too long.
    pub fn clean_text(raw: &str) -> Result<String, QuestionProblem> {
        let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return Err(QuestionProblem::Missing);
        }
        if text.chars().count() > Self::MAX_CHARS {
            return Err(QuestionProblem::TooLong);
        }
        Ok(text)
    }

    /// Adds a question at the end of the ordinary ones.
    pub fn add(
        &mut self,
        id: Uuid,
        raw: &str,
        bank_id: Option<String>,
    ) -> Result<(), QuestionProblem> {
        let text = Self::clean_text(raw)?;
        if self.0.len() >= Self::MAX_QUESTIONS {
            return Err(QuestionProblem::TooMany);
        }
        if self.0.iter().any(|q| q.id == id) {
            // The same submission twice: already there.
            return Ok(());
        }
        if bank_id.is_some() && self.0.iter().any(|q| q.bank_id == bank_id) {
            return Err(QuestionProblem::AlreadyAdded);
        }
        self.0.push(Question {
            id,
            text,
            bank_id,
            important: false,
        });
        Ok(())
    }

    pub fn edit(&mut self, id: Uuid, raw: &str) -> Result<(), QuestionProblem> {
        let text = Self::clean_text(raw)?;
        let q = self
            .0
            .iter_mut()
            .find(|q| q.id == id)
            .ok_or(QuestionProblem::NotFound)?;
        if q.text != text {
            q.text = text;
            // Edited in the person's own words: no longer the bank's question.
            q.bank_id = None;
        }
        Ok(())
    }

    pub fn remove(&mut self, id: Uuid) -> Result<(), QuestionProblem> {
        let before = self.0.len();
        self.0.retain(|q| q.id != id);
        if self.0.len() == before {
            Err(QuestionProblem::NotFound)
        } else {
            Ok(())
        }
    }

    /// Marks or unmarks a question as one of the most important. A newly marked question joins
    /// the end of the important group; an unmarked one heads the rest.
    pub fn set_important(&mut self, id: Uuid, important: bool) -> Result<(), QuestionProblem> {
        let index = self
            .0
            .iter()
            .position(|q| q.id == id)
            .ok_or(QuestionProblem::NotFound)?;
        if self.0[index].important == important {
            return Ok(());
        }
        if important && self.important_count() >= Self::MAX_IMPORTANT {
            return Err(QuestionProblem::ThreeImportantAlready);
        }
        let mut q = self.0.remove(index);
        q.important = important;
        let boundary = self.important_count();
        self.0.insert(boundary, q);
        Ok(())
    }

    /// Moves a question one place within its group. At the top or bottom of its group it stays
    /// where it is: the important questions always come first.
    pub fn move_question(&mut self, id: Uuid, direction: Direction) -> Result<(), QuestionProblem> {
        let i = self
            .0
            .iter()
            .position(|q| q.id == id)
            .ok_or(QuestionProblem::NotFound)?;
        let j = match direction {
            Direction::Up if i > 0 => i - 1,
            Direction::Down if i + 1 < self.0.len() => i + 1,
            _ => return Ok(()),
        };
        if self.0[i].important == self.0[j].important {
            self.0.swap(i, j);
        }
        Ok(())
    }

    /// Whether a move in this direction would change anything (for showing the buttons).
    pub fn can_move(&self, id: Uuid, direction: Direction) -> bool {
        let Some(i) = self.0.iter().position(|q| q.id == id) else {
            return false;
        };
        let j = match direction {
            Direction::Up if i > 0 => i - 1,
            Direction::Down if i + 1 < self.0.len() => i + 1,
            _ => return false,
        };
        self.0[i].important == self.0[j].important
    }

    /// Keeps the invariant: important first, each group in its own order, at most three
    /// important (extras lose the mark, keeping the first three).
    fn normalise(&mut self) {
        let mut seen = 0;
        for q in &mut self.0 {
            if q.important {
                seen += 1;
                if seen > Self::MAX_IMPORTANT {
                    q.important = false;
                }
            }
        }
        let (mut first, rest): (Vec<_>, Vec<_>) = self.0.drain(..).partition(|q| q.important);
        first.extend(rest);
        self.0 = first;
    }
}

/// The question the bank holds for a third visit about the same problem (Jess's Rule).
pub const THIRD_VISIT_QUESTION: &str = "dt-third-visit-rethink";

/// Jess's Rule (GP practices in England, since September 2025): after three visits about the
/// same problem without a clear answer, the practice should "reflect, review and rethink".
/// True when `this` is with a GP and at least two earlier GP appointments in the year before it
/// were about the same thing: a goal in common, the same words for it, or (`same_concern`) one
/// of the person's concerns names both.
pub fn third_visit_about_the_same(this: &Consultation, earlier: &[(&Consultation, bool)]) -> bool {
    if this.with_role != ProfessionalRole::Gp {
        return false;
    }
    let starts = this.starts_at.date();
    let year_before = starts.checked_sub(jiff::ToSpan::years(1)).unwrap_or(starts);
    let own = this.goal.own_words.trim().to_lowercase();
    let same = earlier
        .iter()
        .filter(|(c, same_concern)| {
            let on = c.starts_at.date();
            c.with_role == ProfessionalRole::Gp
                && on < starts
                && on >= year_before
                && (*same_concern
                    || c.goal.choices.iter().any(|g| this.goal.choices.contains(g))
                    || (!own.is_empty() && c.goal.own_words.trim().to_lowercase() == own))
        })
        .count();
    same >= 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{Date, Time};

    use crate::when::{WhenProblem, london_date_time};

    fn q(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn list(n: u128) -> Questions {
        let mut qs = Questions::default();
        for i in 1..=n {
            qs.add(q(i), &format!("Question {i}"), None).unwrap();
        }
        qs
    }

    fn order(qs: &Questions) -> Vec<u128> {
        qs.iter().map(|x| x.id.as_u128()).collect()
    }

    #[test]
    fn important_questions_always_come_first_in_the_order_marked() {
        let mut qs = list(5);
        qs.set_important(q(4), true).unwrap();
        qs.set_important(q(2), true).unwrap();
        assert_eq!(order(&qs), [4, 2, 1, 3, 5]);
        qs.set_important(q(5), true).unwrap();
        assert_eq!(order(&qs), [4, 2, 5, 1, 3]);
        assert_eq!(
            qs.set_important(q(1), true),
            Err(QuestionProblem::ThreeImportantAlready)
        );
        // Unmarking puts it at the head of the rest.
        qs.set_important(q(2), false).unwrap();
        assert_eq!(order(&qs), [4, 5, 2, 1, 3]);
        assert_eq!(qs.important_count(), 2);
    }

    #[test]
    fn moving_stays_inside_each_group_and_stops_at_the_ends() {
        let mut qs = list(4);
        qs.set_important(q(3), true).unwrap(); // [3*, 1, 2, 4]
        qs.move_question(q(3), Direction::Up).unwrap();
        assert_eq!(order(&qs), [3, 1, 2, 4], "the first cannot go higher");
        qs.move_question(q(3), Direction::Down).unwrap();
        assert_eq!(
            order(&qs),
            [3, 1, 2, 4],
            "an important question cannot drop below the rest"
        );
        qs.move_question(q(1), Direction::Up).unwrap();
        assert_eq!(
            order(&qs),
            [3, 1, 2, 4],
            "an ordinary question cannot climb above the important"
        );
        qs.move_question(q(4), Direction::Down).unwrap();
        assert_eq!(order(&qs), [3, 1, 2, 4], "the last cannot go lower");
        qs.move_question(q(4), Direction::Up).unwrap();
        assert_eq!(order(&qs), [3, 1, 4, 2]);
        qs.move_question(q(1), Direction::Down).unwrap();
        assert_eq!(order(&qs), [3, 4, 1, 2]);
        assert!(!qs.can_move(q(3), Direction::Up) && !qs.can_move(q(2), Direction::Down));
        assert!(qs.can_move(q(4), Direction::Down));
    }

    #[test]
    fn stored_lists_are_put_right_when_read() {
        // Whatever is stored, reading it back keeps the rules.
        let stored = vec![
            Question {
                id: q(1),
                text: "a".into(),
                bank_id: None,
                important: false,
            },
            Question {
                id: q(2),
                text: "b".into(),
                bank_id: None,
                important: true,
            },
            Question {
                id: q(3),
                text: "c".into(),
                bank_id: None,
                important: true,
            },
            Question {
                id: q(4),
                text: "d".into(),
                bank_id: None,
                important: true,
            },
            Question {
                id: q(5),
                text: "e".into(),
                bank_id: None,
                important: true,
            },
        ];
        let qs = Questions::from(stored);
        assert_eq!(order(&qs), [2, 3, 4, 1, 5]);
        assert_eq!(qs.important_count(), 3);
    }

    #[test]
    fn adding_checks_text_duplicates_and_limits() {
        let mut qs = Questions::default();
        assert_eq!(qs.add(q(1), "   ", None), Err(QuestionProblem::Missing));
        assert_eq!(
            qs.add(q(1), &"x".repeat(501), None),
            Err(QuestionProblem::TooLong)
        );
        qs.add(q(1), "  What   stage is it? ", Some("dt-stage".into()))
            .unwrap();
        assert_eq!(qs.get(q(1)).unwrap().text, "What stage is it?");
        qs.add(q(1), "What stage is it?", Some("dt-stage".into()))
            .unwrap();
        assert_eq!(qs.len(), 1, "the same submission twice adds once");
        assert_eq!(
            qs.add(q(2), "What stage?", Some("dt-stage".into())),
            Err(QuestionProblem::AlreadyAdded)
        );
        qs.edit(q(1), "What stage is it, in plain words?").unwrap();
        assert_eq!(qs.get(q(1)).unwrap().bank_id, None);
        let mut full = list(60);
        assert_eq!(
            full.add(q(99), "one more", None),
            Err(QuestionProblem::TooMany)
        );
        assert_eq!(full.remove(q(1000)), Err(QuestionProblem::NotFound));
        full.remove(q(1)).unwrap();
        assert_eq!(full.len(), 59);
    }

    #[test]
    fn a_time_the_clocks_skip_is_refused_and_a_repeated_one_means_summer_time() {
        let spring = Date::new(2026, 3, 29).unwrap();
        assert_eq!(
            london_date_time(spring, Time::new(1, 30, 0, 0).unwrap()),
            Err(WhenProblem::TimeSkipped)
        );
        assert!(london_date_time(spring, Time::new(2, 30, 0, 0).unwrap()).is_ok());
        let autumn = Date::new(2026, 10, 25).unwrap();
        let at = london_date_time(autumn, Time::new(1, 30, 0, 0).unwrap()).unwrap();
        let c = sample(at);
        assert_eq!(c.starts().timestamp().to_string(), "2026-10-25T00:30:00Z");
    }

    #[test]
    fn question_time_hints_follow_the_appointment() {
        use AppointmentKind::*;
        let hint = QuestionTimeHint::for_appointment;
        assert_eq!(
            hint(Place::GpPractice, ProfessionalRole::Gp, FollowUp),
            QuestionTimeHint::Short
        );
        assert_eq!(
            hint(Place::Phone, ProfessionalRole::Gp, TestResults),
            QuestionTimeHint::Short
        );
        assert_eq!(
            hint(
                Place::HospitalOrClinic,
                ProfessionalRole::Oncologist,
                TreatmentPlanning
            ),
            QuestionTimeHint::Long
        );
        assert_eq!(
            hint(
                Place::HospitalOrClinic,
                ProfessionalRole::Oncologist,
                TestResults
            ),
            QuestionTimeHint::Medium
        );
        assert_eq!(QuestionTimeHint::Short.about(), 3);
    }

    #[test]
    fn choice_ids_round_trip_and_are_unique() {
        fn check<C: Choice + std::fmt::Debug>() {
            let mut seen = std::collections::HashSet::new();
            for c in C::ALL {
                assert!(seen.insert(c.id()), "{c:?}");
                assert_eq!(C::from_id(c.id()), Some(*c));
            }
            assert_eq!(C::from_id("nonsense"), None);
        }
        check::<Place>();
        check::<ProfessionalRole>();
        check::<AppointmentKind>();
        check::<GoalChoice>();
        check::<CompanionRole>();
        check::<AccessNeed>();
        check::<AssumptionPrompt>();
    }

    #[test]
    fn companions_must_make_sense() {
        let mut c = Companion {
            name: "Ade".into(),
            relationship: "brother".into(),
            roles: vec![],
            speak_about: String::new(),
        };
        assert_eq!(c.check(), Err(CompanionProblem::RoleMissing));
        c.roles = vec![CompanionRole::SpeakForMe];
        assert_eq!(c.check(), Err(CompanionProblem::SpeakAboutMissing));
        c.speak_about = "my pain medicine".into();
        assert_eq!(c.check(), Ok(()));
        c.roles.push(CompanionRole::NotComeIn);
        assert_eq!(c.check(), Err(CompanionProblem::NotComeInWithOthers));
        c.name = " ".into();
        assert_eq!(c.check(), Err(CompanionProblem::NameMissing));
    }

    #[test]
    fn the_third_gp_visit_about_the_same_thing_suggests_jess_s_rule() {
        let gp = |y: i16, m: i8, d: i8, goal: GoalChoice| {
            let mut c = sample(jiff::civil::date(y, m, d).at(10, 0, 0, 0));
            c.with_role = ProfessionalRole::Gp;
            c.goal.choices = vec![goal];
            c
        };
        let first = gp(2026, 3, 2, GoalChoice::RaiseAWorry);
        let second = gp(2026, 5, 11, GoalChoice::RaiseAWorry);
        let third = gp(2026, 9, 7, GoalChoice::RaiseAWorry);
        assert!(third_visit_about_the_same(
            &third,
            &[(&first, false), (&second, false)]
        ));
        // Only two visits so far, or another matter, or not a GP, or over a year ago: no.
        assert!(!third_visit_about_the_same(&second, &[(&first, false)]));
        let other_matter = gp(2026, 5, 11, GoalChoice::SideEffectsHelp);
        assert!(!third_visit_about_the_same(
            &third,
            &[(&first, false), (&other_matter, false)]
        ));
        let mut clinic = third.clone();
        clinic.with_role = ProfessionalRole::Oncologist;
        assert!(!third_visit_about_the_same(
            &clinic,
            &[(&first, false), (&second, false)]
        ));
        let long_ago = gp(2025, 8, 1, GoalChoice::RaiseAWorry);
        assert!(!third_visit_about_the_same(
            &third,
            &[(&long_ago, false), (&second, false)]
        ));
        // Later visits do not count towards an earlier one.
        assert!(!third_visit_about_the_same(
            &first,
            &[(&second, false), (&third, false)]
        ));
        // The same concern counts as the same thing, whatever the goal.
        assert!(third_visit_about_the_same(
            &third,
            &[(&first, false), (&other_matter, true)]
        ));
        // So do the same words.
        let mut worded = [first.clone(), other_matter.clone(), third.clone()];
        for c in &mut worded {
            c.goal.choices.clear();
            c.goal.own_words = "Ask about my cough".into();
        }
        assert!(third_visit_about_the_same(
            &worded[2],
            &[(&worded[0], false), (&worded[1], false)]
        ));
    }

    pub(crate) fn sample(starts_at: DateTime) -> Consultation {
        Consultation {
            starts_at,
            place: Place::HospitalOrClinic,
            place_name: String::new(),
            with_name: String::new(),
            with_role: ProfessionalRole::Oncologist,
            kind: AppointmentKind::TestResults,
            goal: Goal::default(),
            questions: Questions::default(),
            companion: None,
            access: Access::default(),
            rehearsal_notes: String::new(),
            say_first: String::new(),
            assumptions: Vec::new(),
        }
    }
}
