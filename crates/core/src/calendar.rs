//! UK calendars: each nation's bank holidays and working days, for deadlines ("within 20
//! working days") and reminders. Rules, not tables, with the one-off holidays listed.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use serde::{Deserialize, Serialize};

use crate::consultation::Choice;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Nation {
    England,
    Scotland,
    Wales,
    NorthernIreland,
}

impl Choice for Nation {
    const ALL: &'static [Self] = &[
        Nation::England,
        Nation::Scotland,
        Nation::Wales,
        Nation::NorthernIreland,
    ];
    fn id(self) -> &'static str {
        match self {
            Nation::England => "england",
            Nation::Scotland => "scotland",
            Nation::Wales => "wales",
            Nation::NorthernIreland => "northern-ireland",
        }
    }
}

/// Holidays announced for one year only (jubilees, a coronation, a state funeral). The early
/// May holiday of 1995 and 2020 and the spring holiday of 2002, 2012 and 2022 moved instead:
/// see `moved`.
const ONE_OFF: &[(i16, i8, i8)] = &[
    (1999, 12, 31),
    (2002, 6, 3),
    (2011, 4, 29),
    (2012, 6, 5),
    (2022, 6, 3),
    (2022, 9, 19),
    (2023, 5, 8),
];

fn date(y: i16, m: i8, d: i8) -> Option<Date> {
    Date::new(y, m, d).ok()
}

