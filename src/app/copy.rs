//! Copying the workspace for a change (a change builds a new workspace; the old one stays for
//! undo and for the saver). At the largest sizes the copy is tens of milliseconds of small
//! allocations, so a big workspace is copied on two cores: the log, usually most of it, on one
//! and everything else on the other.

use crate::model::Workspace;

/// Below this many log entries one core copies faster than a thread can be started.
const SPLIT_FROM: usize = 20_000;

/// A copy of `ws`, equal to `ws.clone()`.
pub(super) fn copy(ws: &Workspace) -> Workspace {
    if ws.interactions.len() < SPLIT_FROM {
        return ws.clone();
    }
    std::thread::scope(|scope| {
        let log = scope.spawn(|| ws.interactions.clone());
        let mut rest = Workspace {
            version: ws.version,
            next_id: ws.next_id,
            profile: ws.profile.clone(),
            partners: ws.partners.clone(),
            goals: ws.goals.clone(),
            milestones: ws.milestones.clone(),
            interactions: Default::default(),
            commitments: ws.commitments.clone(),
            reviews: ws.reviews.clone(),
            celebrations: ws.celebrations.clone(),
            review_actions: ws.review_actions.clone(),
            drafts: ws.drafts.clone(),
            conflicts: ws.conflicts.clone(),
        };
        rest.interactions = log.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
        rest
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    #[test]
    fn a_big_workspace_copied_on_two_cores_equals_its_clone() {
        let mut ws = Workspace::named("Us");
        let p = PartnerId(ws.allocate_id());
        let since = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        ws.partners.push(Partner::new(p, "Partner", since));
        for n in 0..SPLIT_FROM + 1 {
            let id = InteractionId(ws.allocate_id());
            ws.interactions.push(Interaction {
                id,
                partner: p,
                at: since.and_hms_opt(9, 0, 0).unwrap(),
                channel: Channel::Call,
                initiated_by: Side::Us,
                summary: format!("call {n}"),
                sentiment: None,
                follow_up: None,
            });
        }
        assert_eq!(copy(&ws), ws);
    }
}
