//! The rows each pane shows, as indexes into the workspace's lists, built once per change of
//! the data (never per frame or per key): partners by name, ended ones last; per partner and overall, goals by
//! status and due date, milestones by due date, log entries newest first. Per-partner lists
//! come from the insight index, so records are grouped by partner only once.

use crate::insight::Index;
use crate::model::{
    Delta, Goal, GoalId, GoalStatus, Interaction, InteractionId, ListDelta, ListKind, Milestone,
    MilestoneId, Partner, PartnerId, Phase, Record, Renumber, Workspace,
};
use rustc_hash::FxHashSet;

/// One partner's rows, by position of the partner in `Workspace::partners`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PartnerRows {
    pub goals: Vec<u32>,
    pub milestones: Vec<u32>,
    pub log: Vec<u32>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rows {
    /// Positions in `Workspace::partners`, by name.
    pub partners: Vec<u32>,
    /// Aligned with `Workspace::partners`.
    pub per_partner: Vec<PartnerRows>,
    pub all_goals: Vec<u32>,
    pub all_milestones: Vec<u32>,
    pub all_log: Vec<u32>,
}

fn goal_order(ws: &Workspace, i: u32) -> (u8, bool, Option<chrono::NaiveDate>, GoalId) {
    let g = &ws.goals[i as usize];
    let status = match g.status {
        GoalStatus::Active => 0,
        GoalStatus::Achieved => 1,
        GoalStatus::Dropped => 2,
    };
    (status, g.due.is_none(), g.due, g.id)
}

fn milestone_order(ws: &Workspace, i: u32) -> (chrono::NaiveDate, MilestoneId) {
    let m = &ws.milestones[i as usize];
    (m.due, m.id)
}

/// Newest first.
fn log_order(ws: &Workspace, i: u32) -> std::cmp::Reverse<(chrono::NaiveDateTime, InteractionId)> {
    let x = &ws.interactions[i as usize];
    std::cmp::Reverse((x.at, x.id))
}

/// Partners by name, ended ones last.
fn partner_key(p: &Partner) -> (bool, String) {
    (p.phase == Phase::Ended, p.name.to_lowercase())
}

/// Positions `0..n` sorted by the keys given in position order (each key unique).
fn sorted<K: Ord>(keys: impl Iterator<Item = K>) -> Vec<u32> {
    let mut keyed: Vec<(K, u32)> = keys.zip(0u32..).collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, i)| i).collect()
}

fn positions(list: &[usize]) -> Vec<u32> {
    list.iter().map(|i| *i as u32).collect()
}

impl Rows {
    pub fn build(ws: &Workspace, index: &Index) -> Rows {
        let n = ws.partners.len();
        let mut partners: Vec<u32> = (0..n as u32).collect();
        let keys: Vec<(bool, String)> = ws.partners.iter().map(partner_key).collect();
        partners.sort_by(|a, b| keys[*a as usize].cmp(&keys[*b as usize]).then(a.cmp(b)));

        let per_partner = ws
            .partners
            .iter()
            .map(|p| PartnerRows::of(ws, index, p.id))
            .collect();

        let mut all_goals: Vec<u32> = (0..ws.goals.len() as u32).collect();
        all_goals.sort_by_cached_key(|i| goal_order(ws, *i));
        // Keys read once, in one pass over the list (looking records up by position for every
        // comparison costs a walk down the list's tree each time).
        let all_milestones = sorted(ws.milestones.iter().map(|m| (m.due, m.id)));
        let all_log = sorted(
            ws.interactions
                .iter()
                .map(|x| std::cmp::Reverse((x.at, x.id))),
        );
        Rows {
            partners,
            per_partner,
            all_goals,
            all_milestones,
            all_log,
        }
    }
}

impl PartnerRows {
    /// One partner's rows, from its index slots.
    fn of(ws: &Workspace, index: &Index, partner: PartnerId) -> PartnerRows {
        let Some(slots) = index.slots(partner) else {
            return PartnerRows::default();
        };
        let mut goals = positions(&slots.goals);
        goals.sort_by_cached_key(|i| goal_order(ws, *i));
        let mut log = positions(&slots.interactions);
        log.reverse();
        PartnerRows {
            goals,
            milestones: positions(&slots.milestones),
            log,
        }
    }
}

