//! The rows each pane shows, as indexes into the workspace's lists, built once per change of
//! the data (never per frame or per key): partners by name; per partner and overall, goals by
//! status and due date, milestones by due date, log entries newest first; and each partner's
//! last contact.

use crate::model::{GoalStatus, PartnerId, Workspace};
use chrono::NaiveDateTime;

/// One partner's rows, by position of the partner in `Workspace::partners`.
#[derive(Debug, Clone, Default)]
pub struct PartnerRows {
    pub goals: Vec<u32>,
    pub milestones: Vec<u32>,
    pub log: Vec<u32>,
    pub last_contact: Option<NaiveDateTime>,
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

impl Rows {
    pub fn build(ws: &Workspace) -> Rows {
        let n = ws.partners.len();
        let pos = |id: PartnerId| ws.partners.binary_search_by_key(&id, |p| p.id).ok();
        let mut per_partner = vec![PartnerRows::default(); n];

        let mut partners: Vec<u32> = (0..n as u32).collect();
        let keys: Vec<String> = ws.partners.iter().map(|p| p.name.to_lowercase()).collect();
        partners.sort_by(|a, b| keys[*a as usize].cmp(&keys[*b as usize]).then(a.cmp(b)));

        let mut all_goals: Vec<u32> = (0..ws.goals.len() as u32).collect();
        all_goals.sort_by_cached_key(|i| goal_order(ws, *i));
        for &i in &all_goals {
            if let Some(p) = pos(ws.goals[i as usize].partner) {
                per_partner[p].goals.push(i);
            }
        }

        let mut all_milestones: Vec<u32> = (0..ws.milestones.len() as u32).collect();
        all_milestones.sort_by_key(|i| {
            let m = &ws.milestones[*i as usize];
            (m.due, m.id)
        });
        for &i in &all_milestones {
            if let Some(p) = pos(ws.milestones[i as usize].partner) {
                per_partner[p].milestones.push(i);
            }
        }

        let mut all_log: Vec<u32> = (0..ws.interactions.len() as u32).collect();
        all_log.sort_unstable_by(|a, b| {
            let (x, y) = (&ws.interactions[*a as usize], &ws.interactions[*b as usize]);
            y.at.cmp(&x.at).then(y.id.cmp(&x.id))
        });
        for &i in &all_log {
            let entry = &ws.interactions[i as usize];
            if let Some(p) = pos(entry.partner) {
                let rows = &mut per_partner[p];
                if rows.last_contact.is_none() {
                    rows.last_contact = Some(entry.at);
                }
                rows.log.push(i);
            }
        }

        Rows {
            partners,
            per_partner,
            all_goals,
            all_milestones,
            all_log,
        }
    }
}
