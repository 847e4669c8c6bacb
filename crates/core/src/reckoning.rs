//! How a due date was worked out, step by step, so that a person, or an advocate checking
//! Heard's arithmetic by hand, can follow it: where the count started and why, the unit, every
//! day a working-day count passed over, a month that had no such date, a pause or extension,
//! a move to the next working day, and a cap that brought the date forward.

use jiff::civil::Date;
use serde::Deserialize;

use crate::calendar::{
    Nation, Skipped, add_calendar_days, add_months, count_working_days, month_end_used,
};
use crate::concern::EventKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    Months,
    CalendarDays,
    WorkingDays,
}

/// Why the count starts on the day it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// The day it happened.
    Happened,
    /// The day the person found out, which was later than the day it happened (or the day it
    /// happened is not recorded).
    BecameAware,
    /// An event on the concern's timeline (the complaint made, the reply received).
    Event(EventKind),
    /// The day the organisation received a request, and how Heard knows it.
    Received(Received),
    /// The day the organisation received the proof of identity it asked for: the month starts
    /// again from then.
    IdentityReceived,
}

/// How Heard knows when a request arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Received {
    /// Sent by email or handed in: it arrived the day it was sent.
    SameDay,
    /// Sent by post, and the person knows the day it arrived.
    Known,
    /// Sent by post, arrival not known yet: the day it was posted, the earliest it could
    /// have arrived, so the date is never too late.
    AssumedFromPosting,
}

/// Something that moved the date after counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Adjustment {
    /// The organisation said it needs more time (up to two further months for a complex
    /// request, said within the first month).
    Extended { months: u32, told_on: Option<Date> },
    /// The clock stopped while the organisation waited for the person to say more: these days
    /// do not count.
    Paused {
        asked: Date,
        answered: Date,
        days: i64,
    },
    /// They said they need longer, but after the time to say so had run out.
    ExtensionTooLate { told_on: Date, window_ended: Date },
    /// A question from the organisation that did not stop the clock, and why.
    PauseIgnored(PauseIgnored),
}

/// Why a question from the organisation did not stop the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PauseIgnored {
    /// The request arrived before the law allowed the pause (5 February 2026).
    NotInForce,
    /// It was answered before the month started again (proof of identity arrived later).
    BeforeRestart { restarted: Date },
    /// They asked after the reply was already due.
    AfterDue { asked: Date, due: Date },
}

/// A limit that caps another: "but no later than 12 months after it happened".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CapReckoning {
    pub from: Date,
    pub within: u32,
    pub unit: Unit,
    /// The latest the due date can be.
    pub latest: Date,
    /// Whether the cap is earlier than the count, so it is the due date.
    pub applies: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reckoning {
    pub start: Date,
    pub start_is: Start,
    pub within: u32,
    pub unit: Unit,
    /// Where counting landed.
    pub counted_to: Date,
    /// A count of months landed on a shorter month's last day.
    pub month_end: bool,
    /// Days a working-day count passed over.
    pub skipped: Vec<Skipped>,
    pub adjustments: Vec<Adjustment>,
    /// The date fell on a weekend or bank holiday and moved to the next working day: the days
    /// passed over.
    pub moved_past: Vec<Skipped>,
    pub cap: Option<CapReckoning>,
    /// A cap that could not be applied because its start date is not recorded: (within, unit).
    /// The real date may be earlier, and the explanation says so.
    pub cap_missing: Option<(u32, Unit)>,
    pub due: Date,
}

/// Counts `within` of `unit` from `start`: the date reached, whether a month's last day was
/// used, and the days a working-day count passed over.
pub fn count(
    nation: Nation,
    start: Date,
    within: u32,
    unit: Unit,
) -> Option<(Date, bool, Vec<Skipped>)> {
    match unit {
        Unit::Months => {
            let n = i64::from(within);
            Some((add_months(start, n)?, month_end_used(start, n), Vec::new()))
        }
        Unit::CalendarDays => Some((
            add_calendar_days(start, i64::from(within))?,
            false,
            Vec::new(),
        )),
        Unit::WorkingDays => {
            let (due, skipped) = count_working_days(nation, start, within)?;
            Some((due, false, skipped))
        }
    }
}

impl Reckoning {
    /// A plain count from a start, with nothing else applied.
    pub fn plain(
        nation: Nation,
        start: Date,
        start_is: Start,
        within: u32,
        unit: Unit,
    ) -> Option<Self> {
        let (counted_to, month_end, skipped) = count(nation, start, within, unit)?;
        Some(Reckoning {
            start,
            start_is,
            within,
            unit,
            counted_to,
            month_end,
            skipped,
            adjustments: Vec::new(),
            moved_past: Vec::new(),
            cap: None,
            cap_missing: None,
            due: counted_to,
        })
    }

