//! Where a partner's pack and our record of the partnership disagree, and what accepting or
//! noting a difference changes. Records are matched by their words (titles, what was
//! promised), since the two workspaces number them independently; a commitment the sender
//! made is one the recipient calls theirs.
//!
//! Pure: `differences` reads, `accept` and `note` return the changed workspace.

use crate::insight::PartnerRecords;
use crate::model::find::squash;
use crate::model::pack::*;
use crate::model::*;
use crate::words::number;
use chrono::{NaiveDate, NaiveDateTime};

/// What accepting a difference does: our record takes their value.
#[derive(Debug, Clone, PartialEq)]
pub enum Fix {
    GoalTarget(GoalId, Option<f64>),
    GoalCurrent(GoalId, f64),
    GoalStatus(GoalId, GoalStatus),
    MilestoneDone(MilestoneId, Option<NaiveDate>),
    CommitmentOutcome(CommitmentId, Option<Outcome>),
    /// A celebration they recorded that we have not.
    AddCelebration(PackCelebration),
}

/// One disagreement (or, for their ratings, their view beside ours).
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// The kind of record: `goal`, `milestone`, `commitment`, `celebration`, `review`.
    pub kind: &'static str,
    /// The record, in words (a title, what was promised, a date).
    pub what: String,
    /// The field that differs (`target`, `progress`, `done`, `outcome`, …).
    pub field: &'static str,
    pub ours: String,
    pub theirs: String,
    /// What accepting their side does; `None` when there is nothing to take (their view).
    pub fix: Option<Fix>,
}

impl Difference {
    /// The log entry that notes it ("discussed with them").
    pub fn note_text(&self) -> String {
        format!(
            "Discussed with them: {} “{}” {}: ours {}, theirs {}",
            self.kind, self.what, self.field, self.ours, self.theirs
        )
    }
}

/// The latest pack received from `partner`, if any.
pub fn latest(ws: &Workspace, partner: PartnerId) -> Option<&ReceivedPack> {
    ws.received
        .iter()
        .filter(|r| r.partner == partner)
        .max_by_key(|r| r.received)
}

fn same(a: &str, b: &str) -> bool {
    squash(a) == squash(b)
}

fn value(v: Option<f64>) -> String {
    v.map_or_else(|| "none".to_string(), number)
}

fn outcome(o: Option<Outcome>) -> String {
    match o {
        None => "open".into(),
        Some(Outcome::Kept(d)) => format!("kept {d}"),
        Some(Outcome::Missed(d)) => format!("missed {d}"),
    }
}

fn done(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "not done".into(), |d| format!("done {d}"))
}

/// Every difference between `pack` and our records of the partner (`r`: from the index, so
/// the work is the partner's, whatever the workspace's size), in the order: goals,
/// milestones, commitments, their celebrations, their view of reviews.
pub fn differences(r: &PartnerRecords<'_>, pack: &Pack) -> Vec<Difference> {
    let mut out = Vec::new();
    goals(r, pack, &mut out);
    milestones(r, pack, &mut out);
    commitments(r, pack, &mut out);
    celebrations(r, pack, &mut out);
    reviews(r, pack, &mut out);
    out
}

/// [`differences`] for a workspace without an index at hand (the command line, tests).
pub fn differences_in(ws: &Workspace, partner: PartnerId, pack: &Pack) -> Vec<Difference> {
    let index = crate::insight::Index::build(ws);
    index
        .records(ws, partner)
        .map_or_else(Vec::new, |r| differences(&r, pack))
}

fn goals(r: &PartnerRecords<'_>, pack: &Pack, out: &mut Vec<Difference>) {
    for t in &pack.goals {
        let found = r.goals.iter().find(|g| same(&g.title, &t.title));
        let Some(g) = found else { continue };
        let diff = |field, ours, theirs, fix| Difference {
            kind: "goal",
            what: g.title.clone(),
            field,
            ours,
            theirs,
            fix: Some(fix),
        };
        let differs = |a: f64, b: f64| (a - b).abs() > 1e-9 * a.abs().max(b.abs()).max(1.0);
        let target_differs = match (g.target, t.target) {
            (Some(a), Some(b)) => differs(a, b),
            (a, b) => a.is_some() != b.is_some(),
        };
        if target_differs {
            let (o, th) = (value(g.target), value(t.target));
            out.push(diff("target", o, th, Fix::GoalTarget(g.id, t.target)));
        }
        if differs(g.current, t.current) {
            let (o, th) = (number(g.current), number(t.current));
            out.push(diff("progress", o, th, Fix::GoalCurrent(g.id, t.current)));
        }
        if g.status != t.status {
            let (o, th) = (g.status.label().into(), t.status.label().into());
            out.push(diff("status", o, th, Fix::GoalStatus(g.id, t.status)));
        }
    }
}

fn milestones(r: &PartnerRecords<'_>, pack: &Pack, out: &mut Vec<Difference>) {
    for t in &pack.milestones {
        let found = r.milestones.iter().find(|m| same(&m.title, &t.title));
        let Some(m) = found else { continue };
        if m.done.is_some() != t.done.is_some() {
            out.push(Difference {
                kind: "milestone",
                what: m.title.clone(),
                field: "done",
                ours: done(m.done),
                theirs: done(t.done),
                fix: Some(Fix::MilestoneDone(m.id, t.done)),
            });
        }
    }
}

