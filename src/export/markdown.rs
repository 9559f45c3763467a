//! Markdown reports, readable in any Markdown viewer (GitHub, Obsidian, a terminal pager):
//! the portfolio (`portfolio`: every partner with health and contact state, what needs
//! attention, active goals and the next 30 days) or one partner's full picture (`partner`:
//! profile, health with every contribution and its reason, attention items, goals with
//! progress, milestone timeline, commitments, recent log, review trend, celebrations).
//!
//! All figures come from the insight layer; this module only lays them out.

use super::text::{bar, capitalized, cell, days, number, one_line, relative};
use crate::insight::health::format_points;
use crate::insight::{
    ContactStatus, Factor, Index, PartnerInsight, PartnerReport, overview, partner_insight,
};
use crate::model::*;
use chrono::NaiveDate;
use std::fmt::Write as _;

/// How far ahead "coming up" looks, in days.
pub const COMING_UP_DAYS: i64 = 30;

/// Log entries shown in a partner report.
pub const RECENT_LOG: usize = 10;

/// The factor's name, as in the README's table.
pub fn factor_label(f: Factor) -> &'static str {
    match f {
        Factor::ValuesOverlap => "Values overlap",
        Factor::ContactRecency => "Contact recency",
        Factor::FollowUps => "Follow-ups",
        Factor::Balance => "Balance",
        Factor::GoalsMeasurable => "Measurable",
        Factor::GoalsOnTrack => "On track",
        Factor::TheyMeetOurNeeds => "They meet our needs",
        Factor::WeMeetTheirNeeds => "We meet their needs",
        Factor::OurPromises => "Our promises",
        Factor::TheirPromises => "Their promises",
        Factor::AimWritten => "Aim",
        Factor::HorizonGoal => "Horizon",
        Factor::Maturity => "Maturity",
        Factor::ReviewSchedule => "Review schedule",
        Factor::RatingTrend => "Rating trend",
        Factor::RecentCelebration => "Recent celebration",
        Factor::WinsCelebrated => "Wins celebrated",
    }
}

/// The contact state as in the dashboard: a symbol and a word.
pub fn contact_label(s: ContactStatus) -> &'static str {
    match s {
        ContactStatus::Fine => "✓ fine",
        ContactStatus::Due => "~ due",
        ContactStatus::Lapsed => "! lapsed",
        ContactStatus::Never => "? never",
    }
}

use crate::words::count;

/// "5 of 12 grants (42%)"; "8 days, down to 5 (67%)" for a goal that lowers its measure;
/// "20 hours, no target yet".
pub fn goal_progress(g: &Goal) -> String {
    let unit = |n: f64| match g.unit.trim() {
        "" => number(n),
        "%" => format!("{}%", number(n)),
        u => format!("{} {u}", number(n)),
    };
    let pct = g
        .progress()
        .map_or(String::new(), |p| format!(" ({:.0}%)", p * 100.0));
    match g.target {
        Some(t) if t >= g.baseline => format!("{} of {}{pct}", number(g.current), unit(t)),
        Some(t) => format!("{}, down to {}{pct}", unit(g.current), number(t)),
        None => format!("{}, no target yet", unit(g.current)),
    }
}

