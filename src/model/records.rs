//! The records of a workspace. Fields added after version 1 must carry `#[serde(default)]`.

use super::authors::Authors;
use super::enums::*;
use super::ids::*;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// Our own side: who we are, what we value, offer and need.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub name: String,
    #[serde(default)]
    pub values: Vec<String>,
    #[serde(default)]
    pub offers: Vec<String>,
    #[serde(default)]
    pub needs: Vec<String>,
    /// Our team's mail addresses (`ana@our.org`), or whole domains (`@our.org`): what `ingest`
    /// counts as us, to tell who started a conversation.
    #[serde(default)]
    pub team: Vec<String>,
}

/// A person at a partner.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
}

impl Contact {
    /// What separates the fields of one contact written as text.
    pub const FIELD_SEPARATOR: &'static str = " | ";
    /// What separates contacts written as text.
    pub const SEPARATOR: &'static str = "; ";

    /// The contact as `name | role | email | phone` (empty fields at the end left off): how
    /// the partner form and the CSV tables write it.
    pub fn text(&self) -> String {
        let mut fields = vec![
            self.name.trim(),
            self.role.trim(),
            self.email.trim(),
            self.phone.trim(),
        ];
        while fields.len() > 1 && fields.last().is_some_and(|f| f.is_empty()) {
            fields.pop();
        }
        fields.join(Self::FIELD_SEPARATOR)
    }

    /// Contacts as text: each as [`Contact::text`], separated by `; `.
    pub fn list_text(contacts: &[Contact]) -> String {
        let all: Vec<String> = contacts.iter().map(Contact::text).collect();
        all.join(Self::SEPARATOR)
    }

    /// Contacts written as [`Contact::list_text`] writes them, read back (empty ones dropped).
    pub fn parse_list(text: &str) -> Vec<Contact> {
        text.split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|one| {
                let mut f = one.split('|').map(|s| s.trim().to_string());
                Contact {
                    name: f.next().unwrap_or_default(),
                    role: f.next().unwrap_or_default(),
                    email: f.next().unwrap_or_default(),
                    phone: f.next().unwrap_or_default(),
                }
            })
            .collect()
    }

    /// What is wrong with a contact typed by a person: it needs a name, and an email address
    /// has an @.
    pub fn problem(&self) -> Option<&'static str> {
        if self.name.trim().is_empty() {
            Some("needs a name (name | role | email | phone)")
        } else if !self.email.trim().is_empty() && !self.email.contains('@') {
            Some("has an email address without an @")
        } else {
            None
        }
    }
}

/// How often we mean to be in touch: ideally every `ideal_days`, never more than `max_days`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cadence {
    pub ideal_days: u32,
    pub max_days: u32,
}

impl Default for Cadence {
    fn default() -> Self {
        Cadence {
            ideal_days: 14,
            max_days: 30,
        }
    }
}

/// A partnership.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    pub id: PartnerId,
    pub name: String,
    pub kind: PartnerKind,
    pub phase: Phase,
    #[serde(deserialize_with = "super::serde_dates::date")]
    pub since: NaiveDate,
    #[serde(default)]
    pub values: Vec<String>,
    #[serde(default)]
    pub offers: Vec<String>,
    #[serde(default)]
    pub needs: Vec<String>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    pub cadence: Cadence,
    /// Days between periodic reviews.
    #[serde(default = "default_review_interval")]
    pub review_interval_days: u32,
    /// The long-term aim of the partnership.
    #[serde(default)]
    pub aim: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub notes: String,
    /// The partner's mail domains (`acme.org`, which also covers `eu.acme.org`): mail from or
    /// to them is the partner's, for `ingest`.
    #[serde(default)]
    pub domains: Vec<String>,
    /// Who added it and who changed it last (absent from records from before authors).
    #[serde(default, skip_serializing_if = "super::skip::no_authors")]
    pub authors: Authors,
    /// The team member who looks after the relationship (a member's key).
    #[serde(default, skip_serializing_if = "super::skip::none")]
    pub owner: Option<String>,
}

