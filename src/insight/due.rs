//! What is due: the attention queue (the dashboard's `t` view, the same items in the same order
//! with the same words) and, within a window of days, what falls due next. `partnerdeck due`
//! prints it; calendars and hooks read it.
//!
//! "Falls due" within N days means a due date from today to today + N, both included, of:
//! an open follow-up, a milestone not done (its goal not dropped), an unresolved commitment, an
//! active goal's deadline, a review whose next date is after today (one due today or earlier is
//! in the queue already), and the day a contact lapses (partners not paused). Partners in phase
//! *ended* have nothing due, as in the queue. Snoozed items are left out of both lists, by the
//! same key: `followup-42` snoozed hides the follow-up whether it is overdue or coming.
//!
//! Coming items are ordered by due date, then kind (the order of [`ComingKind`]), then partner
//! name, partner id and record id.

use super::attention::{self, AttentionItem, Snoozed, item_key};
use super::dates::{days_between, plus_days};
use super::index::{Index, PartnerRecords};
use super::practices::{AttentionFigures, AttentionInputs};
use super::record_ref::RecordRef;
use crate::model::*;
use chrono::NaiveDate;
use std::collections::HashSet;

/// What a coming item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ComingKind {
    /// The day the contact passes its cadence's maximum.
    ContactLapses,
    FollowUp,
    Milestone,
    OurCommitment,
    TheirCommitment,
    Review,
    Goal,
}

impl ComingKind {
    /// The first part of the item's key (the same as the overdue item's).
    pub fn key_kind(self) -> &'static str {
        match self {
            ComingKind::ContactLapses => "contact",
            ComingKind::FollowUp => "followup",
            ComingKind::Milestone => "milestone",
            ComingKind::OurCommitment | ComingKind::TheirCommitment => "commitment",
            ComingKind::Review => "review",
            ComingKind::Goal => "goal",
        }
    }

    /// The name scripts see, snake_case.
    pub fn name(self) -> &'static str {
        match self {
            ComingKind::ContactLapses => "contact_lapses",
            ComingKind::FollowUp => "follow_up",
            ComingKind::Milestone => "milestone",
            ComingKind::OurCommitment => "our_commitment",
            ComingKind::TheirCommitment => "their_commitment",
            ComingKind::Review => "review",
            ComingKind::Goal => "goal",
        }
    }

    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            ComingKind::ContactLapses => "contact lapses",
            ComingKind::FollowUp => "follow-up",
            ComingKind::Milestone => "milestone",
            ComingKind::OurCommitment => "our commitment",
            ComingKind::TheirCommitment => "their commitment",
            ComingKind::Review => "review",
            ComingKind::Goal => "goal deadline",
        }
    }
}

/// Something falling due within the window.
#[derive(Debug, Clone, PartialEq)]
pub struct Coming {
    pub kind: ComingKind,
    pub partner: PartnerId,
    pub partner_name: String,
    pub record: RecordRef,
    pub due: NaiveDate,
    /// Days from today to `due` (0: today).
    pub days_left: i64,
    /// A sentence without the partner name, e.g. "Follow-up due in 3 days: send the deck".
    pub text: String,
    /// What it is about, e.g. "send the deck".
    pub subject: String,
    /// "today", "in 3d".
    pub when: String,
}

impl Coming {
    /// `<kind>-<record id>`, as [`AttentionItem::key`].
    pub fn key(&self) -> String {
        item_key(self.kind.key_kind(), self.record.raw())
    }
}

/// The queue and what falls due within `within` days (none without a window).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Due {
    /// The attention queue, most urgent first: what the dashboard's `t` view shows.
    pub now: Vec<AttentionItem>,
    /// What falls due within the window, soonest first.
    pub coming: Vec<Coming>,
}

