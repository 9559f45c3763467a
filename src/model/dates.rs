//! Dates as people type them: `2026-12-01`, `today`, `yesterday`, `tomorrow`, `+3d`, `-2w`,
//! `+1m`, `+1y`, and weekday names. A weekday names the next one after today for a date that is
//! due ([`parse_date`]), and the latest one not after today for a date when something happened
//! ([`parse_past_date`], [`parse_date_time`]). Pure: today is given.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// Why a date or time typed by a person does not read. Each variant keeps what was typed; the
/// message quotes it inert and cut when long.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("a date is needed (e.g. 2026-12-01, today, +3d, fri)")]
    Missing,
    #[error("`{}` is outside the calendar", quoted(.0))]
    Outside(String),
    #[error(
        "`{}`: expected a number of days, weeks, months or years, like +3d",
        quoted(.0)
    )]
    Amount(String),
    #[error("`{}`: the unit must be d, w, m or y", quoted(.0))]
    Unit(String),
    #[error(
        "`{}` is not a date: use 2026-12-01, today, yesterday, tomorrow, +3d, -2w, +1m or a \
         weekday",
        quoted(.0)
    )]
    NotADate(String),
    #[error("`{}` is not a time: use HH:MM, like 14:30", quoted(.0))]
    NotATime(String),
}

fn outside(text: &str) -> DateError {
    DateError::Outside(text.to_string())
}

/// What was typed, as a message quotes it (inert, cut when long).
fn quoted(text: &str) -> String {
    crate::text::excerpt(text, crate::text::MESSAGE_VALUE)
}

/// Which way a weekday name points from today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toward {
    /// A date something is due: the next such weekday after today.
    Next,
    /// A date something happened: the latest such weekday not after today (today itself on
    /// that weekday).
    Past,
}

/// Parses a date something is due, typed by a person, relative to `today` (`fri` is the next
/// Friday after today).
pub fn parse_date(text: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    parse_day(text, today, Toward::Next)
}

/// Parses a date something happened, typed by a person, relative to `today` (`fri` is the
/// latest Friday not after today).
pub fn parse_past_date(text: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    parse_day(text, today, Toward::Past)
}

/// Parses a date typed by a person, relative to `today`, a weekday name pointing `toward`.
pub fn parse_day(text: &str, today: NaiveDate, toward: Toward) -> Result<NaiveDate, DateError> {
    let t = text.trim().to_lowercase();
    match t.as_str() {
        "" => return Err(DateError::Missing),
        "today" | "now" => return Ok(today),
        "yesterday" => {
            return today
                .checked_sub_days(Days::new(1))
                .ok_or_else(|| outside(text));
        }
        "tomorrow" => {
            return today
                .checked_add_days(Days::new(1))
                .ok_or_else(|| outside(text));
        }
        _ => {}
    }
    if let Some(rest) = t
        .strip_prefix('+')
        .map(|r| (1, r))
        .or_else(|| t.strip_prefix('-').map(|r| (-1, r)))
    {
        let (sign, body) = rest;
        let unit = body
            .chars()
            .last()
            .filter(|c| c.is_alphabetic())
            .unwrap_or('d');
        let digits = body.trim_end_matches(|c: char| c.is_alphabetic());
        let n: u32 = digits
            .parse()
            .map_err(|_| DateError::Amount(text.to_string()))?;
        let moved = match (unit, sign) {
            ('d', 1) => today.checked_add_days(Days::new(n.into())),
            ('d', _) => today.checked_sub_days(Days::new(n.into())),
            ('w', 1) => today.checked_add_days(Days::new(u64::from(n) * 7)),
            ('w', _) => today.checked_sub_days(Days::new(u64::from(n) * 7)),
            ('m', 1) => today.checked_add_months(Months::new(n)),
            ('m', _) => today.checked_sub_months(Months::new(n)),
            ('y', 1) => today.checked_add_months(Months::new(n.saturating_mul(12))),
            ('y', _) => today.checked_sub_months(Months::new(n.saturating_mul(12))),
            _ => {
                return Err(DateError::Unit(text.to_string()));
            }
        };
        return moved.ok_or_else(|| outside(text));
    }
    if t.len() >= 3
        && let Some((_, day)) = WEEKDAYS.iter().find(|(name, _)| name.starts_with(&t))
    {
        let wanted = i64::from(day.num_days_from_monday());
        let now = i64::from(today.weekday().num_days_from_monday());
        return match toward {
            Toward::Next => {
                let ahead = (7 + wanted - now) % 7;
                let ahead = if ahead == 0 { 7 } else { ahead };
                today.checked_add_days(Days::new(ahead as u64))
            }
            Toward::Past => today.checked_sub_days(Days::new(((7 + now - wanted) % 7) as u64)),
        }
        .ok_or_else(|| outside(text));
    }
    NaiveDate::parse_from_str(&t, "%Y-%m-%d").map_err(|_| DateError::NotADate(text.to_string()))
}

