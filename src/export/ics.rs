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
//!
//! Alarms ([`Alarms`]): open follow-ups, milestones not done, unresolved commitments and next
//! reviews carry a `VALARM` (a display alarm) inside their component, at 09:00 on the day less
//! the lead time; none for things dated before today unless asked.

use super::text::number;
use crate::insight::{Index, partner_insight};
use crate::model::*;
use chrono::{DateTime, Days, NaiveDate, Utc};

/// Resolved commitments and done follow-ups stay in the export this many days.
pub const KEEP_RESOLVED_DAYS: i64 = 90;

/// The domain part of every UID.
pub const UID_DOMAIN: &str = "partnerdeck";

/// When calendar alarms go off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alarms {
    /// Whether components get alarms at all.
    pub on: bool,
    /// How long before 09:00 on the day the alarm goes off (`1d`: 09:00 the day before).
    pub lead: chrono::TimeDelta,
    /// Alarms also for things dated before today (calendars would ring them at once).
    pub past: bool,
}

impl Default for Alarms {
    fn default() -> Self {
        Alarms {
            on: true,
            lead: chrono::TimeDelta::zero(),
            past: false,
        }
    }
}

impl Alarms {
    /// No alarms.
    pub const OFF: Alarms = Alarms {
        on: false,
        lead: chrono::TimeDelta::zero(),
        past: false,
    };

    /// The TRIGGER value (relative to the start of the day), if a thing dated `date` gets an
    /// alarm on `today`.
    pub fn trigger(&self, date: NaiveDate, today: NaiveDate) -> Option<String> {
        if !self.on || (date < today && !self.past) {
            return None;
        }
        Some(duration(chrono::TimeDelta::hours(9) - self.lead))
    }
}

/// An RFC 5545 duration (`-P1DT15H`, `PT9H`, `PT0S`), to the minute.
pub fn duration(d: chrono::TimeDelta) -> String {
    let minutes = d.num_minutes();
    let sign = if minutes < 0 { "-" } else { "" };
    let m = minutes.unsigned_abs();
    let (days, hours, mins) = (m / 1440, m % 1440 / 60, m % 60);
    let mut out = format!("{sign}P");
    if days > 0 {
        out.push_str(&format!("{days}D"));
    }
    if hours > 0 || mins > 0 || days == 0 {
        out.push('T');
        if hours > 0 {
            out.push_str(&format!("{hours}H"));
        }
        if mins > 0 {
            out.push_str(&format!("{mins}M"));
        }
        if hours == 0 && mins == 0 {
            out.push_str("0S");
        }
    }
    out
}

/// The whole calendar with the default alarms ([`calendar_with`]).
pub fn calendar(ws: &Workspace, today: NaiveDate, stamp: DateTime<Utc>) -> String {
    calendar_with(ws, today, stamp, &Alarms::default())
}

/// The whole calendar. `stamp` is written as every component's DTSTAMP (the time of export).
pub fn calendar_with(
    ws: &Workspace,
    today: NaiveDate,
    stamp: DateTime<Utc>,
    alarms: &Alarms,
) -> String {
    let mut c = Cal::new(stamp);
    c.begin();
    let name = if ws.profile.name.trim().is_empty() {
        "Partnerships".to_string()
    } else {
        format!("Partnerships — {}", ws.profile.name.trim())
    };
    c.text("X-WR-CALNAME", &name);

    milestone_events(&mut c, ws, today, alarms);
    goal_events(&mut c, ws);
    commitment_todos(&mut c, ws, today, alarms);
    follow_up_todos(&mut c, ws, today, alarms);
    review_events(&mut c, ws, today, alarms);

    c.finish()
}

/// Every milestone as an event (an alarm while it is open).
fn milestone_events(c: &mut Cal, ws: &Workspace, today: NaiveDate, alarms: &Alarms) {
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
        if m.done.is_none() {
            c.alarm(alarms.trigger(m.due, today), &summary, false);
        }
        c.event(
            &uid("milestone", m.id.0),
            m.due,
            &summary,
            &about.join("\n"),
            "milestone",
            "CONFIRMED",
        );
    }
}

/// Every goal with a due date as an event on that date.
fn goal_events(c: &mut Cal, ws: &Workspace) {
    let partner_name = |id: PartnerId| ws.partner_name(id).unwrap_or("?");
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
}

