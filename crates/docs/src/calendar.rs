//! iCalendar (RFC 5545) files: an appointment or a deadline as an event a calendar app can
//! import, with the Europe/London time zone spelled out so the time is right in any app,
//! either side of a clock change.

use heard_core::time::london;
use jiff::Timestamp;
use jiff::civil::DateTime;

/// One event. `uid` must stay the same when the event changes, so calendar apps update it
/// instead of adding a second one; `sequence` goes up with each change.
#[derive(Debug, Clone)]
pub struct CalendarEvent {
    pub uid: String,
    pub sequence: i64,
    pub summary: String,
    pub description: String,
    pub location: String,
    /// London wall-clock time.
    pub starts_at: DateTime,
    pub duration_minutes: i64,
    /// A whole day (a deadline): only the date of `starts_at` counts, and no time zone applies.
    pub all_day: bool,
    /// Remind this many minutes before, if any.
    pub alarm_minutes_before: Option<i64>,
    pub alarm_text: String,
}

/// The product identifier every file carries.
pub const PRODID: &str = "-//Heard//Heard appointments and deadlines//EN";

/// London's rules since 1996: summer time from 01:00 UTC on the last Sunday of March to
/// 01:00 UTC on the last Sunday of October.
const LONDON_VTIMEZONE: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/London",
    "X-LIC-LOCATION:Europe/London",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "TZNAME:BST",
    "DTSTART:19700329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "TZNAME:GMT",
    "DTSTART:19701025T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// A calendar holding these events, stamped `now`.
