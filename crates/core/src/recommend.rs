//! After a consultation: what to do next, and why, from what was recorded. A pure function of
//! its inputs, ranked with the most pressing first.

use std::collections::BTreeSet;

use crate::reflection::{Answer, Reflection};
use crate::room::TimeRequest;

/// What was recorded about one consultation, as the rules need it.
#[derive(Debug, Clone, Default)]
pub struct Recorded {
    /// The appointment has happened.
    pub past: bool,
    pub questions: usize,
    /// Questions marked "not answered".
    pub unanswered: usize,
    /// Questions flagged "I did not understand".
    pub not_understood: usize,
    pub asked_for: BTreeSet<TimeRequest>,
    /// Next steps whose date has passed.
    pub overdue_steps: usize,
    /// Something was decided, or next steps were agreed.
    pub decided: bool,
    pub reflection: Option<Reflection>,
}

/// What Heard suggests doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Action {
    /// Say thank you: positive feedback.
    GivePositiveFeedback,
    /// Note down what made it work, to do it again.
    WriteDownWhatWorked,
    /// Finish the reflection.
    Reflect,
    /// A follow-up summary: my understanding of what was decided and who does what next.
    WriteFollowUpSummary,
    /// Send the remaining questions by email or letter.
    EmailRemainingQuestions,
    /// Ask for a follow-up appointment or call.
    AskForFollowUp,
    /// Write to the professional or team about a concern.
    WriteLetterOfConcern,
    /// Contact PALS (or the equivalent) for help to resolve it informally.
    ContactPals,
}

/// Why, in words the page can say ("2 of your questions were not answered").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    WentWell,
    ReflectionNotDone,
    QuestionsNotAnswered(usize),
    QuestionsNotUnderstood(usize),
    DidNotUnderstand,
    AskedForFollowUp,
    AskedToEmailQuestions,
    StepsOverdue(usize),
    SomethingWasDecided,
    NotListenedTo,
    WorriesNotTakenSeriously,
    CommunicationPoor,
    DidNotGetWhatICameFor,
    TreatedUnfairly,
    SeveralThingsWentWrong,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recommendation {
    pub action: Action,
    pub reason: Reason,
}

/// The engine every set of rules shares (after a consultation, for a concern): rules add
/// suggestions with a priority; the result is most pressing first, each action once, with the
/// reason of its most pressing rule. Ties keep the order the rules were written in.
pub struct Ranker<A, R> {
    found: Vec<(u8, A, R)>,
}

impl<A: Ord + Clone, R> Default for Ranker<A, R> {
    fn default() -> Self {
        Ranker { found: Vec::new() }
    }
}

impl<A: Ord + Clone, R> Ranker<A, R> {
    pub fn add(&mut self, priority: u8, action: A, reason: R) {
        self.found.push((priority, action, reason));
    }

    pub fn ranked(mut self) -> Vec<(A, R)> {
        self.found
            .sort_by_key(|(priority, _, _)| std::cmp::Reverse(*priority));
        let mut seen = BTreeSet::new();
        self.found
            .into_iter()
            .filter(|(_, action, _)| seen.insert(action.clone()))
            .map(|(_, action, reason)| (action, reason))
            .collect()
    }
}