/// The commitments as to-dos: the open ones, and those resolved lately.
fn commitment_todos(c: &mut Cal, ws: &Workspace, today: NaiveDate, alarms: &Alarms) {
    let partner_name = |id: PartnerId| ws.partner_name(id).unwrap_or("?");
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
        if resolved.is_none() {
            c.alarm(alarms.trigger(k.due, today), &summary, true);
        }
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
}

/// The follow-ups as to-dos: the open ones, and those done lately.
fn follow_up_todos(c: &mut Cal, ws: &Workspace, today: NaiveDate, alarms: &Alarms) {
    let partner_name = |id: PartnerId| ws.partner_name(id).unwrap_or("?");
    let recent = |d: NaiveDate| (today - d).num_days() <= KEEP_RESOLVED_DAYS;
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
        let summary = format!("Follow up with {p}: {}", f.what);
        if f.done.is_none() {
            c.alarm(alarms.trigger(f.due, today), &summary, true);
        }
        c.todo(
            &uid("followup", x.id.0),
            f.due,
            &summary,
            &about,
            "follow-up",
            status,
        );
    }
}

/// Each partner's next review as an event (cancelled once the partnership has ended).
fn review_events(c: &mut Cal, ws: &Workspace, today: NaiveDate, alarms: &Alarms) {
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
        if p.phase != Phase::Ended {
            let summary = format!("Review due: {}", p.name);
            c.alarm(alarms.trigger(i.next_due, today), &summary, false);
        }
        c.event(
            &uid("review", p.id.0),
            i.next_due,
            &format!("Review due: {}", p.name),
            &about,
            "review",
            status,
        );
    }
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

/// Writes a calendar (this export's, and `partnerdeck due --format ics`).
pub struct Cal {
    out: String,
    stamp: String,
    /// The alarm the next component carries: its TRIGGER line and description.
    alarm: Option<(String, String)>,
}

impl Cal {
    pub fn new(stamp: DateTime<Utc>) -> Cal {
        Cal {
            out: String::new(),
            stamp: stamp.format("%Y%m%dT%H%M%SZ").to_string(),
            alarm: None,
        }
    }

    /// The calendar's opening lines.
    pub fn begin(&mut self) {
        self.line("BEGIN:VCALENDAR");
        self.line("VERSION:2.0");
        self.line(&format!(
            "PRODID:-//partnerdeck//partnerdeck {}//EN",
            env!("CARGO_PKG_VERSION")
        ));
        self.line("CALSCALE:GREGORIAN");
        self.line("METHOD:PUBLISH");
    }

    /// Closes the calendar and gives its text.
    pub fn finish(mut self) -> String {
        self.line("END:VCALENDAR");
        self.out
    }

    /// Gives the next component (event or to-do) a display alarm: `trigger` relative to the
    /// start of its day (`None`: no alarm); a to-do's relative to its DUE (`todo`).
    pub fn alarm(&mut self, trigger: Option<String>, description: &str, todo: bool) {
        self.alarm = trigger.map(|t| {
            let related = if todo { ";RELATED=END" } else { "" };
            (format!("TRIGGER{related}:{t}"), description.to_string())
        });
    }

    /// The pending alarm, inside the component being written.
    fn write_alarm(&mut self) {
        if let Some((trigger, description)) = self.alarm.take() {
            self.line("BEGIN:VALARM");
            self.line("ACTION:DISPLAY");
            self.text("DESCRIPTION", &description);
            self.line(&trigger);
            self.line("END:VALARM");
        }
    }

    /// One content line, folded, with its CRLF.
    pub fn line(&mut self, line: &str) {
        fold_into(&mut self.out, line);
    }

    pub fn text(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{}", escape(value)));
    }

    fn common(&mut self, uid: &str, summary: &str, description: &str, category: &str) {
        self.line(&format!("UID:{uid}"));
        self.line(&format!("DTSTAMP:{}", self.stamp));
        self.text("SUMMARY", summary);
        self.text("DESCRIPTION", description);
        self.line(&format!("CATEGORIES:partnerdeck,{}", escape(category)));
    }

    pub fn event(
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
        self.write_alarm();
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
        self.write_alarm();
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
    fn durations_are_rfc_5545() {
        let h = chrono::TimeDelta::hours;
        assert_eq!(duration(h(9)), "PT9H");
        assert_eq!(duration(h(9) - h(24)), "-PT15H");
        assert_eq!(duration(h(9) - h(48)), "-P1DT15H");
        assert_eq!(duration(chrono::TimeDelta::zero()), "PT0S");
        assert_eq!(duration(h(24)), "P1D");
        assert_eq!(duration(chrono::TimeDelta::minutes(90)), "PT1H30M");
    }

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