/// The portfolio summary.
pub fn portfolio(ws: &Workspace, today: NaiveDate) -> String {
    let idx = Index::build(ws);
    let ov = overview(ws, &idx, today);
    let mut out = String::new();
    let title = if ws.profile.name.trim().is_empty() {
        "Partnerships".to_string()
    } else {
        format!("Partnerships of {}", one_line(&ws.profile.name))
    };
    let _ = writeln!(out, "# {title}\n");
    let n = ws.partners.len();
    let mut line = format!("As of {today} · {}", count(n, "partner"));
    let phases: Vec<String> = Phase::ALL
        .iter()
        .filter_map(|ph| {
            let k = ws.partners.iter().filter(|p| p.phase == *ph).count();
            (k > 0).then(|| format!("{k} {ph}"))
        })
        .collect();
    if !phases.is_empty() {
        line.push_str(&format!(": {}", phases.join(", ")));
    }
    if !ov.summaries.is_empty() {
        let mean = ov
            .summaries
            .iter()
            .map(|s| f64::from(s.health))
            .sum::<f64>()
            / ov.summaries.len() as f64;
        line.push_str(&format!(" · mean health {mean:.0}"));
    }
    let _ = writeln!(out, "{line}\n");

    if ws.partners.is_empty() {
        let _ = writeln!(out, "No partners yet.");
        return out;
    }

    let _ = writeln!(out, "## Partners\n");
    let _ = writeln!(
        out,
        "| Partner | Kind | Phase | Health | Last contact | Contact | Next review | Open items |"
    );
    let _ = writeln!(out, "|---|---|---|--:|---|---|---|--:|");
    for sum in &ov.summaries {
        let Some(p) = ws.partner(sum.partner) else {
            continue;
        };
        let last = match sum.last_contact {
            Some(d) => format!("{d} ({})", relative(d, today)),
            None => "never".into(),
        };
        let review = partner_insight(ws, &idx, p.id, today)
            .filter(|_| p.phase != Phase::Ended)
            .map(|i| {
                let d = i.practices.improvement.next_due;
                let mark = if i.practices.improvement.due {
                    "! "
                } else {
                    ""
                };
                format!("{mark}{d} ({})", relative(d, today))
            })
            .unwrap_or_else(|| "—".into());
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {last} | {} | {review} | {} |",
            cell(&p.name),
            p.kind,
            p.phase,
            sum.health,
            contact_label(sum.contact),
            sum.attention
        );
    }
    let _ = writeln!(
        out,
        "\nContact: ✓ within the ideal cadence, ~ past the ideal, ! past the maximum, ? never \
         contacted. Health is 0–100; `partnerdeck export markdown --partner NAME` explains \
         every point.\n"
    );

    let _ = writeln!(out, "## Needs attention ({})\n", ov.attention.len());
    if ov.attention.is_empty() {
        let _ = writeln!(out, "Nothing needs attention.\n");
    }
    for (i, item) in ov.attention.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. **{}** — {}: {}",
            i + 1,
            one_line(&item.partner_name),
            item.kind.label(),
            one_line(&item.text)
        );
    }
    if !ov.attention.is_empty() {
        out.push('\n');
    }

    let active: Vec<&Goal> = ws
        .goals
        .iter()
        .filter(|g| g.status == GoalStatus::Active)
        .collect();
    if !active.is_empty() {
        let _ = writeln!(out, "## Active goals ({})\n", active.len());
        let _ = writeln!(out, "| Partner | Goal | Progress | Due | Pace |");
        let _ = writeln!(out, "|---|---|---|---|---|");
        let mut insights = std::collections::BTreeMap::new();
        for g in active {
            let insight = insights
                .entry(g.partner)
                .or_insert_with(|| partner_insight(ws, &idx, g.partner, today));
            let name = ws.partner_name(g.partner).unwrap_or("?");
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                cell(name),
                cell(&g.title),
                cell(&goal_progress(g)),
                g.due.map_or("—".to_string(), |d| d.to_string()),
                insight
                    .as_ref()
                    .map_or(String::new(), |i| pace(i, g, today))
            );
        }
        out.push('\n');
    }

    let coming = coming_up(ws, today, COMING_UP_DAYS);
    let _ = writeln!(out, "## Coming up (next {COMING_UP_DAYS} days)\n");
    if coming.is_empty() {
        let _ = writeln!(out, "Nothing dated in the next {COMING_UP_DAYS} days.");
    }
    for (date, partner, what) in &coming {
        let _ = writeln!(
            out,
            "- {date} ({}) · **{}** · {}",
            relative(*date, today),
            one_line(partner),
            one_line(what)
        );
    }
    out
}

/// How an active goal is doing: "on track", "behind", "overdue 3 days", "no target".
fn pace(i: &PartnerInsight, g: &Goal, today: NaiveDate) -> String {
    if let Some(due) = g.due.filter(|d| *d < today) {
        return format!("! overdue {}", days((today - due).num_days()));
    }
    match i.practices.clarity.tracks.iter().find(|t| t.goal == g.id) {
        Some(t) => t.pace.map_or("unknown".into(), |p| p.label().to_string()),
        None if g.target.is_none() => "no target".into(),
        None => "no due date".into(),
    }
}

