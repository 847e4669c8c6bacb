//! When an organisation must answer a request for a copy of your records (a subject access
//! request), as the ICO explains the UK GDPR (Article 12) and the Data (Use and Access) Act
//! 2025 (Article 12A, in force from 5 February 2026):
//!
//! - one calendar month from the day the organisation *received* the request (by email or by
//!   hand: the day it was sent; by post: the day it arrived, or until that is known the day it
//!   was posted, the earliest it could have arrived);
//! - if they asked for proof of identity, the month runs from the day it reached them;
//! - where the next month has no such date, its last day;
//! - up to two further months for a complex request, if they say so within the first month;
//! - while they wait for the person to say more about what they want, the clock stops: the
//!   days from asking to the answer do not count;
//! - a deadline on a weekend or public holiday moves to the next working day of the nation.

use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::calendar::{Nation, add_months, month_end_used, next_working_day};
use crate::reckoning::{Adjustment, PauseIgnored, Received, Reckoning, Start, Unit};

/// How the request travelled, as far as when it arrived is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sent {
    /// By email, online or by hand: it arrived the day it was sent.
    SameDay,
    /// By post: it arrived some days later.
    ByPost,
}

/// What the person knows about how their request was handled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestFacts {
    /// When a posted request arrived, once the person knows.
    #[serde(default)]
    pub received_on: Option<Date>,
    /// They asked for proof of identity: the day it reached them.
    #[serde(default)]
    pub identity_received_on: Option<Date>,
    /// They said they need longer (1 or 2 more months), and the day they said it.
    #[serde(default)]
    pub extension_months: u8,
    #[serde(default)]
    pub extension_told_on: Option<Date>,
    /// They asked what exactly the person wants: the day they asked, and the day the person
    /// answered (none yet: the clock is stopped).
    #[serde(default)]
    pub clarification_asked_on: Option<Date>,
    #[serde(default)]
    pub clarification_answered_on: Option<Date>,
}

/// The most further time an organisation can take.
pub const MAX_EXTENSION_MONTHS: u8 = 2;

/// When the reply is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplyDue {
    Due(Reckoning),
    /// The clock stopped on this day, while they wait for the person's answer.
    Stopped {
        since: Date,
    },
}

/// The day the Data (Use and Access) Act 2025 let the clock stop while an organisation waits
/// for the person to say what they want (section 76, in force on 5 February 2026). A request
/// received before it follows the old rules, with no pause.
pub const PAUSE_IN_FORCE: (i16, i8, i8) = (2026, 2, 5);

fn pause_in_force() -> Date {
    let (y, m, d) = PAUSE_IN_FORCE;
    Date::new(y, m, d).unwrap_or(Date::MIN)
}

/// The days a question from the organisation stopped the clock: from the day they asked (or
/// the day the month started, if later) to the day the person answered, both counted.
fn paused_days(start: Date, asked: Date, answered: Date) -> Option<i64> {
    let from = asked.max(start);
    (answered >= from).then(|| i64::from((answered - from).get_days()) + 1)
}