pub fn default_review_interval() -> u32 {
    90
}

impl Partner {
    /// A new partner with sensible defaults.
    pub fn new(id: PartnerId, name: impl Into<String>, since: NaiveDate) -> Self {
        Partner {
            authors: Default::default(),
            owner: None,
            id,
            name: name.into(),
            kind: PartnerKind::Business,
            phase: Phase::Exploring,
            since,
            values: Vec::new(),
            offers: Vec::new(),
            needs: Vec::new(),
            contacts: Vec::new(),
            cadence: Cadence::default(),
            review_interval_days: default_review_interval(),
            aim: String::new(),
            tags: Vec::new(),
            notes: String::new(),
            domains: Vec::new(),
        }
    }
}

/// A measurable goal of a partnership: move `metric` from `baseline` to `target` by `due`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub id: GoalId,
    pub partner: PartnerId,
    pub title: String,
    /// What is measured, e.g. "volunteers placed".
    #[serde(default)]
    pub metric: String,
    /// The unit of the measure, e.g. "people", "EUR", "%".
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub baseline: f64,
    /// `None` when the goal has no measurable target yet.
    #[serde(default)]
    pub target: Option<f64>,
    #[serde(default)]
    pub current: f64,
    pub owner: Owner,
    /// When the goal was set: the start of its time line.
    #[serde(deserialize_with = "super::serde_dates::date")]
    pub start: NaiveDate,
    #[serde(default, deserialize_with = "super::serde_dates::optional_date")]
    pub due: Option<NaiveDate>,
    pub status: GoalStatus,
    /// Who added it and who changed it last (absent from records from before authors).
    #[serde(default, skip_serializing_if = "super::skip::no_authors")]
    pub authors: Authors,
}

impl Goal {
    /// Progress from baseline towards target, 0.0–1.0 (clamped); `None` without a usable target.
    pub fn progress(&self) -> Option<f64> {
        let target = self.target?;
        let span = target - self.baseline;
        if !span.is_finite() || span == 0.0 {
            return if self.current == target {
                Some(1.0)
            } else {
                None
            };
        }
        let p = (self.current - self.baseline) / span;
        p.is_finite().then(|| p.clamp(0.0, 1.0))
    }
}

/// A dated step of a partnership, optionally part of a goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub id: MilestoneId,
    pub partner: PartnerId,
    #[serde(default)]
    pub goal: Option<GoalId>,
    pub title: String,
    #[serde(deserialize_with = "super::serde_dates::date")]
    pub due: NaiveDate,
    #[serde(default, deserialize_with = "super::serde_dates::optional_date")]
    pub done: Option<NaiveDate>,
    /// Who added it and who changed it last (absent from records from before authors).
    #[serde(default, skip_serializing_if = "super::skip::no_authors")]
    pub authors: Authors,
}

/// Something to do after an interaction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    pub what: String,
    #[serde(deserialize_with = "super::serde_dates::date")]
    pub due: NaiveDate,
    #[serde(default, deserialize_with = "super::serde_dates::optional_date")]
    pub done: Option<NaiveDate>,
    /// The team member who is to do it (a member's key).
    #[serde(default, skip_serializing_if = "super::skip::none")]
    pub owner: Option<String>,
}

impl FollowUp {
    /// Days after the contact that a follow-up is due when no date is given.
    pub const DEFAULT_DAYS: u64 = 7;

    /// The follow-up of a contact on `contact`: due on `due`, or [`Self::DEFAULT_DAYS`] after
    /// the contact when no date is given. The one default of the form, `log` and CSV import.
    pub fn after(
        what: impl Into<String>,
        contact: NaiveDate,
        due: Option<NaiveDate>,
        done: Option<NaiveDate>,
    ) -> FollowUp {
        let due = due.unwrap_or_else(|| {
            contact
                .checked_add_days(chrono::Days::new(Self::DEFAULT_DAYS))
                .unwrap_or(contact)
        });
        FollowUp {
            owner: None,
            what: what.into(),
            due,
            done,
        }
    }
}

