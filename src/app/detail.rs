//! The detail view's content: every field of the selected record, as labelled lines. Built once
//! when the view opens, and wrapped once for the screen's width, so scrolling costs nothing.

use super::layout::detail_rect;
use crate::document::Document;
use crate::insight::PartnerReport;
use crate::keymap::Keymap;
use crate::model::*;
use crate::words::{Fraction, number_as};
use ratatui::layout::Rect;
use std::borrow::Cow;

pub use super::detail_line::{DetailLine, LineKind, sparkline};
/// Which record a view or action is about (the insight layer's, shared with the queue and
/// the palette).
pub use crate::insight::RecordRef;

#[derive(Default)]
struct Lines(Vec<DetailLine>);

impl Lines {
    fn push(&mut self, kind: LineKind, label: impl Into<String>, value: impl Into<String>) {
        self.0.push(DetailLine {
            kind,
            label: label.into(),
            value: value.into(),
        });
    }
    fn title(&mut self, text: impl Into<String>) {
        self.push(LineKind::Title, "", text);
    }
    fn heading(&mut self, text: impl Into<String>) {
        self.push(LineKind::Heading, "", text);
    }
    fn field(&mut self, label: &str, value: impl Into<String>) {
        self.push(LineKind::Field, label, value);
    }
    fn text(&mut self, text: &str) {
        for line in text.lines() {
            self.push(LineKind::Text, "", line);
        }
    }
    fn list(&mut self, label: &str, items: &[String]) {
        let value = if items.is_empty() {
            "—".to_string()
        } else {
            items.join(", ")
        };
        self.field(label, value);
    }
}

fn or_dash(text: &str) -> String {
    if text.trim().is_empty() {
        "—".into()
    } else {
        text.to_string()
    }
}

/// The name of partner `id`, else the id itself.
fn partner_name(ws: &Workspace, id: PartnerId) -> String {
    ws.partner_name(id)
        .map_or_else(|| id.to_string(), str::to_string)
}

/// The lines of the detail view for a record.
/// "Added by … · changed by …" of a record, when it says (`Who`).
fn who(
    l: &mut Lines,
    ws: &Workspace,
    authors: &crate::model::Authors,
    id: u64,
    today: chrono::NaiveDate,
) {
    let day = |d| {
        let w = crate::words::day_words(d, today);
        if w.starts_with(|c: char| c.is_ascii_digit()) {
            format!("on {w}")
        } else {
            w
        }
    };
    if let Some(words) = ws.authors_words(authors, id, day) {
        l.field("Who", words);
    }
}

