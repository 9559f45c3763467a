//! Moving every date of a workspace by a number of days (the demo sample is kept fresh this way).

use super::record::{EachKind, Record, each_kind};
use super::workspace::Workspace;
use chrono::{Days, NaiveDate, NaiveDateTime};

pub(super) fn shift_date(d: &mut NaiveDate, days: i64) {
    let moved = if days >= 0 {
        d.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    if let Some(m) = moved {
        *d = m;
    }
}

pub(super) fn shift_time(t: &mut NaiveDateTime, days: i64) {
    let mut date = t.date();
    shift_date(&mut date, days);
    *t = date.and_time(t.time());
}

pub(super) fn shift_opt(d: &mut Option<NaiveDate>, days: i64) {
    if let Some(d) = d {
        shift_date(d, days);
    }
}

impl Workspace {
    /// Moves every date and time in the workspace by `days` (negative moves back): every
    /// record's ([`Record::shift_dates`]) and the review drafts'.
    pub fn shift_dates(&mut self, days: i64) {
        struct Shift<'a>(&'a mut Workspace, i64);
        impl EachKind for Shift<'_> {
            fn kind<R: Record>(&mut self) {
                for r in R::list_mut(self.0).iter_mut() {
                    r.shift_dates(self.1);
                }
            }
        }
        each_kind(&mut Shift(self, days));
        for d in &mut self.drafts {
            shift_date(&mut d.started, days);
            for a in &mut d.actions {
                shift_opt(&mut a.due, days);
            }
        }
    }
}
