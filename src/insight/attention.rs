//! The attention queue: what needs doing, across all partners or for one, most urgent first.
//!
//! Ordering rule: items sort by `urgency` (the rank of their kind, lowest first, in the order
//! of `AttentionKind`): lapsed contact, overdue follow-up, overdue milestone, our overdue
//! commitment, their overdue commitment, review due, uncelebrated win, goal behind. Within a
//! kind: more days overdue first, then partner name, then partner id, then record id — so the
//! order is fully deterministic.
//!
//! Partners in phase *ended* raise no items; *paused* partners raise no lapsed-contact items.
//! Milestones of dropped goals are not reported overdue. Items snoozed until a later day
//! (`Workspace::snoozes`, by [`AttentionItem::key`]) are left out of every list ([`Snoozed`]).

use super::dates::days_between;
use super::index::{Index, PartnerRecords};
use super::practices::{AttentionFigures, AttentionInputs};
pub use super::record_ref::RecordRef;
use crate::model::*;
use chrono::NaiveDate;
use std::collections::HashSet;

/// What an attention item is about. The order is the urgency order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AttentionKind {
    /// More than the cadence's maximum days without contact.
    ContactLapsed,
    /// An open follow-up due before today.
    FollowUpOverdue,
    /// A milestone not done and due before today.
    MilestoneOverdue,
    /// One of our commitments unresolved and due before today.
    OurCommitmentOverdue,
    /// One of their commitments unresolved and due before today.
    TheirCommitmentOverdue,
    /// The next review is due today or earlier.
    ReviewDue,
    /// A milestone completed in the last 182 days without a celebration.
    UncelebratedWin,
    /// An active goal overdue, or measurable and behind its schedule.
    GoalBehind,
}

impl AttentionKind {
    pub const ALL: [AttentionKind; 8] = [
        AttentionKind::ContactLapsed,
        AttentionKind::FollowUpOverdue,
        AttentionKind::MilestoneOverdue,
        AttentionKind::OurCommitmentOverdue,
        AttentionKind::TheirCommitmentOverdue,
        AttentionKind::ReviewDue,
        AttentionKind::UncelebratedWin,
        AttentionKind::GoalBehind,
    ];

    /// 0 (most urgent) to 7.
    pub fn urgency(self) -> u8 {
        self as u8
    }

    /// The first part of an item's key (`followup` in `followup-42`): the kind of record the
    /// item is about, the same whether it is overdue or coming (`partnerdeck due`).
    pub fn key_kind(self) -> &'static str {
        match self {
            AttentionKind::ContactLapsed => "contact",
            AttentionKind::FollowUpOverdue => "followup",
            AttentionKind::MilestoneOverdue => "milestone",
            AttentionKind::OurCommitmentOverdue | AttentionKind::TheirCommitmentOverdue => {
                "commitment"
            }
            AttentionKind::ReviewDue => "review",
            AttentionKind::UncelebratedWin => "win",
            AttentionKind::GoalBehind => "goal",
        }
    }

    /// The name scripts see (`partnerdeck due --format json`), snake_case.
    pub fn name(self) -> &'static str {
        match self {
            AttentionKind::ContactLapsed => "contact_lapsed",
            AttentionKind::FollowUpOverdue => "follow_up_overdue",
            AttentionKind::MilestoneOverdue => "milestone_overdue",
            AttentionKind::OurCommitmentOverdue => "our_commitment_overdue",
            AttentionKind::TheirCommitmentOverdue => "their_commitment_overdue",
            AttentionKind::ReviewDue => "review_due",
            AttentionKind::UncelebratedWin => "uncelebrated_win",
            AttentionKind::GoalBehind => "goal_behind",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AttentionKind::ContactLapsed => "contact lapsed",
            AttentionKind::FollowUpOverdue => "follow-up overdue",
            AttentionKind::MilestoneOverdue => "milestone overdue",
            AttentionKind::OurCommitmentOverdue => "our commitment overdue",
            AttentionKind::TheirCommitmentOverdue => "their commitment overdue",
            AttentionKind::ReviewDue => "review due",
            AttentionKind::UncelebratedWin => "uncelebrated win",
            AttentionKind::GoalBehind => "goal behind",
        }
    }
}