fn is_weekend(d: Date) -> bool {
    matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// The first `weekday` on or after `d`.
fn on_or_after(d: Date, weekday: Weekday) -> Option<Date> {
    let mut day = d;
    for _ in 0..7 {
        if day.weekday() == weekday {
            return Some(day);
        }
        day = day.tomorrow().ok()?;
    }
    None
}

fn first_monday(year: i16, month: i8) -> Option<Date> {
    on_or_after(date(year, month, 1)?, Weekday::Monday)
}

fn last_monday(year: i16, month: i8) -> Option<Date> {
    let next_month = if month == 12 {
        date(year + 1, 1, 1)?
    } else {
        date(year, month + 1, 1)?
    };
    let mut day = next_month.yesterday().ok()?;
    while day.weekday() != Weekday::Monday {
        day = day.yesterday().ok()?;
    }
    Some(day)
}

/// Easter Sunday (the anonymous Gregorian algorithm).
pub fn easter_sunday(year: i16) -> Option<Date> {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    date(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?)
}

/// Fixed-date holidays that fall at a weekend move to the next weekday not already a holiday.
fn substitute(days: &[Date]) -> Vec<Date> {
    let mut out: Vec<Date> = Vec::new();
    let mut sorted = days.to_vec();
    sorted.sort();
    for d in sorted {
        let mut day = d;
        while is_weekend(day) || out.contains(&day) {
            match day.tomorrow() {
                Ok(next) => day = next,
                Err(_) => break,
            }
        }
        out.push(day);
    }
    out
}

/// The bank holidays of a year in a nation, in date order.
pub fn bank_holidays(nation: Nation, year: i16) -> Vec<Date> {
    let mut fixed: Vec<Date> = Vec::new();
    // New Year (and 2 January in Scotland) and Christmas, with their substitutes.
    let new_year: Vec<Date> = match nation {
        Nation::Scotland => [date(year, 1, 1), date(year, 1, 2)]
            .into_iter()
            .flatten()
            .collect(),
        _ => date(year, 1, 1).into_iter().collect(),
    };
    fixed.extend(substitute(&new_year));
    fixed.extend(substitute(
        &[date(year, 12, 25), date(year, 12, 26)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>(),
    ));
    let own_day = |m, d| {
        date(year, m, d)
            .map(|x| substitute(&[x]))
            .unwrap_or_default()
    };
    match nation {
        Nation::Scotland => fixed.extend(own_day(11, 30)),
        Nation::NorthernIreland => {
            fixed.extend(own_day(3, 17));
            fixed.extend(own_day(7, 12));
        }
        Nation::England | Nation::Wales => {}
    }
    let mut days = fixed;
    if let Some(easter) = easter_sunday(year) {
        days.extend(easter.checked_sub(2.days()).ok());
        if nation != Nation::Scotland {
            days.extend(easter.checked_add(1.days()).ok());
        }
    }
    days.extend(moved(year, 5, first_monday(year, 5)));
    days.extend(moved(year, 6, last_monday(year, 5)));
    days.extend(match nation {
        Nation::Scotland => first_monday(year, 8),
        _ => last_monday(year, 8),
    });
    days.extend(
        ONE_OFF
            .iter()
            .filter(|(y, _, _)| *y == year)
            .filter_map(|(y, m, d)| date(*y, *m, *d)),
    );
    days.sort();
    days.dedup();
    days
}

/// The early May and spring holidays that were moved in a given year (`which`: 5 for early
/// May, 6 for spring).
fn moved(year: i16, which: i8, usual: Option<Date>) -> Option<Date> {
    match (year, which) {
        (1995, 5) => date(1995, 5, 8),
        (2020, 5) => date(2020, 5, 8),
        (2002, 6) => date(2002, 6, 4),
        (2012, 6) => date(2012, 6, 4),
        (2022, 6) => date(2022, 6, 2),
        _ => usual,
    }
}

pub fn is_working_day(nation: Nation, d: Date) -> bool {
    is_working_day_among(d, &bank_holidays(nation, d.year()))
}

/// With the bank holidays of `d`'s year already worked out.
fn is_working_day_among(d: Date, holidays: &[Date]) -> bool {
    !is_weekend(d) && !holidays.contains(&d)
}

/// The date `n` working days after `from` (not counting `from` itself): "within 20 working
/// days of receipt".
pub fn add_working_days(nation: Nation, from: Date, n: u32) -> Option<Date> {
    let mut day = from;
    let mut left = n;
    // Worked out once per year crossed, not once per day counted.
    let mut holidays = (from.year(), bank_holidays(nation, from.year()));
    while left > 0 {
        day = day.tomorrow().ok()?;
        if day.year() != holidays.0 {
            holidays = (day.year(), bank_holidays(nation, day.year()));
        }
        if is_working_day_among(day, &holidays.1) {
            left -= 1;
        }
    }
    Some(day)
}

/// The date `n` calendar days after `from`.
pub fn add_calendar_days(from: Date, n: i64) -> Option<Date> {
    from.checked_add(n.days()).ok()
}

/// The date `n` months after `from`: the same day of the month, or the month's last day
/// ("within 12 months", "one month to reply").
pub fn add_months(from: Date, n: i64) -> Option<Date> {
    from.checked_add(n.months()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i16, m: i8, day: i8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    fn holidays(nation: Nation, year: i16) -> Vec<String> {
        bank_holidays(nation, year)
            .iter()
            .map(|d| d.to_string())
            .collect()
    }

    /// Published bank holidays (GOV.UK, mygov.scot, nidirect) for years with weekend
    /// Christmases and New Years.
    #[test]
    fn england_and_wales_match_the_published_dates() {
        for nation in [Nation::England, Nation::Wales] {
            assert_eq!(
                holidays(nation, 2022),
                [
                    "2022-01-03",
                    "2022-04-15",
                    "2022-04-18",
                    "2022-05-02",
                    "2022-06-02",
                    "2022-06-03",
                    "2022-08-29",
                    "2022-09-19",
                    "2022-12-26",
                    "2022-12-27",
                ]
            );
            assert_eq!(
                holidays(nation, 2023),
                [
                    "2023-01-02",
                    "2023-04-07",
                    "2023-04-10",
                    "2023-05-01",
                    "2023-05-08",
                    "2023-05-29",
                    "2023-08-28",
                    "2023-12-25",
                    "2023-12-26",
                ]
            );
            assert_eq!(
                holidays(nation, 2026),
                [
                    "2026-01-01",
                    "2026-04-03",
                    "2026-04-06",
                    "2026-05-04",
                    "2026-05-25",
                    "2026-08-31",
                    "2026-12-25",
                    "2026-12-28",
                ]
            );
            assert_eq!(
                holidays(nation, 2027),
                [
                    "2027-01-01",
                    "2027-03-26",
                    "2027-03-29",
                    "2027-05-03",
                    "2027-05-31",
                    "2027-08-30",
                    "2027-12-27",
                    "2027-12-28",
                ]
            );
        }
        // 2020: early May moved to VE Day; Boxing Day on a Saturday moved to Monday 28th.
        assert!(holidays(Nation::England, 2020).contains(&"2020-05-08".to_owned()));
        assert!(!holidays(Nation::England, 2020).contains(&"2020-05-04".to_owned()));
        assert!(holidays(Nation::England, 2020).contains(&"2020-12-28".to_owned()));
        // 2021: Christmas on a Saturday: Monday 27th and Tuesday 28th.
        assert!(
            holidays(Nation::England, 2021)
                .ends_with(&["2021-12-27".to_owned(), "2021-12-28".to_owned()])
        );
    }

    #[test]
    fn scotland_keeps_2_january_and_st_andrews_day_but_not_easter_monday() {
        assert_eq!(
            holidays(Nation::Scotland, 2022),
            [
                "2022-01-03",
                "2022-01-04",
                "2022-04-15",
                "2022-05-02",
                "2022-06-02",
                "2022-06-03",
                "2022-08-01",
                "2022-09-19",
                "2022-11-30",
                "2022-12-26",
                "2022-12-27",
            ]
        );
        assert_eq!(
            holidays(Nation::Scotland, 2023),
            [
                "2023-01-02",
                "2023-01-03",
                "2023-04-07",
                "2023-05-01",
                "2023-05-08",
                "2023-05-29",
                "2023-08-07",
                "2023-11-30",
                "2023-12-25",
                "2023-12-26",
            ]
        );
        // St Andrew's Day on a Sunday in 2025: Monday 1 December.
        assert!(holidays(Nation::Scotland, 2025).contains(&"2025-12-01".to_owned()));
        assert_eq!(
            holidays(Nation::Scotland, 2026)[..2],
            ["2026-01-01".to_owned(), "2026-01-02".to_owned()]
        );
        assert!(holidays(Nation::Scotland, 2026).contains(&"2026-08-03".to_owned()));
        assert!(!holidays(Nation::Scotland, 2026).contains(&"2026-04-06".to_owned()));
    }

    #[test]
    fn northern_ireland_adds_st_patricks_day_and_the_boyne() {
        let ni_2024 = holidays(Nation::NorthernIreland, 2024);
        assert!(
            ni_2024.contains(&"2024-03-18".to_owned()),
            "St Patrick's Day on a Sunday: Monday"
        );
        assert!(ni_2024.contains(&"2024-07-12".to_owned()));
        assert!(ni_2024.contains(&"2024-04-01".to_owned()), "Easter Monday");
        assert!(
            holidays(Nation::NorthernIreland, 2025).contains(&"2025-07-14".to_owned()),
            "the Boyne on a Saturday: Monday"
        );
        assert!(
            holidays(Nation::NorthernIreland, 2026).contains(&"2026-07-13".to_owned()),
            "the Boyne on a Sunday: Monday"
        );
        assert_eq!(holidays(Nation::NorthernIreland, 2026).len(), 10);
    }

    #[test]
    fn easter_is_right() {
        for (y, m, day) in [
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2038, 4, 25),
        ] {
            assert_eq!(easter_sunday(y), Some(d(y, m, day)));
        }
    }

    #[test]
    fn working_days_skip_weekends_and_each_nations_holidays() {
        // From Monday 21 December 2026, 5 working days in England: 22, 23, 24, 29, 30.
        assert_eq!(
            add_working_days(Nation::England, d(2026, 12, 21), 5),
            Some(d(2026, 12, 30))
        );
        // Across New Year: from 31 December 2026, 3 working days. England: 4, 5, 6 January.
        // Scotland also keeps Saturday 2 January, moved to Monday 4th.
        assert_eq!(
            add_working_days(Nation::England, d(2026, 12, 31), 3),
            Some(d(2027, 1, 6))
        );
        assert_eq!(
            add_working_days(Nation::Scotland, d(2026, 12, 31), 3),
            Some(d(2027, 1, 7))
        );
        // Across Easter 2026: Easter Monday is a working day in Scotland only.
        assert_eq!(
            add_working_days(Nation::Wales, d(2026, 4, 2), 1),
            Some(d(2026, 4, 7))
        );
        assert_eq!(
            add_working_days(Nation::Scotland, d(2026, 4, 2), 1),
            Some(d(2026, 4, 6))
        );
        // 20 working days from Monday 2 November 2026 in England.
        assert_eq!(
            add_working_days(Nation::England, d(2026, 11, 2), 20),
            Some(d(2026, 11, 30))
        );
        // Northern Ireland: the Battle of the Boyne (Sunday 12 July 2026) moves to Monday 13th.
        assert_eq!(
            add_working_days(Nation::NorthernIreland, d(2026, 7, 10), 1),
            Some(d(2026, 7, 14))
        );
        assert_eq!(
            add_working_days(Nation::England, d(2026, 7, 10), 1),
            Some(d(2026, 7, 13))
        );
        assert_eq!(add_months(d(2026, 1, 31), 1), Some(d(2026, 2, 28)));
        assert_eq!(add_months(d(2028, 1, 31), 1), Some(d(2028, 2, 29)));
        assert_eq!(add_months(d(2026, 3, 15), 12), Some(d(2027, 3, 15)));
        assert_eq!(add_calendar_days(d(2026, 12, 25), 10), Some(d(2027, 1, 4)));
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn nation() -> impl Strategy<Value = Nation> {
            prop::sample::select(Nation::ALL.to_vec())
        }

        fn date() -> impl Strategy<Value = Date> {
            (0_i32..365 * 30).prop_map(|n| {
                d(2000, 1, 1)
                    .checked_add(jiff::Span::new().days(n))
                    .unwrap()
            })
        }

        proptest! {
            #[test]
            fn a_working_day_deadline_is_a_working_day(nation in nation(), from in date(), n in 1_u32..60) {
                let due = add_working_days(nation, from, n).unwrap();
                prop_assert!(is_working_day(nation, due), "{due} is not a working day in {nation:?}");
                prop_assert!(due > from);
            }

            #[test]
            fn adding_working_days_is_monotonic(nation in nation(), from in date(), later in 0_i32..40, n in 0_u32..60, more in 0_u32..10) {
                let a = add_working_days(nation, from, n).unwrap();
                prop_assert!(add_working_days(nation, from, n + more).unwrap() >= a);
                let from_later = from.checked_add(jiff::Span::new().days(later)).unwrap();
                prop_assert!(add_working_days(nation, from_later, n).unwrap() >= a);
            }

            #[test]
            fn n_working_days_contain_exactly_n_working_days(nation in nation(), from in date(), n in 0_u32..40) {
                let due = add_working_days(nation, from, n).unwrap();
                let mut count = 0;
                let mut day = from;
                while day < due {
                    day = day.tomorrow().unwrap();
                    if is_working_day(nation, day) {
                        count += 1;
                    }
                }
                prop_assert_eq!(count, n);
            }
        }
    }
}
