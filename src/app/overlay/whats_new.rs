//! "What's new": what teammates changed since this member last looked (after a sync that
//! brought their changes, at start when the file changed since, or on its key), grouped by
//! author, then partner (`insight::activity`), with derived noise left out and nothing of the
//! member's own. `Enter` on a change goes to the record on the dashboard; closing it (or
//! going to a record) counts as having looked: the app keeps the version seen.

use super::help::HelpView;
use super::scene::Scene;
use super::{Effect, Overlay};
use crate::action::{Action, Context};
use crate::app::cursor::Cursor;
use crate::app::status::Level;
use crate::insight::RecordRef;
use crate::insight::activity::{ByAuthor, What};
use crate::model::{
    Celebration, Commitment, Goal, Interaction, Milestone, Partner, PartnerId, Record, Review,
    Workspace,
};
use chrono::NaiveDate;

/// What is said when there is nothing to show.
pub const NOTHING_NEW: &str = "Nothing new from the team since you last looked";

/// One line of the view.
#[derive(Debug, Clone, PartialEq)]
pub enum NewsRow {
    /// A member's heading: their name and how many changes they made.
    Author { name: String, count: usize },
    /// A partner the changes below it belong to.
    Partner { partner: PartnerId, name: String },
    /// One change.
    Change {
        partner: PartnerId,
        /// The record to go to (`None`: a kind with no place on the dashboard).
        record: Option<RecordRef>,
        kind: &'static str,
        /// What happened, in words ("logged", "moved 40 → 55").
        words: String,
        text: String,
        on: Option<NaiveDate>,
        /// The record was deleted.
        deleted: bool,
    },
}

/// The view's state: its lines and the selected one.
#[derive(Debug, Clone, PartialEq)]
pub struct WhatsNewView {
    pub rows: Vec<NewsRow>,
    pub cursor: Cursor,
    /// How many changes, in all.
    pub changes: usize,
}

impl WhatsNewView {
    /// The lines for `groups`, names read from `ws` (the version after the changes).
    pub fn new(groups: &[ByAuthor], ws: &Workspace) -> WhatsNewView {
        let mut rows = Vec::new();
        let mut changes = 0;
        for g in groups {
            let name = g
                .author
                .as_deref()
                .map_or("(not recorded)".to_string(), |k| {
                    ws.member_name(k).to_string()
                });
            let count = g.partners.iter().map(|(_, v)| v.len()).sum();
            changes += count;
            rows.push(NewsRow::Author { name, count });
            for (partner, items) in &g.partners {
                let name = ws.partner(*partner).map_or_else(
                    || format!("partner #{}", crate::model::ids::short(partner.0)),
                    |p| p.name.clone(),
                );
                rows.push(NewsRow::Partner {
                    partner: *partner,
                    name,
                });
                for h in items {
                    rows.push(NewsRow::Change {
                        partner: h.partner,
                        record: record_ref(h.kind, h.id),
                        kind: h.kind,
                        words: h.what.words(),
                        text: h.text.clone(),
                        on: h.on,
                        deleted: h.what == What::Deleted,
                    });
                }
            }
        }
        // The first change is selected: `Enter` goes to it at once.
        let first = rows
            .iter()
            .position(|r| matches!(r, NewsRow::Change { .. }))
            .unwrap_or(0);
        WhatsNewView {
            rows,
            cursor: Cursor {
                selected: first,
                ..Cursor::default()
            },
            changes,
        }
    }

    /// How many members' changes are listed.
    pub fn authors(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| matches!(r, NewsRow::Author { .. }))
            .count()
    }

    pub(in crate::app) fn update(&mut self, action: Action, scene: &Scene) -> Effect {
        if self
            .cursor
            .navigate(action, self.rows.len(), scene.view_height())
        {
            return Effect::None;
        }
        match action {
            Action::Back | Action::WhatsNew => Effect::Several(vec![Effect::Close, Effect::Looked]),
            Action::Help => Effect::Open(Overlay::Help(HelpView::new(Context::WhatsNew))),
            Action::Open => self.go(scene),
            _ => Effect::None,
        }
    }

    /// `Enter`: the selected change's record (or partner) on the dashboard.
    fn go(&self, scene: &Scene) -> Effect {
        let (partner, record) = match self.rows.get(self.cursor.selected) {
            Some(NewsRow::Partner { partner, .. }) => {
                (*partner, Some(RecordRef::Partner(*partner)))
            }
            Some(NewsRow::Change {
                partner,
                record,
                kind,
                deleted,
                ..
            }) => {
                let gone = *deleted || record.is_none_or(|r| r.partner(scene.ws()).is_none());
                if gone {
                    return Effect::Status(
                        Level::Info,
                        format!("That {kind} is gone: it was deleted since"),
                    );
                }
                (*partner, *record)
            }
            _ => return Effect::Status(Level::Info, "Choose a change to go to it".to_string()),
        };
        let Some(record) = record else {
            return Effect::None;
        };
        if scene.ws().partner(partner).is_none() {
            return Effect::Status(
                Level::Info,
                "That partner is gone: it was deleted since".into(),
            );
        }
        Effect::Several(vec![
            Effect::Looked,
            Effect::Jump {
                partner,
                record,
                then: None,
            },
        ])
    }
}

/// The record a change is about, by its kind's name.
fn record_ref(kind: &str, id: u64) -> Option<RecordRef> {
    use crate::model::{CelebrationId, CommitmentId, GoalId, InteractionId, MilestoneId, ReviewId};
    Some(match kind {
        k if k == Partner::KIND => RecordRef::Partner(PartnerId(id)),
        k if k == Goal::KIND => RecordRef::Goal(GoalId(id)),
        k if k == Milestone::KIND => RecordRef::Milestone(MilestoneId(id)),
        k if k == Interaction::KIND => RecordRef::Interaction(InteractionId(id)),
        k if k == Commitment::KIND => RecordRef::Commitment(CommitmentId(id)),
        k if k == Review::KIND => RecordRef::Review(ReviewId(id)),
        k if k == Celebration::KIND => RecordRef::Celebration(CelebrationId(id)),
        _ => return None,
    })
}