pub fn lines(doc: &Document, keymap: &Keymap, record: RecordRef) -> Vec<DetailLine> {
    let ws = doc.ws();
    let mut l = Lines::default();
    match record {
        RecordRef::Partner(id) => {
            if let Some(report) = PartnerReport::build(ws, doc.index(), id, doc.today()) {
                partner(&mut l, &report, doc.ws(), keymap);
            }
        }
        RecordRef::Goal(id) => {
            if let Some(g) = ws.goal(id) {
                let number = |n: f64| number_as(n, Fraction::Two);
                l.title(format!("Goal: {}", g.title));
                l.field("Partner", partner_name(ws, g.partner));
                who(&mut l, ws, &g.authors, g.id.0, doc.today());
                l.field("Metric", or_dash(&g.metric));
                l.field("Unit", or_dash(&g.unit));
                l.field("Baseline", number(g.baseline));
                l.field(
                    "Target",
                    g.target.map_or("— (no measurable target)".into(), number),
                );
                l.field("Current", number(g.current));
                l.field(
                    "Progress",
                    g.progress()
                        .map_or("—".into(), |p| format!("{:.0}%", p * 100.0)),
                );
                l.field("Owner", g.owner.label());
                l.field("Start", g.start.to_string());
                l.field("Due", g.due.map_or("—".into(), |d| d.to_string()));
                l.field("Status", g.status.label());
                let milestones: Vec<&Milestone> = ws
                    .milestones
                    .iter()
                    .filter(|m| m.goal == Some(id))
                    .collect();
                if !milestones.is_empty() {
                    l.heading("Milestones");
                    for m in milestones {
                        let state = m.done.map_or("open".into(), |d| format!("done {d}"));
                        l.field(&m.due.to_string(), format!("{} ({state})", m.title));
                    }
                }
            }
        }
        RecordRef::Milestone(id) => {
            if let Some(m) = ws.milestone(id) {
                l.title(format!("Milestone: {}", m.title));
                l.field("Partner", partner_name(ws, m.partner));
                who(&mut l, ws, &m.authors, m.id.0, doc.today());
                l.field(
                    "Goal",
                    m.goal
                        .and_then(|g| ws.goal(g))
                        .map_or("—".into(), |g| g.title.clone()),
                );
                l.field("Due", m.due.to_string());
                let state = match m.done {
                    Some(d) => format!("done on {d}"),
                    None if m.due < doc.today() => {
                        format!("overdue by {} days", (doc.today() - m.due).num_days())
                    }
                    None => format!("in {} days", (m.due - doc.today()).num_days()),
                };
                l.field("State", state);
                for c in ws.celebrations.iter().filter(|c| c.milestone == Some(id)) {
                    l.field(
                        "Celebrated",
                        format!("{}: {} (with {})", c.date, c.how, or_dash(&c.with)),
                    );
                }
            }
        }
        RecordRef::Interaction(id) => {
            if let Some(i) = ws.interaction(id) {
                l.title(format!("Log entry, {}", i.at.format("%Y-%m-%d %H:%M")));
                l.field("Partner", partner_name(ws, i.partner));
                who(&mut l, ws, &i.authors, i.id.0, doc.today());
                l.field("Channel", i.channel.label());
                l.field("Initiated by", i.initiated_by.label());
                l.field(
                    "Sentiment",
                    i.sentiment.map_or("—".into(), |s| format!("{s}/5")),
                );
                match &i.follow_up {
                    Some(f) => {
                        let state = f.done.map_or("open".into(), |d| format!("done {d}"));
                        let owner = f
                            .owner
                            .as_deref()
                            .map_or(String::new(), |o| format!(", owner {}", ws.member_name(o)));
                        l.field(
                            "Follow-up",
                            format!("{} (due {}, {state}{owner})", f.what, f.due),
                        );
                    }
                    None => l.field("Follow-up", "—"),
                }
                l.heading("Summary");
                l.text(&i.summary);
            }
        }
        // The details open on partners, goals, milestones and log entries (the dashboard's
        // panes); the other records are shown in their partner's lists.
        RecordRef::Commitment(_) | RecordRef::Review(_) | RecordRef::Celebration(_) => {}
    }
    l.0
}

fn names(items: &[String]) -> String {
    if items.is_empty() {
        "—".into()
    } else {
        items.join(", ")
    }
}

/// The evidence of one practice: its health contributions and its section of the details.
pub fn practice_section(
    insight: &crate::insight::PartnerInsight,
    practice: Practice,
) -> Vec<DetailLine> {
    let mut l = Lines::default();
    for c in insight
        .health
        .contributions
        .iter()
        .filter(|c| c.practice == practice)
    {
        l.field(
            "Points",
            format!(
                "{}/{}  {}",
                crate::insight::health::format_points(c.points),
                crate::insight::health::format_points(c.max),
                c.evidence
            ),
        );
    }
    let mut all = Lines::default();
    practices(&mut all, insight, "");
    let heading = format!("{} ", practice.index() + 1);
    let mut inside = false;
    for line in all.0 {
        if line.kind == LineKind::Heading {
            inside = line.value.starts_with(&heading);
            continue;
        }
        if inside {
            l.0.push(line);
        }
    }
    l.0
}

use crate::words::{count, plural};

