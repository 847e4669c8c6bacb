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
use crate::reckoning::{Adjustment, Received, Reckoning, Start, Unit};

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

/// Why an extension the person recorded does not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtensionRefused {
    /// They said so after the first month: too late to extend.
    ToldTooLate { month_ended: Date },
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
    if let (Some(asked), None) = (
        facts.clarification_asked_on,
        facts.clarification_answered_on,
    ) {
        return Some(ReplyDue::Stopped { since: asked });
    }
    let mut adjustments = Vec::new();
    let extension = u32::from(facts.extension_months.min(MAX_EXTENSION_MONTHS));
    let extended = extension > 0 && extension_refused(start, facts).is_none();
    if extended {
        adjustments.push(Adjustment::Extended {
            months: extension,
            told_on: facts.extension_told_on,
        });
    }
    let months = 1 + if extended { extension } else { 0 };
    let counted_to = add_months(start, i64::from(months))?;
    let mut due = counted_to;
    if let (Some(asked), Some(answered)) = (
        facts.clarification_asked_on,
        facts.clarification_answered_on,
    ) && answered >= asked
    {
        let days = i64::from((answered - asked).get_days()) + 1;
        due = due.checked_add(days.days()).ok()?;
        adjustments.push(Adjustment::Paused {
            asked,
            answered,
            days,
        });
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
        due,
    }))
}

/// Whether an extension the person recorded counts: it must be said within the first month.
pub fn extension_refused(start: Date, facts: &RequestFacts) -> Option<ExtensionRefused> {
    let month_ended = add_months(start, 1)?;
    match facts.extension_told_on {
        Some(told) if facts.extension_months > 0 && told > month_ended => {
            Some(ExtensionRefused::ToldTooLate { month_ended })
        }
        _ => None,
    }
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
        assert_eq!(
            extension_refused(sent, &late),
            Some(ExtensionRefused::ToldTooLate {
                month_ended: d(2026, 7, 1)
            })
        );
        let r = due(Nation::NorthernIreland, sent, Sent::SameDay, late);
        assert_eq!(r.due, d(2026, 7, 1));
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
}