/// One thing needing attention.
#[derive(Debug, Clone, PartialEq)]
pub struct AttentionItem {
    pub kind: AttentionKind,
    pub partner: PartnerId,
    pub partner_name: String,
    /// Lapsed contact and review due refer to the partner; follow-ups to their interaction;
    /// wins to the milestone; the rest to their own record.
    pub record: RecordRef,
    /// Short text without the partner name, e.g. "Follow-up 3 days overdue: send the deck".
    pub text: String,
    /// What it is about, without the kind or the days (the Today view's column), e.g. "send
    /// the deck".
    pub subject: String,
    /// The days with what they count, short, e.g. "3d late", "done 5d ago", "7d over limit".
    pub when: String,
    /// Days past due (lapsed contact: past the maximum; win: since completion; goal behind
    /// schedule but not overdue: days of schedule trailed). Never negative.
    pub days_overdue: i64,
    /// `kind.urgency()`; lower is more urgent.
    pub urgency: u8,
}

impl AttentionItem {
    /// The item's key, `<kind>-<record id>` (`followup-42`): what a snooze names, and the `id`
    /// of `partnerdeck due`. Stable while the record lives.
    pub fn key(&self) -> String {
        item_key(self.kind.key_kind(), self.record.raw())
    }
}

/// `<kind>-<id>`: an item's key.
pub fn item_key(kind: &str, id: u64) -> String {
    format!("{kind}-{id}")
}

/// The snoozes in force on a day: which items they hide, by partner.
#[derive(Debug, Clone, Default)]
pub struct Snoozed {
    by_partner: rustc_hash::FxHashMap<PartnerId, Vec<String>>,
}

impl Snoozed {
    /// The workspace's snoozes that hide their items on `today`.
    pub fn new(ws: &Workspace, today: NaiveDate) -> Snoozed {
        let mut by_partner: rustc_hash::FxHashMap<PartnerId, Vec<String>> = Default::default();
        for s in ws.snoozes.iter().filter(|s| s.active(today)) {
            by_partner
                .entry(s.partner)
                .or_default()
                .push(s.item.clone());
        }
        Snoozed { by_partner }
    }

    pub fn is_empty(&self) -> bool {
        self.by_partner.is_empty()
    }

    /// Whether the item `key` of `partner` is snoozed.
    pub fn hides(&self, partner: PartnerId, key: &str) -> bool {
        self.by_partner
            .get(&partner)
            .is_some_and(|items| items.iter().any(|i| i == key))
    }

    /// Drops the snoozed items from `items[from..]` (one partner's, just collected), keeping
    /// the order of the rest.
    pub fn drop_from<T: Snoozable>(&self, items: &mut Vec<T>, from: usize) {
        if self.is_empty() || items.len() <= from {
            return;
        }
        let mut tail = items.split_off(from);
        tail.retain(|i| !self.hides(i.partner(), &i.key()));
        items.append(&mut tail);
    }
}

/// What a snooze can hide: an item of a partner, named by its key.
pub trait Snoozable {
    fn partner(&self) -> PartnerId;
    /// `<kind>-<record id>` ([`item_key`]).
    fn key(&self) -> String;
}

impl Snoozable for AttentionItem {
    fn partner(&self) -> PartnerId {
        self.partner
    }
    fn key(&self) -> String {
        AttentionItem::key(self)
    }
}

fn days(n: i64) -> String {
    crate::words::count(n, "day")
}

/// "3d late": days past due, short.
fn late(n: i64) -> String {
    format!("{}d late", n.max(0))
}

/// Sorts items by the ordering rule of this module.
pub fn sort<T: std::borrow::Borrow<AttentionItem>>(items: &mut [T]) {
    items.sort_by(|a, b| order(a.borrow(), b.borrow()));
}

/// The queue's order: most urgent first, then most overdue, then by partner and record.
pub fn order(a: &AttentionItem, b: &AttentionItem) -> std::cmp::Ordering {
    a.urgency
        .cmp(&b.urgency)
        .then(b.days_overdue.cmp(&a.days_overdue))
        .then_with(|| a.partner_name.cmp(&b.partner_name))
        .then(a.partner.cmp(&b.partner))
        .then(a.record.raw().cmp(&b.record.raw()))
}

