//! When something agreed is due, from how people write it: "14 January", "14/1/27",
//! "in about two weeks", "next week", "tomorrow".

use jiff::civil::Date;
use jiff::{Span, ToSpan};

use crate::when::date_from_parts;

/// The date `by_when` means, counted from `from` (the day it was agreed). None when the words
/// name no date ("soon", "after the scan").
pub fn due_date(by_when: &str, from: Date) -> Option<Date> {
    let text = by_when.trim().to_lowercase().replace(',', " ");
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| {
            !matches!(
                *w,
                "by" | "on" | "about" | "around" | "roughly" | "approximately" | "the" | "within"
            )
        })
        .collect();
    relative(&words, from).or_else(|| written_date(&words, from))
}

/// "tomorrow", "next week", "in two weeks", "in a month", "three weeks time".
fn relative(words: &[&str], from: Date) -> Option<Date> {
    let later = |n: i64, unit: &str| from.checked_add(span(n, unit)?).ok();
    match words {
        ["today"] => Some(from),
        ["tomorrow"] => from.checked_add(1.day()).ok(),
        ["next", unit] | ["in", "a" | "an", unit] => later(1, unit),
        ["in", amount, unit] | [amount, unit, "time"] | [amount, unit] => {
            later(number(amount)?, unit)
        }
        _ => None,
    }
}

fn number(word: &str) -> Option<i64> {
    const WORDS: [&str; 12] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    word.parse::<i64>()
        .ok()
        .or_else(|| WORDS.iter().position(|w| *w == word).map(|i| i as i64 + 1))
        .filter(|n| (1..=366).contains(n))
}

fn span(n: i64, unit: &str) -> Option<Span> {
    match unit.trim_end_matches('s') {
        "day" => Some(n.days()),
        "week" => Some((n * 7).days()),
        "fortnight" => Some((n * 14).days()),
        "month" => Some(n.months()),
        _ => None,
    }
}

/// "14 January", "14 January 2027", "14/1/27", "2027-01-14". Without a year, the next such day
/// on or after `from`.
fn written_date(words: &[&str], from: Date) -> Option<Date> {
    let joined = words.join(" ");
    let parts: Vec<&str> = joined
        .split(|c: char| c == '/' || c == '-' || c == '.' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.trim_end_matches("st")
                .trim_end_matches("nd")
                .trim_end_matches("rd")
                .trim_end_matches("th")
        })
        .collect();
    match parts.as_slice() {
        [year, month, day] if year.len() == 4 => date_from_parts(day, month, year).ok(),
        [day, month, year] => date_from_parts(day, month, year).ok(),
        [day, month] => {
            let this_year = date_from_parts(day, month, &from.year().to_string()).ok()?;
            if this_year >= from {
                Some(this_year)
            } else {
                date_from_parts(day, month, &(from.year() + 1).to_string()).ok()
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i16, m: i8, day: i8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn relative_times_count_from_the_day_it_was_agreed() {
        let from = d(2026, 12, 3);
        assert_eq!(due_date("in about two weeks", from), Some(d(2026, 12, 17)));
        assert_eq!(due_date("in 2 weeks", from), Some(d(2026, 12, 17)));
        assert_eq!(due_date("within 10 days", from), Some(d(2026, 12, 13)));
        assert_eq!(due_date("next week", from), Some(d(2026, 12, 10)));
        assert_eq!(due_date("in a month", from), Some(d(2027, 1, 3)));
        assert_eq!(due_date("Tomorrow", from), Some(d(2026, 12, 4)));
        assert_eq!(due_date("two weeks' time", from), None);
        assert_eq!(due_date("three weeks time", from), Some(d(2026, 12, 24)));
    }

    #[test]
    fn written_dates_roll_to_the_next_year_when_no_year_is_given() {
        let from = d(2026, 12, 3);
        assert_eq!(due_date("14 January", from), Some(d(2027, 1, 14)));
        assert_eq!(due_date("by 20th December", from), Some(d(2026, 12, 20)));
        assert_eq!(due_date("14/1/27", from), Some(d(2027, 1, 14)));
        assert_eq!(due_date("2027-01-14", from), Some(d(2027, 1, 14)));
        assert_eq!(due_date("1 Feb 2027", from), Some(d(2027, 2, 1)));
    }

    #[test]
    fn words_without_a_date_have_no_due_date() {
        let from = d(2026, 12, 3);
        for words in [
            "",
            "soon",
            "after the scan",
            "when the results are back",
            "30 February",
        ] {
            assert_eq!(due_date(words, from), None, "{words}");
        }
    }
}
