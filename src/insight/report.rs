//! One partner's report: the partner, their records and every figure derived from them,
//! gathered once. The Markdown report (`export::markdown::partner`), the pre-meeting brief
//! (`export::brief`) and the detail view (`app::detail`) each lay out this one value; none of
//! them gathers figures of its own.

use super::clarity::GoalTrack;
use super::index::{Index, PartnerRecords};
use super::partner::{PartnerInsight, partner_insight};
use crate::model::*;
use chrono::NaiveDate;

/// Everything a report on one partner shows, for one day.
#[derive(Debug, Clone, PartialEq)]
pub struct PartnerReport<'a> {
    pub partner: &'a Partner,
    /// The day the figures are for.
    pub today: NaiveDate,
    /// Health with its contributions, the eight practices and the attention items.
    pub insight: PartnerInsight,
    /// The partner's records, each list in time order (as `Index` sorts them).
    pub records: PartnerRecords<'a>,
    /// Log entries on or before today, oldest first.
    pub past: Vec<&'a Interaction>,
    /// Follow-ups not yet done (future log entries' included), with their log entries, by due
    /// date then entry id.
    pub open_follow_ups: Vec<(&'a Interaction, &'a FollowUp)>,
    /// Commitments of both sides without an outcome, by due date.
    pub open_commitments: Vec<&'a Commitment>,
    /// Reviews held on or before today, oldest first.
    pub held_reviews: Vec<&'a Review>,
    /// Goals still active, by start date.
    pub active_goals: Vec<&'a Goal>,
    /// Commitments, reviews and celebrations in the order the workspace keeps them (as they
    /// were entered): the detail view's lists.
    pub kept: Kept<'a>,
    /// For the titles of the goals and milestones that records point at.
    ws: &'a Workspace,
}

impl<'a> PartnerReport<'a> {
    /// The workspace it was gathered from (members' names, linked titles).
    pub fn workspace(&self) -> &'a Workspace {
        self.ws
    }
}

/// A partner's records of some kinds in the workspace's own order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Kept<'a> {
    pub commitments: Vec<&'a Commitment>,
    pub reviews: Vec<&'a Review>,
    pub celebrations: Vec<&'a Celebration>,
}

impl<'a> PartnerReport<'a> {
    /// The report on partner `id` as of `today`; `None` for a partner the workspace (or its
    /// index) does not know. Costs only that partner's records.
    pub fn build(
        ws: &'a Workspace,
        idx: &Index,
        id: PartnerId,
        today: NaiveDate,
    ) -> Option<PartnerReport<'a>> {
        let records = idx.records(ws, id)?;
        let insight = partner_insight(ws, idx, id, today)?;
        let slots = idx.slots(id)?;
        let past = records.interactions_until(today).to_vec();
        let mut open_follow_ups: Vec<(&Interaction, &FollowUp)> = records
            .interactions
            .iter()
            .filter_map(|x| x.follow_up.as_ref().map(|f| (*x, f)))
            .filter(|(_, f)| f.done.is_none())
            .collect();
        open_follow_ups.sort_by_key(|(x, f)| (f.due, x.id));
        let open_commitments = records
            .commitments
            .iter()
            .copied()
            .filter(|k| k.outcome.is_none())
            .collect();
        let held_reviews = records
            .reviews
            .iter()
            .copied()
            .filter(|v| v.date <= today)
            .collect();
        let active_goals = records
            .goals
            .iter()
            .copied()
            .filter(|g| g.status == GoalStatus::Active)
            .collect();
        let kept = Kept {
            commitments: in_list_order(&ws.commitments, &slots.commitments, |r| r.partner == id),
            reviews: in_list_order(&ws.reviews, &slots.reviews, |r| r.partner == id),
            celebrations: in_list_order(&ws.celebrations, &slots.celebrations, |r| r.partner == id),
        };
        Some(PartnerReport {
            partner: records.partner,
            today,
            insight,
            past,
            open_follow_ups,
            open_commitments,
            held_reviews,
            active_goals,
            kept,
            records,
            ws,
        })
    }

    /// A goal that a record points at (a milestone's goal).
    pub fn goal(&self, id: GoalId) -> Option<&'a Goal> {
        self.ws.goal(id)
    }

    /// A milestone that a record points at (a celebration's milestone).
    pub fn milestone(&self, id: MilestoneId) -> Option<&'a Milestone> {
        self.ws.milestone(id)
    }

    /// How a goal is tracked against its schedule (active goals with a target and a due date).
    pub fn track(&self, goal: GoalId) -> Option<&GoalTrack> {
        self.insight
            .practices
            .clarity
            .tracks
            .iter()
            .find(|t| t.goal == goal)
    }

    /// The milestones not yet done and due at most `days` from today (overdue ones included),
    /// leaving out those of dropped goals, by due date.
    pub fn open_milestones_within(&self, days: i64) -> Vec<&'a Milestone> {
        let dropped: Vec<GoalId> = self
            .records
            .goals
            .iter()
            .filter(|g| g.status == GoalStatus::Dropped)
            .map(|g| g.id)
            .collect();
        self.records
            .milestones
            .iter()
            .copied()
            .filter(|m| {
                m.done.is_none()
                    && (m.due - self.today).num_days() <= days
                    && !m.goal.is_some_and(|g| dropped.contains(&g))
            })
            .collect()
    }
}