/// The recommendations, most pressing first, each action once.
pub fn recommend(r: &Recorded) -> Vec<Recommendation> {
    let mut ranker = Ranker::default();
    let mut add =
        |priority: u8, action: Action, reason: Reason| ranker.add(priority, action, reason);
    let reflection = r.reflection.as_ref();
    let answer = |pick: fn(&Reflection) -> Option<Answer>| reflection.and_then(pick);
    let no = |pick: fn(&Reflection) -> Option<Answer>| answer(pick) == Some(Answer::No);
    let short_of_yes = |pick: fn(&Reflection) -> Option<Answer>| {
        matches!(answer(pick), Some(Answer::No | Answer::Partly))
    };

    // Being treated unfairly, or not heard, is the most pressing.
    if reflection.is_some_and(Reflection::felt_unfairly_treated) {
        add(100, Action::WriteLetterOfConcern, Reason::TreatedUnfairly);
        add(95, Action::ContactPals, Reason::TreatedUnfairly);
    }
    let serious = [
        (no(|x| x.listened), Reason::NotListenedTo),
        (
            no(|x| x.worries_taken_seriously),
            Reason::WorriesNotTakenSeriously,
        ),
        (no(|x| x.communicated_well), Reason::CommunicationPoor),
    ];
    let serious_count = serious.iter().filter(|(hit, _)| *hit).count();
    if let Some((_, reason)) = serious.iter().find(|(hit, _)| *hit) {
        add(90, Action::WriteLetterOfConcern, *reason);
    }
    if serious_count >= 2 {
        add(85, Action::ContactPals, Reason::SeveralThingsWentWrong);
    }

    // What is still open from the appointment itself.
    if r.unanswered > 0 {
        add(
            80,
            Action::EmailRemainingQuestions,
            Reason::QuestionsNotAnswered(r.unanswered),
        );
    } else if r.asked_for.contains(&TimeRequest::EmailRemainingQuestions) {
        add(
            78,
            Action::EmailRemainingQuestions,
            Reason::AskedToEmailQuestions,
        );
    } else if no(|x| x.questions_answered) {
        add(
            76,
            Action::EmailRemainingQuestions,
            Reason::DidNotGetWhatICameFor,
        );
    }
    if r.asked_for.contains(&TimeRequest::FollowUpAppointment)
        || r.asked_for.contains(&TimeRequest::FollowUpCall)
    {
        add(75, Action::AskForFollowUp, Reason::AskedForFollowUp);
    } else if r.not_understood > 0 {
        add(
            74,
            Action::AskForFollowUp,
            Reason::QuestionsNotUnderstood(r.not_understood),
        );
    } else if short_of_yes(|x| x.understood) {
        add(73, Action::AskForFollowUp, Reason::DidNotUnderstand);
    } else if no(|x| x.got_what_i_came_for) {
        add(72, Action::AskForFollowUp, Reason::DidNotGetWhatICameFor);
    }
    if r.overdue_steps > 0 {
        add(
            70,
            Action::WriteFollowUpSummary,
            Reason::StepsOverdue(r.overdue_steps),
        );
    } else if r.decided {
        add(
            60,
            Action::WriteFollowUpSummary,
            Reason::SomethingWasDecided,
        );
    } else if short_of_yes(|x| x.understood) {
        add(58, Action::WriteFollowUpSummary, Reason::DidNotUnderstand);
    }

    // When it went well, say so first, and note what made it work.
    let all_well = reflection.is_some_and(Reflection::went_well)
        && r.unanswered == 0
        && r.not_understood == 0
        && r.overdue_steps == 0;
    if all_well {
        add(110, Action::GivePositiveFeedback, Reason::WentWell);
        add(105, Action::WriteDownWhatWorked, Reason::WentWell);
    }
    if r.past && !reflection.is_some_and(|x| x.finished) {
        add(50, Action::Reflect, Reason::ReflectionNotDone);
    }

    ranker
        .ranked()
        .into_iter()
        .map(|(action, reason)| Recommendation { action, reason })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reflection::{ReflectionStep, UnfairAnswer};
    use proptest::prelude::*;
    use uuid::Uuid;

    fn reflection(answers: [Option<Answer>; 6], unfair: Option<UnfairAnswer>) -> Reflection {
        let mut r = Reflection::new(Uuid::nil());
        for (step, a) in ReflectionStep::ALL.iter().zip(answers) {
            r.set_answer(*step, a);
        }
        r.unfair = unfair;
        r.finished = true;
        r
    }

    fn actions(recs: &[Recommendation]) -> Vec<Action> {
        recs.iter().map(|r| r.action).collect()
    }

    #[test]
    fn when_everything_went_well_the_first_suggestion_is_to_say_so() {
        let r = Recorded {
            past: true,
            questions: 4,
            reflection: Some(reflection([Some(Answer::Yes); 6], Some(UnfairAnswer::No))),
            ..Recorded::default()
        };
        let recs = recommend(&r);
        assert_eq!(
            actions(&recs)[..2],
            [Action::GivePositiveFeedback, Action::WriteDownWhatWorked]
        );
        assert!(recs.iter().all(|x| x.reason == Reason::WentWell));
    }

    #[test]
    fn unanswered_questions_suggest_sending_them_with_the_count() {
        let r = Recorded {
            past: true,
            questions: 5,
            unanswered: 2,
            ..Recorded::default()
        };
        let recs = recommend(&r);
        assert!(recs.contains(&Recommendation {
            action: Action::EmailRemainingQuestions,
            reason: Reason::QuestionsNotAnswered(2)
        }));
        assert!(recs.contains(&Recommendation {
            action: Action::Reflect,
            reason: Reason::ReflectionNotDone
        }));
    }

    #[test]
    fn each_bad_answer_maps_to_its_action() {
        let cases: [(usize, Action, Reason); 6] = [
            (0, Action::AskForFollowUp, Reason::DidNotUnderstand),
            (1, Action::WriteLetterOfConcern, Reason::NotListenedTo),
            (
                2,
                Action::EmailRemainingQuestions,
                Reason::DidNotGetWhatICameFor,
            ),
            (
                3,
                Action::WriteLetterOfConcern,
                Reason::WorriesNotTakenSeriously,
            ),
            (4, Action::WriteLetterOfConcern, Reason::CommunicationPoor),
            (5, Action::AskForFollowUp, Reason::DidNotGetWhatICameFor),
        ];
        for (index, action, reason) in cases {
            let mut answers = [Some(Answer::Yes); 6];
            answers[index] = Some(Answer::No);
            let r = Recorded {
                past: true,
                reflection: Some(reflection(answers, Some(UnfairAnswer::No))),
                ..Recorded::default()
            };
            let recs = recommend(&r);
            assert!(
                recs.contains(&Recommendation { action, reason }),
                "answer {index}: {recs:?}"
            );
            assert!(
                !recs
                    .iter()
                    .any(|x| x.action == Action::GivePositiveFeedback),
                "answer {index}"
            );
        }
    }

    #[test]
    fn partly_understood_suggests_following_up_in_writing() {
        let mut answers = [Some(Answer::Yes); 6];
        answers[0] = Some(Answer::Partly);
        let r = Recorded {
            past: true,
            reflection: Some(reflection(answers, None)),
            ..Recorded::default()
        };
        let acts = actions(&recommend(&r));
        assert!(
            acts.contains(&Action::AskForFollowUp) && acts.contains(&Action::WriteFollowUpSummary)
        );
        assert!(!acts.contains(&Action::WriteLetterOfConcern));
    }

    #[test]
    fn unfair_treatment_comes_first_with_pals_next() {
        let r = Recorded {
            past: true,
            unanswered: 1,
            reflection: Some(reflection([Some(Answer::Yes); 6], Some(UnfairAnswer::Yes))),
            ..Recorded::default()
        };
        let recs = recommend(&r);
        assert_eq!(
            recs[0],
            Recommendation {
                action: Action::WriteLetterOfConcern,
                reason: Reason::TreatedUnfairly
            }
        );
        assert_eq!(
            recs[1],
            Recommendation {
                action: Action::ContactPals,
                reason: Reason::TreatedUnfairly
            }
        );
    }

    #[test]
    fn several_serious_problems_add_pals() {
        let answers = [
            Some(Answer::Yes),
            Some(Answer::No),
            Some(Answer::Yes),
            Some(Answer::No),
            Some(Answer::Yes),
            Some(Answer::Yes),
        ];
        let r = Recorded {
            past: true,
            reflection: Some(reflection(answers, None)),
            ..Recorded::default()
        };
        let recs = recommend(&r);
        assert!(recs.contains(&Recommendation {
            action: Action::ContactPals,
            reason: Reason::SeveralThingsWentWrong
        }));
    }

    #[test]
    fn requests_made_in_the_room_are_followed_through() {
        let r = Recorded {
            past: true,
            asked_for: [
                TimeRequest::FollowUpCall,
                TimeRequest::EmailRemainingQuestions,
            ]
            .into(),
            overdue_steps: 1,
            ..Recorded::default()
        };
        let recs = recommend(&r);
        assert!(recs.contains(&Recommendation {
            action: Action::AskForFollowUp,
            reason: Reason::AskedForFollowUp
        }));
        assert!(recs.contains(&Recommendation {
            action: Action::EmailRemainingQuestions,
            reason: Reason::AskedToEmailQuestions
        }));
        assert!(recs.contains(&Recommendation {
            action: Action::WriteFollowUpSummary,
            reason: Reason::StepsOverdue(1)
        }));
    }

    #[test]
    fn nothing_recorded_before_the_appointment_suggests_nothing() {
        assert!(recommend(&Recorded::default()).is_empty());
    }

    fn any_answer() -> impl Strategy<Value = Option<Answer>> {
        prop_oneof![
            Just(None),
            Just(Some(Answer::Yes)),
            Just(Some(Answer::Partly)),
            Just(Some(Answer::No))
        ]
    }

    fn any_unfair() -> impl Strategy<Value = Option<UnfairAnswer>> {
        prop_oneof![
            Just(None),
            Just(Some(UnfairAnswer::Yes)),
            Just(Some(UnfairAnswer::No)),
            Just(Some(UnfairAnswer::RatherNotSay))
        ]
    }

    fn any_recorded() -> impl Strategy<Value = Recorded> {
        (
            any::<bool>(),
            0usize..8,
            0usize..8,
            0usize..8,
            proptest::collection::btree_set(
                prop_oneof![
                    Just(TimeRequest::FollowUpAppointment),
                    Just(TimeRequest::FollowUpCall),
                    Just(TimeRequest::EmailRemainingQuestions)
                ],
                0..3,
            ),
            0usize..3,
            any::<bool>(),
            proptest::option::of((
                proptest::array::uniform6(any_answer()),
                any_unfair(),
                any::<bool>(),
            )),
        )
            .prop_map(
                |(
                    past,
                    questions,
                    unanswered,
                    not_understood,
                    asked_for,
                    overdue_steps,
                    decided,
                    refl,
                )| Recorded {
                    past,
                    questions,
                    unanswered,
                    not_understood,
                    asked_for,
                    overdue_steps,
                    decided,
                    reflection: refl.map(|(answers, unfair, finished)| {
                        let mut r = reflection(answers, unfair);
                        r.finished = finished;
                        r
                    }),
                },
            )
    }

    proptest! {
        /// Never a suggestion to complain when every answer is yes and nothing unfair happened.
        #[test]
        fn no_complaint_when_every_answer_is_yes(mut r in any_recorded()) {
            if let Some(refl) = &mut r.reflection {
                for step in ReflectionStep::ALL {
                    refl.set_answer(step, Some(Answer::Yes));
                }
                refl.unfair = Some(UnfairAnswer::No);
            }
            let acts = actions(&recommend(&r));
            prop_assert!(!acts.contains(&Action::WriteLetterOfConcern));
            prop_assert!(!acts.contains(&Action::ContactPals));
        }

        /// Each action is suggested once at most, and praise never sits beside a complaint.
        #[test]
        fn actions_are_unique_and_consistent(r in any_recorded()) {
            let recs = recommend(&r);
            let acts = actions(&recs);
            let unique: BTreeSet<_> = acts.iter().collect();
            prop_assert_eq!(unique.len(), acts.len());
            let praise = acts.contains(&Action::GivePositiveFeedback);
            let complaint = acts.contains(&Action::WriteLetterOfConcern) || acts.contains(&Action::ContactPals);
            prop_assert!(!(praise && complaint));
            if praise {
                prop_assert_eq!(acts[0], Action::GivePositiveFeedback);
            }
        }

        /// Unfair treatment always leads to a letter of concern, first.
        #[test]
        fn unfair_treatment_always_comes_first(mut r in any_recorded()) {
            let mut refl = r.reflection.take().unwrap_or_else(|| Reflection::new(Uuid::nil()));
            refl.unfair = Some(UnfairAnswer::Yes);
            r.reflection = Some(refl);
            let recs = recommend(&r);
            prop_assert_eq!(recs[0], Recommendation { action: Action::WriteLetterOfConcern, reason: Reason::TreatedUnfairly });
        }
    }
}
