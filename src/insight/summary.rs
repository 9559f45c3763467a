//! Cheap per-partner figures for lists (`PartnerSummary`), and the whole-workspace overview
//! (summaries plus the attention queue, computed in one pass).

use super::attention::{self, AttentionItem};
use super::communication::ContactStatus;
use super::health::health;
use super::index::Index;
use super::partner::practices;
use crate::model::{PartnerId, Phase, Workspace};
use chrono::NaiveDate;

/// The figures a partner list shows.
#[derive(Debug, Clone, PartialEq)]
pub struct PartnerSummary {
    pub partner: PartnerId,
    pub name: String,
    pub phase: Phase,
    pub last_contact: Option<NaiveDate>,
    /// Days since the last contact (since the start without one); never negative.
    pub days_since_contact: i64,
    pub contact: ContactStatus,
    /// Health score 0–100.
    pub health: u8,
    /// Number of attention items.
    pub attention: usize,
    /// A review is due today or earlier.
    pub review_due: bool,
    /// Each practice's share of its maximum points (0.0–1.0), in `Practice::ALL` order.
    pub practice_share: [f32; 8],
    /// Change of the mean review rating since the previous review.
    pub trend: Option<f64>,
}

/// Summaries and the attention queue of the whole workspace.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    /// One per partner, in workspace order.
    pub summaries: Vec<PartnerSummary>,
    /// Every partner's items, most urgent first.
    pub attention: Vec<AttentionItem>,
}

/// Summaries and attention queue in one pass over the partners.
pub fn overview(ws: &Workspace, idx: &Index, today: NaiveDate) -> Overview {
    let mut summaries = Vec::with_capacity(ws.partners.len());
    let mut items = Vec::new();
    for p in &ws.partners {
        let Some(r) = idx.records(ws, p.id) else {
            continue;
        };
        let pr = practices(&r, today);
        let before = items.len();
        attention::collect(&r, &pr, today, &mut items);
        let c = &pr.communication;
        let h = health(&pr);
        let mut practice_share = [0.0f32; 8];
        for (slot, practice) in practice_share.iter_mut().zip(crate::model::Practice::ALL) {
            let (points, max) = h.practice(*practice);
            *slot = if max > 0.0 {
                (points / max) as f32
            } else {
                0.0
            };
        }
        summaries.push(PartnerSummary {
            partner: p.id,
            name: p.name.clone(),
            phase: p.phase,
            last_contact: c.last_contact,
            days_since_contact: c.days_since,
            contact: c.status,
            health: h.score(),
            attention: items.len() - before,
            review_due: pr.improvement.due,
            practice_share,
            trend: pr.improvement.trend,
        });
    }
    attention::sort(&mut items);
    Overview {
        summaries,
        attention: items,
    }
}

/// One summary per partner, in workspace order.
pub fn summaries(ws: &Workspace, idx: &Index, today: NaiveDate) -> Vec<PartnerSummary> {
    overview(ws, idx, today).summaries
}
