//! Building the pack for one partner: the declared fields of `model::pack`, and the optional
//! ones only where the partner's share settings name them. Nothing else of the workspace is
//! read into a pack: not other partners, not the health score's factors, not the log, notes or
//! phone numbers (unless named).

use crate::insight::Index;
use crate::insight::history::{history_of, monthly_days};
use crate::model::pack::*;
use crate::model::*;
use chrono::NaiveDate;

/// Months of health trend a pack carries (plus the current one).
pub const HEALTH_MONTHS: u32 = 12;

/// The pack for `partner`, as of `today`. `None` for an unknown partner.
pub fn build(ws: &Workspace, partner: PartnerId, today: NaiveDate) -> Option<Pack> {
    let p = ws.partner(partner)?;
    let settings = ws
        .share_settings
        .iter()
        .find(|s| s.partner == partner)
        .cloned()
        .unwrap_or_else(|| ShareSettings::new(partner));
    let goal_title = |id: GoalId| ws.goal(id).map(|g| g.title.clone());
    let goals = ws
        .goals
        .iter()
        .filter(|g| g.partner == partner)
        .map(|g| PackGoal {
            title: g.title.clone(),
            metric: g.metric.clone(),
            unit: g.unit.clone(),
            baseline: g.baseline,
            target: g.target,
            current: g.current,
            owner: match g.owner {
                Owner::Us => PackSide::Sender,
                Owner::Them => PackSide::Recipient,
                Owner::Joint => PackSide::Both,
            },
            due: g.due,
            status: g.status,
        })
        .collect();
    let milestones = ws
        .milestones
        .iter()
        .filter(|m| m.partner == partner)
        .map(|m| PackMilestone {
            title: m.title.clone(),
            goal: m.goal.and_then(goal_title),
            due: m.due,
            done: m.done,
        })
        .collect();
    let commitments = ws
        .commitments
        .iter()
        .filter(|c| c.partner == partner)
        .map(|c| PackCommitment {
            by: side(c.side),
            what: c.what.clone(),
            due: c.due,
            outcome: c.outcome,
        })
        .collect();
    let celebrations = ws
        .celebrations
        .iter()
        .filter(|c| c.partner == partner)
        .map(|c| PackCelebration {
            date: c.date,
            how: c.how.clone(),
            milestone: c
                .milestone
                .and_then(|m| ws.milestone(m).map(|m| m.title.clone())),
        })
        .collect();
    Some(Pack {
        format: PACK_FORMAT,
        from: ws.profile.name.clone(),
        to: p.name.clone(),
        made: today,
        goals,
        milestones,
        commitments,
        celebrations,
        health: health(ws, partner, today),
        reviews: reviews(ws, partner, &settings),
        extra: extra(ws, p, &settings),
    })
}

/// A commitment's side as the pack tells it.
pub fn side(s: Side) -> PackSide {
    match s {
        Side::Us => PackSide::Sender,
        Side::Them => PackSide::Recipient,
    }
}

fn health(ws: &Workspace, partner: PartnerId, today: NaiveDate) -> Vec<PackHealth> {
    let index = Index::build(ws);
    let Some(records) = index.records(ws, partner) else {
        return Vec::new();
    };
    history_of(&records, &monthly_days(today, HEALTH_MONTHS), today)
        .points
        .iter()
        .map(|p| PackHealth {
            day: p.day,
            score: p.score(),
        })
        .collect()
}

fn reviews(ws: &Workspace, partner: PartnerId, s: &ShareSettings) -> Vec<PackReview> {
    let (ratings, notes, feedback) = (
        s.includes("ratings"),
        s.includes("rating_notes"),
        s.includes("feedback"),
    );
    if !ratings && !notes && !feedback {
        return Vec::new();
    }
    ws.reviews
        .iter()
        .filter(|r| r.partner == partner)
        .map(|r| PackReview {
            date: r.date,
            scores: if ratings {
                Practice::ALL
                    .iter()
                    .map(|p| r.ratings.get(*p).score)
                    .collect()
            } else {
                Vec::new()
            },
            notes: if notes {
                let all = Practice::ALL.iter().map(|p| r.ratings.get(*p).note.clone());
                all.collect()
            } else {
                Vec::new()
            },
            feedback: if feedback {
                r.feedback.clone()
            } else {
                String::new()
            },
        })
        .collect()
}

fn extra(ws: &Workspace, p: &Partner, s: &ShareSettings) -> PackExtra {
    let mut out = PackExtra::default();
    if s.includes("aim") {
        out.aim = p.aim.clone();
    }
    if s.includes("notes") {
        out.notes = p.notes.clone();
    }
    if s.includes("contacts") {
        let phones = s.includes("phones");
        out.contacts = p
            .contacts
            .iter()
            .map(|c| Contact {
                phone: if phones {
                    c.phone.clone()
                } else {
                    String::new()
                },
                ..c.clone()
            })
            .collect();
    }
    if s.includes("log") {
        out.log = ws
            .interactions
            .iter()
            .filter(|i| i.partner == p.id)
            .map(|i| PackLogEntry {
                date: i.at.date(),
                channel: i.channel,
                summary: i.summary.clone(),
            })
            .collect();
    }
    out
}