/// The eight practices, the health score with every contribution, and what needs attention.
fn practices(l: &mut Lines, insight: &crate::insight::PartnerInsight, profile_key: &str) {
    let pr = &insight.practices;
    l.heading(format!("Health {}/100", insight.health.score()));
    for c in &insight.health.contributions {
        l.field(
            c.factor.label(),
            format!(
                "{}/{}  {}",
                crate::insight::health::format_points(c.points),
                crate::insight::health::format_points(c.max),
                c.evidence
            ),
        );
    }
    if !insight.attention.is_empty() {
        l.heading("Needs attention");
        for item in &insight.attention {
            l.field(item.kind.label(), item.text.clone());
        }
    }
    values_lines(l, pr, profile_key);
    communication_lines(l, pr);
    clarity_lines(l, pr);
    strengths_lines(l, pr);
    trust_lines(l, pr);
    long_term_lines(l, pr);
    improvement_lines(l, pr);
    celebration_lines(l, pr);
}

/// 1: the values both sides hold, and how well they align.
fn values_lines(l: &mut Lines, pr: &crate::insight::Practices, profile_key: &str) {
    l.heading("1 Aligned values");
    let v = &pr.values;
    l.field("Shared", names(&v.overlap.shared));
    l.field("Ours only", names(&v.overlap.ours_only));
    l.field("Theirs only", names(&v.overlap.theirs_only));
    let ours_missing = v.overlap.shared.is_empty() && v.overlap.ours_only.is_empty();
    let missing = if ours_missing {
        match profile_key {
            "" => "— (our values are missing: write them in our profile)".to_string(),
            key => format!(
                "— (our values are missing: press {key} on the dashboard to write our profile)"
            ),
        }
    } else {
        "— (their values are missing)".into()
    };
    l.field("Alignment", v.score.map_or(missing, |s| format!("{s}%")));
}

/// 2: the last contact, who starts, and the follow-ups.
fn communication_lines(l: &mut Lines, pr: &crate::insight::Practices) {
    use crate::insight::ContactStatus;
    l.heading("2 Communication");
    let c = &pr.communication;
    let contact = match (c.last_contact, c.status) {
        (None, _) => format!("never ({} days since the start)", c.days_since),
        (Some(d), ContactStatus::Fine) => format!("{d}, {} days ago: fine", c.days_since),
        (Some(d), ContactStatus::Due) => format!(
            "{d}, {} days ago: due (ideal {})",
            c.days_since, c.ideal_days
        ),
        (Some(d), _) => format!(
            "{d}, {} days ago: lapsed (max {})",
            c.days_since, c.max_days
        ),
    };
    l.field("Last contact", contact);
    let balance = match c.one_sided {
        Some(side) => format!(
            "us {} / them {} in 90 days: one-sided ({} start most)",
            c.ours_recent,
            c.theirs_recent,
            side.label()
        ),
        None => format!("us {} / them {} in 90 days", c.ours_recent, c.theirs_recent),
    };
    l.field("Who initiates", balance);
    l.field(
        "Follow-ups",
        format!(
            "{} open, {} overdue",
            c.open_follow_ups, c.overdue_follow_ups
        ),
    );
}

/// 3: how many goals are measurable, and their pace.
fn clarity_lines(l: &mut Lines, pr: &crate::insight::Practices) {
    l.heading("3 Clear goals");
    let g = &pr.clarity;
    l.field(
        "Measurable",
        format!(
            "{} of {} a target and a due date",
            g.measurable(),
            plural(g.active, "active goal has", "active goals have")
        ),
    );
    use crate::insight::Pace;
    l.field(
        "Pace",
        format!(
            "{} ahead, {} on track, {} behind, {} overdue",
            g.count(Pace::Ahead),
            g.count(Pace::OnTrack),
            g.count(Pace::Behind),
            g.overdue.len()
        ),
    );
}

/// 4: the needs each side meets, and those nobody meets.
fn strengths_lines(l: &mut Lines, pr: &crate::insight::Practices) {
    l.heading("4 Leveraged strengths");
    let st = &pr.strengths;
    l.field("They meet", names(&st.they_give));
    l.field("We meet", names(&st.we_give));
    l.field("Their unmet", names(&st.their_unmet));
    l.field("Our unmet", names(&st.our_unmet));
}

