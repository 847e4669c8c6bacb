//! Reading dates and times as people type them (and as date and time fields send them), with a
//! message id for each way one can be wrong; and a time in London that the clocks do not skip.

use jiff::civil::{Date, DateTime, Time};

use crate::time::london;

/// Reads a date from the three boxes of a date question (day, month, year). The month may be
/// a number or a name ("12", "Dec", "December").
pub fn date_from_parts(day: &str, month: &str, year: &str) -> Result<Date, WhenProblem> {
    let (day, month, year) = (day.trim(), month.trim(), year.trim());
    if day.is_empty() && month.is_empty() && year.is_empty() {
        return Err(WhenProblem::DateMissing);
    }
    let month_number = match month.parse::<i64>() {
        Ok(n) => n,
        Err(_) => month_from_name(month).ok_or(WhenProblem::DateInvalid)?,
    };
    let day: i64 = day.parse().map_err(|_| WhenProblem::DateInvalid)?;
    let year: i64 = year.parse().map_err(|_| WhenProblem::DateInvalid)?;
    let year = if (0..100).contains(&year) {
        2000 + year
    } else {
        year
    };
    if !(1..=12).contains(&month_number) || !(1..=31).contains(&day) {
        return Err(WhenProblem::DateImpossible);
    }
    if !(1900..=2200).contains(&year) {
        return Err(WhenProblem::DateOutOfRange);
    }
    Date::new(year as i16, month_number as i8, day as i8).map_err(|_| WhenProblem::DateImpossible)
}

fn month_from_name(name: &str) -> Option<i64> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = name.to_lowercase();
    if lower.chars().count() < 3 {
        return None;
    }
    NAMES
        .iter()
        .position(|n| n.starts_with(&lower))
        .map(|i| i as i64 + 1)
}

/// Why a date and time were refused. Each is a message id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WhenProblem {
    #[error("when-date-missing")]
    DateMissing,
    #[error("when-date-invalid")]
    DateInvalid,
    #[error("when-date-impossible")]
    DateImpossible,
    #[error("when-date-out-of-range")]
    DateOutOfRange,
    #[error("when-time-missing")]
    TimeMissing,
    #[error("when-time-invalid")]
    TimeInvalid,
    /// The clocks go forward over this time: it does not exist in London that day.
    #[error("when-time-skipped")]
    TimeSkipped,
}

/// Every date and time problem, so a test can check each has a message.
pub const WHEN_PROBLEMS: &[WhenProblem] = &[
    WhenProblem::DateMissing,
    WhenProblem::DateInvalid,
    WhenProblem::DateImpossible,
    WhenProblem::DateOutOfRange,
    WhenProblem::TimeMissing,
    WhenProblem::TimeInvalid,
    WhenProblem::TimeSkipped,
];

/// Reads a date as a browser's date field sends it (`2026-12-03`) or as people type it
/// (`3/12/2026`, `3.12.26`, `3 12 2026`). Past dates are fine: people record appointments
/// after the fact.
pub fn parse_date(raw: &str) -> Result<Date, WhenProblem> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(WhenProblem::DateMissing);
    }
    let parts: Vec<&str> = raw
        .split(|c: char| c == '-' || c == '/' || c == '.' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    let numbers: Vec<i64> = parts
        .iter()
        .map(|p| p.parse::<i64>())
        .collect::<Result<_, _>>()
        .map_err(|_| WhenProblem::DateInvalid)?;
    let [a, b, c] = numbers[..] else {
        return Err(WhenProblem::DateInvalid);
    };
    // ISO from a date field is year first; people in the UK write day first.
    let (year, month, day) = if parts[0].len() == 4 {
        (a, b, c)
    } else {
        (c, b, a)
    };
    let year = if (0..100).contains(&year) && parts[2].len() <= 2 {
        2000 + year
    } else {
        year
    };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return Err(WhenProblem::DateImpossible);
    }
    if !(1900..=2200).contains(&year) {
        return Err(WhenProblem::DateOutOfRange);
    }
    let (year, month, day) = (year as i16, month as i8, day as i8);
    Date::new(year, month, day).map_err(|_| WhenProblem::DateImpossible)
}