/// Appends one partner's items (unsorted) to `out`.
pub fn collect(
    r: &PartnerRecords<'_>,
    p: AttentionInputs<'_>,
    today: NaiveDate,
    out: &mut Vec<AttentionItem>,
) {
    let partner = r.partner;
    if partner.phase == Phase::Ended {
        return;
    }
    let mut items = Items { partner, out };
    contact_lapsed(&mut items, &p);
    follow_ups_overdue(&mut items, r, today);
    milestones_overdue(&mut items, r, today);
    commitments_overdue(&mut items, r, today);
    review_due(&mut items, &p);
    uncelebrated_wins(&mut items, r, &p, today);
    goals_behind(&mut items, r, &p, today);
}

/// One partner's items, as they are found.
struct Items<'a> {
    partner: &'a Partner,
    out: &'a mut Vec<AttentionItem>,
}

impl Items<'_> {
    fn push(
        &mut self,
        kind: AttentionKind,
        record: RecordRef,
        text: String,
        (subject, when): (String, String),
        overdue: i64,
    ) {
        self.out.push(AttentionItem {
            kind,
            partner: self.partner.id,
            partner_name: self.partner.name.clone(),
            record,
            text,
            subject,
            when,
            days_overdue: overdue.max(0),
            urgency: kind.urgency(),
        })
    }
}

/// No contact for longer than the cadence allows (not while the partnership is paused).
fn contact_lapsed(items: &mut Items<'_>, p: &AttentionInputs<'_>) {
    let partner = items.partner;
    let c = &p.communication;
    if c.status == super::communication::ContactStatus::Lapsed && partner.phase != Phase::Paused {
        let text = if c.last_contact.is_some() {
            format!("No contact for {} (max {})", days(c.days_since), c.max_days)
        } else {
            format!(
                "No contact since the start {} ago (max {})",
                days(c.days_since),
                c.max_days
            )
        };
        let over = c.days_since - i64::from(c.max_days);
        let subject = match c.last_contact {
            Some(_) => format!("last contact {}d ago, limit {}d", c.days_since, c.max_days),
            None => format!(
                "none since the start {}d ago, limit {}d",
                c.days_since, c.max_days
            ),
        };
        items.push(
            AttentionKind::ContactLapsed,
            RecordRef::Partner(partner.id),
            text,
            (subject, format!("{}d over limit", over.max(0))),
            over,
        );
    }
}

/// Follow-ups past their due date.
fn follow_ups_overdue(items: &mut Items<'_>, r: &PartnerRecords<'_>, today: NaiveDate) {
    for x in &r.interactions {
        if let Some(f) = &x.follow_up
            && f.done.is_none()
            && f.due < today
        {
            let n = days_between(f.due, today);
            let text = format!("Follow-up {} overdue: {}", days(n), f.what);
            items.push(
                AttentionKind::FollowUpOverdue,
                RecordRef::Interaction(x.id),
                text,
                (f.what.clone(), late(n)),
                n,
            );
        }
    }
}

/// Milestones past their due date, unless their goal was dropped.
fn milestones_overdue(items: &mut Items<'_>, r: &PartnerRecords<'_>, today: NaiveDate) {
    let dropped: HashSet<GoalId> = r
        .goals
        .iter()
        .filter(|g| g.status == GoalStatus::Dropped)
        .map(|g| g.id)
        .collect();
    for m in &r.milestones {
        if m.done.is_none() && m.due < today && !m.goal.is_some_and(|g| dropped.contains(&g)) {
            let n = days_between(m.due, today);
            let text = format!("Milestone {} overdue: {}", days(n), m.title);
            items.push(
                AttentionKind::MilestoneOverdue,
                RecordRef::Milestone(m.id),
                text,
                (m.title.clone(), late(n)),
                n,
            );
        }
    }
}

/// Commitments of either side past their due date.
fn commitments_overdue(items: &mut Items<'_>, r: &PartnerRecords<'_>, today: NaiveDate) {
    for k in &r.commitments {
        if k.outcome.is_none() && k.due < today {
            let n = days_between(k.due, today);
            let (kind, whose) = match k.side {
                Side::Us => (AttentionKind::OurCommitmentOverdue, "Our"),
                Side::Them => (AttentionKind::TheirCommitmentOverdue, "Their"),
            };
            let text = format!("{whose} commitment {} overdue: {}", days(n), k.what);
            items.push(
                kind,
                RecordRef::Commitment(k.id),
                text,
                (k.what.clone(), late(n)),
                n,
            );
        }
    }
}

