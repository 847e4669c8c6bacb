//! UK calendars: each nation's bank holidays and working days, for deadlines ("within 20
//! working days") and reminders. Rules, not tables, with the one-off holidays listed.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use serde::{Deserialize, Serialize};

use crate::choice::Choice;

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

/// Which bank holiday a day is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holiday {
    NewYearsDay,
    /// 2 January, in Scotland.
    SecondOfJanuary,
    StPatricksDay,
    GoodFriday,
    EasterMonday,
    EarlyMay,
    Spring,
    /// The Battle of the Boyne, 12 July, in Northern Ireland.
    BattleOfTheBoyne,
    Summer,
    StAndrewsDay,
    ChristmasDay,
    BoxingDay,
    /// Added for one year only by royal proclamation; the name is from the calendar file.
    OneOff(&'static str),
}

impl Holiday {
    /// A stable id, for locale keys ("holiday-new-years-day") and the calendar file.
    pub fn id(self) -> &'static str {
        match self {
            Holiday::NewYearsDay => "new-years-day",
            Holiday::SecondOfJanuary => "second-of-january",
            Holiday::StPatricksDay => "st-patricks-day",
            Holiday::GoodFriday => "good-friday",
            Holiday::EasterMonday => "easter-monday",
            Holiday::EarlyMay => "early-may",
            Holiday::Spring => "spring",
            Holiday::BattleOfTheBoyne => "battle-of-the-boyne",
            Holiday::Summer => "summer",
            Holiday::StAndrewsDay => "st-andrews-day",
            Holiday::ChristmasDay => "christmas-day",
            Holiday::BoxingDay => "boxing-day",
            Holiday::OneOff(_) => "one-off",
        }
    }
}

/// A bank holiday as it falls in one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BankHoliday {
    pub date: Date,
    pub holiday: Holiday,
    /// It moved to this weekday because its own date was at a weekend.
    pub substitute: bool,
    /// It moved by royal proclamation for this year (the early May holiday of 2020, say).
    pub moved: bool,
}

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
fn substitute(days: &[(Date, Holiday)]) -> Vec<BankHoliday> {
    let mut out: Vec<BankHoliday> = Vec::new();
    let mut sorted = days.to_vec();
    sorted.sort_by_key(|(d, _)| *d);
    for (d, holiday) in sorted {
        let mut day = d;
        while is_weekend(day) || out.iter().any(|h| h.date == day) {
            match day.tomorrow() {
                Ok(next) => day = next,
                Err(_) => break,
            }
        }
        out.push(BankHoliday {
            date: day,
            holiday,
            substitute: day != d,
            moved: false,
        });
    }
    out
}