/// An entry of the communication log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interaction {
    pub id: InteractionId,
    pub partner: PartnerId,
    #[serde(
        deserialize_with = "super::serde_dates::date_time",
        serialize_with = "super::serde_dates::write_date_time"
    )]
    pub at: NaiveDateTime,
    pub channel: Channel,
    pub initiated_by: Side,
    pub summary: String,
    /// How it felt, 1 (poor) to 5 (excellent).
    #[serde(default)]
    pub sentiment: Option<u8>,
    #[serde(default)]
    pub follow_up: Option<FollowUp>,
    /// Who added it and who changed it last (absent from records from before authors).
    #[serde(default, skip_serializing_if = "super::skip::no_authors")]
    pub authors: Authors,
}

/// How a commitment ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Kept(#[serde(deserialize_with = "super::serde_dates::date")] NaiveDate),
    Missed(#[serde(deserialize_with = "super::serde_dates::date")] NaiveDate),
}

/// A promise made by one side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    pub id: CommitmentId,
    pub partner: PartnerId,
    pub side: Side,
    pub what: String,
    #[serde(deserialize_with = "super::serde_dates::date")]
    pub due: NaiveDate,
    #[serde(default)]
    pub outcome: Option<Outcome>,
    /// The team member who is to keep it (our side) (a member's key).
    #[serde(default, skip_serializing_if = "super::skip::none")]
    pub owner: Option<String>,
    /// Who added it and who changed it last (absent from records from before authors).
    #[serde(default, skip_serializing_if = "super::skip::no_authors")]
    pub authors: Authors,
}

/// A rating of one practice in a review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    /// 1 (poor) to 5 (excellent).
    pub score: u8,
    #[serde(default)]
    pub note: String,
}

/// The ratings of the eight practices, by name so the file reads well.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ratings {
    pub values: Rating,
    pub communication: Rating,
    pub clarity: Rating,
    pub strengths: Rating,
    pub trust: Rating,
    pub long_term: Rating,
    pub improvement: Rating,
    pub celebration: Rating,
}

impl Ratings {
    /// The same score, without notes, for every practice.
    pub fn uniform(score: u8) -> Self {
        let r = || Rating {
            score,
            note: String::new(),
        };
        Ratings {
            values: r(),
            communication: r(),
            clarity: r(),
            strengths: r(),
            trust: r(),
            long_term: r(),
            improvement: r(),
            celebration: r(),
        }
    }

    pub fn get(&self, practice: Practice) -> &Rating {
        match practice {
            Practice::Values => &self.values,
            Practice::Communication => &self.communication,
            Practice::Clarity => &self.clarity,
            Practice::Strengths => &self.strengths,
            Practice::Trust => &self.trust,
            Practice::LongTerm => &self.long_term,
            Practice::Improvement => &self.improvement,
            Practice::Celebration => &self.celebration,
        }
    }

    pub fn get_mut(&mut self, practice: Practice) -> &mut Rating {
        match practice {
            Practice::Values => &mut self.values,
            Practice::Communication => &mut self.communication,
            Practice::Clarity => &mut self.clarity,
            Practice::Strengths => &mut self.strengths,
            Practice::Trust => &mut self.trust,
            Practice::LongTerm => &mut self.long_term,
            Practice::Improvement => &mut self.improvement,
            Practice::Celebration => &mut self.celebration,
        }
    }

    /// Mean score over the eight practices.
    pub fn mean(&self) -> f64 {
        let sum: u32 = Practice::ALL
            .iter()
            .map(|p| u32::from(self.get(*p).score))
            .sum();
        f64::from(sum) / Practice::ALL.len() as f64
    }
}

/// A periodic review of a partnership.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub id: ReviewId,
    pub partner: PartnerId,
    #[serde(deserialize_with = "super::serde_dates::date")]
    pub date: NaiveDate,
    pub ratings: Ratings,
    #[serde(default)]
    pub feedback: String,
    #[serde(default, deserialize_with = "super::serde_dates::optional_date")]
    pub next_review: Option<NaiveDate>,
    /// Who added it and who changed it last (absent from records from before authors).
    #[serde(default, skip_serializing_if = "super::skip::no_authors")]
    pub authors: Authors,
}

