//! The health score (0–100) of a partnership and its reasons: one `Contribution` per factor of
//! the weight table (`weights::WEIGHTS`), each with the evidence behind its points. The score
//! is the sum of the points, so every point can be traced to a line of evidence.
//!
//! How each factor's fraction of its maximum is found:
//!
//! * **Aligned values** — *values overlap*: shared values / all distinct values of both sides
//!   (Jaccard, see `normalize`), full marks from 50%, proportional below; 0 while either side
//!   has no values written down.
//! * **Communication** — *contact recency*: last contact within the ideal cadence 1; past the
//!   ideal but within the maximum ½; never contacted but the start within the maximum ½; past
//!   the maximum 0. *Follow-ups*: open follow-ups not overdue / open follow-ups (1 when none).
//!   *Balance*: over the last 90 days, 0 when one side started at least 75% of 4 or more
//!   interactions or there were none, else 1.
//! * **Clear goals** — *measurable*: active goals with a target and a due date / active goals
//!   (0 without). *On track*: measurable active goals on track or ahead and not overdue /
//!   measurable active goals (0 without).
//! * **Leveraged strengths** — *they meet our needs*, *we meet their needs*: matches between
//!   offers and needs in that direction, ½ per match, 1 from 2.
//! * **Trust & respect** — *our promises*, *their promises*: (kept on time + ½ × kept late) /
//!   (kept + missed), missed including unresolved past due; 0 while none has fallen due.
//! * **Long-term view** — *aim*: 1 when a long-term aim is written. *Horizon*: 1 when an active
//!   goal is due more than 90 days ahead. *Maturity*: age in days / 365, at most 1.
//! * **Improvement** — *review schedule*: 1 when reviewed and the next review is not past due;
//!   ½ when never reviewed and the first is not past due; 0 when past due. *Rating trend*:
//!   steady or rising 1; falling by d points 1 − d (0 from a fall of 1); one review only ½;
//!   none 0.
//! * **Celebration** — *recent celebration*: 1 when at least one in the last 182 days. *Wins
//!   celebrated*: celebrated / milestones completed in the last 182 days (1 when none).

use super::factors::judge;
use super::practices::Practices;
use super::weights::{Factor, WEIGHTS};
use crate::model::Practice;
use std::fmt;

/// Points given by one factor, with the evidence for them.
#[derive(Debug, Clone, PartialEq)]
pub struct Contribution {
    pub practice: Practice,
    pub factor: Factor,
    /// Why, in a few words, e.g. "last contact 12 days ago, within the ideal 14 days".
    pub evidence: String,
    pub points: f64,
    pub max: f64,
}

impl fmt::Display for Contribution {
    /// "Communication: last contact 12 days ago, within the ideal 14 days: 7.5/7.5".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = self.practice.label();
        let mut chars = label.chars();
        let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
        write!(
            f,
            "{}{}: {}: {}/{}",
            first.unwrap_or_default(),
            chars.as_str(),
            self.evidence,
            format_points(self.points),
            format_points(self.max)
        )
    }
}

/// Points as text: at most two decimals, no trailing zeros ("7.5", "6.25", "0").
pub fn format_points(value: f64) -> String {
    // Round half away from zero first (3.125 → "3.13"); formatting alone rounds half to even.
    let text = format!("{:.2}", (value * 100.0).round() / 100.0);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.into()
    }
}

/// The health of one partnership: every factor's contribution, in the order of `WEIGHTS`.
#[derive(Debug, Clone, PartialEq)]
pub struct Health {
    pub contributions: Vec<Contribution>,
}

impl Health {
    /// The exact sum of the points, 0–100.
    pub fn total(&self) -> f64 {
        self.contributions.iter().map(|c| c.points).sum()
    }

    /// The score shown to people: the total rounded to a whole number.
    pub fn score(&self) -> u8 {
        self.total().round().clamp(0.0, 100.0) as u8
    }

    /// (points, maximum) of one practice.
    pub fn practice(&self, practice: Practice) -> (f64, f64) {
        self.contributions
            .iter()
            .filter(|c| c.practice == practice)
            .fold((0.0, 0.0), |(p, m), c| (p + c.points, m + c.max))
    }

    /// Contributions that fell short of their maximum, biggest shortfall first (ties in table
    /// order): the things to work on.
    pub fn shortfalls(&self) -> Vec<&Contribution> {
        let mut out: Vec<&Contribution> = self
            .contributions
            .iter()
            .filter(|c| c.points < c.max)
            .collect();
        out.sort_by(|a, b| (b.max - b.points).total_cmp(&(a.max - a.points)));
        out
    }
}

/// Computes every contribution from a partner's practice figures.
pub fn health(p: &Practices) -> Health {
    let contributions = WEIGHTS
        .iter()
        .map(|w| {
            let (fraction, evidence) = judge(w.factor, p);
            let fraction = fraction.clamp(0.0, 1.0);
            Contribution {
                practice: w.practice,
                factor: w.factor,
                evidence,
                points: w.max * fraction,
                max: w.max,
            }
        })
        .collect();
    Health { contributions }
}