/// 5: each side's promise record.
fn trust_lines(l: &mut Lines, pr: &crate::insight::Practices) {
    l.heading("5 Trust & respect");
    for side in crate::model::Side::ALL {
        let r = pr.trust.side(*side);
        l.field(
            if *side == crate::model::Side::Us {
                "Our promises"
            } else {
                "Their promises"
            },
            format!(
                "{} kept on time, {} late, {} missed ({} overdue), {} upcoming",
                r.kept_on_time,
                r.kept_late,
                r.missed,
                r.overdue.len(),
                r.upcoming
            ),
        );
    }
}

/// 6: the partnership's phase and age, its aim, and the goals that reach far.
fn long_term_lines(l: &mut Lines, pr: &crate::insight::Practices) {
    l.heading("6 Long-term view");
    let lt = &pr.long_term;
    l.field(
        "Partnership",
        format!("{}, {} days old", lt.phase.label(), lt.age_days),
    );
    l.field("Aim written", if lt.has_aim { "yes" } else { "no" });
    l.field(
        "Beyond 90 days",
        format!(
            "{} past the next quarter",
            plural(
                lt.horizon_goals.len(),
                "active goal reaches",
                "active goals reach"
            )
        ),
    );
}

/// 7: the reviews, their trend, and each practice's ratings over time.
fn improvement_lines(l: &mut Lines, pr: &crate::insight::Practices) {
    l.heading("7 Continuous improvement");
    let im = &pr.improvement;
    l.field(
        "Last review",
        im.last_review.map_or("never".into(), |d| d.to_string()),
    );
    l.field(
        "Next review",
        format!("{}{}", im.next_due, if im.due { " (due now)" } else { "" }),
    );
    if let Some(t) = im.trend {
        l.field("Trend", format!("{t:+.2} since the previous review"));
    }
    for practice in Practice::ALL {
        let series = im.series(*practice);
        if !series.is_empty() {
            let change = match series {
                [.., a, b] => format!("{:+}", i16::from(*b) - i16::from(*a)),
                _ => String::new(),
            };
            l.field(
                practice.label(),
                format!(
                    "{} {} {change}",
                    sparkline(series),
                    series.last().copied().unwrap_or(0)
                ),
            );
        }
    }
}

/// 8: the celebrations and the wins not celebrated yet.
fn celebration_lines(l: &mut Lines, pr: &crate::insight::Practices) {
    l.heading("8 Celebrating successes");
    let ce = &pr.celebration;
    l.field(
        "Last 6 months",
        format!(
            "{}, {}",
            count(ce.recent.len(), "celebration"),
            count(ce.recent_wins.len(), "win")
        ),
    );
    l.field(
        "Uncelebrated",
        format!(
            "{} not yet celebrated",
            plural(
                ce.uncelebrated.len(),
                "completed milestone",
                "completed milestones"
            )
        ),
    );
}

