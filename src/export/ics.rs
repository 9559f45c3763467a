//! iCalendar (RFC 5545) export: milestones, goal deadlines and next review dates as all-day
//! events; commitments and follow-ups as to-dos.
//!
//! Every component's UID comes from the id of its record (`milestone-42@partnerdeck`; for the
//! review date, the partner's: `review-7@partnerdeck`; for a follow-up, its log entry's), and
//! ids are never reused, so importing a newer export into a calendar updates the entries it
//! made before instead of adding copies. Finished things stay in the export (completed to-dos,
//! dropped goals and reviews of ended partnerships as cancelled) so that the update reaches the
//! calendar: resolved commitments and done follow-ups for `KEEP_RESOLVED_DAYS` days, milestones
//! and goals always.
//!
//! Output: CRLF line ends, lines folded at 75 octets (never inside a UTF-8 character), TEXT
//! values escaped (`\\ \; \, \n`), a DTSTAMP on every component.

use super::text::number;
use crate::insight::{Index, partner_insight};
use crate::model::*;
use chrono::{DateTime, Days, NaiveDate, Utc};

/// Resolved commitments and done follow-ups stay in the export this many days.
pub const KEEP_RESOLVED_DAYS: i64 = 90;

/// The domain part of every UID.
pub const UID_DOMAIN: &str = "partnerdeck";

/// The whole calendar. `stamp` is written as every component's DTSTAMP (the time of export).
pub fn calendar(ws: &Workspace, today: NaiveDate, stamp: DateTime<Utc>) -> String {
    let mut c = Cal {
        out: String::new(),
        stamp: stamp.format("%Y%m%dT%H%M%SZ").to_string(),
    };
    c.line("BEGIN:VCALENDAR");
    c.line("VERSION:2.0");
    c.line(&format!(
        "PRODID:-//partnerdeck//partnerdeck {}//EN",
        env!("CARGO_PKG_VERSION")
    ));
    c.line("CALSCALE:GREGORIAN");
    c.line("METHOD:PUBLISH");
    let name = if ws.profile.name.trim().is_empty() {
        "Partnerships".to_string()
    } else {
        format!("Partnerships — {}", ws.profile.name.trim())
    };
    c.text("X-WR-CALNAME", &name);

    let partner_name = |id: PartnerId| ws.partner_name(id).unwrap_or("?");

    for m in &ws.milestones {
        let p = partner_name(m.partner);
        let mut about = vec![format!("Partner: {p}")];
        if let Some(g) = m.goal.and_then(|g| ws.goal(g)) {
            about.push(format!("Goal: {}", g.title));
        }
        let summary = match m.done {
            Some(done) => {
                about.push(format!("Done on {done}."));
                format!("Milestone done: {} ({p})", m.title)
            }
            None => format!("Milestone: {} ({p})", m.title),
        };
        c.event(
            &uid("milestone", m.id.0),
            m.due,
            &summary,
            &about.join("\n"),
            "milestone",
            "CONFIRMED",
        );
    }

    for g in &ws.goals {
        let Some(due) = g.due else { continue };
        let p = partner_name(g.partner);
        let mut about = vec![format!("Partner: {p}"), format!("Owner: {}", g.owner)];
        if let Some(target) = g.target {
            let unit = if g.unit.is_empty() {
                String::new()
            } else {
                format!(" {}", g.unit)
            };
            let pct = g
                .progress()
                .map(|f| format!(" ({:.0}%)", f * 100.0))
                .unwrap_or_default();
            about.push(format!(
                "Progress: {} of {}{unit}{pct}",
                number(g.current),
                number(target)
            ));
        }
        about.push(format!("Status: {}", g.status));
        let (summary, status) = match g.status {
            GoalStatus::Active => (format!("Goal due: {} ({p})", g.title), "CONFIRMED"),
            GoalStatus::Achieved => (format!("Goal achieved: {} ({p})", g.title), "CONFIRMED"),
            GoalStatus::Dropped => (format!("Goal dropped: {} ({p})", g.title), "CANCELLED"),
        };
        c.event(
            &uid("goal", g.id.0),
            due,
            &summary,
            &about.join("\n"),
            "goal",
            status,
        );
    }

    let recent = |d: NaiveDate| (today - d).num_days() <= KEEP_RESOLVED_DAYS;

    for k in &ws.commitments {
        let resolved = match k.outcome {
            Some(Outcome::Kept(d)) => Some((d, "COMPLETED")),
            Some(Outcome::Missed(d)) => Some((d, "CANCELLED")),
            None => None,
        };
        if resolved.is_some_and(|(d, _)| !recent(d)) {
            continue;
        }
        let p = partner_name(k.partner);
        let summary = match k.side {
            Side::Us => format!("We promised {p}: {}", k.what),
            Side::Them => format!("{p} promised: {}", k.what),
        };
        let mut about = format!("Partner: {p}\nA commitment of {}.", side_words(k.side));
        match k.outcome {
            Some(Outcome::Kept(d)) => about.push_str(&format!("\nKept on {d}.")),
            Some(Outcome::Missed(d)) => about.push_str(&format!("\nMissed (noted {d}).")),
            None => {}
        }
        c.todo(
            &uid("commitment", k.id.0),
            k.due,
            &summary,
            &about,
            "commitment",
            resolved.map_or(("NEEDS-ACTION", None), |(d, s)| (s, Some(d))),
        );
    }

    for x in &ws.interactions {
        let Some(f) = &x.follow_up else { continue };
        if f.done.is_some_and(|d| !recent(d)) {
            continue;
        }
        let p = partner_name(x.partner);
        let about = format!(
            "Partner: {p}\nAfter the {} on {}: {}",
            x.channel,
            x.at.date(),
            x.summary
        );
        let status = match f.done {
            Some(d) => ("COMPLETED", Some(d)),
            None => ("NEEDS-ACTION", None),
        };
        c.todo(
            &uid("followup", x.id.0),
            f.due,
            &format!("Follow up with {p}: {}", f.what),
            &about,
            "follow-up",
            status,
        );
    }

    let idx = Index::build(ws);
    for p in &ws.partners {
        let Some(insight) = partner_insight(ws, &idx, p.id, today) else {
            continue;
        };
        let i = &insight.practices.improvement;
        let mut about = format!("Partner: {}\n", p.name);
        match (i.last_review, i.latest_mean) {
            (Some(last), Some(mean)) => {
                about.push_str(&format!("Last review {last} (mean rating {mean:.1})."))
            }
            _ => about.push_str("No review yet."),
        }
        about.push_str(&format!("\nReviews every {} days.", p.review_interval_days));
        let status = if p.phase == Phase::Ended {
            "CANCELLED"
        } else {
            "CONFIRMED"
        };
        c.event(
            &uid("review", p.id.0),
            i.next_due,
            &format!("Review due: {}", p.name),
            &about,
            "review",
            status,
        );
    }

    c.line("END:VCALENDAR");
    c.out
}