/// What is due on `today`, and within `within` days after. One pass over the partners, split
/// between the cores when there are many.
pub fn due(ws: &Workspace, idx: &Index, today: NaiveDate, within: Option<u32>) -> Due {
    const PER_THREAD: usize = 64;
    let snoozed = Snoozed::new(ws, today);
    let n = ws.partners.len();
    let threads = std::thread::available_parallelism()
        .map_or(1, |t| t.get())
        .min(n / PER_THREAD)
        .max(1);
    let part = |range: std::ops::Range<usize>| {
        let mut out = Due::default();
        for p in ws.partners.range(range) {
            let Some(r) = idx.records(ws, p.id) else {
                continue;
            };
            let figures = AttentionFigures::assess(&r, today);
            let pr = figures.inputs();
            let from = out.now.len();
            attention::collect(&r, pr, today, &mut out.now);
            snoozed.drop_from(&mut out.now, from);
            if let Some(days) = within {
                let from = out.coming.len();
                coming(&r, pr, today, days, &mut out.coming);
                snoozed.drop_from(&mut out.coming, from);
            }
        }
        out
    };
    let parts: Vec<Due> = if threads == 1 {
        vec![part(0..n)]
    } else {
        let chunk = n.div_ceil(threads).max(1);
        std::thread::scope(|scope| {
            let part = &part;
            let handles: Vec<_> = (0..n)
                .step_by(chunk)
                .map(|start| scope.spawn(move || part(start..(start + chunk).min(n))))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        })
    };
    let mut all = Due::default();
    for p in parts {
        all.now.extend(p.now);
        all.coming.extend(p.coming);
    }
    attention::sort(&mut all.now);
    all.coming.sort_by(order);
    all
}

/// The part of `ws` that [`due`] (and so the attention queue, [`attention::attention`]) reads
/// on any day from `from` on, for keeping beside the workspace (`partnerdeck due` reads it
/// instead of the whole file): every record but the log entries that can no longer matter. A
/// log entry matters while its follow-up is open, or as a partner's last contact: on a day
/// from `from` on that is the partner's latest entry dated on or before that day, never one
/// dated before the partner's last contact as of `from`. Those older entries (without an open
/// follow-up) are left out; the rest is kept as it is. For every day from `from` on,
/// `due(&inputs(ws, from), …)` is `due(ws, …)` (a property test holds it to that).
pub fn inputs(ws: &Workspace, from: NaiveDate) -> Workspace {
    let mut last: rustc_hash::FxHashMap<PartnerId, NaiveDate> = Default::default();
    for x in ws.interactions.iter() {
        let d = x.at.date();
        if d <= from {
            let l = last.entry(x.partner).or_insert(d);
            *l = (*l).max(d);
        }
    }
    let matters = |x: &&Interaction| {
        x.follow_up.as_ref().is_some_and(|f| f.done.is_none())
            || last.get(&x.partner).is_none_or(|l| x.at.date() >= *l)
    };
    Workspace {
        version: ws.version,
        profile: ws.profile.clone(),
        partners: ws.partners.clone(),
        goals: ws.goals.clone(),
        milestones: ws.milestones.clone(),
        interactions: ws.interactions.iter().filter(matters).cloned().collect(),
        commitments: ws.commitments.clone(),
        reviews: ws.reviews.clone(),
        celebrations: ws.celebrations.clone(),
        review_actions: ws.review_actions.clone(),
        drafts: ws.drafts.clone(),
        conflicts: ws.conflicts.clone(),
        snoozes: ws.snoozes.clone(),
        share_settings: ws.share_settings.clone(),
        received: ws.received.clone(),
        ingested: ws.ingested.clone(),
        members: ws.members.clone(),
    }
}

impl attention::Snoozable for Coming {
    fn partner(&self) -> PartnerId {
        self.partner
    }
    fn key(&self) -> String {
        Coming::key(self)
    }
}

/// Soonest first, then kind, partner name, partner id, record id.
pub fn order(a: &Coming, b: &Coming) -> std::cmp::Ordering {
    a.due
        .cmp(&b.due)
        .then(a.kind.cmp(&b.kind))
        .then_with(|| a.partner_name.cmp(&b.partner_name))
        .then(a.partner.cmp(&b.partner))
        .then(a.record.raw().cmp(&b.record.raw()))
}

/// "in 3 days" / "today" / "tomorrow".
fn in_days(n: i64) -> String {
    match n {
        0 => "today".into(),
        1 => "tomorrow".into(),
        n => format!("in {}", crate::words::count(n, "day")),
    }
}

