//! The pre-meeting brief (`partnerdeck brief NAME`): one page of Markdown to read before
//! talking to a partner — who they are, the last contact, open follow-ups, open commitments on
//! both sides, milestones coming up, active goals, the last review, and talking points from the
//! insight layer (attention items, the health factors with the most to gain, needs nobody
//! covers yet).

use super::markdown::{contact_label, factor_label, goal_progress};
use super::text::{capitalized, cell, days, one_line, relative};
use crate::insight::health::format_points;
use crate::insight::{Index, PartnerReport};
use crate::model::*;
use chrono::NaiveDate;
use std::fmt::Write as _;

/// Milestones due within this many days count as upcoming.
pub const MILESTONE_HORIZON_DAYS: i64 = 90;

/// Earlier log entries listed under the last contact.
pub const EARLIER_CONTACTS: usize = 3;

/// Health factors listed as talking points.
pub const SHORTFALL_POINTS: usize = 3;

fn channel_phrase(x: &Interaction) -> String {
    let who = match x.initiated_by {
        Side::Us => "we reached out",
        Side::Them => "they reached out",
    };
    format!("{}, {who}", x.channel)
}

/// The brief; `None` for an unknown partner.
pub fn brief(ws: &Workspace, id: PartnerId, today: NaiveDate) -> Option<String> {
    let idx = Index::build(ws);
    let report = PartnerReport::build(ws, &idx, id, today)?;
    Some(render(&report))
}

/// Lays out one partner's report as the brief.
pub fn render(report: &PartnerReport<'_>) -> String {
    let mut out = String::new();
    header_section(&mut out, report);
    last_contact_section(&mut out, report);
    follow_ups_section(&mut out, report);
    commitments_section(&mut out, report);
    milestones_section(&mut out, report);
    goals_section(&mut out, report);
    last_review_section(&mut out, report);
    talking_points_section(&mut out, report);
    out
}