/// `kind-id@partnerdeck`.
pub fn uid(kind: &str, id: u64) -> String {
    format!("{kind}-{id}@{UID_DOMAIN}")
}

fn side_words(side: Side) -> &'static str {
    match side {
        Side::Us => "ours",
        Side::Them => "theirs",
    }
}

struct Cal {
    out: String,
    stamp: String,
}

impl Cal {
    /// One content line, folded, with its CRLF.
    fn line(&mut self, line: &str) {
        fold_into(&mut self.out, line);
    }

    fn text(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{}", escape(value)));
    }

    fn common(&mut self, uid: &str, summary: &str, description: &str, category: &str) {
        self.line(&format!("UID:{uid}"));
        self.line(&format!("DTSTAMP:{}", self.stamp));
        self.text("SUMMARY", summary);
        self.text("DESCRIPTION", description);
        self.line(&format!("CATEGORIES:partnerdeck,{}", escape(category)));
    }

    fn event(
        &mut self,
        uid: &str,
        date: NaiveDate,
        summary: &str,
        description: &str,
        category: &str,
        status: &str,
    ) {
        self.line("BEGIN:VEVENT");
        self.common(uid, summary, description, category);
        self.line(&format!("DTSTART;VALUE=DATE:{}", ical_date(date)));
        let end = date.checked_add_days(Days::new(1)).unwrap_or(date);
        self.line(&format!("DTEND;VALUE=DATE:{}", ical_date(end)));
        self.line("TRANSP:TRANSPARENT");
        self.line(&format!("STATUS:{status}"));
        self.line("END:VEVENT");
    }

    fn todo(
        &mut self,
        uid: &str,
        due: NaiveDate,
        summary: &str,
        description: &str,
        category: &str,
        (status, completed): (&str, Option<NaiveDate>),
    ) {
        self.line("BEGIN:VTODO");
        self.common(uid, summary, description, category);
        self.line(&format!("DUE;VALUE=DATE:{}", ical_date(due)));
        self.line(&format!("STATUS:{status}"));
        if let (Some(d), "COMPLETED") = (completed, status) {
            self.line(&format!("COMPLETED:{}T120000Z", ical_date(d)));
            self.line("PERCENT-COMPLETE:100");
        }
        self.line("END:VTODO");
    }
}

fn ical_date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks; other
/// control characters and bidirectional overrides are left out.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            // Controls and bidirectional overrides are left out, as the other exports make them
            // inert: a calendar shows them to people.
            c if (c.is_control() || crate::text::is_unsafe(c)) && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded at 75 octets (continuation lines start with a space, which counts),
/// never splitting a UTF-8 character, each physical line ended by CRLF.
pub fn fold_into(out: &mut String, line: &str) {
    const LIMIT: usize = 75;
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > LIMIT {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_the_four_specials() {
        assert_eq!(escape("a\\b;c,d\ne\r\nf"), "a\\\\b\\;c\\,d\\ne\\nf");
    }

    #[test]
    fn folding_keeps_lines_within_75_octets_and_characters_whole() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "森".repeat(40));
        fold_into(&mut out, &line);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
        let mut short = String::new();
        fold_into(&mut short, "VERSION:2.0");
        assert_eq!(short, "VERSION:2.0\r\n");
    }
}
