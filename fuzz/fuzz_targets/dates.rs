//! The date parser on hostile text and any "today" the calendar has: it must never panic
//! (errors are fine).
#![no_main]

use chrono::{NaiveDate, NaiveTime};
use libfuzzer_sys::fuzz_target;
use partnerdeck::model::dates::{parse_date, parse_date_time};

fuzz_target!(|data: &[u8]| {
    if data.len() < 8 || data.len() > 256 {
        return;
    }
    // The first 4 bytes pick today (any day chrono can represent), the next 4 a time of day.
    let days = i32::from_le_bytes([data[0], data[1], data[2], data[3]]);
    let secs = u32::from_le_bytes([data[4], data[5], data[6], data[7]]) % 86_400;
    let today = NaiveDate::from_num_days_from_ce_opt(days).unwrap_or(NaiveDate::MIN);
    let time = NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).unwrap_or(NaiveTime::MIN);
    let text = String::from_utf8_lossy(&data[8..]);
    let _ = parse_date(&text, today);
    let _ = parse_date_time(&text, today.and_time(time));
});
