//! The figures of the eight practices for one partner, each from its own file: what the health
//! score, its factors and the attention queue are judged from.

use super::index::PartnerRecords;
use super::{celebration, clarity, communication, improvement, longterm, strengths, trust, values};
use chrono::NaiveDate;

/// The figures of the eight practices for one partner.
#[derive(Debug, Clone, PartialEq)]
pub struct Practices {
    pub values: values::ValuesInsight,
    pub communication: communication::CommunicationInsight,
    pub clarity: clarity::ClarityInsight,
    pub strengths: strengths::StrengthsInsight,
    pub trust: trust::TrustInsight,
    pub long_term: longterm::LongTermInsight,
    pub improvement: improvement::ImprovementInsight,
    pub celebration: celebration::CelebrationInsight,
}

/// The eight practices' figures from one partner's records.
pub fn practices(r: &PartnerRecords<'_>, today: NaiveDate) -> Practices {
    Practices {
        values: values::assess(r),
        communication: communication::assess(r, today),
        clarity: clarity::assess(r, today),
        strengths: strengths::assess(r),
        trust: trust::assess(r, today),
        long_term: longterm::assess(r, today),
        improvement: improvement::assess(r, today),
        celebration: celebration::assess(r, today),
    }
}

/// What the attention queue and what falls due are judged from: four of the eight practices'
/// figures (the other four are never read there), borrowed from [`Practices`]
/// ([`Practices::attention_inputs`]) or from [`AttentionFigures`] where only the queue is
/// wanted (`partnerdeck due`).
#[derive(Debug, Clone, Copy)]
pub struct AttentionInputs<'a> {
    pub communication: &'a communication::CommunicationInsight,
    pub clarity: &'a clarity::ClarityInsight,
    pub improvement: &'a improvement::ImprovementInsight,
    pub celebration: &'a celebration::CelebrationInsight,
}

impl Practices {
    /// The figures the attention queue is judged from.
    pub fn attention_inputs(&self) -> AttentionInputs<'_> {
        AttentionInputs {
            communication: &self.communication,
            clarity: &self.clarity,
            improvement: &self.improvement,
            celebration: &self.celebration,
        }
    }
}

/// The four practices' figures of [`AttentionInputs`], worked out alone (as [`practices`]
/// works them out).
#[derive(Debug, Clone, PartialEq)]
pub struct AttentionFigures {
    communication: communication::CommunicationInsight,
    clarity: clarity::ClarityInsight,
    improvement: improvement::ImprovementInsight,
    celebration: celebration::CelebrationInsight,
}

impl AttentionFigures {
    pub fn assess(r: &PartnerRecords<'_>, today: NaiveDate) -> AttentionFigures {
        AttentionFigures {
            communication: communication::assess(r, today),
            clarity: clarity::assess(r, today),
            improvement: improvement::assess(r, today),
            celebration: celebration::assess(r, today),
        }
    }

    pub fn inputs(&self) -> AttentionInputs<'_> {
        AttentionInputs {
            communication: &self.communication,
            clarity: &self.clarity,
            improvement: &self.improvement,
            celebration: &self.celebration,
        }
    }
}
