//! The rows each pane shows, as indexes into the workspace's lists, built once per change of
//! the data (never per frame or per key): partners by name, ended ones last; per partner and overall, goals by
//! status and due date, milestones by due date, log entries newest first. Per-partner lists
//! come from the insight index, so records are grouped by partner only once.

use crate::insight::Index;
use crate::model::{GoalStatus, Workspace};

/// One partner's rows, by position of the partner in `Workspace::partners`.
#[derive(Debug, Clone, Default)]
pub struct PartnerRows {
    pub goals: Vec<u32>,
    pub milestones: Vec<u32>,
    pub log: Vec<u32>,
}

#[derive(Debug, Clone, Default)]
pub struct Rows {
    /// Positions in `Workspace::partners`, by name.
    pub partners: Vec<u32>,
    /// Aligned with `Workspace::partners`.
    pub per_partner: Vec<PartnerRows>,
    pub all_goals: Vec<u32>,
    pub all_milestones: Vec<u32>,
    pub all_log: Vec<u32>,
}

fn goal_order(ws: &Workspace, i: u32) -> impl Ord {
    let g = &ws.goals[i as usize];
    let status = match g.status {
        GoalStatus::Active => 0,
        GoalStatus::Achieved => 1,
        GoalStatus::Dropped => 2,
    };
    (status, g.due.is_none(), g.due, g.id)
}

fn positions(list: &[usize]) -> Vec<u32> {
    list.iter().map(|i| *i as u32).collect()
}

impl Rows {
    pub fn build(ws: &Workspace, index: &Index) -> Rows {
        let n = ws.partners.len();
        let mut partners: Vec<u32> = (0..n as u32).collect();
        let keys: Vec<(bool, String)> = ws
            .partners
            .iter()
            .map(|p| (p.phase == crate::model::Phase::Ended, p.name.to_lowercase()))
            .collect();
        partners.sort_by(|a, b| keys[*a as usize].cmp(&keys[*b as usize]).then(a.cmp(b)));

        let per_partner = ws
            .partners
            .iter()
            .map(|p| match index.slots(p.id) {
                Some(slots) => {
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
                None => PartnerRows::default(),
            })
            .collect();

        let mut all_goals: Vec<u32> = (0..ws.goals.len() as u32).collect();
        all_goals.sort_by_cached_key(|i| goal_order(ws, *i));
        let mut all_milestones: Vec<u32> = (0..ws.milestones.len() as u32).collect();
        all_milestones.sort_by_key(|i| {
            let m = &ws.milestones[*i as usize];
            (m.due, m.id)
        });
        let mut all_log: Vec<u32> = (0..ws.interactions.len() as u32).collect();
        all_log.sort_unstable_by(|a, b| {
            let (x, y) = (&ws.interactions[*a as usize], &ws.interactions[*b as usize]);
            y.at.cmp(&x.at).then(y.id.cmp(&x.id))
        });
        Rows {
            partners,
            per_partner,
            all_goals,
            all_milestones,
            all_log,
        }
    }
}
