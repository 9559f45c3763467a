//! A log entry from the shell (`partnerdeck log NAME "summary" …`): the words of the command
//! line turned into a checked `Interaction` added to the workspace ([`add`]) and saved
//! ([`run`]). The defaults are the dashboard's: a call we started, now.

use super::output::{complain, say};
use super::{CommandError, Source};
use crate::document::{Backups, Change};
use crate::model::dates::{DateError, parse_date, parse_date_time};
use crate::model::find::{self, FindError};
use crate::model::*;
use crate::text::{MESSAGE_VALUE, excerpt};
use chrono::{Local, NaiveDateTime, Timelike};
use std::process::ExitCode;

/// What was typed.
#[derive(Debug, Clone, Default)]
pub struct Entry<'a> {
    /// The partner's name, or enough of it.
    pub partner: &'a str,
    pub summary: &'a str,
    /// `call` when absent.
    pub channel: Option<&'a str>,
    /// `now` when absent; `-2d`, `yesterday 14:00`, `2026-11-20 10:30`…
    pub when: Option<&'a str>,
    /// `us` when absent.
    pub initiated_by: Option<&'a str>,
    pub sentiment: Option<u8>,
    /// Something to do afterwards…
    pub follow_up: Option<&'a str>,
    /// …by this day (a week after the contact when absent).
    pub follow_up_due: Option<&'a str>,
    /// A contact dated after today is logged only with this (a weekday names the last one, so
    /// a future date is most likely a slip).
    pub future: bool,
}

/// Days after the contact that a follow-up is due when no date is given.
pub const FOLLOW_UP_DAYS: u64 = FollowUp::DEFAULT_DAYS;

fn names<T: Copy>(all: &[T], label: impl Fn(T) -> &'static str) -> String {
    let names: Vec<&str> = all.iter().map(|c| label(*c)).collect();
    names.join(", ")
}

/// Why a log entry was not added; its message is the sentence the command prints.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error(transparent)]
    Partner(#[from] FindError),
    #[error(
        "`{}` is not a channel; use one of {}",
        excerpt(.0, MESSAGE_VALUE),
        names(Channel::ALL, Channel::label)
    )]
    Channel(String),
    #[error("`{}` is not a side; use us or them", excerpt(.0, MESSAGE_VALUE))]
    Side(String),
    /// A date or time that does not read, in the words of the date parser.
    #[error(transparent)]
    Date(#[from] DateError),
    #[error(
        "{} is in the future; to log a contact that has not happened yet, add --future",
        .0.format("%a %Y-%m-%d %H:%M")
    )]
    Future(NaiveDateTime),
    #[error("sentiment is from 1 to 5, not {0}")]
    Sentiment(u8),
    #[error("the summary is empty; say in a few words what happened")]
    EmptySummary,
    #[error("--follow-up-due needs --follow-up saying what")]
    DueWithoutFollowUp,
    #[error(transparent)]
    Ids(#[from] IdsExhausted),
}

/// Adds the entry to `ws` and returns it; `now` is the time taken for "now". Nothing is added
/// when something is wrong; the error says what. (The change is checked as every change is,
/// when it is committed: [`crate::document::write_change`].)
pub fn add(ws: &mut Workspace, e: &Entry<'_>, now: NaiveDateTime) -> Result<Interaction, LogError> {
    let partner = find::partner(ws, e.partner)?;
    let partner_id = partner.id;
    let channel = match e.channel {
        None => None,
        Some(text) => Some(Channel::parse(text).ok_or_else(|| LogError::Channel(text.into()))?),
    };
    let initiated_by = match e.initiated_by {
        None => None,
        Some(text) => Some(Side::parse(text).ok_or_else(|| LogError::Side(text.into()))?),
    };
    let at = match e.when {
        None => now,
        Some(text) => parse_date_time(text, now).map_err(LogError::Date)?,
    };
    if at.date() > now.date() && !e.future {
        return Err(LogError::Future(at));
    }
    let follow_up_due = match (e.follow_up, e.follow_up_due) {
        (None, Some(_)) => return Err(LogError::DueWithoutFollowUp),
        (_, Some(text)) => Some(parse_date(text, at.date()).map_err(LogError::Date)?),
        (_, None) => None,
    };
    let entry = LogEntry {
        partner: partner_id,
        at,
        channel,
        initiated_by,
        summary: e.summary.to_string(),
        sentiment: e.sentiment.map(f64::from),
        follow_up: e.follow_up.unwrap_or_default().to_string(),
        follow_up_due,
        follow_up_done: None,
    };
    let x = entry
        .build(InteractionId(ws.try_allocate_id()?))
        .map_err(|errors| match errors[0] {
            LogEntryError::EmptySummary => LogError::EmptySummary,
            LogEntryError::Sentiment(s) => LogError::Sentiment(s as u8),
            LogEntryError::DateWithoutFollowUp => LogError::DueWithoutFollowUp,
        })?;
    ws.interactions.push(x.clone());
    ws.normalize();
    Ok(x)
}