/// The records at `positions` that `is_own` accepts, in the list's order.
fn in_list_order<'a, T: Clone>(
    list: &'a List<T>,
    positions: &[usize],
    is_own: impl Fn(&T) -> bool,
) -> Vec<&'a T> {
    let mut positions = positions.to_vec();
    positions.sort_unstable();
    positions
        .into_iter()
        .filter_map(|i| list.get(i))
        .filter(|r| is_own(r))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::testkit::*;

    #[test]
    fn gathers_a_partners_records_and_figures_once() {
        let today = day("2026-06-01");
        let mut k = Kit::new();
        let p = k.partner("Acme", "2025-01-01");
        let other = k.partner("Other", "2025-01-01");
        let g = k.goal(p, 0.0, Some(10.0), 2.0, "2026-01-01", Some("2026-12-01"));
        let dropped = k.goal(p, 0.0, None, 0.0, "2026-02-01", None);
        k.ws.goals.get_mut(1).unwrap().status = GoalStatus::Dropped;
        let soon = k.milestone(p, "2026-06-11", None);
        let of_dropped = k.milestone(p, "2026-06-05", None);
        k.milestone(p, "2027-01-01", None);
        k.milestone(p, "2026-05-01", Some("2026-05-01"));
        k.milestone(other, "2026-06-02", None);
        k.ws.milestones.get_mut(0).unwrap().goal = Some(g);
        k.ws.milestones.get_mut(1).unwrap().goal = Some(dropped);
        let later = k.promise(p, Side::Them, "2026-06-10", None);
        let sooner = k.promise(p, Side::Us, "2026-06-04", None);
        k.promise(
            p,
            Side::Us,
            "2026-05-04",
            Some(Outcome::Kept(day("2026-05-03"))),
        );
        let far = k.follow_up(p, "2026-05-20", "2026-07-01", None);
        let near = k.follow_up(p, "2026-05-25", "2026-06-03", None);
        k.follow_up(p, "2026-05-26", "2026-06-02", Some("2026-05-30"));
        k.talk(p, "2026-06-05", Side::Them);
        k.review(p, "2026-03-01", Ratings::uniform(4), None);
        k.review(p, "2026-09-01", Ratings::uniform(3), None);
        let idx = Index::build(&k.ws);

        let r = PartnerReport::build(&k.ws, &idx, p, today).unwrap();
        assert_eq!(r.partner.name, "Acme");
        assert_eq!(r.today, today);
        assert_eq!(r.insight, partner_insight(&k.ws, &idx, p, today).unwrap());
        assert_eq!(r.records, idx.records(&k.ws, p).unwrap());
        assert_eq!(r.past.len(), 3, "the future log entry is not past");
        let follow: Vec<InteractionId> = r.open_follow_ups.iter().map(|(x, _)| x.id).collect();
        assert_eq!(follow, vec![near, far], "open ones, soonest due first");
        let ids = |v: &[&Commitment]| v.iter().map(|c| c.id).collect::<Vec<_>>();
        assert_eq!(ids(&r.open_commitments), vec![sooner, later], "by due date");
        assert_eq!(r.kept.commitments.len(), 3);
        assert_eq!(
            ids(&r.kept.commitments[..2]),
            vec![later, sooner],
            "as entered"
        );
        assert_eq!(
            r.held_reviews.len(),
            1,
            "the planned review is not held yet"
        );
        assert_eq!(r.kept.reviews.len(), 2);
        assert!(r.kept.celebrations.is_empty());
        let goals: Vec<GoalId> = r.active_goals.iter().map(|g| g.id).collect();
        assert_eq!(goals, vec![g]);
        assert!(r.track(g).is_some());
        assert!(r.track(dropped).is_none());
        let due: Vec<MilestoneId> = r.open_milestones_within(90).iter().map(|m| m.id).collect();
        assert_eq!(
            due,
            vec![soon],
            "not the dropped goal's, the far one, the done one, Other's"
        );
        assert!(r.records.milestones.iter().any(|m| m.id == of_dropped));
        assert_eq!(r.goal(g).map(|x| x.id), Some(g));
        assert_eq!(r.milestone(soon).map(|m| m.goal), Some(Some(g)));
        assert!(PartnerReport::build(&k.ws, &idx, PartnerId(9999), today).is_none());
    }
}