pub fn calendar(events: &[CalendarEvent], now: Timestamp) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!("PRODID:{PRODID}"),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
    ];
    lines.extend(LONDON_VTIMEZONE.iter().map(|l| (*l).to_owned()));
    let stamp = now.strftime("%Y%m%dT%H%M%SZ").to_string();
    for e in events {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", escape(&e.uid)));
        lines.push(format!("SEQUENCE:{}", e.sequence.max(0)));
        lines.push(format!("DTSTAMP:{stamp}"));
        if e.all_day {
            let day = e.starts_at.date();
            lines.push(format!("DTSTART;VALUE=DATE:{}", day.strftime("%Y%m%d")));
            let next = day.tomorrow().unwrap_or(day);
            lines.push(format!("DTEND;VALUE=DATE:{}", next.strftime("%Y%m%d")));
            lines.push("TRANSP:TRANSPARENT".into());
        } else {
            lines.push(format!(
                "DTSTART;TZID=Europe/London:{}",
                e.starts_at.strftime("%Y%m%dT%H%M%S")
            ));
            lines.push(format!("DURATION:PT{}M", e.duration_minutes.max(1)));
        }
        lines.push(format!("SUMMARY:{}", escape(&e.summary)));
        if !e.location.trim().is_empty() {
            lines.push(format!("LOCATION:{}", escape(&e.location)));
        }
        if !e.description.trim().is_empty() {
            lines.push(format!("DESCRIPTION:{}", escape(&e.description)));
        }
        if let Some(before) = e.alarm_minutes_before {
            lines.push("BEGIN:VALARM".into());
            lines.push("ACTION:DISPLAY".into());
            lines.push(format!("TRIGGER:-PT{}M", before.max(0)));
            lines.push(format!("DESCRIPTION:{}", escape(&e.alarm_text)));
            lines.push("END:VALARM".into());
        }
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

/// Escapes text values: backslash, semicolon, comma and newlines.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes a content line folded at 75 octets (never inside a UTF-8 character), CRLF-ended.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// The UTC instant of a London wall-clock time (for checking and for feeds).
pub fn london_to_utc(at: DateTime) -> Option<Timestamp> {
    london()
        .to_ambiguous_zoned_datetime(at)
        .compatible()
        .ok()
        .map(|z| z.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;
    use icalendar::{Calendar, CalendarComponent, Component, EventLike};

    fn event(starts_at: &str) -> CalendarEvent {
        CalendarEvent {
            uid: "0192f1c4-7d7b-7cc0-9a57-4f0e8a1e0001@heard".into(),
            sequence: 3,
            summary: "Appointment: test results".into(),
            description: "With Dr Okafor, oncologist; bring the, list\nSecond line".into(),
            location: "St Mary's Hospital; Outpatients, Level 2".into(),
            starts_at: starts_at.parse().unwrap(),
            duration_minutes: 60,
            all_day: false,
            alarm_minutes_before: Some(24 * 60),
            alarm_text: "Appointment tomorrow".into(),
        }
    }

    fn parse(text: &str) -> Calendar {
        text.parse::<Calendar>().unwrap()
    }

    #[test]
    fn a_deadline_is_a_whole_day_with_its_alarm() {
        let now: Timestamp = "2026-11-23T10:00:00Z".parse().unwrap();
        let mut deadline = event("2027-03-29T00:00:00");
        deadline.all_day = true;
        let text = calendar(&[deadline], now);
        assert!(text.contains("DTSTART;VALUE=DATE:20270329\r\n"), "{text}");
        assert!(text.contains("DTEND;VALUE=DATE:20270330\r\n"), "{text}");
        assert!(!text.contains("DURATION"), "{text}");
        assert!(text.contains("BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT1440M"));
        // Still a calendar another program can read.
        let cal = parse(&text);
        let events = cal
            .components
            .iter()
            .filter(|c| matches!(c, CalendarComponent::Event(_)))
            .count();
        assert_eq!(events, 1);
    }

    #[test]
    fn an_appointment_round_trips_field_by_field() {
        let now: Timestamp = "2026-11-23T10:00:00Z".parse().unwrap();
        let text = calendar(&[event("2026-12-03T14:30:00")], now);
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "line longer than 75 octets: {line}");
        }
        let cal = parse(&text);
        assert_eq!(cal.property_value("PRODID"), Some(PRODID));
        let events: Vec<_> = cal
            .components
            .iter()
            .filter_map(|c| match c {
                CalendarComponent::Event(e) => Some(e),
                _ => None,
            })
            .collect();
        assert_eq!(events.len(), 1);
        let e = events[0];
        assert_eq!(
            e.get_uid(),
            Some("0192f1c4-7d7b-7cc0-9a57-4f0e8a1e0001@heard")
        );
        assert_eq!(e.get_summary(), Some("Appointment: test results"));
        assert_eq!(
            e.get_location(),
            Some("St Mary's Hospital; Outpatients, Level 2")
        );
        assert_eq!(
            e.get_description(),
            Some("With Dr Okafor, oncologist; bring the, list\nSecond line")
        );
        assert_eq!(e.property_value("SEQUENCE"), Some("3"));
        assert_eq!(e.property_value("DURATION"), Some("PT60M"));
        let start = e.properties().get("DTSTART").unwrap();
        assert_eq!(start.value(), "20261203T143000");
        assert_eq!(
            start.params().get("TZID").map(|p| p.value()),
            Some("Europe/London")
        );
        assert_eq!(
            e.components()
                .iter()
                .filter(|c| c.component_kind() == "VALARM")
                .count(),
            1
        );
        assert!(text.contains("BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT1440M\r\n"));
    }

    #[test]
    fn the_time_zone_is_right_across_the_october_clock_change() {
        // London goes from BST (+01:00) to GMT (+00:00) at 02:00 BST on 25 October 2026.
        let before = event("2026-10-24T09:00:00");
        let after = event("2026-10-26T09:00:00");
        let text = calendar(&[before.clone(), after.clone()], Timestamp::UNIX_EPOCH);
        assert!(text.contains("DTSTART;TZID=Europe/London:20261024T090000"));
        assert!(text.contains("DTSTART;TZID=Europe/London:20261026T090000"));
        // The VTIMEZONE rules, read back, give the same instants as the time zone database.
        let rules = parse(&text);
        let tz = rules
            .components
            .iter()
            .find_map(|c| match c {
                CalendarComponent::Other(o) if o.component_kind() == "VTIMEZONE" => Some(o),
                _ => None,
            })
            .expect("a VTIMEZONE");
        let offset = |kind: &str| {
            tz.components()
                .iter()
                .find(|c| c.component_kind() == kind)
                .unwrap()
                .property_value("TZOFFSETTO")
                .unwrap()
                .to_owned()
        };
        assert_eq!(offset("DAYLIGHT"), "+0100");
        assert_eq!(offset("STANDARD"), "+0000");
        assert_eq!(
            london_to_utc(before.starts_at).unwrap().to_string(),
            "2026-10-24T08:00:00Z"
        );
        assert_eq!(
            london_to_utc(after.starts_at).unwrap().to_string(),
            "2026-10-26T09:00:00Z"
        );
        // The rule's own example: the last Sunday in October 2026 is the 25th.
        let sunday: jiff::civil::Date = "2026-10-25".parse().unwrap();
        assert_eq!(sunday.weekday(), jiff::civil::Weekday::Sunday);
        assert!(
            sunday
                .checked_add(jiff::Span::new().days(7))
                .unwrap()
                .month()
                == 11
        );
    }

    #[test]
    fn long_and_non_ascii_lines_fold_between_characters() {
        let mut e = event("2026-12-03T14:30:00");
        e.description = "Café – ".repeat(40);
        let text = calendar(&[e], Timestamp::UNIX_EPOCH);
        for line in text.split("\r\n") {
            assert!(line.len() <= 75);
        }
        let cal = parse(&text);
        let CalendarComponent::Event(ev) = cal
            .components
            .iter()
            .find(|c| matches!(c, CalendarComponent::Event(_)))
            .unwrap()
        else {
            unreachable!()
        };
        assert_eq!(ev.get_description().unwrap(), "Café – ".repeat(40));
    }
}