/// A review due today or overdue.
fn review_due(items: &mut Items<'_>, p: &AttentionInputs<'_>) {
    let partner = items.partner;
    let i = &p.improvement;
    if i.due {
        let first = if i.last_review.is_none() {
            "First review"
        } else {
            "Review"
        };
        let n = -i.days_until_due;
        let text = if n == 0 {
            format!("{first} due today")
        } else {
            format!("{first} {} overdue (due {})", days(n), i.next_due)
        };
        let subject = format!("{first}, due {}", i.next_due);
        let when = if n == 0 {
            "due today".to_string()
        } else {
            late(n)
        };
        items.push(
            AttentionKind::ReviewDue,
            RecordRef::Partner(partner.id),
            text,
            (subject, when),
            n,
        );
    }
}

/// Finished milestones not celebrated yet.
fn uncelebrated_wins(
    items: &mut Items<'_>,
    r: &PartnerRecords<'_>,
    p: &AttentionInputs<'_>,
    today: NaiveDate,
) {
    for id in &p.celebration.uncelebrated {
        if let Some(m) = r.milestones.iter().find(|m| m.id == *id) {
            let n = m.done.map_or(0, |d| days_between(d, today));
            let text = format!("Celebrate: {} (done {} ago)", m.title, days(n));
            items.push(
                AttentionKind::UncelebratedWin,
                RecordRef::Milestone(m.id),
                text,
                (m.title.clone(), format!("done {n}d ago")),
                n,
            );
        }
    }
}

/// Active goals past their due date or behind their pace.
fn goals_behind(
    items: &mut Items<'_>,
    r: &PartnerRecords<'_>,
    p: &AttentionInputs<'_>,
    today: NaiveDate,
) {
    let cl = &p.clarity;
    for g in r.goals.iter().filter(|g| g.status == GoalStatus::Active) {
        let track = cl.tracks.iter().find(|t| t.goal == g.id);
        let done = track
            .and_then(|t| t.progress)
            .map(|p| format!(" ({:.0}% done)", p * 100.0))
            .unwrap_or_default();
        if let Some(due) = g.due.filter(|d| *d < today) {
            let n = days_between(due, today);
            let text = format!("Goal {} overdue: {}{done}", days(n), g.title);
            let subject = format!("{}{done}", g.title);
            items.push(
                AttentionKind::GoalBehind,
                RecordRef::Goal(g.id),
                text,
                (subject, late(n)),
                n,
            );
        } else if let Some(t) = track.filter(|t| t.pace == Some(super::clarity::Pace::Behind)) {
            let progress = t.progress.unwrap_or(0.0) * 100.0;
            let text = format!(
                "Goal behind: {} ({progress:.0}% done, {:.0}% of the time gone)",
                g.title,
                t.elapsed * 100.0
            );
            let subject = format!(
                "{} ({progress:.0}% done, {:.0}% of the time gone)",
                g.title,
                t.elapsed * 100.0
            );
            items.push(
                AttentionKind::GoalBehind,
                RecordRef::Goal(g.id),
                text,
                (subject, format!("{}d behind", t.days_late.max(0))),
                t.days_late,
            );
        }
    }
}

/// One partner's items, most urgent first (empty for an unknown partner).
pub fn partner_attention(
    ws: &Workspace,
    idx: &Index,
    partner: PartnerId,
    today: NaiveDate,
) -> Vec<AttentionItem> {
    let mut out = Vec::new();
    if let Some(r) = idx.records(ws, partner) {
        collect(
            &r,
            AttentionFigures::assess(&r, today).inputs(),
            today,
            &mut out,
        );
    }
    Snoozed::new(ws, today).drop_from(&mut out, 0);
    sort(&mut out);
    out
}

/// Every partner's items, most urgent first (the dashboard's queue, `t`). Snoozed items are
/// left out, here and in every list of items.
pub fn attention(ws: &Workspace, idx: &Index, today: NaiveDate) -> Vec<AttentionItem> {
    let snoozed = Snoozed::new(ws, today);
    let mut out = Vec::new();
    for p in &ws.partners {
        if let Some(r) = idx.records(ws, p.id) {
            let from = out.len();
            collect(
                &r,
                AttentionFigures::assess(&r, today).inputs(),
                today,
                &mut out,
            );
            snoozed.drop_from(&mut out, from);
        }
    }
    sort(&mut out);
    out
}