fn partner(l: &mut Lines, report: &PartnerReport<'_>, ws: &Workspace, keymap: &Keymap) {
    let p = report.partner;
    l.title(p.name.clone());
    if let Some(o) = &p.owner {
        l.field("Owner", ws.member_name(o).to_string());
    }
    who(l, ws, &p.authors, p.id.0, report.today);
    l.field("Kind", p.kind.label());
    l.field("Phase", p.phase.label());
    l.field("Since", p.since.to_string());
    l.field(
        "Cadence",
        format!(
            "ideally every {} days, at most {}",
            p.cadence.ideal_days, p.cadence.max_days
        ),
    );
    l.field("Reviews", format!("every {} days", p.review_interval_days));
    l.field("Long-term aim", or_dash(&p.aim));
    l.list("Values", &p.values);
    l.list("Offers", &p.offers);
    l.list("Needs", &p.needs);
    l.list("Tags", &p.tags);
    let key = keymap
        .keys_in(
            crate::action::Action::EditProfile,
            crate::action::Context::Dashboard,
        )
        .first()
        .map_or(String::new(), ToString::to_string);
    practices(l, &report.insight, &key);
    l.0.extend(super::their_view::ratings(ws, p.id));
    l.heading("Contacts");
    if p.contacts.is_empty() {
        l.text("none yet");
    }
    for c in &p.contacts {
        let mut parts = vec![c.name.clone()];
        for extra in [&c.role, &c.email, &c.phone] {
            if !extra.is_empty() {
                parts.push(extra.clone());
            }
        }
        l.text(&parts.join(" · "));
    }
    let kept = &report.kept;
    if !kept.commitments.is_empty() {
        l.heading("Commitments");
        for c in &kept.commitments {
            let state = match c.outcome {
                Some(Outcome::Kept(d)) if d <= c.due => format!("kept {d}"),
                Some(Outcome::Kept(d)) => format!("kept late {d}"),
                Some(Outcome::Missed(d)) => format!("missed {d}"),
                None if c.due < report.today => "overdue".into(),
                None => "open".into(),
            };
            l.field(
                &format!("{} by {}", c.side.label(), c.due),
                format!("{} ({state})", c.what),
            );
        }
    }
    if !kept.reviews.is_empty() {
        l.heading("Reviews");
        for r in &kept.reviews {
            let scores: Vec<String> = Practice::ALL
                .iter()
                .map(|x| format!("{} {}", x.short(), r.ratings.get(*x).score))
                .collect();
            l.field(&r.date.to_string(), scores.join("  "));
        }
    }
    if !kept.celebrations.is_empty() {
        l.heading("Celebrations");
        for c in &kept.celebrations {
            l.field(
                &c.date.to_string(),
                format!("{} (with {})", c.how, or_dash(&c.with)),
            );
        }
    }
    if !p.notes.trim().is_empty() {
        l.heading("Notes");
        l.text(&p.notes);
    }
}

/// The label column's width in the detail view.
pub const LABEL_WIDTH: usize = 20;

/// Detail lines wrapped for one width, once (when the detail opens and when the screen is
/// resized), so that neither a scroll key nor a redraw wraps them again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrapped {
    pub width: usize,
    pub lines: Vec<DetailLine>,
}

impl Wrapped {
    pub fn new(lines: &[DetailLine], width: usize) -> Wrapped {
        Wrapped {
            width,
            lines: wrap(lines, width),
        }
    }

    /// `lines` wrapped to `width`: the kept ones when they are for that width, else anew.
    pub fn at<'a>(&'a self, lines: &[DetailLine], width: usize) -> Cow<'a, [DetailLine]> {
        if width == self.width {
            Cow::Borrowed(&self.lines)
        } else {
            Cow::Owned(wrap(lines, width))
        }
    }
}

/// The width detail text wraps to on a screen of `area`: the detail box inside its border and
/// one blank column each side.
pub fn wrap_width(area: Rect) -> usize {
    detail_rect(area).width.saturating_sub(4) as usize
}

/// Wraps the lines to `width` cells (labels keep their column; continuation lines are indented),
/// so the renderer and the scroll limits agree on how many rows there are.
pub fn wrap(lines: &[DetailLine], width: usize) -> Vec<DetailLine> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let indent = if line.kind == LineKind::Field {
            LABEL_WIDTH + 2
        } else {
            0
        };
        let room = width.saturating_sub(indent).max(8);
        let mut first = true;
        for chunk in wrap_text(&line.value, room) {
            out.push(DetailLine {
                kind: line.kind,
                label: if first {
                    line.label.clone()
                } else {
                    String::new()
                },
                value: chunk,
            });
            first = false;
        }
    }
    out
}

/// Word-wraps one text to chunks of at most `width` cells (long words are split).
pub fn wrap_text(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthChar;
    let width = width.max(1);
    let mut chunks = Vec::new();
    let mut current = String::new();
    let mut used = 0;
    for word in text.split(' ') {
        let w: usize = word.chars().map(|c| c.width().unwrap_or(0)).sum();
        let gap = usize::from(!current.is_empty());
        if used + gap + w <= width {
            if gap == 1 {
                current.push(' ');
            }
            current.push_str(word);
            used += gap + w;
            continue;
        }
        if !current.is_empty() {
            chunks.push(std::mem::take(&mut current));
            used = 0;
        }
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > width {
                chunks.push(std::mem::take(&mut current));
                used = 0;
            }
            current.push(c);
            used += cw;
        }
    }
    chunks.push(current);
    chunks
}
