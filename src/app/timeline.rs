//! The timeline's window on time: a date held at one third of the width, and a zoom (days per
//! column). Scrolling moves the window by half its width.

use chrono::{Days, NaiveDate};

/// The zoom steps, in days per column.
pub const ZOOMS: [u32; 5] = [1, 3, 7, 14, 30];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeView {
    /// The date shown one third of the way across.
    pub anchor: NaiveDate,
    pub days_per_col: u32,
}

fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    let moved = if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    };
    moved.unwrap_or(d)
}

impl TimeView {
    pub fn around(today: NaiveDate) -> TimeView {
        TimeView::around_with(today, 7)
    }

    pub fn around_with(date: NaiveDate, days_per_col: u32) -> TimeView {
        TimeView {
            anchor: date,
            days_per_col,
        }
    }

    /// The first date shown for a width of `cols` columns.
    pub fn start(&self, cols: u16) -> NaiveDate {
        add_days(
            self.anchor,
            -(i64::from(cols / 3) * i64::from(self.days_per_col)),
        )
    }

    /// The column of a date, if it is inside the window.
    pub fn column(&self, date: NaiveDate, cols: u16) -> Option<u16> {
        let offset = (date - self.start(cols)).num_days();
        if offset < 0 {
            return None;
        }
        let col = offset / i64::from(self.days_per_col);
        (col < i64::from(cols)).then_some(col as u16)
    }

    /// The first date of a column.
    pub fn date_at(&self, col: u16, cols: u16) -> NaiveDate {
        add_days(
            self.start(cols),
            i64::from(col) * i64::from(self.days_per_col),
        )
    }

    /// Moves half a window earlier (`-1`) or later (`1`).
    pub fn scroll(&mut self, direction: i64, cols: u16) {
        let half = i64::from(cols / 2).max(1) * i64::from(self.days_per_col);
        self.anchor = add_days(self.anchor, direction * half);
    }

    /// Moves the window as little as it can so `date` is shown: to the first column when it is
    /// earlier, the last when later. A window that showed today keeps today whenever the date
    /// and today fit in one window.
    pub fn reveal(&mut self, date: NaiveDate, cols: u16) {
        let start = self.start(cols);
        let back = i64::from(cols / 3) * i64::from(self.days_per_col);
        if date < start {
            self.anchor = add_days(date, back);
        } else if self.column(date, cols).is_none() {
            let last = i64::from(cols.saturating_sub(1)) * i64::from(self.days_per_col);
            self.anchor = add_days(date, back - last);
        }
    }

    /// The next zoom step, wrapping from the widest back to days.
    pub fn zoom(&mut self) {
        let i = ZOOMS
            .iter()
            .position(|z| *z == self.days_per_col)
            .unwrap_or(0);
        self.days_per_col = ZOOMS[(i + 1) % ZOOMS.len()];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_map_to_columns_and_back() {
        let today: NaiveDate = "2026-11-27".parse().unwrap();
        let t = TimeView::around(today);
        assert_eq!(t.start(30), "2026-09-18".parse::<NaiveDate>().unwrap());
        assert_eq!(t.column(today, 30), Some(10));
        assert_eq!(t.date_at(10, 30), today);
        assert_eq!(t.column("2026-01-01".parse().unwrap(), 30), None);
        let mut t2 = t;
        t2.scroll(1, 30);
        assert_eq!(t2.anchor, "2027-03-12".parse::<NaiveDate>().unwrap());
        t2.zoom();
        assert_eq!(t2.days_per_col, 14);
    }
}
