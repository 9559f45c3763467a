//! Moving a date or a time by a number of days (the demo sample is kept fresh this way:
//! [`super::Workspace::shift_dates`]).

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
