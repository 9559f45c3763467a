//! One partner's full insight: the figures of all eight practices (`practices`), the health
//! score with its contributions, and the partner's attention items.

use super::attention::{self, AttentionItem};
use super::health::{Health, health};
use super::index::Index;
use super::practices::{Practices, practices};
use crate::model::{PartnerId, Workspace};
use chrono::NaiveDate;

/// Everything the insight layer knows about one partner on a given day.
#[derive(Debug, Clone, PartialEq)]
pub struct PartnerInsight {
    pub partner: PartnerId,
    pub practices: Practices,
    pub health: Health,
    /// This partner's attention items, most urgent first.
    pub attention: Vec<AttentionItem>,
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
    attention::collect(&r, practices.attention_inputs(), today, &mut items);
    attention::Snoozed::new(ws, today).drop_from(&mut items, 0);
    attention::sort(&mut items);
    Some(PartnerInsight {
        partner,
        practices,
        health,
        attention: items,
    })
}
