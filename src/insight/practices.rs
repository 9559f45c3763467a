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