/// Open things dated from today to `ahead` days on: (date, partner name, what), by date.
pub fn coming_up(ws: &Workspace, today: NaiveDate, ahead: i64) -> Vec<(NaiveDate, String, String)> {
    let soon = |d: NaiveDate| {
        let n = (d - today).num_days();
        (0..=ahead).contains(&n)
    };
    let name = |id: PartnerId| ws.partner_name(id).unwrap_or_default().to_string();
    let mut out = Vec::new();
    for m in ws
        .milestones
        .iter()
        .filter(|m| m.done.is_none() && soon(m.due))
    {
        out.push((m.due, name(m.partner), format!("milestone: {}", m.title)));
    }
    for g in &ws.goals {
        if let Some(due) = g.due.filter(|d| g.status == GoalStatus::Active && soon(*d)) {
            out.push((due, name(g.partner), format!("goal due: {}", g.title)));
        }
    }
    for k in ws
        .commitments
        .iter()
        .filter(|k| k.outcome.is_none() && soon(k.due))
    {
        let whose = match k.side {
            Side::Us => "we promised",
            Side::Them => "they promised",
        };
        out.push((k.due, name(k.partner), format!("{whose}: {}", k.what)));
    }
    for x in &ws.interactions {
        if let Some(f) = x
            .follow_up
            .as_ref()
            .filter(|f| f.done.is_none() && soon(f.due))
        {
            out.push((f.due, name(x.partner), format!("follow-up: {}", f.what)));
        }
    }
    let idx = Index::build(ws);
    for p in ws.partners.iter().filter(|p| p.phase != Phase::Ended) {
        if let Some(i) = partner_insight(ws, &idx, p.id, today) {
            let d = i.practices.improvement.next_due;
            if soon(d) {
                out.push((d, p.name.clone(), "review due".into()));
            }
        }
    }
    out.sort_by(|a, b| (a.0, &a.1, &a.2).cmp(&(b.0, &b.1, &b.2)));
    out
}

/// One partner's full picture; `None` for an unknown partner.
pub fn partner(ws: &Workspace, id: PartnerId, today: NaiveDate) -> Option<String> {
    let idx = Index::build(ws);
    let report = PartnerReport::build(ws, &idx, id, today)?;
    Some(render(&report))
}

/// Lays out one partner's report as Markdown.
pub fn render(report: &PartnerReport<'_>) -> String {
    let mut out = String::new();
    profile_section(&mut out, report.partner, report.today);
    authors_line(&mut out, report);
    health_section(&mut out, report);
    attention_section(&mut out, &report.insight);
    goals_section(&mut out, report);
    milestones_section(&mut out, report);
    commitments_section(&mut out, report);
    log_section(&mut out, report);
    reviews_section(&mut out, report);
    celebrations_section(&mut out, report);
    out
}

/// Who looks after the partner, who added it and who changed it last (when the file says).
fn authors_line(out: &mut String, report: &PartnerReport<'_>) {
    let (p, ws) = (report.partner, report.workspace());
    let owner = p
        .owner
        .as_deref()
        .map(|o| format!("Owner: {}", one_line(ws.member_name(o))));
    let authors = ws
        .authors_words(&p.authors, p.id.0, |d| format!("on {d}"))
        .map(|w| one_line(&w));
    let who: Vec<String> = owner.into_iter().chain(authors).collect();
    if !who.is_empty() {
        let _ = writeln!(out, "{}\n", who.join(" · "));
    }
}