/// Works out when a subject access request must be answered.
pub fn reply_due(
    nation: Nation,
    sent_on: Date,
    by: Sent,
    facts: &RequestFacts,
) -> Option<ReplyDue> {
    let (received, how) = match (by, facts.received_on) {
        (_, Some(day)) => (day, Received::Known),
        (Sent::ByPost, None) => (sent_on, Received::AssumedFromPosting),
        (Sent::SameDay, None) => (sent_on, Received::SameDay),
    };
    let (start, start_is) = match facts.identity_received_on {
        Some(id) if id > received => (id, Start::IdentityReceived),
        _ => (received, Start::Received(how)),
    };
    let mut adjustments = Vec::new();
    let first_month_ends = add_months(start, 1)?;

    // The question, if it can stop the clock at all.
    let question = match facts.clarification_asked_on {
        Some(_) if received < pause_in_force() => {
            adjustments.push(Adjustment::PauseIgnored(PauseIgnored::NotInForce));
            None
        }
        Some(asked) => match facts.clarification_answered_on {
            Some(answered) if answered < start => {
                adjustments.push(Adjustment::PauseIgnored(PauseIgnored::BeforeRestart {
                    restarted: start,
                }));
                None
            }
            answered => Some((asked, answered)),
        },
        None => None,
    };
    // The time they have to say they need longer is paused too.
    let first_month_pause = match question {
        Some((asked, Some(answered))) if asked <= first_month_ends => {
            paused_days(start, asked, answered).unwrap_or(0)
        }
        _ => 0,
    };
    let telling_ends = first_month_ends
        .checked_add(first_month_pause.days())
        .ok()?;
    let extension = u32::from(facts.extension_months.min(MAX_EXTENSION_MONTHS));
    let extended = if extension == 0 {
        false
    } else {
        match facts.extension_told_on {
            Some(told) if told > telling_ends => {
                adjustments.push(Adjustment::ExtensionTooLate {
                    told_on: told,
                    window_ended: telling_ends,
                });
                false
            }
            // Still waiting for the person's answer to a question asked in the first month:
            // the time to tell them has not run out.
            _ => true,
        }
    };
    if extended {
        adjustments.push(Adjustment::Extended {
            months: extension,
            told_on: facts.extension_told_on,
        });
    }
    let months = 1 + if extended { extension } else { 0 };
    let counted_to = add_months(start, i64::from(months))?;
    let mut due = counted_to;
    match question {
        // Asked after the date had already passed: too late to stop the clock.
        Some((asked, _)) if asked > counted_to => {
            adjustments.push(Adjustment::PauseIgnored(PauseIgnored::AfterDue {
                asked,
                due: counted_to,
            }));
        }
        Some((asked, None)) => return Some(ReplyDue::Stopped { since: asked }),
        Some((asked, Some(answered))) => {
            if let Some(days) = paused_days(start, asked, answered) {
                due = due.checked_add(days.days()).ok()?;
                adjustments.push(Adjustment::Paused {
                    asked: asked.max(start),
                    answered,
                    days,
                });
            }
        }
        None => {}
    }
    let (due, moved_past) = next_working_day(nation, due)?;
    Some(ReplyDue::Due(Reckoning {
        start,
        start_is,
        within: months,
        unit: Unit::Months,
        counted_to,
        month_end: month_end_used(start, i64::from(months)),
        skipped: Vec::new(),
        adjustments,
        moved_past,
        cap: None,
        cap_missing: None,
        due,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Skipped;

    fn d(y: i16, m: i8, day: i8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    fn due(nation: Nation, sent: Date, by: Sent, facts: RequestFacts) -> Reckoning {
        match reply_due(nation, sent, by, &facts).unwrap() {
            ReplyDue::Due(r) => r,
            other => panic!("expected a date, got {other:?}"),
        }
    }

    /// The ICO's own examples.
    #[test]
    fn the_icos_examples() {
        // Received on 1 January (a bank holiday): the month ends on 1 February.
        let r = due(
            Nation::England,
            d(2027, 1, 1),
            Sent::SameDay,
            RequestFacts::default(),
        );
        assert_eq!(r.due, d(2027, 2, 1));
        // Received on 31 January: the end of February (the 28th, or the 29th in a leap year).
        let r = due(
            Nation::England,
            d(2027, 1, 31),
            Sent::SameDay,
            RequestFacts::default(),
        );
        assert_eq!(r.counted_to, d(2027, 2, 28));
        assert!(r.month_end);
        assert_eq!(
            r.due,
            d(2027, 3, 1),
            "28 February 2027 is a Sunday: the next Monday"
        );
        let r = due(
            Nation::England,
            d(2028, 1, 31),
            Sent::SameDay,
            RequestFacts::default(),
        );
        assert_eq!(r.due, d(2028, 2, 29));
        // Received on Monday 25 November: the month runs to the end of Friday 27 December,
        // because 25 and 26 December are bank holidays (and the 26th was the substitute day).
        let r = due(
            Nation::England,
            d(2024, 11, 25),
            Sent::SameDay,
            RequestFacts::default(),
        );
        assert_eq!(r.counted_to, d(2024, 12, 25));
        assert_eq!(r.due, d(2024, 12, 27));
        assert_eq!(r.moved_past.len(), 2);
    }

    #[test]
    fn a_posted_request_runs_from_the_day_it_arrived() {
        let posted = d(2026, 11, 2);
        let assumed = due(Nation::Wales, posted, Sent::ByPost, RequestFacts::default());
        assert_eq!(
            assumed.start_is,
            Start::Received(Received::AssumedFromPosting)
        );
        assert_eq!(assumed.due, d(2026, 12, 2));
        let known = due(
            Nation::Wales,
            posted,
            Sent::ByPost,
            RequestFacts {
                received_on: Some(d(2026, 11, 5)),
                ..RequestFacts::default()
            },
        );
        assert_eq!(known.start_is, Start::Received(Received::Known));
        assert_eq!(known.due, d(2026, 12, 7), "5 December 2026 is a Saturday");
    }

    #[test]
    fn identity_restarts_the_month_and_clarification_stops_the_clock() {
        let sent = d(2026, 3, 2);
        let with_id = due(
            Nation::Scotland,
            sent,
            Sent::SameDay,
            RequestFacts {
                identity_received_on: Some(d(2026, 3, 10)),
                ..RequestFacts::default()
            },
        );
        assert_eq!(with_id.start_is, Start::IdentityReceived);
        assert_eq!(with_id.due, d(2026, 4, 10));
        let waiting = reply_due(
            Nation::Scotland,
            sent,
            Sent::SameDay,
            &RequestFacts {
                clarification_asked_on: Some(d(2026, 3, 9)),
                ..RequestFacts::default()
            },
        );
        assert_eq!(
            waiting,
            Some(ReplyDue::Stopped {
                since: d(2026, 3, 9)
            })
        );
        // Asked on the 9th, answered on the 13th: five days do not count.
        let answered = due(
            Nation::Scotland,
            sent,
            Sent::SameDay,
            RequestFacts {
                clarification_asked_on: Some(d(2026, 3, 9)),
                clarification_answered_on: Some(d(2026, 3, 13)),
                ..RequestFacts::default()
            },
        );
        assert_eq!(answered.counted_to, d(2026, 4, 2));
        assert_eq!(
            answered.due,
            d(2026, 4, 7),
            "2 April + 5 days is Tuesday 7 April"
        );
    }

    #[test]
    fn an_extension_counts_only_if_said_within_the_first_month() {
        let sent = d(2026, 6, 1);
        let facts = RequestFacts {
            extension_months: 2,
            extension_told_on: Some(d(2026, 6, 20)),
            ..RequestFacts::default()
        };
        let r = due(Nation::NorthernIreland, sent, Sent::SameDay, facts);
        assert_eq!(r.within, 3);
        assert_eq!(r.due, d(2026, 9, 1));
        let late = RequestFacts {
            extension_told_on: Some(d(2026, 7, 2)),
            ..facts
        };
        let r = due(Nation::NorthernIreland, sent, Sent::SameDay, late);
        assert_eq!(r.due, d(2026, 7, 1));
        assert_eq!(
            r.adjustments,
            vec![Adjustment::ExtensionTooLate {
                told_on: d(2026, 7, 2),
                window_ended: d(2026, 7, 1)
            }]
        );
        // More than two months is two.
        let greedy = RequestFacts {
            extension_months: 5,
            ..facts
        };
        assert_eq!(
            due(Nation::NorthernIreland, sent, Sent::SameDay, greedy).within,
            3
        );
    }

    #[test]
    fn a_deadline_rolls_past_the_nations_own_holidays() {
        // One month from 17 February 2027 is 17 March: St Patrick's Day in Northern Ireland.
        let ni = due(
            Nation::NorthernIreland,
            d(2027, 2, 17),
            Sent::SameDay,
            RequestFacts::default(),
        );
        assert_eq!(ni.due, d(2027, 3, 18));
        assert!(matches!(ni.moved_past[0], Skipped::BankHoliday(_)));
        let england = due(
            Nation::England,
            d(2027, 2, 17),
            Sent::SameDay,
            RequestFacts::default(),
        );
        assert_eq!(england.due, d(2027, 3, 17));
        // From 30 October 2026: 30 November is St Andrew's Day in Scotland only.
        assert_eq!(
            due(
                Nation::Scotland,
                d(2026, 10, 30),
                Sent::SameDay,
                RequestFacts::default()
            )
            .due,
            d(2026, 12, 1)
        );
    }

    #[test]
    fn a_question_answered_before_the_month_restarted_does_not_count() {
        // Received 2 March; asked 3 March, answered 11 March; proof of identity 20 March: the
        // month starts again on the 20th and the earlier pause is spent.
        let r = due(
            Nation::England,
            d(2026, 3, 2),
            Sent::SameDay,
            RequestFacts {
                identity_received_on: Some(d(2026, 3, 20)),
                clarification_asked_on: Some(d(2026, 3, 3)),
                clarification_answered_on: Some(d(2026, 3, 11)),
                ..RequestFacts::default()
            },
        );
        assert_eq!(r.due, d(2026, 4, 20));
        assert_eq!(
            r.adjustments,
            vec![Adjustment::PauseIgnored(PauseIgnored::BeforeRestart {
                restarted: d(2026, 3, 20)
            })]
        );
        // Asked before the restart but answered after it: only the days from the restart count.
        let r = due(
            Nation::England,
            d(2026, 3, 2),
            Sent::SameDay,
            RequestFacts {
                identity_received_on: Some(d(2026, 3, 20)),
                clarification_asked_on: Some(d(2026, 3, 18)),
                clarification_answered_on: Some(d(2026, 3, 22)),
                ..RequestFacts::default()
            },
        );
        assert_eq!(
            r.due,
            d(2026, 4, 23),
            "20 April + 3 days (20, 21, 22 March)"
        );
    }

    #[test]
    fn the_pause_also_moves_the_time_to_say_they_need_longer() {
        // Received 1 March; asked 5 March, answered 24 March (20 days). The first month
        // would end on 1 April; with the pause, they may say they need longer until 21 April.
        let facts = RequestFacts {
            clarification_asked_on: Some(d(2026, 3, 5)),
            clarification_answered_on: Some(d(2026, 3, 24)),
            extension_months: 2,
            extension_told_on: Some(d(2026, 4, 10)),
            ..RequestFacts::default()
        };
        let r = due(Nation::England, d(2026, 3, 1), Sent::SameDay, facts);
        assert_eq!(r.within, 3);
        assert_eq!(r.counted_to, d(2026, 6, 1));
        assert_eq!(
            r.due,
            d(2026, 6, 22),
            "1 June + 20 days is Sunday 21 June: Monday"
        );
        // Told on 22 April, a day too late.
        let late = RequestFacts {
            extension_told_on: Some(d(2026, 4, 22)),
            ..facts
        };
        let r = due(Nation::England, d(2026, 3, 1), Sent::SameDay, late);
        assert_eq!(r.within, 1);
        assert!(r.adjustments.contains(&Adjustment::ExtensionTooLate {
            told_on: d(2026, 4, 22),
            window_ended: d(2026, 4, 21)
        }));
    }

    #[test]
    fn a_question_after_the_date_passed_does_not_stop_the_clock() {
        // Due 2 April; they asked on 1 May.
        let facts = RequestFacts {
            clarification_asked_on: Some(d(2026, 5, 1)),
            ..RequestFacts::default()
        };
        let r = due(Nation::England, d(2026, 3, 2), Sent::SameDay, facts);
        assert_eq!(r.due, d(2026, 4, 2));
        assert_eq!(
            r.adjustments,
            vec![Adjustment::PauseIgnored(PauseIgnored::AfterDue {
                asked: d(2026, 5, 1),
                due: d(2026, 4, 2)
            })]
        );
        let answered = RequestFacts {
            clarification_answered_on: Some(d(2026, 5, 20)),
            ..facts
        };
        assert_eq!(
            due(Nation::England, d(2026, 3, 2), Sent::SameDay, answered).due,
            d(2026, 4, 2)
        );
    }

    #[test]
    fn a_request_from_before_february_2026_has_no_pause() {
        let facts = RequestFacts {
            clarification_asked_on: Some(d(2026, 1, 20)),
            clarification_answered_on: Some(d(2026, 1, 29)),
            ..RequestFacts::default()
        };
        let r = due(Nation::England, d(2026, 1, 12), Sent::SameDay, facts);
        assert_eq!(r.due, d(2026, 2, 12));
        assert_eq!(
            r.adjustments,
            vec![Adjustment::PauseIgnored(PauseIgnored::NotInForce)]
        );
        // From 5 February it counts.
        let r = due(
            Nation::England,
            d(2026, 2, 5),
            Sent::SameDay,
            RequestFacts {
                clarification_asked_on: Some(d(2026, 2, 10)),
                clarification_answered_on: Some(d(2026, 2, 11)),
                ..RequestFacts::default()
            },
        );
        assert_eq!(
            r.due,
            d(2026, 3, 9),
            "5 March + 2 days is Saturday 7 March: Monday"
        );
    }
}