/// A win that was marked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Celebration {
    pub id: CelebrationId,
    pub partner: PartnerId,
    #[serde(default)]
    pub milestone: Option<MilestoneId>,
    #[serde(deserialize_with = "super::serde_dates::date")]
    pub date: NaiveDate,
    /// How it was celebrated.
    pub how: String,
    /// With whom.
    #[serde(default)]
    pub with: String,
    /// Who added it and who changed it last (absent from records from before authors).
    #[serde(default, skip_serializing_if = "super::skip::no_authors")]
    pub authors: Authors,
}

/// A record created as a follow-up action of a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActionRecord {
    Goal(GoalId),
    Milestone(MilestoneId),
    Commitment(CommitmentId),
}

impl ActionRecord {
    /// The list the record is in, and its id.
    pub fn target(self) -> (super::ListKind, u64) {
        use super::ListKind;
        match self {
            ActionRecord::Goal(id) => (ListKind::Goals, id.0),
            ActionRecord::Milestone(id) => (ListKind::Milestones, id.0),
            ActionRecord::Commitment(id) => (ListKind::Commitments, id.0),
        }
    }
}

/// Links a review to an action it created (so the next review can look back at it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewLink {
    pub review: ReviewId,
    pub action: ActionRecord,
}

/// What a review action becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActionKind {
    Goal,
    Milestone,
    OurCommitment,
    TheirCommitment,
}

impl ActionKind {
    pub const ALL: &'static [ActionKind] = &[
        ActionKind::Goal,
        ActionKind::Milestone,
        ActionKind::OurCommitment,
        ActionKind::TheirCommitment,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ActionKind::Goal => "goal",
            ActionKind::Milestone => "milestone",
            ActionKind::OurCommitment => "our commitment",
            ActionKind::TheirCommitment => "their commitment",
        }
    }
}

/// An action planned in a review, before it becomes a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlannedAction {
    pub kind: ActionKind,
    pub text: String,
    #[serde(default, deserialize_with = "super::serde_dates::optional_date")]
    pub due: Option<NaiveDate>,
}

/// A review stopped part-way and kept, to be resumed (also after quitting).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewDraft {
    pub partner: PartnerId,
    #[serde(deserialize_with = "super::serde_dates::date")]
    pub started: NaiveDate,
    /// The step to resume at.
    pub step: u8,
    /// Ratings given so far, by practice (`Practice::ALL` order).
    pub scores: Vec<Option<u8>>,
    pub notes: Vec<String>,
    #[serde(default)]
    pub feedback: String,
    #[serde(default)]
    pub actions: Vec<PlannedAction>,
    /// The next review date as typed.
    #[serde(default)]
    pub next_review: String,
}

/// A field two people changed in two different ways (or a record one changed and the other
/// deleted), found by a three-way merge. The record holds `ours` until the user chooses; the
/// values are written as JSON text for a field (exact), as RON text for a whole record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MergeConflict {
    /// The record's kind (`partner`, `goal`, …, or `profile`).
    pub kind: String,
    /// The record's id (0 for the profile).
    pub id: u64,
    /// The field's name; for a conflict over a whole record instead: `(deleted)` when one side
    /// deleted the record and the other changed it (that side's value reads `deleted`),
    /// `(added twice)` when both sides added different records under one id, `(record)` when
    /// the record could not be merged field by field.
    pub field: String,
    pub base: String,
    pub ours: String,
    pub theirs: String,
    /// Who made our side's value, and when: that side's last change of the record (when the
    /// record or the file says).
    #[serde(default, skip_serializing_if = "super::skip::none")]
    pub ours_by: Option<super::authors::Touch>,
    /// Who made their side's value, and when.
    #[serde(default, skip_serializing_if = "super::skip::none")]
    pub theirs_by: Option<super::authors::Touch>,
}
