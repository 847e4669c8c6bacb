//! UK time for people: Heard stores UTC and shows Europe/London, written the way people write
//! it ("Thursday 3 December 2026, 2:30pm").

use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};

/// Europe/London, from the time zone data built into the binary.
pub fn london() -> TimeZone {
    // The bundled database always has London; UTC is a safe fallback that cannot happen.
    TimeZone::get("Europe/London").unwrap_or(TimeZone::UTC)
}

pub fn in_london(t: Timestamp) -> ZonedDateTime {
    t.to_zoned_datetime(london())
}

/// "2:30pm", "10am", "12pm" (midday), "12am" (midnight).
pub fn clock_time(t: &ZonedDateTime) -> String {
    let hour = t.hour();
    let minute = t.minute();
    let (h12, suffix) = match hour {
        0 => (12, "am"),
        1..=11 => (hour, "am"),
        12 => (12, "pm"),
        _ => (hour - 12, "pm"),
    };
    if minute == 0 {
        format!("{h12}{suffix}")
    } else {
        format!("{h12}:{minute:02}{suffix}")
    }
}

/// "3 December 2026".
pub fn date(t: &ZonedDateTime) -> String {
    long_date(t.date())
}

/// "3 December 2026", for a calendar date.
pub fn long_date(d: jiff::civil::Date) -> String {
    format!("{} {} {}", d.day(), month_name(d.month()), d.year())
}

/// "Thursday 3 December 2026, 2:30pm".
pub fn date_time(t: &ZonedDateTime) -> String {
    format!(
        "{} {}, {}",
        weekday_name(t.weekday()),
        date(t),
        clock_time(t)
    )
}

fn month_name(month: i8) -> &'static str {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    MONTHS[usize::try_from(month - 1).unwrap_or(0).min(11)]
}

fn weekday_name(day: jiff::civil::Weekday) -> &'static str {
    use jiff::civil::Weekday::*;
    match day {
        Monday => "Monday",
        Tuesday => "Tuesday",
        Wednesday => "Wednesday",
        Thursday => "Thursday",
        Friday => "Friday",
        Saturday => "Saturday",
        Sunday => "Sunday",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(utc: &str) -> ZonedDateTime {
        in_london(utc.parse().unwrap())
    }

    #[test]
    fn times_are_written_as_people_write_them() {
        assert_eq!(clock_time(&at("2026-12-03T14:30:00Z")), "2:30pm");
        assert_eq!(clock_time(&at("2026-12-03T10:00:00Z")), "10am");
        assert_eq!(clock_time(&at("2026-12-03T12:00:00Z")), "12pm");
        assert_eq!(clock_time(&at("2026-12-03T00:05:00Z")), "12:05am");
    }

    #[test]
    fn dates_use_london_time_across_the_clock_changes() {
        // Winter: London is UTC.
        assert_eq!(
            date_time(&at("2026-12-03T14:30:00Z")),
            "Thursday 3 December 2026, 2:30pm"
        );
        // Summer: London is an hour ahead, so 23:30 UTC is the next morning.
        assert_eq!(
            date_time(&at("2026-07-01T23:30:00Z")),
            "Thursday 2 July 2026, 12:30am"
        );
        // The last Sunday of October 2026 (25th): clocks go back at 02:00 BST = 01:00 UTC.
        assert_eq!(clock_time(&at("2026-10-25T00:30:00Z")), "1:30am");
        assert_eq!(clock_time(&at("2026-10-25T01:30:00Z")), "1:30am");
    }
}
