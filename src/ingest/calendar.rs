//! Calendar events read by `icalendar` (its parser; recurrence expanded by its `rrule`
//! support): every occurrence in a window becomes a [`Meeting`], an all-day one at midnight.

use super::item::{Addr, Meeting, Read};
use super::matcher::normalize;
use chrono::{Local, NaiveDateTime, TimeZone};
use icalendar::{CalendarDateTime, Component, DatePerhapsTime, EventLike};
use std::path::Path;

/// At most this many occurrences of one recurring event are looked at.
const MAX_OCCURRENCES: u16 = 2000;

/// The window occurrences are taken from: `from` to `to`, local times.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub from: NaiveDateTime,
    pub to: NaiveDateTime,
}

fn local_of(dt: &DatePerhapsTime) -> (NaiveDateTime, bool) {
    match dt {
        DatePerhapsTime::Date(d) => (d.and_hms_opt(0, 0, 0).unwrap_or_default(), true),
        DatePerhapsTime::DateTime(CalendarDateTime::Utc(t)) => {
            (t.with_timezone(&Local).naive_local(), false)
        }
        // A time in a named zone is taken as written (the zone's rules are not applied).
        DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, .. }) => {
            (*date_time, false)
        }
        DatePerhapsTime::DateTime(CalendarDateTime::Floating(t)) => (*t, false),
    }
}

fn people(event: &icalendar::Event) -> (Vec<Addr>, Option<String>) {
    let person = |p: &icalendar::Property| {
        let email = normalize(p.value());
        email.contains('@').then(|| Addr {
            name: p
                .params()
                .get("CN")
                .map(|c| c.value().trim_matches('"').to_string())
                .unwrap_or_default(),
            email,
        })
    };
    let mut out: Vec<Addr> = event
        .multi_properties()
        .get("ATTENDEE")
        .into_iter()
        .flatten()
        .filter_map(person)
        .collect();
    let organizer = event.properties().get("ORGANIZER").and_then(person);
    let organizer_email = organizer.as_ref().map(|o| o.email.clone());
    out.extend(organizer);
    (out, organizer_email)
}

/// The starts of an event's occurrences within the window.
/// An all-day event's occurrences keep their own date (midnight in whatever zone the rule was
/// expanded in); a timed one's are moved to local time.
fn starts(
    event: &icalendar::Event,
    (start, all_day): (NaiveDateTime, bool),
    window: Window,
) -> Vec<NaiveDateTime> {
    if !event.properties().contains_key("RRULE") {
        return vec![start];
    }
    let Ok(set) = event.get_recurrence() else {
        return vec![start];
    };
    let bound = |t: NaiveDateTime| {
        Local
            .from_local_datetime(&t)
            .earliest()
            .map(|t| t.with_timezone(&rrule::Tz::LOCAL))
    };
    let (Some(from), Some(to)) = (bound(window.from), bound(window.to)) else {
        return Vec::new();
    };
    set.after(from)
        .before(to)
        .all(MAX_OCCURRENCES)
        .dates
        .into_iter()
        .map(|t| match all_day {
            true => t.date_naive().and_hms_opt(0, 0, 0).unwrap_or_default(),
            false => t.with_timezone(&Local).naive_local(),
        })
        .collect()
}

/// Every event occurrence of calendar text, within the window.
pub fn parse(text: &str, window: Window, place: &str, out: &mut Read) {
    let calendar: icalendar::Calendar = match text.parse() {
        Ok(c) => c,
        Err(e) => return out.problems.push(format!("{place}: {e}")),
    };
    for event in calendar.events() {
        let (Some(uid), Some(start)) = (event.get_uid(), event.get_start()) else {
            out.problems
                .push(format!("{place}: an event without a UID or a start"));
            continue;
        };
        let (start, all_day) = local_of(&start);
        let (people, organizer) = people(event);
        let summary = event.get_summary().unwrap_or_default().trim().to_string();
        for at in starts(event, (start, all_day), window) {
            if at < window.from || at > window.to {
                continue;
            }
            out.meetings.push(Meeting {
                uid: uid.to_string(),
                summary: summary.clone(),
                at,
                all_day,
                people: people.clone(),
                organizer: organizer.clone(),
            });
        }
    }
}

/// A `.ics` file.
pub fn file(path: &Path, text: &str, window: Window, out: &mut Read) {
    parse(text, window, &path.display().to_string(), out);
}
