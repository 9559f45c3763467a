//! Accepting and skipping proposals: what each adds to the workspace, and the source ids
//! remembered (`Workspace::ingested`) so they are never proposed again. One call takes a whole
//! batch, so the dashboard makes it one change (one undo) and `ingest --apply` one save.

use super::propose::{Kind, Proposal};
use crate::model::{
    Channel, IdsExhausted, Ingested, Interaction, InteractionId, LogEntry, Milestone, MilestoneId,
    Workspace,
};

/// What a batch added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Added {
    pub entries: usize,
    pub milestones: usize,
    pub contacts: usize,
}

impl Added {
    pub fn total(&self) -> usize {
        self.entries + self.milestones + self.contacts
    }
}

/// The log entry a proposal of an email or a meeting is: built as the form and `log` build
/// one ([`LogEntry`]), with no sentiment and no follow-up (the id is given when it is added).
pub fn entry(p: &Proposal) -> Interaction {
    let summary = match p.summary.trim() {
        "" => "(no subject)".to_string(),
        s => s.to_string(),
    };
    LogEntry {
        partner: p.partner,
        at: p.at,
        channel: Some(match p.kind {
            Kind::Meeting | Kind::Upcoming => Channel::Meeting,
            Kind::Email | Kind::Contact => Channel::Email,
        }),
        initiated_by: Some(p.initiated_by),
        summary,
        ..LogEntry::default()
    }
    .build(InteractionId(0))
    .expect("a summary and nothing else that is checked")
}

/// Adds what the proposals propose (a partner gone since is passed over) and remembers them.
pub fn accept<'p>(
    ws: &mut Workspace,
    proposals: impl IntoIterator<Item = &'p Proposal>,
) -> Result<Added, IdsExhausted> {
    let mut added = Added::default();
    let mut decided = Vec::new();
    for p in proposals {
        if ws.partner(p.partner).is_none() {
            continue;
        }
        match p.kind {
            Kind::Email | Kind::Meeting => {
                ws.upsert(entry(p)).ok_or(IdsExhausted)?;
                added.entries += 1;
            }
            Kind::Upcoming => {
                ws.upsert(Milestone {
                    authors: Default::default(),
                    id: MilestoneId(0),
                    partner: p.partner,
                    goal: None,
                    title: format!("Meeting: {}", p.summary),
                    due: p.at.date(),
                    done: None,
                })
                .ok_or(IdsExhausted)?;
                added.milestones += 1;
            }
            Kind::Contact => {
                if let (Some(c), Some(partner)) = (&p.contact, ws.partner_mut(p.partner)) {
                    let email = c.email.to_lowercase();
                    let known = !email.is_empty()
                        && partner
                            .contacts
                            .iter()
                            .any(|k| k.email.to_lowercase() == email);
                    if !known {
                        partner.contacts.push(c.clone());
                        added.contacts += 1;
                    }
                }
            }
        }
        decided.push(Ingested::accepted(p.source.clone()));
    }
    remember(ws, decided);
    Ok(added)
}

/// Remembers proposals as skipped: never proposed again, nothing added.
pub fn skip<'p>(ws: &mut Workspace, proposals: impl IntoIterator<Item = &'p Proposal>) {
    let skipped = proposals
        .into_iter()
        .map(|p| Ingested::skipped(p.source.clone()))
        .collect();
    remember(ws, skipped);
}

/// Adds decisions to the workspace's list (one per source, sorted).
pub fn remember(ws: &mut Workspace, decided: Vec<Ingested>) {
    if decided.is_empty() {
        return;
    }
    let mut all = ws.ingested.to_vec();
    all.extend(decided);
    crate::model::ingested::normalize(&mut all);
    ws.ingested = all.into();
}
