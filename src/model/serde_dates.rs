//! Reading dates from the file quickly. A workspace holds hundreds of thousands of dates, and
//! chrono's general parser is a measurable part of loading one; the file always writes them as
//! `YYYY-MM-DD` and `YYYY-MM-DDTHH:MM:SS`, which are read here directly. Anything else (and any
//! impossible date) goes to chrono's parser, so what is accepted and every error message stay
//! exactly chrono's. Dates are written by chrono; times are written to the second (the file is
//! meant to be read and diffed, and no record needs a finer time), and a finer time read from an
//! older file is cut to the second.

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use serde::de::{self, Deserializer, Visitor};
use std::fmt;

/// Two to four ASCII digits as a number.
fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, &d| {
        d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
    })
}

/// `YYYY-MM-DD` (exactly), when it is a real date.
fn fast_date(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(&b[..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(&b[5..7])?, digits(&b[8..10])?)
}

/// `YYYY-MM-DDTHH:MM:SS` (exactly), when it is a real time.
fn fast_date_time(b: &[u8]) -> Option<NaiveDateTime> {
    if b.len() != 19 || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    fast_date(&b[..10])?.and_hms_opt(
        digits(&b[11..13])?,
        digits(&b[14..16])?,
        digits(&b[17..19])?,
    )
}

struct DateVisitor;

impl Visitor<'_> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a formatted date string")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<NaiveDate, E> {
        match fast_date(value.as_bytes()) {
            Some(date) => Ok(date),
            None => value.parse().map_err(E::custom),
        }
    }
}

struct DateTimeVisitor;

impl Visitor<'_> for DateTimeVisitor {
    type Value = NaiveDateTime;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a formatted date and time string")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<NaiveDateTime, E> {
        match fast_date_time(value.as_bytes()) {
            Some(at) => Ok(at),
            None => value
                .parse::<NaiveDateTime>()
                .map(to_second)
                .map_err(E::custom),
        }
    }
}

/// A date as chrono reads it, read faster.
struct Date(NaiveDate);

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        d.deserialize_str(DateVisitor).map(Date)
    }
}

/// For `#[serde(deserialize_with = "…::date")]`.
pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    d.deserialize_str(DateVisitor)
}

/// For `#[serde(deserialize_with = "…::optional_date")]`.
pub fn optional_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    Ok(<Option<Date> as serde::Deserialize>::deserialize(d)?.map(|Date(day)| day))
}

/// A time cut to the whole second (a leap second stays one).
pub fn to_second(t: NaiveDateTime) -> NaiveDateTime {
    t.with_nanosecond(t.nanosecond() / 1_000_000_000 * 1_000_000_000)
        .unwrap_or(t)
}

/// For `#[serde(serialize_with = "…::write_date_time")]`: `YYYY-MM-DDTHH:MM:SS`, never a
/// fraction of a second.
pub fn write_date_time<S: serde::Serializer>(t: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    serde::Serialize::serialize(&to_second(*t), s)
}

/// For `#[serde(deserialize_with = "…::date_time")]`.
pub fn date_time<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
    d.deserialize_str(DateTimeVisitor)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Deserialize)]
    struct Fast {
        #[serde(deserialize_with = "date")]
        day: NaiveDate,
        #[serde(deserialize_with = "date_time")]
        at: NaiveDateTime,
        #[serde(default, deserialize_with = "optional_date")]
        maybe: Option<NaiveDate>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Chrono {
        day: NaiveDate,
        at: NaiveDateTime,
        #[serde(default)]
        maybe: Option<NaiveDate>,
    }

    fn both(text: &str) -> (Result<Fast, String>, Result<Chrono, String>) {
        (
            ron::from_str::<Fast>(text).map_err(|e| e.to_string()),
            ron::from_str::<Chrono>(text).map_err(|e| e.to_string()),
        )
    }

    #[test]
    fn reads_what_chrono_reads_and_refuses_what_it_refuses_with_its_words() {
        let days = [
            "2026-11-27",
            "2024-02-29",
            "2023-02-29",
            "2026-13-01",
            "2026-00-10",
            "0000-01-01",
            "9999-12-31",
            "+12345-01-01",
            "2026-1-27",
            "2026-11-2x",
            " 2026-11-27",
            "",
            "２０２６-11-27",
        ];
        let times = [
            "2026-11-27T10:30:00",
            "2026-11-27T24:00:00",
            "2026-11-27T23:59:60",
            "2026-11-27T10:30:00.5",
            "2026-11-27 10:30:00",
            "2026-11-27T10:30",
            "2026-11-27T1:30:00",
        ];
        for day in days {
            for at in times {
                for maybe in ["", "maybe: None,", &format!("maybe: Some(\"{day}\"),")] {
                    let text = format!("(day: \"{day}\", at: \"{at}\", {maybe})");
                    let (fast, chrono) = both(&text);
                    match (&fast, &chrono) {
                        (Ok(f), Ok(c)) => {
                            assert_eq!(
                                (f.day, f.at, f.maybe),
                                (c.day, to_second(c.at), c.maybe),
                                "{text}"
                            )
                        }
                        (Err(f), Err(c)) => assert_eq!(f, c, "{text}"),
                        _ => panic!("{text}: {fast:?} vs {chrono:?}"),
                    }
                }
            }
        }
        let (fast, chrono) = both("(day: 20261127, at: \"2026-11-27T10:30:00\")");
        assert_eq!(fast.unwrap_err(), chrono.unwrap_err());
    }
}
