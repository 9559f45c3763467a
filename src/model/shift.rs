//! Moving every date of a workspace by a number of days (the demo sample is kept fresh this way).

use super::workspace::Workspace;
use chrono::{Days, NaiveDate, NaiveDateTime};

fn shift_date(d: &mut NaiveDate, days: i64) {
    let moved = if days >= 0 {
        d.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    if let Some(m) = moved {
        *d = m;
    }
}

fn shift_time(t: &mut NaiveDateTime, days: i64) {
    let mut date = t.date();
    shift_date(&mut date, days);
    *t = date.and_time(t.time());
}

fn shift_opt(d: &mut Option<NaiveDate>, days: i64) {
    if let Some(d) = d {
        shift_date(d, days);
    }
}

impl Workspace {
    /// Moves every date and time in the workspace by `days` (negative moves back).
    pub fn shift_dates(&mut self, days: i64) {
        for p in &mut self.partners {
            shift_date(&mut p.since, days);
        }
        for g in &mut self.goals {
            shift_date(&mut g.start, days);
            shift_opt(&mut g.due, days);
        }
        for m in &mut self.milestones {
            shift_date(&mut m.due, days);
            shift_opt(&mut m.done, days);
        }
        for i in &mut self.interactions {
            shift_time(&mut i.at, days);
            if let Some(f) = &mut i.follow_up {
                shift_date(&mut f.due, days);
                shift_opt(&mut f.done, days);
            }
        }
        for c in &mut self.commitments {
            shift_date(&mut c.due, days);
            if let Some(o) = &mut c.outcome {
                match o {
                    super::Outcome::Kept(d) | super::Outcome::Missed(d) => shift_date(d, days),
                }
            }
        }
        for r in &mut self.reviews {
            shift_date(&mut r.date, days);
            shift_opt(&mut r.next_review, days);
        }
        for c in &mut self.celebrations {
            shift_date(&mut c.date, days);
        }
        for d in &mut self.drafts {
            shift_date(&mut d.started, days);
            for a in &mut d.actions {
                shift_opt(&mut a.due, days);
            }
        }
    }
}