/// Appends one partner's coming items (unsorted) to `out`.
pub fn coming(
    r: &PartnerRecords<'_>,
    p: AttentionInputs<'_>,
    today: NaiveDate,
    within: u32,
    out: &mut Vec<Coming>,
) {
    let partner = r.partner;
    if partner.phase == Phase::Ended {
        return;
    }
    let last = plus_days(today, i64::from(within));
    let in_window = |d: NaiveDate| today <= d && d <= last;
    let mut push = |kind: ComingKind, record: RecordRef, due: NaiveDate, what: String| {
        let n = days_between(today, due);
        let text = format!("{} due {}: {what}", capitalized(kind.label()), in_days(n));
        out.push(Coming {
            kind,
            partner: partner.id,
            partner_name: partner.name.clone(),
            record,
            due,
            days_left: n,
            text,
            subject: what,
            when: if n == 0 {
                "today".into()
            } else {
                format!("in {n}d")
            },
        });
    };

    let c = &p.communication;
    if partner.phase != Phase::Paused && c.status != super::communication::ContactStatus::Lapsed {
        // Lapsed once the days since contact pass the maximum.
        let lapses = plus_days(today, i64::from(c.max_days) + 1 - c.days_since);
        if in_window(lapses) {
            let what = match c.last_contact {
                Some(d) => format!("last contact {d}, limit {}d", c.max_days),
                None => format!("no contact yet, limit {}d", c.max_days),
            };
            push(
                ComingKind::ContactLapses,
                RecordRef::Partner(partner.id),
                lapses,
                what,
            );
        }
    }

    for x in &r.interactions {
        if let Some(f) = &x.follow_up
            && f.done.is_none()
            && in_window(f.due)
        {
            push(
                ComingKind::FollowUp,
                RecordRef::Interaction(x.id),
                f.due,
                f.what.clone(),
            );
        }
    }

    let dropped: HashSet<GoalId> = r
        .goals
        .iter()
        .filter(|g| g.status == GoalStatus::Dropped)
        .map(|g| g.id)
        .collect();
    for m in &r.milestones {
        if m.done.is_none() && in_window(m.due) && !m.goal.is_some_and(|g| dropped.contains(&g)) {
            push(
                ComingKind::Milestone,
                RecordRef::Milestone(m.id),
                m.due,
                m.title.clone(),
            );
        }
    }

    for k in &r.commitments {
        if k.outcome.is_none() && in_window(k.due) {
            let kind = match k.side {
                Side::Us => ComingKind::OurCommitment,
                Side::Them => ComingKind::TheirCommitment,
            };
            push(kind, RecordRef::Commitment(k.id), k.due, k.what.clone());
        }
    }

    let i = &p.improvement;
    if !i.due && in_window(i.next_due) {
        let what = if i.last_review.is_none() {
            "first review"
        } else {
            "review"
        };
        push(
            ComingKind::Review,
            RecordRef::Partner(partner.id),
            i.next_due,
            what.into(),
        );
    }

    for g in r.goals.iter().filter(|g| g.status == GoalStatus::Active) {
        if let Some(d) = g.due.filter(|d| in_window(*d)) {
            push(ComingKind::Goal, RecordRef::Goal(g.id), d, g.title.clone());
        }
    }
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn coming_items_fall_in_the_window_and_the_queue_is_the_dashboards() {
        let today = day("2026-11-27");
        let ws = crate::store::demo_workspace(today);
        let idx = Index::build(&ws);
        let d = due(&ws, &idx, today, Some(14));
        assert_eq!(d.now, super::super::attention(&ws, &idx, today));
        assert!(!d.coming.is_empty());
        for c in &d.coming {
            assert!((0..=14).contains(&c.days_left), "{c:?}");
        }
        assert!(d.coming.windows(2).all(|w| order(&w[0], &w[1]).is_le()));
        assert!(due(&ws, &idx, today, None).coming.is_empty());
    }

    #[test]
    fn a_snooze_hides_the_item_until_its_day() {
        let today = day("2026-11-27");
        let mut ws = crate::store::demo_workspace(today);
        let idx = Index::build(&ws);
        let first = super::super::attention(&ws, &idx, today)[0].clone();
        ws.snoozes.push(Snooze {
            item: first.key(),
            partner: first.partner,
            until: day("2026-11-29"),
        });
        let idx = Index::build(&ws);
        let now = due(&ws, &idx, today, None).now;
        assert!(!now.iter().any(|i| i.key() == first.key()));
        let later = due(&ws, &idx, day("2026-11-29"), None).now;
        assert!(later.iter().any(|i| i.key() == first.key()));
    }
}