/// The title line and the profile's facts: aim, values, offers and needs, cadence, contacts.
fn profile_section(out: &mut String, p: &Partner, today: NaiveDate) {
    let _ = writeln!(out, "# {}\n", one_line(&p.name));
    let age = (today - p.since).num_days();
    let _ = writeln!(
        out,
        "{} · {} · partner since {} ({}) · report of {today}\n",
        p.kind,
        p.phase,
        p.since,
        match age {
            a if a < 0 => "starts later".to_string(),
            a if a < 60 => days(a),
            a if a < 730 => crate::words::count(a * 12 / 365, "month"),
            a => format!("{} years", a / 365),
        }
    );
    let mut facts = Vec::new();
    if !p.aim.trim().is_empty() {
        facts.push(format!("- **Aim:** {}", one_line(&p.aim)));
    }
    for (label, list) in [
        ("Values", &p.values),
        ("They offer", &p.offers),
        ("They need", &p.needs),
        ("Tags", &p.tags),
    ] {
        if !list.is_empty() {
            facts.push(format!("- **{label}:** {}", one_line(&list.join(", "))));
        }
    }
    facts.push(format!(
        "- **Cadence:** ideally every {}, at most {}; reviews every {}",
        days(i64::from(p.cadence.ideal_days)),
        days(i64::from(p.cadence.max_days)),
        days(i64::from(p.review_interval_days))
    ));
    if !p.contacts.is_empty() {
        facts.push("- **Contacts:**".into());
        for c in &p.contacts {
            let extra: Vec<&str> = [c.role.trim(), c.email.trim(), c.phone.trim()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
            if extra.is_empty() {
                facts.push(format!("  - {}", one_line(&c.name)));
            } else {
                facts.push(format!(
                    "  - {} — {}",
                    one_line(&c.name),
                    one_line(&extra.join(" · "))
                ));
            }
        }
    }
    if !p.notes.trim().is_empty() {
        facts.push(format!("- **Notes:** {}", one_line(&p.notes)));
    }
    let _ = writeln!(out, "{}\n", facts.join("\n"));
}

/// The health score with every contribution and its reason, what has most to gain, and the
/// monthly history.
fn health_section(out: &mut String, report: &PartnerReport<'_>) {
    let (today, insight, r) = (report.today, &report.insight, &report.records);
    let h = &insight.health;
    let _ = writeln!(out, "## Health: {}/100\n", h.score());
    let _ = writeln!(out, "| Practice | Factor | Points | Why |");
    let _ = writeln!(out, "|---|---|--:|---|");
    for c in &h.contributions {
        let _ = writeln!(
            out,
            "| {} | {} | {}/{} | {} |",
            capitalized(c.practice.label()),
            factor_label(c.factor),
            format_points(c.points),
            format_points(c.max),
            cell(&c.evidence)
        );
    }
    let _ = writeln!(
        out,
        "| **Total** | | **{}/100** | |\n",
        format_points(h.total())
    );
    let short = h.shortfalls();
    if !short.is_empty() {
        let _ = writeln!(out, "Most to gain:");
        for c in short.iter().take(3) {
            let _ = writeln!(
                out,
                "- {} ({}): {} — {} of {} points",
                capitalized(c.practice.label()),
                factor_label(c.factor).to_lowercase(),
                c.evidence,
                format_points(c.points),
                format_points(c.max)
            );
        }
        out.push('\n');
    }
    out.push_str(&super::health::markdown(r, today));
}

/// The partner's attention items.
fn attention_section(out: &mut String, insight: &PartnerInsight) {
    let _ = writeln!(out, "## Needs attention ({})\n", insight.attention.len());
    if insight.attention.is_empty() {
        let _ = writeln!(out, "Nothing needs attention.");
    }
    for item in &insight.attention {
        let _ = writeln!(out, "- {}", one_line(&item.text));
    }
    out.push('\n');
}

/// Every goal with its progress, owner, dates and status.
fn goals_section(out: &mut String, report: &PartnerReport<'_>) {
    let (today, insight, r) = (report.today, &report.insight, &report.records);
    let _ = writeln!(out, "## Goals ({})\n", r.goals.len());
    if r.goals.is_empty() {
        let _ = writeln!(out, "No goals yet.\n");
    } else {
        let _ = writeln!(out, "| Goal | Progress | Owner | Start | Due | Status |");
        let _ = writeln!(out, "|---|---|---|---|---|---|");
        for g in &r.goals {
            let status = match g.status {
                GoalStatus::Active => format!("active · {}", pace(insight, g, today)),
                other => other.label().to_string(),
            };
            let title = if g.metric.trim().is_empty() {
                cell(&g.title)
            } else {
                format!("{} — *{}*", cell(&g.title), cell(&g.metric))
            };
            let gauge = g
                .progress()
                .map_or(String::new(), |p| format!("{} ", bar(p)));
            let _ = writeln!(
                out,
                "| {title} | {gauge}{} | {} | {} | {} | {status} |",
                cell(&goal_progress(g)),
                g.owner,
                g.start,
                g.due.map_or("—".to_string(), |d| d.to_string()),
            );
        }
        out.push('\n');
    }
}

/// The milestone timeline, with today marked in its place.
fn milestones_section(out: &mut String, report: &PartnerReport<'_>) {
    let (today, r) = (report.today, &report.records);
    let _ = writeln!(out, "## Milestones ({})\n", r.milestones.len());
    if r.milestones.is_empty() {
        let _ = writeln!(out, "No milestones yet.\n");
    } else {
        let _ = writeln!(out, "| Due | Milestone | Goal | State |");
        let _ = writeln!(out, "|---|---|---|---|");
        let mut today_marked = false;
        for m in &r.milestones {
            if !today_marked && m.due >= today {
                let _ = writeln!(out, "| **{today}** | **— today —** | | |");
                today_marked = true;
            }
            let goal = m
                .goal
                .and_then(|g| report.goal(g))
                .map_or(String::new(), |g| cell(&g.title));
            let state = match m.done {
                Some(d) if d <= m.due => format!("✓ done {d}"),
                Some(d) => format!("✓ done {d}, {} late", days((d - m.due).num_days())),
                None if m.due < today => format!("! overdue {}", days((today - m.due).num_days())),
                None => format!("◆ {}", relative(m.due, today)),
            };
            let _ = writeln!(out, "| {} | {} | {goal} | {state} |", m.due, cell(&m.title));
        }
        if !today_marked {
            let _ = writeln!(out, "| **{today}** | **— today —** | | |");
        }
        out.push('\n');
    }
}

/// Each side's promise record, then the open commitments.
fn commitments_section(out: &mut String, report: &PartnerReport<'_>) {
    let (today, r) = (report.today, &report.records);
    let pr = &report.insight.practices;
    let _ = writeln!(out, "## Commitments ({})\n", r.commitments.len());
    for side in Side::ALL {
        let rec = pr.trust.side(*side);
        let who = match side {
            Side::Us => "Ours",
            Side::Them => "Theirs",
        };
        let _ = writeln!(
            out,
            "- {who}: {} kept on time, {} kept late, {} missed, {} open and not yet due",
            rec.kept_on_time, rec.kept_late, rec.missed, rec.upcoming
        );
    }
    let open = &report.open_commitments;
    if !open.is_empty() {
        let _ = writeln!(out, "\n| Due | Side | What | |");
        let _ = writeln!(out, "|---|---|---|---|");
        for k in open {
            let when = if k.due < today {
                format!("! overdue {}", days((today - k.due).num_days()))
            } else {
                relative(k.due, today)
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {when} |",
                k.due,
                k.side,
                cell(&k.what)
            );
        }
    }
    out.push('\n');
}

/// The contact state and the most recent log entries.
fn log_section(out: &mut String, report: &PartnerReport<'_>) {
    let (today, r) = (report.today, &report.records);
    let pr = &report.insight.practices;
    let shown: Vec<&&Interaction> = report.past.iter().rev().take(RECENT_LOG).collect();
    let c = &pr.communication;
    let _ = writeln!(
        out,
        "## Recent log ({} of {})\n",
        shown.len(),
        r.interactions.len()
    );
    let last = match c.last_contact {
        Some(d) => format!("last contact {d} ({})", relative(d, today)),
        None => "no contact yet".into(),
    };
    let balance = format!(
        "last {} days: we started {}, they started {}",
        crate::insight::weights::INITIATIVE_WINDOW_DAYS,
        c.ours_recent,
        c.theirs_recent
    );
    let _ = writeln!(
        out,
        "Contact {} — {last}; {balance}; {} ({} overdue).\n",
        contact_label(c.status),
        count(c.open_follow_ups, "open follow-up"),
        c.overdue_follow_ups
    );
    if !shown.is_empty() {
        // Who logged each entry, where the file says for any of them.
        let logged = shown.iter().any(|x| x.authors.by.is_some());
        let (head, rule) = if logged {
            (" Logged by |", "---|")
        } else {
            ("", "")
        };
        let _ = writeln!(
            out,
            "| When | Channel | By | Summary | Feel | Follow-up |{head}"
        );
        let _ = writeln!(out, "|---|---|---|---|---|---|{rule}");
        for x in shown {
            let by = match x.initiated_by {
                Side::Us => "→ us",
                Side::Them => "← them",
            };
            let feel = x.sentiment.map_or(String::new(), |s| format!("{s}/5"));
            let follow = match &x.follow_up {
                None => String::new(),
                Some(f) => match f.done {
                    Some(d) => format!("✓ {} (done {d})", cell(&f.what)),
                    None if f.due < today => format!("! {} (due {})", cell(&f.what), f.due),
                    None => format!("↪ {} (due {})", cell(&f.what), f.due),
                },
            };
            let logger = match (logged, &x.authors.by) {
                (false, _) => String::new(),
                (true, Some(b)) => format!(" {} |", cell(report.workspace().member_name(b))),
                (true, None) => " |".into(),
            };
            let _ = writeln!(
                out,
                "| {} | {} | {by} | {} | {feel} | {follow} |{logger}",
                x.at.format("%Y-%m-%d %H:%M"),
                x.channel,
                cell(&x.summary)
            );
        }
        out.push('\n');
    }
}

/// The reviews held, their trend, the last one's feedback and notes, and when the next is due.
fn reviews_section(out: &mut String, report: &PartnerReport<'_>) {
    let today = report.today;
    let pr = &report.insight.practices;
    let i = &pr.improvement;
    let _ = writeln!(out, "## Reviews ({})\n", i.reviews);
    let held = &report.held_reviews;
    if held.is_empty() {
        let _ = writeln!(out, "No review yet.");
    } else {
        let heads: Vec<&str> = Practice::ALL.iter().map(|p| p.short()).collect();
        let _ = writeln!(out, "| Date | Mean | {} |", heads.join(" | "));
        let _ = writeln!(out, "|---|--:|{}", "--:|".repeat(heads.len()));
        for v in held {
            let scores: Vec<String> = Practice::ALL
                .iter()
                .map(|p| v.ratings.get(*p).score.to_string())
                .collect();
            let _ = writeln!(
                out,
                "| {} | {:.2} | {} |",
                v.date,
                v.ratings.mean(),
                scores.join(" | ")
            );
        }
        out.push('\n');
        match i.trend {
            Some(t) if t > 0.0 => {
                let _ = writeln!(out, "Trend: mean rating up {t:.2} since the review before.");
            }
            Some(t) if t < 0.0 => {
                let _ = writeln!(
                    out,
                    "Trend: mean rating down {:.2} since the review before.",
                    -t
                );
            }
            Some(_) => {
                let _ = writeln!(out, "Trend: mean rating unchanged since the review before.");
            }
            None => {
                let _ = writeln!(out, "Trend: one review so far.");
            }
        }
        if let Some(last) = held.last() {
            let notes: Vec<String> = Practice::ALL
                .iter()
                .filter_map(|p| {
                    let note = last.ratings.get(*p).note.trim();
                    (!note.is_empty())
                        .then(|| format!("- {}: {}", capitalized(p.label()), one_line(note)))
                })
                .collect();
            if !last.feedback.trim().is_empty() {
                let _ = writeln!(out, "\nFeedback of {}:\n", last.date);
                for line in last.feedback.lines() {
                    let _ = writeln!(out, "> {line}");
                }
            }
            if !notes.is_empty() {
                let _ = writeln!(out, "\nNotes of {}:\n\n{}", last.date, notes.join("\n"));
            }
        }
    }
    let due = if i.overdue() {
        format!("overdue by {}", days(-i.days_until_due))
    } else {
        relative(i.next_due, today)
    };
    let _ = writeln!(out, "\nNext review due {} ({due}).\n", i.next_due);
}

/// The celebrations, newest first, and how many recent wins wait for one.
fn celebrations_section(out: &mut String, report: &PartnerReport<'_>) {
    let r = &report.records;
    let pr = &report.insight.practices;
    let _ = writeln!(out, "## Celebrations ({})\n", r.celebrations.len());
    if r.celebrations.is_empty() {
        let _ = writeln!(out, "None yet.");
    }
    for c in r.celebrations.iter().rev() {
        let what = c
            .milestone
            .and_then(|m| report.milestone(m))
            .map_or(String::new(), |m| format!(" — for {}", one_line(&m.title)));
        let with = if c.with.trim().is_empty() {
            String::new()
        } else {
            format!(" (with {})", one_line(&c.with))
        };
        let _ = writeln!(out, "- {}: {}{with}{what}", c.date, one_line(&c.how));
    }
    let uncelebrated = pr.celebration.uncelebrated.len();
    if uncelebrated > 0 {
        let _ = writeln!(
            out,
            "\n{} not celebrated yet.",
            count(uncelebrated, "recent win")
        );
    }
}
