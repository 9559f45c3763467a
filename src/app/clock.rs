//! The one source of "now". The app asks it on every key and every tick of the event loop, so a
//! session left open past midnight moves to the new day, and a contact logged at 14:00 is
//! stamped 14:00 whenever the session was opened. Times are whole seconds: the file is read and
//! diffed by people.
//!
//! Tests inject a [`ManualClock`] and move it (across midnight, say).

use crate::model::serde_dates::to_second;
use chrono::{NaiveDate, NaiveDateTime};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;

/// Where the current local time comes from.
pub trait Clock: Send + Sync {
    /// The current local date and time, to the second.
    fn now(&self) -> NaiveDateTime;

    /// A moment for measuring short waits (how long a question has been open): monotonic on
    /// the system's clocks, following [`Clock::now`] on a manual one.
    fn instant(&self) -> Instant {
        Instant::now()
    }
}

/// The system's local time.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> NaiveDateTime {
        to_second(chrono::Local::now().naive_local())
    }
}

/// A fixed day (`--today`) with the system's time of day: the date stays put, times of entries
/// are still real.
#[derive(Debug, Clone, Copy)]
pub struct DayClock(pub NaiveDate);

impl Clock for DayClock {
    fn now(&self) -> NaiveDateTime {
        self.0.and_time(SystemClock.now().time())
    }
}

/// A clock that says what it is told (tests, headless rendering). Clones share the time.
#[derive(Debug, Clone)]
pub struct ManualClock(Arc<Mutex<NaiveDateTime>>);

impl ManualClock {
    pub fn new(at: NaiveDateTime) -> ManualClock {
        ManualClock(Arc::new(Mutex::new(to_second(at))))
    }

    /// Noon of `day`.
    pub fn at_noon(day: NaiveDate) -> ManualClock {
        ManualClock::new(day.and_hms_opt(12, 0, 0).unwrap_or_default())
    }

    pub fn set(&self, at: NaiveDateTime) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = to_second(at);
    }

    pub fn advance(&self, by: chrono::TimeDelta) {
        let mut t = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *t = to_second(*t + by);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> NaiveDateTime {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A fixed moment plus the time since 2000 on this clock: waits pass only when it is moved.
    fn instant(&self) -> Instant {
        static BASE: OnceLock<Instant> = OnceLock::new();
        let base = *BASE.get_or_init(Instant::now);
        let epoch = NaiveDate::from_ymd_opt(2000, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap_or_default();
        base + (self.now() - epoch).to_std().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;

    #[test]
    fn times_are_whole_seconds() {
        let t = SystemClock.now();
        assert_eq!(t.nanosecond(), 0);
        let day: NaiveDate = "2026-11-30".parse().unwrap();
        assert_eq!(DayClock(day).now().date(), day);
        let c = ManualClock::new(day.and_hms_nano_opt(23, 59, 59, 999_999_999).unwrap());
        assert_eq!(c.now().nanosecond(), 0);
        c.advance(chrono::TimeDelta::seconds(1));
        assert_eq!(c.now(), "2026-12-01T00:00:00".parse().unwrap());
    }
}
