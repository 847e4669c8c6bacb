//! For a concern: the next step, and why, from its timeline, its clocks and the pathway for its
//! nation and setting. Pure rules on the same ranking engine as the recommendations after a
//! consultation (`crate::recommend::Ranker`).

use std::collections::BTreeSet;

use jiff::civil::Date;

use crate::concern::{Concern, ConcernStatus, EventKind};
use crate::pathway::{ClockState, Party, Pathway, TimelineEvent, assign_steps, clocks};
use crate::recommend::Ranker;
use crate::reflection::Answer;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EscalationAction {
    /// Say when it happened, so the deadlines can be worked out.
    AddDates,
    /// Take this step of the pathway (its id).
    TakeStep(String),
    /// Ask for the acknowledgement or reply that is overdue.
    Chase,
    /// Ask for a meeting to talk the response through.
    AskForMeeting,
    /// Say in the complaint that it may be discrimination under the Equality Act 2010.
    MentionEqualityAct,
    /// The time limit for this step has passed: ask for it to be extended, with the reason.
    AskForExtension(String),
    /// Say whether the response put things right.
    RecordOutcome,
    /// It was put right: close the concern (and perhaps say thank you).
    CloseConcern,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EscalationReason {
    NothingDoneYet,
    NoDates,
    /// A strict limit on you is two months away or less.
    LimitApproaching {
        due: Date,
    },
    LimitPassed {
        due: Date,
    },
    NoAcknowledgement {
        due: Date,
    },
    ReplyOverdue {
        due: Date,
    },
    /// A letter's reply date has passed with no reply recorded.
    NoReplyToLetter {
        due: Date,
    },
    /// The last thing tried did not put it right.
    NotResolved,
    /// The final response did not put it right.
    ResponseUnsatisfactory,
    UnfairTreatment,
    PutRight,
    OutcomeUnknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextStep {
    pub action: EscalationAction,
    pub reason: EscalationReason,
}

/// Events that count as hearing back after a letter or a request.
const HEARD_BACK: [EventKind; 5] = [
    EventKind::ConversationHeld,
    EventKind::AcknowledgementReceived,
    EventKind::MeetingHeld,
    EventKind::ResponseReceived,
    EventKind::DecisionReceived,
];

/// The next steps for a concern, most pressing first, each once.
pub fn next_steps(
    concern: &Concern,
    pathway: &Pathway,
    events: &[TimelineEvent],
    today: Date,
) -> Vec<NextStep> {
    if concern.status != ConcernStatus::Open {
        return Vec::new();
    }
    let setting = concern.setting;
    let mut ranker = Ranker::default();
    let assigned = assign_steps(pathway, setting, events);
    let all_clocks = clocks(pathway, setting, concern.problem_dates(), events, today);
    let applicable: Vec<usize> = (0..pathway.steps.len())
        .filter(|i| pathway.steps[*i].applies_to(setting))
        .collect();
    let started: BTreeSet<usize> = assigned.iter().flatten().copied().collect();
    let takes = |i: usize, kind: EventKind| pathway.steps[i].events.contains(&kind);
    let step_id = |i: usize| pathway.steps[i].id.clone();
    let complaint_steps: Vec<usize> = applicable
        .iter()
        .copied()
        .filter(|i| takes(*i, EventKind::ComplaintMade))
        .collect();
    let first_with = |kind: EventKind| applicable.iter().copied().find(|i| takes(*i, kind));
    // The next step after `after` (in order) not started yet, skipping those beside the route
    // to a resolution (sharing an experience, the duty of candour, a regulator).
    let next_on_route = |after: Option<usize>| {
        applicable.iter().copied().find(|i| {
            after.is_none_or(|a| *i > a)
                && !started.contains(i)
                && !pathway.steps[*i].beside_the_route()
        })
    };
    let complaint_made = events.iter().any(|e| e.kind == EventKind::ComplaintMade);

    if concern.problem_date().is_none() {
        ranker.add(90, EscalationAction::AddDates, EscalationReason::NoDates);
    }

    for clock in all_clocks.iter().filter(|c| c.is_open()) {
        let step = clock.step.id.clone();
        match (clock.limit.party, clock.state) {
            (Party::You, ClockState::Running { warn: true, .. }) => ranker.add(
                100,
                EscalationAction::TakeStep(step),
                EscalationReason::LimitApproaching { due: clock.due },
            ),
            (Party::You, ClockState::Passed { .. }) => ranker.add(
                98,
                EscalationAction::AskForExtension(step),
                EscalationReason::LimitPassed { due: clock.due },
            ),
            (Party::Them, ClockState::Passed { .. }) => {
                if clock
                    .limit
                    .until
                    .contains(&EventKind::AcknowledgementReceived)
                {
                    ranker.add(
                        85,
                        EscalationAction::Chase,
                        EscalationReason::NoAcknowledgement { due: clock.due },
                    );
                } else {
                    ranker.add(
                        84,
                        EscalationAction::Chase,
                        EscalationReason::ReplyOverdue { due: clock.due },
                    );
                    if let Some(advocacy) = first_with(EventKind::AdvocacyContacted)
                        && !started.contains(&advocacy)
                    {
                        ranker.add(
                            62,
                            EscalationAction::TakeStep(step_id(advocacy)),
                            EscalationReason::ReplyOverdue { due: clock.due },
                        );
                    }
                }
            }
            _ => {}
        }
    }

    // Letters whose reply date has passed with nothing heard back since.
    for (i, e) in events.iter().enumerate() {
        let Some((_, Some(due))) = e.letter else {
            continue;
        };
        let heard_back = events
            .iter()
            .any(|later| later.on >= e.on && HEARD_BACK.contains(&later.kind));
        if due < today && !heard_back {
            if let Some(next) = next_on_route(assigned[i]) {
                ranker.add(
                    80,
                    EscalationAction::TakeStep(step_id(next)),
                    EscalationReason::NoReplyToLetter { due },
                );
            }
            ranker.add(
                50,
                EscalationAction::Chase,
                EscalationReason::NoReplyToLetter { due },
            );
        }
    }

    // What the last thing tried came to.
    let last_outcome = events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.outcome.is_some())
        .max_by_key(|(_, e)| e.on);
    match last_outcome {
        Some((_, e)) if e.outcome == Some(Answer::Yes) => ranker.add(
            60,
            EscalationAction::CloseConcern,
            EscalationReason::PutRight,
        ),
        Some((i, e)) => {
            let step = assigned[i];
            let later_complaint = complaint_steps
                .iter()
                .copied()
                .find(|c| step.is_none_or(|s| *c > s) && !started.contains(c));
            let in_complaint = step.is_some_and(|s| complaint_steps.contains(&s));
            let in_ombudsman = step.is_some_and(|s| takes(s, EventKind::OmbudsmanContacted));
            if in_complaint && later_complaint.is_none() {
                // The final response: talk it through, get help, go to the ombudsman.
                let meeting_since = events
                    .iter()
                    .any(|m| m.kind == EventKind::MeetingHeld && m.on > e.on);
                if !meeting_since {
                    ranker.add(
                        78,
                        EscalationAction::AskForMeeting,
                        EscalationReason::ResponseUnsatisfactory,
                    );
                }
                if let Some(ombudsman) = first_with(EventKind::OmbudsmanContacted)
                    && !started.contains(&ombudsman)
                {
                    ranker.add(
                        76,
                        EscalationAction::TakeStep(step_id(ombudsman)),
                        EscalationReason::ResponseUnsatisfactory,
                    );
                }
                if let Some(advocacy) = first_with(EventKind::AdvocacyContacted)
                    && !started.contains(&advocacy)
                {
                    ranker.add(
                        74,
                        EscalationAction::TakeStep(step_id(advocacy)),
                        EscalationReason::ResponseUnsatisfactory,
                    );
                }
            } else if in_ombudsman {
                if let Some(share) = first_with(EventKind::ExperienceShared)
                    && !started.contains(&share)
                {
                    ranker.add(
                        40,
                        EscalationAction::TakeStep(step_id(share)),
                        EscalationReason::NotResolved,
                    );
                }
            } else if let Some(next) = later_complaint
                .filter(|_| in_complaint)
                .or_else(|| next_on_route(step))
            {
                ranker.add(
                    80,
                    EscalationAction::TakeStep(step_id(next)),
                    if in_complaint {
                        EscalationReason::ResponseUnsatisfactory
                    } else {
                        EscalationReason::NotResolved
                    },
                );
            }
        }
        None => {}
    }

    // A response with no answer yet to "did it put things right?".
    let unanswered_response = events.iter().any(|e| {
        matches!(
            e.kind,
            EventKind::ResponseReceived | EventKind::DecisionReceived
        ) && e.outcome.is_none()
    }) && last_outcome.is_none_or(|(_, o)| {
        events.iter().any(|e| {
            matches!(
                e.kind,
                EventKind::ResponseReceived | EventKind::DecisionReceived
            ) && e.outcome.is_none()
                && e.on > o.on
        })
    });
    if unanswered_response {
        ranker.add(
            55,
            EscalationAction::RecordOutcome,
            EscalationReason::OutcomeUnknown,
        );
    }

    // The latest thing tried (a conversation, PALS, a meeting), with no word yet on whether it
    // put things right: asking is what moves the person on to the next step.
    if let Some(latest) = events.iter().max_by_key(|e| e.on)
        && latest.kind.has_outcome()
        && latest.outcome.is_none()
        && !unanswered_response
    {
        ranker.add(
            55,
            EscalationAction::RecordOutcome,
            EscalationReason::OutcomeUnknown,
        );
    }

    if concern.unfair_treatment && !complaint_made {
        ranker.add(
            70,
            EscalationAction::MentionEqualityAct,
            EscalationReason::UnfairTreatment,
        );
    }

    if events.is_empty()
        && let Some(first) = next_on_route(None)
    {
        ranker.add(
            50,
            EscalationAction::TakeStep(step_id(first)),
            EscalationReason::NothingDoneYet,
        );
    }

    ranker
        .ranked()
        .into_iter()
        .map(|(action, reason)| NextStep { action, reason })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::calendar::Nation;
    use crate::concern::Setting;
    use crate::letter::LetterKind;
    use proptest::prelude::*;

    fn d(y: i16, m: i8, day: i8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    fn step(id: &str, events: &str, finished_by: &str, limits: &str) -> String {
        format!(
            r#"
[[steps]]
id = "{id}"
title = "{id}"
who = "Someone."
can = ["Help"]
cannot = []
when = "Now."
expect = "A reply."
events = [{events}]
finished_by = [{finished_by}]
{limits}
[[steps.sources]]
title = "Source"
publisher = "NHS"
url = "https://www.nhs.uk/"
checked = "2026-11-24"
"#
        )
    }

    /// England's shape: an urgent review beside the route (first, as in the content, and never
    /// suggested), then raise it, PALS, complaint, advocacy, Healthwatch, ombudsman.
    fn pathway() -> Pathway {
        let limit = |id: &str,
                     party: &str,
                     within: u32,
                     unit: &str,
                     from: &str,
                     until: &str,
                     strict: bool| {
            format!(
                "[[steps.limits]]\nid = \"{id}\"\nwhat = \"{id}\"\nparty = \"{party}\"\nwithin = {within}\nunit = \"{unit}\"\nfrom = \"{from}\"\nuntil = [{until}]\nstrict = {strict}\nverified = true\n[[steps.limits.sources]]\ntitle = \"The regulations\"\npublisher = \"legislation.gov.uk\"\nurl = \"https://www.legislation.gov.uk/uksi/2009/309/regulation/12\"\nprovision = \"regulation 12\"\nchecked = \"2026-11-24\"\n"
            )
        };
        let text = [
            "nation = \"england\"\ntitle = \"England\"\nauthor = \"A\"\nreviewer = \"B\"\nlast_reviewed = \"2026-11-24\"\nnext_review = \"2027-05-24\"\n".to_owned(),
            step("urgent-review", "\"urgent-review-asked\"", "", ""),
            step("raise-it", "\"conversation-held\", \"letter-sent\"", "", ""),
            step("pals", "\"pals-contacted\"", "", ""),
            step(
                "complaint",
                "\"complaint-made\", \"acknowledgement-received\", \"meeting-held\", \"response-received\"",
                "\"response-received\"",
                &[
                    limit("complain-within", "you", 12, "months", "problem", "\"complaint-made\"", true),
                    limit("acknowledge", "them", 3, "working-days", "complaint-made", "\"acknowledgement-received\", \"response-received\"", false),
                    limit("respond", "them", 6, "months", "complaint-made", "\"response-received\"", false),
                ]
                .concat(),
            ),
            step("advocacy", "\"advocacy-contacted\"", "", ""),
            step("healthwatch", "\"experience-shared\"", "", ""),
            step("ombudsman", "\"ombudsman-contacted\", \"decision-received\"", "\"decision-received\"", ""),
        ]
        .concat();
        Pathway::parse("test.toml", &text).unwrap()
    }

    fn concern(happened: Option<Date>) -> Concern {
        Concern {
            title: "Not told about side effects".into(),
            what_happened: String::new(),
            happened_on: happened,
            aware_on: None,
            place: String::new(),
            people: String::new(),
            effect: String::new(),
            wishes: BTreeSet::new(),
            wish_other: String::new(),
            setting: Setting::Hospital,
            nation: Nation::England,
            unfair_treatment: false,
            harmed: false,
            characteristics: BTreeSet::new(),
            consultations: vec![],
            letters: vec![],
            status: ConcernStatus::Open,
            outcome: String::new(),
        }
    }

    fn event(kind: EventKind, on: Date, outcome: Option<Answer>) -> TimelineEvent {
        TimelineEvent {
            kind,
            on,
            step: None,
            outcome,
            letter: None,
        }
    }

    fn first(c: &Concern, events: &[TimelineEvent], today: Date) -> NextStep {
        next_steps(c, &pathway(), events, today)
            .into_iter()
            .next()
            .unwrap()
    }

    fn take(step: &str) -> EscalationAction {
        EscalationAction::TakeStep(step.into())
    }

    #[test]
    fn a_new_concern_starts_at_the_first_step_and_asks_for_dates() {
        let steps = next_steps(&concern(None), &pathway(), &[], d(2026, 11, 24));
        assert_eq!(steps[0].action, EscalationAction::AddDates);
        assert_eq!(steps[1].action, take("raise-it"));
        assert_eq!(steps[1].reason, EscalationReason::NothingDoneYet);
    }

    #[test]
    fn after_a_conversation_with_no_outcome_yet_it_asks_whether_it_was_put_right() {
        let c = concern(Some(d(2026, 9, 1)));
        let talked = event(EventKind::ConversationHeld, d(2026, 9, 10), None);
        let steps = next_steps(&c, &pathway(), &[talked], d(2026, 9, 11));
        assert_eq!(
            steps.first().map(|s| (&s.action, s.reason)),
            Some((
                &EscalationAction::RecordOutcome,
                EscalationReason::OutcomeUnknown
            )),
            "{steps:?}"
        );
        // Once answered "no", the next step comes instead.
        let answered = event(
            EventKind::ConversationHeld,
            d(2026, 9, 10),
            Some(Answer::No),
        );
        let steps = next_steps(&c, &pathway(), &[answered], d(2026, 9, 11));
        assert!(
            steps
                .iter()
                .all(|s| s.action != EscalationAction::RecordOutcome),
            "{steps:?}"
        );
        assert!(!steps.is_empty());
    }

    #[test]
    fn no_reply_to_the_letter_of_concern_in_time_suggests_pals() {
        let c = concern(Some(d(2026, 9, 1)));
        let letter = TimelineEvent::letter_sent(
            LetterKind::LetterOfConcern,
            d(2026, 10, 1),
            Some(d(2026, 10, 15)),
        );
        // Before the reply date: nothing to chase yet.
        let early = next_steps(
            &c,
            &pathway(),
            std::slice::from_ref(&letter),
            d(2026, 10, 10),
        );
        assert!(early.iter().all(|s| s.action != take("pals")), "{early:?}");
        let next = first(&c, std::slice::from_ref(&letter), d(2026, 10, 20));
        assert_eq!(next.action, take("pals"));
        assert_eq!(
            next.reason,
            EscalationReason::NoReplyToLetter {
                due: d(2026, 10, 15)
            }
        );
        // A reply stops it.
        let replied = [
            letter,
            event(EventKind::ResponseReceived, d(2026, 10, 12), None),
        ];
        let steps = next_steps(&c, &pathway(), &replied, d(2026, 10, 20));
        assert!(steps.iter().all(|s| s.action != take("pals")), "{steps:?}");
    }

    #[test]
    fn pals_could_not_resolve_it_suggests_a_formal_complaint() {
        let c = concern(Some(d(2026, 9, 1)));
        let events = [event(
            EventKind::PalsContacted,
            d(2026, 10, 1),
            Some(Answer::No),
        )];
        let next = first(&c, &events, d(2026, 10, 20));
        assert_eq!(next.action, take("complaint"));
        assert_eq!(next.reason, EscalationReason::NotResolved);
    }

    #[test]
    fn no_acknowledgement_within_three_working_days_suggests_chasing() {
        let c = concern(Some(d(2026, 9, 1)));
        // Made Monday 2 November 2026: due Thursday 5th.
        let events = [event(EventKind::ComplaintMade, d(2026, 11, 2), None)];
        assert!(next_steps(&c, &pathway(), &events, d(2026, 11, 5)).is_empty());
        let next = first(&c, &events, d(2026, 11, 6));
        assert_eq!(next.action, EscalationAction::Chase);
        assert_eq!(
            next.reason,
            EscalationReason::NoAcknowledgement {
                due: d(2026, 11, 5)
            }
        );
    }

    #[test]
    fn an_unsatisfactory_final_response_suggests_meeting_ombudsman_and_advocate() {
        let c = concern(Some(d(2026, 3, 1)));
        let events = [
            event(EventKind::ComplaintMade, d(2026, 4, 1), None),
            event(EventKind::AcknowledgementReceived, d(2026, 4, 2), None),
            event(
                EventKind::ResponseReceived,
                d(2026, 6, 1),
                Some(Answer::Partly),
            ),
        ];
        let actions: Vec<_> = next_steps(&c, &pathway(), &events, d(2026, 6, 10))
            .into_iter()
            .map(|s| s.action)
            .collect();
        assert_eq!(
            actions,
            vec![
                EscalationAction::AskForMeeting,
                take("ombudsman"),
                take("advocacy")
            ]
        );
    }

    #[test]
    fn unfair_treatment_means_mentioning_the_equality_act_until_the_complaint_is_made() {
        let mut c = concern(Some(d(2026, 9, 1)));
        c.unfair_treatment = true;
        let steps = next_steps(&c, &pathway(), &[], d(2026, 10, 1));
        assert!(
            steps
                .iter()
                .any(|s| s.action == EscalationAction::MentionEqualityAct)
        );
        let made = [event(EventKind::ComplaintMade, d(2026, 10, 1), None)];
        let steps = next_steps(&c, &pathway(), &made, d(2026, 10, 2));
        assert!(
            steps
                .iter()
                .all(|s| s.action != EscalationAction::MentionEqualityAct)
        );
    }

    #[test]
    fn the_twelve_month_limit_warns_from_two_months_before_and_then_offers_an_extension() {
        let c = concern(Some(d(2025, 12, 1)));
        let quiet = next_steps(&c, &pathway(), &[], d(2026, 9, 30));
        assert!(
            quiet
                .iter()
                .all(|s| !matches!(s.reason, EscalationReason::LimitApproaching { .. }))
        );
        let soon = first(&c, &[], d(2026, 10, 1));
        assert_eq!(soon.action, take("complaint"));
        assert_eq!(
            soon.reason,
            EscalationReason::LimitApproaching {
                due: d(2026, 12, 1)
            }
        );
        let late = first(&c, &[], d(2026, 12, 2));
        assert_eq!(
            late.action,
            EscalationAction::AskForExtension("complaint".into())
        );
        assert_eq!(
            late.reason,
            EscalationReason::LimitPassed {
                due: d(2026, 12, 1)
            }
        );
    }

    #[test]
    fn put_right_means_close_and_closed_means_nothing() {
        let mut c = concern(Some(d(2026, 9, 1)));
        let events = [event(
            EventKind::MeetingHeld,
            d(2026, 10, 1),
            Some(Answer::Yes),
        )];
        assert_eq!(
            first(&c, &events, d(2026, 10, 2)).action,
            EscalationAction::CloseConcern
        );
        c.status = ConcernStatus::Resolved;
        assert!(next_steps(&c, &pathway(), &events, d(2026, 10, 2)).is_empty());
    }

    fn any_event() -> impl Strategy<Value = TimelineEvent> {
        (
            prop::sample::select(<EventKind as crate::choice::Choice>::ALL.to_vec()),
            0_i32..400,
            prop::option::of(prop::sample::select(vec![
                Answer::Yes,
                Answer::Partly,
                Answer::No,
            ])),
        )
            .prop_map(|(kind, day, outcome)| TimelineEvent {
                kind,
                on: d(2026, 1, 1)
                    .checked_add(jiff::Span::new().days(day))
                    .unwrap(),
                step: None,
                outcome,
                letter: None,
            })
    }

    proptest! {
        #[test]
        fn each_action_once_and_every_step_named_is_in_the_pathway(
            events in prop::collection::vec(any_event(), 0..8),
            unfair in any::<bool>(),
            today in 0_i32..800,
        ) {
            let mut c = concern(Some(d(2026, 1, 1)));
            c.unfair_treatment = unfair;
            let p = pathway();
            let today = d(2026, 1, 1).checked_add(jiff::Span::new().days(today)).unwrap();
            let steps = next_steps(&c, &p, &events, today);
            let actions: BTreeSet<_> = steps.iter().map(|s| s.action.clone()).collect();
            prop_assert_eq!(actions.len(), steps.len());
            for s in &steps {
                if let EscalationAction::TakeStep(id) | EscalationAction::AskForExtension(id) = &s.action {
                    prop_assert!(p.step(id).is_some());
                }
            }
        }
    }
}