/// One line saying what was logged (long texts cut: it is a confirmation, not the record).
pub fn describe(ws: &Workspace, x: &Interaction) -> String {
    let name = excerpt(ws.partner_name(x.partner).unwrap_or("?"), MESSAGE_VALUE);
    let who = match x.initiated_by {
        Side::Us => "we reached out",
        Side::Them => "they reached out",
    };
    let mut line = format!(
        "logged {} with {name}: {} on {}, {who}: {}",
        x.id,
        x.channel,
        x.at.format("%Y-%m-%d %H:%M"),
        excerpt(&x.summary, MESSAGE_VALUE)
    );
    if let Some(s) = x.sentiment {
        line.push_str(&format!(" (sentiment {s}/5)"));
    }
    if let Some(f) = &x.follow_up {
        line.push_str(&format!(
            "\nfollow-up due {}: {}",
            f.due,
            excerpt(&f.what, MESSAGE_VALUE)
        ));
    }
    line
}

/// `partnerdeck log NAME SUMMARY …`: appends the entry and saves (with the dashboard's backup
/// policy), holding the lock meanwhile.
pub fn run(src: &Source, entry: &Entry<'_>, wait: Option<u64>) -> Result<ExitCode, CommandError> {
    src.refuse_demo("log")?;
    // Now is when the file is open for writing (after any wait for the lock), to the minute.
    let mut now = None;
    let written = src.write_change(
        "log it there (`l` on the partner), or close it and run this again",
        wait,
        Backups::ByPolicy,
        |x: &Interaction| Change::named(format!("Logged {}", x.id)),
        |ws| {
            let now = *now.get_or_insert_with(|| {
                let clock = Local::now().time();
                src.today
                    .and_hms_opt(clock.hour(), clock.minute(), 0)
                    .unwrap_or_else(|| src.today.and_time(clock))
            });
            add(ws, entry, now)
        },
    )?;
    let (ws, x) = (written.workspace, written.value);
    // The entry is saved: whatever happens to the confirmation now, the command succeeded (a
    // failure would make a script log it again). A closed pipe ends quietly.
    if let Err(e) = say(&describe(&ws, &x)) {
        complain(&format!("partnerdeck: the entry was logged; {e}"));
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ws() -> Workspace {
        let mut ws = Workspace::named("Us");
        for n in ["Acme", "Bolt"] {
            let id = PartnerId(ws.allocate_id());
            ws.partners
                .push(Partner::new(id, n, "2025-01-01".parse().unwrap()));
        }
        ws
    }

    fn now() -> NaiveDateTime {
        "2026-11-27T15:04:00".parse().unwrap()
    }

    #[test]
    fn defaults_and_relative_times() {
        let mut w = ws();
        let x = add(
            &mut w,
            &Entry {
                partner: "acm",
                summary: " Talked budgets ",
                when: Some("-2d"),
                follow_up: Some("send the deck"),
                ..Entry::default()
            },
            now(),
        )
        .unwrap();
        assert_eq!(x.partner, w.partners[0].id);
        assert_eq!(x.channel, Channel::Call);
        assert_eq!(x.initiated_by, Side::Us);
        assert_eq!(x.at.to_string(), "2026-11-25 09:00:00");
        assert_eq!(x.summary, "Talked budgets");
        assert_eq!(x.follow_up.unwrap().due.to_string(), "2026-12-02");
        assert_eq!(w.interactions.len(), 1);
    }

    #[test]
    fn mistakes_add_nothing() {
        let mut w = ws();
        let mut e = Entry {
            partner: "acme",
            summary: "x",
            channel: Some("fax"),
            ..Entry::default()
        };
        let err = add(&mut w, &e, now()).unwrap_err();
        assert!(matches!(err, LogError::Channel(_)));
        assert!(err.to_string().contains("not a channel"));
        e.channel = None;
        e.sentiment = Some(9);
        let err = add(&mut w, &e, now()).unwrap_err();
        assert_eq!(err.to_string(), "sentiment is from 1 to 5, not 9");
        e.sentiment = None;
        e.when = Some("someday");
        let err = add(&mut w, &e, now()).unwrap_err();
        assert!(matches!(err, LogError::Date(_)));
        assert!(err.to_string().contains("not a date"));
        assert!(w.interactions.is_empty());
    }
}