/// The title, the partner's kind, phase and health, the aim, the people and the notes.
fn header_section(out: &mut String, report: &PartnerReport<'_>) {
    let (p, today, insight) = (report.partner, report.today, &report.insight);
    let _ = writeln!(out, "# Brief: {}\n", one_line(&p.name));
    let _ = writeln!(
        out,
        "For {today} · {} · {} · health {}/100 · partner since {}\n",
        p.kind,
        p.phase,
        insight.health.score(),
        p.since
    );
    let ws = report.workspace();
    let on = |d: NaiveDate| format!("on {d}");
    let owner = p
        .owner
        .as_deref()
        .map(|o| format!("**Owner:** {}", one_line(ws.member_name(o))));
    let authors = ws
        .authors_words(&p.authors, p.id.0, on)
        .map(|w| one_line(&w));
    let who: Vec<String> = owner.into_iter().chain(authors).collect();
    if !who.is_empty() {
        let _ = writeln!(out, "{}\n", who.join(" · "));
    }
    if !p.aim.trim().is_empty() {
        let _ = writeln!(out, "**Aim:** {}\n", one_line(&p.aim));
    }
    if !p.contacts.is_empty() {
        let people: Vec<String> = p
            .contacts
            .iter()
            .map(|c| {
                let extra: Vec<&str> = [c.role.trim(), c.email.trim(), c.phone.trim()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect();
                if extra.is_empty() {
                    one_line(&c.name)
                } else {
                    format!("{} ({})", one_line(&c.name), one_line(&extra.join("; ")))
                }
            })
            .collect();
        let _ = writeln!(out, "**People:** {}\n", people.join(", "));
    }
    if !p.notes.trim().is_empty() {
        let _ = writeln!(out, "**Notes:** {}\n", one_line(&p.notes));
    }
}

/// The last contact, the contact state, and the few contacts before it.
fn last_contact_section(out: &mut String, report: &PartnerReport<'_>) {
    let (today, pr) = (report.today, &report.insight.practices);
    let _ = writeln!(out, "## Last contact\n");
    let past = &report.past;
    let c = &pr.communication;
    match past.last() {
        Some(x) => {
            let feel = x
                .sentiment
                .map_or(String::new(), |s| format!(" (sentiment {s}/5)"));
            let by = x.authors.by.as_deref().map_or(String::new(), |b| {
                format!(
                    " — logged by {}",
                    one_line(report.workspace().member_name(b))
                )
            });
            let feel = format!("{feel}{by}");
            let _ = writeln!(
                out,
                "{} ({}): {} — {}{feel}\n",
                x.at.format("%Y-%m-%d %H:%M"),
                relative(x.at.date(), today),
                channel_phrase(x),
                one_line(&x.summary)
            );
        }
        None => {
            let _ = writeln!(out, "No contact logged yet.\n");
        }
    }
    let _ = writeln!(
        out,
        "Contact is {}: ideally every {}, at most {}.",
        contact_label(c.status),
        days(i64::from(c.ideal_days)),
        days(i64::from(c.max_days))
    );
    let earlier: Vec<&&Interaction> = past.iter().rev().skip(1).take(EARLIER_CONTACTS).collect();
    if !earlier.is_empty() {
        let _ = writeln!(out, "\nBefore that:\n");
        for x in earlier {
            let _ = writeln!(
                out,
                "- {}: {} — {}",
                x.at.date(),
                channel_phrase(x),
                one_line(&x.summary)
            );
        }
    }
    out.push('\n');
}

/// The follow-ups not yet done.
fn follow_ups_section(out: &mut String, report: &PartnerReport<'_>) {
    let today = report.today;
    let open = &report.open_follow_ups;
    let _ = writeln!(out, "## Open follow-ups ({})\n", open.len());
    if open.is_empty() {
        let _ = writeln!(out, "None.");
    }
    for (x, f) in open {
        let owner = x.follow_up_owner().map_or(String::new(), |o| {
            format!(" (owner: {})", one_line(report.workspace().member_name(o)))
        });
        let _ = writeln!(
            out,
            "- {}{} — due {} ({}), from the {} on {}{owner}",
            if f.due < today { "! " } else { "" },
            one_line(&f.what),
            f.due,
            due_words(f.due, today),
            x.channel,
            x.at.date()
        );
    }
    out.push('\n');
}

/// Each side's open commitments, with its record so far.
fn commitments_section(out: &mut String, report: &PartnerReport<'_>) {
    let (today, pr) = (report.today, &report.insight.practices);
    let _ = writeln!(out, "## Open commitments\n");
    for side in [Side::Us, Side::Them] {
        let open: Vec<&&Commitment> = report
            .open_commitments
            .iter()
            .filter(|k| k.side == side)
            .collect();
        let rec = pr.trust.side(side);
        let (title, who) = match side {
            Side::Us => ("We promised", "we"),
            Side::Them => ("They promised", "they"),
        };
        let _ = writeln!(
            out,
            "**{title}** ({} open; so far {who} kept {} on time, {} late, missed {}):\n",
            open.len(),
            rec.kept_on_time,
            rec.kept_late,
            rec.missed
        );
        if open.is_empty() {
            let _ = writeln!(out, "- nothing open");
        }
        for k in open {
            let owner = k.keeper().map_or(String::new(), |o| {
                format!(" (owner: {})", one_line(report.workspace().member_name(o)))
            });
            let _ = writeln!(
                out,
                "- {}{} — due {} ({}){owner}",
                if k.due < today { "! " } else { "" },
                one_line(&k.what),
                k.due,
                due_words(k.due, today)
            );
        }
        out.push('\n');
    }
}

/// The open milestones due soon.
fn milestones_section(out: &mut String, report: &PartnerReport<'_>) {
    let today = report.today;
    let coming = report.open_milestones_within(MILESTONE_HORIZON_DAYS);
    let _ = writeln!(
        out,
        "## Milestones (open, due within {MILESTONE_HORIZON_DAYS} days)\n"
    );
    if coming.is_empty() {
        let _ = writeln!(out, "None.");
    }
    for m in coming {
        let goal = m
            .goal
            .and_then(|g| report.goal(g))
            .map_or(String::new(), |g| {
                format!(" (goal: {})", one_line(&g.title))
            });
        let _ = writeln!(
            out,
            "- {}{} ({}) — {}{goal}",
            if m.due < today { "! " } else { "" },
            m.due,
            due_words(m.due, today),
            one_line(&m.title)
        );
    }
    out.push('\n');
}

/// The active goals with their progress and pace.
fn goals_section(out: &mut String, report: &PartnerReport<'_>) {
    let today = report.today;
    let active = &report.active_goals;
    if !active.is_empty() {
        let _ = writeln!(out, "## Active goals\n");
        for g in active {
            let track = report.track(g.id);
            let state = match (g.due, track.and_then(|t| t.pace)) {
                (Some(d), _) if d < today => format!("overdue since {d}"),
                (Some(d), Some(pace)) => format!("due {d}, {}", pace.label()),
                (Some(d), None) => format!("due {d}"),
                (None, _) => "no due date".into(),
            };
            let _ = writeln!(
                out,
                "- {}: {} — {state} (owner: {})",
                one_line(&g.title),
                goal_progress(g),
                g.owner
            );
        }
        out.push('\n');
    }
}

/// The last review's ratings and feedback, and when the next is due.
fn last_review_section(out: &mut String, report: &PartnerReport<'_>) {
    let (today, pr) = (report.today, &report.insight.practices);
    let i = &pr.improvement;
    match report.held_reviews.last() {
        Some(v) => {
            let trend = match i.trend {
                Some(t) if t > 0.0 => format!(", up {t:.2}"),
                Some(t) if t < 0.0 => format!(", down {:.2}", -t),
                Some(_) => ", unchanged".into(),
                None => String::new(),
            };
            let _ = writeln!(
                out,
                "## Last review: {} (mean {:.2}{trend})\n",
                v.date,
                v.ratings.mean()
            );
            let _ = writeln!(out, "| Practice | Score | Note |");
            let _ = writeln!(out, "|---|--:|---|");
            for practice in Practice::ALL {
                let rating = v.ratings.get(*practice);
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |",
                    capitalized(practice.label()),
                    rating.score,
                    cell(&rating.note)
                );
            }
            if !v.feedback.trim().is_empty() {
                let _ = writeln!(out, "\nFeedback and actions:\n");
                for line in v.feedback.lines() {
                    let _ = writeln!(out, "> {line}");
                }
            }
        }
        None => {
            let _ = writeln!(out, "## Last review\n\nNo review yet.");
        }
    }
    let _ = writeln!(
        out,
        "\nNext review due {} ({}).\n",
        i.next_due,
        due_words(i.next_due, today)
    );
}