fn commitments(r: &PartnerRecords<'_>, pack: &Pack, out: &mut Vec<Difference>) {
    for t in &pack.commitments {
        // Their "sender" is our "them".
        let side = match t.by {
            PackSide::Sender => Some(Side::Them),
            PackSide::Recipient => Some(Side::Us),
            PackSide::Both => None,
        };
        let mine = |c: &&&Commitment| same(&c.what, &t.what);
        let found = r
            .commitments
            .iter()
            .find(|c| mine(c) && side.is_none_or(|s| c.side == s))
            .or_else(|| r.commitments.iter().find(mine));
        let Some(c) = found else { continue };
        if c.outcome != t.outcome {
            out.push(Difference {
                kind: "commitment",
                what: format!("{} (due {})", c.what, c.due),
                field: "outcome",
                ours: outcome(c.outcome),
                theirs: outcome(t.outcome),
                fix: Some(Fix::CommitmentOutcome(c.id, t.outcome)),
            });
        }
    }
}

fn celebrations(r: &PartnerRecords<'_>, pack: &Pack, out: &mut Vec<Difference>) {
    for t in &pack.celebrations {
        let known = r
            .celebrations
            .iter()
            .any(|c| c.date == t.date && same(&c.how, &t.how));
        if !known {
            out.push(Difference {
                kind: "celebration",
                what: format!("{} {}", t.date, t.how),
                field: "theirs only",
                ours: "not recorded".into(),
                theirs: match &t.milestone {
                    Some(m) => format!("celebrated ({m})"),
                    None => "celebrated".into(),
                },
                fix: Some(Fix::AddCelebration(t.clone())),
            });
        }
    }
}

fn scores(s: &[u8]) -> String {
    s.iter().map(u8::to_string).collect::<Vec<_>>().join(" ")
}

fn reviews(r: &PartnerRecords<'_>, pack: &Pack, out: &mut Vec<Difference>) {
    for t in pack.reviews.iter().filter(|r| !r.scores.is_empty()) {
        // Ours: the review nearest in time to theirs.
        let ours = r
            .reviews
            .iter()
            .min_by_key(|r| (r.date - t.date).num_days().abs());
        let our_scores: Option<Vec<u8>> = ours.map(|r| {
            Practice::ALL
                .iter()
                .map(|p| r.ratings.get(*p).score)
                .collect()
        });
        // Their view is listed where it differs from ours (the look-back always shows it).
        if our_scores.as_ref() == Some(&t.scores) {
            continue;
        }
        let ours_text = match (ours, &our_scores) {
            (Some(r), Some(s)) => format!("{} {}", r.date, scores(s)),
            _ => "no review".to_string(),
        };
        out.push(Difference {
            kind: "review",
            what: t.date.to_string(),
            field: "their view",
            ours: ours_text,
            theirs: scores(&t.scores),
            fix: None,
        });
    }
}

/// Our workspace with their side of `fix` taken, and what to call the change.
pub fn accept(ws: &Workspace, partner: PartnerId, fix: &Fix) -> Option<(Workspace, String)> {
    let mut ws = ws.clone();
    let said = match fix {
        Fix::GoalTarget(id, v) => {
            let g = ws.find_mut::<Goal>(id.0)?;
            g.target = *v;
            format!("{}: target {} (theirs)", g.title, value(*v))
        }
        Fix::GoalCurrent(id, v) => {
            let g = ws.find_mut::<Goal>(id.0)?;
            g.current = *v;
            format!("{}: progress {} (theirs)", g.title, number(*v))
        }
        Fix::GoalStatus(id, s) => {
            let g = ws.find_mut::<Goal>(id.0)?;
            g.status = *s;
            format!("{}: {} (theirs)", g.title, s.label())
        }
        Fix::MilestoneDone(id, d) => {
            let m = ws.find_mut::<Milestone>(id.0)?;
            m.done = *d;
            format!("{}: {} (theirs)", m.title, done(*d))
        }
        Fix::CommitmentOutcome(id, o) => {
            let c = ws.find_mut::<Commitment>(id.0)?;
            c.outcome = *o;
            format!("{}: {} (theirs)", c.what, outcome(*o))
        }
        Fix::AddCelebration(t) => {
            let milestone = t.milestone.as_ref().and_then(|title| {
                ws.milestones
                    .iter()
                    .find(|m| m.partner == partner && same(&m.title, title))
                    .map(|m| m.id)
            });
            let id = CelebrationId(ws.try_allocate_id().ok()?);
            ws.celebrations.push(Celebration {
                authors: Default::default(),
                id,
                partner,
                milestone,
                date: t.date,
                how: t.how.clone(),
                with: String::new(),
            });
            format!("Celebration {} {} (theirs) added", t.date, t.how)
        }
    };
    Some((ws, said))
}

/// Whether the difference was noted already (a log entry of the partner with its note).
pub fn noted(r: &PartnerRecords<'_>, d: &Difference) -> bool {
    let text = d.note_text();
    r.interactions.iter().any(|i| i.summary == text)
}

/// Our workspace with the difference noted in the log, dated `at`.
pub fn note(ws: &Workspace, partner: PartnerId, d: &Difference, at: NaiveDateTime) -> Workspace {
    let mut ws = ws.clone();
    let id = InteractionId(ws.allocate_id());
    ws.interactions.push(Interaction {
        authors: Default::default(),
        id,
        partner,
        at,
        channel: Channel::Other,
        initiated_by: Side::Us,
        summary: d.note_text(),
        sentiment: None,
        follow_up: None,
    });
    ws
}