/// Renumbers rows after records moved ([`ListDelta::new_position`]), dropping removed ones.
fn renumber(rows: &mut Vec<u32>, renumber: Renumber<'_>) {
    rows.retain_mut(|i| match renumber.at(*i as usize) {
        Some(n) => {
            *i = n as u32;
            true
        }
        None => false,
    });
}

/// Brings one sorted list of rows from the old workspace to the new: the rows of removed and
/// changed records found by their old order (binary search) and taken out, the rest
/// renumbered where records moved, the added and changed ones put in their places by their new
/// order. `order(ws, i)` is the sort key of position `i` in `ws`.
fn follow<K: Ord>(
    rows: &mut Vec<u32>,
    d: &ListDelta,
    (old, new): (&Workspace, &Workspace),
    (old_len, new_len): (usize, usize),
    order: impl Fn(&Workspace, u32) -> K,
) {
    if d.is_empty() {
        return;
    }
    let mut gone: Vec<u32> = d
        .removed
        .iter()
        .copied()
        .chain(d.changed.iter().map(|c| c.0))
        .map(|p| p as u32)
        .collect();
    // From the last row back, so that earlier places stay valid.
    gone.sort_unstable_by_key(|p| std::cmp::Reverse((order(old, *p), *p)));
    for p in gone {
        let key = (order(old, p), p);
        let at = rows.partition_point(|&r| (order(old, r), r) < key);
        if rows.get(at) == Some(&p) {
            rows.remove(at);
        }
    }
    if d.moves_positions(old_len, new_len) {
        renumber(rows, d.renumber());
    }
    for q in d.added.iter().chain(d.changed.iter().map(|c| &c.1)) {
        let q = *q as u32;
        let key = (order(new, q), q);
        let at = rows.partition_point(|&r| (order(new, r), r) < key);
        rows.insert(at, q);
    }
}

impl Rows {
    /// Brings the rows from `old` to `new` (which differ by `delta`), with the index already
    /// brought up to date and `touched` the partners whose records changed: the same rows as
    /// [`Rows::build`] on `new`, in time that grows with the change.
    pub fn update(
        &mut self,
        old: &Workspace,
        new: &Workspace,
        delta: &Delta,
        index: &Index,
        touched: &FxHashSet<PartnerId>,
    ) {
        let lens = |kind: ListKind| match kind {
            ListKind::Partners => (old.partners.len(), new.partners.len()),
            ListKind::Goals => (old.goals.len(), new.goals.len()),
            ListKind::Milestones => (old.milestones.len(), new.milestones.len()),
            _ => (old.interactions.len(), new.interactions.len()),
        };
        let pd = delta.list(ListKind::Partners);
        let (a, b) = lens(ListKind::Partners);
        for &q in &pd.added {
            self.per_partner.insert(q, PartnerRows::default());
        }
        follow(&mut self.partners, pd, (old, new), (a, b), |ws, i| {
            partner_key(&ws.partners[i as usize])
        });
        // Every partner's rows renumbered where records moved; the touched ones made again.
        for kind in [
            ListKind::Goals,
            ListKind::Milestones,
            ListKind::Interactions,
        ] {
            let d = delta.list(kind);
            let (a, b) = lens(kind);
            if !d.moves_positions(a, b) {
                continue;
            }
            let r = d.renumber();
            for rows in &mut self.per_partner {
                match kind {
                    ListKind::Goals => renumber(&mut rows.goals, r),
                    ListKind::Milestones => renumber(&mut rows.milestones, r),
                    _ => renumber(&mut rows.log, r),
                }
            }
        }
        for partner in touched {
            if let Some(slots) = index.slots(*partner)
                && let Some(rows) = self.per_partner.get_mut(slots.partner)
            {
                *rows = PartnerRows::of(new, index, *partner);
            }
        }
        let (a, b) = lens(ListKind::Goals);
        follow(
            &mut self.all_goals,
            delta.list(Goal::LIST),
            (old, new),
            (a, b),
            goal_order,
        );
        let (a, b) = lens(ListKind::Milestones);
        follow(
            &mut self.all_milestones,
            delta.list(Milestone::LIST),
            (old, new),
            (a, b),
            milestone_order,
        );
        let (a, b) = lens(ListKind::Interactions);
        follow(
            &mut self.all_log,
            delta.list(Interaction::LIST),
            (old, new),
            (a, b),
            log_order,
        );
    }
}