/// Reads a time as a browser's time field sends it (`14:30`) or as people type it (`2:30pm`,
/// `2.30 pm`, `14.30`, `2pm`).
pub fn parse_time(raw: &str) -> Result<Time, WhenProblem> {
    let lower = raw.trim().to_lowercase().replace(' ', "");
    if lower.is_empty() {
        return Err(WhenProblem::TimeMissing);
    }
    let (digits, meridiem) = if let Some(d) = lower.strip_suffix("am") {
        (d, Some(false))
    } else if let Some(d) = lower.strip_suffix("pm") {
        (d, Some(true))
    } else {
        (lower.as_str(), None)
    };
    let (h, m) = match digits.split_once([':', '.']) {
        Some((h, m)) => (h, m),
        None => (digits, "0"),
    };
    let hour: i8 = h.parse().map_err(|_| WhenProblem::TimeInvalid)?;
    let minute: i8 = m.parse().map_err(|_| WhenProblem::TimeInvalid)?;
    let hour = match meridiem {
        Some(_) if !(1..=12).contains(&hour) => return Err(WhenProblem::TimeInvalid),
        Some(false) => hour % 12,
        Some(true) => hour % 12 + 12,
        None => hour,
    };
    Time::new(hour, minute, 0, 0).map_err(|_| WhenProblem::TimeInvalid)
}

/// A date and time in London, refusing a time the clocks skip.
pub fn london_date_time(date: Date, time: Time) -> Result<DateTime, WhenProblem> {
    let at = date.to_datetime(time);
    let ambiguous = london().to_ambiguous_zoned_datetime(at);
    if matches!(ambiguous.offset(), jiff::tz::AmbiguousOffset::Gap { .. }) {
        return Err(WhenProblem::TimeSkipped);
    }
    Ok(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_from_date_fields_and_as_typed() {
        let d = |y, m, day| Date::new(y, m, day).unwrap();
        assert_eq!(parse_date("2026-12-03"), Ok(d(2026, 12, 3)));
        assert_eq!(parse_date("3/12/2026"), Ok(d(2026, 12, 3)));
        assert_eq!(parse_date(" 03.12.26 "), Ok(d(2026, 12, 3)));
        assert_eq!(parse_date("3 12 2026"), Ok(d(2026, 12, 3)));
        assert_eq!(parse_date("2024-02-29"), Ok(d(2024, 2, 29)));
        assert_eq!(
            parse_date("2019-05-01"),
            Ok(d(2019, 5, 1)),
            "past dates are allowed"
        );
        assert_eq!(parse_date(""), Err(WhenProblem::DateMissing));
        assert_eq!(parse_date("next tuesday"), Err(WhenProblem::DateInvalid));
        assert_eq!(parse_date("2026-02-30"), Err(WhenProblem::DateImpossible));
        assert_eq!(parse_date("2025-02-29"), Err(WhenProblem::DateImpossible));
        assert_eq!(parse_date("31/13/2026"), Err(WhenProblem::DateImpossible));
        assert_eq!(parse_date("1/1/1850"), Err(WhenProblem::DateOutOfRange));
    }

    #[test]
    fn times_are_read_from_time_fields_and_as_typed() {
        let t = |h, m| Time::new(h, m, 0, 0).unwrap();
        assert_eq!(parse_time("14:30"), Ok(t(14, 30)));
        assert_eq!(parse_time("2:30pm"), Ok(t(14, 30)));
        assert_eq!(parse_time("2.30 PM"), Ok(t(14, 30)));
        assert_eq!(parse_time("12pm"), Ok(t(12, 0)));
        assert_eq!(parse_time("12am"), Ok(t(0, 0)));
        assert_eq!(parse_time("9am"), Ok(t(9, 0)));
        assert_eq!(parse_time(""), Err(WhenProblem::TimeMissing));
        assert_eq!(parse_time("25:00"), Err(WhenProblem::TimeInvalid));
        assert_eq!(parse_time("13pm"), Err(WhenProblem::TimeInvalid));
        assert_eq!(parse_time("half two"), Err(WhenProblem::TimeInvalid));
    }

    #[test]
    fn dates_are_read_from_day_month_and_year_boxes() {
        let d = |y, m, day| Date::new(y, m, day).unwrap();
        assert_eq!(date_from_parts("3", "12", "2026"), Ok(d(2026, 12, 3)));
        assert_eq!(date_from_parts(" 03 ", "Dec", "26"), Ok(d(2026, 12, 3)));
        assert_eq!(date_from_parts("3", "december", "2026"), Ok(d(2026, 12, 3)));
        assert_eq!(date_from_parts("", "", ""), Err(WhenProblem::DateMissing));
        assert_eq!(
            date_from_parts("30", "2", "2026"),
            Err(WhenProblem::DateImpossible)
        );
        assert_eq!(
            date_from_parts("3", "de", "2026"),
            Err(WhenProblem::DateInvalid)
        );
        assert_eq!(
            date_from_parts("x", "12", "2026"),
            Err(WhenProblem::DateInvalid)
        );
        assert_eq!(
            date_from_parts("3", "12", "1066"),
            Err(WhenProblem::DateOutOfRange)
        );
    }
}