    /// Brings the due date forward to a cap counted from `from`, if the cap is earlier.
    pub fn capped(mut self, nation: Nation, from: Date, within: u32, unit: Unit) -> Option<Self> {
        let (latest, _, _) = count(nation, from, within, unit)?;
        let applies = latest < self.due;
        if applies {
            self.due = latest;
        }
        self.cap = Some(CapReckoning {
            from,
            within,
            unit,
            latest,
            applies,
        });
        Some(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Holiday;

    fn d(y: i16, m: i8, day: i8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn a_working_day_count_names_every_day_it_passes_over() {
        // 3 working days from Wednesday 23 December 2026 in England.
        let r = Reckoning::plain(
            Nation::England,
            d(2026, 12, 23),
            Start::Event(EventKind::ComplaintMade),
            3,
            Unit::WorkingDays,
        )
        .unwrap();
        assert_eq!(r.due, d(2026, 12, 30));
        let skipped: Vec<(Date, &str)> = r
            .skipped
            .iter()
            .map(|s| match s {
                Skipped::Weekend(day) => (*day, "weekend"),
                Skipped::BankHoliday(h) => (h.date, h.holiday.id()),
            })
            .collect();
        assert_eq!(
            skipped,
            vec![
                (d(2026, 12, 25), "christmas-day"),
                (d(2026, 12, 26), "weekend"),
                (d(2026, 12, 27), "weekend"),
                (d(2026, 12, 28), "boxing-day"),
            ]
        );
        assert!(matches!(
            r.skipped[3],
            Skipped::BankHoliday(h) if h.substitute && h.holiday == Holiday::BoxingDay
        ));
    }

    #[test]
    fn a_month_count_says_when_it_used_a_months_last_day() {
        let r = Reckoning::plain(
            Nation::Scotland,
            d(2027, 8, 31),
            Start::Happened,
            6,
            Unit::Months,
        )
        .unwrap();
        assert_eq!(r.due, d(2028, 2, 29));
        assert!(r.month_end);
        let r = Reckoning::plain(
            Nation::Scotland,
            d(2027, 8, 29),
            Start::Happened,
            6,
            Unit::Months,
        )
        .unwrap();
        assert!(!r.month_end);
    }

    #[test]
    fn a_cap_applies_only_when_it_is_earlier() {
        // Found out 10 months after it happened: 6 months from then would run past the 12-month
        // cap, so the cap is the date.
        let late = Reckoning::plain(
            Nation::Scotland,
            d(2026, 11, 1),
            Start::BecameAware,
            6,
            Unit::Months,
        )
        .unwrap()
        .capped(Nation::Scotland, d(2026, 1, 1), 12, Unit::Months)
        .unwrap();
        assert_eq!(late.counted_to, d(2027, 5, 1));
        assert_eq!(late.due, d(2027, 1, 1));
        assert!(late.cap.unwrap().applies);
        let soon = Reckoning::plain(
            Nation::Scotland,
            d(2026, 2, 1),
            Start::BecameAware,
            6,
            Unit::Months,
        )
        .unwrap()
        .capped(Nation::Scotland, d(2026, 1, 1), 12, Unit::Months)
        .unwrap();
        assert_eq!(soon.due, d(2026, 8, 1));
        assert!(!soon.cap.unwrap().applies);
    }

    mod properties {
        use super::*;
        use crate::calendar::{is_working_day, month_end_used};
        use crate::choice::Choice;
        use proptest::prelude::*;

        fn nation() -> impl Strategy<Value = Nation> {
            prop::sample::select(Nation::ALL.to_vec())
        }

        fn unit() -> impl Strategy<Value = Unit> {
            prop::sample::select(vec![Unit::Months, Unit::CalendarDays, Unit::WorkingDays])
        }

        fn date() -> impl Strategy<Value = Date> {
            (0_i32..365 * 8).prop_map(|n| {
                d(2024, 1, 1)
                    .checked_add(jiff::Span::new().days(n))
                    .unwrap()
            })
        }

        proptest! {
            #[test]
            fn a_due_date_is_never_before_its_start(nation in nation(), unit in unit(), start in date(), within in 1_u32..40) {
                let r = Reckoning::plain(nation, start, Start::Happened, within, unit).unwrap();
                prop_assert!(r.due > start);
            }

            #[test]
            fn a_capped_limit_is_never_after_its_cap(nation in nation(), unit in unit(), happened in date(), later in 0_i32..400, within in 1_u32..13, cap in 1_u32..25) {
                let aware = happened.checked_add(jiff::Span::new().days(later)).unwrap();
                let r = Reckoning::plain(nation, aware, Start::BecameAware, within, unit).unwrap()
                    .capped(nation, happened, cap, Unit::Months).unwrap();
                let c = r.cap.unwrap();
                prop_assert!(r.due <= c.latest);
                prop_assert!(r.due <= r.counted_to);
                prop_assert_eq!(c.applies, c.latest < r.counted_to);
                // Never before the day it happened, where the cap counts from. (Found out more
                // than a year later, the capped date is before the day they found out: it has
                // passed, and the page says so.)
                prop_assert!(r.due > happened);
            }

            #[test]
            fn a_working_day_count_never_lands_on_a_weekend_or_holiday(nation in nation(), start in date(), within in 1_u32..60) {
                let r = Reckoning::plain(nation, start, Start::Happened, within, Unit::WorkingDays).unwrap();
                prop_assert!(is_working_day(nation, r.due), "{} in {:?}", r.due, nation);
                for skipped in &r.skipped {
                    prop_assert!(!is_working_day(nation, skipped.date()));
                }
            }

            #[test]
            fn a_calendar_month_date_follows_the_month_end_rule(start in date(), within in 1_u32..25) {
                let r = Reckoning::plain(Nation::England, start, Start::Happened, within, Unit::Months).unwrap();
                if r.month_end {
                    prop_assert!(r.due.day() < start.day());
                    prop_assert_eq!(r.due, r.due.last_of_month());
                } else {
                    prop_assert_eq!(r.due.day(), start.day());
                }
                prop_assert_eq!(r.month_end, month_end_used(start, i64::from(within)));
            }
        }
    }
}