/// Talking points: the attention items, the health factors with most to gain, and the needs
/// nobody covers yet.
fn talking_points_section(out: &mut String, report: &PartnerReport<'_>) {
    let (insight, pr) = (&report.insight, &report.insight.practices);
    let mut points: Vec<String> = insight
        .attention
        .iter()
        .map(|a| one_line(&a.text))
        .collect();
    for c in insight
        .health
        .shortfalls()
        .into_iter()
        .take(SHORTFALL_POINTS)
    {
        points.push(format!(
            "{} ({}): {} — {} of {} points",
            capitalized(c.practice.label()),
            factor_label(c.factor).to_lowercase(),
            c.evidence,
            format_points(c.points),
            format_points(c.max)
        ));
    }
    let st = &pr.strengths;
    if !st.their_unmet.is_empty() {
        points.push(format!(
            "Their needs we do not cover: {}. Can we help, or introduce someone who can?",
            st.their_unmet.join(", ")
        ));
    }
    if !st.our_unmet.is_empty() {
        points.push(format!(
            "Our needs they do not cover: {}. Do they know who could?",
            st.our_unmet.join(", ")
        ));
    }
    let _ = writeln!(out, "## Talking points\n");
    if points.is_empty() {
        let _ = writeln!(out, "Nothing pressing: a good time to look further ahead.");
    }
    for (n, point) in points.iter().enumerate() {
        let _ = writeln!(out, "{}. {point}", n + 1);
    }
}

/// "in 3 days", "today", "7 days overdue".
fn due_words(due: NaiveDate, today: NaiveDate) -> String {
    let n = (due - today).num_days();
    if n < 0 {
        format!("{} overdue", days(-n))
    } else {
        relative(due, today)
    }
}
