//! Records built from what a person gave: the form, `partnerdeck log` and a CSV row each read
//! their own text (a field, a flag, a cell) into a [`LogEntry`], and this one builder makes the
//! record: the same defaults (a call we started, a follow-up due a week after the contact) and
//! the same refusals, whichever way it came in.

use super::{Channel, FollowUp, Interaction, InteractionId, PartnerId, Side};
use chrono::{NaiveDate, NaiveDateTime};

/// A log entry as given, its text already read into values.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LogEntry {
    pub partner: PartnerId,
    pub at: NaiveDateTime,
    /// A call when not given.
    pub channel: Option<Channel>,
    /// Us when not given.
    pub initiated_by: Option<Side>,
    pub summary: String,
    /// From 1 to 5 when given.
    pub sentiment: Option<f64>,
    /// What to do afterwards (empty: no follow-up)…
    pub follow_up: String,
    /// …by this day ([`FollowUp::DEFAULT_DAYS`] after the contact when not given)…
    pub follow_up_due: Option<NaiveDate>,
    /// …and when it was done.
    pub follow_up_done: Option<NaiveDate>,
}

/// Why a log entry cannot be made; each front end says it in its place (beside the form's
/// field, as the command's message, as the CSV row's reason).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LogEntryError {
    #[error("the summary is empty; say in a few words what happened")]
    EmptySummary,
    #[error("sentiment is a whole number from 1 to 5, not {0}")]
    Sentiment(f64),
    #[error("a follow-up date needs a follow-up saying what")]
    DateWithoutFollowUp,
}

impl LogEntryError {
    /// The part of the entry the error is about.
    pub fn part(&self) -> LogPart {
        match self {
            LogEntryError::EmptySummary => LogPart::Summary,
            LogEntryError::Sentiment(_) => LogPart::Sentiment,
            LogEntryError::DateWithoutFollowUp => LogPart::FollowUp,
        }
    }
}

/// The parts of a log entry an error can be about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogPart {
    Summary,
    Sentiment,
    FollowUp,
}

impl LogEntry {
    /// The entry as a record with id `id`, or every reason it cannot be one.
    pub fn build(&self, id: InteractionId) -> Result<Interaction, Vec<LogEntryError>> {
        let mut errors = Vec::new();
        let summary = self.summary.trim();
        if summary.is_empty() {
            errors.push(LogEntryError::EmptySummary);
        }
        let sentiment = match self.sentiment {
            None => None,
            Some(s) if (1.0..=5.0).contains(&s) && s.fract() == 0.0 => Some(s as u8),
            Some(s) => {
                errors.push(LogEntryError::Sentiment(s));
                None
            }
        };
        let what = self.follow_up.trim();
        let follow_up = if what.is_empty() {
            if self.follow_up_due.is_some() || self.follow_up_done.is_some() {
                errors.push(LogEntryError::DateWithoutFollowUp);
            }
            None
        } else {
            Some(FollowUp::after(
                what,
                self.at.date(),
                self.follow_up_due,
                self.follow_up_done,
            ))
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Interaction {
            authors: Default::default(),
            id,
            partner: self.partner,
            at: self.at,
            channel: self.channel.unwrap_or(Channel::Call),
            initiated_by: self.initiated_by.unwrap_or(Side::Us),
            summary: summary.to_string(),
            sentiment,
            follow_up,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> NaiveDateTime {
        "2026-11-20T10:30:00".parse().unwrap()
    }

    #[test]
    fn defaults_are_a_call_we_started_and_a_follow_up_a_week_on() {
        let entry = LogEntry {
            partner: PartnerId(3),
            at: at(),
            summary: "  Talked  ".into(),
            follow_up: "Send notes".into(),
            ..LogEntry::default()
        };
        let x = entry.build(InteractionId(9)).unwrap();
        assert_eq!((x.channel, x.initiated_by), (Channel::Call, Side::Us));
        assert_eq!(x.summary, "Talked");
        let f = x.follow_up.unwrap();
        assert_eq!(f.due.to_string(), "2026-11-27");
        assert_eq!(f.done, None);
    }

    #[test]
    fn every_refusal_is_given_at_once() {
        let entry = LogEntry {
            at: at(),
            sentiment: Some(6.0),
            follow_up_due: Some(at().date()),
            ..LogEntry::default()
        };
        assert_eq!(
            entry.build(InteractionId(1)).unwrap_err(),
            vec![
                LogEntryError::EmptySummary,
                LogEntryError::Sentiment(6.0),
                LogEntryError::DateWithoutFollowUp
            ]
        );
    }
}