/// The bank holidays of a year in a nation, in date order, each with its name.
pub fn bank_holidays_named(nation: Nation, year: i16) -> Vec<BankHoliday> {
    let data = data();
    let on = |m, d, holiday| date(year, m, d).map(|x| (x, holiday));
    // New Year (and 2 January in Scotland) and Christmas, with their substitutes.
    let mut new_year: Vec<(Date, Holiday)> = on(1, 1, Holiday::NewYearsDay).into_iter().collect();
    if nation == Nation::Scotland {
        new_year.extend(on(1, 2, Holiday::SecondOfJanuary));
    }
    let mut days = substitute(&new_year);
    days.extend(substitute(
        &[
            on(12, 25, Holiday::ChristmasDay),
            on(12, 26, Holiday::BoxingDay),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>(),
    ));
    let own_day = |m, d, holiday| {
        on(m, d, holiday)
            .map(|x| substitute(&[x]))
            .unwrap_or_default()
    };
    match nation {
        Nation::Scotland => days.extend(own_day(11, 30, Holiday::StAndrewsDay)),
        Nation::NorthernIreland => {
            days.extend(own_day(3, 17, Holiday::StPatricksDay));
            days.extend(own_day(7, 12, Holiday::BattleOfTheBoyne));
        }
        Nation::England | Nation::Wales => {}
    }
    let usual = |date: Option<Date>, holiday| {
        date.map(|date| BankHoliday {
            date,
            holiday,
            substitute: false,
            moved: false,
        })
    };
    if let Some(easter) = easter_sunday(year) {
        days.extend(usual(
            easter.checked_sub(2.days()).ok(),
            Holiday::GoodFriday,
        ));
        if nation != Nation::Scotland {
            days.extend(usual(
                easter.checked_add(1.days()).ok(),
                Holiday::EasterMonday,
            ));
        }
    }
    for (holiday, usual_date) in [
        (Holiday::EarlyMay, first_monday(year, 5)),
        (Holiday::Spring, last_monday(year, 5)),
    ] {
        let moved = data
            .moved
            .iter()
            .find(|m| m.holiday == holiday && m.to.year() == year && m.nations.contains(&nation));
        days.extend(match moved {
            Some(m) => Some(BankHoliday {
                date: m.to,
                holiday,
                substitute: false,
                moved: true,
            }),
            None => usual(usual_date, holiday),
        });
    }
    days.extend(usual(
        match nation {
            Nation::Scotland => first_monday(year, 8),
            _ => last_monday(year, 8),
        },
        Holiday::Summer,
    ));
    days.extend(
        data.one_off
            .iter()
            .filter(|o| o.date.year() == year && o.nations.contains(&nation))
            .map(|o| BankHoliday {
                date: o.date,
                holiday: Holiday::OneOff(o.name.as_str()),
                substitute: false,
                moved: false,
            }),
    );
    days.sort_by_key(|h| h.date);
    days.dedup_by_key(|h| h.date);
    days
}

/// The bank holidays of a year in a nation, in date order.
pub fn bank_holidays(nation: Nation, year: i16) -> Vec<Date> {
    bank_holidays_named(nation, year)
        .into_iter()
        .map(|h| h.date)
        .collect()
}

pub fn is_working_day(nation: Nation, d: Date) -> bool {
    is_working_day_among(d, &bank_holidays(nation, d.year()))
}

/// With the bank holidays of `d`'s year already worked out.
fn is_working_day_among(d: Date, holidays: &[Date]) -> bool {
    !is_weekend(d) && !holidays.contains(&d)
}

/// A day a count passed over, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skipped {
    Weekend(Date),
    BankHoliday(BankHoliday),
}

impl Skipped {
    pub fn date(&self) -> Date {
        match self {
            Skipped::Weekend(d) => *d,
            Skipped::BankHoliday(h) => h.date,
        }
    }
}

/// The bank holiday on `d` in this nation, if it is one.
pub fn bank_holiday_on(nation: Nation, d: Date) -> Option<BankHoliday> {
    bank_holidays_named(nation, d.year())
        .into_iter()
        .find(|h| h.date == d)
}

/// Why `d` is not a working day in this nation, or `None` when it is one.
pub fn not_a_working_day(nation: Nation, d: Date) -> Option<Skipped> {
    match bank_holiday_on(nation, d) {
        Some(h) => Some(Skipped::BankHoliday(h)),
        None if is_weekend(d) => Some(Skipped::Weekend(d)),
        None => None,
    }
}

/// The date `n` working days after `from` (not counting `from` itself): "within 20 working
/// days of receipt".
pub fn add_working_days(nation: Nation, from: Date, n: u32) -> Option<Date> {
    count_working_days(nation, from, n).map(|(due, _)| due)
}

/// [`add_working_days`], with every day it passed over and why.
pub fn count_working_days(nation: Nation, from: Date, n: u32) -> Option<(Date, Vec<Skipped>)> {
    let mut day = from;
    let mut left = n;
    let mut skipped = Vec::new();
    // Worked out once per year crossed, not once per day counted.
    let mut holidays = (from.year(), bank_holidays_named(nation, from.year()));
    while left > 0 {
        day = day.tomorrow().ok()?;
        if day.year() != holidays.0 {
            holidays = (day.year(), bank_holidays_named(nation, day.year()));
        }
        if let Some(h) = holidays.1.iter().find(|h| h.date == day) {
            skipped.push(Skipped::BankHoliday(*h));
        } else if is_weekend(day) {
            skipped.push(Skipped::Weekend(day));
        } else {
            left -= 1;
        }
    }
    Some((day, skipped))
}

