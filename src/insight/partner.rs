//! One partner's full insight: the figures of all eight practices, the health score with its
//! contributions, and the partner's attention items.

use super::attention::{self, AttentionItem};
use super::health::{Health, health};
use super::index::{Index, PartnerRecords};
use super::{celebration, clarity, communication, improvement, longterm, strengths, trust, values};
use crate::model::{PartnerId, Workspace};
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

/// Everything the insight layer knows about one partner on a given day.
#[derive(Debug, Clone, PartialEq)]
pub struct PartnerInsight {
    pub partner: PartnerId,
    pub practices: Practices,
    pub health: Health,
    /// This partner's attention items, most urgent first.
    pub attention: Vec<AttentionItem>,
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

/// The full insight of one partner; `None` when the partner is unknown. Costs only that
/// partner's records.
pub fn partner_insight(
    ws: &Workspace,
    idx: &Index,
    partner: PartnerId,
    today: NaiveDate,
) -> Option<PartnerInsight> {
    let r = idx.records(ws, partner)?;
    let practices = practices(&r, today);
    let health = health(&practices);
    let mut items = Vec::new();
    attention::collect(&r, &practices, today, &mut items);
    attention::sort(&mut items);
    Some(PartnerInsight {
        partner,
        practices,
        health,
        attention: items,
    })
}