/// Parses when something happened: a date with an optional time (`2026-12-01 14:30`,
/// `today 9:00`, `fri 10:00`, `now`); a weekday is the latest one not after today.
pub fn parse_date_time(text: &str, now: NaiveDateTime) -> Result<NaiveDateTime, DateError> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("now") || t.is_empty() {
        return Ok(now);
    }
    let (date_part, time_part) = match t.rsplit_once(' ') {
        Some((d, tm)) if tm.contains(':') => (d, Some(tm)),
        _ => (t, None),
    };
    let date = parse_past_date(date_part, now.date())?;
    let time = match time_part {
        Some(tm) => NaiveTime::parse_from_str(tm, "%H:%M")
            .map_err(|_| DateError::NotATime(tm.to_string()))?,
        None if date == now.date() => now.time(),
        None => NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
    };
    Ok(date.and_time(time))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn relative_and_absolute_dates() {
        let today = d("2026-11-27"); // a Friday
        for (text, want) in [
            ("2026-12-01", "2026-12-01"),
            ("today", "2026-11-27"),
            ("Yesterday", "2026-11-26"),
            ("tomorrow", "2026-11-28"),
            ("+3d", "2026-11-30"),
            ("-2w", "2026-11-13"),
            ("+1m", "2026-12-27"),
            ("+1y", "2027-11-27"),
            ("+10", "2026-12-07"),
            ("fri", "2026-12-04"),
            ("monday", "2026-11-30"),
            ("sat", "2026-11-28"),
        ] {
            assert_eq!(parse_date(text, today), Ok(d(want)), "{text}");
        }
        for bad in ["", "2026-02-30", "+3x", "soon", "fr", "+d"] {
            assert!(parse_date(bad, today).is_err(), "{bad}");
        }
    }

    #[test]
    fn weekdays_of_what_happened_are_not_after_today() {
        let today = d("2026-12-07"); // a Monday
        for (text, want) in [
            ("fri", "2026-12-04"),
            ("sat", "2026-12-05"),
            ("mon", "2026-12-07"),
            ("sunday", "2026-12-06"),
            ("today", "2026-12-07"),
            ("+2d", "2026-12-09"),
        ] {
            assert_eq!(parse_past_date(text, today), Ok(d(want)), "{text}");
        }
        assert_eq!(parse_date("fri", today), Ok(d("2026-12-11")));
        assert_eq!(parse_date("mon", today), Ok(d("2026-12-14")));
        let now = today.and_hms_opt(15, 0, 0).unwrap();
        assert_eq!(
            parse_date_time("fri 10:00", now),
            Ok(d("2026-12-04").and_hms_opt(10, 0, 0).unwrap())
        );
    }

    #[test]
    fn date_times() {
        let now = d("2026-11-27").and_hms_opt(15, 4, 0).unwrap();
        assert_eq!(parse_date_time("now", now), Ok(now));
        assert_eq!(
            parse_date_time("yesterday 9:30", now),
            Ok(d("2026-11-26").and_hms_opt(9, 30, 0).unwrap())
        );
        assert_eq!(
            parse_date_time("2026-11-01", now),
            Ok(d("2026-11-01").and_hms_opt(9, 0, 0).unwrap())
        );
        assert!(parse_date_time("today 25:00", now).is_err());
    }
}