/// The first working day on or after `d`, with the days passed over: where a deadline that
/// falls on a weekend or bank holiday moves to.
pub fn next_working_day(nation: Nation, d: Date) -> Option<(Date, Vec<Skipped>)> {
    let mut day = d;
    let mut skipped = Vec::new();
    while let Some(why) = not_a_working_day(nation, day) {
        skipped.push(why);
        day = day.tomorrow().ok()?;
    }
    Some((day, skipped))
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

/// Whether adding months to `from` landed on the month's last day because the month has no
/// such date (31 January plus one month is 28 or 29 February).
pub fn month_end_used(from: Date, n: i64) -> bool {
    add_months(from, n).is_some_and(|due| due.day() != from.day())
}

// ---------------------------------------------------------------------------------------------
// The calendar file: sources, and the days proclamations added or moved.

const CALENDAR_FILE: &str = include_str!("../../../content/calendar/bank-holidays.toml");
pub const CALENDAR_PATH: &str = "calendar/bank-holidays.toml";

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarFile {
    pub title: String,
    pub author: String,
    pub reviewer: String,
    pub last_reviewed: String,
    pub next_review: String,
    /// The last year whose dates are checked against the published lists.
    pub known_through: i16,
    pub rules: Vec<NationRule>,
    pub sources: Vec<CalendarSource>,
    #[serde(default)]
    pub one_off: Vec<OneOff>,
    #[serde(default)]
    pub moved: Vec<Moved>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NationRule {
    pub nation: Nation,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct CalendarSource {
    pub nations: Vec<Nation>,
    #[serde(flatten)]
    pub source: crate::question_bank::Source,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OneOff {
    pub date: Date,
    pub name: String,
    pub nations: Vec<Nation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Moved {
    #[serde(deserialize_with = "movable")]
    pub holiday: Holiday,
    pub to: Date,
    pub nations: Vec<Nation>,
}

fn movable<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Holiday, D::Error> {
    match String::deserialize(d)?.as_str() {
        "early-may" => Ok(Holiday::EarlyMay),
        "spring" => Ok(Holiday::Spring),
        other => Err(serde::de::Error::custom(format!(
            "\"{other}\" cannot be moved here: use \"early-may\" or \"spring\""
        ))),
    }
}

impl CalendarFile {
    /// Reads and checks the calendar file; every problem is reported with its line.
    pub fn parse(file: &str, text: &str) -> Result<Self, Vec<crate::content::ContentProblem>> {
        use crate::content::{ContentProblem, line_at, line_of};
        let parsed: CalendarFile = toml::from_str(text).map_err(|e| {
            vec![ContentProblem::new(
                file,
                e.span().map(|s| line_at(text, s.start)),
                e.message().to_owned(),
            )]
        })?;
        let mut problems = Vec::new();
        let sources: Vec<crate::question_bank::Source> =
            parsed.sources.iter().map(|s| s.source.clone()).collect();
        problems.extend(crate::provenance::source_problems(file, text, &sources));
        if let Err(p) =
            crate::provenance::review_dates(file, text, &parsed.last_reviewed, &parsed.next_review)
        {
            problems.extend(p);
        }
        for nation in Nation::ALL {
            if !parsed.rules.iter().any(|r| r.nation == *nation) {
                problems.push(ContentProblem::new(
                    file,
                    line_of(text, "[[rules]]"),
                    format!("no rule for {}", nation.id()),
                ));
            }
            if !parsed.sources.iter().any(|s| s.nations.contains(nation)) {
                problems.push(ContentProblem::new(
                    file,
                    line_of(text, "[[sources]]"),
                    format!("no source for {}", nation.id()),
                ));
            }
        }
        if problems.is_empty() {
            Ok(parsed)
        } else {
            Err(problems)
        }
    }

    /// The sources for one nation's bank holidays.
    pub fn sources_for(
        &self,
        nation: Nation,
    ) -> impl Iterator<Item = &crate::question_bank::Source> {
        self.sources
            .iter()
            .filter(move |s| s.nations.contains(&nation))
            .map(|s| &s.source)
    }

    pub fn rule_for(&self, nation: Nation) -> Option<&NationRule> {
        self.rules.iter().find(|r| r.nation == nation)
    }
}

/// The calendar file built into Heard. The tests prove it parses; were it ever broken, the
/// usual rules would still apply, without the one-year changes.
pub fn data() -> &'static CalendarFile {
    static DATA: std::sync::OnceLock<CalendarFile> = std::sync::OnceLock::new();
    DATA.get_or_init(|| {
        CalendarFile::parse(CALENDAR_PATH, CALENDAR_FILE).unwrap_or_else(|_| CalendarFile {
            title: String::new(),
            author: String::new(),
            reviewer: String::new(),
            last_reviewed: String::new(),
            next_review: String::new(),
            known_through: 0,
            rules: Vec::new(),
            sources: Vec::new(),
            one_off: Vec::new(),
            moved: Vec::new(),
        })
    })
}

/// The text of the built-in calendar file, for `heard check-content`.
pub fn calendar_file_text() -> &'static str {
    CALENDAR_FILE
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

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

    /// The bank holidays 2026 to 2030 as published and proclaimed (GOV.UK's list for 2026 and
    /// 2027; the Banking and Financial Dealings Act 1971, Schedule 1, the St Andrew's Day Act
    /// and the yearly proclamations' pattern for the rest). Worked out by hand, not by this
    /// code. Raise `known_through` in the calendar file only with a year added here.
    const PUBLISHED: &[(Nation, i16, &str)] = &[
        (
            Nation::England,
            2026,
            "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28",
        ),
        (
            Nation::England,
            2027,
            "01-01 03-26 03-29 05-03 05-31 08-30 12-27 12-28",
        ),
        (
            Nation::England,
            2028,
            "01-03 04-14 04-17 05-01 05-29 08-28 12-25 12-26",
        ),
        (
            Nation::England,
            2029,
            "01-01 03-30 04-02 05-07 05-28 08-27 12-25 12-26",
        ),
        (
            Nation::England,
            2030,
            "01-01 04-19 04-22 05-06 05-27 08-26 12-25 12-26",
        ),
        (
            Nation::Wales,
            2026,
            "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28",
        ),
        (
            Nation::Wales,
            2027,
            "01-01 03-26 03-29 05-03 05-31 08-30 12-27 12-28",
        ),
        (
            Nation::Wales,
            2028,
            "01-03 04-14 04-17 05-01 05-29 08-28 12-25 12-26",
        ),
        (
            Nation::Wales,
            2029,
            "01-01 03-30 04-02 05-07 05-28 08-27 12-25 12-26",
        ),
        (
            Nation::Wales,
            2030,
            "01-01 04-19 04-22 05-06 05-27 08-26 12-25 12-26",
        ),
        (
            Nation::Scotland,
            2026,
            "01-01 01-02 04-03 05-04 05-25 08-03 11-30 12-25 12-28",
        ),
        (
            Nation::Scotland,
            2027,
            "01-01 01-04 03-26 05-03 05-31 08-02 11-30 12-27 12-28",
        ),
        (
            Nation::Scotland,
            2028,
            "01-03 01-04 04-14 05-01 05-29 08-07 11-30 12-25 12-26",
        ),
        (
            Nation::Scotland,
            2029,
            "01-01 01-02 03-30 05-07 05-28 08-06 11-30 12-25 12-26",
        ),
        (
            Nation::Scotland,
            2030,
            "01-01 01-02 04-19 05-06 05-27 08-05 12-02 12-25 12-26",
        ),
        (
            Nation::NorthernIreland,
            2026,
            "01-01 03-17 04-03 04-06 05-04 05-25 07-13 08-31 12-25 12-28",
        ),
        (
            Nation::NorthernIreland,
            2027,
            "01-01 03-17 03-26 03-29 05-03 05-31 07-12 08-30 12-27 12-28",
        ),
        (
            Nation::NorthernIreland,
            2028,
            "01-03 03-17 04-14 04-17 05-01 05-29 07-12 08-28 12-25 12-26",
        ),
        (
            Nation::NorthernIreland,
            2029,
            "01-01 03-19 03-30 04-02 05-07 05-28 07-12 08-27 12-25 12-26",
        ),
        (
            Nation::NorthernIreland,
            2030,
            "01-01 03-18 04-19 04-22 05-06 05-27 07-12 08-26 12-25 12-26",
        ),
    ];

    #[test]
    fn every_nation_matches_the_published_dates_through_2030() {
        for (nation, year, dates) in PUBLISHED {
            let expected: Vec<String> = dates.split(' ').map(|md| format!("{year}-{md}")).collect();
            assert_eq!(holidays(*nation, *year), expected, "{nation:?} {year}");
        }
        let covered: BTreeSet<i16> = PUBLISHED.iter().map(|(_, y, _)| *y).collect();
        assert!(
            covered.contains(&data().known_through),
            "the calendar file says it is known through {}, but no published dates for that year are tested here",
            data().known_through
        );
    }

    #[test]
    fn the_built_in_calendar_file_parses_and_names_its_holidays() {
        assert!(CalendarFile::parse(CALENDAR_PATH, CALENDAR_FILE).is_ok());
        assert_eq!(data().known_through, 2030);
        let coronation = bank_holiday_on(Nation::Wales, d(2023, 5, 8)).unwrap();
        assert_eq!(
            coronation.holiday,
            Holiday::OneOff("Coronation of King Charles III")
        );
        let boxing = bank_holiday_on(Nation::England, d(2026, 12, 28)).unwrap();
        assert_eq!(
            (boxing.holiday, boxing.substitute),
            (Holiday::BoxingDay, true)
        );
        let ve_day = bank_holiday_on(Nation::Scotland, d(2020, 5, 8)).unwrap();
        assert_eq!((ve_day.holiday, ve_day.moved), (Holiday::EarlyMay, true));
        assert_eq!(
            bank_holiday_on(Nation::NorthernIreland, d(2029, 3, 19)).map(|h| h.holiday),
            Some(Holiday::StPatricksDay)
        );
        assert!(data().sources_for(Nation::Scotland).count() >= 2);
    }

    /// Working days counted across Christmas and New Year, and across Easter, each year from
    /// 2026 to 2030, for every nation: the answers worked out by hand from the published dates.
    #[test]
    fn christmas_new_year_and_easter_from_2026_to_2030() {
        // (nation, year, 3 working days from 23 December, 2 from the Thursday before Easter,
        // 2 from 30 December)
        let table = [
            (
                Nation::England,
                2026,
                "2026-12-30",
                "2026-04-08",
                "2027-01-04",
            ),
            (
                Nation::England,
                2027,
                "2027-12-30",
                "2027-03-31",
                "2028-01-04",
            ),
            (
                Nation::England,
                2028,
                "2028-12-29",
                "2028-04-19",
                "2029-01-03",
            ),
            (
                Nation::England,
                2029,
                "2029-12-28",
                "2029-04-04",
                "2030-01-02",
            ),
            (
                Nation::England,
                2030,
                "2030-12-30",
                "2030-04-24",
                "2031-01-02",
            ),
            (
                Nation::Wales,
                2026,
                "2026-12-30",
                "2026-04-08",
                "2027-01-04",
            ),
            (
                Nation::Wales,
                2030,
                "2030-12-30",
                "2030-04-24",
                "2031-01-02",
            ),
            (
                Nation::Scotland,
                2026,
                "2026-12-30",
                "2026-04-07",
                "2027-01-05",
            ),
            (
                Nation::Scotland,
                2027,
                "2027-12-30",
                "2027-03-30",
                "2028-01-05",
            ),
            (
                Nation::Scotland,
                2028,
                "2028-12-29",
                "2028-04-18",
                "2029-01-04",
            ),
            (
                Nation::Scotland,
                2029,
                "2029-12-28",
                "2029-04-03",
                "2030-01-03",
            ),
            (
                Nation::Scotland,
                2030,
                "2030-12-30",
                "2030-04-23",
                "2031-01-03",
            ),
            (
                Nation::NorthernIreland,
                2026,
                "2026-12-30",
                "2026-04-08",
                "2027-01-04",
            ),
            (
                Nation::NorthernIreland,
                2027,
                "2027-12-30",
                "2027-03-31",
                "2028-01-04",
            ),
            (
                Nation::NorthernIreland,
                2028,
                "2028-12-29",
                "2028-04-19",
                "2029-01-03",
            ),
            (
                Nation::NorthernIreland,
                2029,
                "2029-12-28",
                "2029-04-04",
                "2030-01-02",
            ),
            (
                Nation::NorthernIreland,
                2030,
                "2030-12-30",
                "2030-04-24",
                "2031-01-02",
            ),
        ];
        for (nation, year, christmas, easter, new_year) in table {
            let maundy_thursday = easter_sunday(year).unwrap().checked_sub(3.days()).unwrap();
            let on = |s: &str| s.parse::<Date>().unwrap();
            assert_eq!(
                add_working_days(nation, d(year, 12, 23), 3),
                Some(on(christmas)),
                "{nation:?} {year} Christmas"
            );
            assert_eq!(
                add_working_days(nation, maundy_thursday, 2),
                Some(on(easter)),
                "{nation:?} {year} Easter"
            );
            assert_eq!(
                add_working_days(nation, d(year, 12, 30), 2),
                Some(on(new_year)),
                "{nation:?} {year} New Year"
            );
        }
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
